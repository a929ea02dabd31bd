//! Root-set diff and the audit, on stores built from generated roots: every category, the time
//! parameter, weak roots, the Mozilla and distribution references, and deterministic output.

use trustaudit::cert::{Certificate, UnixTime};
use trustaudit::diff::{self, DiffOptions, RootFlag, RootSetDiff};
use trustaudit::store::{DistributionSet, TrustStore};

fn key() -> rcgen::KeyPair {
    rcgen::KeyPair::generate().expect("key generation")
}

/// A self-signed CA named `cn` with `key`, valid between the two years.
fn root_with(cn: &str, key: &rcgen::KeyPair, from: i32, to: i32) -> Certificate {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, cn);
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.not_before = rcgen::date_time_ymd(from, 1, 1);
    params.not_after = rcgen::date_time_ymd(to, 1, 1);
    let c = params.self_signed(key).expect("self-signed certificate");
    Certificate::from_der(c.der()).expect("parse generated certificate")
}

fn root(cn: &str) -> Certificate {
    root_with(cn, &key(), 2020, 2040)
}

fn store(name: &str, certs: &[&Certificate]) -> TrustStore {
    TrustStore::from_certificates(name, certs.iter().map(|c| (*c).clone()))
}

fn at(date: &str) -> UnixTime {
    UnixTime::parse(date).expect("test date")
}

fn plain(at_: UnixTime) -> DiffOptions {
    DiffOptions { at: at_, reference: None, distribution: None }
}

fn names(list: &[trustaudit::diff::RootEntry]) -> Vec<&str> {
    list.iter().map(|e| e.name.as_str()).collect()
}

#[test]
fn roots_only_in_one_store_and_in_both_are_listed_by_name() {
    let (shared, corp, new) = (root("Shared Root"), root("Corp Root"), root("New Public Root"));
    let a = store("system", &[&shared, &corp]);
    let b = store("go", &[&new, &shared]);
    let d = diff::diff(&a, &b, &plain(at("2030-01-01")));
    assert_eq!(names(&d.only_in_a), ["Corp Root"]);
    assert_eq!(names(&d.only_in_b), ["New Public Root"]);
    assert_eq!(d.in_both.iter().map(|s| s.a.name.as_str()).collect::<Vec<_>>(), ["Shared Root"]);
    assert!(d.in_both[0].same_certificate);
    assert!(d.rekeyed.is_empty());
    assert!(!d.same_roots());
    assert_eq!((d.counts.only_in_a, d.counts.only_in_b, d.counts.in_both), (1, 1, 1));
    assert_eq!((d.a.name.as_str(), d.b.name.as_str()), ("system", "go"));
}

#[test]
fn the_same_subject_with_another_key_is_rekeyed_not_two_unrelated_roots() {
    let old = root("Corp Proxy Root");
    let replaced = root("Corp Proxy Root");
    let d = diff::diff(&store("a", &[&old]), &store("b", &[&replaced]), &plain(at("2030-01-01")));
    assert!(d.only_in_a.is_empty() && d.only_in_b.is_empty() && d.in_both.is_empty());
    assert_eq!(d.rekeyed.len(), 1);
    let r = &d.rekeyed[0];
    assert_eq!(r.subject, "CN=Corp Proxy Root");
    assert_eq!(r.a[0].spki_sha256, old.spki_sha256_base64());
    assert_eq!(r.b[0].spki_sha256, replaced.spki_sha256_base64());
    assert_eq!(d.counts.rekeyed, 1);
}

#[test]
fn a_reissue_with_the_same_key_and_name_is_the_same_root_with_another_certificate() {
    let k = key();
    let first = root_with("Long Lived Root", &k, 2010, 2030);
    let reissue = root_with("Long Lived Root", &k, 2020, 2045);
    let d = diff::diff(&store("a", &[&first]), &store("b", &[&reissue]), &plain(at("2031-06-01")));
    assert!(d.same_roots());
    assert_eq!(d.in_both.len(), 1);
    assert!(!d.in_both[0].same_certificate);
    assert_eq!(d.in_both[0].a.flags, [RootFlag::Expired]);
    assert!(d.in_both[0].b.flags.is_empty());
    assert_eq!(d.counts.expired, 1);
}

#[test]
fn expiry_and_not_yet_valid_are_judged_at_the_given_time() {
    let r = root_with("Window Root", &key(), 2025, 2027);
    let s = store("s", &[&r]);
    let flags_at = |t: &str| diff::diff(&s, &s, &plain(at(t))).in_both[0].a.flags.clone();
    assert_eq!(flags_at("2024-12-31"), [RootFlag::NotYetValid]);
    assert_eq!(flags_at("2026-01-01"), []);
    assert_eq!(flags_at("2027-01-02"), [RootFlag::Expired]);
    let d = diff::diff(&s, &s, &plain(at("2027-01-02")));
    assert_eq!(d.flagged(RootFlag::Expired).len(), 1, "a root in both stores is counted once");
    assert_eq!(d.counts.expired, 1);
}

#[test]
fn rsa_1024_sha1_and_md5_roots_are_flagged_weak() {
    let weak = Certificate::from_pem_or_der(include_bytes!("data/diff/weak-rsa1024-sha1.pem")).unwrap();
    let md5 = Certificate::from_pem_or_der(include_bytes!("data/diff/md5-rsa2048.pem")).unwrap();
    let fine = root("Modern Root");
    let s = store("s", &[&weak, &md5, &fine]);
    let d = diff::diff(&s, &TrustStore::from_certificates("empty", []), &plain(at("2030-01-01")));
    let got: Vec<(&str, &str, &[RootFlag])> =
        d.only_in_a.iter().map(|e| (e.name.as_str(), e.key.as_str(), e.flags.as_slice())).collect();
    assert_eq!(
        got,
        [
            ("MD5 Root", "RSA 2048", &[RootFlag::WeakSignature][..]),
            ("Modern Root", "ECDSA P-256", &[][..]),
            ("Weak RSA-1024 SHA-1 Root", "RSA 1024", &[RootFlag::WeakKey, RootFlag::WeakSignature][..]),
        ]
    );
    assert_eq!((d.counts.weak_key, d.counts.weak_signature), (1, 2));
}

#[test]
fn roots_missing_from_the_reference_are_locally_added_unless_the_distribution_ships_them() {
    let public = root("Public Root");
    let removed = root("Removed From Mozilla Root");
    let corp = root("Corp Root");
    let reference = store("mozilla", &[&public]);
    let pkg = tempfile::tempdir().unwrap();
    std::fs::write(pkg.path().join("Removed.crt"), pem(&removed)).unwrap();
    let dist = DistributionSet::from_dir(pkg.path());
    assert_eq!(dist.len(), 1);
    let system = store("system", &[&public, &removed, &corp]);
    let opts = DiffOptions { at: at("2030-01-01"), reference: Some(reference.clone()), distribution: Some(dist) };
    let d = diff::diff(&system, &reference, &opts);
    let got: Vec<(&str, &[RootFlag])> = d.only_in_a.iter().map(|e| (e.name.as_str(), e.flags.as_slice())).collect();
    assert_eq!(
        got,
        [
            ("Corp Root", &[RootFlag::LocallyAdded][..]),
            ("Removed From Mozilla Root", &[RootFlag::DistributionOnly][..]),
        ]
    );
    assert_eq!((d.counts.locally_added, d.counts.distribution_only), (1, 1));
    assert!(d.in_both[0].a.flags.is_empty());
    // Without the distribution's package, everything Mozilla lacks counts as locally added.
    let bare = DiffOptions { distribution: None, ..opts };
    assert_eq!(diff::diff(&system, &reference, &bare).counts.locally_added, 2);
}

fn pem(c: &Certificate) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(c.der());
    let body: Vec<&str> = b64.as_bytes().chunks(64).map(|l| std::str::from_utf8(l).unwrap()).collect();
    format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", body.join("\n"))
}

#[test]
fn every_root_lands_in_exactly_one_category_and_order_does_not_depend_on_load_order() {
    let certs: Vec<Certificate> = (0..12).map(|i| root(&format!("Root {:02}", (i * 7) % 12))).collect();
    let rekey_a = root("Rekeyed");
    let rekey_b = root("Rekeyed");
    let mut a_list: Vec<&Certificate> = certs[..8].iter().collect();
    a_list.push(&rekey_a);
    let mut b_list: Vec<&Certificate> = certs[4..].iter().collect();
    b_list.push(&rekey_b);
    let d1 = diff::diff(&store("a", &a_list), &store("b", &b_list), &plain(at("2030-01-01")));
    a_list.reverse();
    b_list.reverse();
    let d2 = diff::diff(&store("a", &a_list), &store("b", &b_list), &plain(at("2030-01-01")));
    assert_eq!(d1, d2, "load order changed the result");
    let total_a = d1.only_in_a.len() + d1.in_both.len() + d1.rekeyed.iter().map(|r| r.a.len()).sum::<usize>();
    let total_b = d1.only_in_b.len() + d1.in_both.len() + d1.rekeyed.iter().map(|r| r.b.len()).sum::<usize>();
    assert_eq!((total_a, total_b), (9, 9));
    let sorted = |v: Vec<&str>| {
        let mut s = v.clone();
        s.sort();
        s == v
    };
    assert!(sorted(names(&d1.only_in_a)) && sorted(names(&d1.only_in_b)));
    assert_eq!(trustaudit::report::to_json("diff", &d1), trustaudit::report::to_json("diff", &d2));
}

#[test]
fn diff_json_carries_the_schema_kind_counts_and_flags() {
    let corp = root("Corp Root");
    let d: RootSetDiff = diff::diff(
        &store("system", &[&corp]),
        &store("mozilla", &[]),
        &DiffOptions { at: at("2030-01-01T00:00:00Z"), reference: Some(store("mozilla", &[])), distribution: None },
    );
    let v: serde_json::Value = serde_json::from_str(&trustaudit::report::to_json("diff", &d)).unwrap();
    assert_eq!(v["schema"], "trustaudit/1");
    assert_eq!(v["kind"], "diff");
    assert_eq!(v["at"], "2030-01-01T00:00:00Z");
    assert_eq!(v["reference"], "mozilla");
    assert_eq!(v["a"]["name"], "system");
    assert_eq!(v["counts"]["only_in_a"], 1);
    assert_eq!(v["counts"]["locally_added"], 1);
    assert_eq!(v["only_in_a"][0]["name"], "Corp Root");
    assert_eq!(v["only_in_a"][0]["flags"], serde_json::json!(["locally_added"]));
    assert_eq!(v["only_in_a"][0]["sha256"], corp.id());
    assert_eq!(v["only_in_a"][0]["not_after"], "2040-01-01T00:00:00Z");
    assert!(v["only_in_a"][0].get("vendor_hint").is_none());
}

#[test]
fn the_audit_lists_vendor_named_roots_first_with_the_stores_that_lack_them() {
    let public = root("Public Root");
    let zscaler = root("Zscaler Root CA");
    let corp = root("Acme Internal Root");
    let mozilla = store("mozilla", &[&public]);
    let system = store("system", &[&public, &corp, &zscaler]);
    let go = store("go", &[&public, &corp]);
    let r = diff::audit(&[system, go], &mozilla, None, at("2030-01-01"));
    assert!(!r.clean);
    type Row<'a> = (&'a str, Option<&'a str>, Vec<&'a str>, Vec<&'a str>);
    let got: Vec<Row<'_>> = r
        .locally_added
        .iter()
        .map(|l| {
            (
                l.root.name.as_str(),
                l.root.vendor_hint.as_ref().map(|h| h.vendor),
                l.trusted_by.iter().map(String::as_str).collect(),
                l.missing_from.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Zscaler Root CA", Some("Zscaler"), vec!["system"], vec!["go"]),
            ("Acme Internal Root", None, vec!["system", "go"], vec![]),
        ]
    );
    let per_store: Vec<(&str, usize, usize, usize)> = r
        .stores
        .iter()
        .map(|s| (s.store.name.as_str(), s.in_mozilla, s.locally_added, s.missing_mozilla_roots))
        .collect();
    assert_eq!(per_store, [("system", 1, 2, 0), ("go", 1, 1, 0)]);
    assert_eq!(
        r.advice,
        [
            "\"Zscaler Root CA\" looks like Zscaler (corporate proxy): if your organisation runs it, every tool needs this root; \
             if not, something on this machine is intercepting TLS — remove the root and find what installed it.",
            "\"Zscaler Root CA\" is trusted by system but not by go: tools reading those stores will fail behind a proxy that uses it \
             (`trustaudit diff system go` lists the differences).",
            "Check the 1 root(s) above that Mozilla does not ship: keep the ones your organisation or distribution put there on purpose; \
             `trustaudit show <file>` prints one in full.",
        ]
    );
}

#[test]
fn an_audit_of_stores_holding_only_mozilla_roots_is_clean() {
    let mozilla = TrustStore::mozilla();
    let copy = mozilla.renamed("copy", trustaudit::store::StoreKind::Memory, Vec::new());
    let r = diff::audit(&[copy], &mozilla, None, UnixTime::now());
    assert!(r.clean);
    assert!(r.locally_added.is_empty());
    assert_eq!(r.stores[0].in_mozilla, mozilla.len());
    assert_eq!(r.advice, ["Nothing to do: every store holds only roots Mozilla ships."]);
}
