//! Why a runtime refuses a name: the reason, the presented name it is about, and the
//! runtime's own words, through the public `hostname` API.

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, SanType};
use trustaudit::hostname::{self, Mismatch, Name, Presented};
use trustaudit::runtime::Runtime;
use trustaudit::Certificate;

fn cert(cn: Option<&str>, dns: &[&str], ips: &[&str]) -> Certificate {
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut dn = DistinguishedName::new();
    if let Some(cn) = cn {
        dn.push(DnType::CommonName, cn);
    }
    params.distinguished_name = dn;
    params.subject_alt_names = dns
        .iter()
        .map(|d| SanType::DnsName((*d).try_into().expect("IA5")))
        .chain(ips.iter().map(|i| SanType::IpAddress(i.parse().expect("ip"))))
        .collect();
    Certificate::from_der(params.self_signed(&key).expect("cert").der()).expect("parses")
}

fn name(s: &str) -> Name {
    Name::parse(s).expect("valid name")
}

#[test]
fn python_refuses_a_partial_wildcard_that_openssl_and_node_accept() {
    let c = cert(None, &["f*.example.com"], &[]);
    let n = name("foo.example.com");
    let py = hostname::check(&c, &n, Runtime::Python);
    assert!(!py.matched);
    assert_eq!(py.reason, Some(Mismatch::PartialWildcard));
    assert_eq!(py.reason_name, Some(Presented::DnsSan("f*.example.com".to_owned())));
    assert_eq!(
        py.message.as_deref(),
        Some("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'foo.example.com'.")
    );
    assert!(hostname::check(&c, &n, Runtime::Openssl).matched);
    assert!(hostname::check(&c, &n, Runtime::Node).matched);
    assert!(hostname::check(&c, &n, Runtime::Pip).matched);
}

#[test]
fn the_cn_is_ignored_by_openssl_once_a_dns_san_exists_but_read_by_it_beside_an_ip_san() {
    let with_dns = cert(Some("www.example.com"), &["other.example.com"], &[]);
    let openssl = hostname::check(&with_dns, &name("www.example.com"), Runtime::Openssl);
    assert!(!openssl.matched);
    assert_eq!(openssl.reason, Some(Mismatch::CnIgnoredBecauseSanPresent));
    assert_eq!(openssl.message.as_deref(), Some("X509_V_ERR_HOSTNAME_MISMATCH (62): hostname mismatch"));

    let with_ip = cert(Some("www.example.com"), &[], &["10.0.0.1"]);
    let openssl = hostname::check(&with_ip, &name("www.example.com"), Runtime::Openssl);
    assert_eq!(openssl.matched_by, Some(Presented::CommonName("www.example.com".to_owned())));
    // curl turns the CN off for any DNS or IP SAN.
    let curl = hostname::check(&with_ip, &name("www.example.com"), Runtime::Curl);
    assert!(!curl.matched);
    assert_eq!(curl.reason, Some(Mismatch::CnIgnoredBecauseSanPresent));
    assert_eq!(
        curl.message.as_deref(),
        Some("SSL: no alternative certificate subject name matches target host name 'www.example.com'")
    );
}

#[test]
fn go_matches_an_ipv4_mapped_san_where_openssl_compares_bytes() {
    let c = cert(None, &[], &["::ffff:192.0.2.1"]);
    let n = name("192.0.2.1");
    assert!(hostname::check(&c, &n, Runtime::Go).matched);
    let openssl = hostname::check(&c, &n, Runtime::Openssl);
    assert!(!openssl.matched);
    assert_eq!(openssl.reason, Some(Mismatch::IpFamilyDiffers));
    assert_eq!(openssl.message.as_deref(), Some("X509_V_ERR_IP_ADDRESS_MISMATCH (64): IP address mismatch"));
}

#[test]
fn a_trailing_dot_is_stripped_by_go_curl_and_node_but_not_by_openssl() {
    let c = cert(None, &["www.example.com"], &[]);
    let n = name("www.example.com.");
    for rt in [Runtime::Go, Runtime::Curl, Runtime::Node, Runtime::Rustls] {
        assert!(hostname::check(&c, &n, rt).matched, "{rt}");
    }
    let openssl = hostname::check(&c, &n, Runtime::Openssl);
    assert!(!openssl.matched);
    assert_eq!(openssl.reason, Some(Mismatch::TrailingDot));
}

#[test]
fn an_ip_written_in_the_cn_convinces_pip_and_curl_only() {
    let c = cert(Some("127.0.0.1"), &[], &[]);
    let n = name("127.0.0.1");
    let accepting: Vec<Runtime> =
        hostname::check_all(&c, &n).into_iter().filter(|(_, ch)| ch.matched).map(|(rt, _)| rt).collect();
    assert_eq!(accepting, vec![Runtime::Curl, Runtime::Pip, Runtime::Git, Runtime::Cargo]);
    let go = hostname::check(&c, &n, Runtime::Go);
    assert_eq!(go.reason, Some(Mismatch::IpNeverMatchesDns));
    assert_eq!(go.reason_name, Some(Presented::CommonName("127.0.0.1".to_owned())));
    // Go's message checks the CN textually before looking at IP SANs.
    assert_eq!(go.message.as_deref(), Some("x509: certificate relies on legacy Common Name field, use SANs instead"));
}

#[test]
fn a_wildcard_over_a_public_suffix_is_refused_only_by_the_strict_profile_and_where_runtimes_count_dots() {
    let c = cert(None, &["*.co.uk"], &[]);
    let n = name("example.co.uk");
    assert!(hostname::check(&c, &n, Runtime::Go).matched);
    assert!(hostname::check(&c, &n, Runtime::Openssl).matched);
    let strict = hostname::check_strict(&c, &n);
    assert!(!strict.matched);
    assert_eq!(strict.reason, Some(Mismatch::WildcardOverPublicSuffix));
    assert_eq!(strict.message, None);
}
