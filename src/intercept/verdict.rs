//! The verdict engine: gathers the signals of issue 5 for a presented chain and decides
//! `clean | suspected | intercepted`, naming the product when the catalogue knows it.
//!
//! Signals: (a) the chain anchors at a root that is in a local store but not in Mozilla's set;
//! (b) an issuer or root name matches a catalogued product; (c) a leaf for a public name has no
//! SCTs, or its SCTs name unknown logs or fail verification; (d) the same issuer key or leaf
//! key across unrelated hosts; (e) the chain reaches the system store but not Mozilla's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::catalogue::{Attribution, Catalogue, Product};
use super::InterceptError;
use crate::cert::{Certificate, UnixTime};
use crate::ct::{self, LogList, Sct, SctCheck, SctChecks, SctStatus};
use crate::limits;
use crate::store::TrustStore;
use crate::verify::{Profile, Usage, Verifier, VerifyOptions};

/// The three outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing points at interception.
    Clean,
    /// Some signals point at interception, not enough to be sure.
    Suspected,
    /// Someone is re-signing this connection.
    Intercepted,
}

impl Level {
    /// Lower-case word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Suspected => "suspected",
            Self::Intercepted => "intercepted",
        }
    }
}

/// Which signal an evidence item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// The chain anchors at a Mozilla root.
    PublicAnchor,
    /// (a) Anchored at a root only a local store trusts.
    PrivateAnchor,
    /// The chain reaches no root in any store given.
    UnknownAnchor,
    /// (b) A name in the chain matches a catalogued product.
    ProductMatch,
    /// Every SCT verified with a known log.
    SctsVerified,
    /// (c) The leaf for a public name has no SCTs.
    MissingScts,
    /// (c) An SCT fails signature verification.
    InvalidScts,
    /// (c) SCTs name only logs the list does not know.
    UnknownLogs,
    /// (d) The same issuer or leaf key serves unrelated hosts.
    SharedKey,
    /// (e) The chain reaches the system store but not Mozilla's.
    SystemNotMozilla,
    /// The name is not a public DNS name, so CT is not expected.
    PrivateName,
}

/// Whether an evidence item argues for or against interception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Points at interception.
    Against,
    /// Points at an ordinary public chain.
    For,
    /// Context only.
    Info,
}

/// One finding, with a sentence a person understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The signal.
    pub signal: Signal,
    /// Which way it points.
    pub weight: Weight,
    /// The sentence.
    pub sentence: String,
}

/// Where the chain anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// At a root of Mozilla's set.
    Mozilla,
    /// At a root only in a local store.
    Local,
    /// At no root of any store given.
    Unknown,
}

/// The root the chain leads to.
#[derive(Debug, Clone, Serialize)]
pub struct Anchor {
    /// Which kind.
    pub kind: AnchorKind,
    /// Subject of the anchor (or of the top of the chain when unknown).
    pub subject: String,
    /// SHA-256 fingerprint of that certificate, colon hex.
    pub sha256: String,
    /// Stores that hold it.
    pub stores: Vec<String>,
    #[serde(skip)]
    cert: Option<Certificate>,
}

/// The product the verdict names.
#[derive(Debug, Clone, Serialize)]
pub struct ProductRef {
    /// Catalogue id.
    pub id: String,
    /// Product name.
    pub product: String,
    /// Vendor.
    pub vendor: String,
    /// Kind, in words.
    pub kind: String,
    /// Whether one key is shared.
    pub key_sharing: super::KeySharing,
    /// The name that matched.
    pub matched_name: String,
    /// How much the match says.
    pub attribution: Attribution,
}

/// State of the leaf's SCTs, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SctSummary {
    /// At least one SCT verified with a log the policy counts, none failed.
    Verified,
    /// No SCTs at all.
    None,
    /// At least one SCT failed signature verification.
    Invalid,
    /// SCTs only from logs not in the list.
    UnknownLogs,
    /// SCTs present but none could be checked (issuer missing).
    Unchecked,
    /// The SCT list in the certificate is malformed.
    Malformed,
}

/// The verdict for one chain.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The outcome.
    pub verdict: Level,
    /// How sure, from 0 to 1.
    pub confidence: f32,
    /// The product, when the catalogue names it.
    pub product: Option<ProductRef>,
    /// The name checked (given, or the leaf's first DNS name).
    pub name: Option<String>,
    /// Whether that name is a public DNS name (CT expected).
    pub name_is_public: bool,
    /// Where the chain anchors.
    pub anchor: Anchor,
    /// The leaf's subject.
    pub leaf_subject: String,
    /// The leaf's SCT state.
    pub sct_summary: SctSummary,
    /// Every SCT with its log and result.
    pub scts: Vec<SctCheck>,
    /// The findings, strongest first.
    pub evidence: Vec<Evidence>,
    #[serde(skip)]
    leaf: Option<Certificate>,
    #[serde(skip)]
    issuer: Option<Certificate>,
}

impl Verdict {
    /// The root to trust (or export) when the verdict is not clean: the local root the chain
    /// anchors at, or the self-signed top of the presented chain.
    pub fn interception_root(&self) -> Option<&Certificate> {
        if self.anchor.kind == AnchorKind::Mozilla {
            return None;
        }
        self.anchor.cert.as_ref()
    }

    /// One line for people: `intercepted by Zscaler Internet Access (corporate proxy), confidence 0.99`.
    pub fn headline(&self) -> String {
        let what = match (&self.verdict, &self.product) {
            (Level::Clean, _) => "clean: no sign of TLS interception".to_owned(),
            (level, Some(p)) => format!("{} by {} ({})", level.as_str(), p.product, p.kind),
            (Level::Intercepted, None) => "intercepted by an unidentified product".to_owned(),
            (Level::Suspected, None) => "suspected interception".to_owned(),
        };
        format!("{what}, confidence {:.2}", self.confidence)
    }
}

/// Everything the verdict is judged against. Build once, inspect many chains.
#[derive(Debug, Clone)]
pub struct Inspector<'a> {
    mozilla: &'a TrustStore,
    mozilla_verifier: Verifier,
    local: Vec<(&'a TrustStore, Verifier)>,
    logs: &'a LogList,
    catalogue: &'a Catalogue,
    extra_scts: Vec<Sct>,
    sct_checks: SctChecks,
    at: UnixTime,
    public_anchors: Arc<Mutex<AnchorCache>>,
}

/// Issuer certificate SHA-256 -> the Mozilla root it chains to (and the path from the issuer up).
type AnchorCache = HashMap<[u8; 32], Option<(Certificate, Vec<Certificate>)>>;

/// Distinct issuers remembered per inspector; public CAs have a few hundred.
const ANCHOR_CACHE_ENTRIES: usize = 4096;

impl<'a> Inspector<'a> {
    /// An inspector judging against `mozilla` (the public set), the embedded CT log list, the
    /// embedded catalogue and the current time.
    pub fn new(mozilla: &'a TrustStore) -> Self {
        Self {
            mozilla,
            mozilla_verifier: Verifier::new(mozilla),
            local: Vec::new(),
            logs: LogList::embedded(),
            catalogue: Catalogue::embedded(),
            extra_scts: Vec::new(),
            sct_checks: SctChecks::All,
            at: UnixTime::now(),
            public_anchors: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Adds a local store (the system store, a runtime's bundle, a corporate bundle).
    #[must_use]
    pub fn with_local_store(mut self, store: &'a TrustStore) -> Self {
        self.local.push((store, Verifier::new(store)));
        self
    }

    /// Uses another CT log list (tests inject a list holding a test log).
    #[must_use]
    pub fn with_log_list(mut self, logs: &'a LogList) -> Self {
        self.logs = logs;
        self
    }

    /// Uses another catalogue.
    #[must_use]
    pub fn with_catalogue(mut self, catalogue: &'a Catalogue) -> Self {
        self.catalogue = catalogue;
        self
    }

    /// SCTs from the TLS extension or a stapled OCSP response for the leaf.
    #[must_use]
    pub fn with_extra_scts(mut self, scts: Vec<Sct>) -> Self {
        self.extra_scts = scts;
        self
    }

    /// How many SCTs to check per leaf: every one (the default, for reports) or until one
    /// verifies (for bulk verdicts; the rest are reported as skipped).
    #[must_use]
    pub fn with_sct_checks(mut self, mode: SctChecks) -> Self {
        self.sct_checks = mode;
        self
    }

    /// Judges as of `at` (recorded chains are judged at the time they were seen).
    #[must_use]
    pub fn at(mut self, at: UnixTime) -> Self {
        self.at = at;
        self
    }

    /// The verdict for one presented chain (leaf first) and the name the client asked for.
    ///
    /// # Errors
    /// [`InterceptError::EmptyChain`], [`InterceptError::ChainTooLong`].
    pub fn inspect(&self, chain: &[Certificate], name: Option<&str>) -> Result<Verdict, InterceptError> {
        let leaf = chain.first().ok_or(InterceptError::EmptyChain)?;
        if chain.len() > limits::MAX_VERDICT_CHAIN_CERTS {
            return Err(InterceptError::ChainTooLong { certs: chain.len(), limit: limits::MAX_VERDICT_CHAIN_CERTS });
        }
        let mut evidence = Vec::new();
        // SCTs first, against the issuer the chain names: when they all verify, the log has
        // vouched for the leaf-to-issuer link (it signed the issuer's key hash with the TBS), so
        // only the issuer's own anchoring is left to establish, and that is cached per issuer.
        let named = names_only_path(chain);
        let guessed_issuer = named.get(1).cloned().or_else(|| self.store_issuer(leaf));
        let mut sct_result =
            ct::check_leaf_scts_with(leaf, guessed_issuer.as_ref(), &self.extra_scts, self.logs, self.sct_checks);
        let fast = match &sct_result {
            Ok(checks) if named.len() >= 2 && summarise(checks) == SctSummary::Verified => {
                self.cached_public_anchor(&named[1..])
            }
            _ => None,
        };
        let (anchor, path) = match fast {
            Some((root, tail)) => {
                evidence.push(public_anchor_evidence(&root, ""));
                let mut path = Vec::with_capacity(tail.len() + 1);
                path.push(leaf.clone());
                path.extend(tail);
                (make_anchor(AnchorKind::Mozilla, &root, vec![self.mozilla.name().to_owned()]), path)
            }
            None => self.anchor(chain, &mut evidence),
        };
        let issuer = path.get(1).cloned().or_else(|| self.store_issuer(leaf));
        if issuer != guessed_issuer {
            sct_result = ct::check_leaf_scts_with(leaf, issuer.as_ref(), &self.extra_scts, self.logs, self.sct_checks);
        }
        let name = name.map(str::to_owned).or_else(|| {
            // Without a name from the caller, the subject CN (when it is also a SAN) is the
            // name the certificate was issued for; else the first DNS SAN.
            let cn = leaf.subject().common_name();
            leaf.dns_names().find(|n| Some(*n) == cn).or_else(|| leaf.dns_names().next()).map(str::to_owned)
        });
        let name_is_public = name.as_deref().is_some_and(is_public_name);

        // (b) names of every CA in the path, the leaf's issuer name and the anchor.
        let product = self.match_product(leaf, &path, &anchor);
        if let Some(p) = &product {
            evidence.push(Evidence {
                signal: Signal::ProductMatch,
                weight: Weight::Against,
                sentence: format!(
                    "The name \"{}\" in the chain is what {} ({}, {}) puts in its certificates.",
                    p.matched_name, p.product, p.vendor, p.kind
                ),
            });
        }

        // (c) SCTs.
        let (scts, sct_summary) = match sct_result {
            Ok(checks) => {
                let summary = summarise(&checks);
                (checks, summary)
            }
            Err(e) => {
                evidence.push(Evidence {
                    signal: Signal::InvalidScts,
                    weight: Weight::Against,
                    sentence: format!("The leaf's SCT list is malformed ({e}); no CA-issued certificate carries one."),
                });
                (Vec::new(), SctSummary::Malformed)
            }
        };
        self.sct_evidence(name.as_deref(), name_is_public, sct_summary, &scts, anchor.kind, &mut evidence);

        let mut verdict = Verdict {
            verdict: Level::Clean,
            confidence: 0.0,
            product,
            name,
            name_is_public,
            anchor,
            leaf_subject: leaf.subject().rfc4514.clone(),
            sct_summary,
            scts,
            evidence,
            leaf: Some(leaf.clone()),
            issuer,
        };
        decide(&mut verdict);
        Ok(verdict)
    }

    /// Verdicts for several hosts at once; adds signal (d) where the same issuer key or leaf
    /// key serves unrelated hosts on chains that are not ordinary public ones.
    ///
    /// # Errors
    /// The first chain's error, as [`Inspector::inspect`].
    pub fn inspect_hosts(&self, hosts: &[(&str, &[Certificate])]) -> Result<Vec<Verdict>, InterceptError> {
        let mut verdicts =
            hosts.iter().map(|(name, chain)| self.inspect(chain, Some(name))).collect::<Result<Vec<_>, _>>()?;
        let mut by_leaf: HashMap<[u8; 32], Vec<usize>> = HashMap::new();
        let mut by_issuer: HashMap<[u8; 32], Vec<usize>> = HashMap::new();
        for (i, v) in verdicts.iter().enumerate() {
            if is_ordinary_public(v) {
                continue;
            }
            if let Some(l) = &v.leaf {
                by_leaf.entry(*l.spki_sha256()).or_default().push(i);
            }
            if let Some(is) = &v.issuer {
                by_issuer.entry(*is.spki_sha256()).or_default().push(i);
            }
        }
        let mut shared: Vec<(usize, String)> = Vec::new();
        for (what, groups) in [("leaf key", &by_leaf), ("issuer key", &by_issuer)] {
            for idxs in groups.values() {
                let domains: Vec<String> =
                    idxs.iter().filter_map(|&i| verdicts[i].name.as_deref().map(registrable_domain)).collect();
                let mut distinct = domains.clone();
                distinct.sort();
                distinct.dedup();
                if distinct.len() < 2 {
                    continue;
                }
                for &i in idxs {
                    shared.push((
                        i,
                        format!(
                            "The same {what} signs certificates for unrelated hosts ({}): a proxy re-signing every site does that, a site's own CA does not.",
                            distinct.join(", ")
                        ),
                    ));
                }
            }
        }
        for (i, sentence) in shared {
            let v = &mut verdicts[i];
            v.evidence.push(Evidence { signal: Signal::SharedKey, weight: Weight::Against, sentence });
            decide(v);
        }
        Ok(verdicts)
    }

    /// The Mozilla root that `tail` (the leaf's issuer first) chains to, with every link's
    /// signature checked; remembered per issuer so a run over many hosts checks each CA once.
    fn cached_public_anchor(&self, tail: &[Certificate]) -> Option<(Certificate, Vec<Certificate>)> {
        let key = *tail[0].sha256();
        if let Ok(cache) = self.public_anchors.lock() {
            if let Some(hit) = cache.get(&key) {
                return hit.clone();
            }
        }
        let walk = build_path(tail);
        let found = anchor_in_from(self.mozilla, &walk, 0).map(|root| {
            let full = with_root(walk, &root);
            (root, full)
        });
        if let Ok(mut cache) = self.public_anchors.lock() {
            if cache.len() < ANCHOR_CACHE_ENTRIES {
                cache.insert(key, found.clone());
            }
        }
        found
    }

    fn store_issuer(&self, leaf: &Certificate) -> Option<Certificate> {
        std::iter::once(self.mozilla).chain(self.local.iter().map(|(s, _)| *s)).find_map(|s| {
            s.find_by_subject(&leaf.issuer().der)
                .find(|r| leaf.names_as_issuer(&r.cert) && leaf.is_signed_by(&r.cert))
                .map(|r| r.cert.clone())
        })
    }

    /// Signals (a) and (e): which stores the chain reaches, and the path it takes (leaf first).
    ///
    /// Each store is asked through the verifier first (rustls-webpki: signatures, validity and
    /// usage at the inspection time); when that finds no path (an expired proxy leaf, a missing
    /// intermediate) the presented chain is walked by issuer name with every link's signature
    /// checked, so the anchor is still known and named.
    fn anchor(&self, chain: &[Certificate], evidence: &mut Vec<Evidence>) -> (Anchor, Vec<Certificate>) {
        let opts = VerifyOptions { at: self.at, name: None, usage: Usage::ServerAuth, profile: Profile::Webpki };
        let verified =
            |v: &Verifier| v.verify(chain, &opts).ok().and_then(|r| r.path).map(|p| p.certificates().to_vec());
        if let Some(path) = verified(&self.mozilla_verifier) {
            // NOTE: a verified path ends at the store's root and starts with the leaf.
            let root = path[path.len() - 1].clone();
            evidence.push(public_anchor_evidence(&root, ""));
            return (make_anchor(AnchorKind::Mozilla, &root, vec![self.mozilla.name().to_owned()]), path);
        }
        let path = build_path(chain);
        if let Some(root) = anchor_in(self.mozilla, &path) {
            evidence.push(public_anchor_evidence(
                &root,
                " The chain does not validate at the inspection time, which is about the server's certificates, not about interception.",
            ));
            let full = with_root(path, &root);
            return (make_anchor(AnchorKind::Mozilla, &root, vec![self.mozilla.name().to_owned()]), full);
        }
        let mut local: Option<(Certificate, Vec<String>, Vec<Certificate>)> = None;
        let mut validates: Vec<String> = Vec::new();
        for (store, verifier) in &self.local {
            let (root, p) = match verified(verifier) {
                Some(p) => {
                    validates.push(store.name().to_owned());
                    (p[p.len() - 1].clone(), p)
                }
                None => match anchor_in(store, &path) {
                    Some(root) => (root.clone(), with_root(path.clone(), &root)),
                    None => continue,
                },
            };
            match &mut local {
                Some((r, names, _)) if *r == root => names.push(store.name().to_owned()),
                Some(_) => {}
                None => local = Some((root, vec![store.name().to_owned()], p)),
            }
        }
        if let Some((root, stores, full)) = local {
            evidence.push(Evidence {
                signal: Signal::PrivateAnchor,
                weight: Weight::Against,
                sentence: format!(
                    "The chain leads to \"{}\", a root trusted only by the local store{} {} and not part of Mozilla's public set.",
                    root.subject().display_name(),
                    if stores.len() == 1 { "" } else { "s" },
                    stores.join(", ")
                ),
            });
            if !validates.is_empty() {
                evidence.push(Evidence {
                    signal: Signal::SystemNotMozilla,
                    weight: Weight::Against,
                    sentence: format!(
                        "It validates against the {} store{} but not against Mozilla's, so tools that carry their own Mozilla copy (Node.js; certifi, so requests and pip) reject it.",
                        validates.join(", "),
                        if validates.len() == 1 { "" } else { "s" }
                    ),
                });
            }
            return (make_anchor(AnchorKind::Local, &root, stores), full);
        }
        // NOTE: build_path never returns an empty path (the leaf is always first).
        let top = &path[path.len() - 1];
        evidence.push(Evidence {
            signal: Signal::UnknownAnchor,
            weight: Weight::Against,
            sentence: format!(
                "The chain ends at \"{}\", issued by \"{}\", which no trust store given here holds, Mozilla's included.",
                top.subject().display_name(),
                top.issuer().display_name()
            ),
        });
        let mut a = make_anchor(AnchorKind::Unknown, top, Vec::new());
        if !top.is_self_signed() {
            a.cert = None;
        }
        (a, path)
    }

    fn match_product(&self, leaf: &Certificate, path: &[Certificate], anchor: &Anchor) -> Option<ProductRef> {
        let names = std::iter::once(leaf.issuer())
            .chain(path.iter().skip(1).map(Certificate::subject))
            .chain(anchor.cert.iter().map(Certificate::subject));
        for name in names {
            if let Some(p) = self.catalogue.match_name(name) {
                return Some(product_ref(p, &name.rfc4514));
            }
        }
        None
    }

    fn sct_evidence(
        &self,
        name: Option<&str>,
        public: bool,
        summary: SctSummary,
        scts: &[SctCheck],
        anchor: AnchorKind,
        evidence: &mut Vec<Evidence>,
    ) {
        let shown = name.unwrap_or("the leaf");
        if !public {
            evidence.push(Evidence {
                signal: Signal::PrivateName,
                weight: Weight::Info,
                sentence: match name {
                    Some(n) => {
                        format!("\"{n}\" is not a public DNS name, so Certificate Transparency is not expected.")
                    }
                    None => "The leaf names no host, so Certificate Transparency is not checked.".to_owned(),
                },
            });
            return;
        }
        let logs: Vec<&str> = scts.iter().filter_map(|c| c.log_description.as_deref()).collect();
        match summary {
            SctSummary::Verified => {
                let verified: Vec<&str> = scts
                    .iter()
                    .filter(|c| c.status == SctStatus::Verified)
                    .filter_map(|c| c.log_description.as_deref())
                    .collect();
                let n = scts.len();
                let sentence = if verified.len() == n {
                    format!(
                        "The leaf for {shown} carries {n} SCT{} that verif{} with public CT logs ({}): it was logged publicly.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "ies" } else { "y" },
                        verified.join(", ")
                    )
                } else {
                    format!(
                        "The leaf for {shown} carries {n} SCTs; {} verified with public CT logs ({}), so it was logged publicly.",
                        verified.len(),
                        verified.join(", ")
                    )
                };
                evidence.push(Evidence { signal: Signal::SctsVerified, weight: Weight::For, sentence });
            }
            SctSummary::None => evidence.push(Evidence {
                signal: Signal::MissingScts,
                weight: Weight::Against,
                sentence: format!(
                    "The leaf for the public name {shown} has no Signed Certificate Timestamps; every publicly trusted certificate has them, a proxy's freshly minted one does not."
                ),
            }),
            SctSummary::Invalid => evidence.push(Evidence {
                signal: Signal::InvalidScts,
                weight: Weight::Against,
                sentence: format!(
                    "The leaf for {shown} carries SCTs whose signatures do not verify over it: they were copied from another certificate, as a re-signing proxy does."
                ),
            }),
            SctSummary::UnknownLogs => evidence.push(Evidence {
                signal: Signal::UnknownLogs,
                weight: if anchor == AnchorKind::Mozilla { Weight::Info } else { Weight::Against },
                sentence: format!(
                    "The leaf's SCTs name only CT logs missing from the log list (version {}); the list may be older than the certificate.",
                    self.logs.version()
                ),
            }),
            SctSummary::Unchecked => evidence.push(Evidence {
                signal: Signal::SctsVerified,
                weight: Weight::Info,
                sentence: format!(
                    "The leaf carries SCTs from {} but the certificate that issued it was not presented, so their signatures were not checked.",
                    if logs.is_empty() { "unknown logs".to_owned() } else { logs.join(", ") }
                ),
            }),
            SctSummary::Malformed => {}
        }
    }
}

fn product_ref(p: &Product, matched: &str) -> ProductRef {
    ProductRef {
        id: p.id.clone(),
        product: p.product.clone(),
        vendor: p.vendor.clone(),
        kind: p.kind.label().to_owned(),
        key_sharing: p.key_sharing,
        matched_name: matched.to_owned(),
        attribution: p.attribution,
    }
}

fn public_anchor_evidence(root: &Certificate, extra: &str) -> Evidence {
    Evidence {
        signal: Signal::PublicAnchor,
        weight: Weight::For,
        sentence: format!(
            "The chain leads to \"{}\", a root in Mozilla's public set.{extra}",
            root.subject().display_name()
        ),
    }
}

/// The path with the store's root appended when the chain did not carry it.
fn with_root(mut path: Vec<Certificate>, root: &Certificate) -> Vec<Certificate> {
    if !path.iter().any(|c| c == root) {
        path.push(root.clone());
    }
    path
}

fn make_anchor(kind: AnchorKind, cert: &Certificate, stores: Vec<String>) -> Anchor {
    Anchor {
        kind,
        subject: cert.subject().rfc4514.clone(),
        sha256: cert.sha256_hex(),
        stores,
        cert: Some(cert.clone()),
    }
}

/// Orders the presented certificates from the leaf up by issuer name alone (no signatures).
fn names_only_path(chain: &[Certificate]) -> Vec<Certificate> {
    let mut path = vec![chain[0].clone()];
    let mut used = vec![false; chain.len()];
    used[0] = true;
    while path.len() < chain.len() {
        let cur = &path[path.len() - 1];
        if cur.is_self_issued() {
            break;
        }
        match (0..chain.len()).find(|&i| !used[i] && cur.names_as_issuer(&chain[i])) {
            Some(i) => {
                used[i] = true;
                path.push(chain[i].clone());
            }
            None => break,
        }
    }
    path
}

/// Orders the presented certificates from the leaf up by issuer name, ignoring strays and
/// stopping at the first link whose signature does not verify (only reached when the verifier
/// found no path, so the cost stays off the common case).
fn build_path(chain: &[Certificate]) -> Vec<Certificate> {
    let mut path = vec![chain[0].clone()];
    let mut used = vec![false; chain.len()];
    used[0] = true;
    while path.len() < chain.len() {
        // NOTE: path starts non-empty and only grows.
        let cur = &path[path.len() - 1];
        if cur.is_self_issued() {
            break;
        }
        let next =
            (0..chain.len()).find(|&i| !used[i] && cur.names_as_issuer(&chain[i]) && cur.is_signed_by(&chain[i]));
        match next {
            Some(i) => {
                used[i] = true;
                path.push(chain[i].clone());
            }
            None => break,
        }
    }
    path
}

/// The root of `store` the path reaches: the lowest path certificate the store holds (by
/// subject and key), else a store root that signed the top of the path.
fn anchor_in(store: &TrustStore, path: &[Certificate]) -> Option<Certificate> {
    anchor_in_from(store, path, 1)
}

/// As [`anchor_in`], looking for store members from `path[first]` up.
fn anchor_in_from(store: &TrustStore, path: &[Certificate], first: usize) -> Option<Certificate> {
    for c in path.iter().skip(first) {
        if store.contains_subject_and_key(c) {
            return Some(c.clone());
        }
    }
    let top = path.last()?;
    if path.len() == 1 && store.contains_subject_and_key(top) {
        return Some(top.clone());
    }
    store
        .find_by_subject(&top.issuer().der)
        .find(|r| top.names_as_issuer(&r.cert) && top.is_signed_by(&r.cert))
        .map(|r| r.cert.clone())
}

fn summarise(checks: &[SctCheck]) -> SctSummary {
    if checks.is_empty() {
        return SctSummary::None;
    }
    if checks.iter().any(|c| c.status == SctStatus::InvalidSignature) {
        return SctSummary::Invalid;
    }
    if checks.iter().any(|c| c.status == SctStatus::Verified) {
        return SctSummary::Verified;
    }
    if checks.iter().all(|c| c.status == SctStatus::UnknownLog) {
        return SctSummary::UnknownLogs;
    }
    SctSummary::Unchecked
}

fn is_ordinary_public(v: &Verdict) -> bool {
    v.anchor.kind == AnchorKind::Mozilla && v.sct_summary == SctSummary::Verified && v.product.is_none()
}

/// Sets level and confidence from the evidence gathered.
fn decide(v: &mut Verdict) {
    let has = |s: Signal| v.evidence.iter().any(|e| e.signal == s && e.weight == Weight::Against);
    let public_chain = v.anchor.kind == AnchorKind::Mozilla;
    let private = !public_chain;
    let ct_bad = v.name_is_public
        && (matches!(v.sct_summary, SctSummary::None | SctSummary::Invalid | SctSummary::Malformed)
            || (v.sct_summary == SctSummary::UnknownLogs && private));
    let attribution = v.product.as_ref().map_or(Attribution::High, |p| p.attribution);
    let shared = has(Signal::SharedKey);

    let against = v.evidence.iter().filter(|e| e.weight == Weight::Against).count();
    let (level, confidence) = if v.product.is_some() && private {
        let base: f32 = match attribution {
            Attribution::High => 0.9,
            Attribution::Medium => 0.85,
            Attribution::Low => 0.8,
        };
        (Level::Intercepted, base + 0.03 * count_f32(against.saturating_sub(1)))
    } else if private && ct_bad {
        (Level::Intercepted, 0.8 + 0.04 * count_f32(against.saturating_sub(1)))
    } else if v.product.is_some() || (public_chain && ct_bad) || shared {
        (Level::Suspected, 0.5 + 0.05 * count_f32(against.saturating_sub(1)))
    } else if public_chain && v.sct_summary == SctSummary::Verified {
        (Level::Clean, 0.95)
    } else if public_chain {
        (Level::Clean, 0.85)
    } else {
        // A private PKI for an internal name, or a public leaf logged in CT that chains to a
        // root Mozilla dropped: nothing says someone is in the middle.
        (Level::Clean, 0.7)
    };
    v.verdict = level;
    v.confidence = confidence.min(0.99);
    // Strongest first: against, then for, then info.
    v.evidence.sort_by_key(|e| match e.weight {
        Weight::Against => 0,
        Weight::For => 1,
        Weight::Info => 2,
    });
}

fn count_f32(n: usize) -> f32 {
    f32::from(u16::try_from(n).unwrap_or(u16::MAX))
}

/// Whether `name` is a DNS name on the public internet (CT applies): it has a dot, its last
/// label is alphabetic, and it is not under a suffix reserved for private use.
pub fn is_public_name(name: &str) -> bool {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    if n.parse::<std::net::IpAddr>().is_ok() {
        return false;
    }
    let Some((_, tld)) = n.rsplit_once('.') else { return false };
    if tld.is_empty() || !tld.bytes().all(|b| b.is_ascii_alphabetic()) && !tld.starts_with("xn--") {
        return false;
    }
    const PRIVATE: &[&str] = &[
        "local",
        "localhost",
        "internal",
        "intranet",
        "corp",
        "home",
        "lan",
        "localdomain",
        "test",
        "example",
        "invalid",
        "onion",
        "private",
        "home.arpa",
        "alt",
    ];
    !PRIVATE.iter().any(|p| n == *p || n.ends_with(&format!(".{p}")))
}

/// A rough registrable domain (the last two labels, three under two-letter second-level
/// labels such as `co.uk`), enough to tell unrelated hosts apart.
fn registrable_domain(name: &str) -> String {
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let n = labels.len();
    let take = if n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2 { 3 } else { 2 };
    labels[n.saturating_sub(take)..].join(".").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_names_are_told_from_private_ones() {
        for n in ["proxy.golang.org", "pypi.org", "registry.npmjs.org", "example.co.uk"] {
            assert!(is_public_name(n), "{n}");
        }
        for n in ["localhost", "git.corp", "nas.local", "10.0.0.1", "printer", "a.home.arpa", "x.test"] {
            assert!(!is_public_name(n), "{n}");
        }
    }

    #[test]
    fn registrable_domains_group_subdomains() {
        assert_eq!(registrable_domain("proxy.golang.org"), "golang.org");
        assert_eq!(registrable_domain("www.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(registrable_domain("pypi.org"), "pypi.org");
    }
}
