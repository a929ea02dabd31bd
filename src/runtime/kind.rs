//! The runtimes trustaudit models, with the names used on the command line and in JSON.

use serde::Serialize;

/// A TLS client whose trust and verification rules trustaudit models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Runtime {
    /// Go's `crypto/x509` (and so `go mod download`, most Go programs).
    Go,
    /// OpenSSL's default verify paths (`openssl s_client`, C programs using OpenSSL).
    Openssl,
    /// curl (its compiled-in CA path, `CURL_CA_BUNDLE`).
    Curl,
    /// Python's `ssl` module default context.
    Python,
    /// certifi's bundle, used by `requests` (and overridden by `REQUESTS_CA_BUNDLE`).
    Certifi,
    /// pip (its vendored certifi, or the system store through truststore).
    Pip,
    /// Node.js (compiled-in Mozilla set plus `NODE_EXTRA_CA_CERTS`, or OpenSSL/system with flags).
    Node,
    /// git over HTTPS (libcurl, `http.sslCAInfo`, `GIT_SSL_CAINFO`).
    Git,
    /// cargo (`http.cainfo`, `CARGO_HTTP_CAINFO`, else the system store).
    Cargo,
    /// rustls with rustls-webpki, the strict profile browsers also follow (no CN fallback).
    Rustls,
}

impl Runtime {
    /// Every runtime, in display order.
    pub const ALL: [Runtime; 10] = [
        Runtime::Go,
        Runtime::Openssl,
        Runtime::Curl,
        Runtime::Python,
        Runtime::Certifi,
        Runtime::Pip,
        Runtime::Node,
        Runtime::Git,
        Runtime::Cargo,
        Runtime::Rustls,
    ];

    /// The lowercase name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Go => "go",
            Runtime::Openssl => "openssl",
            Runtime::Curl => "curl",
            Runtime::Python => "python",
            Runtime::Certifi => "certifi",
            Runtime::Pip => "pip",
            Runtime::Node => "node",
            Runtime::Git => "git",
            Runtime::Cargo => "cargo",
            Runtime::Rustls => "rustls",
        }
    }

    /// Parses a name as [`Runtime::name`] prints it (also accepts a few common aliases).
    pub fn from_name(name: &str) -> Option<Self> {
        let n = name.trim().to_ascii_lowercase();
        Some(match n.as_str() {
            "go" | "golang" => Runtime::Go,
            "openssl" => Runtime::Openssl,
            "curl" => Runtime::Curl,
            "python" | "python-ssl" | "ssl" => Runtime::Python,
            "certifi" | "requests" => Runtime::Certifi,
            "pip" => Runtime::Pip,
            "node" | "nodejs" | "node.js" | "npm" => Runtime::Node,
            "git" => Runtime::Git,
            "cargo" => Runtime::Cargo,
            "rustls" | "webpki" | "browser" => Runtime::Rustls,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Runtime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|r| r.name()).collect();
            format!("unknown runtime {s:?}: expected one of {}", names.join(", "))
        })
    }
}
