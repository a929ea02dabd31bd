//! `trustaudit_verifier` and `trustaudit_verify*`: chain verification against a store. The hot
//! call returns a code and a small struct; the full result and the cross-store matrix are JSON.

use std::ffi::c_char;

use serde::Serialize;

use super::chain::{borrow_chain, trustaudit_chain};
use super::store::{borrow_store, trustaudit_store};
use super::{
    boundary, boundary_or, input_bytes, input_str, output_slot, output_string, trustaudit_result, FfiError, Shared,
};
use crate::cert::UnixTime;
use crate::report;
use crate::verify::{self, words, Profile, Usage, Verification, Verifier, VerifyError, VerifyOptions};

/// A trust store prepared for verification (opaque): its roots parsed into trust anchors once,
/// so verifying many chains costs no re-parsing. Immutable: one verifier may be used from
/// several threads at once. Release it with `trustaudit_verifier_free`.
pub struct trustaudit_verifier {
    _private: [u8; 0],
}

impl Shared for trustaudit_verifier {
    type Rust = Verifier;
}

/// Why a chain did not verify; the `failure` field of `trustaudit_verification`. Values are
/// fixed forever; a cause added to the library later than this header reads as
/// `TRUSTAUDIT_VERIFY_FAILURE_OTHER` (the JSON result names it).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_verify_failure {
    /// The chain verified.
    None = 0,
    /// No root in the store issued the chain's top certificate (Go: "certificate signed by
    /// unknown authority"; OpenSSL: "unable to get local issuer certificate").
    UnknownIssuer = 1,
    /// The server's certificate is self-signed and not in the store.
    SelfSignedLeaf = 2,
    /// The chain ends in a root the store does not hold.
    UntrustedRoot = 3,
    /// A certificate on the path expired before the verification time.
    Expired = 4,
    /// A certificate on the path is not valid yet at the verification time.
    NotYetValid = 5,
    /// The path verified but the name is not one the certificate presents.
    NameMismatch = 6,
    /// A signature on the path does not verify.
    BadSignature = 7,
    /// A CA certificate was presented as the server's certificate.
    CaUsedAsEndEntity = 8,
    /// An issuer on the path is not a CA.
    NotACa = 9,
    /// A CA's path length constraint is exceeded.
    PathLenExceeded = 10,
    /// A name constraint on the path forbids the server's names.
    NameConstraintViolation = 11,
    /// A signature or key algorithm is not supported.
    UnsupportedAlgorithm = 12,
    /// The server's certificate does not allow the requested usage.
    WrongUsage = 13,
    /// A certificate carries a critical extension the verifier does not understand.
    UnsupportedCriticalExtension = 14,
    /// A certificate on the path is explicitly distrusted.
    Distrusted = 15,
    /// A certificate is malformed or violates the profile.
    Invalid = 16,
    /// The chain holds more certificates than path building considers.
    TooManyCertificates = 17,
    /// Path building gave up after exhausting its budget.
    BudgetExceeded = 18,
    /// A cause this header does not list; see the JSON result.
    Other = 999,
}

impl trustaudit_verify_failure {
    /// The code for a failure's stable kind name (`VerifyFailure::kind`).
    fn from_kind(kind: &str) -> Self {
        match kind {
            "unknown_issuer" => Self::UnknownIssuer,
            "self_signed_leaf" => Self::SelfSignedLeaf,
            "untrusted_root" => Self::UntrustedRoot,
            "expired" => Self::Expired,
            "not_yet_valid" => Self::NotYetValid,
            "name_mismatch" => Self::NameMismatch,
            "bad_signature" => Self::BadSignature,
            "ca_used_as_end_entity" => Self::CaUsedAsEndEntity,
            "not_a_ca" => Self::NotACa,
            "path_len_exceeded" => Self::PathLenExceeded,
            "name_constraint_violation" => Self::NameConstraintViolation,
            "unsupported_algorithm" => Self::UnsupportedAlgorithm,
            "wrong_usage" => Self::WrongUsage,
            "unsupported_critical_extension" => Self::UnsupportedCriticalExtension,
            "distrusted" => Self::Distrusted,
            "invalid" => Self::Invalid,
            "too_many_certificates" => Self::TooManyCertificates,
            "budget_exceeded" => Self::BudgetExceeded,
            _ => Self::Other,
        }
    }

    /// The numeric value C sees.
    #[allow(clippy::as_conversions)] // a fieldless #[repr(u32)] enum's discriminant: exact
    fn value(self) -> u32 {
        self as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_code_is_named_as_the_library_names_the_failure() {
        for kind in [
            "unknown_issuer",
            "self_signed_leaf",
            "untrusted_root",
            "expired",
            "not_yet_valid",
            "name_mismatch",
            "bad_signature",
            "ca_used_as_end_entity",
            "not_a_ca",
            "path_len_exceeded",
            "name_constraint_violation",
            "unsupported_algorithm",
            "wrong_usage",
            "unsupported_critical_extension",
            "distrusted",
            "invalid",
            "too_many_certificates",
            "budget_exceeded",
        ] {
            let code = trustaudit_verify_failure::from_kind(kind);
            assert_ne!(code, trustaudit_verify_failure::Other, "{kind}");
            let p = trustaudit_verify_failure_name(code.value());
            // SAFETY: a non-NULL result is a static NUL-terminated string.
            assert_eq!(unsafe { std::ffi::CStr::from_ptr(p) }.to_str(), Ok(kind));
        }
        assert_eq!(trustaudit_verify_failure::from_kind("something_new"), trustaudit_verify_failure::Other);
        assert!(trustaudit_verify_failure_name(19).is_null());
    }
}

/// What the leaf is verified for; the `usage` field of `trustaudit_verify_options`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_usage {
    /// A TLS server certificate (the default).
    ServerAuth = 0,
    /// A TLS client certificate.
    ClientAuth = 1,
}

/// Which rules apply; the `profile` field of `trustaudit_verify_options`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_profile {
    /// Browser / CA/Browser Forum rules: rustls-webpki plus the checks it leaves out (the
    /// default).
    Strict = 0,
    /// rustls-webpki exactly as rustls uses it.
    Webpki = 1,
}

/// Options for verification. Pass NULL for the defaults (now, server use, strict profile), or
/// zero the struct and set what you need: all-zero means the defaults too.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct trustaudit_verify_options {
    /// Verification time in seconds since the Unix epoch; used only when `use_time` is nonzero,
    /// else the current time.
    pub time: i64,
    /// Nonzero to verify at `time` instead of now.
    pub use_time: u32,
    /// A `trustaudit_usage` value.
    pub usage: u32,
    /// A `trustaudit_profile` value.
    pub profile: u32,
}

/// The outcome of one verification, written by `trustaudit_verify`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct trustaudit_verification {
    /// Whether the chain verified: path, validity, usage and (when one was given) the name.
    pub trusted: bool,
    /// Whether a path to a root of the store verified, whatever the name check said.
    pub path_verified: bool,
    /// The main reason for rejection: a `trustaudit_verify_failure` value, 0 when trusted.
    pub failure: u32,
    /// Certificates on the verified path including the store's root; 0 when no path verified.
    pub path_len: usize,
}

/// The snake_case name of a `trustaudit_verify_failure` value as the JSON reports spell it
/// (`"unknown_issuer"`, `"expired"`, `"none"` for 0, `"other"`), or NULL for a value that names
/// no failure. Static: do not free. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn trustaudit_verify_failure_name(failure: u32) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        let name = match failure {
            0 => c"none",
            1 => c"unknown_issuer",
            2 => c"self_signed_leaf",
            3 => c"untrusted_root",
            4 => c"expired",
            5 => c"not_yet_valid",
            6 => c"name_mismatch",
            7 => c"bad_signature",
            8 => c"ca_used_as_end_entity",
            9 => c"not_a_ca",
            10 => c"path_len_exceeded",
            11 => c"name_constraint_violation",
            12 => c"unsupported_algorithm",
            13 => c"wrong_usage",
            14 => c"unsupported_critical_extension",
            15 => c"distrusted",
            16 => c"invalid",
            17 => c"too_many_certificates",
            18 => c"budget_exceeded",
            999 => c"other",
            _ => return Ok(std::ptr::null()),
        };
        Ok(name.as_ptr())
    })
}

impl From<&Verification> for trustaudit_verification {
    fn from(v: &Verification) -> Self {
        trustaudit_verification {
            trusted: v.trusted,
            path_verified: v.path.is_some(),
            failure: v
                .failure()
                .map_or(trustaudit_verify_failure::None, |f| trustaudit_verify_failure::from_kind(f.kind()))
                .value(),
            path_len: v.path.as_ref().map_or(0, |p| p.path.len()),
        }
    }
}

impl From<VerifyError> for FfiError {
    fn from(e: VerifyError) -> Self {
        FfiError::new(trustaudit_result::InvalidArgument, e.to_string())
    }
}

/// Reads the name and options arguments shared by the verify functions.
///
/// # Safety
/// `name` readable for `name_len` bytes (or NULL with 0); `options` NULL or a live struct.
unsafe fn verify_options(
    name: *const u8,
    name_len: usize,
    options: *const trustaudit_verify_options,
) -> Result<VerifyOptions, FfiError> {
    // SAFETY: forwarded from this function's contract.
    let name = unsafe { input_str(name, name_len, "name") }?;
    let o = if options.is_null() {
        trustaudit_verify_options { time: 0, use_time: 0, usage: 0, profile: 0 }
    } else {
        // SAFETY: non-NULL and live per the contract; every field is an integer, so any bit
        // pattern C wrote is a valid value.
        unsafe { *options }
    };
    let mut opts = if o.use_time != 0 { VerifyOptions::at(UnixTime(o.time)) } else { VerifyOptions::now() };
    opts.usage = match o.usage {
        0 => Usage::ServerAuth,
        1 => Usage::ClientAuth,
        v => return Err(FfiError::invalid("options.usage", format!("{v} is not a trustaudit_usage"))),
    };
    opts.profile = match o.profile {
        0 => Profile::Strict,
        1 => Profile::Webpki,
        v => return Err(FfiError::invalid("options.profile", format!("{v} is not a trustaudit_profile"))),
    };
    if !name.is_empty() {
        opts.name = Some(name.to_owned());
    }
    Ok(opts)
}

/// Prepares `store` for verification. The verifier keeps what it needs: the store may be
/// freed right after. On success `*verifier_out` receives a new verifier the caller must
/// release with `trustaudit_verifier_free`. Thread-safe.
///
/// # Safety
/// `store` must be NULL or a live store; `verifier_out` NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_verifier_new(
    store: *const trustaudit_store,
    verifier_out: *mut *const trustaudit_verifier,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (store, out) = unsafe { (borrow_store(store, "store")?, output_slot(verifier_out, "verifier_out")?) };
        out.set(trustaudit_verifier::into_raw(Verifier::new(store)));
        Ok(())
    })
}

/// Releases a verifier. NULL is a no-op; calling it twice with the same pointer is undefined
/// behaviour.
///
/// # Safety
/// `verifier` must be NULL or a verifier returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_verifier_free(verifier: *const trustaudit_verifier) {
    boundary_or((), || {
        // SAFETY: forwarded from this function's contract.
        unsafe { trustaudit_verifier::free(verifier) };
        Ok(())
    });
}

/// Verifies `chain` against the verifier's store: path building, validity at the chosen time,
/// usage, and, when `name` is not empty, the name (a DNS name or an IP address, UTF-8 bytes,
/// not NUL-terminated; `(NULL, 0)` skips the name check). `options` may be NULL.
///
/// A chain that does not verify is not an error: the call returns `TRUSTAUDIT_RESULT_OK` and
/// writes `trusted = false` and the reason to `*result_out`. Errors are
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (empty chain, a name that is neither a DNS name nor an
/// IP address, an unknown usage or profile), `TRUSTAUDIT_RESULT_INVALID_UTF8` (name) and
/// `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed to the caller. Thread-safe.
///
/// # Safety
/// `verifier` and `chain` must each be NULL or live handles; `name` readable for `name_len`
/// bytes (or NULL with 0); `options` NULL or a live struct; `result_out` NULL or writable for
/// one `trustaudit_verification`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_verify(
    verifier: *const trustaudit_verifier,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
    options: *const trustaudit_verify_options,
    result_out: *mut trustaudit_verification,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (verifier, chain, opts, out) = unsafe {
            (
                trustaudit_verifier::borrow(verifier, "verifier")?,
                borrow_chain(chain, "chain")?,
                verify_options(name, name_len, options)?,
                output_slot(result_out, "result_out")?,
            )
        };
        let v = verifier.verify(chain, &opts)?;
        out.set(trustaudit_verification::from(&v));
        Ok(())
    })
}

/// The JSON body of `trustaudit_verify_json`: the verification and each runtime's words.
#[derive(Serialize)]
struct VerificationReport<'a> {
    #[serde(flatten)]
    verification: &'a Verification,
    runtime_messages: Vec<words::RuntimeMessage>,
}

/// As `trustaudit_verify`, writing the whole result as JSON to `*json_out` (length to
/// `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"verification","store":…,
/// "trusted":…,"path":{"path":[…],"anchor_source":…}|null,"failures":[{"kind":…,…}],
/// "findings":[…],"runtime_messages":[{"runtime":"go","accepts":…,"code":…,"text":…},…]}`.
/// Release it with `trustaudit_string_free`.
///
/// # Safety
/// As `trustaudit_verify`; `json_out` NULL or writable for one pointer; `len_out` NULL or
/// writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_verify_json(
    verifier: *const trustaudit_verifier,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
    options: *const trustaudit_verify_options,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (verifier, chain, opts) = unsafe {
            (
                trustaudit_verifier::borrow(verifier, "verifier")?,
                borrow_chain(chain, "chain")?,
                verify_options(name, name_len, options)?,
            )
        };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let v = verifier.verify(chain, &opts)?;
        let body = VerificationReport { runtime_messages: words::messages(&v), verification: &v };
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("verification", &body), json_out, len_out, "json_out") }
    })
}

/// Verifies `chain` against each of `stores[0..count]` and writes the matrix as JSON to
/// `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
/// "verify_matrix","rows":[{"store":…,"trusted":…,"failures":[…],"why":…}, …]}`, one row per
/// store in the order given. Release it with `trustaudit_string_free`. Name and options as for
/// `trustaudit_verify`. Returns `TRUSTAUDIT_RESULT_NULL_ARGUMENT` naming `stores[i]` when an
/// element is NULL. Thread-safe.
///
/// # Safety
/// `stores` must be NULL (with `count == 0`) or readable for `count` pointers, each NULL or a
/// live store; the other arguments as for `trustaudit_verify_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_verify_matrix_json(
    stores: *const *const trustaudit_store,
    count: usize,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
    options: *const trustaudit_verify_options,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        let byte_len = count
            .checked_mul(std::mem::size_of::<*const trustaudit_store>())
            .ok_or_else(|| FfiError::invalid("count", "too large"))?;
        // SAFETY: covered by this function's `# Safety` contract.
        let (_, chain, opts) = unsafe {
            (
                input_bytes(stores.cast::<u8>(), byte_len, "stores")?,
                borrow_chain(chain, "chain")?,
                verify_options(name, name_len, options)?,
            )
        };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let list: &[*const trustaudit_store] = if count == 0 {
            &[]
        } else {
            // SAFETY: non-NULL (input_bytes refused NULL with a nonzero length) and readable
            // for `count` pointers per the contract.
            unsafe { std::slice::from_raw_parts(stores, count) }
        };
        let mut owned = Vec::with_capacity(count);
        for (i, p) in list.iter().enumerate() {
            // SAFETY: each element is NULL or a live store per the contract.
            owned.push(unsafe { borrow_store(*p, &format!("stores[{i}]")) }?.clone());
        }
        let m = verify::matrix(chain, &owned, &opts)?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("verify_matrix", &m), json_out, len_out, "json_out") }
    })
}
