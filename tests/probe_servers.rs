//! Probes of TLS servers on 127.0.0.1 presenting generated chains: the probe records exactly what
//! each server sent, whatever its validity, and never refuses a chain itself.

#[path = "proxies/support.rs"]
mod support;

use std::time::Duration;

use support::{Ca, LeafSpec, TlsServer};
use trustaudit::probe::{self, audit, Environment, HttpRequest, ProbeOptions, ProxySetting, Target, Timeouts};

fn options(server: &TlsServer, sni: &str) -> ProbeOptions {
    ProbeOptions {
        sni: Some(sni.to_owned()),
        proxy: ProxySetting::Direct,
        connect_to: Some(server.addr),
        timeouts: Timeouts::all(Duration::from_secs(5)),
        ..ProbeOptions::default()
    }
}

fn target(name: &str, server: &TlsServer) -> Target {
    Target { host: name.to_owned(), port: server.addr.port() }
}

#[test]
fn a_valid_chain_is_recorded_in_the_order_sent_with_the_negotiated_parameters() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let inter = root.intermediate("Trustaudit Test Issuing CA");
    let leaf = inter.leaf(&LeafSpec::valid("valid.trustaudit.test", &["valid.trustaudit.test"]));
    let server = TlsServer::start(vec![leaf.der.clone(), inter.der()], leaf.key, None);

    let report = probe::probe(
        &target("valid.trustaudit.test", &server),
        &options(&server, "valid.trustaudit.test"),
        &Environment::new(),
    );

    assert_eq!(report.failure, None);
    assert_eq!(report.chain_der, vec![leaf.der.to_vec(), inter.der().to_vec()]);
    assert_eq!(report.sni.as_deref(), Some("valid.trustaudit.test"));
    let tls = report.tls.as_ref().unwrap();
    assert_eq!(tls.version.as_deref(), Some("TLSv1.3"));
    assert_eq!(tls.alpn.as_deref(), Some("http/1.1"));
    assert_eq!(tls.alpn_offered, ["h2", "http/1.1"]);
    assert!(tls.cipher_suite.as_deref().unwrap().starts_with("TLS13_"), "{tls:?}");
    assert_eq!(report.chain[0].subject, "CN=valid.trustaudit.test");
    assert_eq!(report.chain[1].subject, "CN=Trustaudit Test Issuing CA, O=Trustaudit Test");
    assert_eq!(report.connect.len(), 1);
    assert_eq!(report.connect[0].address, server.addr);
    assert!(!report.scts.embedded_in_leaf);
    assert!(!report.scts.tls_extension_observable);

    let facts = audit::chain_facts(&report);
    assert_eq!(facts.presented, 2);
    assert_eq!(facts.top_issuer.as_deref(), Some("CN=Trustaudit Test Root, O=Trustaudit Test"));
    assert!(facts.ordered);
    assert!(!facts.sends_self_signed);
}

#[test]
fn expired_wrong_name_cn_only_and_self_signed_chains_are_recorded_not_refused() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let expired = root.leaf(&LeafSpec {
        not_before: rcgen::date_time_ymd(2019, 1, 1),
        not_after: rcgen::date_time_ymd(2020, 1, 1),
        ..LeafSpec::valid("expired.trustaudit.test", &["expired.trustaudit.test"])
    });
    let wrong = root.leaf(&LeafSpec::valid("other.trustaudit.test", &["other.trustaudit.test"]));
    let cn_only = root.leaf(&LeafSpec::valid("cn-only.trustaudit.test", &[]));
    let selfsigned = support::self_signed_leaf("self.trustaudit.test");
    for (name, leaf, expect_subject) in [
        ("expired.trustaudit.test", expired, "CN=expired.trustaudit.test"),
        ("wrong.trustaudit.test", wrong, "CN=other.trustaudit.test"),
        ("cn-only.trustaudit.test", cn_only, "CN=cn-only.trustaudit.test"),
        ("self.trustaudit.test", selfsigned, "CN=self.trustaudit.test"),
    ] {
        let der = leaf.der.clone();
        let server = TlsServer::start(vec![leaf.der], leaf.key, None);
        let report = probe::probe(&target(name, &server), &options(&server, name), &Environment::new());
        assert_eq!(report.failure, None, "{name}");
        assert_eq!(report.chain_der, vec![der.to_vec()], "{name}");
        assert_eq!(report.chain[0].subject, expect_subject, "{name}");
    }
}

#[test]
fn a_missing_intermediate_shows_as_a_leaf_whose_issuer_was_not_sent() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let inter = root.intermediate("Trustaudit Test Issuing CA");
    let leaf = inter.leaf(&LeafSpec::valid("lonely.trustaudit.test", &["lonely.trustaudit.test"]));
    let server = TlsServer::start(vec![leaf.der.clone()], leaf.key, None);
    let report = probe::probe(
        &target("lonely.trustaudit.test", &server),
        &options(&server, "lonely.trustaudit.test"),
        &Environment::new(),
    );
    assert_eq!(report.failure, None);
    let facts = audit::chain_facts(&report);
    assert_eq!(facts.presented, 1);
    assert_eq!(facts.top_issuer.as_deref(), Some("CN=Trustaudit Test Issuing CA, O=Trustaudit Test"));
}

#[test]
fn an_interception_style_chain_carries_no_scts_and_its_root_is_sent() {
    // Interception products re-sign on the fly: a fresh leaf without SCTs under their own root,
    // which many of them send along.
    let corp = Ca::root("Corp SSL Inspection CA", "Example Corp");
    let leaf = corp.leaf(&LeafSpec::valid("proxy.golang.org", &["proxy.golang.org"]));
    let server = TlsServer::start(vec![leaf.der.clone(), corp.der()], leaf.key, None);
    let report =
        probe::probe(&target("proxy.golang.org", &server), &options(&server, "proxy.golang.org"), &Environment::new());
    assert_eq!(report.failure, None);
    assert!(!report.scts.embedded_in_leaf);
    assert!(!report.scts.ocsp_stapled);
    let facts = audit::chain_facts(&report);
    assert!(facts.sends_self_signed);
    assert_eq!(facts.top_subject.as_deref(), Some("CN=Corp SSL Inspection CA, O=Example Corp"));
}

#[test]
fn an_ip_literal_target_sends_no_sni_and_one_http_request_is_recorded() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("ip.trustaudit.test", &["127.0.0.1"]));
    let router: support::Router = std::sync::Arc::new(|path: &str| match path {
        "/hello" => (200, "text/plain", b"hello from 127.0.0.1\n".to_vec()),
        _ => (404, "text/plain", b"no\n".to_vec()),
    });
    let server = TlsServer::start(vec![leaf.der], leaf.key, Some(router));
    let mut opts = options(&server, "unused");
    opts.sni = None;
    opts.connect_to = None;
    opts.http_request = Some(HttpRequest::get("/hello"));
    let report =
        probe::probe(&Target { host: "127.0.0.1".into(), port: server.addr.port() }, &opts, &Environment::new());
    assert_eq!(report.failure, None);
    assert_eq!(report.sni, None);
    assert_eq!(report.resolution.as_ref().unwrap().addresses, vec![server.addr.ip()]);
    let http = report.http.as_ref().unwrap();
    assert_eq!(http.status, 200);
    assert_eq!(http.status_line, "HTTP/1.1 200 OK");
    assert_eq!(http.header("content-type"), Some("text/plain"));
    assert_eq!(http.body, b"hello from 127.0.0.1\n");
    assert_eq!(report.tls.as_ref().unwrap().alpn_offered, ["http/1.1"]);
}

#[test]
fn hosts_file_entries_are_reported_as_overriding_dns() {
    let dir = tempfile::tempdir().unwrap();
    let hosts =
        support::write_file(dir.path(), "hosts", b"# test\n127.0.0.1 localhost\n10.9.8.7 pinned.example  # corp\n");
    assert_eq!(
        probe::hosts_file_lookup(&hosts, "PINNED.example"),
        vec!["10.9.8.7".parse::<std::net::IpAddr>().unwrap()]
    );
    assert_eq!(probe::hosts_file_lookup(&hosts, "other.example"), Vec::<std::net::IpAddr>::new());

    // `localhost` is answered by the hosts file with the usual `hosts: files dns`.
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("localhost", &["localhost"]));
    let server = TlsServer::start(vec![leaf.der], leaf.key, None);
    let mut opts = options(&server, "localhost");
    opts.connect_to = None;
    opts.hosts_file = hosts;
    let report =
        probe::probe(&Target { host: "localhost".into(), port: server.addr.port() }, &opts, &Environment::new());
    let res = report.resolution.as_ref().unwrap();
    assert_eq!(res.hosts_file_addresses, vec!["127.0.0.1".parse::<std::net::IpAddr>().unwrap()]);
    assert!(res.addresses.contains(&"127.0.0.1".parse().unwrap()), "{res:?}");
}

#[test]
fn a_stapled_ocsp_response_is_recorded_byte_for_byte() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("ocsp.trustaudit.test", &["ocsp.trustaudit.test"]));
    // The probe records, it does not parse: any bytes do.
    let staple = b"\x30\x03\x0a\x01\x00".to_vec();
    let server = TlsServer::start_with_ocsp(vec![leaf.der], leaf.key, None, staple.clone());
    let report = probe::probe(
        &target("ocsp.trustaudit.test", &server),
        &options(&server, "ocsp.trustaudit.test"),
        &Environment::new(),
    );
    assert_eq!(report.failure, None);
    assert_eq!(report.ocsp_response, staple);
    assert!(report.scts.ocsp_stapled);
}
