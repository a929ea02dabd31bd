//! `trustaudit_probe_json`: a live TLS handshake that records what a server presents. Blocking
//! network I/O bounded by the caller's timeout; never trusts, only records.

use std::ffi::c_char;
use std::net::SocketAddr;
use std::time::Duration;

use super::chain::trustaudit_chain;
use super::{boundary, input_str, output_slot, output_string, trustaudit_result, FfiError, Shared};
use crate::probe::{self, ProbeError, ProbeOptions, ProbeReport, ProxyRules, ProxySetting, Target, Timeouts};
use crate::report;

/// How a probe picks its proxy; the `proxy` field of `trustaudit_probe_options`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_proxy_mode {
    /// From this process's environment by curl's rules (`https_proxy`, `HTTPS_PROXY`,
    /// `all_proxy`, `NO_PROXY`); the default.
    EnvironmentCurl = 0,
    /// From this process's environment by Go's rules (`HTTPS_PROXY`, `https_proxy`,
    /// `NO_PROXY`), as `go mod download` decides.
    EnvironmentGo = 1,
    /// Connect directly, whatever the environment says.
    Direct = 2,
}

/// Options for `trustaudit_probe_json`. Pass NULL for the defaults; an all-zero struct means
/// the defaults too. The strings are borrowed for the duration of the call only.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct trustaudit_probe_options {
    /// Time budget in milliseconds for each phase (DNS, TCP connect, proxy CONNECT, TLS
    /// handshake); 0 keeps the defaults (5 s for DNS and TCP, 10 s for the proxy and TLS).
    pub timeout_ms: u32,
    /// A `trustaudit_proxy_mode` value.
    pub proxy: u32,
    /// The name to send in SNI (UTF-8, not NUL-terminated); `(NULL, 0)` sends the target host
    /// (no SNI for an IP address, as clients do).
    pub sni: *const u8,
    /// Length of `sni` in bytes.
    pub sni_len: usize,
    /// Connect to this `address:port` instead of resolving the host, like curl's
    /// `--connect-to` (`"127.0.0.1:8443"`, `"[::1]:443"`); `(NULL, 0)` resolves normally.
    pub connect_to: *const u8,
    /// Length of `connect_to` in bytes.
    pub connect_to_len: usize,
}

/// Parses the probe arguments and runs the probe.
///
/// # Safety
/// As `trustaudit_probe_json`'s first three arguments.
unsafe fn run_probe(
    target: *const u8,
    target_len: usize,
    options: *const trustaudit_probe_options,
) -> Result<ProbeReport, FfiError> {
    // SAFETY: covered by this function's `# Safety` contract.
    let target = unsafe { input_str(target, target_len, "target") }?;
    let o = if options.is_null() {
        trustaudit_probe_options {
            timeout_ms: 0,
            proxy: 0,
            sni: std::ptr::null(),
            sni_len: 0,
            connect_to: std::ptr::null(),
            connect_to_len: 0,
        }
    } else {
        // SAFETY: non-NULL and live per the contract; integers and raw pointers accept any
        // bit pattern, and the pointers are checked below before use.
        unsafe { *options }
    };
    // SAFETY: the option strings are covered by this function's `# Safety` contract.
    let (sni, connect_to) = unsafe {
        (input_str(o.sni, o.sni_len, "options.sni")?, input_str(o.connect_to, o.connect_to_len, "options.connect_to")?)
    };
    let target = Target::parse(target).map_err(|e| match e {
        ProbeError::InvalidTarget { reason } => FfiError::invalid("target", reason),
        other => FfiError::invalid("target", other),
    })?;
    let mut opts = ProbeOptions::default();
    if o.timeout_ms != 0 {
        opts.timeouts = Timeouts::all(Duration::from_millis(u64::from(o.timeout_ms)));
    }
    opts.proxy = match o.proxy {
        0 => ProxySetting::FromEnvironment(ProxyRules::Curl),
        1 => ProxySetting::FromEnvironment(ProxyRules::Go),
        2 => ProxySetting::Direct,
        v => return Err(FfiError::invalid("options.proxy", format!("{v} is not a trustaudit_proxy_mode"))),
    };
    if !sni.is_empty() {
        opts.sni = Some(sni.to_owned());
    }
    if !connect_to.is_empty() {
        let addr: SocketAddr = connect_to
            .parse()
            .map_err(|_| FfiError::invalid("options.connect_to", format!("{connect_to:?} is not an address:port")))?;
        opts.connect_to = Some(addr);
    }
    Ok(probe::probe(&target, &opts, &probe::Environment::from_process()))
}

/// Probes `target` (`"host"`, `"host:port"`, `"[v6]:port"` or an `https://` URL; UTF-8, not
/// NUL-terminated; port 443 by default): resolves it, connects (through a proxy when the
/// options say so), runs a TLS handshake that accepts any certificate, and records what the
/// server presented. Blocks for at most about four times the per-phase timeout. Writes the
/// report as JSON to `*json_out` (length to `*len_out` unless NULL): `{"schema":
/// "trustaudit/1","kind":"probe","target":{"host":…,"port":…},"sni":…,"proxy":…,
/// "resolution":…,"connect":[…],"tls":{"version":…,"cipher_suite":…,"alpn":…}|null,
/// "chain":[{subject,issuer,…},…],"scts":{…},"failure":{"kind":…,"phase":…,"message":…}|null,
/// "elapsed_ms":…}`.
///
/// A server that cannot be reached or refuses the handshake is not an error: the call returns
/// `TRUSTAUDIT_RESULT_OK` and `"failure"` says which phase failed and why. Errors:
/// `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (unusable target, `connect_to` or option values),
/// `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. Release the string with
/// `trustaudit_string_free`. Thread-safe; reads the environment for proxy settings.
///
/// # Safety
/// `target` must be readable for `target_len` bytes (or NULL with 0); `options` NULL or a live
/// struct whose `sni` and `connect_to` are readable for their lengths (or NULL with 0);
/// `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_probe_json(
    target: *const u8,
    target_len: usize,
    options: *const trustaudit_probe_options,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // Checked first so a NULL out-pointer never costs a network round trip.
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        // SAFETY: covered by this function's `# Safety` contract.
        let r = unsafe { run_probe(target, target_len, options) }?;
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("probe", &r), json_out, len_out, "json_out") }
    })
}

/// As `trustaudit_probe_json`, also handing back the certificates the server presented (in the
/// order it sent them; an empty chain when the handshake did not get that far) so they can go
/// straight to `trustaudit_verify` or `trustaudit_inspect`. On success `*chain_out` receives a
/// new chain the caller must release with `trustaudit_chain_free`, and `*json_out` the report
/// to release with `trustaudit_string_free`; on failure neither is written.
///
/// # Safety
/// As `trustaudit_probe_json`; `chain_out` NULL or writable for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_probe(
    target: *const u8,
    target_len: usize,
    options: *const trustaudit_probe_options,
    chain_out: *mut *const trustaudit_chain,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        // Checked first so a NULL out-pointer never costs a network round trip.
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        // SAFETY: covered by this function's `# Safety` contract.
        let chain_slot = unsafe { output_slot(chain_out, "chain_out") }?;
        // SAFETY: covered by this function's `# Safety` contract.
        let r = unsafe { run_probe(target, target_len, options) }?;
        let json = report::to_json("probe", &r);
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(json, json_out, len_out, "json_out") }?;
        chain_slot.set(trustaudit_chain::into_raw(r.certificates()));
        Ok(())
    })
}
