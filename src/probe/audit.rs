//! The audit of a probe: presented chain → verify matrix across stores and runtime views →
//! per-runtime name matrix → interception verdict → fix. Pure: it reads a finished
//! [`ProbeReport`] and the stores it is given, and never touches the
//! network or the file system.

use serde::Serialize;

use super::ProbeReport;
use crate::cert::{Certificate, UnixTime};
use crate::hostname::{self, Name, NameCheck};
use crate::intercept::{Inspector, Level, Verdict};
use crate::runtime::Runtime;
use crate::store::TrustStore;
use crate::verify::{self, Matrix, VerifyOptions};

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

/// What the audit judges against.
#[derive(Debug, Clone, Copy)]
pub struct AuditContext<'a> {
    /// Mozilla's set (the public reference for the verdict).
    pub mozilla: &'a TrustStore,
    /// The stores to verify against, one row each (system store, runtime views, a bundle).
    pub stores: &'a [TrustStore],
    /// Judge as of this time.
    pub at: UnixTime,
}

/// One runtime's name check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameRow {
    /// The runtime.
    pub runtime: Runtime,
    /// Its check of the leaf against the name.
    #[serde(flatten)]
    pub check: NameCheck,
}

/// The full audit of one probe.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeAudit {
    /// The name the client asked for (SNI, else the host).
    pub name: String,
    /// Chain facts.
    pub chain: ChainFacts,
    /// The chain against each store.
    pub matrix: Option<Matrix>,
    /// The leaf's name against each runtime's rules.
    pub names: Vec<NameRow>,
    /// The interception verdict.
    pub verdict: Option<Verdict>,
    /// Steps that could not run, and why (an empty chain, an unusable name).
    pub skipped: Vec<String>,
}

impl ProbeAudit {
    /// Whether anything needs a person's attention: a store rejects the chain, a runtime
    /// rejects the name, or the verdict is not clean.
    pub fn has_findings(&self) -> bool {
        self.matrix.as_ref().is_some_and(|m| !m.all_trusted())
            || self.names.iter().any(|n| !n.check.matched)
            || self.verdict.as_ref().is_some_and(|v| v.verdict != Level::Clean)
    }
}

/// Audits a probe's presented chain. Without a chain (the handshake failed before the
/// certificate message) only the chain facts are filled and `skipped` says why.
pub fn audit(report: &ProbeReport, ctx: &AuditContext<'_>) -> ProbeAudit {
    let name = report.sni.clone().unwrap_or_else(|| report.target.host.clone());
    let chain: Vec<Certificate> = report.certificates();
    let mut out = ProbeAudit {
        name: name.clone(),
        chain: chain_facts(report),
        matrix: None,
        names: Vec::new(),
        verdict: None,
        skipped: Vec::new(),
    };
    let Some(leaf) = chain.first() else {
        out.skipped.push("no certificate was presented: nothing to verify".to_owned());
        return out;
    };
    match verify::matrix(&chain, ctx.stores, &VerifyOptions::at(ctx.at).with_name(name.clone())) {
        Ok(m) => out.matrix = Some(m),
        Err(e) => out.skipped.push(format!("verification: {e}")),
    }
    match Name::parse(&name) {
        Ok(parsed) => {
            out.names = hostname::check_all(leaf, &parsed)
                .into_iter()
                .map(|(runtime, check)| NameRow { runtime, check })
                .collect();
        }
        Err(e) => out.skipped.push(format!("name checks: {name:?} is not a host name: {e}")),
    }
    let mut inspector = Inspector::new(ctx.mozilla).at(ctx.at);
    for store in ctx.stores {
        inspector = inspector.with_local_store(store);
    }
    match inspector.inspect(&chain, Some(&name)) {
        Ok(v) => out.verdict = Some(v),
        Err(e) => out.skipped.push(format!("interception verdict: {e}")),
    }
    out
}
