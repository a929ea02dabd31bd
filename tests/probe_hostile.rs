//! Hostile servers and proxies: each gives one categorised error naming its phase, within its
//! time budget, having read no more than the limits allow.

#[path = "proxies/support.rs"]
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::{Ca, LeafSpec, RawServer, TlsServer};
use trustaudit::probe::{self, Environment, Phase, ProbeError, ProbeOptions, ProxySetting, ProxyUrl, Target, Timeouts};

const BUDGET: Duration = Duration::from_millis(1500);

fn direct(addr: std::net::SocketAddr) -> ProbeOptions {
    ProbeOptions {
        sni: Some("hostile.trustaudit.test".into()),
        proxy: ProxySetting::Direct,
        connect_to: Some(addr),
        timeouts: Timeouts::all(BUDGET),
        ..ProbeOptions::default()
    }
}

fn target(port: u16) -> Target {
    Target { host: "hostile.trustaudit.test".into(), port }
}

/// Probes and checks the probe ended within its budgets (plus scheduling slack).
fn probe_within(target: &Target, options: &ProbeOptions) -> probe::ProbeReport {
    let started = Instant::now();
    let report = probe::probe(target, options, &Environment::new());
    assert!(started.elapsed() < BUDGET * 2 + Duration::from_secs(2), "took {:?}", started.elapsed());
    report
}

#[test]
fn a_ten_megabyte_certificate_message_is_cut_off_as_too_large() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("hostile.trustaudit.test", &["hostile.trustaudit.test"]));
    let junk = rustls::pki_types::CertificateDer::from(vec![0x30u8; 10 * 1024 * 1024]);
    let server = TlsServer::start(vec![leaf.der, junk], leaf.key, None);
    let report = probe_within(&target(server.addr.port()), &direct(server.addr));
    let failure = report.failure.unwrap();
    assert_eq!(failure.kind(), "too_large");
    assert_eq!(failure.phase(), Some(Phase::Tls));
    assert_eq!(failure.to_string(), "tls: peer sent more than 65535 bytes; stopped reading");
    assert!(report.chain_der.is_empty());
}

#[test]
fn a_five_hundred_certificate_chain_is_refused_as_too_large() {
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let inter = root.intermediate("Trustaudit Test Issuing CA");
    let leaf = inter.leaf(&LeafSpec::valid("hostile.trustaudit.test", &["hostile.trustaudit.test"]));
    let mut chain = vec![leaf.der];
    chain.extend(std::iter::repeat_n(inter.der(), 499));
    let server = TlsServer::start(chain, leaf.key, None);
    let report = probe_within(&target(server.addr.port()), &direct(server.addr));
    assert_eq!(report.failure.as_ref().map(ProbeError::kind), Some("too_large"));
    assert_eq!(report.failure.as_ref().and_then(ProbeError::phase), Some(Phase::Tls));
}

#[test]
fn a_slow_drip_handshake_times_out_in_the_tls_phase() {
    let server = RawServer::start(|mut tcp| {
        support::read_client_hello(&mut tcp);
        // A plausible record header, then one byte every 100 ms, for at most 10 s.
        let _ = tcp.write_all(&[0x16, 0x03, 0x03, 0x40, 0x00]);
        for _ in 0..100 {
            if tcp.write_all(&[0x02]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let report = probe_within(&target(server.addr.port()), &direct(server.addr));
    let failure = report.failure.unwrap();
    assert_eq!(failure, ProbeError::TimedOut { phase: Phase::Tls, after: BUDGET });
    assert_eq!(failure.to_string(), "tls: timed out after 1500 ms");
}

#[test]
fn a_server_closing_mid_handshake_is_reported_as_closed() {
    let server = RawServer::start(|mut tcp| {
        support::read_client_hello(&mut tcp);
        let _ = tcp.write_all(&[0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00, 0x00]);
    });
    let report = probe_within(&target(server.addr.port()), &direct(server.addr));
    assert_eq!(report.failure, Some(ProbeError::Closed { phase: Phase::Tls }));
    assert_eq!(report.failure.unwrap().to_string(), "tls: peer closed the connection before the tls phase finished");
}

#[test]
fn plain_http_on_a_tls_port_is_not_tls_at_all() {
    let server = RawServer::start(|mut tcp| {
        let mut buf = [0u8; 512];
        let _ = tcp.read(&mut buf);
        let _ = tcp.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    let report = probe_within(&target(server.addr.port()), &direct(server.addr));
    let failure = report.failure.unwrap();
    assert_eq!(failure.kind(), "not_tls");
    assert_eq!(
        failure.to_string(),
        r#"tls: not TLS at all; the server answered "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nCon""#
    );
}

#[test]
fn a_refused_port_is_a_tcp_refusal() {
    let port = support::free_port();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let report = probe_within(&target(port), &direct(addr));
    assert_eq!(report.failure, Some(ProbeError::Refused { phase: Phase::Tcp, address: addr.to_string() }));
    assert_eq!(report.connect.len(), 1);
}

#[test]
fn a_tls_1_0_only_server_is_refused_with_its_alert() {
    let Some(openssl) = support::which("openssl") else {
        assert!(support::may_skip("openssl"), "openssl is required");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let leaf = support::self_signed_leaf("old.trustaudit.test");
    let cert = support::write_file(dir.path(), "cert.pem", pem("CERTIFICATE", &leaf.der).as_bytes());
    let key = support::write_file(dir.path(), "key.pem", pem("PRIVATE KEY", leaf.key.secret_der()).as_bytes());
    let port = support::free_port();
    let child = std::process::Command::new(openssl)
        .args([
            "s_server",
            "-accept",
            &format!("127.0.0.1:{port}"),
            "-tls1",
            "-cipher",
            "DEFAULT:@SECLEVEL=0",
            "-quiet",
        ])
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let _child = support::Child(child);
    assert!(support::wait_for_port(port, Duration::from_secs(5)), "openssl s_server did not start");
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let report = probe_within(&target(port), &direct(addr));
    assert_eq!(report.failure, Some(ProbeError::TlsAlert { alert: "protocol_version".into() }));
    assert_eq!(report.failure.unwrap().to_string(), "tls: server sent alert protocol_version");
}

fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

/// A fake proxy reading the CONNECT head then running `answer`.
fn proxy(answer: impl Fn(&mut TcpStream, &str) + Send + Sync + 'static) -> RawServer {
    RawServer::start(move |mut tcp| {
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
            if tcp.read(&mut b).unwrap_or(0) == 0 {
                return;
            }
            head.push(b[0]);
        }
        answer(&mut tcp, &String::from_utf8_lossy(&head));
    })
}

fn via(proxy: &RawServer, url: &str) -> ProbeOptions {
    ProbeOptions {
        proxy: ProxySetting::Explicit(ProxyUrl::parse(&url.replace("PORT", &proxy.addr.port().to_string())).unwrap()),
        timeouts: Timeouts::all(BUDGET),
        ..ProbeOptions::default()
    }
}

#[test]
fn a_proxy_asking_for_credentials_is_a_407_with_its_challenge() {
    let p = proxy(|tcp, _| {
        let _ = tcp.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n",
        );
    });
    let report = probe_within(&Target::parse("pypi.org").unwrap(), &via(&p, "http://127.0.0.1:PORT"));
    let failure = report.failure.unwrap();
    assert_eq!(failure.kind(), "proxy_auth_required");
    assert_eq!(
        failure.to_string(),
        format!(
            "proxy: http://127.0.0.1:{} answered CONNECT with 407 Proxy Authentication Required (Basic realm=\"corp\")",
            p.addr.port()
        )
    );
    let exchange = report.proxy_exchange.unwrap();
    assert_eq!(exchange.connect_to, "pypi.org:443");
    assert!(!exchange.sent_credentials);
}

#[test]
fn proxy_credentials_are_sent_as_basic_authorization() {
    let p = proxy(|tcp, head| {
        // Answer with what was received so the test can see the header.
        let ok = head.contains("Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n")
            && head.starts_with("CONNECT pypi.org:443 HTTP/1.1\r\nHost: pypi.org:443\r\n");
        let status = if ok { "502 Bad Gateway" } else { "400 Bad Request" };
        let _ = tcp.write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").as_bytes());
    });
    let report = probe_within(&Target::parse("pypi.org").unwrap(), &via(&p, "http://alice:s3cret@127.0.0.1:PORT"));
    assert_eq!(
        report.failure.unwrap().to_string(),
        format!("proxy: http://alice:***@127.0.0.1:{} answered CONNECT with 502 Bad Gateway", p.addr.port())
    );
    assert!(report.proxy_exchange.unwrap().sent_credentials);
}

#[test]
fn a_proxy_answering_garbage_is_not_http() {
    let p = proxy(|tcp, _| {
        let _ = tcp.write_all(b"\x00\x01SSH-2.0-OpenSSH\r\n\r\n");
    });
    let report = probe_within(&Target::parse("pypi.org").unwrap(), &via(&p, "http://127.0.0.1:PORT"));
    let failure = report.failure.unwrap();
    assert_eq!(failure.kind(), "proxy_not_http");
    assert_eq!(
        failure.to_string(),
        format!(
            r#"proxy: http://127.0.0.1:{} answered CONNECT with something that is not HTTP: "\x00\x01SSH""#,
            p.addr.port()
        )
    );
    assert_eq!(failure.phase(), Some(Phase::Proxy));
}

#[test]
fn a_silent_proxy_times_out_in_the_proxy_phase() {
    let p = proxy(|_, _| std::thread::sleep(Duration::from_secs(6)));
    let report = probe_within(&Target::parse("pypi.org").unwrap(), &via(&p, "http://127.0.0.1:PORT"));
    assert_eq!(report.failure, Some(ProbeError::TimedOut { phase: Phase::Proxy, after: BUDGET }));
}

#[test]
fn an_endless_proxy_answer_is_cut_at_the_limit() {
    let p = proxy(|tcp, _| {
        let _ = tcp.write_all(b"HTTP/1.1 200 Connection established\r\n");
        let line = b"X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        for _ in 0..10_000 {
            if tcp.write_all(line).is_err() {
                return;
            }
        }
    });
    let report = probe_within(&Target::parse("pypi.org").unwrap(), &via(&p, "http://127.0.0.1:PORT"));
    assert_eq!(
        report.failure,
        Some(ProbeError::TooLarge { phase: Phase::Proxy, limit: trustaudit::limits::MAX_PROXY_RESPONSE_BYTES })
    );
}
