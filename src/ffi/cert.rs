//! `trustaudit_cert`: one parsed certificate behind a reference-counted handle, and the
//! `trustaudit_sha256` digest value.

use std::ffi::c_char;

use super::{boundary, input_bytes, output_slot, output_string, trustaudit_result, Shared};
use crate::cert::{Certificate, CertificateSummary};
use crate::report;

/// An X.509 certificate (opaque). Immutable: one handle may be used from several threads at
/// once. Every function that gives one out hands the caller a reference that must be released
/// with `trustaudit_cert_free`; a certificate taken from a store stays valid after the store is
/// freed.
pub struct trustaudit_cert {
    _private: [u8; 0],
}

impl Shared for trustaudit_cert {
    type Rust = Certificate;
}

/// A SHA-256 digest (32 bytes), returned by value through an out-parameter.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct trustaudit_sha256 {
    /// The digest bytes, most significant first, as `sha256sum` prints them.
    pub bytes: [u8; 32],
}

/// Parses one DER-encoded certificate. `der` is copied: it may be freed as soon as this
/// returns. On success `*cert_out` receives a new certificate the caller owns and must release
/// with `trustaudit_cert_free`; on failure `*cert_out` is left untouched.
///
/// Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` when the bytes are not exactly one certificate
/// (empty, truncated, trailing bytes, over 256 KiB), `TRUSTAUDIT_RESULT_NULL_ARGUMENT` when
/// `cert_out` is NULL or `der` is NULL with a nonzero length. Thread-safe.
///
/// # Safety
/// `der` must be readable for `der_len` bytes (or NULL with `der_len == 0`); `cert_out` must
/// be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_from_der(
    der: *const u8,
    der_len: usize,
    cert_out: *mut *const trustaudit_cert,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: both pointers are covered by this function's `# Safety` contract.
        let (der, out) = unsafe { (input_bytes(der, der_len, "der")?, output_slot(cert_out, "cert_out")?) };
        out.set(trustaudit_cert::into_raw(Certificate::from_der(der)?));
        Ok(())
    })
}

/// Parses the first certificate in PEM text (text around the block is ignored), or one DER
/// certificate. `pem` is copied. On success `*cert_out` receives a new certificate the caller
/// must release with `trustaudit_cert_free`; on failure it is left untouched.
///
/// Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` for input with no certificate, a damaged or
/// truncated PEM block, or bad DER inside it. Thread-safe.
///
/// # Safety
/// `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `cert_out` must
/// be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_from_pem(
    pem: *const u8,
    pem_len: usize,
    cert_out: *mut *const trustaudit_cert,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: both pointers are covered by this function's `# Safety` contract.
        let (pem, out) = unsafe { (input_bytes(pem, pem_len, "pem")?, output_slot(cert_out, "cert_out")?) };
        out.set(trustaudit_cert::into_raw(Certificate::from_pem_or_der(pem)?));
        Ok(())
    })
}

/// Releases a certificate reference. NULL is a no-op. Calling this twice with the same pointer
/// is undefined behaviour. Thread-safe with respect to other references to the same
/// certificate.
///
/// # Safety
/// `cert` must be NULL or a certificate returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_free(cert: *const trustaudit_cert) {
    super::boundary_or((), || {
        // SAFETY: forwarded from this function's contract.
        unsafe { trustaudit_cert::free(cert) };
        Ok(())
    });
}

/// Writes the subject as an RFC 4514 string (for example `"C=US, O=Let's Encrypt, CN=R11"`)
/// to `*subject_out`, and its length in bytes without the terminating NUL to `*len_out` unless
/// `len_out` is NULL. The caller releases the string with `trustaudit_string_free`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `subject_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_subject(
    cert: *const trustaudit_cert,
    subject_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let cert = unsafe { trustaudit_cert::borrow(cert, "cert") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(cert.subject().rfc4514.clone(), subject_out, len_out, "subject_out") }
    })
}

/// Writes the issuer as an RFC 4514 string to `*issuer_out` (length to `*len_out` unless
/// NULL). Release the string with `trustaudit_string_free`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `issuer_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_issuer(
    cert: *const trustaudit_cert,
    issuer_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let cert = unsafe { trustaudit_cert::borrow(cert, "cert") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(cert.issuer().rfc4514.clone(), issuer_out, len_out, "issuer_out") }
    })
}

/// Points `*der_out` at the certificate's DER bytes and writes their length to `*len_out`.
/// The bytes belong to the certificate: do not free them; they stay valid until `cert` is
/// released.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `der_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_der(
    cert: *const trustaudit_cert,
    der_out: *mut *const u8,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let cert = unsafe { trustaudit_cert::borrow(cert, "cert") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        let (der_slot, len_slot) = unsafe { (output_slot(der_out, "der_out")?, output_slot(len_out, "len_out")?) };
        der_slot.set(cert.der().as_ptr());
        len_slot.set(cert.der().len());
        Ok(())
    })
}

/// Writes the SHA-256 of the certificate's SubjectPublicKeyInfo (the key identity that HPKP
/// pins and `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` use) to
/// `*digest_out`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `digest_out` NULL or writable for one
/// `trustaudit_sha256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_spki_sha256(
    cert: *const trustaudit_cert,
    digest_out: *mut trustaudit_sha256,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (cert, out) = unsafe { (trustaudit_cert::borrow(cert, "cert")?, output_slot(digest_out, "digest_out")?) };
        out.set(trustaudit_sha256 { bytes: *cert.spki_sha256() });
        Ok(())
    })
}

/// Writes the SHA-256 fingerprint of the whole certificate (its DER) to `*digest_out`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `digest_out` NULL or writable for one
/// `trustaudit_sha256`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_sha256(
    cert: *const trustaudit_cert,
    digest_out: *mut trustaudit_sha256,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (cert, out) = unsafe { (trustaudit_cert::borrow(cert, "cert")?, output_slot(digest_out, "digest_out")?) };
        out.set(trustaudit_sha256 { bytes: *cert.sha256() });
        Ok(())
    })
}

/// Writes a JSON document (`{"schema":"trustaudit/1","kind":"certificate",...}` with
/// `subject`, `issuer`, `serial`, `not_before`, `not_after`, `sha256`, `spki_sha256`, `key`)
/// to `*json_out` (length to `*len_out` unless NULL). Release it with `trustaudit_string_free`.
///
/// # Safety
/// `cert` must be NULL or a live certificate; `json_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_cert_json(
    cert: *const trustaudit_cert,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let cert = unsafe { trustaudit_cert::borrow(cert, "cert") }?;
        let json = report::to_json("certificate", &CertificateSummary::from(cert));
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(json, json_out, len_out, "json_out") }
    })
}

/// A new C reference to `cert` (the parsed data is shared, not copied).
pub(crate) fn new_reference(cert: &Certificate) -> *const trustaudit_cert {
    trustaudit_cert::into_raw(cert.clone())
}
