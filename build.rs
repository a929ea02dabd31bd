//! Gives the shared library its SONAME, `libtrustaudit.so.<ABI version>`, so a program linked
//! against it records the ABI it was built for and the dynamic loader refuses a later,
//! incompatible library instead of letting it run. The version is `ffi::ABI_VERSION`, read
//! from its source so it is written in one place.

use std::fs;

fn main() {
    println!("cargo:rerun-if-changed=src/ffi/mod.rs");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let source = fs::read_to_string("src/ffi/mod.rs").expect("src/ffi/mod.rs is readable");
    let abi = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("pub const ABI_VERSION: u32 = ")?.strip_suffix(';'))
        .and_then(|v| v.parse::<u32>().ok())
        .expect("src/ffi/mod.rs defines `pub const ABI_VERSION: u32 = N;`");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libtrustaudit.so.{abi}");
}
