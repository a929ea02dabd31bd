//! `trustaudit_inspector`, `trustaudit_inspect*` and the `trustaudit_verdict` value: is someone intercepting TLS? The hot call
//! returns a code and a small struct (level, confidence, product); the evidence is JSON.

use std::ffi::c_char;

use super::chain::{borrow_chain, trustaudit_chain};
use super::store::{borrow_store, trustaudit_store};
use super::{
    boundary, boundary_or, input_bytes, input_str, output_slot, output_string, trustaudit_result, FfiError, Shared,
};
use crate::intercept::{Inspector, InterceptError, Level, Verdict};
use crate::report;
use crate::store::TrustStore;

/// What a verdict is judged against (opaque): the public root set and any local stores.
/// Immutable: one inspector may be used from several threads at once. Release it with
/// `trustaudit_inspector_free`.
pub struct trustaudit_inspector {
    _private: [u8; 0],
}

/// The stores an inspector judges against; an `Inspector` borrowing them is built per call
/// (it is a handful of references).
pub struct InspectorStores {
    public: TrustStore,
    local: Vec<TrustStore>,
}

impl Shared for trustaudit_inspector {
    type Rust = InspectorStores;
}

/// The verdict's level; the `level` field of `trustaudit_verdict`. Values are fixed forever.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_level {
    /// Nothing points at interception.
    Clean = 0,
    /// Some signals point at interception, not enough to be sure.
    Suspected = 1,
    /// Someone is re-signing this connection.
    Intercepted = 2,
}

/// Length of `trustaudit_verdict.product`, including the terminating NUL.
const PRODUCT_LEN: usize = 64;

/// The outcome of one interception check, written by `trustaudit_inspect`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct trustaudit_verdict {
    /// A `trustaudit_level` value.
    pub level: u32,
    /// How sure the verdict is, from 0.0 to 1.0.
    pub confidence: f32,
    /// How many evidence items the verdict rests on (read them with `trustaudit_inspect_json`).
    pub evidence_count: u32,
    /// The interception product's catalogue id (`"zscaler"`, `"mitmproxy"`, …) as a
    /// NUL-terminated string, or `""` when no product was recognised.
    pub product: [c_char; 64],
}

#[allow(clippy::as_conversions)] // enum discriminants and ASCII bytes to c_char: exact
impl From<&Verdict> for trustaudit_verdict {
    fn from(v: &Verdict) -> Self {
        let level = match v.verdict {
            Level::Clean => trustaudit_level::Clean,
            Level::Suspected => trustaudit_level::Suspected,
            Level::Intercepted => trustaudit_level::Intercepted,
        };
        let mut product = [0 as c_char; PRODUCT_LEN];
        if let Some(p) = &v.product {
            // Catalogue ids are short ASCII words; anything else is cut, never overflowed.
            for (slot, b) in product.iter_mut().zip(p.id.bytes().filter(|b| *b != 0).take(PRODUCT_LEN - 1)) {
                *slot = b as c_char;
            }
        }
        trustaudit_verdict {
            level: level as u32,
            confidence: v.confidence,
            evidence_count: u32::try_from(v.evidence.len()).unwrap_or(u32::MAX),
            product,
        }
    }
}

impl From<InterceptError> for FfiError {
    fn from(e: InterceptError) -> Self {
        let code = match &e {
            InterceptError::Catalogue { .. } => trustaudit_result::ParseError,
            InterceptError::Io { .. } => trustaudit_result::Io,
            _ => trustaudit_result::InvalidArgument,
        };
        FfiError::new(code, e.to_string())
    }
}

/// Prepares interception checks against `public` (the public root set, normally from
/// `trustaudit_store_mozilla`) and `local[0..local_count]` (stores on this machine that may
/// hold a corporate or proxy root: the system store, a runtime's store). The inspector keeps
/// its own references: the stores may be freed right after. `(NULL, 0)` means no local store.
/// On success `*inspector_out` receives a new inspector the caller must release with
/// `trustaudit_inspector_free`. Thread-safe.
///
/// # Safety
/// `public` must be NULL or a live store; `local` NULL (with `local_count == 0`) or readable
/// for `local_count` pointers, each NULL or a live store; `inspector_out` NULL or writable
/// for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_inspector_new(
    public: *const trustaudit_store,
    local: *const *const trustaudit_store,
    local_count: usize,
    inspector_out: *mut *const trustaudit_inspector,
) -> trustaudit_result {
    boundary(|| {
        let byte_len = local_count
            .checked_mul(std::mem::size_of::<*const trustaudit_store>())
            .ok_or_else(|| FfiError::invalid("local_count", "too large"))?;
        // SAFETY: covered by this function's `# Safety` contract.
        let (public, _, out) = unsafe {
            (
                borrow_store(public, "public")?,
                input_bytes(local.cast::<u8>(), byte_len, "local")?,
                output_slot(inspector_out, "inspector_out")?,
            )
        };
        let list: &[*const trustaudit_store] = if local_count == 0 {
            &[]
        } else {
            // SAFETY: non-NULL (input_bytes refused NULL with a nonzero length) and readable
            // for `local_count` pointers per the contract.
            unsafe { std::slice::from_raw_parts(local, local_count) }
        };
        let mut stores = Vec::with_capacity(local_count);
        for (i, p) in list.iter().enumerate() {
            // SAFETY: each element is NULL or a live store per the contract.
            stores.push(unsafe { borrow_store(*p, &format!("local[{i}]")) }?.clone());
        }
        out.set(trustaudit_inspector::into_raw(InspectorStores { public: public.clone(), local: stores }));
        Ok(())
    })
}

/// Releases an inspector. NULL is a no-op; calling it twice with the same pointer is undefined
/// behaviour.
///
/// # Safety
/// `inspector` must be NULL or an inspector returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_inspector_free(inspector: *const trustaudit_inspector) {
    boundary_or((), || {
        // SAFETY: forwarded from this function's contract.
        unsafe { trustaudit_inspector::free(inspector) };
        Ok(())
    });
}

/// Runs the inspection shared by the verdict functions.
///
/// # Safety
/// As `trustaudit_inspect`'s first four arguments.
unsafe fn inspect(
    inspector: *const trustaudit_inspector,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
) -> Result<Verdict, FfiError> {
    // SAFETY: forwarded from this function's contract.
    let (stores, chain, name) = unsafe {
        (
            trustaudit_inspector::borrow(inspector, "inspector")?,
            borrow_chain(chain, "chain")?,
            input_str(name, name_len, "name")?,
        )
    };
    let mut inspector = Inspector::new(&stores.public);
    for s in &stores.local {
        inspector = inspector.with_local_store(s);
    }
    let name = (!name.is_empty()).then_some(name);
    Ok(inspector.inspect(chain, name)?)
}

/// Judges whether the presented `chain` (as the server sent it, leaf first) for `name` (the
/// host the client asked for, UTF-8 bytes; `(NULL, 0)` when unknown) shows TLS interception,
/// and writes the level, confidence and recognised product to `*verdict_out`. A clean or
/// intercepted connection is a value, not an error: the call returns `TRUSTAUDIT_RESULT_OK`.
/// Errors: `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an empty or over-long chain,
/// `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed
/// to the caller. Judged at the current time against the embedded CT log list and product
/// catalogue. Thread-safe.
///
/// # Safety
/// `inspector` and `chain` must each be NULL or live handles; `name` readable for `name_len`
/// bytes (or NULL with 0); `verdict_out` NULL or writable for one `trustaudit_verdict`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_inspect(
    inspector: *const trustaudit_inspector,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
    verdict_out: *mut trustaudit_verdict,
) -> trustaudit_result {
    boundary(|| {
        // SAFETY: covered by this function's `# Safety` contract.
        let out = unsafe { output_slot(verdict_out, "verdict_out") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        let v = unsafe { inspect(inspector, chain, name, name_len) }?;
        out.set(trustaudit_verdict::from(&v));
        Ok(())
    })
}

/// As `trustaudit_inspect`, writing the whole verdict with its evidence as JSON to
/// `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
/// "verdict","verdict":"clean"|"suspected"|"intercepted","confidence":…,"product":{"id":…,
/// "product":…,"vendor":…,…}|null,"name":…,"anchor":{…},"leaf_subject":…,"sct_summary":…,
/// "scts":[…],"evidence":[{"signal":…,"weight":…,"sentence":…},…]}`. Release it with
/// `trustaudit_string_free`.
///
/// # Safety
/// As `trustaudit_inspect`; `json_out` NULL or writable for one pointer; `len_out` NULL or
/// writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_inspect_json(
    inspector: *const trustaudit_inspector,
    chain: *const trustaudit_chain,
    name: *const u8,
    name_len: usize,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        // SAFETY: covered by this function's `# Safety` contract.
        let v = unsafe { inspect(inspector, chain, name, name_len) }?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("verdict", &v), json_out, len_out, "json_out") }
    })
}
