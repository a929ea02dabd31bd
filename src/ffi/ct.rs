//! `trustaudit_sct_list_json`: the Signed Certificate Timestamps of a chain's leaf, checked
//! against the embedded CT log list.

use std::ffi::c_char;

use serde::Serialize;

use super::chain::{borrow_chain, trustaudit_chain};
use super::{boundary, input_bytes, output_string, trustaudit_result, FfiError};
use crate::cert::Certificate;
use crate::ct::{self, CtError, LogList, SctCheck};
use crate::report;

impl From<CtError> for FfiError {
    fn from(e: CtError) -> Self {
        FfiError::new(trustaudit_result::ParseError, e.to_string())
    }
}

/// The JSON body of `trustaudit_sct_list_json`.
#[derive(Serialize)]
struct SctReport<'a> {
    leaf: &'a str,
    issuer_found: bool,
    log_list_version: &'a str,
    scts: Vec<SctCheck>,
}

/// Lists the SCTs of the chain's leaf — embedded in the certificate, plus any in a stapled
/// OCSP response given as DER in `ocsp` (`(NULL, 0)` when there is none) — and checks each
/// signature against the CT log list compiled into the library. The issuer needed for
/// embedded SCTs is taken from the chain. Writes JSON to `*json_out` (length to `*len_out`
/// unless NULL): `{"schema":"trustaudit/1","kind":"sct_list","leaf":…,"issuer_found":…,
/// "log_list_version":…,"scts":[{"sct":{…},"log_description":…,"log_operator":…,"log_state":…,
/// "counts":…,"status":"verified"|"unknown_log"|"invalid_signature"|"unverifiable",
/// "detail":…},…]}`; a leaf without SCTs gives an empty list. Returns
/// `TRUSTAUDIT_RESULT_PARSE_ERROR` when the SCT list or the OCSP response is malformed and
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an empty chain. Release the string with
/// `trustaudit_string_free`. Thread-safe.
///
/// # Safety
/// `chain` must be NULL or a live chain; `ocsp` readable for `ocsp_len` bytes (or NULL with
/// 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_sct_list_json(
    chain: *const trustaudit_chain,
    ocsp: *const u8,
    ocsp_len: usize,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (chain, ocsp) = unsafe { (borrow_chain(chain, "chain")?, input_bytes(ocsp, ocsp_len, "ocsp")?) };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let leaf =
            chain.first().ok_or_else(|| FfiError::invalid("chain", "is empty: give at least the leaf certificate"))?;
        let issuer: Option<&Certificate> = chain[1..].iter().find(|c| leaf.names_as_issuer(c)).or_else(|| chain.get(1));
        let extra = if ocsp.is_empty() { Vec::new() } else { ct::parse_ocsp_response(ocsp)? };
        let logs = LogList::embedded();
        let body = SctReport {
            leaf: &leaf.subject().rfc4514,
            issuer_found: issuer.is_some(),
            log_list_version: logs.version(),
            scts: ct::check_leaf_scts(leaf, issuer, &extra, logs)?,
        };
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("sct_list", &body), json_out, len_out, "json_out") }
    })
}
