//! SCTs delivered outside the certificate (TLS extension, stapled OCSP) sign the X.509 entry:
//! the whole certificate. They verify against a test-only log and fail for any other certificate.

mod intercept_fixtures;

use intercept_fixtures::{dn, leaf, root, sct_list, TestLog};
use rcgen::DnType::CommonName as CN;
use trustaudit::ct::{self, SctSource, SctStatus};

#[test]
fn a_tls_extension_sct_over_the_certificate_verifies() {
    let log = TestLog::new("Test 'Tls2026' log");
    let ca = root(dn(&[(CN, "Example Issuing CA")]));
    let cert = leaf(&ca, &["www.example.com"], None);
    let list = sct_list(&[log.sign_x509(cert.der(), 1_767_225_600_000)]);
    let scts = ct::parse_sct_list(&list, SctSource::TlsExtension).expect("parses");
    let checks = ct::check_leaf_scts(&cert, None, &scts, &log.list).expect("checks");
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].status, SctStatus::Verified);
    assert_eq!(checks[0].detail, "tls extension SCT from Test 'Tls2026' log (usable) verifies");

    // The same SCT presented with another certificate does not verify.
    let other = leaf(&ca, &["www.example.com"], None);
    let checks = ct::check_leaf_scts(&other, None, &scts, &log.list).expect("checks");
    assert_eq!(checks[0].status, SctStatus::InvalidSignature);
    assert_eq!(
        checks[0].detail,
        "tls extension SCT claims to come from Test 'Tls2026' log but its signature does not verify over this certificate"
    );
}
