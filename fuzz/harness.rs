//! The body of every fuzz target, shared by the libFuzzer binaries in `fuzz_targets/` and by the
//! corpus replay test (`tests/fuzz_corpus_replay.rs`), so replay runs exactly what fuzzing runs.
//!
//! Each function takes arbitrary bytes and must return normally: any panic is a bug.

#![allow(dead_code, unreachable_pub)]

use trustaudit::cert::{pem, Certificate};
use trustaudit::store::TrustStore;

/// `cert`: parse as a certificate and touch every accessor.
pub(crate) fn cert(data: &[u8]) {
    if let Ok(c) = Certificate::from_der(data) {
        touch(&c);
    }
    if let Ok(all) = Certificate::all_from_pem_or_der(data) {
        for c in &all {
            touch(c);
        }
    }
}

fn touch(c: &Certificate) {
    let _ = (c.version(), c.subject().display_name(), c.issuer().rfc4514.len());
    let _ = (c.serial_hex(), c.not_before().to_rfc3339(), c.not_after().to_rfc3339());
    let _ = (c.sha256_hex(), c.sha1_hex(), c.spki_sha256_base64(), c.key().to_string());
    let _ = (c.signature_algorithm().is_weak(), c.key().is_weak(), c.basic_constraints());
    let _ = (c.subject_alt_names().len(), c.dns_names().count(), c.is_ca());
    let _ = (c.is_self_issued(), c.is_self_signed(), c.has_sct_list(), c.sct_list_extension());
    let _ = (c.is_signed_by(c), c.names_as_issuer(c), c.id());
    let _ = trustaudit::cert::CertificateSummary::from(c);
    let _ = serde_json_len(c);
}

fn serde_json_len(c: &Certificate) -> usize {
    trustaudit::report::to_json_line("certificate", c.extensions()).len()
}

/// `pem_bundle`: the store loader over arbitrary bundle bytes (PEM, DER, TRUSTED CERTIFICATE,
/// junk around blocks). Every certificate loaded must also parse on its own.
pub(crate) fn pem_bundle(data: &[u8]) {
    let Ok(store) = TrustStore::from_bytes("fuzz", data) else { return };
    for root in store.roots() {
        assert!(Certificate::from_der(root.cert.der()).is_ok(), "a loaded root must re-parse");
    }
    for d in store.diagnostics() {
        let _ = d.to_string();
    }
}

/// `pem_split_diff`: our PEM block scanner against rustls-pki-types' on the same input.
///
/// For every CERTIFICATE block rustls-pki-types decodes, our scanner must yield the same DER
/// in the same order. (Ours is more lenient: it also reads TRUSTED CERTIFICATE blocks and
/// keeps going past damaged blocks, so the comparison is one-directional; and, like Go, it
/// refuses unpadded base64 and a block that a second BEGIN interrupts.)
pub(crate) fn pem_split_diff(data: &[u8]) {
    use rustls_pki_types::pem::PemObject as _;
    use rustls_pki_types::CertificateDer;

    let theirs: Vec<Vec<u8>> = match CertificateDer::pem_slice_iter(data).collect::<Result<Vec<_>, _>>() {
        // An empty block decodes to zero bytes there; ours reports it as a damaged entry
        // ("CERTIFICATE block is empty"), since it cannot be a certificate.
        Ok(v) => v.into_iter().map(|c| c.to_vec()).filter(|d| !d.is_empty()).collect(),
        // A damaged section makes rustls-pki-types stop; nothing to compare against.
        Err(_) => return,
    };
    let mut ours: Vec<Vec<u8>> = Vec::new();
    // Inputs where rustls-pki-types is knowingly more lenient than ours (and than Go):
    // base64 without its '=' padding, a BEGIN inside an open block (it reads on past it),
    // vertical tabs or form feeds inside the base64 (it skips them; OpenSSL and Go refuse), and
    // bytes after the END marker on its line (it takes the marker; Go does not), and BEGIN
    // lines with spaces among the closing dashes.
    const LENIENT_THERE: [&str; 8] = [
        "without its '=' padding",
        "is not closed before",
        "'\\u{b}'",
        "'\\u{c}'",
        "has no END line",
        "ends with -----END",
        "malformed END marker",
        "malformed BEGIN marker",
    ];
    let mut lenient_there = false;
    for block in pem::blocks(data) {
        match block {
            Ok(b) if b.label == "CERTIFICATE" => ours.push(b.der),
            Ok(_) => {}
            Err(e) => {
                lenient_there |= LENIENT_THERE.iter().any(|known| e.reason.contains(known));
            }
        }
    }
    // Away from those known leniencies the two scanners agree exactly. (Under them no weaker
    // property holds either: theirs may merge an interrupted block with the next one.)
    if !lenient_there {
        assert_eq!(ours, theirs, "PEM scanners disagree");
    }
}

use std::sync::OnceLock;

use trustaudit::hostname::{self, Name};
use trustaudit::runtime::Runtime;

fn mozilla() -> &'static TrustStore {
    static MOZILLA: OnceLock<TrustStore> = OnceLock::new();
    MOZILLA.get_or_init(TrustStore::mozilla)
}

/// Splits bytes into certificates: each chunk is a 2-byte big-endian length and that many bytes;
/// chunks that do not parse are dropped (the point is to reach the code behind the parser).
fn certificates(data: &[u8]) -> Vec<Certificate> {
    let mut out = Vec::new();
    let mut rest = data;
    while rest.len() >= 2 && out.len() < 80 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
        let take = len.min(rest.len() - 2);
        if let Ok(c) = Certificate::from_der(&rest[2..2 + take]) {
            out.push(c);
        }
        rest = &rest[2 + take..];
    }
    out
}

/// `chain_verify`: structured input — roots, intermediates, leaf, name, time, usage, profile.
#[derive(Debug, arbitrary::Arbitrary)]
pub(crate) struct ChainInput {
    roots: Vec<Vec<u8>>,
    intermediates: Vec<Vec<u8>>,
    leaf: Vec<u8>,
    name: Option<String>,
    time: i64,
    client: bool,
    webpki_profile: bool,
}

/// `chain_verify` over raw bytes (decoded with `arbitrary`).
pub(crate) fn chain_verify(data: &[u8]) {
    use arbitrary::Arbitrary as _;
    let Ok(input) = ChainInput::arbitrary(&mut arbitrary::Unstructured::new(data)) else { return };
    chain_verify_input(&input);
}

fn chain_verify_input(input: &ChainInput) {
    use trustaudit::verify::{self, Profile, Usage, VerifyOptions};
    let roots: Vec<Certificate> = input.roots.iter().filter_map(|d| Certificate::from_der(d).ok()).collect();
    let store = TrustStore::from_certificates("fuzz", roots);
    let mut chain: Vec<Certificate> = Certificate::from_der(&input.leaf).into_iter().collect();
    chain.extend(input.intermediates.iter().filter_map(|d| Certificate::from_der(d).ok()));
    let mut opts = VerifyOptions::at(trustaudit::cert::UnixTime(input.time));
    opts.name = input.name.clone();
    opts.usage = if input.client { Usage::ClientAuth } else { Usage::ServerAuth };
    opts.profile = if input.webpki_profile { Profile::Webpki } else { Profile::Strict };
    if let Ok(v) = verify::verify(&chain, &store, &opts) {
        for m in verify::words::messages(&v) {
            let _ = m.text.len();
        }
        let _ = trustaudit::report::to_json_line("verification", &v);
    }
    let _ = verify::matrix(&chain, &[store, mozilla().clone()], &opts);
}

/// `hostname`: arbitrary names against the presented names of arbitrary certificates, for every
/// runtime profile; also the name parser on raw bytes.
pub(crate) fn hostname(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0xff).unwrap_or(data.len());
    let (name_bytes, rest) = data.split_at(split);
    let Ok(name) = Name::from_bytes(name_bytes) else { return };
    let _ = (name.to_reference_string(), name.as_idna2003());
    for cert in certificates(rest.get(1..).unwrap_or_default()) {
        for (_, check) in hostname::check_all(&cert, &name) {
            let _ = (check.matched, check.message);
        }
        let _ = hostname::check_strict(&cert, &name);
    }
}

/// `name_webpki_diff`: our model of rustls/webpki name matching must agree with rustls-webpki's
/// own `verify_is_valid_for_subject_name` whenever both accept the reference name.
pub(crate) fn name_webpki_diff(data: &[u8]) {
    use rustls_pki_types::ServerName;
    let split = data.iter().position(|&b| b == 0xff).unwrap_or(data.len());
    let (name_bytes, rest) = data.split_at(split);
    let Ok(text) = std::str::from_utf8(name_bytes) else { return };
    let Ok(name) = Name::parse(text) else { return };
    let reference = name.to_reference_string();
    let Ok(server_name) = ServerName::try_from(reference.as_str()) else { return };
    for cert in certificates(rest.get(1..).unwrap_or_default()) {
        let Ok(ee) = webpki::EndEntityCert::try_from(cert.certificate_der()) else { continue };
        let theirs = ee.verify_is_valid_for_subject_name(&server_name).is_ok();
        let ours = hostname::check(&cert, &name, Runtime::Rustls).matched;
        assert_eq!(ours, theirs, "rustls name model disagrees with rustls-webpki for {reference:?}");
    }
}

/// `sct`: SCT list parsing from every source, and signature checks against the embedded log list.
pub(crate) fn sct(data: &[u8]) {
    use trustaudit::ct::{self, LogList, SctSource};
    for source in [SctSource::TlsExtension, SctSource::Embedded, SctSource::Ocsp] {
        if let Ok(scts) = ct::parse_sct_list(data, source) {
            for s in &scts {
                let _ = (s.log_id_base64(), s.time());
                let _ = LogList::embedded().find(&s.log_id);
            }
        }
    }
    let _ = ct::parse_ocsp_response(data);
    // A certificate with its own issuer: embedded SCTs reach the precertificate rebuild and the
    // signature check.
    let certs = certificates(data);
    if let Some(leaf) = certs.first() {
        let _ = ct::check_leaf_scts(leaf, certs.get(1), &[], LogList::embedded());
        let _ = ct::precert_tbs(leaf.der());
    }
}

/// `verdict`: the interception verdict on arbitrary chains and names.
pub(crate) fn verdict(data: &[u8]) {
    use trustaudit::intercept::Inspector;
    let split = data.iter().position(|&b| b == 0xff).unwrap_or(data.len());
    let name = std::str::from_utf8(&data[..split]).ok();
    let chain = certificates(data.get(split + 1..).unwrap_or_default());
    let local = TrustStore::from_certificates("local", chain.last().cloned());
    let inspector = Inspector::new(mozilla()).with_local_store(&local);
    if let Ok(v) = inspector.inspect(&chain, name) {
        let _ = (v.headline(), v.interception_root());
        let _ = trustaudit::report::to_json_line("verdict", &v);
    }
}

/// `config`: the parsers of GOPROXY, GOPRIVATE-style patterns, GOSUMDB, NO_PROXY, proxy URLs,
/// `go env -json`, pip's `config list`, npm's config JSON, and the `go-import` tag of a
/// server's `?go-get=1` page.
pub(crate) fn config(data: &[u8]) {
    use trustaudit::doctor::{goenv, pip, tools};
    use trustaudit::probe::{NoProxy, ProxyRules, ProxyUrl};
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('\n').unwrap_or((text, "example.com/mod"));
    let _ = goenv::parse_goproxy(a);
    let _ = goenv::match_prefix_patterns(a, b);
    let _ = goenv::parse_gosumdb(a);
    let _ = goenv::escape_module_path(b);
    let _ = goenv::go_import(text, a);
    for rules in [ProxyRules::Go, ProxyRules::Curl] {
        let np = NoProxy::parse(a, rules);
        let _ = np.bypasses(b, 443);
    }
    if let Ok(u) = ProxyUrl::parse(a) {
        let _ = u.basic_authorization();
    }
    if let Ok(env) = goenv::GoEnv::from_json(text) {
        let _ = (env.proxies(), env.noproxy(), env.nosumdb());
    }
    let _ = pip::pip_settings(text, &trustaudit::probe::Environment::new());
    let _ = tools::npm_settings(text);
}

/// `probe_flight`: the probe's proxy, TLS and HTTP phases fed a server's bytes over an
/// in-memory transport (`probe::replay`). The first byte picks the mode: bit 0 puts an
/// explicit proxy in front (the flight then starts with its CONNECT answer), bit 1 asks for an
/// HTTP request after the handshake.
pub(crate) fn probe_flight(data: &[u8]) {
    use trustaudit::probe::{self, HttpRequest, ProbeOptions, ProxySetting, ProxyUrl, Target};

    let Some((&mode, flight)) = data.split_first() else { return };
    let mut options = ProbeOptions { proxy: ProxySetting::Direct, ..ProbeOptions::default() };
    if mode & 1 != 0 {
        let Ok(proxy) = ProxyUrl::parse("http://proxy.fuzz.example:3128") else { return };
        options.proxy = ProxySetting::Explicit(proxy);
    }
    if mode & 2 != 0 {
        options.http_request = Some(HttpRequest::get("/"));
    }
    let Ok(target) = Target::parse("fuzz.example:443") else { return };
    let report = probe::replay(&target, &options, flight);
    let _ = (report.certificates().len(), report.handshake_completed());
    let _ = trustaudit::report::to_json_line("probe", &report);
}

/// `ffi`: C entry points with arbitrary bytes and lengths, NULL included (`(NULL, 0)` is the
/// empty buffer; `(NULL, n)` must be refused with a code, never read).
#[allow(unsafe_code)] // the harness drives the C ABI exactly as a C caller would
pub(crate) fn ffi(data: &[u8]) {
    use std::ptr;
    use trustaudit::ffi::{cert::*, chain::*, hostname::*, report::*, store::*};
    const OK: trustaudit::ffi::trustaudit_result = trustaudit::ffi::trustaudit_result::Ok;
    let (ptr_or_null, len) = match data.first() {
        Some(0) => (ptr::null(), 0),
        Some(1) => (ptr::null(), data.len()),
        _ => (data.as_ptr(), data.len()),
    };
    // SAFETY (fuzz harness): every pointer is either NULL or points at `data` with its length;
    // out-parameters point at local storage; handles are freed exactly once.
    unsafe {
        let mut store = ptr::null();
        if trustaudit_store_from_pem(ptr_or_null, len, &mut store) == OK {
            let mut json = ptr::null_mut();
            let mut n = 0usize;
            if trustaudit_store_diagnostics_json(store, &mut json, &mut n) == OK {
                trustaudit_string_free(json);
            }
            trustaudit_store_free(store);
        }
        let mut cert = ptr::null();
        let rc = trustaudit_cert_from_der(ptr_or_null, len, &mut cert);
        let rc2 = if rc == OK { OK } else { trustaudit_cert_from_pem(ptr_or_null, len, &mut cert) };
        if rc2 == OK && !cert.is_null() {
            let mut out = std::mem::zeroed::<trustaudit_name_result>();
            for runtime in 0..12u32 {
                let _ = trustaudit_name_check(cert, ptr_or_null, len.min(300), runtime, &mut out);
            }
            let mut json = ptr::null_mut();
            if trustaudit_cert_json(cert, &mut json, ptr::null_mut()) == OK {
                trustaudit_string_free(json);
            }
            trustaudit_cert_free(cert);
        }
        let mut chain = ptr::null();
        if trustaudit_chain_from_pem(ptr_or_null, len, &mut chain) == OK {
            trustaudit_chain_free(chain);
        }
        // Output slots that are NULL must be refused, not written.
        let _ = trustaudit_store_from_pem(ptr_or_null, len, ptr::null_mut());
        let _ = trustaudit_cert_from_der(ptr_or_null, len, ptr::null_mut());
    }
}
