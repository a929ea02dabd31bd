//! Test fixtures shared by tests/probe_*.rs and tests/doctor_*.rs: generated PKIs, a rustls
//! TLS server on 127.0.0.1 that answers HTTP by path, and raw TCP peers that misbehave.
//! Every server listens on 127.0.0.1:0 and stops when its handle is dropped.
#![allow(dead_code, unreachable_pub)] // each test file uses a different part

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A CA that can issue certificates.
pub struct Ca {
    pub issuer: CertifiedIssuer<'static, KeyPair>,
}

impl Ca {
    /// A self-signed root named `cn` (organization `org`).
    pub fn root(cn: &str, org: &str) -> Self {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name = dn(cn, Some(org));
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
        p.not_before = rcgen::date_time_ymd(2020, 1, 1);
        p.not_after = rcgen::date_time_ymd(2045, 1, 1);
        let key = KeyPair::generate().unwrap();
        Self { issuer: CertifiedIssuer::self_signed(p, key).unwrap() }
    }

    /// An intermediate CA under `self`.
    pub fn intermediate(&self, cn: &str) -> Self {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name = dn(cn, Some("Trustaudit Test"));
        p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        p.use_authority_key_identifier_extension = true;
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::DigitalSignature];
        p.not_before = rcgen::date_time_ymd(2020, 1, 1);
        p.not_after = rcgen::date_time_ymd(2044, 1, 1);
        let key = KeyPair::generate().unwrap();
        Self { issuer: CertifiedIssuer::signed_by(p, key, &self.issuer).unwrap() }
    }

    pub fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// A server certificate for `names` (empty: CN-only) with the given validity.
    pub fn leaf(&self, spec: &LeafSpec<'_>) -> Leaf {
        let mut p = CertificateParams::new(spec.names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        p.distinguished_name = dn(spec.cn, None);
        p.is_ca = IsCa::ExplicitNoCa;
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        // Public CAs always include it; the strict verification profile requires it.
        p.use_authority_key_identifier_extension = true;
        p.not_before = spec.not_before;
        p.not_after = spec.not_after;
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, &self.issuer).unwrap();
        Leaf { der: cert.der().clone(), key: PrivatePkcs8KeyDer::from(key.serialize_der()).into() }
    }
}

/// What a leaf should say.
pub struct LeafSpec<'a> {
    pub cn: &'a str,
    pub names: &'a [&'a str],
    pub not_before: time::OffsetDateTime,
    pub not_after: time::OffsetDateTime,
}

impl<'a> LeafSpec<'a> {
    pub fn valid(cn: &'a str, names: &'a [&'a str]) -> Self {
        Self { cn, names, not_before: rcgen::date_time_ymd(2024, 1, 1), not_after: rcgen::date_time_ymd(2040, 1, 1) }
    }
}

pub struct Leaf {
    pub der: CertificateDer<'static>,
    pub key: PrivateKeyDer<'static>,
}

fn dn(cn: &str, org: Option<&str>) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::CommonName, cn);
    if let Some(o) = org {
        d.push(DnType::OrganizationName, o);
    }
    d
}

/// A self-signed server certificate (no CA).
pub fn self_signed_leaf(name: &str) -> Leaf {
    let mut p = CertificateParams::new(vec![name.to_owned()]).unwrap();
    p.distinguished_name = dn(name, None);
    let key = KeyPair::generate().unwrap();
    let cert = p.self_signed(&key).unwrap();
    Leaf { der: cert.der().clone(), key: PrivatePkcs8KeyDer::from(key.serialize_der()).into() }
}

/// An HTTP answer: status, content type, body.
pub type Answer = (u16, &'static str, Vec<u8>);
/// Maps a request path to an answer.
pub type Router = Arc<dyn Fn(&str) -> Answer + Send + Sync>;

/// A rustls TLS server on 127.0.0.1 presenting `chain`; answers HTTP/1.1 by path when a router
/// is given, otherwise closes after the handshake.
pub struct TlsServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TlsServer {
    pub fn start(chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>, router: Option<Router>) -> Self {
        Self::start_with_ocsp(chain, key, router, Vec::new())
    }

    /// As [`TlsServer::start`], stapling `ocsp` (raw bytes; empty for none).
    pub fn start_with_ocsp(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
        router: Option<Router>,
        ocsp: Vec<u8>,
    ) -> Self {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert_with_ocsp(chain, key, ocsp)
            .unwrap();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let config = Arc::new(config);
        let (addr, stop, thread) = spawn_listener(move |mut tcp| {
            let Ok(mut conn) = rustls::ServerConnection::new(config.clone()) else { return };
            let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
            let Some(router) = router.as_ref() else {
                let _ = tls.flush();
                while tls.conn.is_handshaking() {
                    if tls.conn.complete_io(tls.sock).is_err() {
                        return;
                    }
                }
                tls.conn.send_close_notify();
                let _ = tls.conn.complete_io(tls.sock);
                return;
            };
            serve_http(&mut tls, router);
        });
        Self { addr, stop, thread: Some(thread) }
    }
}

/// Reads requests on one connection and answers them until the client closes.
pub fn serve_http<S: Read + Write>(stream: &mut S, router: &Router) {
    loop {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
            if head.len() > 64 * 1024 {
                return;
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let mut first = text.split_whitespace();
        let method = first.next().unwrap_or("").to_owned();
        let path = first.next().unwrap_or("/").to_owned();
        let close = text.to_ascii_lowercase().contains("connection: close");
        let (status, ctype, body) = router(&path);
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            410 => "Gone",
            500 => "Internal Server Error",
            _ => "Status",
        };
        let mut answer =
            format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n", body.len())
                .into_bytes();
        answer.extend_from_slice(if close { b"Connection: close\r\n\r\n" } else { b"\r\n" });
        if method != "HEAD" {
            answer.extend_from_slice(&body);
        }
        if stream.write_all(&answer).is_err() || stream.flush().is_err() || close {
            return;
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        stop_listener(self.addr, &self.stop, self.thread.take());
    }
}

/// A raw TCP peer running `behave` on each accepted connection.
pub struct RawServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RawServer {
    pub fn start(behave: impl Fn(TcpStream) + Send + Sync + 'static) -> Self {
        let (addr, stop, thread) = spawn_listener(behave);
        Self { addr, stop, thread: Some(thread) }
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        stop_listener(self.addr, &self.stop, self.thread.take());
    }
}

fn spawn_listener(handle: impl Fn(TcpStream) + Send + Sync + 'static) -> (SocketAddr, Arc<AtomicBool>, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let handle = Arc::new(handle);
    let thread = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(300);
        for conn in listener.incoming() {
            if flag.load(Ordering::SeqCst) || Instant::now() > deadline {
                break;
            }
            let Ok(tcp) = conn else { continue };
            let _ = tcp.set_read_timeout(Some(Duration::from_secs(20)));
            let _ = tcp.set_write_timeout(Some(Duration::from_secs(20)));
            let h = handle.clone();
            std::thread::spawn(move || h(tcp));
        }
    });
    (addr, stop, thread)
}

fn stop_listener(addr: SocketAddr, stop: &AtomicBool, thread: Option<JoinHandle<()>>) {
    stop.store(true, Ordering::SeqCst);
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
    if let Some(t) = thread {
        let _ = t.join();
    }
}

/// Reads the first TLS record (the ClientHello) so a hostile peer answers after it.
pub fn read_client_hello(tcp: &mut TcpStream) {
    let mut header = [0u8; 5];
    if tcp.read_exact(&mut header).is_err() {
        return;
    }
    let len = usize::from(u16::from_be_bytes([header[3], header[4]]));
    let mut body = vec![0u8; len];
    let _ = tcp.read_exact(&mut body);
}

/// Writes `pem` to `dir/name` and returns the path.
pub fn write_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// A certificate directory at `dir` holding `pem` (root.pem) with the `<subject hash>.0` link
/// `openssl rehash` makes, as OpenSSL's and Go's directory readers expect. Needs openssl.
pub fn hashed_dir(dir: &Path, pem: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    write_file(dir, "root.pem", pem.as_bytes());
    let openssl = which("openssl").expect("openssl");
    assert!(std::process::Command::new(openssl).arg("rehash").arg(dir).status().unwrap().success());
    dir.to_path_buf()
}

/// Whether a missing tool may be skipped: only outside CI, with TRUSTAUDIT_ALLOW_SKIP=1.
pub fn may_skip(tool: &str) -> bool {
    let allowed = std::env::var("TRUSTAUDIT_ALLOW_SKIP").is_ok_and(|v| v == "1") && std::env::var_os("CI").is_none();
    if allowed {
        eprintln!("skipped: {tool} is not installed (TRUSTAUDIT_ALLOW_SKIP=1)");
    }
    allowed
}

/// Finds an executable on PATH.
pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(tool)).find(|p| p.is_file())
}

/// A free port on 127.0.0.1 (bound then released; good enough for a child to take it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until something accepts TCP on `port`.
pub fn wait_for_port(port: u16, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A child process killed (and reaped) on drop.
pub struct Child(pub std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `mitmdump` listening on 127.0.0.1 as an explicit proxy, its confdir in a temp dir.
pub struct Mitmdump {
    pub port: u16,
    pub confdir: tempfile::TempDir,
    _child: Child,
}

impl Mitmdump {
    /// Starts mitmdump, or returns `None` (after saying why) when it is not installed and
    /// skipping is allowed; panics when it is missing in CI.
    pub fn start(map_hosts: &[&str]) -> Option<Self> {
        let hosts: Vec<String> = map_hosts.iter().map(|h| format!("{h}=127.0.0.1")).collect();
        Self::start_mapped(&hosts)
    }

    /// Like [`Mitmdump::start`], but each (name, port) goes to 127.0.0.1:port whatever port
    /// the client asked for (a client that can only use 443 reaches a test server).
    pub fn start_routed(routes: &[(&str, u16)]) -> Option<Self> {
        let hosts: Vec<String> = routes.iter().map(|(h, port)| format!("{h}=127.0.0.1:{port}")).collect();
        Self::start_mapped(&hosts)
    }

    fn start_mapped(hosts: &[String]) -> Option<Self> {
        let Some(bin) = which("mitmdump") else {
            assert!(
                may_skip("mitmdump"),
                "mitmdump is required (installed by .ci/deps from .ci/requirements-test.txt)"
            );
            return None;
        };
        let confdir = tempfile::tempdir().unwrap();
        let port = free_port();
        let addon = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/proxies/mitm_hosts.py");
        let child = std::process::Command::new(bin)
            .arg("--set")
            .arg(format!("confdir={}", confdir.path().display()))
            .args(["--listen-host", "127.0.0.1", "--listen-port", &port.to_string()])
            // The upstream test servers present test chains; mitmproxy must not refuse them.
            .args(["--set", "ssl_insecure=true", "-q", "-s"])
            .arg(addon)
            .env("TRUSTAUDIT_TEST_HOSTS", hosts.join(","))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let child = Child(child);
        assert!(wait_for_port(port, Duration::from_secs(30)), "mitmdump did not start listening on {port}");
        Some(Self { port, confdir, _child: child })
    }

    /// mitmproxy's CA certificate (PEM), as it wrote it at start-up.
    pub fn ca_pem(&self) -> Vec<u8> {
        std::fs::read(self.confdir.path().join("mitmproxy-ca-cert.pem")).unwrap()
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// The trustaudit command with a clean environment: PATH, HOME in a temp dir, nothing else.
pub fn trustaudit(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trustaudit"));
    cmd.env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default()).env("HOME", home).env("NO_COLOR", "1");
    cmd
}

/// A running squid (Debian's squid-openssl) doing ssl-bump with a generated "corporate" root,
/// configuration, certificate database and logs in a temp dir, in the foreground (`-N`),
/// stopped on drop.
pub struct Squid {
    pub port: u16,
    pub dir: tempfile::TempDir,
    _child: Child,
}

impl Drop for Squid {
    /// SIGTERM first: squid then unlinks its shared-memory segments itself (SIGKILL, which
    /// `Child` falls back to, would leave them in /dev/shm).
    fn drop(&mut self) {
        let child = &mut self._child.0;
        let _ = std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Squid {
    /// Starts squid bumping every CONNECT with `ca`; `map_hosts` resolve to 127.0.0.1 through
    /// squid's own `hosts_file`. Returns `None` only when squid is missing and skipping is allowed.
    pub fn start(ca: &Ca, map_hosts: &[&str]) -> Option<Self> {
        let bin = which("squid").or_else(|| Some(PathBuf::from("/usr/sbin/squid")).filter(|p| p.is_file()));
        let certgen = PathBuf::from("/usr/lib/squid/security_file_certgen");
        let Some(bin) = bin.filter(|_| certgen.is_file()) else {
            assert!(may_skip("squid (squid-openssl)"), "squid-openssl is required (installed by .ci/deps)");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write_file(d, "corp-ca.pem", ca.pem().as_bytes());
        write_file(d, "corp-ca.key", ca.issuer.key().serialize_pem().as_bytes());
        let hosts: String = map_hosts.iter().map(|h| format!("127.0.0.1 {h}\n")).collect();
        write_file(d, "hosts", hosts.as_bytes());
        let db = d.join("ssl_db");
        let status = std::process::Command::new(&certgen)
            .args(["-c", "-s"])
            .arg(&db)
            .args(["-M", "4MB"])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "security_file_certgen -c failed");
        let port = free_port();
        // squid names its shared-memory segments (/dev/shm/<service>-tls_session_cache.shm)
        // after its service name, "squid" by default: two instances at once, or a segment
        // left by one that was killed, make the next one die with "File exists". A name per
        // port keeps instances apart; a stale segment of that name is removed first.
        let service = format!("trustaudit{port}");
        if let Ok(entries) = std::fs::read_dir("/dev/shm") {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&format!("{service}-")) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let p = d.display();
        let conf = format!(
            "http_port 127.0.0.1:{port} ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=4MB tls-cert={p}/corp-ca.pem tls-key={p}/corp-ca.key\n\
             sslcrtd_program {certgen} -s {db} -M 4MB\n\
             sslcrtd_children 2 startup=1 idle=1\n\
             acl step1 at_step SslBump1\n\
             ssl_bump peek step1\n\
             ssl_bump bump all\n\
             tls_outgoing_options flags=DONT_VERIFY_PEER\n\
             sslproxy_cert_error allow all\n\
             http_access allow all\n\
             cache deny all\n\
             pinger_enable off\n\
             shutdown_lifetime 0 seconds\n\
             pid_filename {p}/squid.pid\n\
             cache_log {p}/cache.log\n\
             access_log {p}/access.log\n\
             coredump_dir {p}\n\
             hosts_file {p}/hosts\n",
            certgen = certgen.display(),
            db = db.display(),
        );
        let conf_path = write_file(d, "squid.conf", conf.as_bytes());
        // squid drops root for its `proxy` user, which must read the config and write the db.
        let _ = std::process::Command::new("chown").arg("-R").arg("proxy:proxy").arg(d).status();
        let mut perms = std::fs::metadata(d).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(d, perms).unwrap();
        let child = std::process::Command::new(bin)
            .arg("-N")
            .arg("-n")
            .arg(&service)
            .arg("-f")
            .arg(&conf_path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let child = Child(child);
        assert!(
            wait_for_port(port, Duration::from_secs(30)),
            "squid did not start listening on {port}: {}",
            std::fs::read_to_string(d.join("cache.log")).unwrap_or_default()
        );
        Some(Self { port, dir, _child: child })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// A zip archive of `entries` (name, contents), written by Python's `zipfile` as the Go
/// module zips and wheels the doctor tests serve would be.
pub fn zip_archive(dir: &Path, entries: &[(&str, &str)]) -> Vec<u8> {
    let path = dir.join("archive.zip");
    let ok = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, zipfile\n\
             with zipfile.ZipFile(sys.argv[1], 'w') as z:\n\
             \x20   for name, data in zip(sys.argv[2::2], sys.argv[3::2]):\n\
             \x20       z.writestr(name, data)\n",
        )
        .arg(&path)
        .args(entries.iter().flat_map(|(name, data)| [*name, *data]))
        .status()
        .unwrap()
        .success();
    assert!(ok, "python3 could not write {}", path.display());
    std::fs::read(path).unwrap()
}

/// A simple-API package index (PEP 503) serving one wheel, hello-ta 1.0.0, as pip fetches it:
/// `/simple/hello-ta/` links to `/files/<wheel>`.
pub fn python_index(scratch: &Path) -> Router {
    const WHEEL: &str = "hello_ta-1.0.0-py3-none-any.whl";
    let wheel = zip_archive(
        scratch,
        &[
            ("hello_ta/__init__.py", "GREETING = \"hello\"\n"),
            ("hello_ta-1.0.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: hello-ta\nVersion: 1.0.0\n"),
            (
                "hello_ta-1.0.0.dist-info/WHEEL",
                "Wheel-Version: 1.0\nGenerator: trustaudit-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            ),
            ("hello_ta-1.0.0.dist-info/RECORD", ""),
        ],
    );
    Arc::new(move |path: &str| match path {
        "/simple/hello-ta/" => (
            200,
            "text/html",
            format!("<!DOCTYPE html><html><body><a href=\"/files/{WHEEL}\">{WHEEL}</a></body></html>\n").into_bytes(),
        ),
        p if p.strip_prefix("/files/") == Some(WHEEL) => (200, "application/octet-stream", wheel.clone()),
        _ => (404, "text/plain", b"not found\n".to_vec()),
    })
}

/// A cargo sparse registry's answer for `path`, when it is one: `config.json` and the index
/// entry of hello-ta 1.0.0 (names of four or more letters live under their first two and next
/// two letters). Resolving never downloads the crate, so its checksum is never checked.
pub fn cargo_sparse_index(path: &str) -> Option<Answer> {
    match path {
        "/config.json" => Some((200, "application/json", br#"{"dl":"https://localhost/crates"}"#.to_vec())),
        "/he/ll/hello-ta" => Some((
            200,
            "application/json",
            format!(
                r#"{{"name":"hello-ta","vers":"1.0.0","deps":[],"cksum":"{}","features":{{}},"yanked":false}}"#,
                "0".repeat(64)
            )
            .into_bytes(),
        )),
        _ => None,
    }
}

/// Writes at `project` a library package that depends on hello-ta 1.0 from the registry
/// named `mirror` (`CARGO_REGISTRIES_MIRROR_INDEX` says where it is).
pub fn cargo_project(project: &Path) {
    std::fs::create_dir_all(project.join("src")).unwrap();
    write_file(
        project,
        "Cargo.toml",
        b"[package]\nname = \"uses-hello-ta\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
          [dependencies]\nhello-ta = { version = \"1\", registry = \"mirror\" }\n",
    );
    write_file(project, "src/lib.rs", b"");
}

/// Serves version v1.0.0 of the Go module `module` as a GOPROXY does (`list`, `.info`, `.mod`,
/// `.zip`; 404 for anything else). `files` are the module's files besides go.mod.
pub fn go_module_proxy(scratch: &Path, module: &str, files: &[(&str, &str)]) -> Router {
    let go_mod = format!("module {module}\n\ngo 1.21\n");
    let in_zip = |name: &str| format!("{module}@v1.0.0/{name}");
    let mut entries = vec![(in_zip("go.mod"), go_mod.clone())];
    entries.extend(files.iter().map(|(name, data)| (in_zip(name), (*data).to_owned())));
    let borrowed: Vec<(&str, &str)> = entries.iter().map(|(n, d)| (n.as_str(), d.as_str())).collect();
    let zip = zip_archive(scratch, &borrowed);
    let base = format!("/{module}/@v/");
    Arc::new(move |path: &str| match path.strip_prefix(base.as_str()) {
        Some("list") => (200, "text/plain", b"v1.0.0\n".to_vec()),
        Some("v1.0.0.info") => {
            (200, "application/json", br#"{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}"#.to_vec())
        }
        Some("v1.0.0.mod") => (200, "text/plain", go_mod.clone().into_bytes()),
        Some("v1.0.0.zip") => (200, "application/zip", zip.clone()),
        _ => (404, "text/plain", b"not found\n".to_vec()),
    })
}

/// A Go program asked as an oracle: it reads one question per stdin line and prints `true` or
/// `false` for each. It may import packages Go itself vendors in GOROOT (`vendored`: the
/// directory under GOROOT and its module path), so building it needs no download.
pub struct GoOracle {
    go: PathBuf,
    dir: tempfile::TempDir,
}

impl GoOracle {
    /// Lays out the program's module beside copies of the vendored modules it imports.
    pub fn new(go: &Path, vendored: &[(&str, &str)], program: &str) -> Self {
        let goroot = std::process::Command::new(go).args(["env", "GOROOT"]).output().unwrap();
        let goroot = PathBuf::from(String::from_utf8_lossy(&goroot.stdout).trim());
        let dir = tempfile::tempdir().unwrap();
        let mut go_mod = String::from("module oracle\n\ngo 1.22\n");
        for (under_goroot, module) in vendored {
            let from = goroot.join(under_goroot);
            assert!(from.is_dir(), "{} is not in this Go's GOROOT", from.display());
            let local = module.replace('/', "_");
            copy_dir(&from, &dir.path().join(&local));
            write_file(&dir.path().join(&local), "go.mod", format!("module {module}\n\ngo 1.22\n").as_bytes());
            go_mod.push_str(&format!("\nrequire {module} v0.0.0\n\nreplace {module} => ../{local}\n"));
        }
        let main = dir.path().join("oracle");
        std::fs::create_dir_all(&main).unwrap();
        write_file(&main, "go.mod", go_mod.as_bytes());
        write_file(&main, "main.go", program.as_bytes());
        GoOracle { go: go.to_owned(), dir }
    }

    /// One answer per line of `questions`, in order; panics with Go's stderr if it fails.
    pub fn ask(&self, questions: &str) -> Vec<bool> {
        let mut child = std::process::Command::new(&self.go)
            .args(["run", "-mod=mod", "."])
            .current_dir(self.dir.path().join("oracle"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::var_os("HOME").unwrap_or_default())
            .env("GOPROXY", "off")
            .env("GOSUMDB", "off")
            .env("GOFLAGS", "")
            .env("GOTOOLCHAIN", "local")
            .env("GOPATH", self.dir.path().join("gopath"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(questions.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let answers: Vec<bool> = String::from_utf8_lossy(&out.stdout).lines().map(|l| l == "true").collect();
        assert_eq!(answers.len(), questions.lines().count(), "one answer per question");
        answers
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}
