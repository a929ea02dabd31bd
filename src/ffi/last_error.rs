//! The thread-local message behind `trustaudit_last_error()`: the only mutable state in the
//! library. The result code says what kind of failure happened; the message says why.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{c_char, CString};

use super::{c_string, trustaudit_result, FfiError};

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

/// Stores `err`'s message for this thread and returns its code.
pub(crate) fn record(err: FfiError) -> trustaudit_result {
    set(err.message);
    err.code
}

/// Stores a panic's message for this thread and returns `TRUSTAUDIT_RESULT_PANIC`.
pub(crate) fn record_panic(payload: &(dyn Any + Send)) -> trustaudit_result {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    set(format!("internal error (panic): {what}; please report this as a trustaudit bug"));
    trustaudit_result::Panic
}

fn set(message: String) {
    let message = c_string(message);
    // try_with: during thread teardown the slot may be gone; the code still reaches the caller.
    let _ = LAST_ERROR.try_with(|slot| *slot.borrow_mut() = Some(message));
}

/// The message of the last failed trustaudit call on this thread, as a NUL-terminated UTF-8
/// string, or NULL if no call on this thread has failed yet.
///
/// The string belongs to the library: do not free it. It stays valid until the next trustaudit
/// call on this thread (a successful call leaves the message in place, but do not rely on that:
/// read it right after the call that returned a code other than `TRUSTAUDIT_RESULT_OK`).
/// Each thread has its own message, so this is thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_last_error() -> *const c_char {
    super::boundary_or(std::ptr::null(), || {
        Ok(LAST_ERROR
            .try_with(|slot| slot.borrow().as_ref().map_or(std::ptr::null(), |m| m.as_ptr()))
            .unwrap_or(std::ptr::null()))
    })
}
