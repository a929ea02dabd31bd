//! Why a probe stopped: one categorised error naming the phase it failed in.

use std::time::Duration;

use serde::{Serialize, Serializer};

/// The phases of a probe, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Name resolution.
    Dns,
    /// TCP connection to the server or the proxy.
    Tcp,
    /// HTTP CONNECT through the proxy.
    Proxy,
    /// TLS handshake.
    Tls,
    /// The optional HTTP request after the handshake.
    Http,
}

impl Phase {
    /// Lowercase name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dns => "dns",
            Self::Tcp => "tcp",
            Self::Proxy => "proxy",
            Self::Tls => "tls",
            Self::Http => "http",
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a probe could not finish. Each case names its phase; `kind()` is a stable word for JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProbeError {
    /// The target or an option was unusable before any I/O.
    #[error("invalid target: {reason}")]
    InvalidTarget {
        /// What is wrong.
        reason: String,
    },
    /// The name did not resolve.
    #[error("dns: {host} did not resolve: {reason}")]
    Resolve {
        /// The name looked up.
        host: String,
        /// The resolver's words.
        reason: String,
    },
    /// The peer refused the TCP connection.
    #[error("{phase}: connection to {address} refused")]
    Refused {
        /// `tcp` (server or proxy).
        phase: Phase,
        /// Address tried last.
        address: String,
    },
    /// The peer reset the connection.
    #[error("{phase}: connection reset by peer")]
    Reset {
        /// Phase in which the reset arrived.
        phase: Phase,
    },
    /// The peer closed the connection before the phase finished.
    #[error("{phase}: peer closed the connection before the {phase} phase finished")]
    Closed {
        /// Phase in which the connection closed.
        phase: Phase,
    },
    /// The phase did not finish within its time budget.
    #[error("{phase}: timed out after {} ms", .after.as_millis())]
    TimedOut {
        /// Phase that ran out of time.
        phase: Phase,
        /// Its budget.
        after: Duration,
    },
    /// The peer sent more than a limit allows.
    #[error("{phase}: peer sent more than {limit} bytes; stopped reading")]
    TooLarge {
        /// Phase in which the limit was hit.
        phase: Phase,
        /// The limit (see `trustaudit::limits`).
        limit: usize,
    },
    /// The proxy asked for credentials (407).
    #[error("proxy: {proxy} answered CONNECT with 407 Proxy Authentication Required{}", .challenge.as_ref().map(|c| format!(" ({c})")).unwrap_or_default())]
    ProxyAuthRequired {
        /// The proxy.
        proxy: String,
        /// Its `Proxy-Authenticate` header.
        challenge: Option<String>,
    },
    /// The proxy refused the tunnel with another status (502, 403, …).
    #[error("proxy: {proxy} answered CONNECT with {status} {reason}")]
    ProxyStatus {
        /// The proxy.
        proxy: String,
        /// HTTP status.
        status: u16,
        /// Reason phrase.
        reason: String,
    },
    /// The proxy's answer was not HTTP.
    #[error("proxy: {proxy} answered CONNECT with something that is not HTTP: \"{prefix}\"")]
    ProxyGarbage {
        /// The proxy.
        proxy: String,
        /// The first bytes, escaped.
        prefix: String,
    },
    /// The server sent a TLS alert.
    #[error("tls: server sent alert {alert}")]
    TlsAlert {
        /// The alert's name (`handshake_failure`, `protocol_version`, …).
        alert: String,
    },
    /// The server does not speak TLS on this port.
    #[error("tls: not TLS at all; the server answered \"{prefix}\"")]
    NotTls {
        /// The first bytes, escaped.
        prefix: String,
    },
    /// The server speaks TLS but the handshake could not complete.
    #[error("tls: {reason}")]
    Tls {
        /// rustls' words.
        reason: String,
    },
    /// The HTTP answer after the handshake was unusable.
    #[error("http: {reason}")]
    Http {
        /// What is wrong.
        reason: String,
    },
    /// Any other I/O failure.
    #[error("{phase}: {reason}")]
    Io {
        /// Phase it happened in.
        phase: Phase,
        /// The OS's words.
        reason: String,
    },
}

impl ProbeError {
    /// The phase that failed.
    pub fn phase(&self) -> Option<Phase> {
        match self {
            Self::InvalidTarget { .. } => None,
            Self::Resolve { .. } => Some(Phase::Dns),
            Self::Refused { phase, .. }
            | Self::Reset { phase }
            | Self::Closed { phase }
            | Self::TimedOut { phase, .. }
            | Self::TooLarge { phase, .. }
            | Self::Io { phase, .. } => Some(*phase),
            Self::ProxyAuthRequired { .. } | Self::ProxyStatus { .. } | Self::ProxyGarbage { .. } => Some(Phase::Proxy),
            Self::TlsAlert { .. } | Self::NotTls { .. } | Self::Tls { .. } => Some(Phase::Tls),
            Self::Http { .. } => Some(Phase::Http),
        }
    }

    /// A stable one-word category for JSON and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidTarget { .. } => "invalid_target",
            Self::Resolve { .. } => "unresolved",
            Self::Refused { .. } => "refused",
            Self::Reset { .. } => "reset",
            Self::Closed { .. } => "closed",
            Self::TimedOut { .. } => "timed_out",
            Self::TooLarge { .. } => "too_large",
            Self::ProxyAuthRequired { .. } => "proxy_auth_required",
            Self::ProxyStatus { .. } => "proxy_refused",
            Self::ProxyGarbage { .. } => "proxy_not_http",
            Self::TlsAlert { .. } => "tls_alert",
            Self::NotTls { .. } => "not_tls",
            Self::Tls { .. } => "tls_error",
            Self::Http { .. } => "http_error",
            Self::Io { .. } => "io_error",
        }
    }

    /// Maps an I/O error met in `phase`.
    pub(crate) fn from_io(phase: Phase, err: &std::io::Error, budget: Duration, address: &str) -> Self {
        use std::io::ErrorKind as K;
        match err.kind() {
            K::ConnectionRefused => Self::Refused { phase, address: address.to_owned() },
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => Self::Reset { phase },
            K::TimedOut | K::WouldBlock => Self::TimedOut { phase, after: budget },
            K::UnexpectedEof => Self::Closed { phase },
            _ => Self::Io { phase, reason: err.to_string() },
        }
    }
}

impl Serialize for ProbeError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("ProbeError", 3)?;
        s.serialize_field("phase", &self.phase())?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Escapes the first bytes a peer sent so a report can show them safely.
pub(crate) fn escape_prefix(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(48)];
    shown.escape_ascii().to_string()
}
