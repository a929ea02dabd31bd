//! Test PKIs built with rcgen: a root, intermediates and leaves with the defects the verify
//! tests need (expired, not yet valid, wrong usage, CA as leaf, path length, self-signed).
#![allow(dead_code, unreachable_pub)]

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SignatureAlgorithm, PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256,
};
use time::OffsetDateTime;
use trustaudit::Certificate;

/// 2025-01-01T00:00:00Z.
pub const Y2025: i64 = 1_735_689_600;
/// 2026-06-01T00:00:00Z: the verification time the fixed-date tests use.
pub const AT: i64 = 1_780_272_000;
/// 2030-01-01T00:00:00Z.
pub const Y2030: i64 = 1_893_456_000;

/// What to put in one certificate.
#[derive(Clone)]
pub struct Spec {
    pub cn: Option<String>,
    pub sans: Vec<String>,
    /// `None`: end entity; `Some(None)`: CA without path length; `Some(Some(n))`: pathLen n.
    pub ca: Option<Option<u8>>,
    pub not_before: i64,
    pub not_after: i64,
    pub eku: Vec<ExtendedKeyUsagePurpose>,
    pub rsa: bool,
    /// Whether to carry an authorityKeyIdentifier (squid's generated leaves do not).
    pub aki: bool,
    /// For a CA: whether basicConstraints is marked critical, as RFC 5280 requires.
    pub bc_critical: bool,
    /// For a CA: whether it carries a keyUsage extension.
    pub ca_key_usage: bool,
}

impl Spec {
    pub fn ca(cn: &str) -> Self {
        Spec {
            cn: Some(cn.to_owned()),
            sans: vec![],
            ca: Some(None),
            not_before: Y2025,
            not_after: Y2030,
            eku: vec![],
            rsa: false,
            aki: true,
            bc_critical: true,
            ca_key_usage: true,
        }
    }
    pub fn leaf(name: &str) -> Self {
        Spec {
            cn: Some(name.to_owned()),
            sans: vec![name.to_owned()],
            ca: None,
            not_before: Y2025,
            not_after: Y2030,
            eku: vec![ExtendedKeyUsagePurpose::ServerAuth],
            rsa: false,
            aki: true,
            bc_critical: true,
            ca_key_usage: true,
        }
    }
    pub fn valid(mut self, not_before: i64, not_after: i64) -> Self {
        self.not_before = not_before;
        self.not_after = not_after;
        self
    }
    pub fn path_len(mut self, n: u8) -> Self {
        self.ca = Some(Some(n));
        self
    }
    pub fn rsa(mut self) -> Self {
        self.rsa = true;
        self
    }
}

/// One generated certificate with its key, able to issue others.
pub struct Node {
    pub cert: Certificate,
    pub pem: String,
    pub der: Vec<u8>,
    params: CertificateParams,
    key: KeyPair,
}

fn params(spec: &Spec) -> CertificateParams {
    let mut p = CertificateParams::new(spec.sans.clone()).expect("test SANs are valid");
    let mut dn = DistinguishedName::new();
    if let Some(cn) = &spec.cn {
        dn.push(DnType::CommonName, cn.clone());
    }
    p.distinguished_name = dn;
    p.not_before = OffsetDateTime::from_unix_timestamp(spec.not_before).expect("time");
    p.not_after = OffsetDateTime::from_unix_timestamp(spec.not_after).expect("time");
    match spec.ca {
        Some(path_len) => {
            p.is_ca = IsCa::Ca(path_len.map_or(BasicConstraints::Unconstrained, BasicConstraints::Constrained));
            if spec.ca_key_usage {
                p.key_usages =
                    vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
            }
            if !spec.bc_critical {
                // rcgen always marks its basicConstraints critical: write a non-critical one
                // (cA TRUE, no pathLen) by hand instead.
                assert!(path_len.is_none(), "a non-critical basicConstraints here carries no pathLen");
                p.is_ca = IsCa::NoCa;
                let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x03, 0x01, 0x01, 0xff]);
                bc.set_criticality(false);
                p.custom_extensions.push(bc);
            }
        }
        None => {
            p.is_ca = IsCa::ExplicitNoCa;
            p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
        }
    }
    p.extended_key_usages = spec.eku.clone();
    p.use_authority_key_identifier_extension = spec.aki;
    p
}

fn keypair(spec: &Spec) -> KeyPair {
    let alg: &'static SignatureAlgorithm = if spec.rsa { &PKCS_RSA_SHA256 } else { &PKCS_ECDSA_P256_SHA256 };
    if spec.rsa {
        rsa_key()
    } else {
        KeyPair::generate_for(alg).expect("keygen")
    }
}

/// rcgen (ring) cannot generate RSA keys: ask openssl once per test process.
fn rsa_key() -> KeyPair {
    let out = std::process::Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        .output()
        .expect("openssl genpkey for an RSA test key");
    let pem = String::from_utf8(out.stdout).expect("PEM");
    KeyPair::from_pem_and_sign_algo(&pem, &PKCS_RSA_SHA256).expect("RSA key")
}

fn finish(c: rcgen::Certificate, params: CertificateParams, key: KeyPair) -> Node {
    let der = c.der().to_vec();
    Node { cert: Certificate::from_der(&der).expect("rcgen output parses"), pem: c.pem(), der, params, key }
}

impl Node {
    /// A self-signed certificate (a root, or a self-signed leaf).
    pub fn self_signed(spec: Spec) -> Node {
        let p = params(&spec);
        let key = keypair(&spec);
        let c = p.self_signed(&key).expect("self-sign");
        finish(c, p, key)
    }

    /// A certificate issued by `self`.
    pub fn issue(&self, spec: Spec) -> Node {
        let p = params(&spec);
        let key = keypair(&spec);
        let issuer = Issuer::from_params(&self.params, &self.key);
        let c = p.signed_by(&key, &issuer).expect("sign");
        finish(c, p, key)
    }

    /// The private key, PKCS#8 PEM (for test servers).
    pub fn key_pem(&self) -> String {
        self.key.serialize_pem()
    }
}

/// root → intermediate → leaf for `name`, all valid 2025..2030, ECDSA P-256.
pub struct Pki {
    pub root: Node,
    pub inter: Node,
    pub leaf: Node,
}

impl Pki {
    pub fn new(name: &str) -> Pki {
        let root = Node::self_signed(Spec::ca("Test Root CA"));
        let inter = root.issue(Spec::ca("Test Intermediate CA"));
        let leaf = inter.issue(Spec::leaf(name));
        Pki { root, inter, leaf }
    }
}
