//! `trustaudit_result`: the stable result codes, and the one place where each layer's error
//! becomes a code. Core layers never mention C.

use std::ffi::c_char;

use super::FfiError;
use crate::cert::CertError;
use crate::store::StoreError;

/// Outcome of a trustaudit call. 0 is success; other values are grouped by hundreds by what the
/// caller can do about them. Values are fixed forever: a retired code is never reused.
///
/// Functions return it as a `uint32_t`-sized value; after any value other than
/// `TRUSTAUDIT_RESULT_OK`, `trustaudit_last_error()` says why in words.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum trustaudit_result {
    /// Success: out-parameters have been written.
    Ok = 0,
    /// A required pointer argument was NULL (or a buffer pointer was NULL with a nonzero length).
    NullArgument = 100,
    /// An argument's value is out of range or not accepted (index, selector, option).
    InvalidArgument = 101,
    /// A text argument is not valid UTF-8; the message names the argument.
    InvalidUtf8 = 102,
    /// A caller-supplied buffer is too small.
    BufferTooSmall = 103,
    /// Input bytes are not what they claim to be (bad DER, bad PEM, no certificate, too large).
    ParseError = 200,
    /// A file or directory could not be read.
    Io = 300,
    /// A file, directory or requested item does not exist.
    NotFound = 301,
    /// A network operation failed (DNS, connect, TLS handshake).
    Network = 302,
    /// A blocking operation ran out of time.
    Timeout = 303,
    /// The library panicked; this is a bug, please report it with the message.
    Panic = 900,
    /// An internal invariant did not hold; this is a bug, please report it with the message.
    Internal = 901,
}

impl trustaudit_result {
    /// Every code, in numeric order.
    pub const ALL: [trustaudit_result; 12] = [
        Self::Ok,
        Self::NullArgument,
        Self::InvalidArgument,
        Self::InvalidUtf8,
        Self::BufferTooSmall,
        Self::ParseError,
        Self::Io,
        Self::NotFound,
        Self::Network,
        Self::Timeout,
        Self::Panic,
        Self::Internal,
    ];

    /// The code as it appears in the header, e.g. `TRUSTAUDIT_RESULT_PARSE_ERROR`.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("TRUSTAUDIT_RESULT_INTERNAL")
    }

    fn c_name(self) -> &'static std::ffi::CStr {
        match self {
            Self::Ok => c"TRUSTAUDIT_RESULT_OK",
            Self::NullArgument => c"TRUSTAUDIT_RESULT_NULL_ARGUMENT",
            Self::InvalidArgument => c"TRUSTAUDIT_RESULT_INVALID_ARGUMENT",
            Self::InvalidUtf8 => c"TRUSTAUDIT_RESULT_INVALID_UTF8",
            Self::BufferTooSmall => c"TRUSTAUDIT_RESULT_BUFFER_TOO_SMALL",
            Self::ParseError => c"TRUSTAUDIT_RESULT_PARSE_ERROR",
            Self::Io => c"TRUSTAUDIT_RESULT_IO",
            Self::NotFound => c"TRUSTAUDIT_RESULT_NOT_FOUND",
            Self::Network => c"TRUSTAUDIT_RESULT_NETWORK",
            Self::Timeout => c"TRUSTAUDIT_RESULT_TIMEOUT",
            Self::Panic => c"TRUSTAUDIT_RESULT_PANIC",
            Self::Internal => c"TRUSTAUDIT_RESULT_INTERNAL",
        }
    }

    /// Converts a value that came back from C; values that name no code give `None`.
    pub fn from_u32(value: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.value() == value)
    }

    /// The numeric value C sees.
    #[allow(clippy::as_conversions)] // a fieldless #[repr(u32)] enum's discriminant: exact
    pub fn value(self) -> u32 {
        self as u32
    }
}

/// The name of a result code as written in the header (`"TRUSTAUDIT_RESULT_PARSE_ERROR"`), or
/// `"TRUSTAUDIT_RESULT_UNKNOWN"` for a value that is not a code. Never NULL. The string is
/// static: do not free it. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_result_name(code: u32) -> *const c_char {
    super::boundary_or(c"TRUSTAUDIT_RESULT_UNKNOWN".as_ptr(), || {
        Ok(trustaudit_result::from_u32(code).map_or(c"TRUSTAUDIT_RESULT_UNKNOWN", trustaudit_result::c_name).as_ptr())
    })
}

impl From<CertError> for FfiError {
    fn from(e: CertError) -> Self {
        FfiError::new(trustaudit_result::ParseError, e.to_string())
    }
}

impl From<StoreError> for FfiError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotFound { .. } => trustaudit_result::NotFound,
            StoreError::Io { .. } => trustaudit_result::Io,
            StoreError::TooLarge { .. } => trustaudit_result::ParseError,
        };
        FfiError::new(code, e.to_string())
    }
}
