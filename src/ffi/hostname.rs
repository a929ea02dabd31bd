//! `trustaudit_name_check*`: does a certificate match a host name or IP address, by one
//! runtime's rules (CN fallback, wildcards, IP forms, IDNA) or by the strict RFC 9525 profile.

use std::ffi::c_char;

use serde::Serialize;

use super::cert::trustaudit_cert;
use super::runtime::runtime_from_u32;
use super::{boundary, input_str, output_slot, output_string, trustaudit_result, FfiError, Shared};
use crate::hostname::{self, Mismatch, Name, NameCheck, NameError, Presented};
use crate::report;

/// Why a runtime refuses a certificate for a name; the `reason` field of
/// `trustaudit_name_result`. Values are fixed forever; a reason added to the library later than
/// this header reads as `TRUSTAUDIT_NAME_MISMATCH_OTHER` (the JSON result names it).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_name_mismatch {
    /// The name matched.
    None = 0,
    /// The certificate presents no DNS name, IP address or CN this runtime looks at.
    NoNames = 1,
    /// No presented name is related to the reference name.
    NotPresented = 2,
    /// The name is only in the subject CN, which this runtime never reads.
    CnOnlyIgnored = 3,
    /// The CN matches but this runtime ignores it because the SAN holds DNS names.
    CnIgnoredBecauseSanPresent = 4,
    /// An IP address only matches an iPAddress SAN here, not a DNS name or the CN.
    IpNeverMatchesDns = 5,
    /// The IP SAN is the IPv4-mapped IPv6 form of the address (or the reverse).
    IpFamilyDiffers = 6,
    /// A wildcard outside the left-most label.
    WildcardNotLeftmost = 7,
    /// A partial-label wildcard (`f*.example.com`), refused here.
    PartialWildcard = 8,
    /// A wildcard directly over a public suffix (`*.co.uk`).
    WildcardOverPublicSuffix = 9,
    /// A bare `*` as the whole name.
    BareWildcard = 10,
    /// A wildcard stands for exactly one label.
    WildcardLabelCount = 11,
    /// A wildcard inside or against an IDNA A-label.
    WildcardAndIdna = 12,
    /// The wildcard would have to match characters this runtime does not let it match.
    WildcardCharacters = 13,
    /// More than one `*` in the left-most label.
    TooManyWildcards = 14,
    /// The names differ by a trailing dot this runtime does not strip.
    TrailingDot = 15,
    /// The presented name holds bytes no hostname holds (NUL, space, …).
    MalformedPresentedName = 16,
    /// The presented name is a Unicode U-label, not an A-label.
    UnicodePresentedName = 17,
    /// A reason this header does not list; see the JSON result.
    Other = 999,
}

impl trustaudit_name_mismatch {
    fn from_reason(reason: Mismatch) -> Self {
        // The library's snake_case name is its stable identity; going through it keeps this
        // table from breaking the build when a reason is added upstream.
        let name = serde_json::to_value(reason).ok();
        match name.as_ref().and_then(|v| v.as_str()) {
            Some("no_names") => Self::NoNames,
            Some("not_presented") => Self::NotPresented,
            Some("cn_only_ignored") => Self::CnOnlyIgnored,
            Some("cn_ignored_because_san_present") => Self::CnIgnoredBecauseSanPresent,
            Some("ip_never_matches_dns") => Self::IpNeverMatchesDns,
            Some("ip_family_differs") => Self::IpFamilyDiffers,
            Some("wildcard_not_leftmost") => Self::WildcardNotLeftmost,
            Some("partial_wildcard") => Self::PartialWildcard,
            Some("wildcard_over_public_suffix") => Self::WildcardOverPublicSuffix,
            Some("bare_wildcard") => Self::BareWildcard,
            Some("wildcard_label_count") => Self::WildcardLabelCount,
            Some("wildcard_and_idna") => Self::WildcardAndIdna,
            Some("wildcard_characters") => Self::WildcardCharacters,
            Some("too_many_wildcards") => Self::TooManyWildcards,
            Some("trailing_dot") => Self::TrailingDot,
            Some("malformed_presented_name") => Self::MalformedPresentedName,
            Some("unicode_presented_name") => Self::UnicodePresentedName,
            _ => Self::Other,
        }
    }

    #[allow(clippy::as_conversions)] // a fieldless #[repr(u32)] enum's discriminant: exact
    fn value(self) -> u32 {
        self as u32
    }
}

/// Which presented identity matched; the `matched_by` field of `trustaudit_name_result`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_presented {
    /// Nothing matched.
    None = 0,
    /// A subjectAltName dNSName.
    DnsSan = 1,
    /// A subjectAltName iPAddress.
    IpSan = 2,
    /// The subject's commonName (the legacy fallback some runtimes still apply).
    CommonName = 3,
}

/// The outcome of one name check, written by `trustaudit_name_check`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct trustaudit_name_result {
    /// Whether the runtime accepts the certificate for the name.
    pub matched: bool,
    /// A `trustaudit_name_mismatch` value; 0 when matched.
    pub reason: u32,
    /// A `trustaudit_presented` value: which identity matched; 0 when none did.
    pub matched_by: u32,
}

#[allow(clippy::as_conversions)] // fieldless #[repr(u32)] enum discriminants: exact
impl From<&NameCheck> for trustaudit_name_result {
    fn from(c: &NameCheck) -> Self {
        let matched_by = match &c.matched_by {
            None => trustaudit_presented::None,
            Some(Presented::DnsSan(_)) => trustaudit_presented::DnsSan,
            Some(Presented::IpSan(_)) => trustaudit_presented::IpSan,
            Some(Presented::CommonName(_)) => trustaudit_presented::CommonName,
        };
        let reason = c.reason.map_or(trustaudit_name_mismatch::None, trustaudit_name_mismatch::from_reason);
        trustaudit_name_result { matched: c.matched, reason: reason.value(), matched_by: matched_by as u32 }
    }
}

impl From<NameError> for FfiError {
    fn from(e: NameError) -> Self {
        FfiError::invalid("name", e)
    }
}

/// Reads a reference name argument.
///
/// # Safety
/// `name` readable for `name_len` bytes (or NULL with 0).
unsafe fn reference_name(name: *const u8, name_len: usize) -> Result<Name, FfiError> {
    // SAFETY: forwarded from this function's contract.
    Ok(Name::parse(unsafe { input_str(name, name_len, "name") }?)?)
}

/// Checks whether `cert` is valid for `name` (a DNS name, a Unicode name, or an IPv4/IPv6
/// address; UTF-8 bytes, not NUL-terminated) by `runtime`'s rules (a `trustaudit_runtime`
/// value) and writes the outcome to `*result_out`. Only the name is checked: see
/// `trustaudit_verify` for the chain.
///
/// A mismatch is not an error: the call returns `TRUSTAUDIT_RESULT_OK` with `matched = false`.
/// Errors: `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for a name no client could connect to (empty,
/// a NUL, bad characters, too long) or an unknown runtime, `TRUSTAUDIT_RESULT_INVALID_UTF8`,
/// `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed to the caller. Thread-safe.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `name` readable for `name_len` bytes (or NULL
/// with 0); `result_out` NULL or writable for one `trustaudit_name_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_name_check(
    cert: *const trustaudit_cert,
    name: *const u8,
    name_len: usize,
    runtime: u32,
    result_out: *mut trustaudit_name_result,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (cert, name, out) = unsafe {
            (
                trustaudit_cert::borrow(cert, "cert")?,
                reference_name(name, name_len)?,
                output_slot(result_out, "result_out")?,
            )
        };
        let runtime = runtime_from_u32(runtime, "runtime")?;
        out.set(trustaudit_name_result::from(&hostname::check(cert, &name, runtime)));
        Ok(())
    })
}

/// As `trustaudit_name_check`, by the strict RFC 9525 profile browsers apply (SAN only, one
/// left-most whole-label wildcard, never over a public suffix).
///
/// # Safety
/// As `trustaudit_name_check`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_name_check_strict(
    cert: *const trustaudit_cert,
    name: *const u8,
    name_len: usize,
    result_out: *mut trustaudit_name_result,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (cert, name, out) = unsafe {
            (
                trustaudit_cert::borrow(cert, "cert")?,
                reference_name(name, name_len)?,
                output_slot(result_out, "result_out")?,
            )
        };
        out.set(trustaudit_name_result::from(&hostname::check_strict(cert, &name)));
        Ok(())
    })
}

/// The JSON body of `trustaudit_name_check_json`.
#[derive(Serialize)]
struct NameChecks {
    name: String,
    strict: NameCheck,
    runtimes: Vec<NameCheck>,
}

/// Checks `name` against `cert` for every runtime and the strict profile and writes JSON to
/// `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
/// "name_check","name":…,"strict":{…},"runtimes":[{"runtime":"go","matched":…,"matched_by":
/// {"type":"dns_san","value":…}|null,"presented":[…],"reason":<snake_case reason, as
/// `trustaudit_name_mismatch` names it>|null,"reason_name":<the presented name the reason is
/// about, {"type":…,"value":…}>|null,"message":<the runtime's own error text>|null},…]}`.
/// Release it with `trustaudit_string_free`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `name` readable for `name_len` bytes (or NULL
/// with 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_name_check_json(
    cert: *const trustaudit_cert,
    name: *const u8,
    name_len: usize,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (cert, name) = unsafe { (trustaudit_cert::borrow(cert, "cert")?, reference_name(name, name_len)?) };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let body = NameChecks {
            name: name.to_reference_string(),
            strict: hostname::check_strict(cert, &name),
            runtimes: hostname::check_all(cert, &name).into_iter().map(|(_, c)| c).collect(),
        };
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("name_check", &body), json_out, len_out, "json_out") }
    })
}
