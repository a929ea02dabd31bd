//! Node.js (`src/crypto/crypto_context.cc`, `NewRootCertStore`, and `src/node_options.cc`):
//!
//! * by default the root store is the Mozilla set compiled into the binary
//!   (`src/node_root_certs.h`, what `tls.rootCertificates` lists);
//! * `--use-openssl-ca` (also through `NODE_OPTIONS`) replaces it with OpenSSL's default paths,
//!   those of the OpenSSL Node was built with (its own OPENSSLDIR, not the system's);
//! * `--use-system-ca` (Node 22.15 / 23.8 and later) adds the operating system's store;
//! * `NODE_EXTRA_CA_CERTS` adds the roots of one PEM file in every case, read once at start-up;
//!   a file that cannot be read is only a warning on stderr.
//!
//! The compiled-in set differs between Node releases, so it is read from the `node` binary
//! itself: the PEM strings of `node_root_certs.h` sit together in its read-only data. The
//! scan reads the binary in chunks (it is ~100 MB; memory stays at one chunk) and its result
//! is remembered per (path, size, mtime, inode) in the process and, when the environment
//! names a cache directory, in a small file there, so later audits read only the ~200 KB of
//! certificates.

use std::collections::HashMap;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::draft::Draft;
use super::env::Environment;
use super::openssl::{self, OpensslDir};
use super::roots::{Assembly, Reader};
use super::view::{RuntimeView, Source, SourceKind, SourceState};
use super::Runtime;
use crate::store::TrustStore;

const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
const END: &[u8] = b"-----END CERTIFICATE-----";
const OPENSSLDIR: &[u8] = b"OPENSSLDIR: \"";
const CHUNK: usize = 4 << 20;

/// Largest gap between two compiled-in certificates (NUL terminators, alignment padding).
const MAX_GAP: u64 = 64;

/// What the scan of a `node` binary found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BinaryFacts {
    /// Byte range of the compiled-in PEM certificates.
    pub(crate) roots: Option<(u64, u64)>,
    /// OPENSSLDIR of the OpenSSL linked into the binary.
    pub(crate) openssldir: Option<String>,
}

/// Identity of a binary file, so a cached scan is not reused after an upgrade.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct BinaryId {
    path: PathBuf,
    len: u64,
    mtime_ns: i128,
    ino: u64,
}

impl BinaryId {
    fn of(path: &Path) -> Option<Self> {
        use std::os::unix::fs::MetadataExt as _;
        let m = std::fs::metadata(path).ok()?;
        Some(Self {
            path: path.to_path_buf(),
            len: m.len(),
            mtime_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
            ino: m.ino(),
        })
    }

    fn line(&self, f: &BinaryFacts) -> String {
        let (s, e) = f.roots.unwrap_or((0, 0));
        format!(
            "{}\t{}\t{}\t{}\t{s}\t{e}\t{}\n",
            self.path.display(),
            self.len,
            self.mtime_ns,
            self.ino,
            f.openssldir.as_deref().unwrap_or("")
        )
    }
}

fn process_memo() -> &'static Mutex<HashMap<BinaryId, BinaryFacts>> {
    static MEMO: OnceLock<Mutex<HashMap<BinaryId, BinaryFacts>>> = OnceLock::new();
    MEMO.get_or_init(|| Mutex::new(HashMap::new()))
}

fn cache_file(env: &Environment) -> Option<PathBuf> {
    env.cache_dir().map(|d| d.join("binaries.tsv"))
}

fn from_cache_file(env: &Environment, id: &BinaryId) -> Option<BinaryFacts> {
    let text = std::fs::read_to_string(cache_file(env)?).ok()?;
    let mut want = id.line(&BinaryFacts::default());
    // Compare only the identity columns.
    want.truncate(want.match_indices('\t').nth(3).map_or(0, |(i, _)| i + 1));
    let line = text.lines().rev().find(|l| l.starts_with(&want))?;
    let cols: Vec<&str> = line.split('\t').collect();
    let start: u64 = cols.get(4)?.parse().ok()?;
    let end: u64 = cols.get(5)?.parse().ok()?;
    let dir = cols.get(6).copied().unwrap_or("");
    Some(BinaryFacts {
        roots: (end > start).then_some((start, end)),
        openssldir: (!dir.is_empty()).then(|| dir.to_owned()),
    })
}

fn to_cache_file(env: &Environment, id: &BinaryId, facts: &BinaryFacts) {
    let Some(path) = cache_file(env) else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Keep the file small: drop older lines for the same path.
    let prefix = format!("{}\t", id.path.display());
    let mut text: String = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with(&prefix))
        .take(32)
        .map(|l| format!("{l}\n"))
        .collect();
    text.push_str(&id.line(facts));
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() {
        let _ = std::fs::rename(&tmp, &path);
    }
}

/// Scans a binary in chunks for the compiled-in certificates and OPENSSLDIR.
pub(crate) fn scan_binary(path: &Path) -> std::io::Result<BinaryFacts> {
    const KEEP: usize = 256; // carried between chunks: longer than any marker or OPENSSLDIR line
    let mut file = std::fs::File::open(path)?;
    let mut facts = BinaryFacts::default();
    let mut buf = vec![0u8; CHUNK];
    let mut carry = 0usize;
    let mut base: u64 = 0; // file offset of buf[0]
    let mut start: Option<u64> = None;
    let mut last_end: Option<u64> = None;
    let mut done = false;
    loop {
        let n = file.read(&mut buf[carry..])?;
        let eof = n == 0;
        let filled = carry + n;
        let window = &buf[..filled];
        // Hits starting in the last KEEP bytes are left for the next pass, which sees them whole.
        let limit = if eof { filled } else { filled.saturating_sub(KEEP) };
        if facts.openssldir.is_none() {
            if let Some(i) = memchr::memmem::find(window, OPENSSLDIR).filter(|i| *i < limit) {
                let rest = &window[i + OPENSSLDIR.len()..];
                if let Some(e) = memchr::memchr(b'"', &rest[..rest.len().min(KEEP)]) {
                    facts.openssldir = std::str::from_utf8(&rest[..e]).ok().map(str::to_owned);
                }
            }
        }
        if !done {
            let mut events: Vec<(usize, bool)> = memchr::memmem::find_iter(window, BEGIN)
                .map(|i| (i, true))
                .chain(memchr::memmem::find_iter(window, END).map(|i| (i, false)))
                .filter(|(i, _)| *i < limit)
                .collect();
            events.sort_unstable();
            for (i, is_begin) in events {
                let at = base + u64::try_from(i).unwrap_or(u64::MAX);
                if is_begin {
                    match (start, last_end) {
                        (None, _) => start = Some(at),
                        (Some(_), Some(e)) if at > e + MAX_GAP => {
                            done = true;
                            break;
                        }
                        _ => {}
                    }
                } else if start.is_some() {
                    last_end = Some(at + u64::try_from(END.len()).unwrap_or(0));
                }
            }
            // A region followed by a long stretch without certificates is complete too.
            if let (Some(_), Some(e)) = (start, last_end) {
                if base + u64::try_from(limit).unwrap_or(0) > e + MAX_GAP {
                    done = true;
                }
            }
        }
        if eof || (done && facts.openssldir.is_some()) {
            break;
        }
        let keep_from = limit;
        buf.copy_within(keep_from..filled, 0);
        base += u64::try_from(keep_from).unwrap_or(0);
        carry = filled - keep_from;
    }
    if let (Some(s), Some(e)) = (start, last_end) {
        facts.roots = Some((s, e));
    }
    Ok(facts)
}

/// The facts of a binary (`node`, libcrypto), scanned at most once per binary.
pub(crate) fn binary_facts(env: &Environment, path: &Path) -> Option<BinaryFacts> {
    let real = std::fs::canonicalize(path).ok()?;
    let id = BinaryId::of(&real)?;
    if let Ok(m) = process_memo().lock() {
        if let Some(f) = m.get(&id) {
            return Some(f.clone());
        }
    }
    let facts = match from_cache_file(env, &id) {
        Some(f) => f,
        None => {
            let f = scan_binary(&real).ok()?;
            to_cache_file(env, &id, &f);
            f
        }
    };
    if let Ok(mut m) = process_memo().lock() {
        m.insert(id, facts.clone());
    }
    Some(facts)
}

/// Node's compiled-in root set, read from the binary.
pub(crate) fn compiled_in_roots(env: &Environment, node: &Path, cache: &super::roots::RootCache) -> Option<TrustStore> {
    let facts = binary_facts(env, node)?;
    let (start, end) = facts.roots?;
    let len = usize::try_from(end - start).ok()?;
    if len > crate::limits::MAX_BUNDLE_BYTES {
        return None;
    }
    let mut file = std::fs::File::open(node).ok()?;
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = vec![0u8; len];
    file.read_exact(&mut bytes).ok()?;
    if !bytes.starts_with(BEGIN) || !bytes.ends_with(END) {
        return None; // the cached range no longer fits this file
    }
    // The strings are NUL-terminated C literals: make each block start on its own line.
    for b in &mut bytes {
        if *b == 0 {
            *b = b'\n';
        }
    }
    let source = format!("{} (compiled-in)", node.display());
    let mut asm = Assembly::new("node-compiled-in");
    let loaded = cache.pem_bytes(&source, &bytes, Reader::Openssl);
    asm.add(&loaded);
    Some(asm.build())
}

/// Node options that change the root store, from `NODE_OPTIONS`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct CaFlags {
    openssl_ca: bool,
    bundled_ca: bool,
    system_ca: bool,
}

fn ca_flags(node_options: &str) -> CaFlags {
    let mut f = CaFlags::default();
    for word in node_options.split_whitespace() {
        match word {
            "--use-openssl-ca" => f.openssl_ca = true,
            "--use-bundled-ca" => f.bundled_ca = true,
            "--use-system-ca" => f.system_ca = true,
            _ => {}
        }
    }
    f
}

pub(crate) fn view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("node").or_else(|| d.env.find_program("nodejs")) else {
        return RuntimeView::not_installed(Runtime::Node, "node is not on PATH");
    };
    d.program = Some(program.clone());
    let facts = binary_facts(d.env, &program);
    let opts = d.var("NODE_OPTIONS").unwrap_or_default();
    let flags = ca_flags(&opts);
    let flag_words: Vec<&str> = [
        (flags.openssl_ca, "--use-openssl-ca"),
        (flags.bundled_ca, "--use-bundled-ca"),
        (flags.system_ca, "--use-system-ca"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| *w)
    .collect();
    if !flag_words.is_empty() {
        d.source(Source::setting(
            SourceKind::Flag,
            "NODE_OPTIONS",
            Some(opts.clone()),
            SourceState::Used,
            format!("sets {}", flag_words.join(" ")),
        ));
    }
    if flags.openssl_ca && flags.bundled_ca {
        d.note("NODE_OPTIONS has both --use-openssl-ca and --use-bundled-ca: node refuses to start");
    }

    let mut decision;
    if flags.openssl_ca && !flags.bundled_ca {
        let dir = facts
            .as_ref()
            .and_then(|f| f.openssldir.clone())
            .map(|dir| OpensslDir { dir: PathBuf::from(dir), how: format!("compiled into {}", program.display()) });
        decision = openssl::add_default_paths(&mut d, dir.as_ref(), "node --use-openssl-ca");
        d.skipped_path(SourceKind::Builtin, &program, "compiled-in Mozilla set: replaced by --use-openssl-ca");
    } else {
        match compiled_in_roots(d.env, &program, d.cache) {
            Some(store) => {
                d.builtin(
                    &format!("{} (compiled-in)", program.display()),
                    &store,
                    "Node's compiled-in Mozilla set (tls.rootCertificates)",
                );
                decision = "Node uses the Mozilla set compiled into its binary".to_owned();
            }
            None => {
                d.note("the compiled-in root set was not found in the node binary; showing trustaudit's Mozilla set instead");
                let m = d.cache.mozilla();
                d.builtin("mozilla (stand-in)", &m, "trustaudit's compiled-in Mozilla set");
                decision = "Node uses the Mozilla set compiled into its binary".to_owned();
            }
        }
        if let Some(dir) = facts.as_ref().and_then(|f| f.openssldir.as_deref()) {
            d.note(format!(
                "node --use-openssl-ca would read {dir}/cert.pem and {dir}/certs (node's own OPENSSLDIR), or SSL_CERT_FILE / SSL_CERT_DIR"
            ));
        }
    }
    if flags.system_ca {
        let m = crate::store::TrustStore::system();
        d.builtin(
            "operating system store",
            &m,
            "--use-system-ca (Node 22.15 / 23.8 and later; older Node refuses the flag)",
        );
        decision.push_str(", plus the system store (--use-system-ca)");
    }
    match d.var_non_empty("NODE_EXTRA_CA_CERTS") {
        Some(extra) => {
            d.variable_source("NODE_EXTRA_CA_CERTS", Some(&extra), "set: its roots are added to the store");
            let before = d.added_so_far();
            let ok = d.file(Path::new(&extra), Reader::NodeExtra, "named by NODE_EXTRA_CA_CERTS");
            let added = d.added_so_far() - before;
            if ok {
                d.note(format!("NODE_EXTRA_CA_CERTS adds {added} roots not already trusted ({extra})"));
            } else {
                d.note(format!(
                    "NODE_EXTRA_CA_CERTS={extra} cannot be read: node prints a warning and goes on without it"
                ));
            }
            decision.push_str(", plus NODE_EXTRA_CA_CERTS");
        }
        None => d.variable_source("NODE_EXTRA_CA_CERTS", None, ""),
    }
    add_npm_settings(&mut d, &program);
    if !flags.openssl_ca {
        d.ignored_variable("SSL_CERT_FILE", "read only with --use-openssl-ca");
        d.ignored_variable("SSL_CERT_DIR", "read only with --use-openssl-ca");
    }
    d.finish(decision)
}

/// npm's own TLS settings (`cafile`, `ca`, `strict-ssl`), which apply to npm's requests only:
/// a `ca`/`cafile` replaces Node's roots *and* NODE_EXTRA_CA_CERTS for them. Files in npm's
/// order of precedence: environment (`npm_config_*`), project `.npmrc`, user `~/.npmrc`
/// (`NPM_CONFIG_USERCONFIG`), global `$PREFIX/etc/npmrc`.
fn add_npm_settings(d: &mut Draft<'_>, node: &Path) {
    let env_value = |d: &Draft<'_>, key: &str| {
        let lower = format!("npm_config_{}", key.replace('-', "_"));
        d.env.var_non_empty(&lower).or_else(|| d.env.var_non_empty(&lower.to_ascii_uppercase()))
    };
    let mut files = Vec::new();
    let mut dir = d.env.cwd().map(Path::to_path_buf);
    while let Some(dd) = dir {
        if dd.join("package.json").is_file() || dd.join("node_modules").is_dir() {
            files.push(dd.join(".npmrc"));
            break;
        }
        dir = dd.parent().map(Path::to_path_buf);
    }
    match d.env.var_non_empty("NPM_CONFIG_USERCONFIG").or_else(|| d.env.var_non_empty("npm_config_userconfig")) {
        Some(u) => files.push(PathBuf::from(u)),
        None => files.extend(d.env.home().map(|h| h.join(".npmrc"))),
    }
    if let Some(prefix) = std::fs::canonicalize(node).ok().and_then(|p| p.parent()?.parent().map(Path::to_path_buf)) {
        files.push(prefix.join("etc/npmrc"));
    }
    for key in ["cafile", "ca", "strict-ssl"] {
        let found = env_value(d, key).map(|v| (v, "the environment".to_owned())).or_else(|| {
            files.iter().find_map(|f| {
                let text = std::fs::read_to_string(f).ok()?;
                super::ini::entries(&text)
                    .into_iter()
                    .rev()
                    .find(|(section, k, _)| section.is_empty() && (k == key || k == &format!("{key}[]")))
                    .map(|(_, _, v)| v.trim_matches('"').to_owned())
                    .map(|v| (v, f.display().to_string()))
            })
        });
        let Some((value, from)) = found else { continue };
        let shown = if value.len() > 80 {
            format!("{}…", &value[..value.char_indices().nth(60).map_or(value.len(), |(i, _)| i)])
        } else {
            value.clone()
        };
        let why = match key {
            "strict-ssl" if value == "false" => {
                d.note(format!("npm: strict-ssl=false ({from}): npm does not verify server certificates at all"));
                "npm only: turns verification off"
            }
            "strict-ssl" => "npm only",
            _ => {
                d.note(format!(
                    "npm: {key} is set ({from}): npm's own requests trust only that, not Node's set nor NODE_EXTRA_CA_CERTS"
                ));
                "npm only: replaces Node's roots for npm's requests"
            }
        };
        d.source(Source::setting(SourceKind::Setting, key, Some(shown), SourceState::Ignored, why).defined_in(from));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_options_flags_are_words_not_substrings() {
        let f = ca_flags("--max-old-space-size=100 --use-openssl-ca");
        assert_eq!(f, CaFlags { openssl_ca: true, bundled_ca: false, system_ca: false });
        assert_eq!(ca_flags("--use-openssl-ca-x"), CaFlags::default());
    }

    #[test]
    fn scan_finds_a_run_of_certificates_and_openssldir_across_chunk_boundaries() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("bin");
        let mut data = vec![b'x'; CHUNK - 10];
        let start = data.len();
        for _ in 0..3 {
            data.extend_from_slice(BEGIN);
            data.extend_from_slice(b"\nAAAA\n");
            data.extend_from_slice(END);
            data.push(0);
        }
        let end = data.len() - 1;
        data.extend(std::iter::repeat_n(b'y', CHUNK));
        data.extend_from_slice(b"OPENSSLDIR: \"/opt/ssl\"");
        data.extend_from_slice(BEGIN); // an unrelated, later certificate string
        std::fs::write(&path, &data).unwrap_or_else(|e| panic!("write: {e}"));
        let facts = scan_binary(&path).unwrap_or_else(|e| panic!("scan: {e}"));
        assert_eq!(facts.roots, Some((u64::try_from(start).unwrap_or(0), u64::try_from(end).unwrap_or(0))));
        assert_eq!(facts.openssldir.as_deref(), Some("/opt/ssl"));
    }
}
