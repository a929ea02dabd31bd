//! The Rust side of the C ABI overhead comparison (`make bench-c`): the name check and chain
//! verification called directly, on the same certificates and with the same per-call work the
//! C entry points do (parse the name, build the options). benches/c/overhead.c times the same
//! calls through the C ABI and benches/c/run.sh prints the difference.
//!
//! Fixtures come from `TRUSTAUDIT_BENCH_FIXTURES` (a directory tests/c/fixtures.sh wrote);
//! without it, this bench runs that script into a temporary directory.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use trustaudit::hostname::{self, Name};
use trustaudit::runtime::Runtime;
use trustaudit::verify::{Verifier, VerifyOptions};
use trustaudit::{Certificate, TrustStore};

fn fixtures() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(dir) = std::env::var_os("TRUSTAUDIT_BENCH_FIXTURES") {
        return (PathBuf::from(dir), None);
    }
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/c/fixtures.sh");
    let ok = std::process::Command::new("bash").arg(script).arg(tmp.path()).status().is_ok_and(|s| s.success());
    assert!(ok, "tests/c/fixtures.sh failed (it needs openssl)");
    (tmp.path().to_path_buf(), Some(tmp))
}

fn overhead(c: &mut Criterion) {
    let (dir, _keep) = fixtures();
    let pem = std::fs::read(dir.join("leaf-chain.pem")).expect("leaf-chain.pem");
    let chain = Certificate::all_from_pem_or_der(&pem).expect("the fixture chain parses");
    let store = TrustStore::from_path("root", &dir.join("root.pem")).expect("root.pem loads");
    let verifier = Verifier::new(&store);
    let leaf = &chain[0];

    c.bench_function("ffi_overhead/rust/name_check", |b| {
        b.iter(|| {
            let name = Name::parse(black_box("www.example.test")).expect("a valid name");
            black_box(hostname::check(black_box(leaf), &name, Runtime::Go).matched)
        })
    });
    c.bench_function("ffi_overhead/rust/verify", |b| {
        b.iter(|| {
            let opts = VerifyOptions::now().with_name(black_box("www.example.test"));
            black_box(verifier.verify(black_box(&chain), &opts).expect("verifies").trusted)
        })
    });
}

criterion_group!(benches, overhead);
criterion_main!(benches);
