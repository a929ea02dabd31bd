//! Differential tests: trustaudit's per-runtime name verdicts against the real runtimes on
//! this machine. Certificates (edge cases × names) are generated once into a temp dir and each
//! runtime answers all cases in one process: Go (`VerifyHostname`), OpenSSL (`X509_check_host`
//! with the flags plain callers, Python and urllib3 2 use), Python (real TLS handshakes in
//! memory for every case, over TCP on 127.0.0.1 for a subset), pip (its vendored urllib3 1.26 `match_hostname`), Node.js
//! (`tls.checkServerIdentity` on every case, real `tls.connect` on a subset), curl (real
//! handshakes on 127.0.0.1, one curl process for all cases) and rustls
//! (`verify_server_name`, in process). Each runtime's error text is compared word for word too. Every disagreement must be listed with its reason in
//! tests/data/hostname_known_differences.tsv; a listed case that agrees again fails the test
//! so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue, IsCa, Issuer, KeyPair, SanType};
use trustaudit::hostname::{self, Name};
use trustaudit::runtime::Runtime;
use trustaudit::Certificate;

#[derive(Debug, Clone)]
enum San {
    Dns(&'static str),
    /// A generated name (bulk SAN lists).
    DnsOwned(String),
    Ip(&'static str),
    Uri(&'static str),
}

#[derive(Debug, Clone)]
struct Spec {
    label: String,
    /// Subject commonName values, in order (two CNs exercise "which CN" rules).
    cns: Vec<&'static str>,
    sans: Vec<San>,
}

/// Presented names exercised one by one, in a SAN and (separately) in the CN.
const PATTERNS: &[&str] = &[
    "example.com",
    "www.example.com",
    "WWW.Example.COM",
    "www.example.com.",
    "*.example.com",
    "*.EXAMPLE.com",
    "*.example.com.",
    "*.com",
    "*.co.uk",
    "*",
    "*.*.example.com",
    "www.*.example.com",
    "f*.example.com",
    "*o.example.com",
    "f*o.example.com",
    "**.example.com",
    "f*.com",
    "xn--bcher-kva.example",
    "*.xn--bcher-kva.example",
    "xn--*.example.com",
    "x*.example.com",
    "a_b.example.com",
    "*.a_b.example.com",
    "-x.example.com",
    "www.example.com\u{0}.evil.com",
    "www.example.com\u{0}",
    "www.example .com",
    "127.0.0.1",
    "::1",
    "localhost",
    "",
];

/// Reference names asked for each certificate.
const NAMES: &[&str] = &[
    "example.com",
    "www.example.com",
    "www.example.com.",
    "foo.example.com",
    "f.example.com",
    "fo.example.com",
    "foo.com",
    "a.b.example.com",
    "example.co.uk",
    "xn--bcher-kva.example",
    "www.xn--bcher-kva.example",
    "xn--abc.example.com",
    "xn--fo.example.com",
    "a_b.example.com",
    "x.a_b.example.com",
    "localhost",
    "127.0.0.1",
    "::1",
    "10.0.0.1",
    "1.2.3.4",
    "2001:db8::1",
    "evil.com",
    "faß.example",
    "bücher.example",
];

fn specs() -> Vec<Spec> {
    let mut specs = Vec::new();
    for (i, p) in PATTERNS.iter().enumerate() {
        specs.push(Spec { label: format!("san{i}"), cns: vec!["unrelated.invalid"], sans: vec![San::Dns(p)] });
        if !p.is_empty() {
            specs.push(Spec { label: format!("cn{i}"), cns: vec![p], sans: vec![] });
            // The same CN beside an IP SAN: OpenSSL, Python and Node.js still read the CN (no
            // DNS SAN), curl and pip do not (any SAN of a type they know turns it off).
            specs.push(Spec { label: format!("cn{i}_ip_san"), cns: vec![p], sans: vec![San::Ip("192.0.2.99")] });
        }
    }
    let more: Vec<(&str, Vec<&'static str>, Vec<San>)> = vec![
        ("cn_and_other_dns_san", vec!["www.example.com"], vec![San::Dns("other.example.com")]),
        ("cn_and_ip_san", vec!["www.example.com"], vec![San::Ip("10.0.0.1")]),
        ("cn_and_uri_san", vec!["www.example.com"], vec![San::Uri("https://www.example.com/")]),
        ("cn_ip_and_uri_san", vec!["127.0.0.1"], vec![San::Uri("https://x.invalid/")]),
        ("cn_ip_and_dns_san", vec!["127.0.0.1"], vec![San::Dns("other.example.com")]),
        ("cn_unicode", vec!["bücher.example"], vec![]),
        ("cn_unicode_wildcard", vec!["*.bücher.example"], vec![]),
        ("no_names", vec![], vec![]),
        ("ip4_san", vec![], vec![San::Ip("127.0.0.1")]),
        ("ip6_san", vec![], vec![San::Ip("::1")]),
        ("ip6_doc_san", vec![], vec![San::Ip("2001:db8::1")]),
        ("ip4_mapped_san", vec![], vec![San::Ip("::ffff:1.2.3.4")]),
        ("ip4_san_and_dns", vec!["1.2.3.4"], vec![San::Ip("1.2.3.4"), San::Dns("www.example.com")]),
        (
            "many_sans",
            vec!["example.com"],
            vec![San::Dns("a.example.com"), San::Dns("*.example.com"), San::Ip("10.0.0.1"), San::Dns("example.co.uk")],
        ),
        ("too_many_wildcards_first", vec![], vec![San::Dns("**.example.com"), San::Dns("www.example.com")]),
        ("uri_only", vec!["unrelated.invalid"], vec![San::Uri("https://www.example.com/")]),
        ("two_cns_first_matches", vec!["www.example.com", "other.example.com"], vec![]),
        ("two_cns_last_matches", vec!["other.example.com", "www.example.com"], vec![]),
        ("idna2008_sharp_s", vec![], vec![San::Dns("xn--fa-hia.example")]),
        ("idna2003_sharp_s", vec![], vec![San::Dns("fass.example")]),
    ];
    for (label, cns, sans) in more {
        specs.push(Spec { label: label.to_owned(), cns, sans });
    }
    // Go shortens its message from 100 names on: "certificate is valid for 120 names, but …".
    specs.push(Spec {
        label: "dns_sans_120".to_owned(),
        cns: vec![],
        sans: (0..120).map(|i| San::DnsOwned(format!("host{i}.example.net"))).collect(),
    });
    specs
}

struct Fixture {
    dir: tempfile::TempDir,
    ca_pem: PathBuf,
    /// (label, pem path, parsed certificate)
    certs: Vec<(String, PathBuf, Certificate)>,
}

fn build_fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let mut ca_dn = DistinguishedName::new();
    ca_dn.push(DnType::CommonName, "trustaudit hostname test CA");
    ca_params.distinguished_name = ca_dn;
    let ca_cert = ca_params.self_signed(&ca_key).expect("CA cert");
    let ca_pem = dir.path().join("ca.pem");
    std::fs::write(&ca_pem, ca_cert.pem()).expect("write CA");
    let issuer = Issuer::new(ca_params, ca_key);
    let mut certs = Vec::new();
    for spec in specs() {
        let key = KeyPair::generate().expect("leaf key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("leaf params");
        let mut dn = DistinguishedName::new();
        dn.push(DnType::OrganizationName, "trustaudit hostname tests");
        for (i, cn) in spec.cns.iter().enumerate() {
            // rcgen keeps one value per attribute type, so a second CN goes in under its OID.
            let ty = if i == 0 { DnType::CommonName } else { DnType::CustomDnType(vec![2, 5, 4, 3]) };
            dn.push(ty, DnValue::Utf8String((*cn).to_owned()));
        }
        params.distinguished_name = dn;
        params.subject_alt_names = spec
            .sans
            .iter()
            .map(|s| match s {
                San::Dns(d) => SanType::DnsName((*d).try_into().expect("IA5 SAN")),
                San::DnsOwned(d) => SanType::DnsName(d.as_str().try_into().expect("IA5 SAN")),
                San::Ip(ip) => SanType::IpAddress(ip.parse::<IpAddr>().expect("IP SAN")),
                San::Uri(u) => SanType::URI((*u).try_into().expect("IA5 URI")),
            })
            .collect();
        let cert = params.signed_by(&key, &issuer).expect("leaf cert");
        let pem_path = dir.path().join(format!("{}.pem", spec.label));
        std::fs::write(&pem_path, cert.pem()).expect("write leaf");
        std::fs::write(dir.path().join(format!("{}.key", spec.label)), key.serialize_pem()).expect("write key");
        let parsed = Certificate::from_der(cert.der()).expect("our parser reads rcgen output");
        certs.push((spec.label, pem_path, parsed));
    }
    Fixture { dir, ca_pem, certs }
}

/// One (certificate, name) pair; `id` is `label|name` so the known-differences file is readable.
struct Case<'a> {
    id: String,
    cert_label: &'a str,
    pem: &'a Path,
    cert: &'a Certificate,
    name: Name,
    /// The name as a user typed it (Unicode stays Unicode), for runtimes that convert it.
    raw: &'static str,
}

fn cases(fx: &Fixture) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for (label, pem, cert) in &fx.certs {
        for n in NAMES {
            let name = Name::parse(n).expect("test names parse");
            out.push(Case { id: format!("{label}|{n}"), cert_label: label, pem, cert, name, raw: n });
        }
    }
    out
}

fn write_manifest(fx: &Fixture, cases: &[Case<'_>]) -> PathBuf {
    let path = fx.dir.path().join("manifest.tsv");
    let body: String = cases
        .iter()
        .map(|c| format!("{}\t{}\t{}\t{}\n", c.id, c.pem.display(), c.name.to_reference_string(), c.raw))
        .collect();
    std::fs::write(&path, body).expect("write manifest");
    path
}

/// A subprocess with only the variables it needs: no CA overrides leak in from the machine.
fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear();
    for var in ["PATH", "HOME", "GOCACHE", "GOPATH", "GOROOT", "TMPDIR"] {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
    cmd.env("GOTOOLCHAIN", "local").env("GOFLAGS", "").env("GO111MODULE", "off");
    cmd
}

fn run(mut cmd: Command, what: &str) -> Option<String> {
    match cmd.output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => {
            eprintln!("skipping {what}: exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
            None
        }
        Err(e) => {
            eprintln!("skipping {what}: {e}");
            None
        }
    }
}

/// Verdicts keyed by (case id, runtime name): (accepted, message).
type Answers = BTreeMap<(String, String), (bool, String)>;

fn oracle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles")
}

fn ask_go(manifest: &Path) -> Option<Answers> {
    let mut cmd = command("go");
    cmd.arg("run").arg(oracle_dir().join("names_go.go")).arg(manifest);
    let out = run(cmd, "Go oracle")?;
    let mut answers = Answers::new();
    for line in out.lines() {
        let mut f = line.splitn(3, '\t');
        let (Some(id), Some(v)) = (f.next(), f.next()) else {
            continue;
        };
        if v == "unparsable" {
            continue;
        }
        answers.insert((id.to_owned(), "go".to_owned()), (v == "ok", f.next().unwrap_or("").to_owned()));
    }
    Some(answers)
}

fn ask_openssl(fx: &Fixture, manifest: &Path) -> Option<Answers> {
    let bin = fx.dir.path().join("names_openssl");
    let mut cc = command("cc");
    cc.arg("-O1").arg("-o").arg(&bin).arg(oracle_dir().join("names_openssl.c")).arg("-lcrypto");
    run(cc, "OpenSSL oracle (cc … -lcrypto)")?;
    let mut cmd = command(bin.to_str()?);
    cmd.arg(manifest);
    let out = run(cmd, "OpenSSL oracle")?;
    let mut answers = Answers::new();
    for line in out.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 || f[1] == "unparsable" {
            continue;
        }
        // Column 2 is X509_check_host with flags 0; 3 and 4 are Python's flags, kept as
        // cross-checks of the in-memory handshakes under their own names.
        for (col, rt) in [(1, "openssl"), (2, "openssl-python-flags"), (3, "openssl-certifi-flags")] {
            answers.insert((f[0].to_owned(), rt.to_owned()), (f[col] == "ok", String::new()));
        }
    }
    Some(answers)
}

fn ask_lines(out: &str) -> Answers {
    let mut answers = Answers::new();
    let mut errors: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for line in out.lines() {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        if f.len() < 3 {
            continue;
        }
        if f[2] == "error" {
            // The runtime could not be asked (it refused the name itself): not a verdict.
            let e = errors.entry(f[1].to_owned()).or_default();
            e.0 += 1;
            e.1 = format!("{}: {}", f[0], f.get(3).unwrap_or(&""));
            continue;
        }
        answers.insert((f[0].to_owned(), f[1].to_owned()), (f[2] == "ok", f.get(3).unwrap_or(&"").to_string()));
    }
    for (rt, (n, last)) in errors {
        eprintln!("{rt}: {n} cases could not be asked (last: {last})");
    }
    answers
}

fn ask_python(fx: &Fixture, manifest: &Path, socket_ids: &[String]) -> Option<Answers> {
    let ids = fx.dir.path().join("python_socket_ids.txt");
    std::fs::write(&ids, socket_ids.join("\n")).ok()?;
    let mut cmd = command("python3");
    cmd.arg(oracle_dir().join("names_python.py")).arg(manifest).arg(&fx.ca_pem).arg(&ids);
    Some(ask_lines(&run(cmd, "Python oracle")?))
}

fn ask_curl(fx: &Fixture, manifest: &Path) -> Option<Answers> {
    let mut cmd = command("python3");
    cmd.arg(oracle_dir().join("names_curl.py")).arg(manifest).arg(&fx.ca_pem);
    Some(ask_lines(&run(cmd, "curl oracle")?))
}

fn ask_node(fx: &Fixture, manifest: &Path, connect_ids: &[String]) -> Option<Answers> {
    let ids = fx.dir.path().join("connect_ids.txt");
    std::fs::write(&ids, connect_ids.join("\n")).ok()?;
    let mut cmd = command("node");
    cmd.arg(oracle_dir().join("names_node.js")).arg(manifest).arg(&fx.ca_pem).arg(&ids);
    Some(ask_lines(&run(cmd, "Node.js oracle")?))
}

/// rustls' own name check (rustls-webpki underneath), in process, with rustls' error text.
fn ask_rustls(cases: &[Case<'_>]) -> Answers {
    let mut answers = Answers::new();
    for c in cases {
        let Ok(parsed) = rustls::server::ParsedCertificate::try_from(c.cert.certificate_der()) else {
            continue;
        };
        let Ok(server_name) = rustls_pki_types::ServerName::try_from(c.name.to_reference_string()) else {
            continue;
        };
        let verdict = match rustls::client::verify_server_name(&parsed, &server_name) {
            Ok(()) => (true, String::new()),
            Err(e) => (false, e.to_string()),
        };
        answers.insert((c.id.clone(), "rustls".to_owned()), verdict);
    }
    answers
}

/// Which trustaudit runtime model an oracle column is compared with.
fn model_for(column: &str) -> Option<Runtime> {
    Some(match column {
        "go" => Runtime::Go,
        "openssl" => Runtime::Openssl,
        "python" | "python-socket" | "openssl-python-flags" => Runtime::Python,
        "certifi" | "openssl-certifi-flags" => Runtime::Certifi,
        "pip" => Runtime::Pip,
        "node" | "node-connect" => Runtime::Node,
        "rustls" => Runtime::Rustls,
        "curl" => Runtime::Curl,
        _ => return None,
    })
}

fn known_differences() -> BTreeSet<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostname_known_differences.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 3).then(|| (f[0].to_owned(), f[1].to_owned()))
        })
        .collect()
}

#[test]
fn every_runtime_model_agrees_with_the_real_runtime_or_the_difference_is_listed() {
    let fx = build_fixture();
    let cases = cases(&fx);
    let manifest = write_manifest(&fx, &cases);
    // Real connections on 127.0.0.1 (Node's tls.connect, Python's ssl over TCP) for a slice
    // of cases: every 7th, which crosses all certificate kinds.
    let connect_ids: Vec<String> = cases.iter().step_by(7).map(|c| c.id.clone()).collect();

    let mut answers = Answers::new();
    let mut asked = Vec::new();
    for (what, got) in [
        ("go", ask_go(&manifest)),
        ("openssl", ask_openssl(&fx, &manifest)),
        ("python", ask_python(&fx, &manifest, &connect_ids)),
        ("node", ask_node(&fx, &manifest, &connect_ids)),
        ("curl", ask_curl(&fx, &manifest)),
        ("rustls", Some(ask_rustls(&cases))),
    ] {
        match got {
            Some(a) => {
                asked.push(what);
                answers.extend(a);
            }
            None => eprintln!("{what}: not available, its cases were skipped"),
        }
    }

    let by_id: BTreeMap<&str, &Case<'_>> = cases.iter().map(|c| (c.id.as_str(), c)).collect();
    let known = known_differences();
    // (cases, accepted by the real runtime, disagreements) per oracle column.
    let mut compared: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut wrong_words = Vec::new();
    let mut seen_known = BTreeSet::new();
    for ((id, column), (accepted, message)) in &answers {
        let (Some(case), Some(rt)) = (by_id.get(id.as_str()), model_for(column)) else {
            continue;
        };
        // Columns fed the name as typed convert Unicode themselves; the others were given the
        // A-label, so the model is asked about that A-label too.
        let name = if ["python", "python-socket", "curl"].contains(&column.as_str()) {
            case.name.clone()
        } else {
            Name::parse(&case.name.to_reference_string()).expect("A-labels parse")
        };
        let predicted = hostname::check(case.cert, &name, rt);
        let entry = compared.entry(column.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(*accepted);
        // Each runtime's error text: ours must be theirs, word for word (Python's
        // " (_ssl.c:NNNN)" suffix names a line of its C source and is left out).
        if !accepted
            && !predicted.matched
            && ["go", "node", "node-connect", "python", "python-socket", "certifi", "pip", "curl", "rustls"]
                .contains(&column.as_str())
        {
            let ours = predicted.message.clone().unwrap_or_default();
            let real = message.split(" (_ssl.c:").next().unwrap_or_default();
            let real = real.strip_prefix("ERR_TLS_CERT_ALTNAME_INVALID ").unwrap_or(real);
            if ours != real {
                wrong_words.push(format!("{column}\t{id}\n  real: {message}\n  ours: {ours}"));
            }
        }
        if predicted.matched != *accepted {
            entry.2 += 1;
            let key = (column.clone(), id.clone());
            if known.contains(&key) {
                seen_known.insert(key);
            } else {
                unexplained.push(format!(
                    "{column}\t{id}\treal={} predicted={} ({:?}) real message: {message} [cert {}]",
                    if *accepted { "accept" } else { "reject" },
                    if predicted.matched { "accept" } else { "reject" },
                    predicted.reason,
                    case.cert_label,
                ));
            }
        }
    }
    for (column, (n, ok, bad)) in &compared {
        eprintln!("{column}: {n} cases compared, {ok} accepted by the real runtime, {bad} disagree");
        // An oracle that accepts everything or nothing is broken, not in agreement.
        assert!(*ok > 0 && ok < n, "{column}: the real runtime accepted {ok} of {n} cases");
    }
    let stale: Vec<_> = known
        .iter()
        .filter(|k| !seen_known.contains(*k) && answers.contains_key(&(k.1.clone(), k.0.clone())))
        .collect();
    assert!(unexplained.is_empty(), "{} unexplained disagreements:\n{}", unexplained.len(), unexplained.join("\n"));
    assert!(wrong_words.is_empty(), "{} messages differ:\n{}", wrong_words.len(), wrong_words.join("\n"));
    assert!(stale.is_empty(), "listed differences that now agree (remove them): {stale:?}");
}
