//! Live probes: connect to `host:port` (directly or through an HTTP CONNECT proxy), run a TLS
//! handshake and record what the server presents — every resolved address, whether the hosts
//! file decided them, the proxy's answer, the chain, the OCSP staple, version, cipher suite and
//! ALPN — phase by phase, each phase with its own time budget and byte limit.
//!
//! A probe never trusts: its verifier accepts any chain and only records it. Judging the chain
//! belongs to `verify`, `hostname` and `intercept` ([`audit`] calls them). The only data a probe
//! ever sends over the unverified connection is one optional credential-free HTTP request.
//!
//! What a probe cannot see: rustls 0.23 does not expose Signed Certificate Timestamps sent in
//! the TLS extension (RFC 6962 §3.3.1); only SCTs embedded in the leaf and those inside a
//! stapled OCSP response are observable, and the report says so.
//!
//! [`replay`] runs the same phases over recorded server bytes instead of a socket, to reproduce
//! a captured or hostile flight offline.
//!
//! Environment: proxy variables come from an explicit [`Environment`], never from the process
//! unless the caller copies it in ([`Environment::from_process`]).

pub mod audit;
mod error;
mod http;
mod net;
pub mod proxy;
mod replay;
pub mod rootfetch;
pub mod scan;
mod tls;

use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use serde::Serialize;

use crate::cert::{Certificate, CertificateSummary};
use net::Transport;

pub use error::{Phase, ProbeError};
pub use http::{HttpRequest, HttpResponse};
pub use net::{hosts_file_lookup, ConnectAttempt, ProxyExchange, Resolution};
pub use proxy::{choose_proxy, Environment, NoProxy, ProxyChoice, ProxyRules, ProxyUrl, ProxyUrlError};

/// Where to connect: a host name or IP literal and a port.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Target {
    /// Host name (lowercase) or IP literal without brackets.
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl Target {
    /// Parses `host`, `host:port`, `[v6]:port` or an `https://host[:port]/…` URL; the default
    /// port is 443.
    ///
    /// # Errors
    /// [`ProbeError::InvalidTarget`] for an empty host, a bad port or another URL scheme.
    pub fn parse(input: &str) -> Result<Self, ProbeError> {
        let bad = |reason: &str| ProbeError::InvalidTarget { reason: format!("{input:?}: {reason}") };
        let mut s = input.trim();
        if let Some((scheme, rest)) = s.split_once("://") {
            if !scheme.eq_ignore_ascii_case("https") {
                return Err(bad("only https:// URLs can be probed"));
            }
            s = rest.split(['/', '?', '#']).next().unwrap_or_default();
            s = s.rsplit_once('@').map_or(s, |(_, h)| h);
        }
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            let (h, tail) = rest.split_once(']').ok_or_else(|| bad("unclosed '['"))?;
            (h, tail.strip_prefix(':'))
        } else if s.matches(':').count() > 1 {
            (s, None) // a bare IPv6 address
        } else {
            match s.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (s, None),
            }
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        let port = match port {
            Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(|| bad("bad port"))?,
            None => 443,
        };
        Ok(Self { host: host.trim_end_matches('.').to_ascii_lowercase(), port })
    }

    /// `host:port`, with brackets around IPv6.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.authority())
    }
}

/// Time budget of each phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Name resolution.
    pub dns: Duration,
    /// TCP connect (all addresses together).
    pub tcp: Duration,
    /// CONNECT request and answer.
    pub proxy: Duration,
    /// TLS handshake, from ClientHello to Finished.
    pub tls: Duration,
    /// The optional HTTP request.
    pub http: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            dns: Duration::from_secs(5),
            tcp: Duration::from_secs(5),
            proxy: Duration::from_secs(10),
            tls: Duration::from_secs(10),
            http: Duration::from_secs(15),
        }
    }
}

impl Timeouts {
    /// Every phase gets `d`.
    pub fn all(d: Duration) -> Self {
        Self { dns: d, tcp: d, proxy: d, tls: d, http: d }
    }
}

/// Which proxy a probe uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxySetting {
    /// Connect directly.
    Direct,
    /// Decide from the environment under these rules (variables and NO_PROXY).
    FromEnvironment(ProxyRules),
    /// Use this proxy.
    Explicit(ProxyUrl),
}

/// How to probe.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Name sent in SNI; default the target host (no SNI for an IP literal, as clients do).
    pub sni: Option<String>,
    /// The proxy to use.
    pub proxy: ProxySetting,
    /// Connect to this address instead of resolving the host (like curl's `--connect-to`);
    /// ignored when a proxy is used, since the proxy resolves.
    pub connect_to: Option<SocketAddr>,
    /// ALPN protocols offered, in preference order.
    pub alpn: Vec<String>,
    /// Per-phase budgets.
    pub timeouts: Timeouts,
    /// One HTTP request after the handshake (ALPN is then `http/1.1` only).
    pub http_request: Option<HttpRequest>,
    /// The hosts file consulted to tell whether it overrode DNS.
    pub hosts_file: PathBuf,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        Self {
            sni: None,
            proxy: ProxySetting::FromEnvironment(ProxyRules::Curl),
            connect_to: None,
            alpn: vec!["h2".into(), "http/1.1".into()],
            timeouts: Timeouts::default(),
            http_request: None,
            hosts_file: PathBuf::from("/etc/hosts"),
        }
    }
}

/// What the handshake negotiated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlsSummary {
    /// `TLSv1.3` or `TLSv1.2`.
    pub version: Option<String>,
    /// IANA-style suite name, e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: Option<String>,
    /// ALPN protocol the server chose, if any.
    pub alpn: Option<String>,
    /// ALPN protocols offered.
    pub alpn_offered: Vec<String>,
    /// Milliseconds the handshake took.
    pub elapsed_ms: u64,
}

/// Where Signed Certificate Timestamps were seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SctObservation {
    /// The leaf carries an embedded SCT list extension.
    pub embedded_in_leaf: bool,
    /// An OCSP response was stapled (it may carry SCTs; `ct` decodes them).
    pub ocsp_stapled: bool,
    /// Always `false`: rustls 0.23 does not expose SCTs from the TLS extension.
    pub tls_extension_observable: bool,
}

/// Everything one probe saw, including how far it got when it failed.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    /// What was probed.
    pub target: Target,
    /// The SNI actually sent (`None` for an IP literal without `--sni`).
    pub sni: Option<String>,
    /// The proxy decision (environment rules, or explicit).
    pub proxy: Option<ProxyChoice>,
    /// Name resolution of the host, or of the proxy when one is used.
    pub resolution: Option<Resolution>,
    /// TCP attempts (to the host or to the proxy).
    pub connect: Vec<ConnectAttempt>,
    /// The CONNECT exchange with the proxy.
    pub proxy_exchange: Option<ProxyExchange>,
    /// Negotiated TLS parameters (absent if the handshake failed).
    pub tls: Option<TlsSummary>,
    /// The presented chain in the order sent, parsed.
    pub chain: Vec<CertificateSummary>,
    /// The presented chain, DER, in the order sent.
    #[serde(skip)]
    pub chain_der: Vec<Vec<u8>>,
    /// When the server sent more than `limits::MAX_PROBE_CHAIN_CERTS` certificates: how many.
    pub chain_truncated_from: Option<usize>,
    /// Presented certificates that did not parse: (position, reason).
    pub unparsed: Vec<(usize, String)>,
    /// The stapled OCSP response, DER (empty when none).
    #[serde(skip)]
    pub ocsp_response: Vec<u8>,
    /// SCT visibility.
    pub scts: SctObservation,
    /// The HTTP answer, when a request was asked for.
    pub http: Option<HttpResponse>,
    /// Why the probe stopped early, naming the phase.
    pub failure: Option<ProbeError>,
    /// Milliseconds for the whole probe.
    pub elapsed_ms: u64,
}

impl ProbeReport {
    fn new(target: &Target) -> Self {
        Self {
            target: target.clone(),
            sni: None,
            proxy: None,
            resolution: None,
            connect: Vec::new(),
            proxy_exchange: None,
            tls: None,
            chain: Vec::new(),
            chain_der: Vec::new(),
            chain_truncated_from: None,
            unparsed: Vec::new(),
            ocsp_response: Vec::new(),
            scts: SctObservation { embedded_in_leaf: false, ocsp_stapled: false, tls_extension_observable: false },
            http: None,
            failure: None,
            elapsed_ms: 0,
        }
    }

    /// The presented certificates that parsed, in the order sent.
    pub fn certificates(&self) -> Vec<Certificate> {
        self.chain_der.iter().filter_map(|der| Certificate::from_der(der).ok()).collect()
    }

    /// Whether the handshake completed.
    pub fn handshake_completed(&self) -> bool {
        self.tls.is_some()
    }
}

/// Probes `target`. Never fails: a failure is recorded in [`ProbeReport::failure`] with
/// everything seen before it.
pub fn probe(target: &Target, options: &ProbeOptions, env: &Environment) -> ProbeReport {
    let started = Instant::now();
    let mut report = ProbeReport::new(target);
    if let Err(e) = run(target, options, env, &mut report) {
        report.failure = Some(e);
    }
    report.elapsed_ms = net::millis(started.elapsed());
    report
}

/// Replays a recorded server flight: runs the proxy, TLS and HTTP phases of a probe against
/// `server_bytes` instead of a network peer, and reports what the probe would have seen had the
/// peer sent exactly those bytes (whatever the probe sends is dropped). With
/// [`ProxySetting::Explicit`] the bytes start with the proxy's answer to CONNECT; any other
/// setting replays a direct connection. Nothing is resolved or connected.
///
/// A TLS 1.2 flight shows its certificate chain before the handshake fails (the recorded
/// signatures cover another ClientHello's random); a TLS 1.3 flight ends at the first
/// encrypted record. This is how a captured or hand-made hostile flight is reproduced offline,
/// and what the `probe_flight` fuzz target drives.
pub fn replay(target: &Target, options: &ProbeOptions, server_bytes: &[u8]) -> ProbeReport {
    let started = Instant::now();
    let mut report = ProbeReport::new(target);
    let proxy = match &options.proxy {
        ProxySetting::Explicit(p) => Some(p.clone()),
        ProxySetting::Direct | ProxySetting::FromEnvironment(_) => None,
    };
    record_explicit_proxy(options, &mut report);
    let outcome = match server_name(target, options.sni.as_deref(), &mut report) {
        Ok(name) => session(&mut replay::Flight::new(server_bytes), target, options, proxy.as_ref(), name, &mut report),
        Err(e) => Err(e),
    };
    if let Err(e) = outcome {
        report.failure = Some(e);
    }
    report.elapsed_ms = net::millis(started.elapsed());
    report
}

fn run(target: &Target, options: &ProbeOptions, env: &Environment, report: &mut ProbeReport) -> Result<(), ProbeError> {
    let t = &options.timeouts;
    let proxy = match &options.proxy {
        ProxySetting::Direct => None,
        ProxySetting::Explicit(p) => Some(p.clone()),
        ProxySetting::FromEnvironment(rules) => {
            let choice = choose_proxy(env, *rules, &target.host, target.port)
                .map_err(|e| ProbeError::InvalidTarget { reason: e.to_string() })?;
            let p = choice.proxy.clone();
            report.proxy = Some(choice);
            p
        }
    };
    record_explicit_proxy(options, report);
    let server_name = server_name(target, options.sni.as_deref(), report)?;

    let mut tcp: TcpStream = match &proxy {
        Some(p) => {
            let res = net::resolve(&p.host, p.port, &options.hosts_file, t.dns)?;
            let addrs: Vec<SocketAddr> = res.addresses.iter().map(|ip| SocketAddr::new(*ip, p.port)).collect();
            report.resolution = Some(res);
            net::connect(&addrs, t.tcp, &mut report.connect)?
        }
        None => {
            let addrs: Vec<SocketAddr> = match options.connect_to {
                Some(addr) => {
                    report.resolution = Some(Resolution {
                        host: target.host.clone(),
                        addresses: vec![addr.ip()],
                        ..Resolution::default()
                    });
                    vec![addr]
                }
                None => {
                    let res = net::resolve(&target.host, target.port, &options.hosts_file, t.dns)?;
                    let addrs = res.addresses.iter().map(|ip| SocketAddr::new(*ip, target.port)).collect();
                    report.resolution = Some(res);
                    addrs
                }
            };
            net::connect(&addrs, t.tcp, &mut report.connect)?
        }
    };
    session(&mut tcp, target, options, proxy.as_ref(), server_name, report)
}

fn record_explicit_proxy(options: &ProbeOptions, report: &mut ProbeReport) {
    if let (ProxySetting::Explicit(p), None) = (&options.proxy, &report.proxy) {
        report.proxy = Some(ProxyChoice {
            rules: ProxyRules::Curl,
            proxy: Some(p.clone()),
            from_variable: None,
            no_proxy: None,
            bypassed: false,
        });
    }
}

/// Everything after the connection is up, the same for a live peer and a replayed flight:
/// CONNECT through `proxy`, the handshake, and the optional HTTP request.
fn session(
    stream: &mut dyn Transport,
    target: &Target,
    options: &ProbeOptions,
    proxy: Option<&ProxyUrl>,
    server_name: ServerName<'static>,
    report: &mut ProbeReport,
) -> Result<(), ProbeError> {
    let t = &options.timeouts;
    if let Some(p) = proxy {
        net::http_connect(stream, p, &target.authority(), t.proxy, &mut report.proxy_exchange)?;
    }
    let alpn: Vec<String> = if options.http_request.is_some() { vec!["http/1.1".into()] } else { options.alpn.clone() };
    let recorded = Arc::new(Mutex::new(tls::Recorded::default()));
    let outcome = tls::handshake(stream, server_name, &alpn, t.tls, &recorded);
    {
        let rec = recorded.lock().unwrap_or_else(PoisonError::into_inner);
        report.chain_der = rec.chain.clone();
        report.chain_truncated_from = rec.chain_truncated_from;
        report.ocsp_response = rec.ocsp_response.clone();
    }
    for (i, der) in report.chain_der.iter().enumerate() {
        match Certificate::from_der(der) {
            Ok(c) => {
                if i == 0 {
                    report.scts.embedded_in_leaf = c.has_sct_list();
                }
                report.chain.push(CertificateSummary::from(&c));
            }
            Err(e) => report.unparsed.push((i, e.to_string())),
        }
    }
    report.scts.ocsp_stapled = !report.ocsp_response.is_empty();
    let (mut conn, negotiated) = outcome?;
    report.tls = Some(TlsSummary {
        version: negotiated.version,
        cipher_suite: negotiated.cipher_suite,
        alpn: negotiated.alpn,
        alpn_offered: alpn,
        elapsed_ms: negotiated.elapsed_ms,
    });
    if let Some(request) = &options.http_request {
        let authority = if target.port == 443 { target.host.clone() } else { target.authority() };
        report.http = Some(http::exchange(&mut conn, stream, &authority, request, t.http)?);
    } else {
        conn.send_close_notify();
        let _ = conn.write_tls(stream);
    }
    Ok(())
}

/// The name sent in SNI (none for an IP literal, as clients do), noted in the report.
fn server_name(
    target: &Target,
    sni: Option<&str>,
    report: &mut ProbeReport,
) -> Result<ServerName<'static>, ProbeError> {
    let name = sni.unwrap_or(&target.host);
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Ok(ServerName::IpAddress(ip.into()));
    }
    let name = ServerName::try_from(name.to_owned())
        .map_err(|e| ProbeError::InvalidTarget { reason: format!("{name:?} cannot be sent as SNI: {e}") })?;
    if let ServerName::DnsName(d) = &name {
        report.sni = Some(d.as_ref().to_owned());
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_like_a_user_types_them() {
        assert_eq!(Target::parse("proxy.golang.org").unwrap().authority(), "proxy.golang.org:443");
        assert_eq!(Target::parse("Example.COM.:8443").unwrap().authority(), "example.com:8443");
        assert_eq!(Target::parse("https://pypi.org/simple/").unwrap().authority(), "pypi.org:443");
        assert_eq!(Target::parse("[::1]:8443").unwrap().authority(), "[::1]:8443");
        assert_eq!(Target::parse("::1").unwrap().authority(), "[::1]:443");
        assert_eq!(
            Target::parse("http://example.com").unwrap_err().to_string(),
            "invalid target: \"http://example.com\": only https:// URLs can be probed"
        );
        assert_eq!(
            Target::parse("example.com:0").unwrap_err().to_string(),
            "invalid target: \"example.com:0\": bad port"
        );
    }
}
