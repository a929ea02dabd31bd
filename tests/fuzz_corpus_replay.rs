//! Replays every committed fuzz corpus through the same function its fuzz target calls, so the
//! harness cannot rot and every crash ever found stays fixed. Fails when a target has no corpus.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("cert", harness::cert),
    ("pem_bundle", harness::pem_bundle),
    ("pem_split_diff", harness::pem_split_diff),
    ("chain_verify", harness::chain_verify),
    ("hostname", harness::hostname),
    ("name_webpki_diff", harness::name_webpki_diff),
    ("sct", harness::sct),
    ("verdict", harness::verdict),
    ("config", harness::config),
    ("probe_flight", harness::probe_flight),
    ("ffi", harness::ffi),
];

fn replay(target: &str, run: Target) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("fuzz/corpus/{target} is missing ({e}): commit a seed corpus"))
        .map(|e| e.expect("readable corpus entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "fuzz/corpus/{target} is empty: commit at least one seed");
    for f in &files {
        let data = std::fs::read(f).expect("readable corpus file");
        run(&data);
    }
    files.len()
}

#[test]
fn every_fuzz_target_has_a_corpus_that_replays_without_a_panic() {
    let mut total = 0;
    for (name, run) in TARGETS {
        let n = replay(name, *run);
        println!("{name}: {n} inputs replayed");
        total += n;
    }
    assert!(total >= TARGETS.len());
}

#[test]
fn every_fuzz_target_binary_is_replayed_here() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("fuzz/fuzz_targets")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
        .collect();
    on_disk.sort();
    let mut here: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    here.sort();
    assert_eq!(on_disk, here, "every fuzz target must be listed in TARGETS");
}
