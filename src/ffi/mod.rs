//! The C ABI: opaque handles, result codes, a thread-local error message and owned strings over
//! the rest of the library. This is the only module allowed to use `unsafe`.
//!
//! Every exported function runs its body through `boundary` (or `boundary_or` for getters
//! that cannot fail), so a panic becomes `TRUSTAUDIT_RESULT_PANIC` and never unwinds into C.
//! Pointers from C are checked here, never trusted: NULL is an error code, `(NULL, 0)` is the
//! empty buffer, text is checked for UTF-8. This module must not hold trust logic of its own: it
//! converts arguments, calls one library function and converts the result.
//!
//! Ownership is encoded per handle type by `Shared` (reference counted, immutable, usable from
//! several threads) so the casting code cannot mix up `Arc` and `Box`.

#![deny(clippy::undocumented_unsafe_blocks, unsafe_op_in_unsafe_fn)]
#![allow(non_camel_case_types)]

pub mod cert;
pub mod chain;
pub mod ct;
pub mod diff;
#[cfg(feature = "probe")]
pub mod doctor;
pub mod hostname;
pub mod intercept;
pub mod last_error;
#[cfg(feature = "probe")]
pub mod probe;
pub mod report;
pub mod result;
pub mod runtime;
pub mod store;
pub mod verify;

use std::ffi::c_char;
use std::sync::Arc;

pub use result::trustaudit_result;

/// The ABI version this library was built with; `TRUSTAUDIT_ABI_VERSION` in the header. It
/// changes only when a symbol is removed or a signature or `#[repr(C)]` layout changes.
pub const ABI_VERSION: u32 = 1;

/// An error on its way to C: the code the caller gets and the message `trustaudit_last_error`
/// returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FfiError {
    /// The result code returned to C.
    pub code: trustaudit_result,
    /// What went wrong, for a person.
    pub message: String,
}

impl FfiError {
    /// A new error with this code and message.
    pub fn new(code: trustaudit_result, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    /// A required pointer argument was NULL.
    pub fn null(what: &str) -> Self {
        Self::new(trustaudit_result::NullArgument, format!("{what} is NULL"))
    }

    /// An argument has a value the function cannot accept.
    pub fn invalid(what: &str, why: impl std::fmt::Display) -> Self {
        Self::new(trustaudit_result::InvalidArgument, format!("{what}: {why}"))
    }
}

/// Runs `body`; turns its error or a panic into a result code and records the message.
pub(crate) fn boundary(body: impl FnOnce() -> Result<(), FfiError>) -> trustaudit_result {
    // AssertUnwindSafe: handles are immutable after construction and out-params are written
    // only after every fallible step, so a panic leaves nothing half-updated for C to observe.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(())) => trustaudit_result::Ok,
        Ok(Err(err)) => last_error::record(err),
        Err(payload) => last_error::record_panic(payload.as_ref()),
    }
}

/// Runs an infallible getter; on an error or a panic records the message and returns `default`.
pub(crate) fn boundary_or<T>(default: T, body: impl FnOnce() -> Result<T, FfiError>) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(err)) => {
            last_error::record(err);
            default
        }
        Err(payload) => {
            last_error::record_panic(payload.as_ref());
            default
        }
    }
}

/// Borrows `len` bytes at `ptr`; `(NULL, 0)` is the empty slice.
///
/// # Safety
/// If `ptr` is non-NULL it must be valid for reads of `len` bytes for `'a`.
pub(crate) unsafe fn input_bytes<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a [u8], FfiError> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(FfiError::null(&format!("{what} (with length {len})"))) };
    }
    if len > isize::MAX.unsigned_abs() {
        return Err(FfiError::invalid(what, format!("length {len} exceeds the largest object size")));
    }
    // SAFETY: non-NULL, length bounded by isize::MAX, and the caller vouches for `len` readable
    // bytes that outlive `'a`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows `len` bytes at `ptr` as UTF-8 text; `(NULL, 0)` is the empty string.
///
/// # Safety
/// As [`input_bytes`].
pub(crate) unsafe fn input_str<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a str, FfiError> {
    // SAFETY: forwarded from this function's contract.
    let bytes = unsafe { input_bytes(ptr, len, what) }?;
    std::str::from_utf8(bytes).map_err(|e| {
        FfiError::new(
            trustaudit_result::InvalidUtf8,
            format!("{what} is not valid UTF-8: invalid byte at offset {}", e.valid_up_to()),
        )
    })
}

/// A checked, non-NULL out-parameter. Writing goes through [`OutSlot::set`], which never reads
/// or drops the (possibly uninitialised) value already there.
pub(crate) struct OutSlot<'a, T> {
    ptr: *mut T,
    _life: std::marker::PhantomData<&'a mut T>,
}

impl<T> OutSlot<'_, T> {
    /// Writes the out-parameter.
    pub(crate) fn set(self, value: T) {
        // SAFETY: `output_slot` checked the pointer is non-NULL and its caller vouched that it
        // is valid for writes of one `T`; `write` does not read or drop the old contents.
        unsafe { self.ptr.write(value) }
    }
}

/// Checks that an out-pointer is non-NULL.
///
/// # Safety
/// If `ptr` is non-NULL it must be valid and aligned for writes of one `T` for `'a`.
pub(crate) unsafe fn output_slot<'a, T>(ptr: *mut T, what: &str) -> Result<OutSlot<'a, T>, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(what));
    }
    Ok(OutSlot { ptr, _life: std::marker::PhantomData })
}

/// A Rust value handed to C behind a reference-counted opaque pointer: immutable and shareable
/// between threads. `_free` drops one reference.
pub(crate) trait Shared: Sized {
    /// The Rust value behind the handle.
    type Rust: Send + Sync;

    /// Moves `value` into a new reference-counted allocation owned by C.
    fn into_raw(value: Self::Rust) -> *const Self {
        Arc::into_raw(Arc::new(value)).cast::<Self>()
    }

    /// Borrows the value behind a handle; NULL is an error naming `what`.
    ///
    /// # Safety
    /// `ptr` must be NULL or a live pointer returned by [`Shared::into_raw`] for this type,
    /// and stay live for `'a`.
    unsafe fn borrow<'a>(ptr: *const Self, what: &str) -> Result<&'a Self::Rust, FfiError> {
        if ptr.is_null() {
            return Err(FfiError::null(what));
        }
        // SAFETY: per the contract, `ptr` came from `Arc::into_raw` of a `Self::Rust` and the
        // allocation is still alive.
        Ok(unsafe { &*ptr.cast::<Self::Rust>() })
    }

    /// Drops one reference; NULL is a no-op.
    ///
    /// # Safety
    /// `ptr` must be NULL or a live pointer returned by [`Shared::into_raw`] for this type that
    /// the caller will not use again.
    unsafe fn free(ptr: *const Self) {
        if !ptr.is_null() {
            // SAFETY: per the contract, this gives back the reference `into_raw` handed out.
            drop(unsafe { Arc::from_raw(ptr.cast::<Self::Rust>()) });
        }
    }
}

/// Converts a Rust string to a NUL-terminated C string, replacing any interior NUL with U+FFFD
/// so the length `trustaudit_string_free` recovers with `strlen` is the allocated one.
pub(crate) fn c_string(text: String) -> std::ffi::CString {
    let bytes = if text.as_bytes().contains(&0) { text.replace('\0', "\u{FFFD}") } else { text };
    // NOTE: every NUL was replaced just above, so this cannot fail; the fallback is unreachable.
    std::ffi::CString::new(bytes).unwrap_or_default()
}

/// Hands an owned string to C through `(out, len_out)`; `len_out` may be NULL.
///
/// # Safety
/// `out` must be NULL or writable for one pointer; `len_out` NULL or writable for one `size_t`.
pub(crate) unsafe fn output_string(
    text: String,
    out: *mut *mut c_char,
    len_out: *mut usize,
    what: &str,
) -> Result<(), FfiError> {
    // SAFETY: forwarded from this function's contract.
    let slot = unsafe { output_slot(out, what) }?;
    let s = c_string(text);
    let len = s.as_bytes().len();
    if !len_out.is_null() {
        // SAFETY: non-NULL and writable per the contract; `write` does not read the old value.
        unsafe { len_out.write(len) };
    }
    slot.set(s.into_raw());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_error() -> String {
        let p = last_error::trustaudit_last_error();
        assert!(!p.is_null());
        // SAFETY: a non-NULL last error is a live NUL-terminated string owned by this thread.
        unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    #[test]
    fn a_panic_becomes_the_panic_code_with_its_message() {
        let rc = boundary(|| panic!("index 7 out of range"));
        assert_eq!(rc, trustaudit_result::Panic);
        assert_eq!(
            last_error(),
            "internal error (panic): index 7 out of range; please report this as a trustaudit bug"
        );
        let n = boundary_or(42usize, || panic!("{}", String::from("formatted")));
        assert_eq!(n, 42);
        assert!(last_error().contains("internal error (panic): formatted"));
    }

    #[test]
    fn an_error_sets_the_message_and_a_success_keeps_it() {
        assert_eq!(boundary(|| Err(FfiError::null("store"))), trustaudit_result::NullArgument);
        assert_eq!(boundary(|| Ok(())), trustaudit_result::Ok);
        assert_eq!(last_error(), "store is NULL");
    }

    #[test]
    fn null_with_zero_length_is_the_empty_buffer_and_huge_lengths_are_refused() {
        // SAFETY: NULL pointers are never dereferenced by input_bytes.
        unsafe {
            assert_eq!(input_bytes(std::ptr::null(), 0, "pem"), Ok(&[][..]));
            assert_eq!(input_bytes(std::ptr::null(), 3, "pem").unwrap_err().message, "pem (with length 3) is NULL");
            let b = [0u8];
            let err = input_bytes(b.as_ptr(), usize::MAX, "pem").unwrap_err();
            assert_eq!(err.code, trustaudit_result::InvalidArgument);
        }
    }

    #[test]
    fn bad_utf8_names_the_argument_and_the_offset() {
        let bytes = b"ab\xffc";
        // SAFETY: `bytes` is live for its length.
        let err = unsafe { input_str(bytes.as_ptr(), bytes.len(), "hostname") }.unwrap_err();
        assert_eq!(err.code, trustaudit_result::InvalidUtf8);
        assert_eq!(err.message, "hostname is not valid UTF-8: invalid byte at offset 2");
    }

    #[test]
    fn strings_going_out_never_hold_an_interior_nul() {
        assert_eq!(c_string("a\0b".to_owned()).as_bytes(), "a\u{FFFD}b".as_bytes());
    }

    #[test]
    fn result_codes_round_trip_and_unknown_values_are_refused() {
        for code in trustaudit_result::ALL {
            assert_eq!(trustaudit_result::from_u32(code.value()), Some(code));
        }
        assert_eq!(trustaudit_result::from_u32(7), None);
        assert_eq!(trustaudit_result::ParseError.name(), "TRUSTAUDIT_RESULT_PARSE_ERROR");
    }
}
