//! Root-set comparison: which roots two trust stores share, which only one holds, which subject
//! came back with another key, and which roots are expired, not yet valid, weak or absent from
//! Mozilla's set.
//!
//! Pure: stores in, values out; no I/O and no clock reads (the time is a parameter). Roots are
//! keyed by SPKI SHA-256 plus the DER subject, the identity path building uses, so a root
//! re-issued with new dates but the same key and name counts as the same root. Every list is
//! sorted (subject, then SHA-256) so output is deterministic.

mod audit;
mod hint;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::cert::{Certificate, UnixTime};
use crate::store::{DistributionSet, Root, StoreSummary, TrustStore};

pub use audit::{audit, AuditReport, LocalRoot, StoreAudit, MOZILLA_NAME};
pub use hint::{vendor_hint, VendorHint};

/// The identity of a root for comparison: its key and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RootKey {
    /// SHA-256 of the SubjectPublicKeyInfo.
    pub spki_sha256: [u8; 32],
    /// DER of the subject name.
    pub subject_der: Vec<u8>,
}

impl RootKey {
    /// The key of `cert`.
    pub fn of(cert: &Certificate) -> Self {
        Self { spki_sha256: *cert.spki_sha256(), subject_der: cert.subject().der.clone() }
    }
}

/// Something worth a reader's attention about one root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RootFlag {
    /// Not in the reference (Mozilla) set and not shipped by the distribution's CA package:
    /// someone or something added it on this machine.
    LocallyAdded,
    /// Not in this library's Mozilla set, but shipped by the distribution's CA package (an older
    /// Mozilla snapshot still carries roots Mozilla has since removed) or compiled into a
    /// runtime (a newer snapshot).
    DistributionOnly,
    /// notAfter is before the comparison time.
    Expired,
    /// notBefore is after the comparison time.
    NotYetValid,
    /// RSA under 2048 bits, or DSA.
    WeakKey,
    /// Signed with MD5 or SHA-1.
    WeakSignature,
}

impl RootFlag {
    /// Every flag, in report order.
    pub const ALL: [RootFlag; 6] = [
        RootFlag::LocallyAdded,
        RootFlag::DistributionOnly,
        RootFlag::Expired,
        RootFlag::NotYetValid,
        RootFlag::WeakKey,
        RootFlag::WeakSignature,
    ];

    /// Short words for text output.
    pub fn describe(self) -> &'static str {
        match self {
            RootFlag::LocallyAdded => "added on this machine",
            RootFlag::DistributionOnly => "shipped by the distribution or a runtime, not in this Mozilla set",
            RootFlag::Expired => "expired",
            RootFlag::NotYetValid => "not yet valid",
            RootFlag::WeakKey => "weak key",
            RootFlag::WeakSignature => "signed with MD5/SHA-1",
        }
    }
}

/// One root as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootEntry {
    /// Subject, RFC 4514.
    pub subject: String,
    /// A short label: the CN, else the O.
    pub name: String,
    /// SHA-256 fingerprint, lower-case hex without separators.
    pub sha256: String,
    /// SPKI SHA-256, base64 (the pin form).
    pub spki_sha256: String,
    /// notBefore.
    pub not_before: UnixTime,
    /// notAfter.
    pub not_after: UnixTime,
    /// Key algorithm and size, e.g. `RSA 2048`.
    pub key: String,
    /// Signature algorithm name.
    pub signature_algorithm: String,
    /// Where the root was loaded from: `file`, `file:line 12`, `webpki-root-certs:byte 3`.
    pub source: String,
    /// What is noteworthy about it, in [`RootFlag::ALL`] order.
    pub flags: Vec<RootFlag>,
    /// The interception product its subject names, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_hint: Option<VendorHint>,
}

impl RootEntry {
    /// Describes `root` as of `at`; `provenance` is [`RootFlag::LocallyAdded`] or
    /// [`RootFlag::DistributionOnly`] when the root is not in the reference set (only then is a
    /// [`VendorHint`] looked for).
    pub fn new(root: &Root, at: UnixTime, provenance: Option<RootFlag>) -> Self {
        let c = &root.cert;
        let mut flags = Vec::new();
        flags.extend(provenance);
        if c.not_after() < at {
            flags.push(RootFlag::Expired);
        }
        if c.not_before() > at {
            flags.push(RootFlag::NotYetValid);
        }
        if c.key().is_weak() {
            flags.push(RootFlag::WeakKey);
        }
        if c.signature_algorithm().is_weak() {
            flags.push(RootFlag::WeakSignature);
        }
        let source = match root.origin.location {
            Some(loc) => format!("{}:{loc}", root.origin.source),
            None => root.origin.source.clone(),
        };
        Self {
            subject: c.subject().rfc4514.clone(),
            name: c.subject().display_name().to_owned(),
            sha256: c.id(),
            spki_sha256: c.spki_sha256_base64(),
            not_before: c.not_before(),
            not_after: c.not_after(),
            key: c.key().to_string(),
            signature_algorithm: c.signature_algorithm().name.clone(),
            source,
            flags,
            // A root in the reference set is a public CA: no product hint to look for.
            vendor_hint: provenance.and_then(|_| vendor_hint(c)),
        }
    }

    /// Whether the entry carries `flag`.
    pub fn has(&self, flag: RootFlag) -> bool {
        self.flags.contains(&flag)
    }
}

/// A root both stores hold (same key and subject).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedRoot {
    /// The root as store A has it.
    pub a: RootEntry,
    /// The root as store B has it.
    pub b: RootEntry,
    /// Whether both are the very same certificate (else one is a re-issue with new dates).
    pub same_certificate: bool,
}

/// A subject both stores trust, but with different keys: the CA re-keyed, or someone replaced
/// a root with a look-alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RekeyedRoot {
    /// The shared subject, RFC 4514.
    pub subject: String,
    /// Store A's roots with that subject and a key B does not have.
    pub a: Vec<RootEntry>,
    /// Store B's roots with that subject and a key A does not have.
    pub b: Vec<RootEntry>,
}

/// How many roots fall into each category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DiffCounts {
    /// Keys only in A (not counting re-keyed subjects).
    pub only_in_a: usize,
    /// Keys only in B (not counting re-keyed subjects).
    pub only_in_b: usize,
    /// Keys in both.
    pub in_both: usize,
    /// Subjects with different keys on each side.
    pub rekeyed: usize,
    /// Distinct roots (either side) in neither the reference set nor the distribution's package.
    pub locally_added: usize,
    /// Distinct roots (either side) not in the reference set but shipped by the distribution.
    pub distribution_only: usize,
    /// Distinct roots expired at the comparison time.
    pub expired: usize,
    /// Distinct roots not yet valid at the comparison time.
    pub not_yet_valid: usize,
    /// Distinct roots with weak keys.
    pub weak_key: usize,
    /// Distinct roots with MD5/SHA-1 signatures.
    pub weak_signature: usize,
}

/// The comparison of two stores.
///
/// Every root of A is in exactly one of `only_in_a`, `in_both` (by key) or `rekeyed[].a`, and
/// likewise for B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootSetDiff {
    /// Store A.
    pub a: StoreSummary,
    /// Store B.
    pub b: StoreSummary,
    /// The time validity was judged at.
    pub at: UnixTime,
    /// The store "locally added" is judged against (normally `mozilla`), if any.
    pub reference: Option<String>,
    /// Totals.
    pub counts: DiffCounts,
    /// Roots only A trusts.
    pub only_in_a: Vec<RootEntry>,
    /// Roots only B trusts.
    pub only_in_b: Vec<RootEntry>,
    /// Subjects trusted by both under different keys.
    pub rekeyed: Vec<RekeyedRoot>,
    /// Roots both trust.
    pub in_both: Vec<SharedRoot>,
}

impl RootSetDiff {
    /// Whether the two stores trust exactly the same keys under the same names.
    pub fn same_roots(&self) -> bool {
        self.only_in_a.is_empty() && self.only_in_b.is_empty() && self.rekeyed.is_empty()
    }

    /// Every distinct root (by SHA-256) on either side that carries `flag`, sorted.
    pub fn flagged(&self, flag: RootFlag) -> Vec<&RootEntry> {
        let mut seen = BTreeSet::new();
        let mut out: Vec<&RootEntry> =
            self.entries().filter(|e| e.has(flag) && seen.insert(e.sha256.as_str())).collect();
        out.sort_by(|x, y| entry_order(x, y));
        out
    }

    fn entries(&self) -> impl Iterator<Item = &RootEntry> {
        self.only_in_a
            .iter()
            .chain(&self.only_in_b)
            .chain(self.rekeyed.iter().flat_map(|r| r.a.iter().chain(&r.b)))
            .chain(self.in_both.iter().flat_map(|s| [&s.a, &s.b]))
    }
}

/// What to compare against what.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The time expiry is judged at.
    pub at: UnixTime,
    /// The set "locally added" is judged against; `None` flags nothing as locally added.
    pub reference: Option<TrustStore>,
    /// The distribution's CA package: roots missing from `reference` but shipped there are
    /// [`RootFlag::DistributionOnly`] rather than [`RootFlag::LocallyAdded`].
    pub distribution: Option<DistributionSet>,
}

impl DiffOptions {
    /// Judge at `at` against Mozilla's compiled-in set, without a distribution package.
    pub fn against_mozilla(at: UnixTime) -> Self {
        Self { at, reference: Some(TrustStore::mozilla()), distribution: None }
    }
}

/// The set of root keys a reference store holds, for "locally added" checks.
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    keys: std::collections::HashSet<RootKey>,
}

impl KeySet {
    pub(crate) fn of(store: &TrustStore) -> Self {
        Self { keys: store.roots().iter().map(|r| RootKey::of(&r.cert)).collect() }
    }

    pub(crate) fn contains(&self, cert: &Certificate) -> bool {
        self.keys.contains(&RootKey::of(cert))
    }
}

/// Compares `a` with `b`.
pub fn diff(a: &TrustStore, b: &TrustStore, opts: &DiffOptions) -> RootSetDiff {
    let reference = opts.reference.as_ref().map(KeySet::of);
    let entry = |r: &Root| {
        let provenance = match &reference {
            Some(k) if !k.contains(&r.cert) => {
                if opts.distribution.as_ref().is_some_and(|d| d.contains(&r.cert)) {
                    Some(RootFlag::DistributionOnly)
                } else {
                    Some(RootFlag::LocallyAdded)
                }
            }
            _ => None,
        };
        let mut e = RootEntry::new(r, opts.at, provenance);
        if reference.is_none() {
            e.vendor_hint = vendor_hint(&r.cert);
        }
        e
    };
    let ia = index(a);
    let ib = index(b);

    let mut in_both = Vec::new();
    let mut only_a: BTreeMap<&[u8], Vec<&Root>> = BTreeMap::new();
    let mut only_b: BTreeMap<&[u8], Vec<&Root>> = BTreeMap::new();
    for (key, ra) in &ia {
        match ib.get(key) {
            Some(rb) => {
                let first_a = ra[0];
                let twin = rb.iter().find(|r| r.cert == first_a.cert).copied();
                let b_root = twin.unwrap_or(rb[0]);
                in_both.push(SharedRoot { a: entry(first_a), b: entry(b_root), same_certificate: twin.is_some() });
            }
            None => only_a.entry(key.subject_der.as_slice()).or_default().extend(ra),
        }
    }
    for (key, rb) in &ib {
        if !ia.contains_key(key) {
            only_b.entry(key.subject_der.as_slice()).or_default().extend(rb);
        }
    }

    let mut only_in_a = Vec::new();
    let mut rekeyed = Vec::new();
    for (subject, ra) in &only_a {
        match only_b.remove(subject) {
            Some(rb) => {
                let mut ea: Vec<RootEntry> = ra.iter().map(|r| entry(r)).collect();
                let mut eb: Vec<RootEntry> = rb.iter().map(|r| entry(r)).collect();
                ea.sort_by(entry_order);
                eb.sort_by(entry_order);
                rekeyed.push(RekeyedRoot { subject: ea[0].subject.clone(), a: ea, b: eb });
            }
            None => only_in_a.extend(ra.iter().map(|r| entry(r))),
        }
    }
    let mut only_in_b: Vec<RootEntry> = only_b.values().flatten().map(|r| entry(r)).collect();
    only_in_a.sort_by(entry_order);
    only_in_b.sort_by(entry_order);
    rekeyed.sort_by(|x, y| x.subject.cmp(&y.subject).then_with(|| x.a[0].sha256.cmp(&y.a[0].sha256)));
    in_both.sort_by(|x, y| entry_order(&x.a, &y.a));

    let mut out = RootSetDiff {
        a: a.summary(),
        b: b.summary(),
        at: opts.at,
        reference: opts.reference.as_ref().map(|r| r.name().to_owned()),
        counts: DiffCounts::default(),
        only_in_a,
        only_in_b,
        rekeyed,
        in_both,
    };
    out.counts = DiffCounts {
        only_in_a: out.only_in_a.len(),
        only_in_b: out.only_in_b.len(),
        in_both: out.in_both.len(),
        rekeyed: out.rekeyed.len(),
        locally_added: out.flagged(RootFlag::LocallyAdded).len(),
        distribution_only: out.flagged(RootFlag::DistributionOnly).len(),
        expired: out.flagged(RootFlag::Expired).len(),
        not_yet_valid: out.flagged(RootFlag::NotYetValid).len(),
        weak_key: out.flagged(RootFlag::WeakKey).len(),
        weak_signature: out.flagged(RootFlag::WeakSignature).len(),
    };
    out
}

/// Roots grouped by key, in load order within a key.
fn index(store: &TrustStore) -> HashMap<RootKey, Vec<&Root>> {
    let mut m: HashMap<RootKey, Vec<&Root>> = HashMap::with_capacity(store.len());
    for r in store.roots() {
        m.entry(RootKey::of(&r.cert)).or_default().push(r);
    }
    m
}

/// Report order: subject, then fingerprint.
pub(crate) fn entry_order(x: &RootEntry, y: &RootEntry) -> std::cmp::Ordering {
    x.subject.cmp(&y.subject).then_with(|| x.sha256.cmp(&y.sha256))
}
