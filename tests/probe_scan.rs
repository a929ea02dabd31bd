//! `trustaudit scan`: one JSON line per host in completion order, then a summary grouping the
//! hosts by issuer; failures are counted by kind; no progress when stderr is not a terminal.

#[path = "proxies/support.rs"]
mod support;

use support::{Ca, LeafSpec, TlsServer};

#[test]
fn scan_prints_a_json_line_per_host_and_groups_hosts_by_issuer() {
    let corp = Ca::root("Corp SSL Inspection CA", "Example Corp");
    let leaf = corp.leaf(&LeafSpec::valid("*.scan.trustaudit.test", &["*.scan.trustaudit.test"]));
    let server = TlsServer::start(vec![leaf.der, corp.der()], leaf.key, None);
    let closed = std::net::SocketAddr::from(([127, 0, 0, 1], support::free_port()));
    let dir = tempfile::tempdir().unwrap();
    let mut list = String::from("# twenty names on one server, one closed port, one bad line\n");
    for i in 0..20 {
        list.push_str(&format!("h{i}.scan.trustaudit.test:{} {}\n", server.addr.port(), server.addr));
    }
    list.push_str(&format!("down.scan.trustaudit.test:{} {closed}\n", closed.port()));
    list.push_str("bad:port\n");
    let file = support::write_file(dir.path(), "hosts.txt", list.as_bytes());

    let out = support::trustaudit(dir.path())
        .args(["--json", "scan", "-j", "8", "--no-proxy", "--timeout", "5"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr, format!("trustaudit: {}:23: invalid target: \"bad:port\": bad port\n", file.display()));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 22);
    assert!(lines[..21].iter().all(|l| l["kind"] == "scan_result"));
    let ok: Vec<&serde_json::Value> = lines[..21].iter().filter(|l| l["ok"] == true).collect();
    assert_eq!(ok.len(), 20);
    assert!(ok
        .iter()
        .all(|l| l["issuer"] == "CN=Corp SSL Inspection CA, O=Example Corp" && l["tls_version"] == "TLSv1.3"));
    let down = lines.iter().find(|l| l["ok"] == false).unwrap();
    assert_eq!(down["failure"]["kind"], "refused");
    assert_eq!(down["failure"]["phase"], "tcp");

    let summary = &lines[21];
    assert_eq!(summary["kind"], "scan_summary");
    assert_eq!(summary["hosts"], 21);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["failures"]["refused"], 1);
    assert_eq!(summary["issuers"][0]["issuer"], "CN=Corp SSL Inspection CA, O=Example Corp");
    assert_eq!(summary["issuers"][0]["hosts"], 20);
    assert_eq!(summary["skipped_lines"][0], "line 23: invalid target: \"bad:port\": bad port");
}

#[test]
fn probe_of_a_closed_port_names_the_tcp_phase_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let port = support::free_port();
    let out = support::trustaudit(dir.path())
        .args(["probe", &format!("127.0.0.1:{port}"), "--no-proxy", "--timeout", "5"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        format!(
            "probe 127.0.0.1:{port}\n  dns      127.0.0.1 → 127.0.0.1\n  tcp      127.0.0.1:{port}: Connection refused (os error 111)\n  failed   tcp: connection to 127.0.0.1:{port} refused\n"
        )
    );
}
