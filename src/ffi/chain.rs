//! `trustaudit_chain`: a presented certificate chain (leaf first) behind a reference-counted
//! handle, built once and verified or judged many times.

use super::cert::{new_reference, trustaudit_cert};
use super::{boundary, boundary_or, input_bytes, output_slot, trustaudit_result, FfiError, Shared};
use crate::cert::Certificate;

/// A presented chain (opaque): the server's certificate first, then intermediates in any
/// order. Immutable: one handle may be used from several threads at once. Release it with
/// `trustaudit_chain_free`.
pub struct trustaudit_chain {
    _private: [u8; 0],
}

impl Shared for trustaudit_chain {
    type Rust = Vec<Certificate>;
}

/// Borrows the certificates behind a chain handle.
///
/// # Safety
/// `chain` must be NULL or a live chain handle for `'a`.
pub(crate) unsafe fn borrow_chain<'a>(
    chain: *const trustaudit_chain,
    what: &str,
) -> Result<&'a [Certificate], FfiError> {
    // SAFETY: forwarded from this function's contract.
    Ok(unsafe { trustaudit_chain::borrow(chain, what) }?.as_slice())
}

/// Parses every certificate in PEM text (as a server's chain file or `openssl s_client
/// -showcerts` prints it; text around blocks is ignored) or one DER certificate, in order.
/// `pem` is copied. On success `*chain_out` receives a new chain the caller must release with
/// `trustaudit_chain_free`; on failure it is left untouched.
///
/// Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` when the input holds no certificate or a block is
/// damaged (the message names it). Thread-safe.
///
/// # Safety
/// `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `chain_out` must
/// be NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_chain_from_pem(
    pem: *const u8,
    pem_len: usize,
    chain_out: *mut *const trustaudit_chain,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (pem, out) = unsafe { (input_bytes(pem, pem_len, "pem")?, output_slot(chain_out, "chain_out")?) };
        out.set(trustaudit_chain::into_raw(Certificate::all_from_pem_or_der(pem)?));
        Ok(())
    })
}

/// Builds a chain from `count` certificates (`certs[0]` the server's). The chain takes its own
/// references: the caller may free the certificates and the array right after this returns.
/// `(NULL, 0)` gives an empty chain (which verification refuses). Returns
/// `TRUSTAUDIT_RESULT_NULL_ARGUMENT` naming the element when one of them is NULL. On success
/// `*chain_out` receives a new chain the caller must release with `trustaudit_chain_free`.
/// Thread-safe.
///
/// # Safety
/// `certs` must be NULL (with `count == 0`) or readable for `count` pointers, each NULL or a
/// live certificate; `chain_out` must be NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_chain_from_certs(
    certs: *const *const trustaudit_cert,
    count: usize,
    chain_out: *mut *const trustaudit_chain,
) -> trustaudit_result {
    boundary(|| {
        let byte_len = count.checked_mul(std::mem::size_of::<*const trustaudit_cert>());
        let byte_len = byte_len.ok_or_else(|| FfiError::invalid("count", "too large"))?;
        // SAFETY: covered by this function's `# Safety` contract; the length check in
        // input_bytes bounds the array before it is viewed as pointers below.
        let (_, out) =
            unsafe { (input_bytes(certs.cast::<u8>(), byte_len, "certs")?, output_slot(chain_out, "chain_out")?) };
        let list: &[*const trustaudit_cert] = if count == 0 {
            &[]
        } else {
            // SAFETY: non-NULL (input_bytes refused NULL with a nonzero length), readable for
            // `count` pointers per the contract, size bounded by isize::MAX above.
            unsafe { std::slice::from_raw_parts(certs, count) }
        };
        let mut chain = Vec::with_capacity(count);
        for (i, p) in list.iter().enumerate() {
            // SAFETY: each element is NULL or a live certificate per the contract.
            chain.push(unsafe { trustaudit_cert::borrow(*p, &format!("certs[{i}]")) }?.clone());
        }
        out.set(trustaudit_chain::into_raw(chain));
        Ok(())
    })
}

/// Releases a chain. NULL is a no-op; calling it twice with the same pointer is undefined
/// behaviour.
///
/// # Safety
/// `chain` must be NULL or a chain returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_chain_free(chain: *const trustaudit_chain) {
    boundary_or((), || {
        // SAFETY: forwarded from this function's contract.
        unsafe { trustaudit_chain::free(chain) };
        Ok(())
    });
}

/// The number of certificates in the chain; 0 when `chain` is NULL (the last error then says
/// so). Thread-safe.
///
/// # Safety
/// `chain` must be NULL or a live chain.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_chain_len(chain: *const trustaudit_chain) -> usize {
    boundary_or(0, || {
        // SAFETY: covered by this function's `# Safety` contract.
        Ok(unsafe { borrow_chain(chain, "chain") }?.len())
    })
}

/// Gives the certificate at `index` (0 is the server's). On success `*cert_out` receives a new
/// reference the caller must release with `trustaudit_cert_free`. Returns
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when `index` is out of range.
///
/// # Safety
/// `chain` must be NULL or a live chain; `cert_out` NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_chain_cert(
    chain: *const trustaudit_chain,
    index: usize,
    cert_out: *mut *const trustaudit_cert,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (chain, out) = unsafe { (borrow_chain(chain, "chain")?, output_slot(cert_out, "cert_out")?) };
        let cert = chain.get(index).ok_or_else(|| {
            FfiError::invalid("index", format!("{index} is out of range: the chain holds {} certificates", chain.len()))
        })?;
        out.set(new_reference(cert));
        Ok(())
    })
}
