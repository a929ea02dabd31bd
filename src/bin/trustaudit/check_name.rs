//! `trustaudit check-name CERT NAME`: would each runtime accept this certificate for this name?
//! Prints the per-runtime matrix (✓/✗ with the reason and the runtime's own words).

use std::path::PathBuf;

use anyhow::Context as _;
use serde::Serialize;
use trustaudit::hostname::{self, Name, NameCheck, Presented};
use trustaudit::runtime::Runtime;
use trustaudit::Certificate;

use crate::output::Output;
use crate::Outcome;

/// Arguments of `check-name`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The server certificate (PEM or DER); with a PEM bundle, the first certificate is checked.
    cert: PathBuf,
    /// The name a client asks for: a DNS name (Unicode is converted to A-labels), an IPv4
    /// address or an IPv6 address (optionally in brackets). An invalid name exits 2.
    name: Name,
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    name: &'a Name,
    certificate_subject: &'a str,
    certificate_sha256: String,
    presented: &'a [Presented],
    every_runtime_accepts: bool,
    runtimes: Vec<&'a NameCheck>,
    strict: &'a NameCheck,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(&args.cert).with_context(|| format!("reading {}", args.cert.display()))?;
    let cert = Certificate::from_pem_or_der(&bytes).with_context(|| format!("parsing {}", args.cert.display()))?;
    let checks = hostname::check_all(&cert, &args.name);
    let strict = hostname::check_strict(&cert, &args.name);
    let all = checks.iter().all(|(_, c)| c.matched);
    let outcome = if all { Outcome::Clean } else { Outcome::Findings };
    if out.json {
        let report = Report {
            name: &args.name,
            certificate_subject: &cert.subject().rfc4514,
            certificate_sha256: cert.sha256_hex(),
            presented: &strict.presented,
            every_runtime_accepts: all,
            runtimes: checks.iter().map(|(_, c)| c).collect(),
            strict: &strict,
        };
        out.json("check_name", &report)?;
        return Ok(outcome);
    }
    out.text(&render(out, &cert, &args.name, &checks, &strict))?;
    Ok(outcome)
}

fn render(
    out: &Output,
    cert: &Certificate,
    name: &Name,
    checks: &[(Runtime, NameCheck)],
    strict: &NameCheck,
) -> String {
    let presented: Vec<String> = strict.presented.iter().map(ToString::to_string).collect();
    let mut text = format!(
        "{} against {}\n  presents: {}\n",
        out.paint("1", &name.to_string()),
        cert.subject().rfc4514,
        if presented.is_empty() { "no names".to_owned() } else { presented.join(", ") },
    );
    let rows = checks
        .iter()
        .map(|(rt, c)| (rt.name().to_owned(), c))
        .chain(std::iter::once(("strict (RFC 9525, browsers)".to_owned(), strict)));
    for (label, check) in rows {
        if check.matched {
            let by = check.matched_by.as_ref().map(ToString::to_string).unwrap_or_default();
            text.push_str(&format!("  {} {label:<8} matched by {by}\n", out.paint("32", "✓")));
        } else {
            let why = check.reason.map(|r| r.describe()).unwrap_or("no match");
            let about = check.reason_name.as_ref().map(|p| format!(" ({p})")).unwrap_or_default();
            text.push_str(&format!("  {} {label:<8} {why}{about}\n", out.paint("31", "✗")));
            if let Some(msg) = &check.message {
                text.push_str(&format!("             says: {msg}\n"));
            }
        }
    }
    let refusing: Vec<&str> = checks.iter().filter(|(_, c)| !c.matched).map(|(rt, _)| rt.name()).collect();
    if refusing.is_empty() {
        text.push_str("Every runtime accepts this certificate for this name.\n");
    } else {
        text.push_str(&format!(
            "{} refuse it. Put the exact name (or one left-most \"*\" label) in a subjectAltName dNSName, or an iPAddress entry for an IP: no runtime needs the CN then.\n",
            refusing.join(", ")
        ));
    }
    text
}
