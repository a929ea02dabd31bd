//! `trustaudit probe HOST[:PORT]`: what is really on the wire for one endpoint, phase by phase,
//! then the audit of the presented chain (stores, runtime name rules, interception verdict) and
//! the fix.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;
use trustaudit::cert::{Certificate, UnixTime};
use trustaudit::intercept::{remediation, Level};
use trustaudit::probe::audit::{self, AuditContext, ProbeAudit};
use trustaudit::probe::{
    self as probe_lib, rootfetch, Environment, ProbeOptions, ProbeReport, ProxyRules, ProxySetting, ProxyUrl, Target,
    Timeouts,
};
use trustaudit::runtime;
use trustaudit::store::TrustStore;
use trustaudit::verify::{words, Verification};

use crate::output::Output;
use crate::Outcome;

/// Arguments of `trustaudit probe`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The endpoint: `host`, `host:port`, `[v6]:port` or an https:// URL (port 443 by default).
    pub(crate) target: String,
    /// Use this HTTP proxy (`http://[user:pass@]host:port`) instead of the environment's.
    #[arg(long, value_name = "URL", conflicts_with = "no_proxy")]
    pub(crate) proxy: Option<String>,
    /// Connect directly, ignoring HTTPS_PROXY/ALL_PROXY.
    #[arg(long)]
    pub(crate) no_proxy: bool,
    /// Whose rules pick the proxy from the environment: `curl` (also git, cargo) or `go`.
    #[arg(long, value_enum, default_value_t = Rules::Curl)]
    pub(crate) proxy_rules: Rules,
    /// Send this name in SNI instead of the host.
    #[arg(long, value_name = "NAME")]
    pub(crate) sni: Option<String>,
    /// Connect to this address instead of resolving the host (like curl's --connect-to).
    #[arg(long, value_name = "IP:PORT")]
    pub(crate) connect_to: Option<SocketAddr>,
    /// Budget of each phase (DNS, TCP, proxy, TLS), in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub(crate) timeout: f64,
    /// Write the interception root (when one is found) to this PEM file.
    #[arg(long, value_name = "FILE")]
    pub(crate) export_root: Option<PathBuf>,
}

/// `--proxy-rules` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Rules {
    /// curl's: https_proxy, HTTPS_PROXY, ALL_PROXY; loopback is proxied.
    Curl,
    /// Go's: HTTPS_PROXY, https_proxy; localhost and loopback never proxied.
    Go,
}

#[derive(Serialize)]
struct Document<'a> {
    probe: &'a ProbeReport,
    audit: &'a ProbeAudit,
    exported_root: Option<String>,
}

/// The stores a probe is judged against: each runtime's view on this machine, then the
/// system store when no view carries it.
pub(crate) fn judging_stores(env: &runtime::Environment) -> Vec<TrustStore> {
    let mut stores: Vec<TrustStore> = runtime::all_views(env).into_iter().filter_map(|v| v.store).collect();
    if stores.is_empty() {
        stores.push(TrustStore::system());
    }
    stores
}

pub(crate) fn options(args: &Args) -> anyhow::Result<ProbeOptions> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        anyhow::bail!("--timeout must be between 0 and 3600 seconds");
    }
    let proxy = match (&args.proxy, args.no_proxy) {
        (Some(url), _) => ProxySetting::Explicit(ProxyUrl::parse(url)?),
        (None, true) => ProxySetting::Direct,
        (None, false) => ProxySetting::FromEnvironment(match args.proxy_rules {
            Rules::Curl => ProxyRules::Curl,
            Rules::Go => ProxyRules::Go,
        }),
    };
    Ok(ProbeOptions {
        sni: args.sni.clone(),
        proxy,
        connect_to: args.connect_to,
        timeouts: Timeouts::all(Duration::from_secs_f64(args.timeout)),
        ..ProbeOptions::default()
    })
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let target = Target::parse(&args.target)?;
    let options = options(args)?;
    let renv = runtime::Environment::from_process();
    let report = probe_lib::probe(&target, &options, &Environment::from_runtime(&renv));
    let mozilla = TrustStore::mozilla();
    let stores = judging_stores(&renv);
    let audit = audit::audit(&report, &AuditContext { mozilla: &mozilla, stores: &stores, at: UnixTime::now() });
    let root = interception_root(&report, &audit, &options);
    let mut exported = None;
    if let (Some(path), Some(root)) = (&args.export_root, &root) {
        remediation::export_root(root, path)?;
        exported = Some(path.display().to_string());
    }
    if out.json {
        out.json("probe", &Document { probe: &report, audit: &audit, exported_root: exported })?;
    } else {
        let accepted = |v: &Verification| words::view_accepts_with(v, crate::verify::runtime_flags(&v.store, &renv));
        let can_export = root.is_some() && args.export_root.is_none();
        out.text(&render(&report, &audit, &accepted, exported.as_deref(), can_export, out))?;
    }
    Ok(if report.failure.is_some() || audit.has_findings() { Outcome::Findings } else { Outcome::Clean })
}

/// The interception root: from the chain when the proxy sent it, else from the address the
/// product publishes it at (fetched through the same proxy, kept only if it signed the chain).
pub(crate) fn interception_root(
    report: &ProbeReport,
    audit: &ProbeAudit,
    options: &ProbeOptions,
) -> Option<Certificate> {
    let verdict = audit.verdict.as_ref()?;
    if let Some(root) = verdict.interception_root() {
        return Some(root.clone());
    }
    let product = verdict.product.as_ref()?;
    let proxy = report.proxy.as_ref()?.proxy.as_ref()?;
    let top = report.certificates().pop()?;
    match rootfetch::fetch_advertised_root(proxy, &product.id, &top, options.timeouts.http) {
        Ok(root) => root,
        Err(e) => {
            eprintln!("trustaudit: could not fetch {}'s root: {e}", product.product);
            None
        }
    }
}

/// `accepted` says whether a store's row counts as trusted: a runtime's row does when the
/// runtime (as installed here) accepts, even if only the strict profile refuses the chain.
fn render(
    report: &ProbeReport,
    audit: &ProbeAudit,
    accepted: &dyn Fn(&Verification) -> bool,
    exported: Option<&str>,
    can_export: bool,
    out: &Output,
) -> String {
    let mut s = String::new();
    let mut line = |label: &str, text: &str| s.push_str(&format!("  {label:<8} {text}\n"));
    let via = match report.proxy.as_ref().and_then(|c| c.proxy.as_ref()) {
        Some(p) => format!(" via {p}"),
        None => String::new(),
    };
    let head = format!("probe {}{via}\n", report.target);
    if let Some(choice) = &report.proxy {
        if choice.bypassed {
            line(
                "proxy",
                &format!(
                    "direct: {} matched {:?}",
                    choice.no_proxy.as_ref().map_or("loopback rule", |n| n.0.as_str()),
                    choice.no_proxy.as_ref().map_or("", |n| n.1.as_str())
                ),
            );
        }
    }
    if let Some(res) = &report.resolution {
        let addrs: Vec<String> = res.addresses.iter().map(ToString::to_string).collect();
        let from = if res.hosts_file_override { " (from the hosts file, not DNS)" } else { "" };
        line("dns", &format!("{} → {}{from}", res.host, addrs.join(", ")));
    }
    for attempt in &report.connect {
        match &attempt.error {
            None => line("tcp", &format!("{} connected in {} ms", attempt.address, attempt.elapsed_ms)),
            Some(e) => line("tcp", &format!("{}: {e}", attempt.address)),
        }
    }
    if let Some(x) = &report.proxy_exchange {
        line("proxy", &format!("CONNECT {} → {}", x.connect_to, x.status_line.as_deref().unwrap_or("(no answer)")));
    }
    if let Some(tls) = &report.tls {
        line(
            "tls",
            &format!(
                "{} {}, ALPN {}, SNI {}",
                tls.version.as_deref().unwrap_or("?"),
                tls.cipher_suite.as_deref().unwrap_or("?"),
                tls.alpn.as_deref().unwrap_or("none"),
                report.sni.as_deref().unwrap_or("(none: IP address)")
            ),
        );
    }
    for (i, c) in report.chain.iter().enumerate() {
        line(
            if i == 0 { "chain" } else { "" },
            &format!("{i} {}  (issuer {}, until {})", c.subject, c.issuer, c.not_after),
        );
    }
    if let Some(m) = &audit.matrix {
        // Stores failing the same way are listed together: ten identical lines hide the point.
        let trusted: Vec<&str> =
            m.rows.iter().filter(|r| accepted(&r.verification)).map(|r| r.verification.store.as_str()).collect();
        if !trusted.is_empty() {
            line("trust", &format!("trusted by {}", trusted.join(", ")));
        }
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for row in m.rows.iter().filter(|r| !accepted(&r.verification)) {
            let v = &row.verification;
            let why = v.failure().map_or_else(
                || "rejected".to_owned(),
                |f| f.to_string().replace(&format!("the {} store", v.store), "their store"),
            );
            match groups.iter_mut().find(|(w, _)| *w == why) {
                Some((_, stores)) => stores.push(v.store.as_str()),
                None => groups.push((why, vec![v.store.as_str()])),
            }
        }
        for (why, stores) in groups {
            line("trust", &format!("rejected by {}: {why}", stores.join(", ")));
        }
    }
    for n in audit.names.iter().filter(|n| !n.check.matched) {
        line("name", &format!("{}: {}", n.runtime.name(), n.check.message.as_deref().unwrap_or("name does not match")));
    }
    if let Some(v) = &audit.verdict {
        let color = match v.verdict {
            Level::Clean => "32",
            Level::Suspected => "33",
            Level::Intercepted => "31",
        };
        line("verdict", &out.paint(color, &v.headline()));
        for e in v.evidence.iter().take(4) {
            line("", &format!("- {}", e.sentence));
        }
    }
    if let Some(f) = &report.failure {
        line("failed", &out.paint("31", &f.to_string()));
    }
    match (exported, can_export) {
        (Some(p), _) => {
            line("fix", &format!("root written to {p}; trust it per tool: trustaudit doctor <go|pip|npm|git|cargo>"))
        }
        (None, true) => {
            line("fix", "re-run with --export-root FILE to save the interception root, then trustaudit doctor <tool>")
        }
        _ => {}
    }
    format!("{head}{s}")
}
