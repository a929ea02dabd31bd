//! The machine audit: every store and runtime view compared with Mozilla's set, with the roots
//! nobody shipped (locally added) gathered first, because they explain most "curl works, Go
//! fails" reports.
//!
//! Pure: the caller loads the stores (system, runtime views, files) and passes them in.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{diff, entry_order, DiffOptions, RootEntry, RootFlag};
use crate::cert::UnixTime;
use crate::store::{DistributionSet, StoreSummary, TrustStore, MOZILLA_SOURCE, MOZILLA_VERSION};

/// The name the reference store goes by on the command line and in reports.
pub const MOZILLA_NAME: &str = "mozilla";

/// The reference set the audit compares with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceInfo {
    /// Always [`MOZILLA_NAME`].
    pub name: &'static str,
    /// Where the set comes from (`webpki-root-certs`).
    pub source: &'static str,
    /// Its version.
    pub version: &'static str,
    /// Number of roots in it.
    pub roots: usize,
}

/// A root that is not in Mozilla's set, with every audited store that trusts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalRoot {
    /// The root (as the first store that has it holds it).
    pub root: RootEntry,
    /// Stores that trust it, in audit order.
    pub trusted_by: Vec<String>,
    /// Audited stores that do not trust it.
    pub missing_from: Vec<String>,
}

/// One store against Mozilla's set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreAudit {
    /// The store.
    pub store: StoreSummary,
    /// Its roots whose key and subject Mozilla also has (a re-issue of a Mozilla root counts).
    pub in_mozilla: usize,
    /// Its roots in neither Mozilla's set nor the shipped set (distribution package, runtime built-ins).
    pub locally_added: usize,
    /// Its roots not in Mozilla's set but shipped by the distribution or compiled into a runtime.
    pub distribution_only: usize,
    /// Mozilla roots it lacks.
    pub missing_mozilla_roots: usize,
    /// Subjects it trusts under a key other than Mozilla's.
    pub rekeyed: usize,
    /// Its roots that are expired, not yet valid, or weak, sorted.
    pub problems: Vec<RootEntry>,
}

/// What `trustaudit` (no verb) reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    /// The time validity was judged at.
    pub at: UnixTime,
    /// The reference set.
    pub reference: ReferenceInfo,
    /// The distribution's CA package directory, when one was found (empty when only runtime
    /// built-in sets were used).
    pub distribution_package: Option<String>,
    /// Whether nothing needs attention (no locally added root in any store).
    pub clean: bool,
    /// Roots not in Mozilla's set, in any audited store: vendor-named first, then by subject.
    pub locally_added: Vec<LocalRoot>,
    /// Each store, in the order given.
    pub stores: Vec<StoreAudit>,
    /// What to do, one sentence per line.
    pub advice: Vec<String>,
}

/// Audits `stores` against `mozilla` at time `at`. With `distribution` (the OS CA package),
/// roots it ships that Mozilla has since removed are counted apart from locally added ones.
pub fn audit(
    stores: &[TrustStore],
    mozilla: &TrustStore,
    distribution: Option<&DistributionSet>,
    at: UnixTime,
) -> AuditReport {
    let opts = DiffOptions { at, reference: Some(mozilla.clone()), distribution: distribution.cloned() };
    // Keyed by (SPKI pin, subject): the same identity as `RootKey`, in the form entries carry.
    let mut local: BTreeMap<(String, String), (RootEntry, Vec<String>)> = BTreeMap::new();
    let mut audits = Vec::with_capacity(stores.len());
    for store in stores {
        let d = diff(store, mozilla, &opts);
        let mut problems: Vec<RootEntry> = d
            .only_in_a
            .iter()
            .chain(d.rekeyed.iter().flat_map(|r| &r.a))
            .chain(d.in_both.iter().map(|s| &s.a))
            .filter(|e| {
                [RootFlag::Expired, RootFlag::NotYetValid, RootFlag::WeakKey].iter().any(|f| e.has(*f))
            })
            .cloned()
            .collect();
        problems.sort_by(entry_order);
        let not_in_mozilla: Vec<&RootEntry> =
            d.only_in_a.iter().chain(d.rekeyed.iter().flat_map(|x| &x.a)).collect();
        for e in not_in_mozilla.iter().filter(|e| e.has(RootFlag::LocallyAdded)) {
            let key = (e.spki_sha256.clone(), e.subject.clone());
            let slot = local.entry(key).or_insert_with(|| ((*e).clone(), Vec::new()));
            if !slot.1.iter().any(|n| n == store.name()) {
                slot.1.push(store.name().to_owned());
            }
        }
        audits.push(StoreAudit {
            store: d.a.clone(),
            in_mozilla: store.len().saturating_sub(not_in_mozilla.len()),
            locally_added: not_in_mozilla.iter().filter(|e| e.has(RootFlag::LocallyAdded)).count(),
            distribution_only: not_in_mozilla.iter().filter(|e| e.has(RootFlag::DistributionOnly)).count(),
            missing_mozilla_roots: d.only_in_b.len() + d.rekeyed.iter().map(|r| r.b.len()).sum::<usize>(),
            rekeyed: d.counts.rekeyed,
            problems,
        });
    }
    let names: Vec<String> = stores.iter().map(|s| s.name().to_owned()).collect();
    let mut locally_added: Vec<LocalRoot> = local
        .into_values()
        .map(|(root, trusted_by)| {
            let missing_from = names.iter().filter(|n| !trusted_by.contains(n)).cloned().collect();
            LocalRoot { root, trusted_by, missing_from }
        })
        .collect();
    locally_added.sort_by(|x, y| {
        x.root
            .vendor_hint
            .is_none()
            .cmp(&y.root.vendor_hint.is_none())
            .then_with(|| entry_order(&x.root, &y.root))
    });
    let advice = advise(&locally_added, &audits);
    AuditReport {
        at,
        reference: ReferenceInfo {
            name: MOZILLA_NAME,
            source: MOZILLA_SOURCE,
            version: MOZILLA_VERSION,
            roots: mozilla.len(),
        },
        distribution_package: distribution.map(|d| d.dir.display().to_string()),
        clean: locally_added.is_empty(),
        locally_added,
        stores: audits,
        advice,
    }
}

fn advise(local: &[LocalRoot], stores: &[StoreAudit]) -> Vec<String> {
    let mut out = Vec::new();
    for l in local.iter().filter(|l| l.root.vendor_hint.is_some()) {
        if let Some(h) = &l.root.vendor_hint {
            out.push(format!(
                "\"{}\" looks like {} ({}): if your organisation runs it, every tool needs this root; \
                 if not, something on this machine is intercepting TLS — remove the root and find what installed it.",
                l.root.name, h.vendor, h.category
            ));
        }
    }
    let partial: Vec<&LocalRoot> = local.iter().filter(|l| !l.missing_from.is_empty()).collect();
    if let Some(l) = partial.first() {
        let first = l.trusted_by.first().map_or("", String::as_str);
        let missing = l.missing_from.join(", ");
        out.push(format!(
            "\"{}\" is trusted by {} but not by {}: tools reading those stores will fail behind a proxy that uses it \
             (`trustaudit diff {first} {}` lists the differences).",
            l.root.name,
            l.trusted_by.join(", "),
            missing,
            l.missing_from[0]
        ));
    }
    let unnamed = local.iter().filter(|l| l.root.vendor_hint.is_none()).count();
    if unnamed > 0 {
        out.push(format!(
            "Check the {unnamed} root(s) above that Mozilla does not ship: keep the ones your organisation \
             or distribution put there on purpose; `trustaudit show <file>` prints one in full."
        ));
    }
    let broken: Vec<&str> = stores
        .iter()
        .filter(|s| !s.store.diagnostics.is_empty() || s.store.diagnostics_dropped > 0)
        .map(|s| s.store.name.as_str())
        .collect();
    if !broken.is_empty() {
        out.push(format!(
            "Fix the unreadable entries listed under {} (the rest of each store loaded).",
            broken.join(", ")
        ));
    }
    if out.is_empty() {
        out.push("Nothing to do: every store holds only roots Mozilla ships.".to_owned());
    }
    out
}
