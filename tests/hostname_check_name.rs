//! `trustaudit check-name`: the per-runtime matrix, its JSON, and its exit codes.

use std::path::Path;
use std::process::Command;

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};

fn trustaudit() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustaudit"));
    cmd.env_clear().env("NO_COLOR", "1");
    cmd
}

fn cert_file(dir: &Path, cn: &str, sans: &[&str]) -> std::path::PathBuf {
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(sans.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    let cert = params.self_signed(&key).expect("cert");
    let path = dir.join(format!("{cn}.pem"));
    std::fs::write(&path, cert.pem()).expect("write");
    path
}

#[test]
fn a_cn_only_certificate_is_refused_by_go_and_accepted_by_openssl_with_exit_1() {
    let dir = tempfile::tempdir().expect("dir");
    let pem = cert_file(dir.path(), "legacy.example.com", &[]);
    let out = trustaudit().arg("check-name").arg(&pem).arg("legacy.example.com").output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("✗ go       the name is only in the CN, which this runtime ignores (CN=legacy.example.com)"),
        "{text}"
    );
    assert!(text.contains("says: x509: certificate relies on legacy Common Name field, use SANs instead"), "{text}");
    assert!(text.contains("✓ openssl  matched by CN=legacy.example.com"), "{text}");
    assert!(text.contains("go, certifi, rustls refuse it."), "{text}");
}

#[test]
fn a_matching_wildcard_san_is_accepted_everywhere_with_exit_0_and_json() {
    let dir = tempfile::tempdir().expect("dir");
    let pem = cert_file(dir.path(), "wild", &["*.example.com"]);
    let out = trustaudit().args(["--json", "check-name"]).arg(&pem).arg("WWW.Example.com").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["schema"], "trustaudit/1");
    assert_eq!(doc["kind"], "check_name");
    assert_eq!(doc["name"]["name"], "www.example.com");
    assert_eq!(doc["every_runtime_accepts"], true);
    assert_eq!(doc["runtimes"].as_array().map(Vec::len), Some(10));
    assert_eq!(doc["runtimes"][0]["runtime"], "go");
    assert_eq!(doc["runtimes"][0]["matched_by"]["type"], "dns_san");
    assert_eq!(doc["runtimes"][0]["matched_by"]["value"], "*.example.com");
}

#[test]
fn an_invalid_name_is_a_usage_error_and_a_missing_file_cannot_run() {
    let dir = tempfile::tempdir().expect("dir");
    let pem = cert_file(dir.path(), "x", &["x.example.com"]);
    let bad = trustaudit().arg("check-name").arg(&pem).arg("a..b").output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("the name has an empty label (two dots in a row or a leading dot)"));
    let missing =
        trustaudit().arg("check-name").arg(dir.path().join("nope.pem")).arg("x.example.com").output().expect("run");
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("trustaudit: reading "));
}
