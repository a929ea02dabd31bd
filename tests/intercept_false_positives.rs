//! Zero false positives: public chains must come out `clean`. Every root of Mozilla's set is
//! used as the anchor of a public-looking chain with valid SCTs, and the real public chains of
//! x509-limbo's `online::` cases are judged with the real CT log list.

mod intercept_fixtures;

use intercept_fixtures::{dn, intermediate, logged_leaf, lookalike_root, TestLog};
use rcgen::DnType::{CommonName as CN, OrganizationName as O};
use serde::Deserialize;
use trustaudit::cert::UnixTime;
use trustaudit::intercept::{AnchorKind, Catalogue, Inspector, Level, SctSummary};
use trustaudit::{Certificate, TrustStore};

#[test]
fn no_mozilla_root_name_matches_the_catalogue() {
    let mozilla = TrustStore::mozilla();
    assert!(mozilla.len() > 100);
    for r in mozilla.roots() {
        assert!(
            Catalogue::embedded().match_name(r.cert.subject()).is_none(),
            "{} matches {:?}",
            r.cert.subject(),
            Catalogue::embedded().match_name(r.cert.subject()).map(|p| &p.id)
        );
    }
}

#[test]
fn no_root_of_the_distribution_bundle_matches_the_catalogue() {
    // The distribution's bundle holds roots Mozilla dropped (about 51 on Debian); none of them is
    // an interception product either. Read by explicit path so the environment cannot redirect it.
    let path = std::path::Path::new("/etc/ssl/certs/ca-certificates.crt");
    if !path.exists() {
        eprintln!("skipped: {} does not exist on this machine", path.display());
        return;
    }
    let store = TrustStore::from_path("debian", path).expect("bundle loads");
    assert!(store.len() > 100, "{} roots", store.len());
    for r in store.roots() {
        assert!(Catalogue::embedded().match_name(r.cert.subject()).is_none(), "{}", r.cert.subject());
    }
}

#[test]
fn every_mozilla_root_anchoring_a_public_looking_chain_with_valid_scts_is_clean() {
    let log = TestLog::new("Test 'Sweep2026' log");
    let at = UnixTime::parse("2026-02-01T00:00:00Z").expect("time");
    let real = TrustStore::mozilla();
    let lookalikes: Vec<_> = real.roots().iter().map(|r| lookalike_root(&r.cert)).collect();
    let store = TrustStore::from_certificates("mozilla", lookalikes.iter().map(|l| l.cert.clone()));
    assert_eq!(store.len(), real.len());
    let inspector = Inspector::new(&store).with_log_list(&log.list).at(at);
    let mut judged = 0;
    for (i, root) in lookalikes.iter().enumerate() {
        let inter = intermediate(root, dn(&[(CN, "Public Issuing CA 2026"), (O, "Public Trust Services")]));
        let host = format!("www.site{i}.com");
        let leaf = logged_leaf(&inter, &[host.as_str()], &log, 2);
        // Servers send the intermediate; some send the root too.
        for chain in [vec![leaf.clone(), inter.cert.clone()], vec![leaf, inter.cert.clone(), root.cert.clone()]] {
            let v = inspector.inspect(&chain, Some(&host)).expect("verdict");
            assert_eq!(v.verdict, Level::Clean, "{}: {:#?}", root.cert.subject(), v.evidence);
            assert_eq!(v.anchor.kind, AnchorKind::Mozilla, "{}", root.cert.subject());
            assert_eq!(v.sct_summary, SctSummary::Verified);
            assert!(v.product.is_none());
            judged += 1;
        }
    }
    assert_eq!(judged, 2 * real.len());
    eprintln!("false-positive sweep: {judged} chains over {} Mozilla roots, all clean", real.len());
}

#[derive(Deserialize)]
struct Online {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    host: String,
    validation_time: String,
    peer_certificate: String,
    untrusted_intermediates: Vec<String>,
}

#[test]
fn the_limbo_online_chains_are_clean_with_the_real_log_list() {
    let online: Online = serde_json::from_str(include_str!("data/limbo_online.json")).expect("fixture parses");
    let mozilla = TrustStore::mozilla();
    assert_eq!(online.testcases.len(), 14);
    for c in online.testcases {
        let mut chain = vec![Certificate::from_pem_or_der(c.peer_certificate.as_bytes()).expect("leaf")];
        for p in &c.untrusted_intermediates {
            chain.push(Certificate::from_pem_or_der(p.as_bytes()).expect("intermediate"));
        }
        let at = UnixTime::parse(&c.validation_time).expect("time");
        let v = Inspector::new(&mozilla).at(at).inspect(&chain, Some(&c.host)).expect("verdict");
        assert_eq!(v.verdict, Level::Clean, "{}: {:#?}", c.id, v.evidence);
        assert_eq!(v.anchor.kind, AnchorKind::Mozilla, "{}", c.id);
        assert_eq!(v.sct_summary, SctSummary::Verified, "{}", c.id);
        assert!(v.scts.iter().all(|s| s.counts), "{}", c.id);
        assert!(v.confidence >= 0.95, "{}", c.id);
    }
}
