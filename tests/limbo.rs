//! x509-limbo conformance: every applicable testcase of tests/data/limbo.json (a copy of
//! ../shared/x509-limbo/limbo.json; see tests/data/README.md) through `verify::verify` with the
//! strict profile, scored per group next to rustls-webpki's and pyca/cryptography's results on
//! the same file.
//!
//! Cases we cannot express are skipped, with the reason counted: CLIENT validation with RFC 822
//! peer names, CRLs (no revocation input), `max_chain_depth` and `key_usage` limits.
//! Every case whose result differs from the expected one must be listed in
//! tests/limbo_expected_differences.txt with a reason; a listed case that starts passing fails
//! the test too, so the list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use trustaudit::cert::UnixTime;
use trustaudit::verify::{self, Usage, VerifyOptions};
use trustaudit::{Certificate, TrustStore};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Why a case is not run, or `None` when it is applicable.
fn skip_reason(t: &Value) -> Option<&'static str> {
    if t["validation_kind"] != "SERVER" {
        return Some("CLIENT validation (RFC 822 peer names)");
    }
    if t["crls"].as_array().is_some_and(|c| !c.is_empty()) {
        return Some("CRLs (revocation is not an input of verify)");
    }
    if !t["max_chain_depth"].is_null() {
        return Some("max_chain_depth limit");
    }
    if t["key_usage"].as_array().is_some_and(|k| !k.is_empty()) {
        return Some("key_usage limit");
    }
    None
}

/// Runs one case: `true` when trustaudit accepts the chain.
fn accepts(t: &Value) -> (bool, String) {
    let Some(peer) = t["peer_certificate"].as_str() else { return (false, "no peer".into()) };
    let leaf = match Certificate::from_pem_or_der(peer.as_bytes()) {
        Ok(c) => c,
        Err(e) => return (false, format!("leaf does not parse: {e}")),
    };
    let mut chain = vec![leaf];
    for pem in t["untrusted_intermediates"].as_array().into_iter().flatten() {
        if let Some(Ok(c)) = pem.as_str().map(|p| Certificate::from_pem_or_der(p.as_bytes())) {
            chain.push(c);
        }
    }
    let roots: String =
        t["trusted_certs"].as_array().into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join("\n");
    let store = match TrustStore::from_bytes("limbo", roots.as_bytes()) {
        Ok(s) => s,
        Err(e) => return (false, format!("trust store: {e}")),
    };
    let at = match t["validation_time"].as_str() {
        Some(s) => UnixTime::parse(s).expect("limbo validation_time parses"),
        None => UnixTime::now(),
    };
    let mut opts = VerifyOptions::at(at);
    if let Some(name) = t["expected_peer_name"]["value"].as_str() {
        opts.name = Some(name.to_owned());
    }
    if t["extended_key_usage"].as_array().is_some_and(|e| e.iter().any(|x| x == "clientAuth")) {
        opts.usage = Usage::ClientAuth;
    }
    match verify::verify(&chain, &store, &opts) {
        Ok(v) if v.trusted => (true, String::new()),
        Ok(v) => (false, v.failure().map(|f| f.to_string()).unwrap_or_default()),
        Err(e) => (false, e.to_string()),
    }
}

fn group(id: &str) -> String {
    match id.rsplit_once("::") {
        Some((g, _)) => g.to_owned(),
        None => id.to_owned(),
    }
}

fn peer_results(file: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(data(&format!("limbo_results/{file}.json"))).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r["id"].as_str()?.to_owned(), r["actual_result"].as_str()?.to_owned())))
        .collect()
}

#[test]
fn strict_profile_matches_limbo_except_the_listed_differences() {
    let path = data("limbo.json");
    let text = std::fs::read_to_string(&path).expect("tests/data/limbo.json is committed");
    let limbo: Value = serde_json::from_str(&text).expect("limbo.json is JSON");
    let cases = limbo["testcases"].as_array().expect("testcases");
    let listed: BTreeMap<String, String> =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo_expected_differences.txt"))
            .expect("tests/limbo_expected_differences.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (id, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
                assert!(!reason.trim().is_empty(), "{id}: every listed difference needs a reason");
                (id.to_owned(), reason.trim().to_owned())
            })
            .collect();
    let webpki = peer_results("rustls-webpki");
    let pyca = peer_results("pyca-cryptography");

    // group -> [ran, ours, webpki ran, webpki matched, pyca ran, pyca matched]
    let mut groups: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    // On the cases each peer ran: [peer matched, we matched] for rustls-webpki and pyca.
    let mut common = [[0usize; 2]; 2];
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong = BTreeSet::new();
    let mut slow = Vec::new();
    let mut ran_ids = BTreeSet::new();
    for t in cases {
        let id = t["id"].as_str().expect("id").to_owned();
        let expected = t["expected_result"] == "SUCCESS";
        let expected_text = if expected { "SUCCESS" } else { "FAILURE" };
        if let Some(reason) = skip_reason(t) {
            *skipped.entry(reason).or_default() += 1;
            continue;
        }
        ran_ids.insert(id.clone());
        let start = Instant::now();
        let (ok, why) = accepts(t);
        if start.elapsed() > Duration::from_secs(2) {
            slow.push(format!("{id} took {:?}", start.elapsed()));
        }
        let g = groups.entry(group(&id)).or_default();
        g[0] += 1;
        if ok == expected {
            g[1] += 1;
        } else {
            wrong.insert(id.clone());
            if !listed.contains_key(&id) {
                eprintln!(
                    "MISMATCH {id}: expected {expected_text}, got {}{}",
                    if ok { "SUCCESS" } else { "FAILURE: " },
                    why
                );
            }
        }
        for (k, (i, peer)) in [(2, &webpki), (4, &pyca)].into_iter().enumerate() {
            if let Some(r) = peer.get(&id).filter(|r| *r == "SUCCESS" || *r == "FAILURE") {
                g[i] += 1;
                if r == expected_text {
                    g[i + 1] += 1;
                    common[k][0] += 1;
                }
                if ok == expected {
                    common[k][1] += 1;
                }
            }
        }
    }

    let mut total = [0usize; 6];
    eprintln!("{:<28} {:>5} {:>11} {:>15} {:>15}", "group", "ran", "trustaudit", "rustls-webpki", "pyca");
    for (g, n) in &groups {
        eprintln!(
            "{g:<28} {:>5} {:>11} {:>15} {:>15}",
            n[0],
            n[1],
            format!("{}/{}", n[3], n[2]),
            format!("{}/{}", n[5], n[4])
        );
        for i in 0..6 {
            total[i] += n[i];
        }
    }
    eprintln!(
        "{:<28} {:>5} {:>11} {:>15} {:>15}",
        "total",
        total[0],
        total[1],
        format!("{}/{}", total[3], total[2]),
        format!("{}/{}", total[5], total[4])
    );
    for (reason, n) in &skipped {
        eprintln!("skipped {n}: {reason}");
    }

    assert!(slow.is_empty(), "cases over the time budget: {slow:?}");
    let unlisted: Vec<_> = wrong.iter().filter(|id| !listed.contains_key(*id)).collect();
    let now_pass: Vec<_> = listed.keys().filter(|id| ran_ids.contains(*id) && !wrong.contains(*id)).collect();
    assert!(unlisted.is_empty(), "cases that fail and are not in the expected-differences list: {unlisted:?}");
    assert!(now_pass.is_empty(), "listed cases that now pass (remove them from the list): {now_pass:?}");
    eprintln!(
        "on the {} cases rustls-webpki also ran: trustaudit {}, rustls-webpki {}",
        total[2], common[0][1], common[0][0]
    );
    eprintln!(
        "on the {} cases pyca/cryptography also ran: trustaudit {}, pyca {}",
        total[4], common[1][1], common[1][0]
    );
    // The strict profile must beat both reference verifiers, on the cases it runs and on the
    // cases each of them runs.
    assert!(total[1] * total[2] > total[3] * total[0], "not better than rustls-webpki");
    assert!(common[0][1] > common[0][0], "not better than rustls-webpki on its own cases");
    assert!(common[1][1] > common[1][0], "not better than pyca/cryptography on its own cases");
}
