//! `probe::replay`: the probe's proxy, TLS and HTTP phases run against recorded server bytes.
//! The TLS 1.2 flight is a real one, made by a rustls server answering a ClientHello.
#![cfg(feature = "probe")]

#[path = "proxies/support.rs"]
mod support;

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, ServerName};
use support::{Ca, LeafSpec};
use trustaudit::probe::{self, ProbeError, ProbeOptions, ProxySetting, ProxyUrl, Target};

const HOST: &str = "replay.trustaudit.test";

/// A TLS 1.2 server's first flight (ServerHello, Certificate, ServerKeyExchange,
/// ServerHelloDone) for `chain`, answering a ClientHello shaped like the probe's: SNI, no
/// ALPN, no resumption, so every extension the server sends is one the probe offers too.
fn tls12_flight(chain: Vec<CertificateDer<'static>>, key: rustls::pki_types::PrivateKeyDer<'static>) -> Vec<u8> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS12])
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    // Only its ClientHello is used; nothing is verified, so no roots are needed.
    let roots = rustls::RootCertStore::empty();
    let mut client = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    client.resumption = rustls::client::Resumption::disabled();
    let mut c = rustls::ClientConnection::new(Arc::new(client), ServerName::try_from(HOST).unwrap()).unwrap();
    let mut s = rustls::ServerConnection::new(Arc::new(server)).unwrap();
    let mut hello = Vec::new();
    c.write_tls(&mut hello).unwrap();
    s.read_tls(&mut hello.as_slice()).unwrap();
    s.process_new_packets().unwrap();
    let mut flight = Vec::new();
    while s.wants_write() {
        s.write_tls(&mut flight).unwrap();
    }
    flight
}

fn pki() -> (Vec<CertificateDer<'static>>, Vec<u8>) {
    let root = Ca::root("Replay Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid(HOST, &[HOST]));
    let chain = vec![leaf.der.clone(), root.der()];
    let flight = tls12_flight(chain.clone(), leaf.key);
    (chain, flight)
}

fn options(proxy: ProxySetting) -> ProbeOptions {
    ProbeOptions { proxy, ..ProbeOptions::default() }
}

fn target() -> Target {
    Target::parse(&format!("{HOST}:443")).unwrap()
}

fn corp_proxy() -> ProxyUrl {
    ProxyUrl::parse("http://proxy.corp.example:3128").unwrap()
}

#[test]
fn a_recorded_tls12_flight_shows_the_presented_chain_and_then_fails_on_its_signature() {
    let (chain, flight) = pki();
    let report = probe::replay(&target(), &options(ProxySetting::Direct), &flight);
    let presented: Vec<&[u8]> = report.chain_der.iter().map(Vec::as_slice).collect();
    let expected: Vec<&[u8]> = chain.iter().map(|c| c.as_ref()).collect();
    assert_eq!(presented, expected);
    assert_eq!(report.chain.len(), 2);
    assert_eq!(report.sni.as_deref(), Some(HOST));
    assert!(!report.handshake_completed());
    // The ServerKeyExchange signature covers the recorded ClientHello's random, not the probe's.
    match &report.failure {
        Some(ProbeError::Tls { reason }) => assert!(reason.to_lowercase().contains("signature"), "{reason}"),
        other => panic!("expected a TLS signature failure, got {other:?}"),
    }
    assert!(report.resolution.is_none() && report.connect.is_empty(), "nothing is resolved or connected");
}

#[test]
fn behind_a_proxy_the_flight_starts_with_the_connect_answer() {
    let (chain, flight) = pki();
    let mut bytes = b"HTTP/1.1 200 Connection established\r\nVia: 1.1 corp\r\n\r\n".to_vec();
    bytes.extend_from_slice(&flight);
    let report = probe::replay(&target(), &options(ProxySetting::Explicit(corp_proxy())), &bytes);
    let exchange = report.proxy_exchange.as_ref().expect("CONNECT recorded");
    assert_eq!(exchange.status, Some(200));
    assert_eq!(exchange.connect_to, format!("{HOST}:443"));
    assert_eq!(report.chain_der.len(), chain.len());
}

#[test]
fn a_proxy_asking_for_credentials_is_reported_with_its_challenge() {
    let bytes = b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n\r\n";
    let report = probe::replay(&target(), &options(ProxySetting::Explicit(corp_proxy())), bytes);
    match report.failure {
        Some(ProbeError::ProxyAuthRequired { challenge, .. }) => {
            assert_eq!(challenge.as_deref(), Some("Basic realm=\"corp\""));
        }
        other => panic!("expected 407, got {other:?}"),
    }
    assert!(report.chain_der.is_empty());
}

#[test]
fn a_peer_that_is_not_tls_and_one_that_says_nothing_are_told_apart() {
    let report = probe::replay(&target(), &options(ProxySetting::Direct), b"SSH-2.0-OpenSSH_9.2\r\n");
    assert!(matches!(report.failure, Some(ProbeError::NotTls { .. })), "{:?}", report.failure);
    let report = probe::replay(&target(), &options(ProxySetting::Direct), b"");
    assert!(matches!(report.failure, Some(ProbeError::Closed { .. })), "{:?}", report.failure);
}

#[test]
fn a_cut_flight_keeps_nothing_it_did_not_see() {
    let (_, flight) = pki();
    // A TLS 1.2 client judges the chain at ServerHelloDone, the flight's last message: any cut
    // before it must leave the chain unrecorded rather than half-read.
    for cut in [1, 5, 60, flight.len() / 2, flight.len() - 1] {
        let report = probe::replay(&target(), &options(ProxySetting::Direct), &flight[..cut]);
        assert!(report.failure.is_some(), "cut at {cut}");
        assert!(!report.handshake_completed());
        assert!(report.chain_der.is_empty(), "cut at {cut} recorded {} certificates", report.chain_der.len());
    }
}

/// Writes the fuzz seeds for `probe_flight` (a mode byte, then the flight) into the directory
/// named by PROBE_FLIGHT_SEED_DIR; does nothing otherwise.
#[test]
fn probe_flight_seeds() {
    let Some(dir) = std::env::var_os("PROBE_FLIGHT_SEED_DIR") else { return };
    let (_, flight) = pki();
    let dir = std::path::Path::new(&dir);
    std::fs::write(dir.join("tls12-flight"), [&[0u8][..], &flight].concat()).unwrap();
    let proxied = [&[1u8][..], b"HTTP/1.1 200 Connection established\r\n\r\n", &flight].concat();
    std::fs::write(dir.join("proxy-200-tls12-flight"), proxied).unwrap();
    std::fs::write(dir.join("tls12-flight-http"), [&[2u8][..], &flight].concat()).unwrap();
}
