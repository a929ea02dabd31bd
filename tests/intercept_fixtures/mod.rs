//! Fixture builders for the CT and interception tests: a test-only CT log with its own log
//! list, CAs and leaves made with rcgen, and leaves carrying SCTs that the test log really
//! signed (RFC 6962 §3.2, over the precertificate TBS).

#![allow(dead_code, unreachable_pub)]

use rcgen::{
    date_time_ymd, BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair as _, ECDSA_P256_SHA256_ASN1_SIGNING};
use trustaudit::ct::{self, LogList};
use trustaudit::Certificate;

/// DER prefix of a P-256 SubjectPublicKeyInfo, followed by the 65-byte uncompressed point.
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
    0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

const SCT_LIST_OID: &[u64] = &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2];

/// A CT log that exists only in tests, and a log list that names it.
pub struct TestLog {
    key: EcdsaKeyPair,
    rng: SystemRandom,
    pub log_id: [u8; 32],
    pub list: LogList,
}

impl TestLog {
    pub fn new(description: &str) -> Self {
        use base64::Engine as _;
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).expect("keygen");
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng).expect("key");
        let mut spki = P256_SPKI_PREFIX.to_vec();
        spki.extend_from_slice(key.public_key().as_ref());
        let digest = ring::digest::digest(&ring::digest::SHA256, &spki);
        let mut log_id = [0u8; 32];
        log_id.copy_from_slice(digest.as_ref());
        let b64 = base64::engine::general_purpose::STANDARD;
        let json = serde_json::json!({
            "version": "test-1",
            "log_list_timestamp": "2026-01-01T00:00:00Z",
            "operators": [{
                "name": "Test Operator",
                "email": ["ct@test.invalid"],
                "logs": [{
                    "description": description,
                    "log_id": b64.encode(log_id),
                    "key": b64.encode(&spki),
                    "url": "https://ct.test.invalid/",
                    "mmd": 86400,
                    "state": {"usable": {"timestamp": "2025-01-01T00:00:00Z"}},
                    "temporal_interval": {
                        "start_inclusive": "2026-01-01T00:00:00Z",
                        "end_exclusive": "2027-01-01T00:00:00Z"
                    }
                }]
            }]
        });
        let list = LogList::from_json(&json.to_string()).expect("test log list parses");
        Self { key, rng, log_id, list }
    }

    /// A serialized v1 SCT over the precertificate entry.
    pub fn sign_precert(&self, issuer_spki_sha256: &[u8; 32], tbs: &[u8], timestamp_ms: u64) -> Vec<u8> {
        let mut msg = vec![0u8, 0u8];
        msg.extend_from_slice(&timestamp_ms.to_be_bytes());
        msg.extend_from_slice(&1u16.to_be_bytes());
        msg.extend_from_slice(issuer_spki_sha256);
        let len = u32::try_from(tbs.len()).expect("small");
        msg.extend_from_slice(&len.to_be_bytes()[1..]);
        msg.extend_from_slice(tbs);
        msg.extend_from_slice(&0u16.to_be_bytes());
        let sig = self.key.sign(&self.rng, &msg).expect("sign");
        let sig = sig.as_ref();
        let mut sct = vec![0u8];
        sct.extend_from_slice(&self.log_id);
        sct.extend_from_slice(&timestamp_ms.to_be_bytes());
        sct.extend_from_slice(&0u16.to_be_bytes());
        sct.extend_from_slice(&[4, 3]);
        sct.extend_from_slice(&u16::try_from(sig.len()).expect("small").to_be_bytes());
        sct.extend_from_slice(sig);
        sct
    }
}

impl TestLog {
    /// A serialized v1 SCT over the X.509 entry (what the TLS extension and OCSP carry).
    pub fn sign_x509(&self, cert_der: &[u8], timestamp_ms: u64) -> Vec<u8> {
        let mut msg = vec![0u8, 0u8];
        msg.extend_from_slice(&timestamp_ms.to_be_bytes());
        msg.extend_from_slice(&0u16.to_be_bytes());
        let len = u32::try_from(cert_der.len()).expect("small");
        msg.extend_from_slice(&len.to_be_bytes()[1..]);
        msg.extend_from_slice(cert_der);
        msg.extend_from_slice(&0u16.to_be_bytes());
        let sig = self.key.sign(&self.rng, &msg).expect("sign");
        let sig = sig.as_ref();
        let mut sct = vec![0u8];
        sct.extend_from_slice(&self.log_id);
        sct.extend_from_slice(&timestamp_ms.to_be_bytes());
        sct.extend_from_slice(&0u16.to_be_bytes());
        sct.extend_from_slice(&[4, 3]);
        sct.extend_from_slice(&u16::try_from(sig.len()).expect("small").to_be_bytes());
        sct.extend_from_slice(sig);
        sct
    }
}

/// A TLS-encoded SCT list from serialized SCTs.
pub fn sct_list(scts: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for s in scts {
        body.extend_from_slice(&u16::try_from(s.len()).expect("small").to_be_bytes());
        body.extend_from_slice(s);
    }
    let mut out = u16::try_from(body.len()).expect("small").to_be_bytes().to_vec();
    out.extend_from_slice(&body);
    out
}

fn sct_extension(list: &[u8]) -> CustomExtension {
    // extnValue is an OCTET STRING that wraps the TLS-encoded list.
    let mut content = vec![0x04];
    if list.len() < 0x80 {
        content.push(u8::try_from(list.len()).expect("short"));
    } else if list.len() < 0x100 {
        content.push(0x81);
        content.push(u8::try_from(list.len()).expect("short"));
    } else {
        content.push(0x82);
        content.extend_from_slice(&u16::try_from(list.len()).expect("fits").to_be_bytes());
    }
    content.extend_from_slice(list);
    CustomExtension::from_oid_content(SCT_LIST_OID, content)
}

/// A CA: its parameters, key and certificate.
pub struct Ca {
    pub params: CertificateParams,
    pub key: KeyPair,
    pub cert: Certificate,
}

impl Ca {
    pub fn issuer(&self) -> Issuer<'_, &KeyPair> {
        Issuer::from_params(&self.params, &self.key)
    }
}

pub fn dn(attrs: &[(DnType, &str)]) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    for (t, v) in attrs {
        d.push(t.clone(), *v);
    }
    d
}

pub fn email() -> DnType {
    DnType::CustomDnType(vec![1, 2, 840, 113_549, 1, 9, 1])
}

fn ca_params(name: DistinguishedName) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = name;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p.not_before = date_time_ymd(2020, 1, 1);
    p.not_after = date_time_ymd(2040, 1, 1);
    p
}

fn convert(c: &rcgen::Certificate) -> Certificate {
    Certificate::from_der(c.der()).expect("rcgen output parses")
}

pub fn root(name: DistinguishedName) -> Ca {
    let params = ca_params(name);
    let key = KeyPair::generate().expect("keygen");
    let cert = convert(&params.self_signed(&key).expect("self-sign"));
    Ca { params, key, cert }
}

pub fn intermediate(parent: &Ca, name: DistinguishedName) -> Ca {
    let params = ca_params(name);
    let key = KeyPair::generate().expect("keygen");
    let cert = convert(&params.signed_by(&key, &parent.issuer()).expect("sign"));
    Ca { params, key, cert }
}

fn leaf_params(names: &[&str], serial: u8) -> CertificateParams {
    let mut p = CertificateParams::new(names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).expect("names");
    p.distinguished_name = dn(&[(DnType::CommonName, names[0])]);
    p.serial_number = Some(SerialNumber::from_slice(&[0x42, serial, 0x01, 0x02]));
    p.not_before = date_time_ymd(2026, 1, 1);
    p.not_after = date_time_ymd(2026, 4, 1);
    p
}

/// A leaf without SCTs, as a re-signing proxy mints it; `key` lets several leaves share one.
pub fn leaf(issuer: &Ca, names: &[&str], key: Option<&KeyPair>) -> Certificate {
    let own;
    let key = match key {
        Some(k) => k,
        None => {
            own = KeyPair::generate().expect("keygen");
            &own
        }
    };
    convert(&leaf_params(names, 1).signed_by(key, &issuer.issuer()).expect("sign"))
}

/// A leaf with `count` SCTs that `log` signed over its precertificate.
pub fn logged_leaf(issuer: &Ca, names: &[&str], log: &TestLog, count: usize) -> Certificate {
    let key = KeyPair::generate().expect("keygen");
    let mut params = leaf_params(names, 2);
    // Build once with a placeholder list to learn the TBS the log signs, then again with the
    // real SCTs: everything but the SCT extension is identical, which is what §3.2 relies on.
    params.custom_extensions = vec![sct_extension(&sct_list(&[vec![0u8; 10]]))];
    let draft = params.signed_by(&key, &issuer.issuer()).expect("sign");
    let tbs = ct::precert_tbs(draft.der()).expect("draft has an SCT list");
    let scts: Vec<Vec<u8>> = (0..count)
        .map(|i| {
            log.sign_precert(issuer.cert.spki_sha256(), &tbs, 1_767_225_600_000 + u64::try_from(i).expect("small"))
        })
        .collect();
    params.custom_extensions = vec![sct_extension(&sct_list(&scts))];
    convert(&params.signed_by(&key, &issuer.issuer()).expect("sign"))
}

/// A leaf carrying SCTs that were signed for a different certificate (what a proxy that
/// copies the origin's SCTs produces).
pub fn leaf_with_copied_scts(issuer: &Ca, names: &[&str], log: &TestLog) -> Certificate {
    let other = root(dn(&[(DnType::CommonName, "Origin Issuing CA")]));
    let origin = logged_leaf(&other, names, log, 2);
    let list = origin.sct_list_extension().expect("origin has SCTs").to_vec();
    let key = KeyPair::generate().expect("keygen");
    let mut params = leaf_params(names, 3);
    params.custom_extensions = vec![sct_extension(&list)];
    convert(&params.signed_by(&key, &issuer.issuer()).expect("sign"))
}

/// A CA with the same subject as `real` (every attribute, in order) but a key we hold, so a
/// chain can be made to anchor at a look-alike of any root.
pub fn lookalike_root(real: &Certificate) -> Ca {
    use x509_parser::prelude::FromDer as _;
    let (_, x) = x509_parser::certificate::X509Certificate::from_der(real.der()).expect("parses");
    let mut name = DistinguishedName::new();
    for atv in x.subject().iter_attributes() {
        let oid: Vec<u64> = atv.attr_type().iter().map(|i| i.collect()).unwrap_or_default();
        let value = match atv.as_str() {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(atv.as_slice()).into_owned(),
        };
        name.push(DnType::from_oid(&oid), value);
    }
    root(name)
}
