//! The certificate model: one X.509 certificate, parsed once, owning its DER.
//!
//! Pure: bytes in, values out. Every field a later layer needs (names, keys, extensions, hashes)
//! is extracted when the certificate is built, so nothing downstream re-parses, and malformed
//! input is rejected here with a typed [`CertError`] instead of surfacing as a panic later.

pub(crate) mod der;
mod extensions;
mod key;
mod name;
pub mod pem;
mod time;

use std::sync::Arc;

use ring::digest;
use rustls_pki_types::CertificateDer;
use serde::Serialize;
use x509_parser::prelude::{FromDer, X509Certificate};

pub use extensions::{AuthorityInfoAccess, BasicConstraints, ExtensionSummary, GeneralName, NameConstraints};
pub use key::{KeyAlgorithm, SignatureAlgorithm};
pub use name::DistinguishedName;
pub use time::{format_unix_time, UnixTime};

use crate::limits;

/// Why bytes could not be turned into a certificate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// The input was empty.
    #[error("no certificate data: the input is empty")]
    Empty,
    /// The input is larger than any real certificate.
    #[error("certificate is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit it exceeded.
        limit: usize,
    },
    /// The bytes are not a DER X.509 certificate.
    #[error("not a DER X.509 certificate: {reason}")]
    Der {
        /// What the parser objected to.
        reason: String,
    },
    /// Bytes follow the certificate's outer SEQUENCE.
    #[error("{trailing} unexpected bytes after the certificate")]
    TrailingData {
        /// How many bytes were left over.
        trailing: usize,
    },
    /// The PEM text could not be decoded.
    #[error("bad PEM: {reason}")]
    Pem {
        /// What was wrong with the PEM text.
        reason: String,
    },
    /// The input had no certificate in it at all.
    #[error("no certificate found in the input")]
    NoCertificate,
}

/// One parsed X.509 certificate. Cheap to clone: the parsed fields are shared.
#[derive(Clone)]
pub struct Certificate {
    inner: Arc<Parsed>,
}

#[derive(Debug)]
struct Parsed {
    der: CertificateDer<'static>,
    version: u32,
    subject: DistinguishedName,
    issuer: DistinguishedName,
    serial_hex: String,
    not_before: UnixTime,
    not_after: UnixTime,
    sha256: [u8; 32],
    // ring's SHA-1 is slow and only `show` prints it: computed on first ask.
    sha1: std::sync::OnceLock<[u8; 20]>,
    spki_der: Vec<u8>,
    spki_sha256: [u8; 32],
    key: KeyAlgorithm,
    signature: SignatureAlgorithm,
    extensions: ExtensionSummary,
    self_issued: bool,
    // Checking a signature costs more than parsing the whole certificate (an RSA-4096 or P-384
    // verify per root), and loading a store never needs it, so it is done on first ask.
    self_signed: std::sync::OnceLock<bool>,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.inner.subject.rfc4514)
            .field("issuer", &self.inner.issuer.rfc4514)
            .field("sha256", &self.sha256_hex())
            .finish()
    }
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.inner.der == other.inner.der
    }
}
impl Eq for Certificate {}

impl std::hash::Hash for Certificate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.inner.sha256.hash(state);
    }
}

impl Certificate {
    /// Parses one DER certificate. The bytes are copied.
    ///
    /// # Errors
    /// [`CertError::Empty`], [`CertError::TooLarge`] (over [`limits::MAX_CERT_BYTES`]),
    /// [`CertError::Der`] for anything x509-parser rejects, [`CertError::TrailingData`].
    pub fn from_der(der: &[u8]) -> Result<Self, CertError> {
        Self::from_der_owned(der.to_vec())
    }

    /// Parses one DER certificate, taking ownership of the buffer.
    ///
    /// # Errors
    /// As [`Certificate::from_der`].
    pub fn from_der_owned(der: Vec<u8>) -> Result<Self, CertError> {
        if der.is_empty() {
            return Err(CertError::Empty);
        }
        if der.len() > limits::MAX_CERT_BYTES {
            return Err(CertError::TooLarge { size: der.len(), limit: limits::MAX_CERT_BYTES });
        }
        let parsed = {
            let (rest, x509) =
                X509Certificate::from_der(&der).map_err(|e| CertError::Der { reason: describe_parse_error(&e) })?;
            if !rest.is_empty() {
                return Err(CertError::TrailingData { trailing: rest.len() });
            }
            Parsed::extract(&x509, &der)?
        };
        Ok(Self { inner: Arc::new(Parsed { der: CertificateDer::from(der), ..parsed }) })
    }

    /// Parses the first certificate in PEM text (or DER bytes, detected by the leading
    /// SEQUENCE tag), ignoring text around the PEM block.
    ///
    /// # Errors
    /// [`CertError::NoCertificate`] when there is none, or the first block's parse error.
    pub fn from_pem_or_der(input: &[u8]) -> Result<Self, CertError> {
        Self::all_from_pem_or_der(input)?.into_iter().next().ok_or(CertError::NoCertificate)
    }

    /// Parses every certificate in PEM text, or a single DER certificate.
    ///
    /// Unlike the store loaders this is strict: the first bad block is an error, because a
    /// caller handing over one chain wants to know it is damaged.
    ///
    /// # Errors
    /// [`CertError::Empty`], [`CertError::NoCertificate`], or the first block's error.
    pub fn all_from_pem_or_der(input: &[u8]) -> Result<Vec<Self>, CertError> {
        if input.is_empty() {
            return Err(CertError::Empty);
        }
        if pem::looks_like_der(input) {
            return Ok(vec![Self::from_der(input)?]);
        }
        let mut out = Vec::new();
        for block in pem::blocks(input) {
            let block = block.map_err(|e| CertError::Pem { reason: e.to_string() })?;
            if block.is_certificate() {
                out.push(Self::from_der_owned(block.der)?);
            }
        }
        if out.is_empty() {
            return Err(CertError::NoCertificate);
        }
        Ok(out)
    }

    /// The DER encoding, exactly as given.
    pub fn der(&self) -> &[u8] {
        self.inner.der.as_ref()
    }

    /// The DER as rustls' type, for handing to rustls-webpki without a copy.
    pub fn certificate_der(&self) -> &CertificateDer<'static> {
        &self.inner.der
    }

    /// The X.509 version number (1, 2 or 3).
    pub fn version(&self) -> u32 {
        self.inner.version
    }

    /// The subject name.
    pub fn subject(&self) -> &DistinguishedName {
        &self.inner.subject
    }

    /// The issuer name.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.inner.issuer
    }

    /// The serial number as lower-case hex with `:` separators (OpenSSL's style).
    pub fn serial_hex(&self) -> &str {
        &self.inner.serial_hex
    }

    /// Start of the validity period.
    pub fn not_before(&self) -> UnixTime {
        self.inner.not_before
    }

    /// End of the validity period (inclusive, as RFC 5280 says).
    pub fn not_after(&self) -> UnixTime {
        self.inner.not_after
    }

    /// Whether `at` falls within the validity period.
    pub fn is_valid_at(&self, at: UnixTime) -> bool {
        self.inner.not_before <= at && at <= self.inner.not_after
    }

    /// SHA-256 over the whole DER: the fingerprint browsers show.
    pub fn sha256(&self) -> &[u8; 32] {
        &self.inner.sha256
    }

    /// The SHA-256 fingerprint as upper-case hex with `:` separators.
    pub fn sha256_hex(&self) -> String {
        colon_hex(&self.inner.sha256)
    }

    /// SHA-1 over the whole DER: the legacy fingerprint some tools still print.
    pub fn sha1(&self) -> &[u8; 20] {
        self.inner.sha1.get_or_init(|| digest_array(&digest::SHA1_FOR_LEGACY_USE_ONLY, self.der()))
    }

    /// The SHA-1 fingerprint as upper-case hex with `:` separators.
    pub fn sha1_hex(&self) -> String {
        colon_hex(self.sha1())
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> &[u8] {
        &self.inner.spki_der
    }

    /// SHA-256 of the SubjectPublicKeyInfo: the identity of the key across re-issues.
    pub fn spki_sha256(&self) -> &[u8; 32] {
        &self.inner.spki_sha256
    }

    /// SPKI SHA-256 in base64, the form HPKP-style pins and curl's `--pinnedpubkey` use.
    pub fn spki_sha256_base64(&self) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(self.inner.spki_sha256)
    }

    /// The public key's algorithm and size or curve.
    pub fn key(&self) -> &KeyAlgorithm {
        &self.inner.key
    }

    /// The algorithm the issuer signed this certificate with.
    pub fn signature_algorithm(&self) -> &SignatureAlgorithm {
        &self.inner.signature
    }

    /// Decoded extensions.
    pub fn extensions(&self) -> &ExtensionSummary {
        &self.inner.extensions
    }

    /// Basic constraints, when present.
    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.inner.extensions.basic_constraints
    }

    /// Whether basic constraints mark this as a CA.
    pub fn is_ca(&self) -> bool {
        self.inner.extensions.basic_constraints.is_some_and(|bc| bc.ca)
    }

    /// Subject alternative names, in certificate order.
    pub fn subject_alt_names(&self) -> &[GeneralName] {
        &self.inner.extensions.subject_alt_names
    }

    /// DNS names from the SAN extension.
    pub fn dns_names(&self) -> impl Iterator<Item = &str> {
        self.inner.extensions.subject_alt_names.iter().filter_map(|n| match n {
            GeneralName::Dns(d) => Some(d.as_str()),
            _ => None,
        })
    }

    /// Whether subject and issuer are the same name (RFC 5280 "self-issued").
    pub fn is_self_issued(&self) -> bool {
        self.inner.self_issued
    }

    /// Self-issued and the signature verifies with the certificate's own key.
    pub fn is_self_signed(&self) -> bool {
        *self.inner.self_signed.get_or_init(|| {
            self.inner.self_issued
                && X509Certificate::from_der(self.der()).is_ok_and(|(_, x)| x.verify_signature(None).is_ok())
        })
    }

    /// Whether the certificate carries an embedded SCT list (1.3.6.1.4.1.11129.2.4.2).
    pub fn has_sct_list(&self) -> bool {
        self.inner.extensions.sct_list.is_some()
    }

    /// The raw value of the embedded SCT list extension (the OCTET STRING's contents).
    pub fn sct_list_extension(&self) -> Option<&[u8]> {
        self.inner.extensions.sct_list.as_deref()
    }

    /// Whether `issuer`'s key verifies this certificate's signature.
    pub fn is_signed_by(&self, issuer: &Certificate) -> bool {
        let Ok((_, me)) = X509Certificate::from_der(self.der()) else { return false };
        let Ok((_, them)) = X509Certificate::from_der(issuer.der()) else { return false };
        me.verify_signature(Some(them.public_key())).is_ok()
    }

    /// Whether this certificate's issuer name equals `issuer`'s subject, and the key
    /// identifiers do not contradict it. A cheap pre-filter before signature checks.
    pub fn names_as_issuer(&self, issuer: &Certificate) -> bool {
        if self.issuer().der != issuer.subject().der {
            return false;
        }
        match (&self.extensions().authority_key_id, &issuer.extensions().subject_key_id) {
            (Some(aki), Some(ski)) => aki == ski,
            _ => true,
        }
    }

    /// Lower-case hex of the SHA-256 fingerprint without separators: a stable key for JSON.
    pub fn id(&self) -> String {
        hex_lower(&self.inner.sha256)
    }
}

impl Parsed {
    fn extract(x509: &X509Certificate<'_>, der: &[u8]) -> Result<Self, CertError> {
        let tbs = &x509.tbs_certificate;
        let subject = DistinguishedName::from_x509(tbs.subject());
        let issuer = DistinguishedName::from_x509(tbs.issuer());
        let spki_der = tbs.subject_pki.raw.to_vec();
        let extensions = ExtensionSummary::from_x509(tbs)?;
        let self_issued = subject.der == issuer.der;
        let validity = tbs.validity();
        Ok(Self {
            der: CertificateDer::from(Vec::new()),
            version: tbs.version().0.saturating_add(1),
            serial_hex: serial_hex(tbs.raw_serial()),
            not_before: UnixTime(validity.not_before.timestamp()),
            not_after: UnixTime(validity.not_after.timestamp()),
            sha256: digest_array(&digest::SHA256, der),
            sha1: std::sync::OnceLock::new(),
            spki_sha256: digest_array(&digest::SHA256, &spki_der),
            key: KeyAlgorithm::from_spki(&tbs.subject_pki),
            signature: SignatureAlgorithm::from_oid(&x509.signature_algorithm.algorithm),
            spki_der,
            extensions,
            self_issued,
            self_signed: std::sync::OnceLock::new(),
            subject,
            issuer,
        })
    }
}

fn digest_array<const N: usize>(alg: &'static digest::Algorithm, data: &[u8]) -> [u8; N] {
    let d = digest::digest(alg, data);
    let mut out = [0u8; N];
    // NOTE: callers pair SHA-256 with N = 32 and SHA-1 with N = 20, so the lengths match.
    out.copy_from_slice(d.as_ref());
    out
}

fn serial_hex(raw: &[u8]) -> String {
    if raw.is_empty() {
        return "00".to_owned();
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(raw.len() * 3);
    for (i, b) in raw.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    s
}

/// Upper-case hex with `:` between bytes.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// Lower-case hex without separators.
pub fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // NOTE: writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn describe_parse_error(e: &x509_parser::nom::Err<x509_parser::error::X509Error>) -> String {
    match e {
        x509_parser::nom::Err::Incomplete(_) => "truncated input".to_owned(),
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e.to_string(),
    }
}

/// The JSON view of a certificate, used by every report that lists certificates.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateSummary {
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Serial number, colon hex.
    pub serial: String,
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// SHA-256 fingerprint, colon hex.
    pub sha256: String,
    /// SPKI SHA-256, base64.
    pub spki_sha256: String,
    /// Key algorithm, e.g. `RSA 2048` or `ECDSA P-256`.
    pub key: String,
}

impl From<&Certificate> for CertificateSummary {
    fn from(c: &Certificate) -> Self {
        Self {
            subject: c.subject().rfc4514.clone(),
            issuer: c.issuer().rfc4514.clone(),
            serial: c.serial_hex().to_owned(),
            not_before: c.not_before().to_rfc3339(),
            not_after: c.not_after().to_rfc3339(),
            sha256: c.sha256_hex(),
            spki_sha256: c.spki_sha256_base64(),
            key: c.key().to_string(),
        }
    }
}
