//! Many probes at once: a target list, a fixed number of worker threads (never more than
//! `limits::MAX_SCAN_CONCURRENCY`), results handed back in completion order.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{probe, Environment, ProbeOptions, ProbeReport, Target};
use crate::limits;

/// One line of a scan list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanTarget {
    /// What to probe.
    pub target: Target,
    /// Where to connect instead of resolving (second column of the line).
    pub connect_to: Option<SocketAddr>,
    /// Line number in the list (1-based).
    pub line: usize,
}

/// A line of the list that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanListError {
    /// Line number (1-based).
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// Parses a scan list: one `HOST[:PORT] [IP:PORT]` per line; blank lines and `#` comments are
/// skipped. Bad lines are returned next to the good ones, not fatal.
pub fn parse_scan_list(text: &str) -> (Vec<ScanTarget>, Vec<ScanListError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate().take(limits::MAX_SCAN_TARGETS) {
        let line = i + 1;
        let content = raw.split('#').next().unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        let mut fields = content.split_whitespace();
        let target = match fields.next().map(Target::parse) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                errors.push(ScanListError { line, reason: e.to_string() });
                continue;
            }
            None => continue,
        };
        let connect_to = match fields.next() {
            None => None,
            Some(addr) => match addr.parse::<SocketAddr>() {
                Ok(a) => Some(a),
                Err(_) => {
                    errors.push(ScanListError { line, reason: format!("{addr:?} is not IP:PORT") });
                    continue;
                }
            },
        };
        targets.push(ScanTarget { target, connect_to, line });
    }
    (targets, errors)
}

/// Probes every target with `concurrency` workers (clamped to 1..=`MAX_SCAN_CONCURRENCY`).
/// Each worker runs `judge` on its report (so per-host analysis runs in parallel too) and
/// `on_result` receives `(index into targets, judged value)` on the calling thread, in
/// completion order.
pub fn scan<R, J, F>(
    targets: &[ScanTarget],
    options: &ProbeOptions,
    env: &Environment,
    concurrency: usize,
    judge: J,
    mut on_result: F,
) where
    R: Send,
    J: Fn(&ScanTarget, ProbeReport) -> R + Sync,
    F: FnMut(usize, R),
{
    let workers = concurrency.clamp(1, limits::MAX_SCAN_CONCURRENCY).min(targets.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, judge) = (&next, &judge);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = targets.get(i) else { break };
                let mut opts = options.clone();
                if item.connect_to.is_some() {
                    opts.connect_to = item.connect_to;
                }
                let report = probe(&item.target, &opts, env);
                if tx.send((i, judge(item, report))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, r) in rx {
            on_result(i, r);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_lists_take_an_optional_connect_address_and_report_bad_lines() {
        let (targets, errors) = parse_scan_list(
            "# hosts\nproxy.golang.org\n\npypi.org:443 127.0.0.1:8443 # local copy\nbad:port\nx.test nowhere\n",
        );
        assert_eq!(targets.len(), 2);
        assert_eq!(targets[0].target.authority(), "proxy.golang.org:443");
        assert_eq!(targets[1].connect_to, Some("127.0.0.1:8443".parse().unwrap()));
        assert_eq!(targets[1].line, 4);
        assert_eq!(
            errors,
            vec![
                ScanListError { line: 5, reason: "invalid target: \"bad:port\": bad port".into() },
                ScanListError { line: 6, reason: "\"nowhere\" is not IP:PORT".into() },
            ]
        );
    }
}
