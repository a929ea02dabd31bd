//! Store loaders on bad and unusual input: each case names the diagnostic a user sees, checks
//! the rest of the store still loads, and never hangs or panics.

use std::fs;
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use trustaudit::store::{Location, StoreError, SystemPaths, TrustStore};

/// A self-signed CA certificate (ECDSA P-256, so bundles of many stay small).
fn ca(cn: &str) -> rcgen::Certificate {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, cn);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let key = rcgen::KeyPair::generate().expect("key generation");
    params.self_signed(&key).expect("self-signed certificate")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).expect("write fixture");
    p
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "mkfifo {} failed", path.display());
}

/// (source, location, reason) of every diagnostic, for exact comparison.
fn diags(store: &TrustStore) -> Vec<(String, Option<Location>, String)> {
    store.diagnostics().iter().map(|d| (d.source.clone(), d.location, d.reason.clone())).collect()
}

fn subjects(store: &TrustStore) -> Vec<String> {
    store.roots().iter().map(|r| r.cert.subject().rfc4514.clone()).collect()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn an_empty_file_says_so_and_the_rest_of_the_directory_loads() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "a-empty.pem", b"");
    write(dir.path(), "b-good.pem", ca("Good Root").pem().as_bytes());
    let store = TrustStore::from_path("dir", dir.path()).unwrap();
    assert_eq!(subjects(&store), ["CN=Good Root"]);
    assert_eq!(diags(&store), [(s(&empty), None, "empty: no certificates".to_owned())]);
}

#[test]
fn binary_garbage_is_neither_pem_nor_der() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..4096u32).map(|i| u8::try_from((i * 7919 + 13) % 251).unwrap() | 0x80).collect();
    let bad = write(dir.path(), "garbage.bin", &garbage);
    write(dir.path(), "good.pem", ca("Good Root").pem().as_bytes());
    let store = TrustStore::from_path("dir", dir.path()).unwrap();
    assert_eq!(subjects(&store), ["CN=Good Root"]);
    assert_eq!(diags(&store), [(s(&bad), None, "no PEM block and not DER: no certificates in this file".to_owned())]);
}

#[test]
fn der_that_is_not_a_certificate_is_reported_at_byte_zero() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.der", &[0x30, 0x03, 0x02, 0x01, 0x05]);
    let store = TrustStore::from_path("bad", &bad).unwrap();
    assert!(store.is_empty());
    let d = diags(&store);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].0.as_str(), d[0].1), (s(&bad).as_str(), Some(Location::Offset(0))));
    assert!(d[0].2.starts_with("not a DER X.509 certificate: "), "{}", d[0].2);
}

#[test]
fn a_truncated_pem_block_is_reported_at_its_begin_line_after_the_good_ones() {
    let good = ca("Good Root").pem();
    let good_lines = good.lines().count();
    let other = ca("Cut Root").pem();
    let half: String = other.lines().take(4).map(|l| format!("{l}\n")).collect();
    let bundle = format!("{good}{half}");
    let store = TrustStore::from_bytes("bundle", bundle.as_bytes()).unwrap();
    assert_eq!(subjects(&store), ["CN=Good Root"]);
    assert_eq!(
        diags(&store),
        [(
            "memory".to_owned(),
            Some(Location::Line(good_lines + 1)),
            "-----BEGIN CERTIFICATE----- has no END line (truncated?)".to_owned()
        )]
    );
}

#[test]
fn bad_base64_names_the_block_and_the_next_block_still_loads() {
    let bundle = format!(
        "# corporate roots\n-----BEGIN CERTIFICATE-----\nMIIB!!!!not*base64\n-----END CERTIFICATE-----\n{}",
        ca("After Bad").pem()
    );
    let store = TrustStore::from_bytes("bundle", bundle.as_bytes()).unwrap();
    assert_eq!(subjects(&store), ["CN=After Bad"]);
    let d = diags(&store);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].0.as_str(), d[0].1), ("memory", Some(Location::Line(2))));
    assert_eq!(d[0].2, "bad base64 in CERTIFICATE block: character '!' at position 4 is not base64");
}

#[test]
fn a_bundle_of_100000_certificates_loads_with_duplicates_counted() {
    // 250 distinct roots repeated 400 times: 100,000 PEM blocks, about 60 MB less than the
    // bundle limit. Duplicates are fingerprinted, not parsed, and not kept.
    let distinct: Vec<String> = (0..250).map(|i| ca(&format!("Root {i:03}")).pem()).collect();
    let one_round: String = distinct.concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.pem");
    {
        use std::io::Write as _;
        let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        for _ in 0..400 {
            f.write_all(one_round.as_bytes()).unwrap();
        }
    }
    let store = TrustStore::from_path("huge", &path).unwrap();
    assert_eq!(store.len(), 250);
    assert_eq!(store.duplicates(), 99_750);
    assert_eq!(store.roots()[0].cert.subject().rfc4514, "CN=Root 000");
    assert_eq!(store.roots()[249].origin.location, Some(Location::Line(249 * distinct[0].lines().count() + 1)));
    assert!(store.diagnostics().is_empty(), "{:?}", store.diagnostics());
}

#[test]
fn unreadable_entries_in_a_directory_are_diagnostics_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.pem", ca("Good Root").pem().as_bytes());
    let dangling = dir.path().join("dangling.pem");
    std::os::unix::fs::symlink(dir.path().join("gone.pem"), &dangling).unwrap();
    let fifo = dir.path().join("fifo.pem");
    mkfifo(&fifo);
    let store = TrustStore::from_path("dir", dir.path()).unwrap();
    assert_eq!(subjects(&store), ["CN=Good Root"]);
    assert_eq!(
        diags(&store),
        [
            (s(&dangling), None, "no such file (dangling symbolic link?)".to_owned()),
            (s(&fifo), None, "not a regular file (a FIFO): skipped".to_owned()),
        ]
    );
}

#[test]
fn a_file_without_read_permission_is_reported_when_not_running_as_root() {
    let dir = tempfile::tempdir().unwrap();
    let locked = write(dir.path(), "locked.pem", ca("Locked Root").pem().as_bytes());
    write(dir.path(), "open.pem", ca("Open Root").pem().as_bytes());
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(&locked).is_ok();
    let store = TrustStore::from_path("dir", dir.path()).unwrap();
    if root {
        eprintln!("skipped the permission-denied assertion: running as root, mode 000 does not stop reads");
        assert_eq!(subjects(&store), ["CN=Locked Root", "CN=Open Root"]);
        return;
    }
    assert_eq!(subjects(&store), ["CN=Open Root"]);
    assert_eq!(diags(&store), [(s(&locked), None, "permission denied".to_owned())]);
}

#[test]
fn symlink_loops_are_named_inside_a_directory_and_as_the_path_itself() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.pem");
    let b = dir.path().join("b.pem");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    write(dir.path(), "c.pem", ca("Good Root").pem().as_bytes());
    let store = TrustStore::from_path("dir", dir.path()).unwrap();
    assert_eq!(subjects(&store), ["CN=Good Root"]);
    assert_eq!(
        diags(&store),
        [(s(&a), None, "symbolic link loop".to_owned()), (s(&b), None, "symbolic link loop".to_owned()),]
    );
    let err = TrustStore::from_path("loop", &a).unwrap_err();
    assert_eq!(err, StoreError::Io { path: s(&a), reason: "symbolic link loop".to_owned() });
    assert_eq!(err.to_string(), format!("{}: symbolic link loop", a.display()));
}

#[test]
fn a_fifo_or_device_given_as_the_store_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bundle.pem");
    mkfifo(&fifo);
    // Opening a FIFO with no writer blocks forever; finishing at all is the assertion.
    let store = TrustStore::from_path("fifo", &fifo).unwrap();
    assert!(store.is_empty());
    assert_eq!(diags(&store), [(s(&fifo), None, "not a regular file (a FIFO): skipped".to_owned())]);
    let zero = TrustStore::from_path("zero", Path::new("/dev/zero")).unwrap();
    assert!(zero.is_empty());
    assert_eq!(diags(&zero), [("/dev/zero".to_owned(), None, "not a regular file (a device): skipped".to_owned())]);
}

#[test]
fn non_utf8_file_and_directory_names_load_and_are_shown_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join(std::ffi::OsStr::from_bytes(b"r\xe9seau"));
    fs::create_dir(&sub).unwrap();
    let file = sub.join(std::ffi::OsStr::from_bytes(b"caf\xe9.pem"));
    fs::write(&file, ca("Latin-1 Root").pem()).unwrap();
    let store = TrustStore::from_path("latin1", &sub).unwrap();
    assert_eq!(subjects(&store), ["CN=Latin-1 Root"]);
    let shown = format!("{}/r\u{fffd}seau/caf\u{fffd}.pem", dir.path().display());
    assert_eq!(store.roots()[0].origin.source, shown);
}

#[test]
fn a_directory_where_the_bundle_file_is_expected_is_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "inside.pem", ca("Inside Dir").pem().as_bytes());
    let certdir = tempfile::tempdir().unwrap();
    write(certdir.path(), "root.pem", ca("From Cert Dir").pem().as_bytes());
    let paths = SystemPaths {
        file: Some(dir.path().to_path_buf()),
        dirs: vec![certdir.path().to_path_buf()],
        ssl_cert_file: Some(s(dir.path())),
        ssl_cert_dir: Some(s(certdir.path())),
    };
    let store = TrustStore::system_from(&paths);
    assert_eq!(subjects(&store), ["CN=From Cert Dir"]);
    assert_eq!(
        diags(&store),
        [(
            s(dir.path()),
            None,
            "is a directory, but the bundle setting (SSL_CERT_FILE) names a file: skipped; use SSL_CERT_DIR for directories"
                .to_owned()
        )]
    );
    let shown = trustaudit::report::ShowReport::from_path(dir.path()).unwrap_err();
    assert_eq!(shown.to_string(), format!("{}: not a regular file (a directory): skipped", dir.path().display()));
}

#[test]
fn trusted_certificate_blocks_keep_the_certificate_and_drop_the_trust_settings() {
    use base64::Engine as _;
    let cert = ca("Trusted Block Root");
    let mut der = cert.der().to_vec();
    // X509_CERT_AUX: SEQUENCE { trust: SEQUENCE { serverAuth } }, as `openssl x509 -addtrust` writes.
    der.extend_from_slice(&[0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01]);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let pem = format!("-----BEGIN TRUSTED CERTIFICATE-----\n{}\n-----END TRUSTED CERTIFICATE-----\n", lines.join("\n"));
    let store = TrustStore::from_bytes("trusted", pem.as_bytes()).unwrap();
    assert_eq!(subjects(&store), ["CN=Trusted Block Root"]);
    assert_eq!(store.roots()[0].cert.der(), cert.der().as_ref());
    assert!(store.diagnostics().is_empty());
}

#[test]
fn openssl_trusted_certificate_output_loads_when_openssl_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "plain.pem", ca("OpenSSL Trusted").pem().as_bytes());
    let out = dir.path().join("trusted.pem");
    let status = Command::new("openssl")
        .args(["x509", "-addtrust", "serverAuth", "-trustout", "-in"])
        .arg(&plain)
        .arg("-out")
        .arg(&out)
        .status();
    match status {
        Ok(st) if st.success() => {}
        _ => {
            eprintln!("skipped: openssl is not installed or refused -addtrust");
            return;
        }
    }
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("-----BEGIN TRUSTED CERTIFICATE-----"), "{text}");
    let store = TrustStore::from_path("trusted", &out).unwrap();
    assert_eq!(subjects(&store), ["CN=OpenSSL Trusted"]);
    assert!(store.diagnostics().is_empty(), "{:?}", store.diagnostics());
}

#[test]
fn crlf_bundles_load_with_the_same_line_numbers() {
    let a = ca("CRLF One").pem();
    let b = ca("CRLF Two").pem();
    let lf = format!("header\n{a}{b}");
    let crlf = lf.replace('\n', "\r\n");
    let store = TrustStore::from_bytes("crlf", crlf.as_bytes()).unwrap();
    assert_eq!(subjects(&store), ["CN=CRLF One", "CN=CRLF Two"]);
    let lines: Vec<_> = store.roots().iter().map(|r| r.origin.location).collect();
    assert_eq!(lines, [Some(Location::Line(2)), Some(Location::Line(2 + a.lines().count()))]);
    assert!(store.diagnostics().is_empty());
}

#[test]
fn an_openssl_hashed_directory_reads_each_certificate_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.pem", ca("Hashed One").pem().as_bytes());
    write(dir.path(), "two.pem", ca("Hashed Two").pem().as_bytes());
    let rehashed = Command::new("openssl").arg("rehash").arg(dir.path()).status().is_ok_and(|s| s.success());
    if !rehashed {
        // What `openssl rehash` makes, by hand: `<subject hash>.N` links to each file.
        std::os::unix::fs::symlink("one.pem", dir.path().join("0a1b2c3d.0")).unwrap();
        std::os::unix::fs::symlink("two.pem", dir.path().join("4e5f6a7b.0")).unwrap();
    }
    let links = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".0"))
        .count();
    assert_eq!(links, 2, "expected two hash links");
    let store = TrustStore::from_path("hashed", dir.path()).unwrap();
    let mut got = subjects(&store);
    got.sort();
    assert_eq!(got, ["CN=Hashed One", "CN=Hashed Two"]);
    // The links are the same files: skipped by inode before reading, so not even duplicates.
    assert_eq!(store.duplicates(), 0);
    assert!(store.diagnostics().is_empty());
}

#[test]
fn copies_of_a_root_in_a_bundle_and_a_directory_are_counted_as_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let root = ca("Copied Root").pem();
    let bundle = write(dir.path(), "bundle.pem", root.as_bytes());
    let certdir = dir.path().join("certs");
    fs::create_dir(&certdir).unwrap();
    write(&certdir, "copy.pem", root.as_bytes());
    let paths = SystemPaths { file: Some(bundle), dirs: vec![certdir], ssl_cert_file: None, ssl_cert_dir: None };
    let store = TrustStore::system_from(&paths);
    assert_eq!((store.len(), store.duplicates()), (1, 1));
}

#[test]
fn system_store_from_ssl_cert_file_matches_rustls_native_certs() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = format!("{}{}\nnot a cert\n{}", ca("Native A").pem(), ca("Native B").pem(), ca("Native C").pem());
    let file = write(dir.path(), "bundle.pem", bundle.as_bytes());
    let paths =
        SystemPaths { file: Some(file.clone()), dirs: Vec::new(), ssl_cert_file: Some(s(&file)), ssl_cert_dir: None };
    let ours = TrustStore::system_from(&paths);
    let theirs = rustls_native_certs::load_certs_from_paths(Some(&file), None);
    assert!(theirs.errors.is_empty(), "{:?}", theirs.errors);
    // rustls-native-certs sorts and de-duplicates; compare as sets of fingerprints.
    assert_eq!(
        fingerprints(ours.roots().iter().map(|r| r.cert.der())),
        fingerprints(theirs.certs.iter().map(|c| c.as_ref()))
    );
    assert_eq!(ours.len(), 3);
    assert_eq!(
        ours.notes(),
        [format!("SSL_CERT_FILE={} SSL_CERT_DIR=(unset) are set: they replace the platform locations", file.display())]
    );
}

#[test]
fn the_machines_system_bundle_matches_rustls_native_certs() {
    let bundle = Path::new("/etc/ssl/certs/ca-certificates.crt");
    if !bundle.exists() {
        eprintln!("skipped: {} does not exist on this machine", bundle.display());
        return;
    }
    let paths = SystemPaths {
        file: Some(bundle.to_path_buf()),
        dirs: Vec::new(),
        ssl_cert_file: Some(s(bundle)),
        ssl_cert_dir: None,
    };
    let ours = TrustStore::system_from(&paths);
    let theirs = rustls_native_certs::load_certs_from_paths(Some(bundle), None);
    assert!(theirs.errors.is_empty(), "{:?}", theirs.errors);
    let ours_set = fingerprints(ours.roots().iter().map(|r| r.cert.der()));
    assert_eq!(ours_set, fingerprints(theirs.certs.iter().map(|c| c.as_ref())));
    assert_eq!(ours.len(), theirs.certs.len());
    assert!(ours.len() > 100, "only {} roots in {}", ours.len(), bundle.display());
}

fn fingerprints<'a>(ders: impl Iterator<Item = &'a [u8]>) -> std::collections::BTreeSet<String> {
    ders.map(|d| trustaudit::cert::hex_lower(ring::digest::digest(&ring::digest::SHA256, d).as_ref())).collect()
}

#[test]
fn a_missing_path_is_an_error_not_an_empty_store() {
    let err = TrustStore::from_path("missing", Path::new("/nonexistent/trustaudit/bundle.pem")).unwrap_err();
    assert_eq!(err.to_string(), "/nonexistent/trustaudit/bundle.pem: no such file or directory");
}
