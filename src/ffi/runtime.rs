//! `trustaudit_runtime`: the stable numbers C uses to select a runtime, converted from
//! `uint32_t` with a fallback (a Rust enum is never taken by value from C); and each runtime's
//! view of this machine's trust (its store, where it came from).

use std::ffi::c_char;

use serde::Serialize;

use super::store::{output_store, trustaudit_store};
use super::{boundary, boundary_or, output_string, trustaudit_result, FfiError};
use crate::report;
use crate::runtime::{self, Environment, Runtime, RuntimeViewSummary};

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
                format!("{value} is not a runtime (TRUSTAUDIT_RUNTIME_GO .. TRUSTAUDIT_RUNTIME_RUSTLS)"),
            ))
        }
    })
}

/// Static C names by selector value (the JSON names, which `Runtime::name` also returns).
const NAMES: [&std::ffi::CStr; 10] =
    [c"go", c"openssl", c"curl", c"python", c"certifi", c"pip", c"node", c"git", c"cargo", c"rustls"];

/// The selector's lowercase name as the command line and JSON reports spell it (`"go"`,
/// `"openssl"`, …), or NULL for a value that names no runtime. Static: do not free.
/// Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_runtime_name(runtime: u32) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        runtime_from_u32(runtime, "runtime")?;
        // NOTE: indexes line up with `runtime_from_u32`, checked just above and by the tests.
        let name = NAMES.get(usize::try_from(runtime).unwrap_or(usize::MAX)).copied();
        let name = name.ok_or_else(|| FfiError::invalid("runtime", "no name"))?;
        Ok(name.as_ptr())
    })
}

/// Loads the roots `runtime` (a `trustaudit_runtime` value) really trusts on this machine,
/// reading this process's environment the way that runtime does (`SSL_CERT_FILE` for Go and
/// OpenSSL, `REQUESTS_CA_BUNDLE` for certifi, `NODE_EXTRA_CA_CERTS` for Node.js, …); no process
/// is started. The store is named after the runtime. Returns `TRUSTAUDIT_RESULT_NOT_FOUND`
/// when the runtime is not installed (the message says what was looked for) and
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an unknown selector. On success `*store_out`
/// receives a new store the caller must release with `trustaudit_store_free`. Reads files and
/// the environment: do not call it while another thread modifies the environment.
///
/// # Safety
/// `store_out` must be NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_runtime(
    runtime: u32,
    store_out: *mut *const trustaudit_store,
) -> trustaudit_result {
    boundary(|| {
        let rt = runtime_from_u32(runtime, "runtime")?;
        if store_out.is_null() {
            return Err(FfiError::null("store_out"));
        }
        let v = runtime::view(rt, &Environment::from_process());
        let store = v.store.ok_or_else(|| {
            FfiError::new(trustaudit_result::NotFound, format!("{} is not installed: {}", rt.name(), v.decision))
        })?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(store, store_out) }
    })
}

/// Writes how `runtime` finds its roots on this machine as JSON to `*json_out` (length to
/// `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"runtime_view","runtime":"go",
/// "installed":…,"program":…,"version":…,"roots":N,"duplicates":N,"decision":…,"sources":[…],
/// "variables":[…],"notes":[…],"diagnostics":[…]}`. A runtime that is not installed is not an
/// error (`"installed": false`). Release the string with `trustaudit_string_free`. Reads files
/// and the environment.
///
/// # Safety
/// `json_out` must be NULL or writable for one pointer; `len_out` NULL or writable for one
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_runtime_view_json(
    runtime: u32,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        let rt = runtime_from_u32(runtime, "runtime")?;
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let summary = runtime::view(rt, &Environment::from_process()).summary();
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("runtime_view", &summary), json_out, len_out, "json_out") }
    })
}

/// Every runtime's view: the JSON body of `trustaudit_runtime_views_json`.
#[derive(Serialize)]
struct RuntimeViews {
    runtimes: Vec<RuntimeViewSummary>,
}

/// As `trustaudit_runtime_view_json` for every runtime, in `trustaudit_runtime` order, reading
/// files shared by several runtimes once: `{"schema":"trustaudit/1","kind":"runtime_views",
/// "runtimes":[{…},…]}`. Release the string with `trustaudit_string_free`.
///
/// # Safety
/// `json_out` must be NULL or writable for one pointer; `len_out` NULL or writable for one
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_runtime_views_json(
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let views = runtime::all_views(&Environment::from_process());
        let body = RuntimeViews { runtimes: views.iter().map(|v| v.summary()).collect() };
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("runtime_views", &body), json_out, len_out, "json_out") }
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
