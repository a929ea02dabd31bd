//! `trustaudit_doctor_json`: end-to-end diagnosis for a tool (go, pip, npm, git, cargo) —
//! configuration, DNS, TCP, proxy, TLS, trust, verdict and the fix. Blocking: it runs the tool
//! to read its configuration and probes the endpoints it would contact.

use std::ffi::c_char;
use std::path::PathBuf;
use std::time::Duration;

use super::{boundary, input_str, output_string, trustaudit_result, FfiError};
use crate::doctor::{self, go, pip, tools, DoctorError};
use crate::probe::Timeouts;
use crate::report;
use crate::runtime;

/// The tool to diagnose; the `tool` argument of `trustaudit_doctor_json`. Values are fixed
/// forever.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum trustaudit_tool {
    /// `go mod download` (target: a module path, default `golang.org/x/mod`).
    Go = 0,
    /// `pip install` / `pip download` (target: a project, default `pip`).
    Pip = 1,
    /// `npm install` (target: a package, default `npm`).
    Npm = 2,
    /// `git clone` / `git fetch` over HTTPS (target: the remote URL, required).
    Git = 3,
    /// `cargo fetch` (target: the registry index URL, default crates.io's sparse index).
    Cargo = 4,
}

/// Options for `trustaudit_doctor_json`. Pass NULL for the defaults; an all-zero struct means
/// the defaults too. Strings are UTF-8, not NUL-terminated, borrowed for the call only;
/// `(NULL, 0)` leaves each at its default.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct trustaudit_doctor_options {
    /// Time budget in milliseconds for each network phase; 0 means 10 seconds.
    pub timeout_ms: u32,
    /// What to fetch: see `trustaudit_tool` for each tool's meaning and default.
    pub target: *const u8,
    /// Length of `target` in bytes.
    pub target_len: usize,
    /// Where to write the CA bundle the fix points the tool at; default
    /// `$XDG_CONFIG_HOME/trustaudit/<tool>-ca-bundle.pem` (or under `~/.config`).
    pub bundle_path: *const u8,
    /// Length of `bundle_path` in bytes.
    pub bundle_path_len: usize,
    /// A PEM file holding the interception root, when the proxy does not present it.
    pub root_path: *const u8,
    /// Length of `root_path` in bytes.
    pub root_path_len: usize,
}

impl From<DoctorError> for FfiError {
    fn from(e: DoctorError) -> Self {
        let code = if matches!(e, DoctorError::ToolMissing { .. }) {
            trustaudit_result::NotFound
        } else {
            trustaudit_result::Io
        };
        FfiError::new(code, e.to_string())
    }
}

/// Diagnoses why `tool` (a `trustaudit_tool` value) cannot fetch over TLS on this machine,
/// the way the tool itself would connect (its configuration, proxy rules, trust store and
/// name rules), and writes the diagnosis as JSON to `*json_out` (length to `*len_out` unless
/// NULL): `{"schema":"trustaudit/1","kind":"doctor","tool":…,"command":…,"settings":[…],
/// "links":[{…},…],"broken":{…}|null,"fix":["…",…],"files_written":[…],"notes":[…]}` — the
/// same document as `trustaudit doctor <tool> --json`.
///
/// Blocks while it runs the tool (to read its configuration) and probes each endpoint, each
/// network phase bounded by `options->timeout_ms`. It writes one file, the CA bundle the fix
/// points at, and only when a fix needs it; it never changes the tool's configuration or the
/// system trust store. A broken connection is a finding in the JSON, not an error. Errors:
/// `TRUSTAUDIT_RESULT_NOT_FOUND` (the tool is not on PATH), `TRUSTAUDIT_RESULT_IO` (running
/// the tool or writing the bundle failed), `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (unknown tool,
/// git without a remote URL), `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`.
/// Release the string with `trustaudit_string_free`. Reads the environment.
///
/// # Safety
/// `options` must be NULL or a live struct whose strings are readable for their lengths (or
/// NULL with 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for
/// one `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn trustaudit_doctor_json(
    tool: u32,
    options: *const trustaudit_doctor_options,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
) -> trustaudit_result {
    boundary(|| {
        let o = if options.is_null() {
            trustaudit_doctor_options {
                timeout_ms: 0,
                target: std::ptr::null(),
                target_len: 0,
                bundle_path: std::ptr::null(),
                bundle_path_len: 0,
                root_path: std::ptr::null(),
                root_path_len: 0,
            }
        } else {
            // SAFETY: non-NULL and live per the contract; integers and raw pointers accept any
            // bit pattern, and the pointers are checked below before use.
            unsafe { *options }
        };
        // SAFETY: the option strings are covered by this function's `# Safety` contract.
        let (target, bundle, root) = unsafe {
            (
                input_str(o.target, o.target_len, "options.target")?,
                input_str(o.bundle_path, o.bundle_path_len, "options.bundle_path")?,
                input_str(o.root_path, o.root_path_len, "options.root_path")?,
            )
        };
        if json_out.is_null() {
            return Err(FfiError::null("json_out"));
        }
        let name = match tool {
            0 => "go",
            1 => "pip",
            2 => "npm",
            3 => "git",
            4 => "cargo",
            v => {
                return Err(FfiError::invalid(
                    "tool",
                    format!("{v} is not a tool (TRUSTAUDIT_TOOL_GO .. TRUSTAUDIT_TOOL_CARGO)"),
                ))
            }
        };
        if name == "git" && target.is_empty() {
            return Err(FfiError::invalid("options.target", "git needs the remote URL to diagnose"));
        }
        let ms = if o.timeout_ms == 0 { 10_000 } else { o.timeout_ms };
        let timeouts = Timeouts::all(Duration::from_millis(u64::from(ms)));
        let env = runtime::Environment::from_process();
        let bundle_path = if bundle.is_empty() { go::default_bundle_path(&env, name) } else { PathBuf::from(bundle) };
        let root = (!root.is_empty()).then(|| PathBuf::from(root));
        let target = (!target.is_empty()).then(|| target.to_owned());
        let diagnosis: doctor::Diagnosis = match tool {
            0 => go::doctor_go(&env, &go::GoOptions { module: target, bundle_path, root, timeouts })?,
            1 => pip::doctor_pip(&env, &pip::PipOptions { project: target, bundle_path, root, timeouts })?,
            _ => {
                let t = tools::ToolOptions { target, bundle_path, root, timeouts };
                match tool {
                    2 => tools::doctor_npm(&env, &t)?,
                    3 => tools::doctor_git(&env, &t)?,
                    _ => tools::doctor_cargo(&env, &t)?,
                }
            }
        };
        // SAFETY: covered by this function's `# Safety` contract.
        unsafe { output_string(report::to_json("doctor", &diagnosis), json_out, len_out, "json_out") }
    })
}
