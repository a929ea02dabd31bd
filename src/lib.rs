//! trustaudit: audit TLS trust on a machine.
//!
//! Data flows down through the layers, never back up:
//!
//! * sources: PEM/DER files, the OS store, the embedded Mozilla set, the wire;
//! * [`cert`]: a parsed certificate that owns its DER;
//! * [`store`]: named, de-duplicated root sets plus the diagnostics met while loading;
//! * [`runtime`]: which roots each runtime (Go, OpenSSL, Python, Node.js, git, cargo) really reads;
//! * [`diff`], [`verify`], [`hostname`], [`ct`], [`intercept`]: pure analyses over those values;
//! * `probe` and [`doctor`]: the only layers that do network I/O;
//! * [`report`]: the versioned JSON and text renderings;
//! * [`ffi`]: the C ABI, the only module allowed to use `unsafe`.

pub mod cert;
pub mod ct;
pub mod diff;
#[cfg(feature = "probe")]
pub mod doctor;
pub mod hostname;
pub mod intercept;
pub mod limits;
#[cfg(feature = "probe")]
pub mod probe;
pub mod report;
pub mod runtime;
pub mod store;
pub mod verify;

#[allow(unsafe_code)] // the C ABI; the only module allowed to use `unsafe` or `#[unsafe(no_mangle)]`
pub mod ffi;

pub use cert::{CertError, Certificate};
pub use store::{Diagnostic, TrustStore};
