//! The machine audit: every store and runtime view compared with Mozilla's set, with the roots
//! nobody shipped (locally added) gathered first, because they explain most "curl works, Go
//! fails" reports.
//!
//! Pure: the caller loads the stores (system, runtime views, files) and passes them in.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use super::{entry_order, RootEntry, RootFlag, RootKey};
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
    // One pass per store over its own roots: a full `diff` would also describe every Mozilla
    // root for every store (eleven stores on a typical machine), which the audit never shows.
    let mozilla_keys: HashSet<RootKey> = mozilla.roots().iter().map(|r| RootKey::of(&r.cert)).collect();
    let mut local: BTreeMap<RootKey, (RootEntry, Vec<String>)> = BTreeMap::new();
    let mut audits = Vec::with_capacity(stores.len());
    for store in stores {
        let mut keys: HashSet<RootKey> = HashSet::with_capacity(store.len());
        let mut problems = Vec::new();
        let (mut locally_added, mut distribution_only) = (0, 0);
        let mut foreign_subjects: HashSet<&[u8]> = HashSet::new();
        for r in store.roots() {
            let key = RootKey::of(&r.cert);
            let c = &r.cert;
            let problem = c.not_after() < at || c.not_before() > at || c.key().is_weak();
            if mozilla_keys.contains(&key) {
                if problem {
                    problems.push(RootEntry::new(r, at, None));
                }
                keys.insert(key);
                continue;
            }
            foreign_subjects.insert(c.subject().der.as_slice());
            let shipped = distribution.is_some_and(|d| d.contains(c));
            let flag = if shipped { RootFlag::DistributionOnly } else { RootFlag::LocallyAdded };
            let entry = RootEntry::new(r, at, Some(flag));
            if problem {
                problems.push(entry.clone());
            }
            if shipped {
                distribution_only += 1;
            } else {
                locally_added += 1;
                let slot = local.entry(key.clone()).or_insert_with(|| (entry, Vec::new()));
                if !slot.1.iter().any(|n| n == store.name()) {
                    slot.1.push(store.name().to_owned());
                }
            }
            keys.insert(key);
        }
        problems.sort_by(entry_order);
        let missing: Vec<&crate::store::Root> =
            mozilla.roots().iter().filter(|r| !keys.contains(&RootKey::of(&r.cert))).collect();
        let rekeyed: BTreeSet<&[u8]> =
            missing.iter().map(|r| r.cert.subject().der.as_slice()).filter(|s| foreign_subjects.contains(s)).collect();
        audits.push(StoreAudit {
            store: store.summary(),
            in_mozilla: store.len() - locally_added - distribution_only,
            locally_added,
            distribution_only,
            missing_mozilla_roots: missing.len(),
            rekeyed: rekeyed.len(),
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
        x.root.vendor_hint.is_none().cmp(&y.root.vendor_hint.is_none()).then_with(|| entry_order(&x.root, &y.root))
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
