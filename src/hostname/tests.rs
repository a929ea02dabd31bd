//! Unit tests for reference-name parsing and the per-runtime rules.

use super::name::NameError;
use super::profile::{curl_hostcheck, go_valid_hostname, node_check, openssl_equal_wildcard, webpki_match};
use super::*;

#[test]
fn dns_names_are_lower_cased_and_keep_the_trailing_dot_apart() {
    let n = Name::parse("WWW.Example.COM.").expect("valid");
    assert_eq!(n.dns(), Some("www.example.com"));
    assert!(n.is_absolute());
    assert_eq!(n.to_reference_string(), "www.example.com.");
    assert_eq!(n.to_string(), "www.example.com.");
}

#[test]
fn unicode_names_become_a_labels() {
    let n = Name::parse("Bücher.example").expect("valid");
    assert_eq!(n.dns(), Some("xn--bcher-kva.example"));
    assert!(matches!(n, Name::Dns { converted_from_unicode: true, .. }));
}

#[test]
fn ip_addresses_parse_with_or_without_brackets() {
    assert_eq!(Name::parse("192.0.2.1").expect("v4").ip(), Some("192.0.2.1".parse().expect("ip")));
    assert_eq!(Name::parse("[2001:DB8::1]").expect("v6").to_string(), "2001:db8::1");
    assert_eq!(Name::parse("::1").expect("v6").ip(), Some("::1".parse().expect("ip")));
}

#[test]
fn empty_names_are_refused() {
    assert_eq!(Name::parse(""), Err(NameError::Empty));
    assert_eq!(Name::parse("."), Err(NameError::Empty));
    assert_eq!(Name::parse("").map_err(|e| e.to_string()), Err("the name is empty".to_owned()));
}

#[test]
fn names_with_nul_are_refused_with_the_offset() {
    assert_eq!(Name::parse("example.com\0.evil.com"), Err(NameError::Nul { offset: 11 }));
    assert_eq!(
        Name::parse("a\0").map_err(|e| e.to_string()),
        Err("the name contains a NUL character at offset 1".to_owned())
    );
}

#[test]
fn invalid_utf8_is_refused_with_the_offset() {
    assert_eq!(Name::from_bytes(b"ex\xffample.com"), Err(NameError::InvalidUtf8 { offset: 2 }));
    assert_eq!(Name::from_bytes(b"example.com").expect("valid").dns(), Some("example.com"));
}

#[test]
fn huge_names_are_refused_before_any_processing() {
    let huge = "a.".repeat(100_000);
    assert_eq!(Name::parse(&huge), Err(NameError::TooLong { len: 200_000, max: 1024 }));
    assert_eq!(Name::from_bytes(huge.as_bytes()), Err(NameError::TooLong { len: 200_000, max: 1024 }));
    let long = format!("{}.com", "a.".repeat(130));
    assert_eq!(Name::parse(&long), Err(NameError::TooLong { len: 264, max: 253 }));
    let label = format!("{}.com", "a".repeat(64));
    assert!(matches!(Name::parse(&label), Err(NameError::LabelTooLong { len: 64, .. })));
}

#[test]
fn wildcards_spaces_and_empty_labels_are_not_reference_names() {
    assert_eq!(Name::parse("*.example.com"), Err(NameError::InvalidCharacter { character: '*' }));
    assert_eq!(Name::parse("a b.com"), Err(NameError::InvalidCharacter { character: ' ' }));
    assert_eq!(Name::parse("a..com"), Err(NameError::EmptyLabel));
    assert_eq!(Name::parse(".example.com"), Err(NameError::EmptyLabel));
    assert!(matches!(Name::parse("-a.com"), Err(NameError::HyphenAtLabelEdge { .. })));
    assert!(matches!(Name::parse("1.2.3"), Err(NameError::NumericTopLevel { .. })));
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic sweep over short byte strings, including invalid UTF-8.
    let alphabet: &[u8] = b"a.*-_0:[]\xff\xc3\xbc \x00";
    for a in alphabet {
        for b in alphabet {
            for c in alphabet {
                let _ = Name::from_bytes(&[*a, *b, *c]);
                let _ = Name::from_bytes(&[*a, b'.', *b, b'.', *c]);
            }
        }
    }
}

#[test]
fn go_refuses_partial_and_bare_wildcards_as_patterns() {
    assert!(go_valid_hostname("*.example.com", true));
    assert!(!go_valid_hostname("f*.example.com", true));
    assert!(!go_valid_hostname("*", true));
    assert!(!go_valid_hostname("*.example.com", false));
    assert!(go_valid_hostname("a_b.example.com.", false));
}

#[test]
fn openssl_allows_partial_wildcards_unless_told_not_to() {
    assert!(openssl_equal_wildcard(b"f*.example.com", b"foo.example.com", true));
    assert!(!openssl_equal_wildcard(b"f*.example.com", b"foo.example.com", false));
    assert!(!openssl_equal_wildcard(b"*.com", b"example.com", true));
    assert!(openssl_equal_wildcard(b"*.co.uk", b"example.co.uk", false));
    assert!(!openssl_equal_wildcard(b"x*.example.com", b"xn--fo.example.com", true));
    assert!(!openssl_equal_wildcard(b"www.example.com\0", b"www.example.com", true));
}

#[test]
fn curl_needs_two_dots_after_the_wildcard_and_strips_trailing_dots() {
    assert!(curl_hostcheck("*.example.com.", "www.example.com"));
    assert!(!curl_hostcheck("*.com", "example.com"));
    assert!(!curl_hostcheck("f*.example.com", "foo.example.com"));
    assert!(!curl_hostcheck("*.0.0.1", "127.0.0.1"));
}

#[test]
fn node_allows_partial_wildcards_but_not_over_a_tld_or_in_a_labels() {
    assert!(node_check(&["foo", "example", "com"], "f*.example.com"));
    assert!(!node_check(&["example", "com"], "*.com"));
    assert!(!node_check(&["xn--fo", "example", "com"], "xn--*.example.com"));
}

#[test]
fn webpki_takes_only_whole_label_wildcards_over_two_labels() {
    assert!(webpki_match("*.example.com", "www.example.com."));
    assert!(!webpki_match("*.com", "example.com"));
    assert!(!webpki_match("f*.example.com", "foo.example.com"));
    assert!(!webpki_match("www.example.com.", "www.example.com"));
}

#[test]
fn strict_profile_refuses_wildcards_over_public_suffixes() {
    assert!(profile::wildcard_over_public_suffix("*.co.uk"));
    assert!(!profile::wildcard_over_public_suffix("*.example.co.uk"));
    let names = PresentedNames {
        dns_sans: vec!["*.co.uk"],
        sans_in_order: vec![SanRef::Dns("*.co.uk")],
        has_san_extension: true,
        ..Default::default()
    };
    let name = Name::parse("example.co.uk").expect("valid");
    let strict = check_family(&names, &name, Family::Strict, None);
    assert!(!strict.matched);
    assert_eq!(strict.reason, Some(Mismatch::WildcardOverPublicSuffix));
    let rustls = check_family(&names, &name, Family::Webpki, Some(Runtime::Rustls));
    assert!(rustls.matched, "webpki has no public-suffix list");
}

#[test]
fn an_ip_reference_never_matches_a_dns_san_spelling_it() {
    let names = PresentedNames {
        dns_sans: vec!["127.0.0.1"],
        sans_in_order: vec![SanRef::Dns("127.0.0.1")],
        has_san_extension: true,
        ..Default::default()
    };
    let name = Name::parse("127.0.0.1").expect("valid");
    let go = check_family(&names, &name, Family::Go, Some(Runtime::Go));
    assert!(!go.matched);
    assert_eq!(go.reason, Some(Mismatch::IpNeverMatchesDns));
    assert_eq!(go.reason_name, Some(Presented::DnsSan("127.0.0.1".to_owned())));
    assert_eq!(
        go.message.as_deref(),
        Some("x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs")
    );
}

#[test]
fn python_sends_sharp_s_names_in_their_idna2003_form() {
    let n = Name::parse("faß.example").expect("valid");
    assert_eq!(n.dns(), Some("xn--fa-hia.example"));
    assert_eq!(n.as_idna2003().dns(), Some("fass.example"));
    let plain = Name::parse("bücher.example").expect("valid");
    assert_eq!(plain.as_idna2003(), plain);
}

#[test]
fn odd_presented_names_never_panic_any_runtime_model() {
    // Short strings over an alphabet of the characters the rules branch on, including
    // multi-byte UTF-8, NUL and dots, as SANs and CNs, against DNS and IP references.
    let alphabet = ["*", ".", "a", "x", "n", "-", "_", "ü", "\0", "1", ":", " "];
    let mut presented = Vec::new();
    for a in alphabet {
        for b in alphabet {
            for c in alphabet {
                presented.push(format!("{a}{b}{c}"));
                presented.push(format!("{a}{b}.{c}.com"));
                presented.push(format!("xn--{a}{b}.{c}x.com."));
            }
        }
    }
    let refs: Vec<&str> = presented.iter().map(String::as_str).collect();
    let names = PresentedNames {
        dns_sans: refs.clone(),
        sans_in_order: refs.iter().map(|d| SanRef::Dns(d)).collect(),
        common_names: refs.clone(),
        has_san_extension: true,
        ..Default::default()
    };
    let cn_only = PresentedNames { common_names: refs, ..Default::default() };
    for reference in ["a.com", "xn--a.x.com", "a_b.x.com.", "127.0.0.1", "::1", "ax"] {
        let name = Name::parse(reference).expect("valid");
        for rt in Runtime::ALL {
            for names in [&names, &cn_only] {
                let check = check_family(names, &name, family(rt), Some(rt));
                assert_eq!(check.matched, check.reason.is_none(), "{rt} {reference}");
            }
        }
        let _ = check_family(&names, &name, Family::Strict, None);
    }
}
