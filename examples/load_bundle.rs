//! Loads one PEM bundle into a trust store, once, in a fresh process, and prints how long that
//! took in microseconds: the trustaudit side of benches/peers/store_loading.sh, measured the way
//! the peers are (first load in a new process, timed inside it).
//!
//! Usage: `cargo run --release --example load_bundle -- /etc/ssl/certs/ca-certificates.crt`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use trustaudit::TrustStore;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: load_bundle <bundle.pem>");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let store = match TrustStore::from_path("bundle", &path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load_bundle: {e}");
            return ExitCode::from(3);
        }
    };
    let micros = start.elapsed().as_micros();
    println!("{micros} {}", store.len());
    ExitCode::SUCCESS
}
