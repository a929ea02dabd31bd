//! Each resource limit in `trustaudit::limits`, shown from both sides: just under it the input
//! is accepted, at or over it the caller gets an error that names the limit.
//! (Probe byte and time budgets are shown in tests/probe_hostile.rs, SCT list bytes in
//! tests/ct_malformed_sct_lists.rs; this file covers the rest and the "just under" sides.)

mod verify_fixtures;

use trustaudit::cert::{CertError, Certificate, UnixTime};
use trustaudit::limits;
use trustaudit::store::{StoreError, TrustStore};
use trustaudit::verify::{self, VerifyOptions};
use verify_fixtures::{Node, Spec, AT};

fn cert_with_sans(n: usize) -> Vec<u8> {
    let mut params =
        rcgen::CertificateParams::new((0..n).map(|i| format!("host-{i:06}.limits.example")).collect::<Vec<_>>())
            .expect("valid names");
    params.distinguished_name.push(rcgen::DnType::CommonName, "limits");
    let key = rcgen::KeyPair::generate().expect("key");
    params.self_signed(&key).expect("signed").der().to_vec()
}

#[test]
fn a_certificate_just_under_the_size_limit_parses_and_one_over_is_refused_by_size() {
    // ~28 bytes of DER per SAN: find counts either side of 256 KiB.
    let under = cert_with_sans(9_300);
    assert!(under.len() < limits::MAX_CERT_BYTES, "{}", under.len());
    let c = Certificate::from_der(&under).expect("a large but legal certificate parses");
    assert_eq!(c.dns_names().count(), 9_300);

    let over = cert_with_sans(9_400);
    assert!(over.len() > limits::MAX_CERT_BYTES, "{}", over.len());
    let err = Certificate::from_der(&over).unwrap_err();
    assert_eq!(err, CertError::TooLarge { size: over.len(), limit: limits::MAX_CERT_BYTES });
    assert_eq!(err.to_string(), format!("certificate is {} bytes, over the 262144-byte limit", over.len()));
}

#[test]
fn a_bundle_at_the_size_limit_is_read_and_one_byte_more_is_refused() {
    let mut at_limit = vec![b'#'; limits::MAX_BUNDLE_BYTES];
    at_limit[limits::MAX_BUNDLE_BYTES - 1] = b'\n';
    let store = TrustStore::from_bytes("bundle", &at_limit).expect("at the limit is accepted");
    assert!(store.is_empty());
    assert_eq!(store.diagnostics()[0].to_string(), "memory: no PEM block and not DER: no certificates in this file");

    at_limit.push(b'\n');
    let err = TrustStore::from_bytes("bundle", &at_limit).unwrap_err();
    assert_eq!(err, StoreError::TooLarge { what: "memory".into(), size: 67_108_865, limit: 67_108_864 });
    assert_eq!(err.to_string(), "memory is 67108865 bytes, over the 67108864-byte limit");
}

#[test]
fn a_chain_of_exactly_the_maximum_distinct_certificates_is_verified_and_one_more_is_refused() {
    let root = Node::self_signed(Spec::ca("Limits Root"));
    let leaf = root.issue(Spec::leaf("limits.example"));
    let extras: Vec<Certificate> =
        (0..limits::MAX_VERIFY_CHAIN_CERTS).map(|i| root.issue(Spec::ca(&format!("Extra {i}"))).cert).collect();
    let store = TrustStore::from_certificates("limits", [root.cert.clone()]);
    let mut opts = VerifyOptions::at(UnixTime(AT));
    opts.name = Some("limits.example".into());

    let mut chain = vec![leaf.cert.clone()];
    chain.extend(extras[..limits::MAX_VERIFY_CHAIN_CERTS - 1].iter().cloned());
    assert_eq!(chain.len(), limits::MAX_VERIFY_CHAIN_CERTS);
    let v = verify::verify(&chain, &store, &opts).expect("verification runs");
    assert!(v.trusted, "{:?}", v.failure());

    chain.push(extras[limits::MAX_VERIFY_CHAIN_CERTS - 1].clone());
    let v = verify::verify(&chain, &store, &opts).expect("verification runs");
    assert!(!v.trusted);
    assert_eq!(v.failure().expect("a failure").to_string(), "the chain has 65 certificates, over the limit of 64");
}

#[test]
fn a_list_of_exactly_the_maximum_scts_parses_and_one_more_is_refused() {
    use trustaudit::ct::{self, CtError, SctSource};
    // One v1 SCT: version, 32-byte log id, timestamp, no extensions, ECDSA/SHA-256, 4-byte sig.
    let mut sct = vec![0u8];
    sct.extend([7u8; 32]);
    sct.extend(1_700_000_000_000u64.to_be_bytes());
    sct.extend([0, 0, 4, 3, 0, 4, 1, 2, 3, 4]);
    let list = |n: usize| {
        let mut body = Vec::new();
        for _ in 0..n {
            body.extend(u16::try_from(sct.len()).expect("small").to_be_bytes());
            body.extend(&sct);
        }
        let mut l = u16::try_from(body.len()).expect("fits").to_be_bytes().to_vec();
        l.extend(body);
        l
    };
    let ok = ct::parse_sct_list(&list(limits::MAX_SCTS_PER_LIST), SctSource::TlsExtension).expect("at the limit");
    assert_eq!(ok.len(), 64);
    let err = ct::parse_sct_list(&list(limits::MAX_SCTS_PER_LIST + 1), SctSource::TlsExtension).unwrap_err();
    assert_eq!(err, CtError::TooManyScts { limit: limits::MAX_SCTS_PER_LIST });
    assert_eq!(err.to_string(), "SCT list has more than 64 SCTs");
}

#[test]
fn diagnostics_stop_being_stored_at_the_limit_but_are_still_counted() {
    let bad_block = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    let just_under = bad_block.repeat(limits::MAX_DIAGNOSTICS);
    let store = TrustStore::from_bytes("d", just_under.as_bytes()).expect("loads");
    assert_eq!((store.diagnostics().len(), store.diagnostics_dropped()), (1_000, 0));

    let over = bad_block.repeat(limits::MAX_DIAGNOSTICS + 5);
    let store = TrustStore::from_bytes("d", over.as_bytes()).expect("loads");
    assert_eq!((store.diagnostics().len(), store.diagnostics_dropped()), (1_000, 5));
}
