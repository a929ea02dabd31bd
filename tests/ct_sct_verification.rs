//! Embedded SCTs on real public chains (the `online::` cases of x509-limbo) verify against the
//! embedded CT log list, name real logs, and stop verifying when one byte changes.

use serde::Deserialize;
use trustaudit::ct::{self, LogList, SctStatus};
use trustaudit::Certificate;

#[derive(Deserialize)]
struct Online {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    peer_certificate: String,
    untrusted_intermediates: Vec<String>,
}

fn cases() -> Vec<(String, Certificate, Vec<Certificate>)> {
    let text = include_str!("data/limbo_online.json");
    let online: Online = serde_json::from_str(text).expect("fixture parses");
    online
        .testcases
        .into_iter()
        .map(|c| {
            let leaf = Certificate::from_pem_or_der(c.peer_certificate.as_bytes()).expect("leaf");
            let inter = c
                .untrusted_intermediates
                .iter()
                .map(|p| Certificate::from_pem_or_der(p.as_bytes()).expect("intermediate"))
                .collect();
            (c.id, leaf, inter)
        })
        .collect()
}

fn issuer_of<'a>(leaf: &Certificate, candidates: &'a [Certificate]) -> &'a Certificate {
    candidates.iter().find(|c| leaf.names_as_issuer(c)).expect("issuer in chain")
}

#[test]
fn every_sct_on_the_online_chains_verifies_and_names_a_real_log() {
    let logs = LogList::embedded();
    let mut total = 0;
    for (id, leaf, inter) in cases() {
        let issuer = issuer_of(&leaf, &inter);
        let checks = ct::check_leaf_scts(&leaf, Some(issuer), &[], logs).expect("list parses");
        assert!(checks.len() >= 2, "{id}: {} SCTs", checks.len());
        for c in &checks {
            assert_eq!(c.status, SctStatus::Verified, "{id}: {}", c.detail);
            assert!(c.counts, "{id}: {}", c.detail);
            let description = c.log_description.as_deref().expect("log named");
            assert!(!description.is_empty());
            assert!(c.detail.starts_with("embedded SCT from "), "{}", c.detail);
        }
        total += checks.len();
    }
    assert_eq!(total, 38, "the 14 online chains carry 38 SCTs");
}

#[test]
fn google_com_scts_name_tiger_and_xenon() {
    let (_, leaf, inter) = cases().into_iter().find(|(id, _, _)| id == "online::google.com").expect("case");
    let checks = ct::check_leaf_scts(&leaf, Some(issuer_of(&leaf, &inter)), &[], LogList::embedded()).expect("parses");
    let names: Vec<_> = checks.iter().filter_map(|c| c.log_description.clone()).collect();
    assert_eq!(names, ["Sectigo 'Tiger2026h1'", "Google 'Xenon2026h1' log"]);
    assert_eq!(checks[0].detail, "embedded SCT from Sectigo 'Tiger2026h1' (usable) verifies");
}

#[test]
fn a_flipped_timestamp_or_signature_byte_fails_verification() {
    let logs = LogList::embedded();
    for (id, leaf, inter) in cases() {
        let issuer = issuer_of(&leaf, &inter);
        let scts = ct::parse_embedded(leaf.sct_list_extension().expect("has SCTs")).expect("parses");
        let entry = ct::SignedEntry::precert(&leaf, issuer);
        for sct in &scts {
            let mut t = sct.clone();
            t.timestamp_ms ^= 1;
            let c = ct::check_sct(&t, Some(&entry), logs);
            assert_eq!(c.status, SctStatus::InvalidSignature, "{id}");
            let mut s = sct.clone();
            let last = s.signature.len() - 1;
            s.signature[last] ^= 0x01;
            assert_eq!(ct::check_sct(&s, Some(&entry), logs).status, SctStatus::InvalidSignature);
        }
    }
}

#[test]
fn a_flipped_byte_in_the_leaf_fails_every_sct() {
    let logs = LogList::embedded();
    for (id, leaf, inter) in cases() {
        let issuer = issuer_of(&leaf, &inter);
        // Flip a byte inside the first SAN dNSName: still a parsable certificate, different TBS.
        let name = leaf.dns_names().next().expect("SAN").to_owned();
        let der = leaf.der().to_vec();
        let at = der.windows(name.len()).position(|w| w == name.as_bytes()).expect("name in DER");
        let mut tampered = der.clone();
        tampered[at] ^= 0x20; // toggle ASCII case
        let tampered = Certificate::from_der(&tampered).expect("still parses");
        let checks = ct::check_leaf_scts(&tampered, Some(issuer), &[], logs).expect("parses");
        assert!(!checks.is_empty());
        for c in checks {
            assert_eq!(c.status, SctStatus::InvalidSignature, "{id}");
            assert!(c.detail.contains("signature does not verify over this certificate"));
        }
    }
}

#[test]
fn the_wrong_issuer_key_fails_every_sct() {
    let all = cases();
    let (_, leaf, inter) = &all[0];
    let (_, _, other_inter) = all.iter().find(|(_, _, i)| i[0] != inter[0]).expect("other CA");
    let checks = ct::check_leaf_scts(leaf, Some(&other_inter[0]), &[], LogList::embedded()).expect("parses");
    assert!(checks.iter().all(|c| c.status == SctStatus::InvalidSignature));
}

#[test]
fn an_embedded_sct_without_its_issuer_is_unverifiable_not_invalid() {
    let (_, leaf, _) = cases().remove(0);
    let checks = ct::check_leaf_scts(&leaf, None, &[], LogList::embedded()).expect("parses");
    assert_eq!(checks[0].status, SctStatus::Unverifiable);
    assert_eq!(
        checks[0].detail,
        "SCT from Sectigo 'Tiger2026h1' not checked: the certificate that issued the leaf is not in the chain"
    );
}

#[test]
fn an_empty_log_list_makes_every_sct_an_unknown_log() {
    let (_, leaf, inter) = cases().remove(0);
    let checks = ct::check_leaf_scts(&leaf, Some(&inter[0]), &[], &LogList::empty()).expect("ok");
    assert_eq!(checks[0].status, SctStatus::UnknownLog);
    assert_eq!(
        checks[0].detail,
        "SCT names log FoMtq/CpJQ8P8DqlRf/Iv8gj0IdL9gQpJ/jnHzMT9fo= that is not in the CT log list"
    );
}

#[test]
fn precert_tbs_drops_only_the_sct_extension() {
    let (_, leaf, _) = cases().remove(0);
    let tbs = ct::precert_tbs(leaf.der()).expect("rewrites");
    let ext = leaf.sct_list_extension().expect("sct");
    // The TBS shrinks by at least the SCT list and the bytes of the list are gone.
    assert!(tbs.len() + ext.len() < leaf.der().len());
    assert!(!tbs.windows(ext.len()).any(|w| w == ext));
    // Everything else is still there: the first SAN name survives.
    let name = leaf.dns_names().next().expect("SAN");
    assert!(tbs.windows(name.len()).any(|w| w == name.as_bytes()));
}
