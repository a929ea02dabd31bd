//! One link of a tool's path: probe an `https://` URL the way the tool would reach it (its proxy
//! rules), send the one request the tool would send, and judge the presented chain with the
//! tool's own trust store and name rules.

use serde::Serialize;

use crate::cert::{Certificate, UnixTime};
use crate::hostname::{self, Name};
use crate::intercept::{Inspector, Verdict};
use crate::probe::{
    self, Environment, HttpRequest, ProbeOptions, ProbeReport, ProxyRules, ProxySetting, Target, Timeouts,
};
use crate::runtime::Runtime;
use crate::store::TrustStore;
use crate::verify::{self, words, VerifyOptions};

/// How a link ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    /// The tool would get a usable answer here.
    Ok,
    /// The answer means "not here": the tool moves on (Go: 404/410 from a proxy).
    NotFound,
    /// The tool would fail here.
    Broken,
}

/// One URL checked.
#[derive(Debug, Clone, Serialize)]
pub struct LinkCheck {
    /// What the tool fetches here, in words (`module list from proxy`).
    pub purpose: String,
    /// The URL.
    pub url: String,
    /// The outcome.
    pub status: LinkStatus,
    /// The phase that failed (`dns`, `tcp`, `proxy`, `tls`, `trust`, `name`, `http`).
    pub failed_phase: Option<String>,
    /// What the tool would print, or our words when the failure is below TLS.
    pub error: Option<String>,
    /// The HTTP status, when a request was answered.
    pub http_status: Option<u16>,
    /// The probe itself (absent when the URL could not be used).
    pub probe: Option<ProbeReport>,
    /// The interception verdict on the presented chain.
    pub verdict: Option<Verdict>,
    /// The interception root, when there is one and it could be found (sent, or fetched from
    /// where the product publishes it).
    #[serde(skip)]
    pub interception_root: Option<Certificate>,
}

/// What the checks need: the tool's runtime, its store, the environment and budgets.
#[derive(Debug, Clone)]
pub struct LinkContext<'a> {
    /// Whose error words and name rules apply.
    pub runtime: Runtime,
    /// The store the tool verifies with.
    pub store: &'a TrustStore,
    /// Mozilla's set, for the verdict.
    pub mozilla: &'a TrustStore,
    /// The environment the tool runs in (proxy variables).
    pub env: &'a Environment,
    /// Whose proxy rules the tool follows.
    pub proxy_rules: ProxyRules,
    /// Per-phase budgets.
    pub timeouts: Timeouts,
}

/// Splits `https://host[:port]/path?query` into a target and the request path.
pub fn split_url(url: &str) -> Option<(Target, String)> {
    let rest = url.strip_prefix("https://")?;
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_owned()),
        Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
        None => (rest, "/".to_owned()),
    };
    Some((Target::parse(authority).ok()?, path))
}

/// Checks one URL. `not_found` lists the statuses the tool treats as "try the next source".
pub fn check(ctx: &LinkContext<'_>, purpose: &str, url: &str, not_found: &[u16]) -> LinkCheck {
    let mut link = LinkCheck {
        purpose: purpose.to_owned(),
        url: url.to_owned(),
        status: LinkStatus::Broken,
        failed_phase: None,
        error: None,
        http_status: None,
        probe: None,
        verdict: None,
        interception_root: None,
    };
    let Some((target, path)) = split_url(url) else {
        link.failed_phase = Some("config".into());
        link.error = Some(format!("{url:?} is not an https:// URL this check understands"));
        return link;
    };
    let options = ProbeOptions {
        proxy: ProxySetting::FromEnvironment(ctx.proxy_rules),
        timeouts: ctx.timeouts,
        http_request: Some(HttpRequest { method: "GET", path, read_body: true }),
        ..ProbeOptions::default()
    };
    let report = probe::probe(&target, &options, ctx.env);
    let chain = report.certificates();
    let proxy = report.proxy.as_ref().and_then(|c| c.proxy.clone());
    let failure = report.failure.clone();
    let http = report.http.clone();
    link.probe = Some(report);
    if !chain.is_empty() {
        let mut inspector = Inspector::new(ctx.mozilla).with_local_store(ctx.store);
        inspector = inspector.at(UnixTime::now());
        link.verdict = inspector.inspect(&chain, Some(&target.host)).ok();
        link.interception_root = link.verdict.as_ref().and_then(|v| v.interception_root()).cloned();
        if link.interception_root.is_none() {
            if let (Some(product), Some(proxy)) =
                (link.verdict.as_ref().and_then(|v| v.product.as_ref()), proxy.as_ref())
            {
                if let Some(top) = chain.last() {
                    link.interception_root =
                        probe::rootfetch::fetch_advertised_root(proxy, &product.id, top, ctx.timeouts.http)
                            .ok()
                            .flatten();
                }
            }
        }
        // The tool's own judgement comes first: it is what the user saw fail.
        let opts = VerifyOptions::now().with_name(target.host.clone());
        if let Ok(v) = verify::Verifier::new(ctx.store).verify(&chain, &opts) {
            let msg = words::message(ctx.runtime, &v);
            // `msg.accepts` with `!v.trusted`: only the strict profile's lints object, which the
            // tool does not apply.
            if !v.trusted && !msg.accepts {
                let phase = if v.chain_failure().is_some() { "trust" } else { "name" };
                link.failed_phase = Some(phase.into());
                link.error = Some(if msg.text.is_empty() {
                    v.failure().map(ToString::to_string).unwrap_or_default()
                } else {
                    msg.text
                });
                return link;
            }
        }
        if let Ok(name) = Name::parse(&target.host) {
            let check = hostname::check(&chain[0], &name, ctx.runtime);
            if !check.matched {
                link.failed_phase = Some("name".into());
                link.error = check.message.or_else(|| Some(format!("certificate is not valid for {}", target.host)));
                return link;
            }
        }
    }
    if let Some(f) = &failure {
        link.failed_phase = f.phase().map(|p| p.name().to_owned()).or_else(|| Some("config".into()));
        link.error = Some(f.to_string());
        return link;
    }
    let status = http.as_ref().map(|h| h.status);
    link.http_status = status;
    match status {
        Some(200..=299) => link.status = LinkStatus::Ok,
        Some(s) if not_found.contains(&s) => {
            link.status = LinkStatus::NotFound;
            link.error = Some(format!("HTTP {s}: not found here"));
        }
        Some(s) => {
            link.failed_phase = Some("http".into());
            link.error = Some(format!(
                "HTTP {}",
                http.as_ref()
                    .map_or_else(|| s.to_string(), |h| h.status_line.trim_start_matches("HTTP/1.1 ").to_owned())
            ));
        }
        None => {
            link.failed_phase = Some("http".into());
            link.error = Some("no HTTP answer".into());
        }
    }
    link
}

/// For a URL the tool fetches without checking certificates (pip's `trusted-host`, Go's
/// `GOINSECURE`): a trust or name failure does not stop it, provided the server answered.
/// Returns what verification would have said, for a note; `None` when nothing was ignored.
pub(crate) fn ignore_certificate_failure(link: &mut LinkCheck) -> Option<String> {
    if !matches!(link.failed_phase.as_deref(), Some("trust" | "name")) {
        return None;
    }
    let answered = link.http_status.is_some() || link.probe.as_ref().is_some_and(|p| p.http.is_some());
    link.status = if answered { LinkStatus::Ok } else { LinkStatus::Broken };
    Some(link.error.clone().unwrap_or_default())
}
