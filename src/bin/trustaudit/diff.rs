//! `trustaudit diff A B`: compare two root sets.

use std::ffi::OsString;
use std::path::Path;

use anyhow::Context as _;
use trustaudit::cert::UnixTime;
use trustaudit::diff::{self, DiffOptions};
use trustaudit::report::text::{diff_text, TextStyle};
use trustaudit::store::{DistributionSet, TrustStore};

use crate::output::Output;
use crate::Outcome;

/// `trustaudit diff A B`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// First store: `mozilla`, `system`, a runtime name (`go`, `python`, `certifi`, `node`,
    /// `openssl`, …) or a file or directory path (write `./system` for a file named "system").
    pub(crate) a: OsString,
    /// Second store, as A.
    pub(crate) b: OsString,
    /// Judge expiry at this time (RFC 3339, a date such as 2030-01-01, or Unix seconds).
    #[arg(long, value_parser = UnixTime::parse)]
    pub(crate) at: Option<UnixTime>,
}

/// Turns a command-line store name or path into a loaded store.
pub(crate) fn resolve(arg: &OsString) -> anyhow::Result<TrustStore> {
    if let Some(name) = arg.to_str() {
        match name {
            "mozilla" => return Ok(TrustStore::mozilla()),
            "system" => return Ok(TrustStore::system()),
            _ => {}
        }
        if let Some(view) = runtime_store(name)? {
            return Ok(view);
        }
    }
    let path = Path::new(arg);
    let shown = path.display().to_string();
    TrustStore::from_path(&shown, path).with_context(|| {
        format!("{shown:?} is not a store name (mozilla, system, or a runtime such as go, node, certifi) and cannot be read as a path")
    })
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let a = resolve(&args.a)?;
    let b = resolve(&args.b)?;
    let opts = DiffOptions {
        at: args.at.unwrap_or_else(UnixTime::now),
        reference: Some(TrustStore::mozilla()),
        distribution: DistributionSet::load(),
    };
    let d = diff::diff(&a, &b, &opts);
    if out.json {
        out.json("diff", &d)?;
    } else {
        out.text(&diff_text(&d, TextStyle { color: out.color }))?;
    }
    Ok(if d.same_roots() { Outcome::Clean } else { Outcome::Findings })
}

/// The store a runtime reads on this machine, when `name` names a runtime.
fn runtime_store(name: &str) -> anyhow::Result<Option<TrustStore>> {
    let Some(rt) = trustaudit::runtime::Runtime::from_name(name) else { return Ok(None) };
    let view = trustaudit::runtime::view(rt, &trustaudit::runtime::Environment::from_process());
    match view.store {
        Some(store) => Ok(Some(store)),
        None => anyhow::bail!("{rt} is not installed on this machine, so it has no trust store to compare"),
    }
}
