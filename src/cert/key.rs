//! Public-key and signature algorithms, named the way people and runtimes name them.

use serde::Serialize;
use x509_parser::oid_registry::Oid;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::SubjectPublicKeyInfo;

/// A certificate's public key: algorithm plus size or curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "algorithm", rename_all = "lowercase")]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA with the modulus size in bits.
    Rsa {
        /// Modulus size in bits.
        bits: usize,
    },
    /// ECDSA on a named curve (`P-256`, `P-384`, `P-521`, or the curve OID when unknown).
    Ecdsa {
        /// The curve's name.
        curve: String,
    },
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// DSA, with the public value's size in bits.
    Dsa {
        /// Size of the public value in bits.
        bits: usize,
    },
    /// Anything else, by OID.
    Other {
        /// The algorithm OID, dotted.
        oid: String,
    },
}

impl KeyAlgorithm {
    pub(crate) fn from_spki(spki: &SubjectPublicKeyInfo<'_>) -> Self {
        let oid = spki.algorithm.algorithm.to_id_string();
        match oid.as_str() {
            "1.2.840.113549.1.1.1" => match spki.parsed() {
                Ok(PublicKey::RSA(rsa)) => Self::Rsa { bits: rsa.key_size() },
                _ => Self::Rsa { bits: 0 },
            },
            "1.2.840.10045.2.1" => {
                let curve = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.as_oid().ok())
                    .map(|o| curve_name(&o))
                    .unwrap_or_else(|| "unnamed curve".to_owned());
                Self::Ecdsa { curve }
            }
            "1.3.101.112" => Self::Ed25519,
            "1.3.101.113" => Self::Ed448,
            "1.2.840.10040.4.1" => {
                let bits = spki.parsed().map(|k| k.key_size()).unwrap_or(0);
                Self::Dsa { bits }
            }
            _ => Self::Other { oid },
        }
    }

    /// Whether this key is too weak for today's Web PKI (RSA under 2048 bits, DSA).
    pub fn is_weak(&self) -> bool {
        match self {
            Self::Rsa { bits } => *bits < 2048,
            Self::Dsa { .. } => true,
            _ => false,
        }
    }
}

fn curve_name(oid: &Oid<'_>) -> String {
    match oid.to_id_string().as_str() {
        "1.2.840.10045.3.1.7" => "P-256".to_owned(),
        "1.3.132.0.34" => "P-384".to_owned(),
        "1.3.132.0.35" => "P-521".to_owned(),
        "1.3.132.0.10" => "secp256k1".to_owned(),
        other => other.to_owned(),
    }
}

impl std::fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "RSA {bits}"),
            Self::Ecdsa { curve } => write!(f, "ECDSA {curve}"),
            Self::Ed25519 => f.write_str("Ed25519"),
            Self::Ed448 => f.write_str("Ed448"),
            Self::Dsa { bits } => write!(f, "DSA {bits}"),
            Self::Other { oid } => write!(f, "key algorithm {oid}"),
        }
    }
}

/// The algorithm an issuer used to sign a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureAlgorithm {
    /// Conventional name, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA384`.
    pub name: String,
    /// Dotted OID.
    pub oid: String,
}

impl SignatureAlgorithm {
    pub(crate) fn from_oid(oid: &Oid<'_>) -> Self {
        let oid = oid.to_id_string();
        let name = match oid.as_str() {
            "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
            "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
            "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
            "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
            "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
            "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
            "1.2.840.113549.1.1.10" => "rsassaPss",
            "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
            "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
            "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
            "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
            "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
            "1.3.101.112" => "ed25519",
            "1.3.101.113" => "ed448",
            "1.2.840.10040.4.3" => "dsa-with-sha1",
            _ => "",
        };
        let name = if name.is_empty() { oid.clone() } else { name.to_owned() };
        Self { name, oid }
    }

    /// MD5 or SHA-1 based: forgeable or on the way there, refused by browsers.
    pub fn is_weak(&self) -> bool {
        matches!(
            self.oid.as_str(),
            "1.2.840.113549.1.1.4"
                | "1.2.840.113549.1.1.5"
                | "1.2.840.10045.4.1"
                | "1.2.840.10040.4.3"
                | "1.2.840.113549.1.1.2"
        )
    }
}

impl std::fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}
