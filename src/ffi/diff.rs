//! `trustaudit_diff_json`: compares the roots of two stores.

use std::ffi::c_char;

use super::store::{borrow_store, trustaudit_store};
use super::{boundary, output_string, trustaudit_result, FfiError};
use crate::cert::UnixTime;
use crate::diff::{self, DiffOptions};
use crate::report;

/// Compares the roots of `a` and `b` (keyed by subject and key) and writes the result as JSON
/// to `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"diff",
/// "a":{…},"b":{…},"at":…,"reference":…,"counts":{"only_in_a":N,"only_in_b":N,"in_both":N,
/// "rekeyed":N,"locally_added":N,…},"only_in_a":[…],"only_in_b":[…],"rekeyed":[…],
/// "in_both":[…]}`. Each root carries flags (`locally_added`, `expired`, `weak_key`, …).
///
/// `reference` is the set "locally added" is judged against (usually Mozilla's, from
/// `trustaudit_store_mozilla`); NULL flags nothing as locally added (the one pointer argument
/// here that may be NULL). Expiry is judged at `at` (seconds since the Unix epoch) when
/// `use_at` is nonzero, else now. Release the string with `trustaudit_string_free`.
/// Thread-safe.
///
/// # Safety
/// `a`, `b` and `reference` must each be NULL or live stores; `json_out` NULL or writable for
/// one pointer; `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_diff_json(
    a: *const trustaudit_store,
    b: *const trustaudit_store,
    reference: *const trustaudit_store,
    at: i64,
    use_at: u32,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (a, b) = unsafe { (borrow_store(a, "a")?, borrow_store(b, "b")?) };
        let reference = if reference.is_null() {
            None
        } else {
            // SAFETY: non-NULL and live per the contract.
            Some(unsafe { borrow_store(reference, "reference") }?.clone())
        };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let at = if use_at != 0 { UnixTime(at) } else { UnixTime::now() };
        let opts = DiffOptions { at, reference, distribution: None };
        let d = diff::diff(a, b, &opts);
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("diff", &d), json_out, len_out, "json_out") }
    })
}
