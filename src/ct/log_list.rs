//! CT log lists in Chrome's v3 schema: the copy embedded in the library
//! (`data/ct/log_list.json`) and any list a caller loads, keyed by log id.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::CtError;
use crate::cert::UnixTime;
use crate::limits;

static EMBEDDED_JSON: &str = include_str!("../../data/ct/log_list.json");

/// A log's state in the list (Chrome's CT policy counts qualified, usable and readonly logs,
/// and retired logs for SCTs from before their retirement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogState {
    /// Applied for inclusion; SCTs do not count yet.
    Pending,
    /// Accepted; SCTs count.
    Qualified,
    /// Accepted and trusted by browsers; SCTs count.
    Usable,
    /// Frozen: no new entries, old SCTs count.
    Readonly,
    /// Retired: SCTs count only from before the retirement time.
    Retired,
    /// Never accepted or removed; SCTs never count.
    Rejected,
}

impl LogState {
    fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "pending" => Self::Pending,
            "qualified" => Self::Qualified,
            "usable" => Self::Usable,
            "readonly" => Self::Readonly,
            "retired" => Self::Retired,
            "rejected" => Self::Rejected,
            _ => return None,
        })
    }

    /// Lower-case name as in the list.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Qualified => "qualified",
            Self::Usable => "usable",
            Self::Readonly => "readonly",
            Self::Retired => "retired",
            Self::Rejected => "rejected",
        }
    }
}

/// Which API a log serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LogApi {
    /// The RFC 6962 HTTP API (`logs[]`).
    Rfc6962,
    /// The static-ct-api tiles (`tiled_logs[]`).
    Tiled,
}

/// The log's public key, decoded once for signature checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LogKey {
    /// Uncompressed P-256 point.
    EcdsaP256(Vec<u8>),
    /// DER RSAPublicKey.
    Rsa(Vec<u8>),
    /// A key type we do not verify with; SCTs from such a log are reported as unverifiable.
    Unsupported(String),
}

/// One CT log.
#[derive(Debug, Clone, Serialize)]
pub struct Log {
    /// Base64 log id (SHA-256 of the key's SPKI), as the list spells it.
    pub log_id: String,
    /// The operator's name (`Google`, `Let's Encrypt`, …).
    pub operator: String,
    /// Human-readable name (`Google 'Argon2026h2' log`).
    pub description: String,
    /// Current state.
    pub state: LogState,
    /// When the log entered that state.
    pub state_since: Option<UnixTime>,
    /// Certificates whose notAfter is at or after this time are accepted.
    pub interval_start: Option<UnixTime>,
    /// Certificates whose notAfter is before this time are accepted.
    pub interval_end: Option<UnixTime>,
    /// Which API it serves.
    pub api: LogApi,
    /// Submission URL (the RFC 6962 base URL or the tiled submission prefix).
    pub url: String,
    #[serde(skip)]
    pub(crate) id: [u8; 32],
    #[serde(skip)]
    pub(crate) key: LogKey,
}

impl Log {
    /// The raw 32-byte log id.
    pub fn id(&self) -> &[u8; 32] {
        &self.id
    }

    /// Whether Chrome's policy would count an SCT issued by this log at `sct_time`.
    pub fn counts_at(&self, sct_time: UnixTime) -> bool {
        match self.state {
            LogState::Qualified | LogState::Usable | LogState::Readonly => true,
            LogState::Retired => self.state_since.is_some_and(|t| sct_time < t),
            LogState::Pending | LogState::Rejected => false,
        }
    }
}

/// A parsed CT log list. The embedded one is parsed once per process.
#[derive(Debug, Clone)]
pub struct LogList {
    version: String,
    timestamp: Option<UnixTime>,
    logs: Vec<Log>,
    by_id: HashMap<[u8; 32], usize>,
    skipped: Vec<String>,
}

#[derive(Deserialize)]
struct RawList {
    #[serde(default)]
    version: String,
    log_list_timestamp: Option<String>,
    operators: Vec<RawOperator>,
}

#[derive(Deserialize)]
struct RawOperator {
    name: String,
    #[serde(default)]
    logs: Vec<RawLog>,
    #[serde(default)]
    tiled_logs: Vec<RawLog>,
}

#[derive(Deserialize)]
struct RawLog {
    description: String,
    log_id: String,
    key: String,
    url: Option<String>,
    submission_url: Option<String>,
    #[serde(default)]
    state: HashMap<String, RawState>,
    temporal_interval: Option<RawInterval>,
}

#[derive(Deserialize)]
struct RawState {
    timestamp: Option<String>,
}

#[derive(Deserialize)]
struct RawInterval {
    start_inclusive: String,
    end_exclusive: String,
}

impl LogList {
    /// The list compiled into this library (Chrome's list; version and date in
    /// `data/ct/README.md`).
    pub fn embedded() -> &'static LogList {
        static LIST: OnceLock<LogList> = OnceLock::new();
        LIST.get_or_init(|| {
            // NOTE: the embedded file is checked by the `embedded_list_parses` test, so this
            // fallback is only reachable if the build embedded a broken file.
            LogList::from_json(EMBEDDED_JSON).unwrap_or_else(|_| LogList::empty())
        })
    }

    /// A list with no logs: every SCT then names an unknown log.
    pub fn empty() -> Self {
        Self { version: String::new(), timestamp: None, logs: Vec::new(), by_id: HashMap::new(), skipped: Vec::new() }
    }

    /// Parses a log list in Chrome's v3 schema (also accepts Apple's, which shares the fields
    /// used here). Placeholder entries ("Bogus … log") are left out and named in
    /// [`LogList::skipped`].
    ///
    /// # Errors
    /// [`CtError::LogList`] naming the first problem: bad JSON, a key that is not base64 or whose
    /// SHA-256 does not equal its log id, a duplicate log id, or an unparsable time.
    pub fn from_json(json: &str) -> Result<Self, CtError> {
        if json.len() > limits::MAX_LOG_LIST_BYTES {
            return Err(CtError::LogList {
                reason: format!("{} bytes, over the {}-byte limit", json.len(), limits::MAX_LOG_LIST_BYTES),
            });
        }
        let raw: RawList =
            serde_json::from_str(json).map_err(|e| CtError::LogList { reason: format!("not a v3 log list: {e}") })?;
        let mut list = Self::empty();
        list.version = raw.version;
        list.timestamp = raw.log_list_timestamp.as_deref().map(parse_time).transpose()?;
        for op in raw.operators {
            for (api, logs) in [(LogApi::Rfc6962, op.logs), (LogApi::Tiled, op.tiled_logs)] {
                for raw_log in logs {
                    if raw_log.description.to_ascii_lowercase().starts_with("bogus") {
                        list.skipped.push(raw_log.description);
                        continue;
                    }
                    let log = build_log(&op.name, api, raw_log)?;
                    if list.by_id.insert(log.id, list.logs.len()).is_some() {
                        return Err(CtError::LogList { reason: format!("log id {} appears twice", log.log_id) });
                    }
                    list.logs.push(log);
                }
            }
        }
        Ok(list)
    }

    /// The list's version string (`86.4`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The list's `log_list_timestamp`.
    pub fn timestamp(&self) -> Option<UnixTime> {
        self.timestamp
    }

    /// Every log, in list order.
    pub fn logs(&self) -> &[Log] {
        &self.logs
    }

    /// Descriptions of placeholder entries left out.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The log with this 32-byte id.
    pub fn find(&self, log_id: &[u8; 32]) -> Option<&Log> {
        self.by_id.get(log_id).and_then(|&i| self.logs.get(i))
    }
}

fn parse_time(text: &str) -> Result<UnixTime, CtError> {
    UnixTime::parse(text).map_err(|reason| CtError::LogList { reason })
}

fn build_log(operator: &str, api: LogApi, raw: RawLog) -> Result<Log, CtError> {
    use base64::Engine as _;
    let bad = |what: &str| CtError::LogList { reason: format!("{}: {what}", raw.description) };
    let key_der =
        base64::engine::general_purpose::STANDARD.decode(raw.key.as_bytes()).map_err(|_| bad("key is not base64"))?;
    let id_bytes = base64::engine::general_purpose::STANDARD
        .decode(raw.log_id.as_bytes())
        .map_err(|_| bad("log_id is not base64"))?;
    let digest = ring::digest::digest(&ring::digest::SHA256, &key_der);
    if id_bytes.as_slice() != digest.as_ref() {
        return Err(bad("log_id is not the SHA-256 of its key"));
    }
    let mut id = [0u8; 32];
    id.copy_from_slice(digest.as_ref());
    let (state, state_since) = match raw.state.iter().next() {
        Some((k, v)) => (
            LogState::from_key(k).ok_or_else(|| bad("unknown state"))?,
            v.timestamp.as_deref().map(parse_time).transpose()?,
        ),
        // Apple's list and some older lists omit the state of logs never accepted.
        None => (LogState::Pending, None),
    };
    let (interval_start, interval_end) = match &raw.temporal_interval {
        Some(i) => (Some(parse_time(&i.start_inclusive)?), Some(parse_time(&i.end_exclusive)?)),
        None => (None, None),
    };
    Ok(Log {
        log_id: raw.log_id.clone(),
        operator: operator.to_owned(),
        key: decode_key(&key_der),
        description: raw.description,
        state,
        state_since,
        interval_start,
        interval_end,
        api,
        url: raw.url.or(raw.submission_url).unwrap_or_default(),
        id,
    })
}

fn decode_key(spki: &[u8]) -> LogKey {
    use x509_parser::prelude::FromDer as _;
    use x509_parser::x509::SubjectPublicKeyInfo;
    const EC: &str = "1.2.840.10045.2.1";
    const P256: &str = "1.2.840.10045.3.1.7";
    const RSA: &str = "1.2.840.113549.1.1.1";
    let Ok((_, info)) = SubjectPublicKeyInfo::from_der(spki) else {
        return LogKey::Unsupported("undecodable key".to_owned());
    };
    let alg = info.algorithm.algorithm.to_id_string();
    let params = info.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
    let raw = info.subject_public_key.data.to_vec();
    match (alg.as_str(), params.as_deref()) {
        (EC, Some(P256)) => LogKey::EcdsaP256(raw),
        (RSA, _) => LogKey::Rsa(raw),
        (other, p) => LogKey::Unsupported(format!("{other} {}", p.unwrap_or(""))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_parses_with_every_real_log_and_no_placeholder() {
        let list = LogList::from_json(EMBEDDED_JSON).expect("embedded list parses");
        assert_eq!(list.version(), "86.4");
        assert_eq!(list.logs().len(), 60);
        assert_eq!(list.skipped().len(), 2);
        assert!(list.logs().iter().all(|l| matches!(l.key, LogKey::EcdsaP256(_))));
        assert_eq!(LogList::embedded().logs().len(), 60);
    }

    #[test]
    fn log_id_that_does_not_match_the_key_is_rejected() {
        let json = EMBEDDED_JSON.replacen(
            "utuIpG+cr6QJDoLlk1bbbni0pT9YLbCBl5UkLym2jJg=",
            "AAAApG+cr6QJDoLlk1bbbni0pT9YLbCBl5UkLym2jJg=",
            1,
        );
        let err = LogList::from_json(&json).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad CT log list: Google 'ParcelYard2026h2' log: log_id is not the SHA-256 of its key"
        );
    }
}
