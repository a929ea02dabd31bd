//! Distinguished names: the RFC 4514 string plus the attributes people search by.

use serde::Serialize;
use x509_parser::x509::X509Name;

/// A subject or issuer name, decoded once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DistinguishedName {
    /// RFC 4514 string, most significant RDN last as x509-parser prints it
    /// (for example `C=US, O=Let's Encrypt, CN=R11`).
    pub rfc4514: String,
    /// Every commonName value, in order.
    pub common_names: Vec<String>,
    /// Every organizationName value, in order.
    pub organizations: Vec<String>,
    /// Every organizationalUnitName value, in order.
    pub organizational_units: Vec<String>,
    /// Every countryName value, in order.
    pub countries: Vec<String>,
    /// Every emailAddress (PKCS #9) value, in order.
    pub emails: Vec<String>,
    /// The DER encoding of the name; two names are the same name when these bytes match.
    #[serde(skip)]
    pub der: Vec<u8>,
}

impl DistinguishedName {
    pub(crate) fn from_x509(name: &X509Name<'_>) -> Self {
        fn values<'a>(iter: impl Iterator<Item = &'a x509_parser::x509::AttributeTypeAndValue<'a>>) -> Vec<String> {
            iter.map(|atv| match atv.as_str() {
                Ok(s) => s.to_owned(),
                // Non-string attribute types (BMPString with odd lengths, raw bytes): keep them
                // visible instead of dropping them, so a reader still sees something was there.
                Err(_) => String::from_utf8_lossy(atv.as_slice()).into_owned(),
            })
            .collect()
        }
        let rfc4514 = name.to_string();
        Self {
            common_names: values(name.iter_common_name()),
            organizations: values(name.iter_organization()),
            organizational_units: values(name.iter_organizational_unit()),
            countries: values(name.iter_country()),
            emails: values(name.iter_email()),
            der: name.as_raw().to_vec(),
            rfc4514,
        }
    }

    /// The first commonName, if any.
    pub fn common_name(&self) -> Option<&str> {
        self.common_names.first().map(String::as_str)
    }

    /// The first organizationName, if any.
    pub fn organization(&self) -> Option<&str> {
        self.organizations.first().map(String::as_str)
    }

    /// A short label for people: the CN, else the O, else the whole RFC 4514 string.
    pub fn display_name(&self) -> &str {
        self.common_name()
            .or_else(|| self.organization())
            .or_else(|| self.organizational_units.first().map(String::as_str))
            .unwrap_or(&self.rfc4514)
    }
}

impl std::fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.rfc4514)
    }
}
