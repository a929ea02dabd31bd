//! Owned strings going out to C (JSON reports, names) and `trustaudit_string_free`; the
//! library and ABI version functions.

use std::ffi::{c_char, CString};

use super::{boundary_or, ABI_VERSION};

/// Releases a string this library returned through a `char **` out-parameter (a JSON report,
/// a subject name, …). NULL is a no-op. Passing the same pointer twice, a pointer the library
/// did not return, or a string returned by `trustaudit_last_error`, `trustaudit_version` or
/// `trustaudit_result_name` (which are not owned by the caller) is undefined behaviour.
/// Thread-safe: a string may be freed on any thread.
///
/// # Safety
/// `string` must be NULL or a pointer received from a trustaudit `char **` out-parameter that
/// has not been freed yet, with its bytes unmodified up to and including the terminating NUL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_string_free(string: *mut c_char) {
    boundary_or((), || {
        if !string.is_null() {
            // SAFETY: per the contract, `string` came from `CString::into_raw` in
            // `output_string`, which guaranteed no interior NUL, so `strlen` finds the
            // allocation's real length.
            drop(unsafe { CString::from_raw(string) });
        }
        Ok(())
    });
}

/// The library's version as a NUL-terminated string such as `"0.1.0"`; equal to the header's
/// `TRUSTAUDIT_VERSION` when header and library match. Static: do not free. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_version() -> *const c_char {
    const VERSION: &std::ffi::CStr =
        match std::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("the package version contains a NUL byte"),
        };
    VERSION.as_ptr()
}

/// The ABI version compiled into the library. Programs compare it with the header's
/// `TRUSTAUDIT_ABI_VERSION` at start-up and refuse to run on a mismatch: the value changes only
/// when a function is removed or a signature or struct layout changes. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_abi_version() -> u32 {
    ABI_VERSION
}
