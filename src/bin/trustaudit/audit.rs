//! `trustaudit` with no verb: every store this machine has against Mozilla's set.

use trustaudit::cert::UnixTime;
use trustaudit::diff;
use trustaudit::report::text::{audit_text, TextStyle};
use trustaudit::store::{DistributionSet, TrustStore};

use crate::output::Output;
use crate::Outcome;

/// Flags of the audit (also accepted as `trustaudit audit`).
#[derive(Debug, Default, clap::Args)]
pub(crate) struct Args {
    /// Judge expiry at this time (RFC 3339, a date such as 2030-01-01, or Unix seconds).
    #[arg(long, value_parser = UnixTime::parse)]
    pub(crate) at: Option<UnixTime>,
}

/// The stores the audit covers, in report order.
pub(crate) fn machine_stores() -> Vec<TrustStore> {
    vec![TrustStore::system()]
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let at = args.at.unwrap_or_else(UnixTime::now);
    let mozilla = TrustStore::mozilla();
    if mozilla.is_empty() {
        anyhow::bail!("the compiled-in Mozilla set is empty: this build cannot audit");
    }
    let stores = machine_stores();
    let distribution = DistributionSet::load();
    let report = diff::audit(&stores, &mozilla, distribution.as_ref(), at);
    if out.json {
        out.json("audit", &report)?;
    } else {
        out.text(&audit_text(&report, TextStyle { color: out.color }))?;
    }
    Ok(if report.clean { Outcome::Clean } else { Outcome::Findings })
}
