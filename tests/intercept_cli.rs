//! `trustaudit inspect` end to end: verdict, evidence, SCTs, the exported root, the bundle, the
//! per-tool settings, and exit codes. The environment is replaced so the machine's own trust
//! variables cannot leak in.

mod intercept_fixtures;

use std::process::Command;

use intercept_fixtures::{dn, leaf, root};
use rcgen::DnType::{CommonName as CN, OrganizationName as O};
use trustaudit::Certificate;

fn pem(certs: &[&Certificate]) -> String {
    certs.iter().map(|c| trustaudit::intercept::remediation::to_pem(c)).collect()
}

fn trustaudit(dir: &std::path::Path, system_bundle: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustaudit"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env("SSL_CERT_FILE", system_bundle)
        .current_dir(dir);
    cmd
}

/// A working directory holding `chain.pem` (what a server presented) and `system.pem` (the
/// machine's store, through SSL_CERT_FILE); returns it and the store's path.
fn scene(chain: &[&Certificate], system: &[&Certificate]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("chain.pem"), pem(chain)).expect("write");
    let system_path = dir.path().join("system.pem");
    std::fs::write(&system_path, pem(system)).expect("write");
    (dir, system_path)
}

#[test]
fn inspect_names_mitmproxy_writes_root_and_bundle_and_exits_1() {
    let proxy_root = root(dn(&[(CN, "mitmproxy"), (O, "mitmproxy")]));
    let other_root = root(dn(&[(CN, "Some Corporate Root"), (O, "Example Corp")]));
    let (dir, system) = scene(&[&leaf(&proxy_root, &["pypi.org"], None)], &[&proxy_root.cert, &other_root.cert]);

    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    let output = trustaudit(dir.path(), &system)
        .args(["inspect", "chain.pem", "--name", "pypi.org", "--export-root", "root.pem"])
        .args(["--write-bundle", "out/bundle.pem", "--at", "2026-02-01"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout
            .contains("  wrote a bundle of 2 certificates (system roots + the interception root) to out/bundle.pem\n"),
        "{stdout}"
    );
    assert!(stdout.starts_with("pypi.org: intercepted by mitmproxy (debugging proxy), confidence 0.99\n"), "{stdout}");
    assert!(
        stdout.contains("  x The leaf for the public name pypi.org has no Signed Certificate Timestamps"),
        "{stdout}"
    );
    assert!(stdout.contains("  interception root: CN=mitmproxy, O=mitmproxy\n"), "{stdout}");
    // Settings carry absolute paths: they end up in shell profiles and CI files.
    let d = dir.path().display();
    assert!(stdout.contains(&format!("    go               export SSL_CERT_FILE={d}/out/bundle.pem\n")), "{stdout}");
    assert!(
        stdout.contains(&format!("    python-requests  export REQUESTS_CA_BUNDLE={d}/out/bundle.pem\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("    pip              pip config set global.cert {d}/out/bundle.pem\n")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("    node             export NODE_EXTRA_CA_CERTS={d}/root.pem\n")), "{stdout}");
    assert!(stdout.contains(&format!("    npm              npm config set cafile {d}/out/bundle.pem\n")), "{stdout}");
    assert!(
        stdout.contains(&format!("    git              git config --global http.sslCAInfo {d}/out/bundle.pem\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("    cargo            export CARGO_HTTP_CAINFO={d}/out/bundle.pem\n")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("    curl             export CURL_CA_BUNDLE={d}/out/bundle.pem\n")), "{stdout}");
    assert!(stdout.contains(&format!("    debian-ubuntu    sudo cp {d}/root.pem /usr/local/share/ca-certificates/interception-root.crt\n                     sudo update-ca-certificates\n")), "{stdout}");
    assert!(stdout.contains(&format!("    fedora-rhel      sudo cp {d}/root.pem /etc/pki/ca-trust/source/anchors/\n                     sudo update-ca-trust\n")), "{stdout}");
    let exported = std::fs::read(dir.path().join("root.pem")).expect("root written");
    assert_eq!(Certificate::from_pem_or_der(&exported).expect("parses"), proxy_root.cert);
    let bundle = std::fs::read(dir.path().join("out/bundle.pem")).expect("bundle written");
    let certs = Certificate::all_from_pem_or_der(&bundle).expect("parses");
    assert_eq!(certs.len(), 2, "the proxy root is in the system store already, so not repeated");
    assert!(certs.contains(&proxy_root.cert) && certs.contains(&other_root.cert));
}

#[test]
fn a_bundle_path_in_a_missing_directory_fails_with_exit_3() {
    let proxy_root = root(dn(&[(CN, "mitmproxy"), (O, "mitmproxy")]));
    let (dir, system) = scene(&[&leaf(&proxy_root, &["pypi.org"], None), &proxy_root.cert], &[&proxy_root.cert]);
    let output = trustaudit(dir.path(), &system)
        .args(["inspect", "chain.pem", "--write-bundle", "missing/bundle.pem"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("trustaudit: missing/bundle.pem: No such file or directory"), "{stderr}");
}

#[test]
fn writing_into_the_system_trust_directory_is_refused() {
    let proxy_root = root(dn(&[(CN, "mitmproxy"), (O, "mitmproxy")]));
    let (dir, system) = scene(&[&leaf(&proxy_root, &["pypi.org"], None), &proxy_root.cert], &[&proxy_root.cert]);
    let output = trustaudit(dir.path(), &system)
        .args(["inspect", "chain.pem", "--write-bundle", "/etc/ssl/certs/ca-certificates.crt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/etc/ssl/certs/ca-certificates.crt belongs to the system trust store"), "{stderr}");
}

#[test]
fn json_output_carries_the_verdict_evidence_and_settings() {
    let proxy_root = root(dn(&[(CN, "Zscaler Root CA"), (O, "Zscaler Inc.")]));
    let (dir, system) = scene(&[&leaf(&proxy_root, &["proxy.golang.org"], None)], &[&proxy_root.cert]);
    let output = trustaudit(dir.path(), &system)
        .args(["inspect", "chain.pem", "--json", "--at", "2026-02-01"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(doc["schema"], "trustaudit/1");
    assert_eq!(doc["kind"], "inspect");
    assert_eq!(doc["verdict"], "intercepted");
    assert_eq!(doc["product"]["id"], "zscaler");
    assert_eq!(doc["anchor"]["kind"], "local");
    assert_eq!(doc["sct_summary"], "none");
    assert_eq!(doc["name"], "proxy.golang.org");
    assert!(doc["evidence"].as_array().expect("array").iter().any(|e| e["signal"] == "private_anchor"));
    let settings = doc["remediation"]["settings"].as_array().expect("settings");
    let tools: Vec<&str> = settings.iter().filter_map(|s| s["tool"].as_str()).collect();
    assert_eq!(
        tools,
        ["go", "python-requests", "pip", "node", "npm", "git", "cargo", "curl", "debian-ubuntu", "fedora-rhel"]
    );
    assert_eq!(settings[0]["commands"][0], "export SSL_CERT_FILE=BUNDLE.pem");
}

#[test]
fn a_clean_public_chain_exits_0() {
    let online: serde_json::Value = serde_json::from_str(include_str!("data/limbo_online.json")).expect("fixture");
    let case = &online["testcases"][0];
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = case["peer_certificate"].as_str().expect("pem").to_owned();
    for p in case["untrusted_intermediates"].as_array().expect("list") {
        text.push_str(p.as_str().expect("pem"));
    }
    std::fs::write(dir.path().join("chain.pem"), text).expect("write");
    let system = dir.path().join("system.pem");
    std::fs::write(&system, "").expect("write");
    let output = trustaudit(dir.path(), &system)
        .args(["inspect", "chain.pem", "--at", case["validation_time"].as_str().expect("time")])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("*.google.com: clean: no sign of TLS interception, confidence 0.95\n"), "{stdout}");
    assert!(
        stdout.contains("  embedded  Google 'Xenon2026h1' log (Google), 2026-02-02T09:36:40Z: verified\n"),
        "{stdout}"
    );
}
