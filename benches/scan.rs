//! `scan` throughput: 1,000 endpoints on loopback (one rustls server, 1,000 SNI names under a
//! wildcard certificate) at concurrency 64, through the library's `probe::scan` with the same
//! per-host judgement the command does (interception verdict). The bar: ≥ 500 hosts/s.
//!
//! With `TRUSTAUDIT_BENCH_SERVE=DIR` it only starts the server, writes `DIR/hosts.txt` (the
//! scan list) and `DIR/port`, and serves until killed: benches/peers/scan.sh uses that to run
//! `trustaudit scan`, `openssl s_client` and `sslyze` on the same endpoints.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

#[path = "../tests/proxies/support.rs"]
mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use support::{Ca, LeafSpec, TlsServer};
use trustaudit::intercept::Inspector;
use trustaudit::probe::scan::{self, ScanTarget};
use trustaudit::probe::{Environment, ProbeOptions, ProxySetting, Target, Timeouts};
use trustaudit::store::TrustStore;

// Also written as 1000.0 / 1000 below, where a literal avoids an `as` conversion.
const HOSTS: usize = 1_000;
const CONCURRENCY: usize = 64;

fn server() -> (TlsServer, Ca) {
    let ca = Ca::root("Trustaudit Bench Root", "Trustaudit Bench");
    let leaf = ca.leaf(&LeafSpec::valid("*.bench.trustaudit.test", &["*.bench.trustaudit.test"]));
    (TlsServer::start(vec![leaf.der, ca.der()], leaf.key, None), ca)
}

fn targets(addr: SocketAddr) -> Vec<ScanTarget> {
    (0..HOSTS)
        .map(|i| ScanTarget {
            target: Target { host: format!("h{i:04}.bench.trustaudit.test"), port: addr.port() },
            connect_to: Some(addr),
            line: i + 1,
        })
        .collect()
}

fn run_scan(targets: &[ScanTarget], inspector: &Inspector<'_>) -> usize {
    let options = ProbeOptions {
        proxy: ProxySetting::Direct,
        timeouts: Timeouts::all(Duration::from_secs(10)),
        ..ProbeOptions::default()
    };
    let mut ok = 0;
    scan::scan(
        targets,
        &options,
        &Environment::new(),
        CONCURRENCY,
        |item, report| {
            let chain = report.certificates();
            report.failure.is_none() && inspector.inspect(&chain, Some(&item.target.host)).is_ok()
        },
        |_, good| ok += usize::from(good),
    );
    ok
}

fn bench_scan(c: &mut Criterion) {
    let (server, _ca) = server();
    let list = targets(server.addr);
    let mozilla = TrustStore::mozilla();
    let inspector = Inspector::new(&mozilla);
    let started = Instant::now();
    let ok = run_scan(&list, &inspector);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "scan warm-up: {ok}/{HOSTS} hosts in {secs:.2} s = {:.0} hosts/s at concurrency {CONCURRENCY}",
        1000.0 / secs
    );
    assert_eq!(ok, HOSTS, "every loopback probe must succeed");
    let mut group = c.benchmark_group("scan");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Elements(1000));
    group.bench_function("1000_loopback_hosts_concurrency_64", |b| b.iter(|| run_scan(&list, &inspector)));
    group.finish();
}

criterion_group!(benches, bench_scan);

fn main() {
    if let Some(dir) = std::env::var_os("TRUSTAUDIT_BENCH_SERVE") {
        let dir = std::path::PathBuf::from(dir);
        let (server, ca) = server();
        let list: String =
            targets(server.addr).iter().map(|t| format!("{} {}\n", t.target.authority(), server.addr)).collect();
        std::fs::write(dir.join("hosts.txt"), list).expect("write hosts.txt");
        std::fs::write(dir.join("root.pem"), ca.pem()).expect("write root.pem");
        std::fs::write(dir.join("port"), server.addr.port().to_string()).expect("write port");
        // Serve until the script kills us; bounded so a forgotten server does not live forever.
        std::thread::sleep(Duration::from_secs(1800));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
