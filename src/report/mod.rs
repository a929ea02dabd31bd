//! Reports: the versioned JSON envelope every JSON output shares, and helpers for text.
//!
//! Field names are snake_case and stable; enums serialize as lowercase strings. A change that
//! breaks a consumer bumps [`SCHEMA`].

mod details;
pub mod text;

use serde::Serialize;

pub use details::{CertificateDetails, ExtensionEntry, ShowReport, ShownCertificate};

/// Schema identifier carried by every JSON document this library emits.
pub const SCHEMA: &str = "trustaudit/1";

/// The envelope: `{"schema": "trustaudit/1", "kind": "...", ...body}`.
#[derive(Debug, Serialize)]
pub struct Envelope<'a, T: Serialize> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// What the document is (`audit`, `diff`, `verify`, `verdict`, …).
    pub kind: &'a str,
    /// The document itself; its fields sit next to `schema` and `kind`.
    #[serde(flatten)]
    pub body: &'a T,
}

/// Renders `body` as one pretty JSON document wrapped in the envelope.
///
/// `body` must serialize to a JSON object (a struct), so its fields can sit beside `schema`.
pub fn to_json<T: Serialize>(kind: &str, body: &T) -> String {
    let env = Envelope { schema: SCHEMA, kind, body };
    serde_json::to_string_pretty(&env).unwrap_or_else(|e| {
        // Serializing our own types only fails on a non-object body: a bug, reported as JSON.
        format!("{{\"schema\":\"{SCHEMA}\",\"kind\":\"error\",\"error\":{:?}}}", e.to_string())
    })
}

/// As [`to_json`] but on one line (for JSON-lines output).
pub fn to_json_line<T: Serialize>(kind: &str, body: &T) -> String {
    let env = Envelope { schema: SCHEMA, kind, body };
    serde_json::to_string(&env)
        .unwrap_or_else(|e| format!("{{\"schema\":\"{SCHEMA}\",\"kind\":\"error\",\"error\":{:?}}}", e.to_string()))
}
