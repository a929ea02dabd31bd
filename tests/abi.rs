//! The C ABI's stability checks from the Rust side: the committed header declares the ABI
//! version and library version the crate was built with, and the committed symbol list is
//! exactly what the shared library exports.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn header() -> String {
    std::fs::read_to_string(root().join("include/trustaudit.h"))
        .expect("include/trustaudit.h is committed; run `make header`")
}

fn macro_value(header: &str, name: &str) -> Option<String> {
    let prefix = format!("#define {name} ");
    header.lines().find_map(|l| l.strip_prefix(&prefix)).map(|v| v.trim().to_owned())
}

#[test]
fn header_abi_version_equals_the_crate_constant_and_the_exported_function() {
    let declared = macro_value(&header(), "TRUSTAUDIT_ABI_VERSION");
    assert_eq!(declared, Some(trustaudit::ffi::ABI_VERSION.to_string()));
    assert_eq!(trustaudit::ffi::report::trustaudit_abi_version(), trustaudit::ffi::ABI_VERSION);
}

#[test]
fn header_version_equals_the_package_version() {
    let declared = macro_value(&header(), "TRUSTAUDIT_VERSION");
    assert_eq!(declared, Some(format!("\"{}\"", env!("CARGO_PKG_VERSION"))));
    // SAFETY: trustaudit_version returns a static NUL-terminated string.
    #[allow(unsafe_code)]
    let runtime = unsafe { std::ffi::CStr::from_ptr(trustaudit::ffi::report::trustaudit_version()) };
    assert_eq!(runtime.to_str(), Ok(env!("CARGO_PKG_VERSION")));
}

/// Whether `header` has a prototype `… name(` (after a space or a `*`).
fn declares(header: &str, name: &str) -> bool {
    let call = format!("{name}(");
    header.match_indices(&call).any(|(i, _)| matches!(header[..i].chars().last(), Some(' ' | '*')))
}

#[test]
fn every_symbol_in_the_list_is_declared_in_the_header() {
    let header = header();
    let listed = std::fs::read_to_string(root().join("include/trustaudit.symbols")).unwrap();
    let missing: Vec<&str> = listed.lines().filter(|s| !declares(&header, s)).collect();
    assert!(missing.is_empty(), "listed but not declared in the header: {missing:?}");
}

fn shared_library() -> Option<PathBuf> {
    // The test binary lives in target/<profile>/deps; the cdylib one level up.
    let exe = std::env::current_exe().ok()?;
    let lib = exe.parent()?.parent()?.join("libtrustaudit.so");
    lib.exists().then_some(lib)
}

#[test]
fn symbol_list_equals_the_shared_library_exports() {
    let Some(lib) = shared_library() else {
        println!("skipped: libtrustaudit.so not built next to this test (run `cargo build`)");
        return;
    };
    let out = match Command::new("nm").args(["-D", "--defined-only"]).arg(&lib).output() {
        Ok(out) if out.status.success() => out,
        _ => {
            println!("skipped: `nm` is not available to list {}", lib.display());
            return;
        }
    };
    let mut exported: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_addr, kind, name) = (f.next()?, f.next()?, f.next()?);
            (kind == "T").then(|| name.to_owned())
        })
        .collect();
    exported.sort();
    let listed: Vec<String> = std::fs::read_to_string(root().join("include/trustaudit.symbols"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(exported.iter().all(|s| s.starts_with("trustaudit_")), "{exported:?}");
    assert_eq!(listed, exported, "run `make symbols` after adding a function; never remove one");
}
