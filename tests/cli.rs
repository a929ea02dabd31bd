//! The `trustaudit` command as a user runs it: the audit (no verb), `diff` and `show`, with a
//! controlled environment, checking exit codes, the JSON envelope and the text people read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_trustaudit");

/// A self-signed CA; `org` adds an O attribute.
fn ca(cn: &str, org: Option<&str>) -> rcgen::Certificate {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, cn);
    if let Some(o) = org {
        params.distinguished_name.push(rcgen::DnType::OrganizationName, o);
    }
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Constrained(1));
    params.not_before = rcgen::date_time_ymd(2024, 1, 1);
    params.not_after = rcgen::date_time_ymd(2044, 1, 1);
    params.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign, rcgen::KeyUsagePurpose::CrlSign];
    let key = rcgen::KeyPair::generate().expect("key generation");
    params.self_signed(&key).expect("self-signed certificate")
}

fn pem_of(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let body: Vec<&str> = b64.as_bytes().chunks(64).map(|l| std::str::from_utf8(l).unwrap()).collect();
    format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", body.join("\n"))
}

/// Every root of Mozilla's compiled-in set as one PEM bundle.
fn mozilla_bundle() -> String {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().map(|c| pem_of(c.as_ref())).collect()
}

/// Runs the command with only the variables given (no SSL_CERT_* from the machine).
fn run(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.env_clear().args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run trustaudit")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

#[test]
fn show_prints_every_field_of_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let c = ca("Show Me Root", Some("Acme Corp"));
    let parsed = trustaudit::Certificate::from_der(c.der()).unwrap();
    let f = write(dir.path(), "root.pem", &c.pem());
    let o = run(&["show", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let expect = [
        format!("Certificate 1 of 1 ({}, line 1):", f.display()),
        "  Subject:               CN=Show Me Root, O=Acme Corp".to_owned(),
        "  Issuer:                CN=Show Me Root, O=Acme Corp".to_owned(),
        format!("  Serial:                {}", parsed.serial_hex()),
        "  Version:               3".to_owned(),
        "  Validity:              2024-01-01T00:00:00Z to 2044-01-01T00:00:00Z (valid now)".to_owned(),
        format!("  SHA-256:               {}", parsed.sha256_hex()),
        format!("  SHA-1:                 {}", parsed.sha1_hex()),
        format!("  SPKI pin (sha256):     {}", parsed.spki_sha256_base64()),
        "  Key:                   ECDSA P-256".to_owned(),
        "  Signature algorithm:   ecdsa-with-SHA256".to_owned(),
        "  Basic constraints:     CA, path length 1, critical".to_owned(),
        "  Key usage:             keyCertSign, cRLSign".to_owned(),
        "  Extended key usage:    absent".to_owned(),
    ];
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..expect.len()], expect.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    assert!(lines.contains(&"  Self-signed:           yes (self-signed)"), "{text}");
    assert!(lines.contains(&"  SCT list:              absent"), "{text}");
    assert!(!text.contains('\x1b'), "colour when stdout is not a terminal: {text:?}");
}

#[test]
fn show_json_is_one_document_with_the_schema_and_each_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (ca("First", None), ca("Second", None));
    let f = write(dir.path(), "two.pem", &format!("{}{}", a.pem(), b.pem()));
    let o = run(&["show", "--json", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["schema"], "trustaudit/1");
    assert_eq!(v["kind"], "show");
    assert_eq!(v["file"], f.to_str().unwrap());
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2);
    assert_eq!(certs[1]["subject"], "CN=Second");
    assert_eq!(certs[1]["location"], serde_json::json!({"line": a.pem().lines().count() + 1}));
    assert_eq!(certs[0]["key"], serde_json::json!({"algorithm": "ecdsa", "curve": "P-256"}));
    assert_eq!(certs[0]["basic_constraints"], serde_json::json!({"ca": true, "path_len": 1, "critical": true}));
    assert_eq!(certs[0]["self_signed"], true);
    assert_eq!(v["problems"], serde_json::json!([]));
}

#[test]
fn show_reports_a_damaged_block_and_exits_1_but_still_shows_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = ca("Good", None).pem();
    let f = write(dir.path(), "mixed.pem", &format!("{good}-----BEGIN CERTIFICATE-----\nAAAA\n"));
    let o = run(&["show", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("  Subject:               CN=Good\n"), "{text}");
    let last = text.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "problem: {}: line {}: -----BEGIN CERTIFICATE----- has no END line (truncated?)",
            f.display(),
            good.lines().count() + 1
        )
    );
}

#[test]
fn show_cannot_run_on_a_missing_file_a_directory_or_a_file_without_certificates() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["show", "/nonexistent/root.pem"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(stderr(&o), "trustaudit: /nonexistent/root.pem: no such file or directory\n");
    assert!(o.stdout.is_empty());
    let o = run(&["show", dir.path().to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        format!("trustaudit: {}: not a regular file (a directory): skipped\n", dir.path().display())
    );
    let empty = write(dir.path(), "empty.pem", "");
    let o = run(&["show", empty.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        format!("trustaudit: no certificate could be read: {}: empty: no certificates\n", empty.display())
    );
}

#[test]
fn diff_of_two_bundles_lists_each_side_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (shared, corp, other) = (ca("Shared Root", None), ca("Corp Root", None), ca("Other Root", None));
    let a = write(dir.path(), "a.pem", &format!("{}{}", shared.pem(), corp.pem()));
    let b = write(dir.path(), "b.pem", &format!("{}{}", other.pem(), shared.pem()));
    let (an, bn) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = run(&["diff", an, bn, "--at", "2030-01-01"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("diff: {an} (2 roots) vs {bn} (2 roots), at 2030-01-01T00:00:00Z"));
    assert_eq!(lines[1], format!("  1 in both, 1 only in {an}, 1 only in {bn}, 0 re-keyed"));
    assert_eq!(lines[3], format!("Only in {an} (1):"));
    assert!(lines[4].starts_with("  + Corp Root  (ECDSA P-256, until 2044-01-01, sha256 "), "{}", lines[4]);
    assert_eq!(lines[6], format!("Only in {bn} (1):"));
    assert!(lines[7].starts_with("  - Other Root  (ECDSA P-256"), "{}", lines[7]);
    assert!(text.contains("Across both: 3 added on this machine."), "{text}");
    let o = run(&["diff", "--json", an, bn], &[]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!((v["schema"].as_str(), v["kind"].as_str()), (Some("trustaudit/1"), Some("diff")));
    assert_eq!(v["counts"]["only_in_a"], 1);
    assert_eq!(v["only_in_b"][0]["name"], "Other Root");
    assert_eq!(v["in_both"][0]["a"]["name"], "Shared Root");
}

#[test]
fn diff_of_identical_sets_exits_0_and_says_so() {
    let o = run(&["diff", "mozilla", "mozilla"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("mozilla and mozilla trust the same roots.\n"), "{}", stdout(&o));
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "moz.pem", &mozilla_bundle());
    let o = run(&["diff", "--json", "mozilla", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let n = webpki_root_certs::TLS_SERVER_ROOT_CERTS.len();
    assert_eq!(v["counts"]["in_both"], n);
    assert_eq!(v["counts"]["locally_added"], 0);
}

#[test]
fn diff_system_reads_ssl_cert_file_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let corp = ca("Env Corp Root", None);
    let f = write(dir.path(), "bundle.pem", &corp.pem());
    let o = run(&["diff", "--json", "system", "mozilla"], &[("SSL_CERT_FILE", &f)]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["a"]["name"], "system");
    assert_eq!(v["a"]["roots"], 1);
    assert_eq!(v["a"]["sources"], serde_json::json!([f.to_str().unwrap()]));
    assert_eq!(v["only_in_a"][0]["name"], "Env Corp Root");
}

#[test]
fn diff_of_a_name_that_is_neither_a_store_nor_a_path_cannot_run() {
    let o = run(&["diff", "mozilla", "no-such-store"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        "trustaudit: \"no-such-store\" is not a store name (mozilla, system, or a runtime such as go, node, certifi) \
         and cannot be read as a path: no-such-store: no such file or directory\n"
    );
}

#[test]
fn the_audit_names_an_interception_root_first_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let zscaler = ca("Zscaler Root CA", Some("Zscaler Inc."));
    let bundle = format!("{}{}", mozilla_bundle(), zscaler.pem());
    let f = write(dir.path(), "bundle.pem", &bundle);
    let o = run(&[], &[("SSL_CERT_FILE", &f)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    // With an empty environment only runtimes that need no PATH lookup (rustls) add a view.
    assert!(lines[0].starts_with("trustaudit: system"), "{}", lines[0]);
    assert!(lines[0].contains(" against Mozilla's "), "{}", lines[0]);
    assert_eq!(lines[2], "Roots added on this machine (not in Mozilla's set, the distribution's CA package or a runtime's built-in set): 1");
    assert_eq!(lines[3], "  ! Zscaler Root CA — looks like Zscaler (corporate proxy)");
    assert_eq!(lines[4], "      CN=Zscaler Root CA, O=Zscaler Inc.");
    assert!(lines[6].starts_with("      trusted by system"), "{}", lines[6]);
    let n = webpki_root_certs::TLS_SERVER_ROOT_CERTS.len();
    assert!(text.contains(&format!("  system  {} roots: {n} in Mozilla's set, 1 added locally\n", n + 1)), "{text}");
    let todo = text.split("What to do:\n").nth(1).unwrap();
    assert!(todo.starts_with("  - \"Zscaler Root CA\" looks like Zscaler (corporate proxy): "), "{todo}");
    let o = run(&["--json"], &[("SSL_CERT_FILE", &f)]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!((v["schema"].as_str(), v["kind"].as_str()), (Some("trustaudit/1"), Some("audit")));
    assert_eq!(v["clean"], false);
    assert_eq!(v["locally_added"][0]["root"]["vendor_hint"]["vendor"], "Zscaler");
    assert_eq!(
        v["stores"][0]["store"]["notes"][0],
        format!("SSL_CERT_FILE={} SSL_CERT_DIR=(unset) are set: they replace the platform locations", f.display())
    );
}

#[test]
fn the_audit_of_a_store_holding_only_mozilla_roots_is_clean_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "bundle.pem", &mozilla_bundle());
    let o = run(&["audit"], &[("SSL_CERT_FILE", &f)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().nth(2), Some("No store trusts a root that was added on this machine."));
    assert!(text.ends_with("What to do:\n  - Nothing to do: every store holds only roots Mozilla ships.\n"), "{text}");
}

#[test]
fn colour_is_off_unless_asked_for_and_never_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "bundle.pem", &ca("Colour Root", None).pem());
    let plain = run(&[], &[("SSL_CERT_FILE", &f)]);
    assert!(!stdout(&plain).contains('\x1b'));
    let coloured = run(&["--color", "always"], &[("SSL_CERT_FILE", &f)]);
    assert!(stdout(&coloured).contains("\x1b[33m+\x1b[0m \x1b[33mColour Root\x1b[0m"), "{}", stdout(&coloured));
    let j = run(&["--color", "always", "--json"], &[("SSL_CERT_FILE", &f)]);
    assert!(!stdout(&j).contains('\x1b'));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["diff", "mozilla"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the following required arguments were not provided"), "{}", stderr(&o));
    let o = run(&["diff", "a", "b", "--at", "yesterday"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"yesterday\" is not a time: use RFC 3339"), "{}", stderr(&o));
}

#[test]
fn a_bundle_of_100000_certificates_loads_in_bounded_memory() {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipped: /usr/bin/time is not installed, so peak memory cannot be measured");
        return;
    }
    let distinct: String = (0..250).map(|i| ca(&format!("Bulk {i:03}"), None).pem()).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.pem");
    {
        use std::io::Write as _;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for _ in 0..400 {
            f.write_all(distinct.as_bytes()).unwrap();
        }
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let o = Command::new("/usr/bin/time")
        .env_clear()
        .args(["-f", "max_rss_kb=%M", BIN, "diff", "--json", "mozilla"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["b"]["roots"], 250);
    assert_eq!(v["b"]["duplicates"], 99_750);
    let err = stderr(&o);
    let rss_kb: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("max_rss_kb="))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no RSS in {err}"));
    // The file is read whole (it is under the bundle limit), then parsed block by block;
    // only the 250 distinct certificates are kept. 100,000 parsed certificates would need
    // several hundred MB.
    let bound_kb = size / 1024 + 40 * 1024;
    assert!(rss_kb < bound_kb, "peak RSS {rss_kb} KiB for a {size}-byte bundle (bound {bound_kb} KiB)");
}
