//! GOPROXY fall-through, checked against the real go command on loopback: after `,` only
//! 404/410 move on to the next proxy, after `|` any error does. `doctor go` must agree with
//! `go mod download` in each case.

#[path = "proxies/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use support::{Ca, LeafSpec, TlsServer};

fn answering(status: u16) -> support::Router {
    Arc::new(move |_: &str| (status, "text/plain", b"no\n".to_vec()))
}

struct Case {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Case {
    fn new(goproxy: String, roots_pem: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for sub in ["home", "gopath", "modcache", "gocache", "certdir"] {
            std::fs::create_dir_all(d.join(sub)).unwrap();
        }
        let roots = support::write_file(d, "roots.pem", roots_pem.as_bytes());
        let p = |s: &str| d.join(s).display().to_string();
        let env = vec![
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("HOME".into(), p("home")),
            ("GOPATH".into(), p("gopath")),
            ("GOMODCACHE".into(), p("modcache")),
            ("GOCACHE".into(), p("gocache")),
            ("GOENV".into(), "off".into()),
            ("GOTOOLCHAIN".into(), "local".into()),
            ("GO111MODULE".into(), "on".into()),
            ("GOPROXY".into(), goproxy),
            ("GOSUMDB".into(), "off".into()),
            ("SSL_CERT_FILE".into(), roots.display().to_string()),
            ("SSL_CERT_DIR".into(), p("certdir")),
            ("NO_COLOR".into(), "1".into()),
        ];
        Self { dir, env }
    }

    fn run(&self, program: &Path, args: &[&str]) -> (bool, String) {
        let out = Command::new(program)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        )
    }
}

#[test]
fn go_and_doctor_agree_on_how_errors_fall_through_goproxy() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let root = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let start = |router: support::Router| {
        let leaf = root.leaf(&LeafSpec::valid("127.0.0.1", &["127.0.0.1"]));
        TlsServer::start(vec![leaf.der, root.der()], leaf.key, Some(router))
    };
    let good = start(support::go_module_proxy(scratch.path(), "example.com/fall", &[("fall.go", "package fall\n")]));
    let missing = start(answering(404));
    let failing = start(answering(500));
    let url = |s: &TlsServer| format!("https://127.0.0.1:{}", s.addr.port());
    let trustaudit = Path::new(env!("CARGO_BIN_EXE_trustaudit"));

    for (goproxy, go_works) in [
        (format!("{},{}", url(&missing), url(&good)), true),
        (format!("{},{}", url(&failing), url(&good)), false),
        (format!("{}|{}", url(&failing), url(&good)), true),
    ] {
        let case = Case::new(goproxy.clone(), &root.pem());
        let (ok, said) = case.run(&go, &["mod", "download", "-json", "example.com/fall@v1.0.0"]);
        assert_eq!(ok, go_works, "GOPROXY={goproxy}: go said\n{said}");
        let (clean, text) = case.run(trustaudit, &["doctor", "go", "example.com/fall@v1.0.0", "--timeout", "10"]);
        assert_eq!(clean, go_works, "GOPROXY={goproxy}: doctor said\n{text}");
        if go_works {
            assert!(
                text.contains("  result   go mod download example.com/fall@v1.0.0 should work from here"),
                "{text}"
            );
        } else {
            assert!(
                text.contains(&format!(
                    "  BROKEN   module version list: {}/example.com/fall/@v/list → HTTP 500 Internal Server Error",
                    url(&failing)
                )),
                "{text}"
            );
            assert!(said.contains("500 Internal Server Error"), "{said}");
        }
    }
}
