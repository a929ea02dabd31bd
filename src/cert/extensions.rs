//! X.509 v3 extensions, decoded into owned values.

use std::net::IpAddr;

use serde::Serialize;
use x509_parser::certificate::TbsCertificate;
use x509_parser::extensions::{DistributionPointName, GeneralName as XGeneralName, ParsedExtension};

use super::CertError;

/// OID of the embedded SCT list (RFC 6962 §3.3).
pub(crate) const OID_SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.2";

/// One name from a SAN, name constraint, AIA or CRL distribution point.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
#[non_exhaustive]
pub enum GeneralName {
    /// dNSName.
    Dns(String),
    /// iPAddress: 4 or 16 bytes in a SAN.
    Ip(IpAddr),
    /// iPAddress in a name constraint: address and mask (8 or 32 bytes), as `addr/prefix`.
    IpRange(String),
    /// rfc822Name.
    Email(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// directoryName, RFC 4514.
    Directory(String),
    /// otherName, registeredID, x400Address, ediPartyName or an entry that failed to decode.
    Other(String),
}

impl GeneralName {
    fn from_x509(name: &XGeneralName<'_>) -> Self {
        match name {
            XGeneralName::DNSName(s) => Self::Dns((*s).to_owned()),
            XGeneralName::RFC822Name(s) => Self::Email((*s).to_owned()),
            XGeneralName::URI(s) => Self::Uri((*s).to_owned()),
            XGeneralName::DirectoryName(n) => Self::Directory(n.to_string()),
            XGeneralName::IPAddress(bytes) => ip_from_bytes(bytes),
            XGeneralName::OtherName(oid, _) => Self::Other(format!("otherName:{oid}")),
            XGeneralName::RegisteredID(oid) => Self::Other(format!("registeredID:{oid}")),
            XGeneralName::X400Address(_) => Self::Other("x400Address".to_owned()),
            XGeneralName::EDIPartyName(_) => Self::Other("ediPartyName".to_owned()),
            XGeneralName::Invalid(tag, _) => Self::Other(format!("invalid entry (tag {})", tag.0)),
        }
    }
}

/// rfc822Name [1], dNSName [2], uniformResourceIdentifier [6] and iPAddress [7] are strings,
/// primitive in DER. x509-parser reads a constructed encoding of them as the string anyway;
/// Go, OpenSSL and rustls-webpki do not, so such an entry must never match a name here.
fn is_constructed_string_name(tag: u8) -> bool {
    matches!(tag, 0xa1 | 0xa2 | 0xa6 | 0xa7)
}

/// The first (tag) byte of each element of a DER SEQUENCE, in order; `None` if it does not
/// parse (x509-parser has already accepted it, so this is only a guard).
fn entry_tags(sequence: &[u8]) -> Option<Vec<u8>> {
    let (0x30, mut content, _) = super::der::tlv(sequence)? else { return None };
    let mut tags = Vec::new();
    while !content.is_empty() {
        let (tag, _, rest) = super::der::tlv(content)?;
        tags.push(tag);
        content = rest;
    }
    Some(tags)
}

fn ip_from_bytes(bytes: &[u8]) -> GeneralName {
    match bytes.len() {
        4 => {
            let mut a = [0u8; 4];
            a.copy_from_slice(bytes);
            GeneralName::Ip(IpAddr::from(a))
        }
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(bytes);
            GeneralName::Ip(IpAddr::from(a))
        }
        8 | 32 => {
            let (addr, mask) = bytes.split_at(bytes.len() / 2);
            let prefix: u32 = mask.iter().map(|b| b.count_ones()).sum();
            let addr = match ip_from_bytes(addr) {
                GeneralName::Ip(ip) => ip.to_string(),
                _ => String::new(),
            };
            GeneralName::IpRange(format!("{addr}/{prefix}"))
        }
        n => GeneralName::Other(format!("iPAddress of {n} bytes")),
    }
}

impl std::fmt::Display for GeneralName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Dns(s) => write!(f, "DNS:{s}"),
            Self::Ip(ip) => write!(f, "IP:{ip}"),
            Self::IpRange(r) => write!(f, "IP:{r}"),
            Self::Email(s) => write!(f, "email:{s}"),
            Self::Uri(s) => write!(f, "URI:{s}"),
            Self::Directory(s) => write!(f, "DirName:{s}"),
            Self::Other(s) => f.write_str(s),
        }
    }
}

/// Basic constraints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint, if set.
    pub path_len: Option<u32>,
    /// Whether the extension was marked critical.
    pub critical: bool,
}

/// Name constraints (RFC 5280 §4.2.1.10).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NameConstraints {
    /// permittedSubtrees.
    pub permitted: Vec<GeneralName>,
    /// excludedSubtrees.
    pub excluded: Vec<GeneralName>,
}

/// Authority information access.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthorityInfoAccess {
    /// OCSP responder URLs.
    pub ocsp: Vec<String>,
    /// caIssuers URLs (where the issuing certificate can be downloaded).
    pub ca_issuers: Vec<String>,
}

/// One extension as it appears in the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawExtension {
    /// Dotted OID.
    pub oid: String,
    /// Whether it is marked critical.
    pub critical: bool,
    /// Whether this crate (through x509-parser) understands it.
    pub understood: bool,
}

/// Every extension the rest of the library looks at, decoded once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExtensionSummary {
    /// Basic constraints.
    pub basic_constraints: Option<BasicConstraints>,
    /// Key usage bits by name (`digitalSignature`, `keyCertSign`, …); `None` when absent.
    pub key_usage: Option<Vec<String>>,
    /// Extended key usages by name (`serverAuth`, …) or dotted OID; `None` when absent.
    pub extended_key_usage: Option<Vec<String>>,
    /// Subject alternative names.
    pub subject_alt_names: Vec<GeneralName>,
    /// Whether a SAN extension is present at all (it may be present and empty).
    pub has_subject_alt_name: bool,
    /// Name constraints.
    pub name_constraints: Option<NameConstraints>,
    /// Authority key identifier (keyIdentifier field).
    #[serde(serialize_with = "hex_opt")]
    pub authority_key_id: Option<Vec<u8>>,
    /// Subject key identifier.
    #[serde(serialize_with = "hex_opt")]
    pub subject_key_id: Option<Vec<u8>>,
    /// Authority information access.
    pub authority_info_access: Option<AuthorityInfoAccess>,
    /// CRL distribution point URLs.
    pub crl_distribution_points: Vec<String>,
    /// Raw embedded SCT list (the extension's OCTET STRING contents).
    #[serde(skip)]
    pub sct_list: Option<Vec<u8>>,
    /// Every extension in order, with its criticality.
    pub all: Vec<RawExtension>,
}

fn hex_opt<S: serde::Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(b) => s.serialize_some(&super::colon_hex(b)),
        None => s.serialize_none(),
    }
}

impl ExtensionSummary {
    pub(crate) fn from_x509(tbs: &TbsCertificate<'_>) -> Result<Self, CertError> {
        let mut out = Self::default();
        for ext in tbs.extensions() {
            let oid = ext.oid.to_id_string();
            let parsed = ext.parsed_extension();
            if let ParsedExtension::ParseError { error } = parsed {
                // A malformed extension makes the whole certificate unusable for every runtime
                // we model (they all reject it at parse time), so it is a parse error here too.
                return Err(CertError::Der { reason: format!("extension {oid}: {error}") });
            }
            let understood = !matches!(parsed, ParsedExtension::UnsupportedExtension { .. });
            out.all.push(RawExtension { oid: oid.clone(), critical: ext.critical, understood });
            match parsed {
                ParsedExtension::BasicConstraints(bc) => {
                    out.basic_constraints =
                        Some(BasicConstraints { ca: bc.ca, path_len: bc.path_len_constraint, critical: ext.critical });
                }
                ParsedExtension::KeyUsage(ku) => {
                    let bits = [
                        (ku.digital_signature(), "digitalSignature"),
                        (ku.non_repudiation(), "nonRepudiation"),
                        (ku.key_encipherment(), "keyEncipherment"),
                        (ku.data_encipherment(), "dataEncipherment"),
                        (ku.key_agreement(), "keyAgreement"),
                        (ku.key_cert_sign(), "keyCertSign"),
                        (ku.crl_sign(), "cRLSign"),
                        (ku.encipher_only(), "encipherOnly"),
                        (ku.decipher_only(), "decipherOnly"),
                    ];
                    out.key_usage = Some(bits.iter().filter(|(set, _)| *set).map(|(_, n)| (*n).to_owned()).collect());
                }
                ParsedExtension::ExtendedKeyUsage(eku) => {
                    let mut v = Vec::new();
                    let named = [
                        (eku.any, "anyExtendedKeyUsage"),
                        (eku.server_auth, "serverAuth"),
                        (eku.client_auth, "clientAuth"),
                        (eku.code_signing, "codeSigning"),
                        (eku.email_protection, "emailProtection"),
                        (eku.time_stamping, "timeStamping"),
                        (eku.ocsp_signing, "OCSPSigning"),
                    ];
                    v.extend(named.iter().filter(|(s, _)| *s).map(|(_, n)| (*n).to_owned()));
                    v.extend(eku.other.iter().map(|o| o.to_id_string()));
                    out.extended_key_usage = Some(v);
                }
                ParsedExtension::SubjectAlternativeName(san) => {
                    out.has_subject_alt_name = true;
                    let tags = entry_tags(ext.value);
                    out.subject_alt_names = san
                        .general_names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| match tags.as_ref().and_then(|t| t.get(i)) {
                            Some(&tag) if is_constructed_string_name(tag) => GeneralName::Other(format!(
                                "constructed [{}] entry (Go, OpenSSL and rustls-webpki do not read it as a name)",
                                tag & 0x1f
                            )),
                            _ => GeneralName::from_x509(n),
                        })
                        .collect();
                }
                ParsedExtension::NameConstraints(nc) => {
                    let conv = |v: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                        v.iter().flatten().map(|st| GeneralName::from_x509(&st.base)).collect::<Vec<_>>()
                    };
                    out.name_constraints = Some(NameConstraints {
                        permitted: conv(&nc.permitted_subtrees),
                        excluded: conv(&nc.excluded_subtrees),
                    });
                }
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    out.authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec());
                }
                ParsedExtension::SubjectKeyIdentifier(ski) => {
                    out.subject_key_id = Some(ski.0.to_vec());
                }
                ParsedExtension::AuthorityInfoAccess(aia) => {
                    let mut info = AuthorityInfoAccess::default();
                    for ad in aia.iter() {
                        let url = match &ad.access_location {
                            XGeneralName::URI(u) => (*u).to_owned(),
                            other => GeneralName::from_x509(other).to_string(),
                        };
                        match ad.access_method.to_id_string().as_str() {
                            "1.3.6.1.5.5.7.48.1" => info.ocsp.push(url),
                            "1.3.6.1.5.5.7.48.2" => info.ca_issuers.push(url),
                            _ => {}
                        }
                    }
                    out.authority_info_access = Some(info);
                }
                ParsedExtension::CRLDistributionPoints(dps) => {
                    for dp in dps.iter() {
                        if let Some(DistributionPointName::FullName(names)) = &dp.distribution_point {
                            for n in names {
                                if let XGeneralName::URI(u) = n {
                                    out.crl_distribution_points.push((*u).to_owned());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
            if oid == OID_SCT_LIST {
                out.sct_list = Some(sct_octets(ext.value));
            }
        }
        Ok(out)
    }
}

/// The SCT list extension's value is an OCTET STRING wrapping the TLS-encoded list
/// (RFC 6962 §3.3); unwrap it when it is well-formed, else keep the raw value so the CT layer
/// can report exactly what is wrong.
fn sct_octets(value: &[u8]) -> Vec<u8> {
    use x509_parser::der_parser::der::parse_der_octetstring;
    match parse_der_octetstring(value) {
        Ok(([], obj)) => obj.as_slice().map(<[u8]>::to_vec).unwrap_or_else(|_| value.to_vec()),
        _ => value.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constructed_dns_name_entry_is_seen_for_what_it_is() {
        // SEQUENCE { [2] constructed "*.example.com" }: x509-parser reads the string anyway.
        let mut san = vec![0x30, 0x0f, 0xa2, 0x0d];
        san.extend_from_slice(b"*.example.com");
        assert_eq!(entry_tags(&san), Some(vec![0xa2]));
        assert!(is_constructed_string_name(0xa2));
        assert!(!is_constructed_string_name(0x82), "a primitive dNSName is a name");
        assert!(!is_constructed_string_name(0xa4), "directoryName is constructed by definition");
        assert_eq!(entry_tags(&[0x30, 0x05, 0x82, 0x09]), None, "truncated");
    }
}
