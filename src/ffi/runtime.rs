//! `trustaudit_runtime`: the stable numbers C uses to select a runtime, converted from
//! `uint32_t` with a fallback (a Rust enum is never taken by value from C).

use std::ffi::c_char;

use super::{boundary_or, FfiError};
use crate::runtime::Runtime;

/// A TLS client whose trust and verification rules trustaudit models. Functions take it as a
/// `uint32_t`; a value not listed here gives `TRUSTAUDIT_RESULT_INVALID_ARGUMENT`. Values are
/// fixed forever; new runtimes get new numbers.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_runtime {
    /// Go's crypto/x509 (`go mod download`, most Go programs).
    Go = 0,
    /// OpenSSL's default verify paths and `X509_check_host`.
    Openssl = 1,
    /// curl (its compiled-in CA path, `CURL_CA_BUNDLE`).
    Curl = 2,
    /// Python's `ssl` module default context.
    Python = 3,
    /// certifi's bundle as `requests` uses it (`REQUESTS_CA_BUNDLE`).
    Certifi = 4,
    /// pip (its vendored certifi, or the system store through truststore).
    Pip = 5,
    /// Node.js (compiled-in Mozilla set plus `NODE_EXTRA_CA_CERTS`).
    Node = 6,
    /// git over HTTPS (`http.sslCAInfo`, `GIT_SSL_CAINFO`).
    Git = 7,
    /// cargo (`http.cainfo`, `CARGO_HTTP_CAINFO`).
    Cargo = 8,
    /// rustls with rustls-webpki (the strict profile, no CN fallback).
    Rustls = 9,
}

/// Converts a runtime selector that came from C.
pub(crate) fn runtime_from_u32(value: u32, what: &str) -> Result<Runtime, FfiError> {
    Ok(match value {
        0 => Runtime::Go,
        1 => Runtime::Openssl,
        2 => Runtime::Curl,
        3 => Runtime::Python,
        4 => Runtime::Certifi,
        5 => Runtime::Pip,
        6 => Runtime::Node,
        7 => Runtime::Git,
        8 => Runtime::Cargo,
        9 => Runtime::Rustls,
        _ => {
            return Err(FfiError::invalid(
                what,
                format!(
                    "{value} is not a runtime (TRUSTAUDIT_RUNTIME_GO .. TRUSTAUDIT_RUNTIME_RUSTLS)"
                ),
            ))
        }
    })
}

/// Static C names by selector value (the JSON names, which `Runtime::name` also returns).
const NAMES: [&std::ffi::CStr; 10] = [
    c"go", c"openssl", c"curl", c"python", c"certifi", c"pip", c"node", c"git", c"cargo", c"rustls",
];

/// The selector's lowercase name as the command line and JSON reports spell it (`"go"`,
/// `"openssl"`, …), or NULL for a value that names no runtime. Static: do not free.
/// Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_runtime_name(runtime: u32) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        runtime_from_u32(runtime, "runtime")?;
        // NOTE: indexes line up with `runtime_from_u32`, checked just above and by the tests.
        let name = NAMES
            .get(usize::try_from(runtime).unwrap_or(usize::MAX))
            .copied();
        let name = name.ok_or_else(|| FfiError::invalid("runtime", "no name"))?;
        Ok(name.as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_names_the_runtime_the_library_calls_by_that_name() {
        for v in 0..10u32 {
            let rt = runtime_from_u32(v, "runtime").unwrap();
            let p = trustaudit_runtime_name(v);
            // SAFETY: a non-NULL result is a static NUL-terminated string.
            let name = unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap();
            assert_eq!(name, rt.name());
        }
        assert!(trustaudit_runtime_name(10).is_null());
        assert_eq!(
            runtime_from_u32(u32::MAX, "runtime").unwrap_err().message,
            "runtime: 4294967295 is not a runtime (TRUSTAUDIT_RUNTIME_GO .. TRUSTAUDIT_RUNTIME_RUSTLS)"
        );
    }
}
