//! The audit of a probe: presented chain → verify matrix across stores and runtime views →
//! per-runtime name matrix → interception verdict → fix. Pure: it reads a finished
//! [`ProbeReport`](super::ProbeReport) and never touches the network.

use serde::Serialize;

use super::ProbeReport;
use crate::cert::Certificate;

/// Facts about the presented chain that need no trust store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainFacts {
    /// Certificates presented.
    pub presented: usize,
    /// Subject of the top certificate presented.
    pub top_subject: Option<String>,
    /// Issuer of the top certificate presented (the root the client must already trust).
    pub top_issuer: Option<String>,
    /// Whether the server sent a self-signed certificate (usually a root it should not send).
    pub sends_self_signed: bool,
    /// Whether each certificate is signed by the next one.
    pub ordered: bool,
}

/// Derives [`ChainFacts`] from a probe.
pub fn chain_facts(report: &ProbeReport) -> ChainFacts {
    let certs: Vec<Certificate> = report.certificates();
    let top = certs.last();
    ChainFacts {
        presented: report.chain_der.len(),
        top_subject: top.map(|c| c.subject().rfc4514.clone()),
        top_issuer: top.map(|c| c.issuer().rfc4514.clone()),
        sends_self_signed: certs.iter().any(Certificate::is_self_signed),
        ordered: certs.windows(2).all(|w| w[0].is_signed_by(&w[1])),
    }
}
