//! Path building and validation with rustls-webpki, plus the details webpki does not give back.
//!
//! rustls-webpki returns one ranked error and no partial path. To say *which* certificate
//! expired or *which* issuer is missing, this module walks the presented chain itself (by
//! issuer name and key identifiers) and locates the certificate the error is about.
//! Pure: no I/O.

use std::time::Duration;

use rustls_pki_types::{CertificateDer, ServerName, TrustAnchor};
use webpki::{EndEntityCert, KeyUsage};

use super::failure::{CertRef, VerifyFailure};
use super::{Profile, TrustedPath, Usage, Verification, VerifyError, VerifyOptions};
use crate::cert::{hex_lower, Certificate, GeneralName, UnixTime};
use crate::limits;
use crate::store::TrustStore;

/// A trust store prepared for verification: its roots parsed into webpki trust anchors once, so
/// verifying many chains does not re-parse the store.
#[derive(Debug, Clone)]
pub struct Verifier {
    store: String,
    roots: Vec<Certificate>,
    sources: Vec<String>,
    anchors: Vec<TrustAnchor<'static>>,
    skipped: usize,
}

impl Verifier {
    /// Prepares `store`. Roots webpki cannot use as anchors (malformed) are skipped and
    /// counted in [`Verifier::skipped_roots`].
    pub fn new(store: &TrustStore) -> Self {
        let mut v = Verifier {
            store: store.name().to_owned(),
            roots: Vec::with_capacity(store.len()),
            sources: Vec::with_capacity(store.len()),
            anchors: Vec::with_capacity(store.len()),
            skipped: 0,
        };
        for root in store.roots() {
            let der = CertificateDer::from(root.cert.der());
            match webpki::anchor_from_trusted_cert(&der) {
                Ok(anchor) => {
                    v.anchors.push(anchor.to_owned());
                    v.roots.push(root.cert.clone());
                    v.sources.push(origin_text(&root.origin));
                }
                Err(_) => v.skipped += 1,
            }
        }
        v
    }

    /// The prepared store's name.
    pub fn store_name(&self) -> &str {
        &self.store
    }

    /// How many of the store's roots could not be used as trust anchors.
    pub fn skipped_roots(&self) -> usize {
        self.skipped
    }

    /// Verifies `chain` (leaf + intermediates in any order) against this store.
    ///
    /// # Errors
    /// [`VerifyError::EmptyChain`] or [`VerifyError::InvalidName`]; see [`super::verify`].
    pub fn verify(&self, chain: &[Certificate], opts: &VerifyOptions) -> Result<Verification, VerifyError> {
        let name = match &opts.name {
            Some(n) => Some(parse_name(n, opts.profile)?),
            None => None,
        };
        let certs = dedup(chain);
        if certs.is_empty() {
            return Err(VerifyError::EmptyChain);
        }
        let rejected = |failure| Verification {
            store: self.store.clone(),
            trusted: false,
            path: None,
            failures: vec![failure],
            findings: Vec::new(),
            name_subject: None,
            attempted: Vec::new(),
        };
        if certs.len() > limits::MAX_VERIFY_CHAIN_CERTS {
            return Ok(rejected(VerifyFailure::TooManyCertificates {
                count: certs.len(),
                limit: limits::MAX_VERIFY_CHAIN_CERTS,
            }));
        }
        let leaf_index = pick_leaf(&certs);
        let leaf = certs[leaf_index];
        let others: Vec<&Certificate> =
            certs.iter().enumerate().filter(|(i, _)| *i != leaf_index).map(|(_, c)| *c).collect();

        let leaf_der = CertificateDer::from(leaf.der());
        let ee = match EndEntityCert::try_from(&leaf_der) {
            Ok(ee) => ee,
            Err(e) => {
                return Ok(rejected(VerifyFailure::Invalid {
                    certificate: Some(CertRef::new(leaf, 0)),
                    reason: webpki_reason(&e),
                }))
            }
        };
        let inter_der: Vec<CertificateDer<'_>> = others.iter().map(|c| CertificateDer::from(c.der())).collect();
        let usage = match opts.usage {
            Usage::ServerAuth => KeyUsage::server_auth(),
            Usage::ClientAuth => KeyUsage::client_auth(),
        };
        let time = webpki_time(opts.at);
        let built =
            ee.verify_for_usage(webpki::ALL_VERIFICATION_ALGS, &self.anchors, &inter_der, time, usage, None, None);

        let mut failures = Vec::new();
        let mut findings = Vec::new();
        let mut path = None;
        let mut attempted = Vec::new();
        match built {
            Ok(verified) => {
                let mut certificates = vec![leaf.clone()];
                for inter in verified.intermediate_certificates() {
                    let der = inter.der();
                    if let Some(c) = others.iter().find(|c| c.der() == der.as_ref()) {
                        certificates.push((*c).clone());
                    }
                }
                let anchor_index = self.anchors.iter().position(|a| std::ptr::eq(a, verified.anchor())).unwrap_or(0);
                // NOTE: the anchor returned by webpki is one of `self.anchors`, which is parallel
                // to `self.roots`; `get` keeps this panic-free even if that ever changed.
                if let Some(root) = self.roots.get(anchor_index) {
                    certificates.push(root.clone());
                }
                let refs = certificates.iter().enumerate().map(|(d, c)| CertRef::new(c, d)).collect();
                let trusted = TrustedPath {
                    path: refs,
                    anchor_source: self.sources.get(anchor_index).cloned().unwrap_or_default(),
                    certificates,
                };
                if opts.profile == Profile::Strict {
                    if let Some(f) = super::profile::violation(&trusted.certificates, opts.at) {
                        failures.push(f);
                    }
                }
                path = Some(trusted);
            }
            Err(e) => {
                failures.push(self.explain_error(&e, leaf, &others, opts));
                (findings, attempted) = self.findings(leaf, &others, opts);
            }
        }

        let mut name_subject = None;
        if let (Some((server_name, hn)), Some(text)) = (name, &opts.name) {
            match opts.profile {
                Profile::Webpki => {
                    let ok = server_name.is_some_and(|sn| ee.verify_is_valid_for_subject_name(&sn).is_ok());
                    if !ok {
                        failures.push(name_failure(leaf, text, None));
                    }
                }
                _ => {
                    let check = crate::hostname::check_strict(leaf, &hn);
                    if !check.matched {
                        failures.push(name_failure(leaf, text, check.reason));
                    }
                }
            }
            name_subject = Some((leaf.clone(), hn));
        }
        Ok(Verification {
            store: self.store.clone(),
            trusted: failures.is_empty(),
            path,
            failures,
            findings,
            name_subject,
            attempted,
        })
    }

    /// Walks from the leaf through the presented certificates by issuer name and key id, stopping
    /// at a store root, a self-issued certificate, or a missing issuer. Returns the walk and
    /// the store root it reached, if any.
    fn walk<'a>(
        &'a self,
        leaf: &'a Certificate,
        others: &[&'a Certificate],
    ) -> (Vec<&'a Certificate>, Option<&'a Certificate>) {
        let mut walk = vec![leaf];
        let mut used = vec![false; others.len()];
        while let Some(cur) = walk.last().copied() {
            if let Some(root) = self.roots.iter().find(|r| cur.names_as_issuer(r)) {
                return (walk, Some(root));
            }
            if cur.is_self_issued() {
                break;
            }
            let next =
                others.iter().enumerate().find(|(i, c)| !used[*i] && c.der() != cur.der() && cur.names_as_issuer(c));
            match next {
                Some((i, c)) if walk.len() < limits::MAX_VERIFY_PATH_DEPTH => {
                    used[i] = true;
                    walk.push(c);
                }
                _ => break,
            }
        }
        (walk, None)
    }

    /// Every defect on the attempted path, leaf first, then the trust problem (if any), and
    /// that path when it reached a store root (what OpenSSL's chain building would return).
    fn findings(
        &self,
        leaf: &Certificate,
        others: &[&Certificate],
        opts: &VerifyOptions,
    ) -> (Vec<VerifyFailure>, Vec<Certificate>) {
        let (walk, root) = self.walk(leaf, others);
        let mut full: Vec<&Certificate> = walk.clone();
        if let Some(r) = root {
            full.push(r);
        }
        let required = opts.usage.eku_name();
        let mut out = Vec::new();
        for (d, c) in full.iter().enumerate() {
            let here = || CertRef::new(c, d);
            if c.not_after() < opts.at {
                out.push(VerifyFailure::Expired { certificate: here(), not_after: c.not_after(), at: opts.at });
            } else if c.not_before() > opts.at {
                out.push(VerifyFailure::NotYetValid { certificate: here(), not_before: c.not_before(), at: opts.at });
            }
            if d == 0 && c.is_ca() {
                out.push(VerifyFailure::CaUsedAsEndEntity { certificate: here() });
            }
            if d >= 1 && !c.is_ca() {
                out.push(VerifyFailure::NotACa { certificate: here() });
            }
            if let Some(n) = c.basic_constraints().and_then(|b| b.path_len) {
                if d >= 2 && usize::try_from(n).unwrap_or(usize::MAX) < d - 1 {
                    out.push(VerifyFailure::PathLenExceeded { certificate: Some(here()), path_len: Some(n) });
                }
            }
            if let Some(ekus) = &c.extensions().extended_key_usage {
                if !ekus.iter().any(|e| e == required || e == "anyExtendedKeyUsage") {
                    out.push(VerifyFailure::WrongUsage {
                        certificate: Some(here()),
                        required: required.to_owned(),
                        present: ekus.clone(),
                    });
                }
            }
            if let Some(issuer) = full.get(d + 1) {
                if !c.is_signed_by(issuer) {
                    out.push(VerifyFailure::BadSignature {
                        certificate: here(),
                        issuer: issuer.subject().rfc4514.clone(),
                    });
                }
            }
        }
        if root.is_none() {
            // NOTE: `walk` always holds at least the leaf.
            let depth = walk.len() - 1;
            let top = walk[depth];
            let top_ref = CertRef::new(top, depth);
            out.push(if top.is_self_issued() && top.is_self_signed() {
                if depth == 0 {
                    VerifyFailure::SelfSignedLeaf { certificate: top_ref, store: self.store.clone() }
                } else {
                    VerifyFailure::UntrustedRoot { root: top_ref, store: self.store.clone() }
                }
            } else {
                VerifyFailure::UnknownIssuer {
                    issuer: top.issuer().rfc4514.clone(),
                    authority_key_id: top.extensions().authority_key_id.as_deref().map(hex_lower),
                    certificate: top_ref,
                    store: self.store.clone(),
                }
            });
        }
        let built = if root.is_some() { full.into_iter().cloned().collect() } else { Vec::new() };
        (out, built)
    }

    fn explain_error(
        &self,
        err: &webpki::Error,
        leaf: &Certificate,
        others: &[&Certificate],
        opts: &VerifyOptions,
    ) -> VerifyFailure {
        use webpki::Error as E;
        let (walk, root) = self.walk(leaf, others);
        let mut full: Vec<&Certificate> = walk.clone();
        if let Some(r) = root {
            full.push(r);
        }
        let at = opts.at;
        let locate = |pred: &dyn Fn(&Certificate) -> bool| -> Option<CertRef> {
            full.iter()
                .enumerate()
                .find(|(_, c)| pred(c))
                .map(|(d, c)| CertRef::new(c, d))
                .or_else(|| others.iter().find(|c| pred(c)).map(|c| CertRef::new(c, 1)))
        };
        #[allow(deprecated)]
        match err {
            E::UnknownIssuer => {
                // NOTE: `walk` always holds at least the leaf.
                let depth = walk.len() - 1;
                let top = walk[depth];
                let top_ref = CertRef::new(top, depth);
                if top.is_self_issued() && top.is_self_signed() {
                    if depth == 0 {
                        return VerifyFailure::SelfSignedLeaf { certificate: top_ref, store: self.store.clone() };
                    }
                    return VerifyFailure::UntrustedRoot { root: top_ref, store: self.store.clone() };
                }
                VerifyFailure::UnknownIssuer {
                    issuer: top.issuer().rfc4514.clone(),
                    authority_key_id: top.extensions().authority_key_id.as_deref().map(hex_lower),
                    certificate: top_ref,
                    store: self.store.clone(),
                }
            }
            E::CertExpired { not_after, .. } => {
                let secs = i64::try_from(not_after.as_secs()).unwrap_or(i64::MAX);
                let certificate = locate(&|c| c.not_after().0 == secs).unwrap_or_else(|| CertRef::new(leaf, 0));
                VerifyFailure::Expired { certificate, not_after: UnixTime(secs), at }
            }
            E::CertNotValidYet { not_before, .. } => {
                let secs = i64::try_from(not_before.as_secs()).unwrap_or(i64::MAX);
                let certificate = locate(&|c| c.not_before().0 == secs).unwrap_or_else(|| CertRef::new(leaf, 0));
                VerifyFailure::NotYetValid { certificate, not_before: UnixTime(secs), at }
            }
            E::CaUsedAsEndEntity => VerifyFailure::CaUsedAsEndEntity { certificate: CertRef::new(leaf, 0) },
            E::EndEntityUsedAsCa => {
                let certificate = full
                    .iter()
                    .enumerate()
                    .skip(1)
                    .find(|(_, c)| !c.is_ca())
                    .map(|(d, c)| CertRef::new(c, d))
                    .unwrap_or_else(|| CertRef::new(leaf, 0));
                VerifyFailure::NotACa { certificate }
            }
            E::PathLenConstraintViolated => {
                let found = full.iter().enumerate().skip(1).find_map(|(d, c)| {
                    let n = c.basic_constraints()?.path_len?;
                    let below = d.saturating_sub(1);
                    (usize::try_from(n).unwrap_or(usize::MAX) < below).then(|| (CertRef::new(c, d), n))
                });
                VerifyFailure::PathLenExceeded {
                    certificate: found.as_ref().map(|f| f.0.clone()),
                    path_len: found.map(|f| f.1),
                }
            }
            E::NameConstraintViolation => VerifyFailure::NameConstraintViolation {
                constrained_by: locate(&|c| c.extensions().name_constraints.is_some()),
            },
            E::InvalidSignatureForPublicKey => {
                let mut found = None;
                for pair in full.windows(2) {
                    if !pair[0].is_signed_by(pair[1]) {
                        found = Some((pair[0], pair[1]));
                        break;
                    }
                }
                match found {
                    Some((c, issuer)) => VerifyFailure::BadSignature {
                        certificate: CertRef::new(c, full.iter().position(|x| x.der() == c.der()).unwrap_or(0)),
                        issuer: issuer.subject().rfc4514.clone(),
                    },
                    None => VerifyFailure::BadSignature {
                        certificate: CertRef::new(walk[walk.len() - 1], walk.len() - 1),
                        issuer: walk[walk.len() - 1].issuer().rfc4514.clone(),
                    },
                }
            }
            E::UnsupportedSignatureAlgorithmContext(ctx) | E::UnsupportedCrlSignatureAlgorithmContext(ctx) => {
                let oid = oid_text(&ctx.signature_algorithm_id);
                unsupported_alg(&full, others, oid)
            }
            E::UnsupportedSignatureAlgorithmForPublicKeyContext(ctx) => {
                let oid = oid_text(&ctx.signature_algorithm_id);
                unsupported_alg(&full, others, oid)
            }
            E::UnsupportedSignatureAlgorithm
            | E::UnsupportedSignatureAlgorithmForPublicKey
            | E::SignatureAlgorithmMismatch => unsupported_alg(&full, others, String::new()),
            E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => {
                let required = opts.usage.eku_name();
                let found = full.iter().enumerate().find(|(_, c)| {
                    c.extensions()
                        .extended_key_usage
                        .as_ref()
                        .is_some_and(|ekus| !ekus.iter().any(|e| e == required || e == "any"))
                });
                VerifyFailure::WrongUsage {
                    certificate: found.map(|(d, c)| CertRef::new(c, d)),
                    required: required.to_owned(),
                    present: found.and_then(|(_, c)| c.extensions().extended_key_usage.clone()).unwrap_or_default(),
                }
            }
            E::UnsupportedCriticalExtension => {
                let found = full.iter().enumerate().find_map(|(d, c)| {
                    let ext = c.extensions().all.iter().find(|x| x.critical && !x.understood)?;
                    Some((CertRef::new(c, d), ext.oid.clone()))
                });
                VerifyFailure::UnsupportedCriticalExtension {
                    certificate: found.as_ref().map(|f| f.0.clone()),
                    oid: found.map(|f| f.1),
                }
            }
            E::CertDistrusted => VerifyFailure::Distrusted,
            E::MaximumPathBuildCallsExceeded => {
                VerifyFailure::BudgetExceeded { what: "path-building calls".to_owned() }
            }
            E::MaximumSignatureChecksExceeded => VerifyFailure::BudgetExceeded { what: "signature checks".to_owned() },
            E::MaximumPathDepthExceeded => VerifyFailure::BudgetExceeded { what: "path depth".to_owned() },
            E::MaximumNameConstraintComparisonsExceeded => {
                VerifyFailure::BudgetExceeded { what: "name-constraint comparisons".to_owned() }
            }
            other => VerifyFailure::Invalid { certificate: None, reason: webpki_reason(other) },
        }
    }
}

fn unsupported_alg(full: &[&Certificate], others: &[&Certificate], oid: String) -> VerifyFailure {
    let found = full
        .iter()
        .enumerate()
        .find(|(_, c)| oid.is_empty() || c.signature_algorithm().oid == oid)
        .map(|(d, c)| (CertRef::new(c, d), c.signature_algorithm().name.clone()))
        .or_else(|| {
            others
                .iter()
                .find(|c| c.signature_algorithm().oid == oid)
                .map(|c| (CertRef::new(c, 1), c.signature_algorithm().name.clone()))
        });
    match found {
        Some((certificate, name)) => {
            VerifyFailure::UnsupportedAlgorithm { certificate: Some(certificate), algorithm: name }
        }
        None => VerifyFailure::UnsupportedAlgorithm {
            certificate: None,
            algorithm: if oid.is_empty() { "(unknown)".to_owned() } else { oid },
        },
    }
}

pub(crate) fn name_failure(leaf: &Certificate, name: &str, reason: Option<crate::hostname::Mismatch>) -> VerifyFailure {
    let presented: Vec<String> = leaf
        .subject_alt_names()
        .iter()
        .filter_map(|n| match n {
            GeneralName::Dns(d) => Some(d.clone()),
            GeneralName::Ip(ip) => Some(ip.to_string()),
            _ => None,
        })
        .collect();
    let common_name = leaf.subject().common_name().map(str::to_owned);
    let matches_common_name_only = !leaf.extensions().has_subject_alt_name
        && common_name
            .as_deref()
            .is_some_and(|cn| cn.trim_end_matches('.').eq_ignore_ascii_case(name.trim_end_matches('.')));
    VerifyFailure::NameMismatch {
        certificate: CertRef::new(leaf, 0),
        name: name.to_owned(),
        presented,
        common_name,
        matches_common_name_only,
        reason,
    }
}

/// The name as rustls-webpki takes it (`None` when webpki cannot express it) and as the
/// hostname layer parses it.
fn parse_name(
    name: &str,
    profile: Profile,
) -> Result<(Option<ServerName<'static>>, crate::hostname::Name), VerifyError> {
    let shown: String = name.chars().take(256).collect();
    if name.len() > limits::MAX_VERIFY_NAME_BYTES {
        return Err(VerifyError::InvalidName {
            name: shown,
            reason: format!("longer than {} bytes", limits::MAX_VERIFY_NAME_BYTES),
        });
    }
    let hn = crate::hostname::Name::parse(name)
        .map_err(|e| VerifyError::InvalidName { name: shown.clone(), reason: e.to_string() })?;
    let server_name = ServerName::try_from(hn.to_reference_string()).ok().map(|s| s.to_owned());
    if server_name.is_none() && profile == Profile::Webpki {
        return Err(VerifyError::InvalidName {
            name: shown,
            reason: "not a DNS name rustls-webpki accepts (use A-labels) or an IP address".into(),
        });
    }
    Ok((server_name, hn))
}

/// Distinct certificates in input order.
fn dedup(chain: &[Certificate]) -> Vec<&Certificate> {
    let mut out: Vec<&Certificate> = Vec::with_capacity(chain.len());
    for c in chain {
        if !out.iter().any(|o| o.sha256() == c.sha256()) {
            out.push(c);
        }
    }
    out
}

/// The leaf: the first certificate when it issued none of the others (the TLS order); otherwise
/// the first certificate that issued none of the others, preferring a non-CA.
fn pick_leaf(certs: &[&Certificate]) -> usize {
    let issues_another =
        |i: usize| certs.iter().enumerate().any(|(j, c)| j != i && !c.is_self_issued() && c.names_as_issuer(certs[i]));
    if !issues_another(0) {
        return 0;
    }
    let candidates: Vec<usize> = (0..certs.len()).filter(|&i| !issues_another(i)).collect();
    candidates.iter().copied().find(|&i| !certs[i].is_ca()).or_else(|| candidates.first().copied()).unwrap_or(0)
}

fn webpki_time(at: UnixTime) -> rustls_pki_types::UnixTime {
    rustls_pki_types::UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(at.0).unwrap_or(0)))
}

fn origin_text(origin: &crate::store::Origin) -> String {
    match &origin.location {
        Some(loc) => format!("{} ({loc})", origin.source),
        None => origin.source.clone(),
    }
}

/// Dotted text of a DER-encoded OID (with or without its tag and length).
fn oid_text(der: &[u8]) -> String {
    let body = match der {
        [0x06, len, rest @ ..] if usize::from(*len) == rest.len() => rest,
        _ => der,
    };
    let Some((first, rest)) = body.split_first() else { return String::new() };
    let mut parts = vec![u64::from(first / 40), u64::from(first % 40)];
    let mut acc: u64 = 0;
    for b in rest {
        acc = (acc << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            parts.push(acc);
            acc = 0;
        }
    }
    parts.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

fn webpki_reason(e: &webpki::Error) -> String {
    use webpki::Error as E;
    match e {
        E::BadDer | E::TrailingData(_) => "malformed DER encoding".to_owned(),
        E::BadDerTime => "malformed validity time".to_owned(),
        E::InvalidCertValidity => "notAfter is before notBefore".to_owned(),
        E::InvalidSerialNumber => "invalid serial number".to_owned(),
        E::MalformedExtensions => "malformed extensions".to_owned(),
        E::ExtensionValueInvalid => "an extension has an invalid value".to_owned(),
        E::UnsupportedCertVersion => "unsupported certificate version (only v3 is accepted)".to_owned(),
        E::MalformedDnsIdentifier => "malformed DNS name".to_owned(),
        E::MalformedNameConstraint => "malformed name constraints".to_owned(),
        E::InvalidNetworkMaskConstraint => "invalid IP address mask in name constraints".to_owned(),
        E::UnsupportedNameType => "unsupported name type".to_owned(),
        other => format!("{other:?}"),
    }
}
