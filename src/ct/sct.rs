//! Signed Certificate Timestamps (RFC 6962 §3.2–3.3): the TLS-encoded list as it appears in the
//! certificate extension, the TLS `signed_certificate_timestamp` extension and the OCSP
//! response extension. Parsing is strict: every length must match exactly.

use serde::Serialize;

use super::{der, CtError};
use crate::cert::UnixTime;
use crate::limits;

/// Where an SCT was found; decides which log entry type it signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SctSource {
    /// In the certificate (1.3.6.1.4.1.11129.2.4.2): signs the precertificate entry.
    Embedded,
    /// In the TLS handshake's `signed_certificate_timestamp` extension: signs the certificate.
    TlsExtension,
    /// In a stapled OCSP response (1.3.6.1.4.1.11129.2.4.5): signs the certificate.
    Ocsp,
}

impl SctSource {
    /// Lower-case label used in text output.
    pub fn label(self) -> &'static str {
        match self {
            Self::Embedded => "embedded",
            Self::TlsExtension => "tls extension",
            Self::Ocsp => "ocsp",
        }
    }
}

/// Hash algorithm of an SCT signature (TLS 1.2 `HashAlgorithm`, RFC 5246 §7.4.1.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HashAlgorithm {
    /// sha256 (4): the only hash RFC 6962 logs use.
    Sha256,
    /// Any other value, kept so the report can say what it was.
    Other(u8),
}

/// Signature algorithm of an SCT signature (TLS 1.2 `SignatureAlgorithm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SignatureAlgorithm {
    /// rsa (1): RSASSA-PKCS1-v1_5.
    Rsa,
    /// ecdsa (3).
    Ecdsa,
    /// Any other value.
    Other(u8),
}

/// One parsed SCT (version 1, the only version RFC 6962 defines).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Sct {
    /// Where the SCT came from.
    pub source: SctSource,
    /// SHA-256 of the log's public key.
    #[serde(serialize_with = "serialize_base64")]
    pub log_id: [u8; 32],
    /// Milliseconds since the Unix epoch at which the log promised to include the entry.
    pub timestamp_ms: u64,
    /// The opaque `CtExtensions` bytes (empty for every log in use today).
    #[serde(serialize_with = "serialize_base64")]
    pub extensions: Vec<u8>,
    /// Hash half of the signature algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// Signature half of the signature algorithm.
    pub signature_algorithm: SignatureAlgorithm,
    /// The signature bytes (DER ECDSA-Sig-Value or PKCS#1 v1.5).
    #[serde(serialize_with = "serialize_base64")]
    pub signature: Vec<u8>,
}

impl Sct {
    /// The log id in base64, the form log lists use.
    pub fn log_id_base64(&self) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(self.log_id)
    }

    /// The timestamp in whole seconds.
    pub fn time(&self) -> UnixTime {
        UnixTime(i64::try_from(self.timestamp_ms / 1000).unwrap_or(i64::MAX))
    }
}

fn serialize_base64<S: serde::Serializer, T: AsRef<[u8]>>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    use base64::Engine as _;
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v.as_ref()))
}

/// Parses a TLS-encoded `SignedCertificateTimestampList` (the bytes inside the certificate
/// extension's inner OCTET STRING, or the TLS extension's body).
///
/// # Errors
/// [`CtError::EmptyList`], [`CtError::ListTooLarge`], [`CtError::TooManyScts`],
/// [`CtError::Truncated`], [`CtError::LengthMismatch`], [`CtError::UnknownVersion`].
pub fn parse_sct_list(bytes: &[u8], source: SctSource) -> Result<Vec<Sct>, CtError> {
    if bytes.len() > limits::MAX_SCT_LIST_BYTES {
        return Err(CtError::ListTooLarge { size: bytes.len(), limit: limits::MAX_SCT_LIST_BYTES });
    }
    let mut r = Reader::new(bytes);
    let list_len = usize::from(r.u16("list length")?);
    if list_len != r.remaining() {
        return Err(CtError::LengthMismatch { what: "SCT list", declared: list_len, actual: r.remaining() });
    }
    if list_len == 0 {
        return Err(CtError::EmptyList);
    }
    let mut out = Vec::new();
    while r.remaining() > 0 {
        if out.len() == limits::MAX_SCTS_PER_LIST {
            return Err(CtError::TooManyScts { limit: limits::MAX_SCTS_PER_LIST });
        }
        let len = usize::from(r.u16("SCT length")?);
        if len == 0 {
            return Err(CtError::LengthMismatch { what: "SCT", declared: 0, actual: 0 });
        }
        let body = r.take(len, "SCT")?;
        out.push(parse_sct(body, source)?);
    }
    Ok(out)
}

/// Parses one serialized SCT (`SignedCertificateTimestamp`).
///
/// # Errors
/// [`CtError::UnknownVersion`], [`CtError::Truncated`], [`CtError::LengthMismatch`].
pub fn parse_sct(bytes: &[u8], source: SctSource) -> Result<Sct, CtError> {
    let mut r = Reader::new(bytes);
    let version = r.u8("version")?;
    if version != 0 {
        return Err(CtError::UnknownVersion { version });
    }
    let mut log_id = [0u8; 32];
    log_id.copy_from_slice(r.take(32, "log id")?);
    let timestamp_ms = r.u64("timestamp")?;
    let ext_len = usize::from(r.u16("extensions length")?);
    let extensions = r.take(ext_len, "extensions")?.to_vec();
    let hash = r.u8("hash algorithm")?;
    let sig = r.u8("signature algorithm")?;
    let sig_len = usize::from(r.u16("signature length")?);
    let signature = r.take(sig_len, "signature")?.to_vec();
    if r.remaining() != 0 {
        return Err(CtError::LengthMismatch {
            what: "SCT",
            declared: bytes.len() - r.remaining(),
            actual: bytes.len(),
        });
    }
    Ok(Sct {
        source,
        log_id,
        timestamp_ms,
        extensions,
        hash_algorithm: if hash == 4 { HashAlgorithm::Sha256 } else { HashAlgorithm::Other(hash) },
        signature_algorithm: match sig {
            1 => SignatureAlgorithm::Rsa,
            3 => SignatureAlgorithm::Ecdsa,
            n => SignatureAlgorithm::Other(n),
        },
        signature,
    })
}

/// Parses the SCT list carried in a certificate's SCT extension, given the extension value as
/// [`crate::Certificate::sct_list_extension`] returns it (the inner OCTET STRING's contents, or
/// the raw value when that wrapper was damaged).
///
/// # Errors
/// As [`parse_sct_list`].
pub fn parse_embedded(extension_value: &[u8]) -> Result<Vec<Sct>, CtError> {
    parse_sct_list(extension_value, SctSource::Embedded)
}

/// Finds and parses the SCT list in a DER OCSP response: either a full `OCSPResponse` or the
/// `BasicOCSPResponse` inside it. The extension is looked for in each `SingleResponse` and in
/// the response extensions. Returns an empty list when the response has none.
///
/// # Errors
/// [`CtError::Der`] when the DER is damaged where the walk needs it,
/// [`CtError::OcspTooLarge`], [`CtError::OcspNotSuccessful`], or a list error.
pub fn parse_ocsp_response(der_bytes: &[u8]) -> Result<Vec<Sct>, CtError> {
    if der_bytes.len() > limits::MAX_OCSP_RESPONSE_BYTES {
        return Err(CtError::OcspTooLarge { size: der_bytes.len(), limit: limits::MAX_OCSP_RESPONSE_BYTES });
    }
    let (outer, rest) = der::expect(der_bytes, der::SEQUENCE, "OCSP response")?;
    if !rest.is_empty() {
        return Err(CtError::Der { what: "OCSP response", reason: "trailing bytes" });
    }
    let (first, after_first) = der::read(outer.content, "OCSP response")?;
    let basic = if first.tag == 0x0A {
        // OCSPResponse { responseStatus ENUMERATED, responseBytes [0] EXPLICIT OPTIONAL }
        if first.content != [0] {
            return Err(CtError::OcspNotSuccessful { status: first.content.first().copied().unwrap_or(255) });
        }
        let (bytes0, _) = der::expect(after_first, 0xA0, "OCSP responseBytes")?;
        let (rb, _) = der::expect(bytes0.content, der::SEQUENCE, "OCSP responseBytes")?;
        let (kind, rest) = der::expect(rb.content, der::OID, "OCSP responseType")?;
        if kind.content != der::OID_OCSP_BASIC {
            return Err(CtError::Der { what: "OCSP responseType", reason: "not id-pkix-ocsp-basic" });
        }
        let (octets, _) = der::expect(rest, der::OCTET_STRING, "OCSP response")?;
        let (basic, _) = der::expect(octets.content, der::SEQUENCE, "BasicOCSPResponse")?;
        basic
    } else {
        outer
    };
    // BasicOCSPResponse { tbsResponseData ResponseData, signatureAlgorithm, signature, certs }
    let (tbs, _) = der::expect(basic.content, der::SEQUENCE, "ResponseData")?;
    let mut out = Vec::new();
    let mut found = |ext_value: &[u8]| -> Result<(), CtError> {
        let (inner, _) = der::expect(ext_value, der::OCTET_STRING, "OCSP SCT extension")?;
        let mut scts = parse_sct_list(inner.content, SctSource::Ocsp)?;
        if out.len() + scts.len() > limits::MAX_SCTS_PER_LIST {
            return Err(CtError::TooManyScts { limit: limits::MAX_SCTS_PER_LIST });
        }
        out.append(&mut scts);
        Ok(())
    };
    for field in der::elements(tbs.content, "ResponseData") {
        let field = field?;
        match field.tag {
            // responses SEQUENCE OF SingleResponse
            der::SEQUENCE => {
                for single in der::elements(field.content, "SingleResponse") {
                    let single = single?;
                    for part in der::elements(single.content, "SingleResponse field") {
                        let part = part?;
                        // singleExtensions [1] EXPLICIT Extensions
                        if part.tag == 0xA1 {
                            if let Some(v) = der::find_extension(part.content, der::OID_OCSP_SCT_LIST)? {
                                found(v)?;
                            }
                        }
                    }
                }
            }
            // responseExtensions [1] EXPLICIT Extensions
            0xA1 => {
                if let Some(v) = der::find_extension(field.content, der::OID_OCSP_SCT_LIST)? {
                    found(v)?;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Self { buf }
    }

    fn remaining(&self) -> usize {
        self.buf.len()
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], CtError> {
        if self.buf.len() < n {
            return Err(CtError::Truncated { what, needed: n, available: self.buf.len() });
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Ok(head)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, CtError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, CtError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, CtError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }
}
