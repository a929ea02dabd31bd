//! `trustaudit verify CHAIN [--name N] [--store S]… [--at TIME]`: one chain against every store
//! (Mozilla, the system store and each runtime's view by default), with each runtime's own
//! words for a failure. No trust logic here: `verify::matrix` decides, this renders.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Context as _;
use serde::Serialize;
use trustaudit::cert::UnixTime;
use trustaudit::runtime::{self, Runtime};
use trustaudit::verify::{self, words, CertRef, Matrix, Profile, Usage, VerifyOptions};
use trustaudit::{Certificate, TrustStore};

use crate::output::Output;
use crate::Outcome;

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The chain as the server presents it (PEM bundle or one DER certificate): the leaf and its
    /// intermediates in any order; duplicates and unrelated extras are ignored.
    chain: PathBuf,
    /// The name the client connects to (DNS name or IP address); checked with each store's row.
    /// An invalid name exits 2.
    #[arg(long, value_parser = parse_name)]
    name: Option<String>,
    /// A store to verify against, repeatable: `mozilla`, `system`, a runtime name (`go`,
    /// `python`, `certifi`, `pip`, `node`, `openssl`, `curl`, `git`, `cargo`, `rustls`) or a
    /// file or directory of PEM roots. Default: mozilla, system and every installed runtime.
    #[arg(long = "store", value_name = "STORE")]
    stores: Vec<OsString>,
    /// Verify at this time instead of now (RFC 3339, a date such as 2030-01-01, or Unix seconds).
    #[arg(long, value_parser = UnixTime::parse)]
    at: Option<UnixTime>,
    /// Verify a client certificate (extendedKeyUsage clientAuth) instead of a server's.
    #[arg(long)]
    client: bool,
    /// Apply rustls-webpki's rules only, without the strict (CA/B Forum, RFC 9525) checks.
    #[arg(long)]
    webpki_only: bool,
}

fn parse_name(text: &str) -> Result<String, String> {
    trustaudit::hostname::Name::parse(text).map_err(|e| e.to_string())?;
    Ok(text.to_owned())
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    name: Option<&'a str>,
    at: UnixTime,
    chain: Vec<CertRef>,
    trusted_everywhere: bool,
    rows: Vec<Row<'a>>,
}

#[derive(Debug, Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    row: &'a verify::MatrixRow,
    /// The runtime whose view this store is, with its own words when it rejects.
    runtime_message: Option<words::RuntimeMessage>,
}

fn default_stores(env: &runtime::Environment) -> Vec<TrustStore> {
    let mut stores = vec![TrustStore::mozilla(), TrustStore::system()];
    stores.extend(runtime::all_views(env).into_iter().filter_map(|v| v.store));
    stores
}

/// The OpenSSL flags of the runtime whose view `store` is, as installed here (Python 3.13+
/// verifies with X509_STRICT); the defaults for any other store.
pub(crate) fn runtime_flags(store: &str, env: &runtime::Environment) -> words::OpensslFlags {
    words::OpensslFlags { x509_strict: Runtime::from_name(store).is_some_and(|rt| runtime::x509_strict(rt, env)) }
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(&args.chain).with_context(|| format!("reading {}", args.chain.display()))?;
    let chain =
        Certificate::all_from_pem_or_der(&bytes).with_context(|| format!("parsing {}", args.chain.display()))?;
    let env = runtime::Environment::from_process();
    let stores = if args.stores.is_empty() {
        default_stores(&env)
    } else {
        args.stores.iter().map(crate::diff::resolve).collect::<anyhow::Result<Vec<_>>>()?
    };
    let mut opts = VerifyOptions::at(args.at.unwrap_or_else(UnixTime::now));
    opts.name = args.name.clone();
    if args.client {
        opts.usage = Usage::ClientAuth;
    }
    if args.webpki_only {
        opts.profile = Profile::Webpki;
    }
    let matrix = verify::matrix(&chain, &stores, &opts)?;
    let outcome = if matrix.all_trusted() { Outcome::Clean } else { Outcome::Findings };
    let rows: Vec<Row<'_>> = matrix
        .rows
        .iter()
        .map(|r| Row {
            row: r,
            runtime_message: Runtime::from_name(&r.verification.store)
                .map(|rt| words::message_with(rt, &r.verification, runtime_flags(&r.verification.store, &env))),
        })
        .collect();
    if out.json {
        let report = Report {
            name: args.name.as_deref(),
            at: opts.at,
            chain: chain.iter().enumerate().map(|(i, c)| CertRef::new(c, i)).collect(),
            trusted_everywhere: matrix.all_trusted(),
            rows,
        };
        out.json("verify", &report)?;
        return Ok(outcome);
    }
    out.text(&render(out, &chain, &opts, &matrix, &rows))?;
    Ok(outcome)
}

fn render(out: &Output, chain: &[Certificate], opts: &VerifyOptions, matrix: &Matrix, rows: &[Row<'_>]) -> String {
    let leaf = chain.first().map_or("(empty)", |c| c.subject().display_name());
    let mut text = format!(
        "{} ({} certificate{}{}), at {}\n",
        out.paint("1", leaf),
        chain.len(),
        if chain.len() == 1 { "" } else { "s" },
        opts.name.as_ref().map_or(String::new(), |n| format!(", for {n}")),
        opts.at,
    );
    let width = rows.iter().map(|r| r.row.verification.store.len()).max().unwrap_or(0);
    for r in rows {
        let v = &r.row.verification;
        if v.trusted {
            let anchor = v.path.as_ref().map_or("", |p| p.anchor().subject().display_name());
            text.push_str(&format!("  {} {:<width$}  trusted via root \"{anchor}\"\n", out.paint("32", "✓"), v.store));
            continue;
        }
        let why = v.failure().map(ToString::to_string).unwrap_or_default();
        if let Some(m) = r.runtime_message.as_ref().filter(|m| m.accepts) {
            // Only the strict profile objects (a CA/B Forum lint); the runtime itself accepts.
            text.push_str(&format!(
                "  {} {:<width$}  accepted by {}; the strict profile refuses it: {why}\n",
                out.paint("33", "✓"),
                v.store,
                m.runtime
            ));
            continue;
        }
        text.push_str(&format!("  {} {:<width$}  {why}\n", out.paint("31", "✗"), v.store));
        if let Some(m) = r.runtime_message.as_ref().filter(|m| !m.accepts) {
            text.push_str(&format!("    {} says: {}\n", m.runtime, m.text));
        }
        if let Some(w) = &r.row.why {
            text.push_str(&format!("    {w}\n"));
        }
    }
    if matrix.all_trusted() {
        text.push_str("Every store trusts this chain.\n");
    } else if matrix.any_trusted() {
        text.push_str("Next: add the root that the trusting stores use to the failing runtimes' stores (`trustaudit explain` on their error texts says how for each).\n");
    } else if let Some(f) = matrix.rows.first().and_then(|r| r.verification.failure()) {
        if f.is_trust_failure() {
            text.push_str("Next: no store trusts this chain. If a proxy re-signs TLS here, export its root and add it to each runtime's store.\n");
        } else {
            text.push_str("Next: the chain itself is invalid for every store; fix the certificate (or check this machine's clock).\n");
        }
    }
    text
}
