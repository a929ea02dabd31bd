//! `trustaudit inspect CHAIN.pem`: is someone in the middle of this chain, who, how sure, and
//! the exact fix for each tool.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;
use trustaudit::cert::UnixTime;
use trustaudit::ct::{self, SctStatus};
use trustaudit::intercept::remediation::{self, ToolSetting};
use trustaudit::intercept::{Inspector, Level, Verdict, Weight};
use trustaudit::{Certificate, TrustStore};

use crate::output::Output;
use crate::Outcome;

/// `trustaudit inspect CHAIN.pem [--name N] [--export-root P] [--write-bundle P]`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The chain as presented by the server: PEM (leaf first) or one DER certificate.
    pub(crate) chain: PathBuf,
    /// The host name the client asked for (default: the leaf's first DNS name).
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Write the interception root as PEM to this path.
    #[arg(long, value_name = "PATH")]
    pub(crate) export_root: Option<PathBuf>,
    /// Write a bundle of the system roots plus the interception root to this path (atomically).
    #[arg(long, value_name = "PATH")]
    pub(crate) write_bundle: Option<PathBuf>,
    /// Another local trust store (file or directory) to judge against; repeatable.
    #[arg(long = "store", value_name = "PATH")]
    pub(crate) stores: Vec<PathBuf>,
    /// A DER OCSP response stapled for the leaf, whose SCTs are checked too.
    #[arg(long, value_name = "FILE")]
    pub(crate) ocsp: Option<PathBuf>,
    /// Judge as of this time (RFC 3339, a date, or Unix seconds) instead of now.
    #[arg(long, value_name = "TIME")]
    pub(crate) at: Option<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    verdict: &'a Verdict,
    remediation: Option<Remediation>,
}

#[derive(Serialize)]
struct Remediation {
    root_subject: Option<String>,
    root_sha256: Option<String>,
    root_pem_path: Option<String>,
    bundle_path: Option<String>,
    bundle_certificates: Option<usize>,
    settings: Vec<ToolSetting>,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(&args.chain).with_context(|| format!("{}", args.chain.display()))?;
    let chain = Certificate::all_from_pem_or_der(&bytes)
        .with_context(|| format!("{}: not a certificate chain", args.chain.display()))?;
    let mozilla = TrustStore::mozilla();
    let system = TrustStore::system();
    let mut extra = Vec::new();
    for p in &args.stores {
        extra.push(TrustStore::from_path(&p.display().to_string(), p)?);
    }
    let mut inspector = Inspector::new(&mozilla).with_local_store(&system);
    for s in &extra {
        inspector = inspector.with_local_store(s);
    }
    if let Some(at) = &args.at {
        inspector = inspector.at(UnixTime::parse(at).map_err(anyhow::Error::msg)?);
    }
    if let Some(path) = &args.ocsp {
        let der = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        let scts = ct::parse_ocsp_response(&der).with_context(|| format!("{}", path.display()))?;
        inspector = inspector.with_extra_scts(scts);
    }
    let verdict = inspector.inspect(&chain, args.name.as_deref())?;

    let remediation = if verdict.verdict == Level::Clean { None } else { Some(remediate(&verdict, &system, args)?) };
    if out.json {
        out.json("inspect", &Report { verdict: &verdict, remediation })?;
    } else {
        out.text(&render(&verdict, remediation.as_ref(), out))?;
    }
    Ok(if verdict.verdict == Level::Clean { Outcome::Clean } else { Outcome::Findings })
}

fn remediate(verdict: &Verdict, system: &TrustStore, args: &Args) -> anyhow::Result<Remediation> {
    let root = verdict.interception_root();
    let mut r = Remediation {
        root_subject: root.map(|c| c.subject().rfc4514.clone()),
        root_sha256: root.map(Certificate::sha256_hex),
        root_pem_path: None,
        bundle_path: None,
        bundle_certificates: None,
        settings: Vec::new(),
    };
    if let Some(root) = root {
        if let Some(p) = &args.export_root {
            remediation::export_root(root, p)?;
            r.root_pem_path = Some(p.display().to_string());
        }
        if let Some(p) = &args.write_bundle {
            r.bundle_certificates = Some(remediation::write_bundle(system, root, p)?);
            r.bundle_path = Some(p.display().to_string());
        }
    }
    // Settings outlive this directory (shell profiles, CI): print absolute paths.
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let bundle = args.write_bundle.as_deref().map_or_else(|| PathBuf::from("BUNDLE.pem"), absolute);
    let root_pem = args.export_root.as_deref().map(absolute);
    r.settings = remediation::tool_settings(&bundle, root_pem.as_deref());
    Ok(r)
}

fn render(v: &Verdict, fix: Option<&Remediation>, out: &Output) -> String {
    let mut t = String::new();
    let colour = match v.verdict {
        Level::Clean => "32",
        Level::Suspected => "33",
        Level::Intercepted => "31",
    };
    let name = v.name.as_deref().unwrap_or("(no name)");
    let _ = writeln!(t, "{name}: {}", out.paint(colour, &v.headline()));
    let _ = writeln!(t, "  leaf:   {}", v.leaf_subject);
    let _ = writeln!(t, "  anchor: {} ({})", v.anchor.subject, describe_anchor(v));
    let _ = writeln!(t, "\nEvidence:");
    for e in &v.evidence {
        let mark = match e.weight {
            Weight::Against => out.paint("31", "x"),
            Weight::For => out.paint("32", "+"),
            Weight::Info => "-".to_owned(),
        };
        let _ = writeln!(t, "  {mark} {}", e.sentence);
    }
    if !v.scts.is_empty() {
        let _ = writeln!(t, "\nSCTs:");
        for c in &v.scts {
            let status = match c.status {
                SctStatus::Verified => out.paint("32", "verified"),
                SctStatus::UnknownLog => out.paint("33", "unknown log"),
                SctStatus::InvalidSignature => out.paint("31", "INVALID signature"),
                SctStatus::Unverifiable => out.paint("33", "not checked"),
                SctStatus::Skipped => "skipped".to_owned(),
            };
            let log = match (&c.log_description, &c.log_operator) {
                (Some(d), Some(o)) => format!("{d} ({o})"),
                _ => c.sct.log_id_base64(),
            };
            let _ = writeln!(t, "  {:<9} {log}, {}: {status}", c.sct.source.label(), c.sct.time().to_rfc3339());
        }
    }
    if let Some(fix) = fix {
        let _ = writeln!(t, "\nFix:");
        match (&fix.root_subject, &fix.root_sha256) {
            (Some(s), Some(h)) => {
                let _ = writeln!(t, "  interception root: {s}\n  SHA-256: {h}");
            }
            _ => {
                let _ = writeln!(
                    t,
                    "  The interception root was not presented and no local store holds it: get it from\n  your IT department (or the proxy's admin page), then run this again with --store ROOT.pem."
                );
            }
        }
        if let Some(p) = &fix.root_pem_path {
            let _ = writeln!(t, "  wrote the root to {p}");
        }
        if let (Some(p), Some(n)) = (&fix.bundle_path, fix.bundle_certificates) {
            let _ = writeln!(t, "  wrote a bundle of {n} certificates (system roots + the interception root) to {p}");
        } else if fix.root_subject.is_some() {
            let _ = writeln!(
                t,
                "  Run again with --export-root root.pem --write-bundle bundle.pem to write both files;\n  below, BUNDLE.pem stands for that bundle."
            );
        }
        let _ = writeln!(t, "  Then, per tool:");
        for s in &fix.settings {
            for (i, c) in s.commands.iter().enumerate() {
                let label = if i == 0 { s.tool } else { "" };
                let _ = writeln!(t, "    {label:<16} {c}");
            }
        }
    }
    t
}

fn describe_anchor(v: &Verdict) -> String {
    use trustaudit::intercept::AnchorKind;
    match v.anchor.kind {
        AnchorKind::Mozilla => "in Mozilla's set".to_owned(),
        AnchorKind::Local => format!("only in: {}", v.anchor.stores.join(", ")),
        AnchorKind::Unknown => "in no trust store".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    #[test]
    fn flags_parse_as_documented() {
        let cli = crate::Cli::try_parse_from([
            "trustaudit",
            "inspect",
            "chain.pem",
            "--name",
            "proxy.golang.org",
            "--export-root",
            "root.pem",
            "--write-bundle",
            "bundle.pem",
            "--store",
            "a.pem",
            "--store",
            "b.pem",
            "--json",
        ])
        .expect("parses");
        let Some(crate::Command::Inspect(a)) = cli.command else { panic!("not inspect") };
        assert_eq!(a.name.as_deref(), Some("proxy.golang.org"));
        assert_eq!(a.export_root.as_deref(), Some(std::path::Path::new("root.pem")));
        assert_eq!(a.write_bundle.as_deref(), Some(std::path::Path::new("bundle.pem")));
        assert_eq!(a.stores.len(), 2);
        assert!(cli.json);
    }
}
