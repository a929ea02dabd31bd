//! `trustaudit_store`: trust stores behind reference-counted handles — loading (Mozilla,
//! system, a file or directory, memory), counting and iterating roots, diagnostics as JSON.

use std::ffi::c_char;
use std::path::Path;

use serde::Serialize;

use super::cert::{new_reference, trustaudit_cert};
use super::{
    boundary, boundary_or, input_bytes, input_str, output_slot, output_string, trustaudit_result, FfiError, Shared,
};
use crate::cert::CertificateSummary;
use crate::report;
use crate::store::{Diagnostic, StoreKind, TrustStore};

/// A trust store (opaque): a named, de-duplicated, immutable set of root certificates plus the
/// problems met while loading it. One handle may be used from several threads at once. Every
/// constructor hands the caller a reference that must be released with
/// `trustaudit_store_free`.
pub struct trustaudit_store {
    _private: [u8; 0],
}

impl Shared for trustaudit_store {
    type Rust = TrustStore;
}

/// Hands `store` to C through `store_out`.
///
/// # Safety
/// `store_out` must be NULL or writable for one pointer.
pub(crate) unsafe fn output_store(store: TrustStore, store_out: *mut *const trustaudit_store) -> Result<(), FfiError> {
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { output_slot(store_out, "store_out") }?;
    out.set(trustaudit_store::into_raw(store));
    Ok(())
}

/// Borrows the store behind a handle.
///
/// # Safety
/// `store` must be NULL or a live store handle for `'a`.
pub(crate) unsafe fn borrow_store<'a>(store: *const trustaudit_store, what: &str) -> Result<&'a TrustStore, FfiError> {
    // SAFETY: forwarded from this function's contract.
    unsafe { trustaudit_store::borrow(store, what) }
}

/// Loads Mozilla's root set as compiled into the library (no file or network access). On
/// success `*store_out` receives a new store the caller must release with
/// `trustaudit_store_free`. Thread-safe.
///
/// # Safety
/// `store_out` must be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_mozilla(store_out: *mut *const trustaudit_store) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(TrustStore::mozilla(), store_out) }
    })
}

/// Loads the operating system's store the way OpenSSL-based tools find it: `SSL_CERT_FILE`
/// and `SSL_CERT_DIR` exclusively when either is set in this process's environment, else the
/// distribution's bundle and certificate directory (which applied is in the diagnostics JSON's
/// `notes`). Unreadable entries become diagnostics, never a failure. On success `*store_out`
/// receives a new store the caller must release with `trustaudit_store_free`. Reads the
/// environment: do not call it while another thread modifies the environment.
///
/// # Safety
/// `store_out` must be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_system(store_out: *mut *const trustaudit_store) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(TrustStore::system(), store_out) }
    })
}

/// Loads a PEM bundle, a DER file, or a directory of them (including OpenSSL hashed
/// directories) from `path` (UTF-8 bytes, not NUL-terminated). The store is named after the
/// path. Bad entries do not fail the call: read them with `trustaudit_store_diagnostics_json`.
///
/// Returns `TRUSTAUDIT_RESULT_NOT_FOUND` when the path does not exist,
/// `TRUSTAUDIT_RESULT_IO` when it cannot be read at all, `TRUSTAUDIT_RESULT_INVALID_UTF8` when
/// `path` is not UTF-8, `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when it is empty. On success
/// `*store_out` receives a new store the caller must release with `trustaudit_store_free`.
/// Thread-safe.
///
/// # Safety
/// `path` must be readable for `path_len` bytes (or NULL with `path_len == 0`); `store_out`
/// must be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_from_path(
    path: *const u8,
    path_len: usize,
    store_out: *mut *const trustaudit_store,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let path = unsafe { input_str(path, path_len, "path") }?;
        if store_out.is_null() {
            return Err(FfiError::null("store_out"));
        }
        if path.is_empty() {
            return Err(FfiError::invalid("path", "is empty"));
        }
        let store = TrustStore::from_path(path, Path::new(path))?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(store, store_out) }
    })
}

/// Builds a store named `"memory"` from a PEM bundle (any number of blocks, text around them
/// ignored) or one DER certificate. Bad entries do not fail the call (read them with
/// `trustaudit_store_diagnostics_json`); `(NULL, 0)` gives an empty store. `pem` is copied:
/// free it any time after this returns. Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` only when the
/// input is over the 64 MiB limit. On success `*store_out` receives a new store the caller
/// owns and must release with `trustaudit_store_free`. Thread-safe.
///
/// # Safety
/// `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `store_out`
/// must be NULL or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_from_pem(
    pem: *const u8,
    pem_len: usize,
    store_out: *mut *const trustaudit_store,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let pem = unsafe { input_bytes(pem, pem_len, "pem") }?;
        if store_out.is_null() {
            return Err(FfiError::null("store_out"));
        }
        let store = TrustStore::from_bytes("memory", pem)?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(store, store_out) }
    })
}

/// As `trustaudit_store_from_pem`, with the store named `name` (UTF-8 bytes, not
/// NUL-terminated; it appears in reports and verification messages). Returns
/// `TRUSTAUDIT_RESULT_INVALID_UTF8` naming `name` when it is not UTF-8.
///
/// # Safety
/// `name` must be readable for `name_len` bytes and `bytes` for `bytes_len` bytes (each may be
/// NULL with a zero length); `store_out` must be NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_from_bytes(
    name: *const u8,
    name_len: usize,
    bytes: *const u8,
    bytes_len: usize,
    store_out: *mut *const trustaudit_store,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (name, bytes) = unsafe { (input_str(name, name_len, "name")?, input_bytes(bytes, bytes_len, "bytes")?) };
        if store_out.is_null() {
            return Err(FfiError::null("store_out"));
        }
        let store = TrustStore::from_bytes(name, bytes)?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_store(store, store_out) }
    })
}

/// Releases a store reference. Certificates and results obtained from it keep their own
/// references and stay valid. NULL is a no-op. Calling this twice with the same pointer is
/// undefined behaviour.
///
/// # Safety
/// `store` must be NULL or a store returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_free(store: *const trustaudit_store) {
    boundary_or((), || {
        // SAFETY: forwarded from this function's contract.
        unsafe { trustaudit_store::free(store) };
        Ok(())
    });
}

/// The number of distinct roots in the store; 0 when `store` is NULL (and the last error then
/// says so). Thread-safe.
///
/// # Safety
/// `store` must be NULL or a live store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_len(store: *const trustaudit_store) -> usize {
    boundary_or(0, || {
        // SAFETY: covered by this function's `# Safety` contract.
        Ok(unsafe { borrow_store(store, "store") }?.len())
    })
}

/// Gives the root at `index` (0-based, in load order, below `trustaudit_store_len`). On
/// success `*cert_out` receives a new certificate reference the caller must release with
/// `trustaudit_cert_free`; it stays valid after the store is freed. Returns
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when `index` is out of range. Thread-safe.
///
/// # Safety
/// `store` must be NULL or a live store; `cert_out` NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_root(
    store: *const trustaudit_store,
    index: usize,
    cert_out: *mut *const trustaudit_cert,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (store, out) = unsafe { (borrow_store(store, "store")?, output_slot(cert_out, "cert_out")?) };
        let root = store.roots().get(index).ok_or_else(|| {
            FfiError::invalid("index", format!("{index} is out of range: the store holds {} roots", store.len()))
        })?;
        out.set(new_reference(&root.cert));
        Ok(())
    })
}

/// Writes whether a root with exactly the same DER as `cert` is in the store to `*found_out`.
///
/// # Safety
/// `store` and `cert` must each be NULL or live handles; `found_out` NULL or writable for one
/// `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_contains(
    store: *const trustaudit_store,
    cert: *const trustaudit_cert,
    found_out: *mut bool,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let (store, cert, out) = unsafe {
            (
                borrow_store(store, "store")?,
                trustaudit_cert::borrow(cert, "cert")?,
                output_slot(found_out, "found_out")?,
            )
        };
        out.set(store.contains(cert));
        Ok(())
    })
}

/// Writes the store's name (`"mozilla"`, `"system"`, a path, the name given) to `*name_out`
/// and its length to `*len_out` unless `len_out` is NULL. Release it with
/// `trustaudit_string_free`.
///
/// # Safety
/// `store` must be NULL or a live store; `name_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_name(
    store: *const trustaudit_store,
    name_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let store = unsafe { borrow_store(store, "store") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(store.name().to_owned(), name_out, len_out, "name_out") }
    })
}

/// How a store was loaded: the JSON body of `trustaudit_store_diagnostics_json`.
#[derive(Serialize)]
struct StoreDiagnostics<'a> {
    store: &'a str,
    store_kind: StoreKind,
    roots: usize,
    duplicates: usize,
    sources: &'a [String],
    notes: &'a [String],
    diagnostics: &'a [Diagnostic],
    diagnostics_dropped: usize,
}

/// Writes a JSON document describing how the store was loaded to `*json_out` (length to
/// `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"store_diagnostics","store":…,
/// "store_kind":…,"roots":N,"duplicates":N,"sources":[…],"notes":[…],"diagnostics":[{"source":…,
/// "location":{"line":N}|{"offset":N}|null,"reason":…}],"diagnostics_dropped":N}`. Release it
/// with `trustaudit_string_free`.
///
/// # Safety
/// `store` must be NULL or a live store; `json_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_diagnostics_json(
    store: *const trustaudit_store,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let s = unsafe { borrow_store(store, "store") }?;
        let body = StoreDiagnostics {
            store: s.name(),
            store_kind: s.kind(),
            roots: s.len(),
            duplicates: s.duplicates(),
            sources: s.sources(),
            notes: s.notes(),
            diagnostics: s.diagnostics(),
            diagnostics_dropped: s.diagnostics_dropped(),
        };
        let json = report::to_json("store_diagnostics", &body);
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(json, json_out, len_out, "json_out") }
    })
}

/// The roots of a store: the JSON body of `trustaudit_store_roots_json`.
#[derive(Serialize)]
struct StoreRoots<'a> {
    store: &'a str,
    roots: Vec<CertificateSummary>,
}

/// Writes every root as JSON to `*json_out` (length to `*len_out` unless NULL):
/// `{"schema":"trustaudit/1","kind":"store_roots","store":…,"roots":[{"subject":…,"issuer":…,
/// "serial":…,"not_before":…,"not_after":…,"sha256":…,"spki_sha256":…,"key":…}, …]}` in load
/// order. Release it with `trustaudit_string_free`.
///
/// # Safety
/// `store` must be NULL or a live store; `json_out` NULL or writable for one pointer;
/// `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_store_roots_json(
    store: *const trustaudit_store,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let s = unsafe { borrow_store(store, "store") }?;
        let body = StoreRoots {
            store: s.name(),
            roots: s.roots().iter().map(|r| CertificateSummary::from(&r.cert)).collect(),
        };
        let json = report::to_json("store_roots", &body);
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(json, json_out, len_out, "json_out") }
    })
}
