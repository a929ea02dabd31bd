//! DNS, TCP and HTTP CONNECT for a probe, each with its own time budget, and a stream wrapper
//! that bounds how many bytes and how much time a peer may use.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs as _};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::error::{escape_prefix, Phase, ProbeError};
use super::proxy::ProxyUrl;
use crate::limits;

/// What name resolution gave, and whether the hosts file decided it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The name looked up (or the IP literal given).
    pub host: String,
    /// Every address the resolver returned, in its order.
    pub addresses: Vec<IpAddr>,
    /// Addresses for this name in the hosts file, if it has any. With the usual
    /// `hosts: files dns` in /etc/nsswitch.conf these override DNS.
    pub hosts_file_addresses: Vec<IpAddr>,
    /// Whether the hosts file overrode DNS for this name.
    pub hosts_file_override: bool,
    /// How long resolution took, in milliseconds.
    pub elapsed_ms: u64,
}

/// Looks up `host` in a hosts file (`/etc/hosts` format). Unreadable files give no entries.
pub fn hosts_file_lookup(path: &Path, host: &str) -> Vec<IpAddr> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    let host = host.trim_end_matches('.');
    let mut found = Vec::new();
    for line in text.lines().take(100_000) {
        let line = line.split('#').next().unwrap_or_default();
        let mut fields = line.split_whitespace();
        let Some(Ok(ip)) = fields.next().map(str::parse::<IpAddr>) else { continue };
        if fields.any(|name| name.eq_ignore_ascii_case(host)) && !found.contains(&ip) {
            found.push(ip);
        }
    }
    found
}

/// Resolves `host` with the system resolver within `budget`.
pub(crate) fn resolve(host: &str, port: u16, hosts_file: &Path, budget: Duration) -> Result<Resolution, ProbeError> {
    let started = Instant::now();
    let mut out = Resolution { host: host.to_owned(), ..Resolution::default() };
    if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        out.addresses.push(ip);
        return Ok(out);
    }
    out.hosts_file_addresses = hosts_file_lookup(hosts_file, host);
    // getaddrinfo cannot be cancelled; a thread lets the probe give up on time. The thread ends
    // when the resolver does.
    let (tx, rx) = mpsc::channel();
    let name = format!("{host}:{port}");
    std::thread::Builder::new()
        .name("trustaudit-dns".into())
        .spawn(move || {
            let _ = tx.send(name.to_socket_addrs().map(|it| it.collect::<Vec<_>>()));
        })
        .map_err(|e| ProbeError::Io { phase: Phase::Dns, reason: e.to_string() })?;
    let result = rx.recv_timeout(budget).map_err(|_| ProbeError::TimedOut { phase: Phase::Dns, after: budget })?;
    let addrs = result.map_err(|e| ProbeError::Resolve { host: host.to_owned(), reason: e.to_string() })?;
    for a in addrs {
        if !out.addresses.contains(&a.ip()) {
            out.addresses.push(a.ip());
        }
    }
    if out.addresses.is_empty() {
        return Err(ProbeError::Resolve { host: host.to_owned(), reason: "no addresses".into() });
    }
    out.hosts_file_override =
        !out.hosts_file_addresses.is_empty() && out.addresses.iter().all(|a| out.hosts_file_addresses.contains(a));
    out.elapsed_ms = millis(started.elapsed());
    Ok(out)
}

/// One TCP connection attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectAttempt {
    /// Address tried.
    pub address: SocketAddr,
    /// `None` on success, else the failure.
    pub error: Option<String>,
    /// Milliseconds spent.
    pub elapsed_ms: u64,
}

/// Connects to the addresses in order. The budget is one deadline for the whole phase; each
/// attempt gets what is left (no happy eyeballs: the report lists every attempt).
pub(crate) fn connect(
    addresses: &[SocketAddr],
    budget: Duration,
    attempts: &mut Vec<ConnectAttempt>,
) -> Result<TcpStream, ProbeError> {
    let deadline = Instant::now() + budget;
    let mut last = ProbeError::Io { phase: Phase::Tcp, reason: "no address to connect to".into() };
    for &address in addresses {
        let started = Instant::now();
        let left = deadline.saturating_duration_since(started);
        if left.is_zero() {
            return Err(ProbeError::TimedOut { phase: Phase::Tcp, after: budget });
        }
        match TcpStream::connect_timeout(&address, left) {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                attempts.push(ConnectAttempt { address, error: None, elapsed_ms: millis(started.elapsed()) });
                return Ok(stream);
            }
            Err(e) => {
                attempts.push(ConnectAttempt {
                    address,
                    error: Some(e.to_string()),
                    elapsed_ms: millis(started.elapsed()),
                });
                last = ProbeError::from_io(Phase::Tcp, &e, budget, &address.to_string());
            }
        }
    }
    Err(last)
}

/// What the proxy answered to CONNECT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProxyExchange {
    /// The proxy, password hidden.
    pub proxy: String,
    /// The request target (`host:port`).
    pub connect_to: String,
    /// Whether a `Proxy-Authorization` header was sent.
    pub sent_credentials: bool,
    /// Status code of the answer.
    pub status: Option<u16>,
    /// The status line.
    pub status_line: Option<String>,
    /// Answer headers (name, value), at most the bytes in `limits::MAX_PROXY_RESPONSE_BYTES`.
    pub headers: Vec<(String, String)>,
    /// Milliseconds spent.
    pub elapsed_ms: u64,
}

/// Asks `proxy` for a tunnel to `target` (`host:port`) over `stream`.
pub(crate) fn http_connect(
    stream: &mut dyn Transport,
    proxy: &ProxyUrl,
    target: &str,
    budget: Duration,
    record: &mut Option<ProxyExchange>,
) -> Result<(), ProbeError> {
    let started = Instant::now();
    let proxy_name = proxy.to_string();
    let auth = proxy.basic_authorization();
    let exchange = record.insert(ProxyExchange {
        proxy: proxy_name.clone(),
        connect_to: target.to_owned(),
        sent_credentials: auth.is_some(),
        status: None,
        status_line: None,
        headers: Vec::new(),
        elapsed_ms: 0,
    });
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: trustaudit\r\n");
    if let Some(auth) = auth {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    let mut bounded = Bounded::new(stream, Phase::Proxy, budget, limits::MAX_PROXY_RESPONSE_BYTES);
    bounded.write_all(request.as_bytes()).map_err(|e| bounded.error(&e, &proxy_name))?;
    let head = read_head(&mut bounded, &proxy_name)?;
    exchange.elapsed_ms = millis(started.elapsed());
    let Some(parsed) = parse_head(&head) else {
        return Err(ProbeError::ProxyGarbage { proxy: proxy_name, prefix: escape_prefix(&head) });
    };
    exchange.status = Some(parsed.status);
    exchange.status_line = Some(parsed.status_line.clone());
    exchange.headers = parsed.headers.clone();
    match parsed.status {
        200..=299 => Ok(()),
        407 => Err(ProbeError::ProxyAuthRequired {
            proxy: proxy_name,
            challenge: parsed.header("proxy-authenticate").map(str::to_owned),
        }),
        status => Err(ProbeError::ProxyStatus { proxy: proxy_name, status, reason: parsed.reason }),
    }
}

/// Reads up to and including the blank line that ends an HTTP head, one byte at a time so no
/// tunnel byte is consumed.
pub(crate) fn read_head(stream: &mut Bounded<'_>, peer: &str) -> Result<Vec<u8>, ProbeError> {
    let mut head = Vec::with_capacity(256);
    let mut byte = [0u8; 1];
    loop {
        match stream.read(&mut byte) {
            Ok(0) => {
                if head.is_empty() || !head.starts_with(b"HTTP/") {
                    return if head.is_empty() {
                        Err(ProbeError::Closed { phase: stream.phase })
                    } else if stream.phase == Phase::Proxy {
                        Err(ProbeError::ProxyGarbage { proxy: peer.to_owned(), prefix: escape_prefix(&head) })
                    } else {
                        Err(ProbeError::Http { reason: format!("not HTTP: \"{}\"", escape_prefix(&head)) })
                    };
                }
                return Err(ProbeError::Closed { phase: stream.phase });
            }
            Ok(_) => head.push(byte[0]),
            Err(e) => return Err(stream.error(&e, peer)),
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            return Ok(head);
        }
        // A peer that is not speaking HTTP is caught early instead of at the byte limit.
        if head.len() == 5 && !head.eq_ignore_ascii_case(b"HTTP/") {
            if stream.phase == Phase::Proxy {
                return Err(ProbeError::ProxyGarbage { proxy: peer.to_owned(), prefix: escape_prefix(&head) });
            }
            return Err(ProbeError::Http { reason: format!("not HTTP: \"{}\"", escape_prefix(&head)) });
        }
    }
}

/// A parsed HTTP response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) status: u16,
    pub(crate) status_line: String,
    pub(crate) reason: String,
    pub(crate) headers: Vec<(String, String)>,
}

impl Head {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub(crate) fn parse_head(head: &[u8]) -> Option<Head> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next()?.to_owned();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse::<u16>().ok().filter(|s| (100..1000).contains(s))?;
    let reason = parts.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())))
        .collect();
    Some(Head { status, status_line, reason, headers })
}

/// The byte stream a probe speaks over after connecting: a TCP connection, or recorded server
/// bytes when a flight is replayed ([`super::replay`]).
pub(crate) trait Transport: Read + Write {
    /// Bounds how long the next read may block.
    fn set_read_budget(&mut self, left: Duration) -> std::io::Result<()>;
    /// Bounds how long the next write may block.
    fn set_write_budget(&mut self, left: Duration) -> std::io::Result<()>;
}

impl Transport for TcpStream {
    fn set_read_budget(&mut self, left: Duration) -> std::io::Result<()> {
        self.set_read_timeout(Some(left))
    }

    fn set_write_budget(&mut self, left: Duration) -> std::io::Result<()> {
        self.set_write_timeout(Some(left))
    }
}

/// A stream with a deadline and a cap on bytes read; it keeps the first bytes the peer sent so
/// a failure can show them.
pub(crate) struct Bounded<'a> {
    inner: &'a mut dyn Transport,
    pub(crate) phase: Phase,
    budget: Duration,
    deadline: Instant,
    limit: usize,
    pub(crate) read_total: usize,
    pub(crate) first_bytes: Vec<u8>,
    pub(crate) hit_limit: bool,
    pub(crate) hit_deadline: bool,
}

impl<'a> Bounded<'a> {
    pub(crate) fn new(inner: &'a mut dyn Transport, phase: Phase, budget: Duration, limit: usize) -> Self {
        Self {
            inner,
            phase,
            budget,
            deadline: Instant::now() + budget,
            limit,
            read_total: 0,
            first_bytes: Vec::new(),
            hit_limit: false,
            hit_deadline: false,
        }
    }

    /// Maps an I/O error met through this wrapper to a categorised error.
    pub(crate) fn error(&self, err: &std::io::Error, peer: &str) -> ProbeError {
        if self.hit_limit {
            return ProbeError::TooLarge { phase: self.phase, limit: self.limit };
        }
        if self.hit_deadline {
            return ProbeError::TimedOut { phase: self.phase, after: self.budget };
        }
        ProbeError::from_io(self.phase, err, self.budget, peer)
    }

    fn arm(&mut self, write: bool) -> std::io::Result<()> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.hit_deadline = true;
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "phase deadline passed"));
        }
        if write {
            self.inner.set_write_budget(left)
        } else {
            self.inner.set_read_budget(left)
        }
    }
}

impl Read for Bounded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.limit.saturating_sub(self.read_total);
        if room == 0 {
            self.hit_limit = true;
            return Err(std::io::Error::other("byte limit reached"));
        }
        self.arm(false)?;
        let want = buf.len().min(room);
        let n = match self.inner.read(&mut buf[..want]) {
            Ok(n) => n,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                self.hit_deadline = true;
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        if self.first_bytes.len() < 64 {
            let take = n.min(64 - self.first_bytes.len());
            self.first_bytes.extend_from_slice(&buf[..take]);
        }
        self.read_total += n;
        Ok(n)
    }
}

impl Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.arm(true)?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
