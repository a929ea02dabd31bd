//! `trustaudit scan FILE`: probe many endpoints with bounded concurrency, one result per host
//! (JSON lines with `--json`), then a summary grouping hosts by issuer — the same unknown issuer
//! across unrelated hosts is itself evidence of interception.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use trustaudit::cert::Certificate;
use trustaudit::intercept::{Inspector, Level};
use trustaudit::probe::scan::{self, ScanTarget};
use trustaudit::probe::{
    Environment, ProbeError, ProbeOptions, ProbeReport, ProxyRules, ProxySetting, ProxyUrl, Timeouts,
};
use trustaudit::report;
use trustaudit::store::TrustStore;

use crate::output::Output;
use crate::Outcome;

/// Arguments of `trustaudit scan`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// File with one `HOST[:PORT] [IP:PORT]` per line (`-` for stdin); `#` starts a comment.
    pub(crate) file: PathBuf,
    /// Probes in flight at once.
    #[arg(long, short = 'j', default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(crate) concurrency: u16,
    /// Budget of each phase of each probe, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub(crate) timeout: f64,
    /// Use this HTTP proxy for every host.
    #[arg(long, value_name = "URL", conflicts_with = "no_proxy")]
    pub(crate) proxy: Option<String>,
    /// Connect directly, ignoring the proxy variables.
    #[arg(long)]
    pub(crate) no_proxy: bool,
    /// Connect every host to this address (SNI and names stay per host), like curl's --connect-to.
    #[arg(long, value_name = "IP:PORT")]
    pub(crate) connect_to: Option<SocketAddr>,
}

/// One host's line of output.
#[derive(Debug, Serialize)]
struct HostResult {
    target: String,
    line: usize,
    ok: bool,
    failure: Option<ProbeError>,
    tls_version: Option<String>,
    leaf_subject: Option<String>,
    issuer: Option<String>,
    presented: usize,
    verdict: Option<Level>,
    product: Option<String>,
    elapsed_ms: u64,
}

/// Hosts sharing one issuer.
#[derive(Debug, Default, Serialize)]
struct IssuerGroup {
    issuer: String,
    hosts: usize,
    examples: Vec<String>,
    verdicts: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Serialize)]
struct Summary {
    hosts: usize,
    completed: usize,
    failed: usize,
    seconds: f64,
    hosts_per_second: f64,
    concurrency: u16,
    issuers: Vec<IssuerGroup>,
    failures: BTreeMap<&'static str, usize>,
    skipped_lines: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        anyhow::bail!("--timeout must be between 0 and 3600 seconds");
    }
    let text = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin().lock())?
    } else {
        std::fs::read_to_string(&args.file).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?
    };
    let (targets, bad) = scan::parse_scan_list(&text);
    for b in &bad {
        eprintln!("trustaudit: {}:{}: {}", args.file.display(), b.line, b.reason);
    }
    let proxy = match (&args.proxy, args.no_proxy) {
        (Some(url), _) => ProxySetting::Explicit(ProxyUrl::parse(url)?),
        (None, true) => ProxySetting::Direct,
        (None, false) => ProxySetting::FromEnvironment(ProxyRules::Curl),
    };
    let options = ProbeOptions {
        proxy,
        connect_to: args.connect_to,
        timeouts: Timeouts::all(Duration::from_secs_f64(args.timeout)),
        ..ProbeOptions::default()
    };
    let env = Environment::from_process();
    let mozilla = TrustStore::mozilla();
    let system = TrustStore::system();
    let inspector = Inspector::new(&mozilla).with_local_store(&system);
    let progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut results: Vec<HostResult> = Vec::with_capacity(targets.len());
    let mut stdout = std::io::stdout().lock();
    let mut write_error: Option<std::io::Error> = None;
    scan::scan(
        &targets,
        &options,
        &env,
        usize::from(args.concurrency),
        |item, report| judge(item, &report, &inspector),
        |_, result| {
            if write_error.is_none() {
                let line =
                    if out.json { report::to_json_line("scan_result", &result) } else { text_line(&result, out) };
                if let Err(e) = writeln!(stdout, "{line}") {
                    write_error = Some(e);
                }
            }
            results.push(result);
            if progress {
                eprint!("\r{}/{} hosts", results.len(), targets.len());
            }
        },
    );
    if progress {
        eprintln!();
    }
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let seconds = started.elapsed().as_secs_f64();
    let summary = summarise(&results, seconds, args.concurrency, &bad);
    if out.json {
        writeln!(stdout, "{}", report::to_json_line("scan_summary", &summary))?;
    } else {
        write!(stdout, "{}", summary_text(&summary))?;
    }
    let findings = summary.failed > 0 || results.iter().any(|r| r.verdict.is_some_and(|v| v != Level::Clean));
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}

fn judge(item: &ScanTarget, report: &ProbeReport, inspector: &Inspector<'_>) -> HostResult {
    let chain: Vec<Certificate> = report.certificates();
    let verdict = chain.first().and_then(|_| inspector.inspect(&chain, Some(&item.target.host)).ok());
    HostResult {
        target: item.target.authority(),
        line: item.line,
        ok: report.failure.is_none(),
        failure: report.failure.clone(),
        tls_version: report.tls.as_ref().and_then(|t| t.version.clone()),
        leaf_subject: report.chain.first().map(|c| c.subject.clone()),
        issuer: report.chain.first().map(|c| c.issuer.clone()),
        presented: report.chain_der.len(),
        verdict: verdict.as_ref().map(|v| v.verdict),
        product: verdict.as_ref().and_then(|v| v.product.as_ref()).map(|p| p.product.clone()),
        elapsed_ms: report.elapsed_ms,
    }
}

fn text_line(r: &HostResult, out: &Output) -> String {
    match (&r.failure, &r.issuer) {
        (Some(f), _) => format!("{}  {}", r.target, out.paint("31", &f.to_string())),
        (None, issuer) => format!(
            "{}  {}  issuer {}  {}",
            r.target,
            r.tls_version.as_deref().unwrap_or("?"),
            issuer.as_deref().unwrap_or("?"),
            r.verdict.map_or("", Level::as_str)
        ),
    }
}

fn summarise(results: &[HostResult], seconds: f64, concurrency: u16, bad: &[scan::ScanListError]) -> Summary {
    let mut groups: BTreeMap<String, IssuerGroup> = BTreeMap::new();
    let mut failures: BTreeMap<&'static str, usize> = BTreeMap::new();
    for r in results {
        if let Some(f) = &r.failure {
            *failures.entry(f.kind()).or_default() += 1;
        }
        if let Some(issuer) = &r.issuer {
            let g = groups
                .entry(issuer.clone())
                .or_insert_with(|| IssuerGroup { issuer: issuer.clone(), ..IssuerGroup::default() });
            g.hosts += 1;
            if g.examples.len() < 3 {
                g.examples.push(r.target.clone());
            }
            *g.verdicts.entry(r.verdict.map_or("unjudged", Level::as_str)).or_default() += 1;
        }
    }
    let mut issuers: Vec<IssuerGroup> = groups.into_values().collect();
    issuers.sort_by(|a, b| b.hosts.cmp(&a.hosts).then_with(|| a.issuer.cmp(&b.issuer)));
    let failed = results.iter().filter(|r| !r.ok).count();
    Summary {
        hosts: results.len(),
        completed: results.len() - failed,
        failed,
        seconds,
        hosts_per_second: if seconds > 0.0 {
            f64::from(u32::try_from(results.len()).unwrap_or(u32::MAX)) / seconds
        } else {
            0.0
        },
        concurrency,
        issuers,
        failures,
        skipped_lines: bad.iter().map(|b| format!("line {}: {}", b.line, b.reason)).collect(),
    }
}

fn summary_text(s: &Summary) -> String {
    let mut t = format!(
        "scan: {} hosts in {:.2} s ({:.0} hosts/s at concurrency {}), {} handshakes completed, {} failed\n",
        s.hosts, s.seconds, s.hosts_per_second, s.concurrency, s.completed, s.failed
    );
    if !s.issuers.is_empty() {
        t.push_str("issuers (the same private issuer on unrelated hosts points at an interception proxy):\n");
        for g in &s.issuers {
            let verdicts: Vec<String> = g.verdicts.iter().map(|(k, v)| format!("{k} {v}")).collect();
            t.push_str(&format!(
                "  {:>6}  {}  [{}]  e.g. {}\n",
                g.hosts,
                g.issuer,
                verdicts.join(", "),
                g.examples.join(", ")
            ));
        }
    }
    if !s.failures.is_empty() {
        t.push_str("failures:\n");
        for (kind, n) in &s.failures {
            t.push_str(&format!("  {n:>6}  {kind}\n"));
        }
    }
    t
}
