//! Building runtime views on this machine: what the plain `trustaudit` audit pays for
//! "who trusts what". Issue 3 asks for the whole audit under 20 ms, so every view together
//! must stay well below that. Reads the real files of this machine (warm page cache).

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use trustaudit::runtime::{self, Environment, Runtime};

fn views(c: &mut Criterion) {
    let env = Environment::from_process();
    let bare = Environment::from_process().without_trust_variables();
    // Warm the node binary scan cache, as every audit after the first finds it.
    let _ = runtime::all_views(&env);
    let mut g = c.benchmark_group("runtime_views");
    g.sample_size(30);
    g.bench_function("all_views_process_env", |b| b.iter(|| runtime::all_views(&env)));
    g.bench_function("all_views_no_trust_variables", |b| b.iter(|| runtime::all_views(&bare)));
    for rt in [Runtime::Go, Runtime::Python, Runtime::Node] {
        g.bench_function(format!("view_{rt}"), |b| b.iter(|| runtime::view(rt, &env)));
    }
    g.finish();
}

criterion_group!(benches, views);
criterion_main!(benches);
