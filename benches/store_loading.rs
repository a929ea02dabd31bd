//! Loading trust stores and the full audit. Issue 3 asks for loading and parsing the system
//! bundle at least 5× faster than Go's `x509.SystemCertPool()` and Python's
//! `ssl.create_default_context()` + `get_ca_certs()` (benches/peers/store_loading.sh runs those
//! on the same bundle and prints the ratios), and for the whole `trustaudit` audit under 20 ms.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use trustaudit::cert::UnixTime;
use trustaudit::diff;
use trustaudit::store::{DistributionSet, SystemPaths, TrustStore};

const BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

fn bundle() -> Option<PathBuf> {
    let p = Path::new(BUNDLE);
    if p.exists() {
        Some(p.to_path_buf())
    } else {
        eprintln!("skipped the system-bundle benchmarks: {BUNDLE} does not exist");
        None
    }
}

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("store_loading");
    g.bench_function("mozilla_compiled_in", |b| b.iter(TrustStore::mozilla));
    if let Some(path) = bundle() {
        let n = TrustStore::from_path("bundle", &path).map(|s| s.len()).unwrap_or(0);
        g.throughput(Throughput::Elements(u64::try_from(n).unwrap_or(0)));
        g.bench_function("system_bundle_file", |b| b.iter(|| TrustStore::from_path("bundle", &path).map(|s| s.len())));
        // What the audit loads on a Debian-like machine: the bundle plus /etc/ssl/certs.
        let paths = SystemPaths {
            file: Some(path.clone()),
            dirs: vec![PathBuf::from("/etc/ssl/certs")],
            ssl_cert_file: None,
            ssl_cert_dir: None,
        };
        g.bench_function("system_bundle_and_directory", |b| b.iter(|| TrustStore::system_from(&paths).len()));
        g.bench_function("distribution_package", |b| b.iter(|| DistributionSet::load().map(|d| d.len())));
    }
    g.finish();
}

fn audit(c: &mut Criterion) {
    let mut g = c.benchmark_group("audit");
    let mozilla = TrustStore::mozilla();
    let system = TrustStore::system();
    let dist = DistributionSet::load();
    let now = UnixTime::now();
    g.bench_function("compare_loaded_stores", |b| {
        b.iter(|| diff::audit(std::slice::from_ref(&system), &mozilla, dist.as_ref(), now).locally_added.len())
    });
    g.bench_function("load_and_compare_everything", |b| {
        b.iter(|| {
            let mozilla = TrustStore::mozilla();
            let stores = [TrustStore::system()];
            let dist = DistributionSet::load();
            diff::audit(&stores, &mozilla, dist.as_ref(), UnixTime::now()).locally_added.len()
        })
    });
    g.finish();
}

criterion_group!(benches, loading, audit);
criterion_main!(benches);
