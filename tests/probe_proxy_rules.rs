//! Proxy selection checked against the real implementations: Go's
//! `golang.org/x/net/http/httpproxy` (the copy vendored in GOROOT, built offline) and curl
//! (which either sends CONNECT to a listening fake proxy or goes direct).

#[path = "proxies/support.rs"]
mod support;

use std::io::{Read as _, Write as _};

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use trustaudit::probe::{choose_proxy, Environment, ProxyRules};

const NO_PROXY: &[&str] = &[
    "",
    "*",
    "corp.example",
    ".corp.example",
    "*.corp.example",
    "corp.example:8443",
    "10.0.0.0/8",
    "10.1.2.3",
    "git.corp.example, pypi.org",
    "pypi.org git.corp.example",
    "localhost",
    "CORP.EXAMPLE",
];

const HOSTS: &[(&str, u16)] = &[
    ("corp.example", 443),
    ("corp.example", 8443),
    ("git.corp.example", 443),
    ("badcorp.example", 443),
    ("10.1.2.3", 443),
    ("11.1.2.3", 443),
    ("pypi.org", 443),
    ("localhost", 443),
    ("127.0.0.1", 443),
];

const PROGRAM: &str = r#"package main

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		parts := strings.Split(in.Text(), "\t")
		cfg := httpproxy.Config{HTTPSProxy: "http://proxy.test:3128", NoProxy: parts[0]}
		u, _ := url.Parse("https://" + parts[1])
		p, err := cfg.ProxyFunc()(u)
		fmt.Println(err == nil && p != nil)
	}
}
"#;

fn authority(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

fn ours(rules: ProxyRules, no_proxy: &str, host: &str, port: u16) -> bool {
    let env = Environment::new().with("HTTPS_PROXY", "http://proxy.test:3128").with("NO_PROXY", no_proxy);
    choose_proxy(&env, rules, host, port).unwrap().proxy.is_some()
}

#[test]
fn go_rules_match_gos_httpproxy() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    let oracle = support::GoOracle::new(
        &go,
        &[("src/vendor/golang.org/x/net", "golang.org/x/net"), ("src/vendor/golang.org/x/text", "golang.org/x/text")],
        PROGRAM,
    );
    let mut cases = Vec::new();
    for np in NO_PROXY {
        for (h, p) in HOSTS {
            cases.push((*np, *h, *p));
        }
    }
    let input: String = cases.iter().map(|(np, h, p)| format!("{np}\t{}\n", authority(h, *p))).collect();
    let answers = oracle.ask(&input);
    let diffs: Vec<String> = cases
        .iter()
        .zip(&answers)
        .filter(|((np, h, p), go_says)| ours(ProxyRules::Go, np, h, *p) != **go_says)
        .map(|((np, h, p), go_says)| format!("NO_PROXY={np:?} {h}:{p}: Go proxies = {go_says}"))
        .collect();
    assert!(diffs.is_empty(), "{} of {} differ:\n{}", diffs.len(), cases.len(), diffs.join("\n"));
}

#[test]
fn curl_rules_match_curl() {
    let Some(curl) = support::which("curl") else {
        assert!(support::may_skip("curl"), "curl is required");
        return;
    };
    // A fake proxy that counts CONNECTs and refuses them: curl then fails fast either way.
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let proxy = support::RawServer::start(move |mut tcp| {
        let mut buf = [0u8; 512];
        if tcp.read(&mut buf).unwrap_or(0) > 0 {
            counter.fetch_add(1, Ordering::SeqCst);
        }
        let _ = tcp.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
    let mut diffs = Vec::new();
    let mut cases = 0;
    for np in NO_PROXY {
        // Names and loopback only: a bypassed 10.x literal would make curl connect off the
        // machine. Those IP and CIDR entries are compared against Go above and in unit tests.
        // Loopback is here on purpose: curl proxies it, Go never does.
        for (h, p) in HOSTS.iter().filter(|(h, _)| h.parse::<std::net::IpAddr>().map_or(true, |ip| ip.is_loopback())) {
            let before = hits.load(Ordering::SeqCst);
            let _ = Command::new(&curl)
                .args(["-s", "-o", "/dev/null", "--max-time", "3", "--connect-timeout", "1"])
                .arg(format!("https://{}/", authority(h, *p)))
                // Direct attempts must not leave the machine: every name resolves to a closed port.
                .args(["--resolve", &format!("{h}:{p}:127.0.0.1")])
                .env_clear()
                .env("https_proxy", format!("http://127.0.0.1:{}", proxy.addr.port()))
                .env("no_proxy", np)
                .output()
                .unwrap();
            let proxied = hits.load(Ordering::SeqCst) > before;
            cases += 1;
            if ours(ProxyRules::Curl, np, h, *p) != proxied {
                diffs.push(format!("no_proxy={np:?} {h}:{p}: curl proxies = {proxied}"));
            }
        }
    }
    assert!(diffs.is_empty(), "{} of {cases} differ:\n{}", diffs.len(), diffs.join("\n"));
}
