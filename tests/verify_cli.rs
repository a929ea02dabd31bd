//! `trustaudit verify` and `trustaudit explain` as a user runs them: output and exit codes
//! (0 clean, 1 findings, 2 usage error, 3 could not run).

mod verify_fixtures;

use std::process::Command;

use verify_fixtures::{Node, Spec};

fn trustaudit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trustaudit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run trustaudit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

struct Files {
    _dir: tempfile::TempDir,
    chain: String,
    root: String,
}

fn files() -> Files {
    let root = Node::self_signed(Spec::ca("CLI Root CA"));
    let inter = root.issue(Spec::ca("CLI Intermediate"));
    let leaf = inter.issue(Spec::leaf("www.example.test"));
    let dir = tempfile::tempdir().unwrap();
    let chain = dir.path().join("chain.pem");
    std::fs::write(&chain, format!("{}{}", leaf.pem, inter.pem)).unwrap();
    let rootp = dir.path().join("root.pem");
    std::fs::write(&rootp, &root.pem).unwrap();
    Files { chain: chain.display().to_string(), root: rootp.display().to_string(), _dir: dir }
}

#[test]
fn chain_trusted_by_the_given_store_exits_0_and_names_the_root() {
    let f = files();
    let (code, out, _) =
        trustaudit(&["verify", &f.chain, "--name", "www.example.test", "--store", &f.root, "--at", "2026-06-01"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("✓"), "{out}");
    assert!(out.contains("trusted via root \"CLI Root CA\""), "{out}");
    assert!(out.ends_with("Every store trusts this chain.\n"), "{out}");
}

#[test]
fn matrix_shows_which_store_lacks_the_root_and_the_runtime_words() {
    let f = files();
    let (code, out, _) = trustaudit(&[
        "verify",
        &f.chain,
        "--name",
        "www.example.test",
        "--store",
        "mozilla",
        "--store",
        &f.root,
        "--at",
        "2026-06-01",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("✗ mozilla"), "{out}");
    assert!(out.contains(&format!("root \"CLI Root CA\" is only in the {} store", f.root)), "{out}");
}

#[test]
fn json_output_is_one_document_with_rows_and_failure_kinds() {
    let f = files();
    let (code, out, _) = trustaudit(&[
        "--json",
        "verify",
        &f.chain,
        "--name",
        "api.example.test",
        "--store",
        &f.root,
        "--at",
        "2026-06-01",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["schema"], "trustaudit/1");
    let row = &v["rows"][0];
    assert_eq!(row["trusted"], false);
    assert_eq!(row["failures"][0]["kind"], "name_mismatch");
    assert_eq!(row["failures"][0]["presented"][0], "www.example.test");
}

#[test]
fn runtime_store_rows_carry_the_runtime_words() {
    let f = files();
    let (code, out, _) = trustaudit(&["--json", "verify", &f.chain, "--store", "go", "--at", "2026-06-01"]);
    if code == 3 {
        eprintln!("skipping: no go runtime view here: {out}");
        return;
    }
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"][0]["runtime_message"]["runtime"], "go");
    assert_eq!(v["rows"][0]["runtime_message"]["text"], "x509: certificate signed by unknown authority");
}

#[test]
fn invalid_name_is_a_usage_error_and_missing_file_cannot_run() {
    let f = files();
    let (code, _, err) = trustaudit(&["verify", &f.chain, "--name", "bad name"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = trustaudit(&["verify", "/nonexistent/chain.pem", "--store", "mozilla"]);
    assert_eq!(code, 3);
    assert!(err.starts_with("trustaudit: reading /nonexistent/chain.pem"), "{err}");
}

#[test]
fn explain_names_the_runtime_and_exits_by_recognition() {
    let (code, out, _) = trustaudit(&["explain", "x509: certificate signed by unknown authority"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("unknown_issuer from go\n"), "{out}");
    assert!(out.contains("SSL_CERT_FILE"), "{out}");
    let (code, out, _) = trustaudit(&["--json", "explain", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["runtime"], "node");
    assert_eq!(v["failure"], "missing_intermediate");
    let (code, _, _) = trustaudit(&["explain", "connection", "refused"]);
    assert_eq!(code, 1);
}

/// A leaf without an authorityKeyIdentifier, as squid mints them, in `chain.pem`, and its
/// root in `root.pem`.
fn squid_like_leaf() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let root = Node::self_signed(Spec::ca("Squid-like Root CA"));
    let mut spec = Spec::leaf("www.example.test");
    spec.aki = false;
    let leaf = root.issue(spec);
    let dir = tempfile::tempdir().unwrap();
    let chain = dir.path().join("chain.pem");
    std::fs::write(&chain, &leaf.pem).unwrap();
    let rootp = dir.path().join("root.pem");
    std::fs::write(&rootp, &root.pem).unwrap();
    (dir, chain, rootp)
}

#[test]
fn a_runtime_row_that_only_the_strict_profile_refuses_is_shown_as_accepted_by_the_runtime() {
    // squid's generated leaves have no authorityKeyIdentifier: a CA/B Forum lint, which Go and
    // OpenSSL do not apply (tests/verify_differential.rs checks that against both).
    let (dir, chain, rootp) = squid_like_leaf();
    let out = Command::new(env!("CARGO_BIN_EXE_trustaudit"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("SSL_CERT_FILE", &rootp)
        .env("SSL_CERT_DIR", dir.path().join("none"))
        .args(["verify", &chain.display().to_string(), "--name", "www.example.test", "--at", "2026-06-01"])
        .args(["--store", &rootp.display().to_string(), "--store", "go"])
        .output()
        .expect("run trustaudit");
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("not installed") || out.status.code() == Some(3) {
        eprintln!("skipping: no go runtime view here: {text}");
        return;
    }
    assert_eq!(out.status.code(), Some(1), "the strict profile still reports it: {text}");
    assert!(text.contains("✗") && text.contains("no authorityKeyIdentifier"), "{text}");
    assert!(text.contains("accepted by go; the strict profile refuses it"), "{text}");
    assert!(!text.contains("go says"), "{text}");
}

/// A Python installation as the python view finds it without starting it: `bin/python3`
/// resolving to `bin/python3.MINOR`, and urllib3's dist-info in site-packages. Nothing in it runs.
fn fake_python(dir: &std::path::Path, minor: &str, urllib3: &str) -> std::path::PathBuf {
    let root = dir.join(format!("python{minor}"));
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join(format!("python{minor}"));
    std::fs::write(&exe, "#!/bin/false\n").unwrap();
    std::fs::set_permissions(&exe, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(format!("python{minor}"), bin.join("python3")).unwrap();
    let site = root.join(format!("lib/python{minor}/site-packages"));
    std::fs::create_dir_all(site.join("urllib3")).unwrap();
    std::fs::write(site.join("urllib3/__init__.py"), "").unwrap();
    std::fs::create_dir_all(site.join(format!("urllib3-{urllib3}.dist-info"))).unwrap();
    bin
}

#[test]
fn python_rows_follow_the_installed_pythons_x509_strict_default() {
    // Python 3.13 turned on VERIFY_X509_STRICT: the same AKI-less leaf that 3.12 accepts fails
    // with OpenSSL's strict words (tests/verify_differential.rs checks those words against
    // `openssl verify -x509_strict`).
    let (dir, chain, rootp) = squid_like_leaf();
    let run = |minor: &str| {
        let bin = fake_python(dir.path(), minor, "2.4.0");
        let out = Command::new(env!("CARGO_BIN_EXE_trustaudit"))
            .env_clear()
            .env("PATH", bin)
            .env("HOME", dir.path())
            .env("NO_COLOR", "1")
            .env("SSL_CERT_FILE", &rootp)
            .env("SSL_CERT_DIR", dir.path().join("none"))
            .args(["verify", &chain.display().to_string(), "--name", "www.example.test", "--at", "2026-06-01"])
            .args(["--store", "python"])
            .output()
            .expect("run trustaudit");
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    };
    let old = run("3.12");
    assert!(old.contains("accepted by python; the strict profile refuses it"), "{old}");
    let strict = run("3.13");
    assert!(
        strict.contains(
            "python says: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Missing Authority Key Identifier"
        ),
        "{strict}"
    );
}

#[test]
fn x509_strict_follows_python_and_urllib3_versions() {
    use trustaudit::runtime::{self, Environment, Runtime};
    let cases = [
        ("3.12", "2.5.0", Runtime::Python, false),
        ("3.13", "2.3.0", Runtime::Python, true),
        ("3.14", "2.3.0", Runtime::Certifi, false),
        ("3.13", "2.4.0", Runtime::Certifi, true),
        ("3.12", "2.5.0", Runtime::Certifi, false),
        ("3.13", "2.5.0", Runtime::Pip, false),
        ("3.13", "2.5.0", Runtime::Node, false),
    ];
    for (minor, urllib3, rt, strict) in cases {
        let dir = tempfile::tempdir().unwrap();
        let bin = fake_python(dir.path(), minor, urllib3);
        let env = Environment::empty().with_var("PATH", bin).with_var("HOME", dir.path());
        assert_eq!(runtime::x509_strict(rt, &env), strict, "Python {minor}, urllib3 {urllib3}, {rt}");
    }
}
