//! `trustaudit` with no verb: every store this machine has against Mozilla's set.

use trustaudit::cert::UnixTime;
use trustaudit::report::text::{audit_text, TextStyle};
use trustaudit::store::{DistributionSet, TrustStore};
use trustaudit::{diff, runtime};

use crate::output::Output;
use crate::Outcome;

/// Flags of the audit (also accepted as `trustaudit audit`).
#[derive(Debug, Default, clap::Args)]
pub(crate) struct Args {
    /// Judge expiry at this time (RFC 3339, a date such as 2030-01-01, or Unix seconds).
    #[arg(long, value_parser = UnixTime::parse)]
    pub(crate) at: Option<UnixTime>,
}

/// The stores the audit covers, in report order (the system store, then every installed
/// runtime's view; a runtime that is not installed has no store), and the roots shipped by the
/// distribution's CA package or compiled into a runtime.
pub(crate) fn machine_stores() -> (Vec<TrustStore>, DistributionSet) {
    let env = runtime::Environment::from_process();
    let mut stores = vec![TrustStore::system()];
    let mut shipped = DistributionSet::load().unwrap_or_default();
    for view in runtime::all_views(&env) {
        let Some(store) = view.store else { continue };
        let builtin: Vec<&str> = view
            .sources
            .iter()
            .filter(|s| s.kind == runtime::SourceKind::Builtin && s.state == runtime::SourceState::Used)
            .map(|s| s.name.as_str())
            .collect();
        for root in store.roots().iter().filter(|r| builtin.contains(&r.origin.source.as_str())) {
            shipped.insert(&root.cert);
        }
        stores.push(store);
    }
    (stores, shipped)
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let at = args.at.unwrap_or_else(UnixTime::now);
    let mozilla = TrustStore::mozilla();
    if mozilla.is_empty() {
        anyhow::bail!("the compiled-in Mozilla set is empty: this build cannot audit");
    }
    let (stores, shipped) = machine_stores();
    let report = diff::audit(&stores, &mozilla, Some(&shipped).filter(|s| !s.is_empty()), at);
    if out.json {
        out.json("audit", &report)?;
    } else {
        out.text(&audit_text(&report, TextStyle { color: out.color }))?;
    }
    Ok(if report.clean { Outcome::Clean } else { Outcome::Findings })
}
