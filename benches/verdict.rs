//! Interception verdict throughput: one presented public chain, judged against Mozilla's set
//! with every embedded SCT's signature checked against the embedded CT log list.
//! Issue 5 asks for at least 10,000 chains per second on one core.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;
use trustaudit::cert::UnixTime;
use trustaudit::ct;
use trustaudit::intercept::{Inspector, Level};
use trustaudit::{Certificate, TrustStore};

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

fn chain(id: &str) -> (Vec<Certificate>, String, UnixTime) {
    let online: Online = serde_json::from_str(include_str!("../tests/data/limbo_online.json"))
        .expect("fixture parses");
    let c = online.testcases.into_iter().find(|c| c.id == id).expect("case");
    let mut chain = vec![Certificate::from_pem_or_der(c.peer_certificate.as_bytes()).expect("leaf")];
    for p in &c.untrusted_intermediates {
        chain.push(Certificate::from_pem_or_der(p.as_bytes()).expect("intermediate"));
    }
    (chain, c.host, UnixTime::parse(&c.validation_time).expect("time"))
}

fn bench(c: &mut Criterion) {
    let mozilla = TrustStore::mozilla();
    let mut group = c.benchmark_group("verdict");
    group.throughput(Throughput::Elements(1));
    // google.com: ECDSA leaf, 2 SCTs; apple.com: 4 SCTs; amazon.com: RSA leaf, 3 SCTs.
    for id in ["online::google.com", "online::apple.com", "online::amazon.com"] {
        let (chain, host, at) = chain(id);
        let inspector = Inspector::new(&mozilla).at(at);
        let v = inspector.inspect(&chain, Some(&host)).expect("verdict");
        assert_eq!(v.verdict, Level::Clean);
        group.bench_function(id.trim_start_matches("online::"), |b| {
            b.iter(|| inspector.inspect(std::hint::black_box(&chain), Some(&host)).expect("verdict"))
        });
    }
    group.finish();

    // The floor: one SCT signature check (ECDSA P-256 with ring) over a prebuilt entry. A
    // verdict costs about its number of SCTs times this.
    let (chain, _, _) = chain("online::google.com");
    let scts = ct::parse_embedded(chain[0].sct_list_extension().expect("SCTs")).expect("parses");
    let entry = ct::SignedEntry::precert(&chain[0], &chain[1]);
    let logs = ct::LogList::embedded();
    assert_eq!(ct::check_sct(&scts[0], Some(&entry), logs).status, ct::SctStatus::Verified);
    let mut group = c.benchmark_group("sct");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one_signature", |b| {
        b.iter(|| ct::check_sct(std::hint::black_box(&scts[0]), Some(&entry), logs))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
