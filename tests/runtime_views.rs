//! Runtime views against the real runtimes on this machine.
//!
//! Each test describes one environment as a `runtime::Environment`, asks trustaudit what a
//! runtime would trust in it, then runs the real runtime (Go, Python, pip, Node.js, curl, git,
//! OpenSSL) with exactly that environment (`env_clear` + the same variables) through a small
//! oracle program in tests/oracles/ and compares. Certificates are generated here with rcgen.
//! A runtime that is not installed makes its test print a skip line and pass.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair};
use trustaudit::runtime::{self, Environment, Runtime, RuntimeView, SourceKind, SourceState};

/// A test CA and a leaf for "localhost" it issued, written to a temporary directory.
struct Pki {
    dir: tempfile::TempDir,
    ca_pem: String,
    ca_der: Vec<u8>,
    other_ca_pem: String,
    other_ca_der: Vec<u8>,
}

impl Pki {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let (ca_pem, ca_der, issuer) = ca("trustaudit runtime-view test CA");
        let (other_ca_pem, other_ca_der, _) = ca("trustaudit runtime-view second CA");
        let key = KeyPair::generate().expect("leaf key");
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("leaf params");
        params.distinguished_name.push(DnType::CommonName, "localhost");
        let leaf = params.signed_by(&key, &issuer).expect("leaf");
        std::fs::write(dir.path().join("leaf.pem"), leaf.pem()).expect("write leaf");
        std::fs::write(dir.path().join("leaf.key"), key.serialize_pem()).expect("write key");
        std::fs::write(dir.path().join("ca.pem"), &ca_pem).expect("write ca");
        std::fs::write(dir.path().join("bundle.pem"), format!("{ca_pem}{other_ca_pem}")).expect("write bundle");
        Self { dir, ca_pem, ca_der, other_ca_pem, other_ca_der }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

fn ca(cn: &str) -> (String, Vec<u8>, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().expect("CA key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    let cert = params.self_signed(&key).expect("CA cert");
    (cert.pem(), cert.der().to_vec(), Issuer::new(params, key))
}

fn sha256_hex(der: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, der).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The machine's PATH and HOME, nothing else: what `env -i PATH=… HOME=…` gives a runtime.
fn base_env() -> Environment {
    let mut env = Environment::empty().with_cache(false);
    for v in ["PATH", "HOME"] {
        if let Some(value) = std::env::var_os(v) {
            env = env.with_var(v, value);
        }
    }
    match std::env::current_dir() {
        Ok(cwd) => env.with_cwd(cwd),
        Err(_) => env,
    }
}

/// A command that runs with exactly `env`.
fn command(program: &Path, env: &Environment) -> Command {
    let mut c = Command::new(program);
    c.env_clear();
    for (k, v) in env.vars() {
        c.env(k, v);
    }
    if let Some(cwd) = env.cwd() {
        c.current_dir(cwd);
    }
    c
}

fn program(name: &str) -> Option<PathBuf> {
    let found = base_env().find_program(name);
    if found.is_none() {
        println!("skipped: {name} is not on PATH");
    }
    found
}

fn run(mut c: Command) -> (String, String) {
    let out = c.output().expect("oracle runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn roots(v: &RuntimeView) -> BTreeSet<String> {
    v.store.as_ref().expect("installed").roots().iter().map(|r| sha256_hex(r.cert.der())).collect()
}

fn roots_from(v: &RuntimeView, source: &str) -> BTreeSet<String> {
    let store = v.store.as_ref().expect("installed");
    store.roots().iter().filter(|r| r.origin.source == source).map(|r| sha256_hex(r.cert.der())).collect()
}

fn used(v: &RuntimeView, kind: SourceKind) -> Vec<String> {
    v.sources.iter().filter(|s| s.kind == kind && s.state == SourceState::Used).map(|s| s.name.clone()).collect()
}

fn set(items: &[&Vec<u8>]) -> BTreeSet<String> {
    items.iter().map(|d| sha256_hex(d)).collect()
}

fn oracle(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles").join(name)
}

// ---------------------------------------------------------------- Go

/// Builds tests/oracles/roots_go.go once per test run.
fn go_oracle() -> Option<PathBuf> {
    static BUILT: OnceLock<Option<PathBuf>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let go = program("go")?;
            let out = std::env::temp_dir().join(format!("trustaudit-roots-go-{}", std::process::id()));
            // The build uses the developer's own environment (GOCACHE, GOPATH); only the
            // oracle's run is cleared.
            let status = Command::new(go)
                .args(["build", "-o"])
                .arg(&out)
                .arg(oracle("roots_go.go"))
                .status()
                .expect("go build runs");
            assert!(status.success(), "go build of roots_go.go failed");
            Some(out)
        })
        .clone()
}

/// Runs the Go oracle with `env`; returns (subject hashes, count, equal-to-view).
fn go_pool(env: &Environment, view: &RuntimeView, scratch: &Path) -> (Vec<String>, usize, bool) {
    let bin = go_oracle().expect("built");
    let expected = scratch.join("expected-go.pem");
    let pem: String = view.store.as_ref().expect("installed").roots().iter().map(|r| pem_of(r.cert.der())).collect();
    std::fs::write(&expected, pem).expect("write expected");
    let mut c = command(&bin, env);
    c.arg(&expected);
    let (stdout, stderr) = run(c);
    let mut subjects = Vec::new();
    let mut count = usize::MAX;
    let mut equal = false;
    for line in stdout.lines() {
        if let Some(s) = line.strip_prefix("subject ") {
            subjects.push(s.to_owned());
        } else if let Some(n) = line.strip_prefix("count ") {
            count = n.parse().expect("count");
        } else if let Some(e) = line.strip_prefix("equal ") {
            equal = e == "true";
        }
    }
    assert_ne!(count, usize::MAX, "Go oracle failed: {stdout}{stderr}");
    (subjects, count, equal)
}

fn pem_of(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut s = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        s.push_str(&String::from_utf8_lossy(chunk));
        s.push('\n');
    }
    s.push_str("-----END CERTIFICATE-----\n");
    s
}

fn view_subjects(v: &RuntimeView) -> Vec<String> {
    let mut s: Vec<String> =
        v.store.as_ref().expect("installed").roots().iter().map(|r| sha256_hex(&r.cert.subject().der)).collect();
    s.sort();
    s
}

fn assert_go_agrees(env: &Environment, scratch: &Path) -> RuntimeView {
    let view = runtime::view(Runtime::Go, env);
    assert!(view.installed, "{}", view.decision);
    let (mut subjects, count, equal) = go_pool(env, &view, scratch);
    subjects.sort();
    assert_eq!(count, view.len(), "Go's SystemCertPool size vs the go view");
    assert_eq!(subjects, view_subjects(&view), "subjects of Go's pool vs the go view");
    assert!(equal, "Go's SystemCertPool is not Equal to the go view's roots");
    view
}

#[test]
fn go_view_is_exactly_go_system_cert_pool_with_no_variables_set() {
    if go_oracle().is_none() {
        return;
    }
    let pki = Pki::new();
    let view = assert_go_agrees(&base_env(), pki.dir.path());
    assert!(view.len() > 100, "the machine's bundle has more than 100 roots, got {}", view.len());
    assert_eq!(used(&view, SourceKind::File), vec!["/etc/ssl/certs/ca-certificates.crt".to_owned()]);
}

#[test]
fn go_reads_only_ssl_cert_file_yet_still_reads_its_directories() {
    if go_oracle().is_none() {
        return;
    }
    let pki = Pki::new();
    let env = base_env().with_var("SSL_CERT_FILE", pki.p("bundle.pem"));
    let view = assert_go_agrees(&env, pki.dir.path());
    assert_eq!(used(&view, SourceKind::File), vec![pki.p("bundle.pem")]);
    assert!(roots(&view).is_superset(&set(&[&pki.ca_der, &pki.other_ca_der])));
    assert!(view.notes.contains(&format!(
        "SSL_CERT_FILE is set: Go reads only {}, none of its built-in file list",
        pki.p("bundle.pem")
    )));
}

#[test]
fn go_ssl_cert_dir_is_a_colon_list_that_skips_der_files_and_same_directory_links() {
    if go_oracle().is_none() {
        return;
    }
    let pki = Pki::new();
    let d1 = pki.path("d1");
    let d2 = pki.path("d2");
    std::fs::create_dir_all(&d1).expect("d1");
    std::fs::create_dir_all(&d2).expect("d2");
    std::fs::write(d1.join("one.pem"), &pki.ca_pem).expect("one");
    std::os::unix::fs::symlink("one.pem", d1.join("5d8ac2f1.0")).expect("link");
    std::fs::write(d1.join("two.der"), &pki.other_ca_der).expect("der");
    std::fs::write(d2.join("two.crt"), &pki.other_ca_pem).expect("two");
    let env = base_env()
        .with_var("SSL_CERT_FILE", pki.p("missing.pem"))
        .with_var("SSL_CERT_DIR", format!("{}:{}", d1.display(), d2.display()));
    let view = assert_go_agrees(&env, pki.dir.path());
    assert_eq!(roots(&view), set(&[&pki.ca_der, &pki.other_ca_der]));
    assert_eq!(used(&view, SourceKind::Directory), vec![d1.display().to_string(), d2.display().to_string()]);

    // Without d2, the DER copy in d1 does not count: Go reads PEM only.
    let env = env.with_var("SSL_CERT_DIR", d1.display().to_string());
    let view = assert_go_agrees(&env, pki.dir.path());
    assert_eq!(roots(&view), set(&[&pki.ca_der]));
}

#[test]
fn go_treats_empty_ssl_cert_file_and_dir_as_unset_unlike_openssl() {
    if go_oracle().is_none() {
        return;
    }
    let pki = Pki::new();
    let env = base_env().with_var("SSL_CERT_FILE", "").with_var("SSL_CERT_DIR", "");
    let view = assert_go_agrees(&env, pki.dir.path());
    assert_eq!(used(&view, SourceKind::File), vec!["/etc/ssl/certs/ca-certificates.crt".to_owned()]);
    // OpenSSL takes a set variable at its word, even when empty: no file is read.
    let view = runtime::view(Runtime::Openssl, &env);
    assert!(used(&view, SourceKind::File).is_empty(), "{:?}", view.sources);
    if program("python3").is_some() {
        let view = runtime::view(Runtime::Python, &env);
        assert!(used(&view, SourceKind::File).is_empty(), "{:?}", view.sources);
        assert_eq!(python(&env, &[]).ca_certs, Vec::<String>::new(), "Python loads no CA file");
    }
}

#[test]
fn rustls_view_is_what_rustls_native_certs_loads_in_this_process() {
    let from_crate: BTreeSet<String> =
        rustls_native_certs::load_native_certs().certs.iter().map(|c| sha256_hex(c.as_ref())).collect();
    let view = runtime::view(Runtime::Rustls, &Environment::from_process().with_cache(false));
    assert_eq!(roots(&view), from_crate);
}

// ---------------------------------------------------------------- Python, requests, pip

#[derive(Debug, serde::Deserialize)]
struct PythonReport {
    verify_paths: std::collections::HashMap<String, Option<String>>,
    ca_certs: Vec<String>,
    certifi: Option<String>,
    certifi_certs: Option<Vec<String>>,
    requests_verify: Option<serde_json::Value>,
    pip_verify: Option<serde_json::Value>,
    handshake: Option<String>,
}

fn python(env: &Environment, args: &[&str]) -> PythonReport {
    let py = env.find_program("python3").expect("python3");
    let mut c = command(&py, env);
    c.arg(oracle("roots_python.py")).args(args);
    let (stdout, stderr) = run(c);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("python oracle output ({e}): {stdout}{stderr}"))
}

#[test]
fn python_default_context_loads_exactly_the_file_the_python_view_names() {
    if program("python3").is_none() {
        return;
    }
    let pki = Pki::new();
    for env in [base_env(), base_env().with_var("SSL_CERT_FILE", pki.p("bundle.pem"))] {
        let view = runtime::view(Runtime::Python, &env);
        let report = python(&env, &[]);
        let files = used(&view, SourceKind::File);
        assert_eq!(files.len(), 1, "one CA file: {files:?}");
        let expected_file = env
            .var("SSL_CERT_FILE")
            .or_else(|| report.verify_paths.get("openssl_cafile").cloned().flatten())
            .expect("a CA file");
        assert_eq!(files[0], expected_file);
        let python_set: BTreeSet<String> = report.ca_certs.into_iter().collect();
        assert_eq!(python_set, roots_from(&view, &files[0]), "get_ca_certs() vs the view's file roots");
    }
}

#[test]
fn openssl_directories_are_searched_by_hash_name_only() {
    if program("python3").is_none() || program("openssl").is_none() {
        return;
    }
    let pki = Pki::new();
    let openssl = base_env().find_program("openssl").expect("openssl");
    let mut c = command(&openssl, &base_env());
    c.args(["x509", "-noout", "-subject_hash", "-in"]).arg(pki.path("ca.pem"));
    let (hash, _) = run(c);
    let hashed = pki.path("hashed");
    let plain = pki.path("plain");
    std::fs::create_dir_all(&hashed).expect("hashed");
    std::fs::create_dir_all(&plain).expect("plain");
    std::fs::write(hashed.join(format!("{}.0", hash.trim())), &pki.ca_pem).expect("hashed CA");
    std::fs::write(plain.join("ca.pem"), &pki.ca_pem).expect("plain CA");
    let ca = sha256_hex(&pki.ca_der);
    for (dir, trusted, verdict) in [(&hashed, true, "ok"), (&plain, false, "unable to get local issuer certificate")] {
        let env = base_env()
            .with_var("SSL_CERT_FILE", pki.p("missing.pem"))
            .with_var("SSL_CERT_DIR", dir.display().to_string());
        let report = python(&env, &["--handshake", &pki.p("leaf.pem"), &pki.p("leaf.key")]);
        assert_eq!(report.handshake.as_deref(), Some(verdict), "python with SSL_CERT_DIR={}", dir.display());
        let view = runtime::view(Runtime::Python, &env);
        assert_eq!(roots(&view).contains(&ca), trusted, "python view with SSL_CERT_DIR={}", dir.display());
        let view = runtime::view(Runtime::Openssl, &env);
        assert_eq!(roots(&view).contains(&ca), trusted, "openssl view with SSL_CERT_DIR={}", dir.display());
    }
}

#[test]
fn one_damaged_block_makes_openssl_drop_the_whole_bundle_while_go_skips_only_that_block() {
    let pki = Pki::new();
    let damaged =
        format!("{}-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n{}", pki.ca_pem, pki.other_ca_pem);
    std::fs::write(pki.path("damaged.pem"), damaged).expect("damaged bundle");
    let env = base_env().with_var("SSL_CERT_FILE", pki.p("damaged.pem")).with_var("SSL_CERT_DIR", pki.p("none"));
    let view = runtime::view(Runtime::Python, &env);
    assert!(roots(&view).is_empty());
    let d = &view.store.as_ref().expect("installed").diagnostics()[0];
    assert_eq!(d.source, pki.p("damaged.pem"));
    assert!(
        d.reason
            .ends_with("OpenSSL rejects the whole file because of this entry, so none of its certificates is trusted"),
        "{}",
        d.reason
    );
    if program("python3").is_some() {
        assert_eq!(python(&env, &[]).ca_certs, Vec::<String>::new(), "Python trusts nothing from the file");
    }
    if go_oracle().is_some() {
        let view = assert_go_agrees(&env, pki.dir.path());
        assert_eq!(roots(&view), set(&[&pki.ca_der, &pki.other_ca_der]));
    }
}

#[test]
fn requests_uses_requests_ca_bundle_then_curl_ca_bundle_then_certifi() {
    if program("python3").is_none() {
        return;
    }
    let pki = Pki::new();
    let report = python(&base_env(), &[]);
    let Some(certifi) = report.certifi else {
        println!("skipped: certifi is not installed");
        return;
    };
    let view = runtime::view(Runtime::Certifi, &base_env());
    assert_eq!(used(&view, SourceKind::File), vec![certifi.clone()], "certifi.where()");
    let certifi_set: BTreeSet<String> = report.certifi_certs.unwrap_or_default().into_iter().collect();
    assert_eq!(roots(&view), certifi_set, "certifi's bundle as OpenSSL loads it vs the certifi view");
    assert_eq!(report.requests_verify, Some(serde_json::Value::Bool(true)), "requests falls back to certifi");

    let cases = [
        (base_env().with_var("REQUESTS_CA_BUNDLE", pki.p("bundle.pem")), pki.p("bundle.pem")),
        (base_env().with_var("CURL_CA_BUNDLE", pki.p("ca.pem")), pki.p("ca.pem")),
        (
            base_env().with_var("REQUESTS_CA_BUNDLE", pki.p("bundle.pem")).with_var("CURL_CA_BUNDLE", pki.p("ca.pem")),
            pki.p("bundle.pem"),
        ),
    ];
    for (env, file) in cases {
        let report = python(&env, &[]);
        if report.requests_verify.is_none() {
            println!("skipped: requests is not installed");
            return;
        }
        assert_eq!(report.requests_verify, Some(serde_json::Value::String(file.clone())));
        let view = runtime::view(Runtime::Certifi, &env);
        assert_eq!(used(&view, SourceKind::File), vec![file]);
    }
}

#[test]
fn certifi_is_found_in_a_virtual_environment_only_when_python_would_import_it() {
    let Some(py) = program("python3") else { return };
    let pki = Pki::new();
    for (name, system_site) in [("isolated", false), ("shared", true)] {
        let venv = pki.path(name);
        let mut c = command(&py, &base_env());
        c.args(["-m", "venv", "--without-pip"]);
        if system_site {
            c.arg("--system-site-packages");
        }
        let status = c.arg(&venv).status().expect("python3 -m venv");
        assert!(status.success(), "venv creation failed");
        let path = format!("{}:{}", venv.join("bin").display(), std::env::var("PATH").unwrap_or_default());
        let env = base_env().with_var("PATH", path).with_var("VIRTUAL_ENV", venv.display().to_string());
        let report = python(&env, &[]);
        let view = runtime::view(Runtime::Certifi, &env);
        match report.certifi {
            Some(where_) => {
                assert!(view.installed, "{name}: {}", view.decision);
                assert_eq!(used(&view, SourceKind::File), vec![where_], "{name}");
            }
            None => {
                assert!(!view.installed, "{name}: {:?}", view.sources);
                assert!(view.decision.starts_with("certifi is not installed for "), "{}", view.decision);
            }
        }
        let pip = runtime::view(Runtime::Pip, &env);
        assert_eq!(pip.installed, system_site, "{name}: pip is importable only through the base installation");
    }
}

#[test]
fn pip_verifies_with_what_pip_itself_would_use() {
    if program("python3").is_none() {
        return;
    }
    let pki = Pki::new();
    std::fs::write(pki.path("pip.conf"), format!("[global]\ncert = {}\n", pki.p("ca.pem"))).expect("pip.conf");
    let cases = [
        base_env(),
        base_env().with_var("PIP_CONFIG_FILE", pki.p("pip.conf")),
        base_env().with_var("PIP_CONFIG_FILE", pki.p("pip.conf")).with_var("PIP_CERT", pki.p("bundle.pem")),
        base_env().with_var("PIP_CERT", pki.p("bundle.pem")).with_var("REQUESTS_CA_BUNDLE", pki.p("ca.pem")),
    ];
    for env in cases {
        let view = runtime::view(Runtime::Pip, &env);
        if !view.installed {
            println!("skipped: {}", view.decision);
            return;
        }
        let report = python(&env, &["--pip"]);
        let file = match report.pip_verify.expect("pip_verify") {
            serde_json::Value::Bool(true) => {
                view.program.as_ref().expect("pip dir").join("_vendor/certifi/cacert.pem").display().to_string()
            }
            serde_json::Value::String(s) => s,
            other => panic!("unexpected pip verify value {other}"),
        };
        assert_eq!(used(&view, SourceKind::File), vec![file], "pip view in {:?}", env.trust_variables());
    }
}

// ---------------------------------------------------------------- Node.js

#[derive(Debug, serde::Deserialize)]
struct NodeReport {
    roots: Vec<String>,
    handshake: Option<String>,
}

fn node(env: &Environment, pki: Option<&Pki>) -> NodeReport {
    let node = env.find_program("node").expect("node");
    let mut c = command(&node, env);
    c.arg(oracle("roots_node.js"));
    if let Some(p) = pki {
        c.arg(p.path("leaf.pem")).arg(p.path("leaf.key"));
    }
    let (stdout, stderr) = run(c);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("node oracle output ({e}): {stdout}{stderr}"))
}

#[test]
fn node_view_is_exactly_tls_root_certificates_without_extra_certs() {
    if program("node").is_none() {
        return;
    }
    let env = base_env();
    let view = runtime::view(Runtime::Node, &env);
    let report = node(&env, None);
    let node_set: BTreeSet<String> = report.roots.iter().cloned().collect();
    assert_eq!(node_set.len(), report.roots.len(), "tls.rootCertificates has no duplicates");
    assert_eq!(roots(&view), node_set, "the node view vs tls.rootCertificates");
    assert_eq!(view.sources[0].kind, SourceKind::Builtin);
    assert!(!view.notes.iter().any(|n| n.contains("stand-in")), "{:?}", view.notes);
}

#[test]
fn node_extra_ca_certs_adds_roots_that_node_then_trusts() {
    if program("node").is_none() {
        return;
    }
    let pki = Pki::new();
    let ca = sha256_hex(&pki.ca_der);

    let without = base_env();
    let report = node(&without, Some(&pki));
    assert_eq!(report.handshake.as_deref(), Some("UNABLE_TO_VERIFY_LEAF_SIGNATURE"));
    assert!(!roots(&runtime::view(Runtime::Node, &without)).contains(&ca));

    let with = base_env().with_var("NODE_EXTRA_CA_CERTS", pki.p("bundle.pem"));
    let report = node(&with, Some(&pki));
    assert_eq!(report.handshake.as_deref(), Some("ok"));
    let view = runtime::view(Runtime::Node, &with);
    let compiled: BTreeSet<String> = report.roots.into_iter().collect();
    let mut expected = compiled.clone();
    expected.extend(set(&[&pki.ca_der, &pki.other_ca_der]));
    assert_eq!(roots(&view), expected, "compiled-in set plus the two extra roots");
    assert!(view
        .notes
        .contains(&format!("NODE_EXTRA_CA_CERTS adds 2 roots not already trusted ({})", pki.p("bundle.pem"))));
}

#[test]
fn node_keeps_extra_certs_read_before_a_damaged_block_and_drops_the_rest() {
    if program("node").is_none() {
        return;
    }
    let pki = Pki::new();
    let damage = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    std::fs::write(pki.path("ca-first.pem"), format!("{}{damage}{}", pki.ca_pem, pki.other_ca_pem)).expect("write");
    std::fs::write(pki.path("ca-last.pem"), format!("{}{damage}{}", pki.other_ca_pem, pki.ca_pem)).expect("write");
    let ca = sha256_hex(&pki.ca_der);
    let other = sha256_hex(&pki.other_ca_der);
    for (file, verdict, kept, dropped) in
        [("ca-first.pem", "ok", &ca, &other), ("ca-last.pem", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", &other, &ca)]
    {
        let env = base_env().with_var("NODE_EXTRA_CA_CERTS", pki.p(file));
        assert_eq!(node(&env, Some(&pki)).handshake.as_deref(), Some(verdict), "{file}");
        let view = runtime::view(Runtime::Node, &env);
        assert!(roots(&view).contains(kept), "{file}: the certificate before the damage is trusted");
        assert!(!roots(&view).contains(dropped), "{file}: the certificate after the damage is not");
    }
}

#[test]
fn node_use_openssl_ca_in_node_options_reads_ssl_cert_file_instead() {
    if program("node").is_none() {
        return;
    }
    let pki = Pki::new();
    let env = base_env()
        .with_var("NODE_OPTIONS", "--use-openssl-ca")
        .with_var("SSL_CERT_FILE", pki.p("ca.pem"))
        .with_var("SSL_CERT_DIR", pki.p("no-such-dir"));
    let report = node(&env, Some(&pki));
    assert_eq!(report.handshake.as_deref(), Some("ok"));
    let view = runtime::view(Runtime::Node, &env);
    assert_eq!(roots(&view), set(&[&pki.ca_der]));
    assert_eq!(used(&view, SourceKind::File), vec![pki.p("ca.pem")]);
}

// ---------------------------------------------------------------- curl, git, OpenSSL

/// A loopback listener that accepts and drops `n` connections, so curl gets far enough to
/// print its CA locations, then stops by itself.
fn drop_server(n: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for _ in 0..n {
            match listener.accept() {
                Ok((s, _)) => drop(s),
                Err(_) => return,
            }
        }
    });
    port
}

#[test]
fn curl_ca_file_and_directory_match_curl_verbose_output() {
    let Some(curl) = program("curl") else { return };
    let pki = Pki::new();
    let cases = [
        base_env(),
        base_env().with_var("CURL_CA_BUNDLE", pki.p("ca.pem")),
        base_env().with_var("SSL_CERT_FILE", pki.p("ca.pem")),
        base_env().with_var("SSL_CERT_DIR", pki.dir.path().display().to_string()),
        base_env()
            .with_var("SSL_CERT_FILE", pki.p("ca.pem"))
            .with_var("SSL_CERT_DIR", pki.dir.path().display().to_string()),
        base_env()
            .with_var("CURL_CA_BUNDLE", pki.p("bundle.pem"))
            .with_var("SSL_CERT_DIR", pki.dir.path().display().to_string()),
    ];
    let port = drop_server(cases.len());
    for env in cases {
        let mut c = command(&curl, &env);
        c.args(["-sv", "--max-time", "5", &format!("https://127.0.0.1:{port}/")]);
        let (_, stderr) = run(c);
        let field = |name: &str| {
            stderr
                .lines()
                .find_map(|l| l.trim_start_matches('*').trim().strip_prefix(name).map(|v| v.trim().to_owned()))
        };
        let view = runtime::view(Runtime::Curl, &env);
        let what = format!("{:?}", env.trust_variables());
        assert_eq!(used(&view, SourceKind::File), field("CAfile:").into_iter().collect::<Vec<_>>(), "CAfile, {what}");
        assert_eq!(
            used(&view, SourceKind::Directory),
            field("CApath:").into_iter().collect::<Vec<_>>(),
            "CApath, {what}"
        );
    }
}

#[test]
fn git_reads_the_ca_files_git_reports_loading() {
    let Some(git) = program("git") else { return };
    let pki = Pki::new();
    std::fs::write(pki.path("gitconfig"), format!("[http]\n\tsslCAInfo = {}\n", pki.p("bundle.pem")))
        .expect("gitconfig");
    let cases = [
        base_env(),
        base_env().with_var("GIT_SSL_CAINFO", pki.p("ca.pem")),
        base_env().with_var("GIT_CONFIG_GLOBAL", pki.p("gitconfig")),
        base_env().with_var("GIT_CONFIG_GLOBAL", pki.p("gitconfig")).with_var("GIT_SSL_CAINFO", pki.p("ca.pem")),
    ];
    let port = drop_server(cases.len());
    for env in cases {
        let run_env = env.clone().with_var("GIT_CURL_VERBOSE", "1").with_var("GIT_TERMINAL_PROMPT", "0");
        let mut c = command(&git, &run_env);
        c.args(["ls-remote", &format!("https://127.0.0.1:{port}/repo")]);
        let (_, stderr) = run(c);
        // GnuTLS libcurl says "found N certificates in PATH"; OpenSSL libcurl "CAfile: PATH".
        let mut loaded: Vec<String> = stderr
            .lines()
            .filter_map(|l| {
                l.split_once("certificates in ").map(|(_, p)| p.trim().to_owned()).or_else(|| {
                    let t = l.trim_start_matches('*').trim();
                    t.strip_prefix("CAfile:").or_else(|| t.strip_prefix("CApath:")).map(|p| p.trim().to_owned())
                })
            })
            .collect();
        loaded.dedup();
        let view = runtime::view(Runtime::Git, &env);
        let mut expected = used(&view, SourceKind::File);
        expected.extend(used(&view, SourceKind::Directory));
        assert_eq!(expected, loaded, "git in {:?}: {stderr}", env.trust_variables());
    }
}

#[test]
fn openssl_view_uses_the_openssldir_that_openssl_version_reports() {
    let Some(openssl) = program("openssl") else { return };
    let mut c = command(&openssl, &base_env());
    c.args(["version", "-d"]);
    let (stdout, _) = run(c);
    let dir = stdout.trim().trim_start_matches("OPENSSLDIR:").trim().trim_matches('"').to_owned();
    let view = runtime::view(Runtime::Openssl, &base_env());
    assert!(view.notes.iter().any(|n| n.starts_with(&format!("OPENSSLDIR is {dir} "))), "{:?}", view.notes);
    assert_eq!(used(&view, SourceKind::File), vec![format!("{dir}/cert.pem")]);
    assert_eq!(used(&view, SourceKind::Directory), vec![format!("{dir}/certs")]);
}

// ---------------------------------------------------------------- no oracle needed

#[test]
fn a_runtime_missing_from_path_gives_a_view_saying_so() {
    let env = Environment::empty().with_var("PATH", "/nonexistent");
    for rt in [Runtime::Go, Runtime::Node, Runtime::Python, Runtime::Curl, Runtime::Git, Runtime::Cargo] {
        let v = runtime::view(rt, &env);
        assert!(!v.installed, "{rt}");
        assert!(v.store.is_none());
        assert_eq!(v.decision, format!("{} is not on PATH", if rt == Runtime::Python { "python3" } else { rt.name() }));
        assert_eq!(v.summary().roots, 0);
    }
}

#[test]
fn cargo_http_cainfo_from_config_is_used_and_the_variable_beats_it() {
    if program("cargo").is_none() {
        return;
    }
    let pki = Pki::new();
    let home = pki.path("cargo-home");
    std::fs::create_dir_all(&home).expect("cargo home");
    std::fs::write(home.join("config.toml"), "[http]\ncainfo = \"bundle.pem\"\n").expect("config");
    let env = base_env().with_var("CARGO_HOME", home.display().to_string()).with_cwd("/");
    let view = runtime::view(Runtime::Cargo, &env);
    // Relative to the directory above the one holding config.toml, as cargo resolves it.
    assert_eq!(used(&view, SourceKind::File), vec![pki.dir.path().join("bundle.pem").display().to_string()]);
    assert!(roots(&view).is_superset(&set(&[&pki.ca_der, &pki.other_ca_der])));

    let env = env.with_var("CARGO_HTTP_CAINFO", pki.p("ca.pem"));
    let view = runtime::view(Runtime::Cargo, &env);
    assert_eq!(used(&view, SourceKind::File), vec![pki.p("ca.pem")]);
    let overridden: Vec<_> =
        view.sources.iter().filter(|s| s.state == SourceState::Overridden).map(|s| s.name.as_str()).collect();
    assert_eq!(overridden, vec!["http.cainfo"]);
}

#[test]
fn all_views_lists_every_runtime_in_order_and_serializes() {
    let views = runtime::all_views(&base_env());
    let names: Vec<Runtime> = views.iter().map(|v| v.runtime).collect();
    assert_eq!(names, Runtime::ALL.to_vec());
    let json = serde_json::to_value(views.iter().map(RuntimeView::summary).collect::<Vec<_>>()).expect("json");
    assert_eq!(json[0]["runtime"], "go");
    assert!(json[0]["sources"].is_array());
}

// ---------------------------------------------------------------- `trustaudit stores`

fn stores(env: &Environment, args: &[&str]) -> (Option<i32>, String, String) {
    let mut c = command(Path::new(env!("CARGO_BIN_EXE_trustaudit")), env);
    c.arg("stores").args(args);
    let out = c.output().expect("trustaudit runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stores_json_lists_each_runtime_with_its_sources_and_the_variables_in_force() {
    let pki = Pki::new();
    let env = base_env().with_var("SSL_CERT_FILE", pki.p("bundle.pem"));
    let (code, stdout, stderr) = stores(&env, &["--json", "go", "openssl"]);
    assert_eq!(code, Some(0), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["schema"], "trustaudit/1");
    assert_eq!(doc["kind"], "stores");
    assert_eq!(doc["variables"], serde_json::json!([{ "name": "SSL_CERT_FILE", "value": pki.p("bundle.pem") }]));
    let runtimes = doc["runtimes"].as_array().expect("runtimes");
    let names: Vec<&str> = runtimes.iter().filter_map(|r| r["runtime"].as_str()).collect();
    assert_eq!(names, vec!["go", "openssl"]);
    let go = &runtimes[0];
    assert_eq!(go["sources"][0]["name"], "SSL_CERT_FILE");
    assert_eq!(go["sources"][0]["state"], "used");
    assert_eq!(go["sources"][1]["name"], pki.p("bundle.pem"));
    assert_eq!(go["sources"][1]["kind"], "file");
    assert_eq!(go["roots"], runtime::view(Runtime::Go, &env).len());
}

#[test]
fn stores_exits_1_when_an_installed_runtime_trusts_nothing_and_2_on_a_bad_runtime_name() {
    if program("go").is_none() {
        return;
    }
    let env = base_env().with_var("SSL_CERT_FILE", "/nonexistent/ca.pem").with_var("SSL_CERT_DIR", "/nonexistent");
    let (code, stdout, _) = stores(&env, &["go"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("go "), "{stdout}");
    assert!(stdout.contains("  0 roots"), "{stdout}");
    assert!(stdout.contains("A runtime with 0 roots cannot verify any server"), "{stdout}");

    let (code, _, stderr) = stores(&base_env(), &["java"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown runtime \"java\""), "{stderr}");
}

#[test]
fn deep_mode_asks_each_runtime_for_its_version_with_the_same_environment() {
    let Some(go) = program("go") else { return };
    let env = base_env();
    let mut view = runtime::view(Runtime::Go, &env);
    let from_files = view.version.clone().expect("GOROOT/VERSION is read without starting go");
    runtime::ask_version(&mut view, &env);
    let (stdout, _) = run({
        let mut c = command(&go, &env);
        c.arg("version");
        c
    });
    assert_eq!(view.version.as_deref(), Some(stdout.trim()));
    assert!(stdout.starts_with(&format!("go version {from_files} ")), "{stdout} vs {from_files}");
}

#[test]
fn npm_cafile_is_reported_as_replacing_node_roots_for_npm_only() {
    if program("node").is_none() {
        return;
    }
    let pki = Pki::new();
    std::fs::write(pki.path("npmrc"), format!("cafile={}\nstrict-ssl=false\n", pki.p("ca.pem"))).expect("npmrc");
    let env = base_env().with_var("NPM_CONFIG_USERCONFIG", pki.p("npmrc"));
    let view = runtime::view(Runtime::Node, &env);
    let cafile = view.sources.iter().find(|s| s.name == "cafile").expect("cafile source");
    assert_eq!(cafile.value.as_deref(), Some(pki.p("ca.pem").as_str()));
    assert_eq!(cafile.state, SourceState::Ignored);
    assert_eq!(cafile.defined_in.as_deref(), Some(pki.p("npmrc").as_str()));
    assert!(view.notes.contains(&format!(
        "npm: strict-ssl=false ({}): npm does not verify server certificates at all",
        pki.p("npmrc")
    )));
    // Node itself is unaffected: its roots do not include the npm-only CA.
    assert!(!roots(&view).contains(&sha256_hex(&pki.ca_der)));
    if let Some(npm) = program("npm") {
        let mut c = command(&npm, &env);
        c.args(["config", "get", "cafile"]);
        let (stdout, _) = run(c);
        assert_eq!(stdout.trim(), pki.p("ca.pem"), "npm reads the same setting");
    }
}

/// Base64 lines of `pem` (between its markers).
fn body_lines(pem: &str) -> Vec<String> {
    pem.lines().filter(|l| !l.starts_with("-----")).map(str::to_owned).collect()
}

/// Sets the spare bits of the last base64 group (only a padded encoding has them).
fn set_spare_bits(line: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let body = line.trim_end_matches('=');
    let pad = line.len() - body.len();
    let (head, last) = body.split_at(body.len() - 1);
    let v =
        ALPHABET.iter().position(|&c| c == last.as_bytes()[0]).expect("base64") | if pad == 1 { 0b11 } else { 0b1111 };
    format!("{head}{}{}", char::from(ALPHABET[v]), "=".repeat(pad))
}

#[test]
fn pem_quirks_are_read_exactly_as_openssl_go_and_rustls_read_them() {
    let pki = Pki::new();
    // A CA whose DER length is not a multiple of three, so its base64 ends in padding.
    let padded = || loop {
        let c = ca("trustaudit pem-quirk padded CA");
        if c.1.len() % 3 != 0 {
            return c;
        }
    };
    let (spaced, spaced_der, _) = ca("trustaudit pem-quirk spaces CA");
    let (cr, cr_der, _) = ca("trustaudit pem-quirk CR CA");
    let (bits, bits_der, _) = padded();
    let (indented, indented_der, _) = ca("trustaudit pem-quirk indented CA");
    let (outer, outer_der, _) = ca("trustaudit pem-quirk interrupted outer CA");
    let (inner, inner_der, _) = ca("trustaudit pem-quirk interrupted inner CA");
    let block =
        |lines: Vec<String>| format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"));
    let mut bundle = pki.ca_pem.clone();
    fn split(l: &str, at: usize) -> (&str, &str) {
        l.split_at(at.min(l.len()))
    }
    bundle.push_str(&block(
        body_lines(&spaced).iter().map(|l| split(l, 10)).map(|(a, b)| format!(" {a}\t{b} ")).collect(),
    ));
    bundle.push_str(&block(body_lines(&cr).iter().map(|l| split(l, 7)).map(|(a, b)| format!("{a}\r{b}")).collect()));
    let mut lines = body_lines(&bits);
    let last = lines.pop().expect("a line");
    lines.push(set_spare_bits(&last));
    bundle.push_str(&block(lines));
    bundle.push_str(&indented.lines().map(|l| format!("  {l}\n")).collect::<String>());
    bundle.push_str("-----BEGIN CERTIFICATE-----\n");
    bundle.push_str(&body_lines(&outer).join("\n"));
    bundle.push('\n');
    bundle.push_str(&inner);
    std::fs::write(pki.path("quirks.pem"), &bundle).expect("quirks bundle");
    let env = base_env().with_var("SSL_CERT_FILE", pki.p("quirks.pem")).with_var("SSL_CERT_DIR", pki.p("none"));

    let both = [&pki.ca_der, &spaced_der, &cr_der, &bits_der];
    let mut openssl_reads = set(&both);
    openssl_reads.insert(sha256_hex(&outer_der));
    let mut go_reads = set(&both);
    go_reads.insert(sha256_hex(&inner_der));
    assert!(!openssl_reads.contains(&sha256_hex(&indented_der)));

    let python_view = runtime::view(Runtime::Python, &env);
    assert_eq!(roots(&python_view), openssl_reads, "python view");
    let diagnostics: Vec<String> =
        python_view.store.as_ref().expect("installed").diagnostics().iter().map(|d| d.reason.clone()).collect();
    assert!(diagnostics.iter().any(|d| d.contains("is indented")), "{diagnostics:?}");
    assert_eq!(roots(&runtime::view(Runtime::Openssl, &env)), openssl_reads, "openssl view");
    if program("python3").is_some() {
        let python_set: BTreeSet<String> = python(&env, &[]).ca_certs.into_iter().collect();
        assert_eq!(python_set, openssl_reads, "what Python's ssl (OpenSSL) loads");
    }
    if go_oracle().is_some() {
        let view = assert_go_agrees(&env, pki.dir.path());
        assert_eq!(roots(&view), go_reads, "go view");
    }
    // rustls-native-certs reads a bundle with rustls-pki-types' PEM iterator, keeping every
    // certificate it yields (its `load_pem_certs`); rustls then keeps those webpki can parse as
    // a trust anchor (`RootCertStore::add_parsable_certificates`). For the interrupted block
    // pki-types may yield the outer certificate with the inner block's bytes after it,
    // depending on the random key's base64: webpki refuses that, and so does the view.
    use rustls_pki_types::pem::PemObject as _;
    let rustls_reads: BTreeSet<String> = rustls_pki_types::CertificateDer::pem_file_iter(pki.path("quirks.pem"))
        .expect("readable")
        .filter_map(Result::ok)
        .filter(|c| webpki::anchor_from_trusted_cert(c).is_ok())
        .map(|c| sha256_hex(c.as_ref()))
        .collect();
    assert_eq!(roots(&runtime::view(Runtime::Rustls, &env)), rustls_reads, "rustls view");
}
