//! The catalogue of TLS-interception products (`data/intercept/products.json`): which names
//! their CA certificates carry, whether one key is shared by every customer, and where each fact
//! comes from. Matching is by simple per-attribute conditions (no regular expressions), all of
//! which must hold on the same distinguished name.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::InterceptError;
use crate::cert::DistinguishedName;
use crate::limits;

static EMBEDDED_JSON: &str = include_str!("../../data/intercept/products.json");

/// What sort of product intercepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// A cloud or on-premises web proxy run by an employer (Zscaler, Netskope, squid).
    CorporateProxy,
    /// A firewall doing TLS inspection (FortiGate, Sophos).
    Firewall,
    /// Antivirus HTTPS scanning on the machine itself.
    Antivirus,
    /// A developer's debugging or testing proxy (mitmproxy, Fiddler, Charles, Burp).
    DebuggingProxy,
    /// A school or parental web filter.
    ParentalFilter,
}

impl ProductKind {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::CorporateProxy => "corporate proxy",
            Self::Firewall => "firewall",
            Self::Antivirus => "antivirus",
            Self::DebuggingProxy => "debugging proxy",
            Self::ParentalFilter => "parental filter",
        }
    }
}

/// Whether one CA key serves every customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySharing {
    /// One key for all customers: its private key is a single point of failure.
    Shared,
    /// One CA per customer account.
    PerTenant,
    /// Generated on each appliance.
    PerDevice,
    /// Generated on each installation.
    PerInstall,
}

/// How sure a match on this product's names is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// Names are fixed by the product and specific to it.
    #[default]
    High,
    /// Names come from documentation, not from a certificate seen.
    Medium,
    /// Administrators choose the names; the match is a hint.
    Low,
}

/// Which attribute of a name a condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribute {
    /// commonName.
    Cn,
    /// organizationName.
    O,
    /// organizationalUnitName.
    Ou,
    /// emailAddress.
    Email,
}

/// How a condition compares (ASCII case is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The whole value.
    Equals,
    /// The value starts with it.
    Prefix,
    /// The value ends with it.
    Suffix,
    /// The value contains it.
    Contains,
}

/// One test on one attribute: true when any value of that attribute passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// Which attribute.
    pub attribute: Attribute,
    /// How to compare.
    pub op: Op,
    /// What to compare with.
    pub value: String,
    /// `value` in ASCII lower case, computed once when the catalogue is loaded.
    #[serde(skip)]
    lower: String,
}

impl Condition {
    /// A condition; `value` is compared ignoring ASCII case.
    pub fn new(attribute: Attribute, op: Op, value: &str) -> Self {
        Self { attribute, op, value: value.to_owned(), lower: value.to_ascii_lowercase() }
    }

    fn holds(&self, name: &LoweredName) -> bool {
        let values = match self.attribute {
            Attribute::Cn => &name.cn,
            Attribute::O => &name.o,
            Attribute::Ou => &name.ou,
            Attribute::Email => &name.email,
        };
        // NOTE: `lower` is filled by `Catalogue::from_json` and `Condition::new`, the only ways
        // to build a condition outside this module.
        let want = self.lower.as_str();
        values.iter().any(|v| match self.op {
            Op::Equals => v == want,
            Op::Prefix => v.starts_with(want),
            Op::Suffix => v.ends_with(want),
            Op::Contains => v.contains(want),
        })
    }
}

/// The matched attributes of one name, lower-cased once (trailing spaces dropped: Zscaler's
/// intermediates end their CN with one).
struct LoweredName {
    cn: Vec<String>,
    o: Vec<String>,
    ou: Vec<String>,
    email: Vec<String>,
}

impl LoweredName {
    fn new(name: &DistinguishedName) -> Self {
        let low = |v: &[String]| v.iter().map(|s| s.trim_end().to_ascii_lowercase()).collect();
        Self {
            cn: low(&name.common_names),
            o: low(&name.organizations),
            ou: low(&name.organizational_units),
            email: low(&name.emails),
        }
    }
}

/// A set of conditions that must all hold on one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The conditions.
    pub all: Vec<Condition>,
}

impl Rule {
    /// Whether every condition holds on `name`.
    pub fn matches(&self, name: &DistinguishedName) -> bool {
        self.matches_lowered(&LoweredName::new(name))
    }

    fn matches_lowered(&self, name: &LoweredName) -> bool {
        !self.all.is_empty() && self.all.iter().all(|c| c.holds(name))
    }
}

/// One fact about a product and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The fact.
    pub fact: String,
    /// Where it was found (URL or the research notes).
    pub source: String,
}

/// One interception product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Stable identifier (`zscaler`, `mitmproxy`).
    pub id: String,
    /// Product name for people.
    pub product: String,
    /// Vendor.
    pub vendor: String,
    /// What sort of product.
    pub kind: ProductKind,
    /// Whether one key is shared.
    pub key_sharing: KeySharing,
    /// More on keys and leaves.
    #[serde(default)]
    pub key_notes: String,
    /// How much a name match says.
    #[serde(default)]
    pub attribution: Attribution,
    /// Any rule matching names the product.
    pub rules: Vec<Rule>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
}

/// The product catalogue. The embedded one is parsed once per process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Format identifier.
    pub schema: String,
    /// The products, in file order (first match wins).
    pub products: Vec<Product>,
}

impl Catalogue {
    /// The catalogue compiled into the library.
    pub fn embedded() -> &'static Catalogue {
        static CAT: OnceLock<Catalogue> = OnceLock::new();
        CAT.get_or_init(|| {
            // NOTE: the embedded file is checked by the catalogue tests; an empty catalogue
            // here would only cost product names, never a verdict.
            Catalogue::from_json(EMBEDDED_JSON).unwrap_or(Catalogue { schema: String::new(), products: Vec::new() })
        })
    }

    /// Parses a catalogue in the `trustaudit-intercept-catalogue/1` format.
    ///
    /// # Errors
    /// [`InterceptError::Catalogue`] for bad JSON, an oversized file, a product without rules
    /// or sources, or a rule without conditions.
    pub fn from_json(json: &str) -> Result<Self, InterceptError> {
        if json.len() > limits::MAX_CATALOGUE_BYTES {
            return Err(InterceptError::Catalogue {
                reason: format!("{} bytes, over the {}-byte limit", json.len(), limits::MAX_CATALOGUE_BYTES),
            });
        }
        let mut cat: Catalogue =
            serde_json::from_str(json).map_err(|e| InterceptError::Catalogue { reason: e.to_string() })?;
        for c in cat.products.iter_mut().flat_map(|p| p.rules.iter_mut()).flat_map(|r| r.all.iter_mut()) {
            c.lower = c.value.to_ascii_lowercase();
        }
        for p in &cat.products {
            if p.rules.is_empty() || p.sources.is_empty() {
                return Err(InterceptError::Catalogue {
                    reason: format!("product {} needs at least one rule and one source", p.id),
                });
            }
            if p.rules.iter().any(|r| r.all.is_empty()) {
                return Err(InterceptError::Catalogue {
                    reason: format!("product {} has a rule without conditions", p.id),
                });
            }
        }
        Ok(cat)
    }

    /// The first product with a rule matching `name`.
    pub fn match_name(&self, name: &DistinguishedName) -> Option<&Product> {
        let lowered = LoweredName::new(name);
        self.products.iter().find(|p| p.rules.iter().any(|r| r.matches_lowered(&lowered)))
    }

    /// The product by id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }
}
