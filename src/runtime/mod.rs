//! Runtimes and what each one really trusts.
//!
//! A runtime view answers "which files, directories, variables and settings does this runtime
//! read on this machine, in what order, and which roots result". The rules come from each
//! runtime's own source and documentation (cited in each module) and are tested against the
//! real runtime (tests/runtime_views.rs).
//!
//! Views read an explicit [`Environment`], never the process environment, and locate files by
//! rules (PATH, distribution layouts, config files): building a view starts no process. The
//! only file written is the optional binary scan cache in [`Environment::cache_dir`]; only
//! [`ask_version`] (`trustaudit stores --deep`) starts the runtimes themselves.

mod cargo;
mod curl;
mod deep;
mod draft;
mod env;
mod go;
mod ini;
mod kind;
mod node;
mod openssl;
mod python;
mod roots;
mod view;

pub use deep::{ask_version, DEEP_TIMEOUT};
pub use env::{Environment, TRUST_VARIABLES};
pub use go::{GO_CERT_DIRECTORIES, GO_CERT_FILES};
pub use kind::Runtime;
pub use view::{RuntimeView, RuntimeViewSummary, Source, SourceKind, SourceState, Variable};

use draft::Draft;
use roots::RootCache;

/// What `rt` trusts in `env`. A runtime that is not installed gives a view saying so.
pub fn view(rt: Runtime, env: &Environment) -> RuntimeView {
    view_with(rt, env, &RootCache::default())
}

/// Whether `rt` verifies with OpenSSL's `X509_V_FLAG_X509_STRICT` on the machine `env`
/// describes (Python 3.13+, and requests on Python 3.13+ with urllib3 2.4+): what
/// [`crate::verify::words::OpensslFlags`] should say for its words. Reads files, never starts
/// a program.
pub fn x509_strict(rt: Runtime, env: &Environment) -> bool {
    python::x509_strict(rt, env)
}

/// Every runtime's view, in [`Runtime::ALL`] order. Files shared by several runtimes are read
/// and parsed once.
pub fn all_views(env: &Environment) -> Vec<RuntimeView> {
    let cache = RootCache::default();
    Runtime::ALL.iter().map(|rt| view_with(*rt, env, &cache)).collect()
}

fn view_with(rt: Runtime, env: &Environment, cache: &RootCache) -> RuntimeView {
    let d = Draft::new(rt, env, cache);
    match rt {
        Runtime::Go => go::view(d),
        Runtime::Openssl => openssl::view(d),
        Runtime::Curl => curl::view(d),
        Runtime::Python => python::ssl_view(d),
        Runtime::Certifi => python::certifi_view(d),
        Runtime::Pip => python::pip_view(d),
        Runtime::Node => node::view(d),
        Runtime::Git => curl::git_view(d),
        Runtime::Cargo => cargo::view(d),
        Runtime::Rustls => cargo::rustls_view(d),
    }
}
