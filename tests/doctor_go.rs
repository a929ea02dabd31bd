//! `doctor go` end to end, on loopback only: a Go module proxy over TLS (serving `@v/list`,
//! `.info`, `.mod` and `.zip` for a module built here) behind a real mitmproxy. The real
//! `go mod download` fails; `doctor go` names the cause; applying exactly the fix it prints
//! makes the real `go mod download` succeed.

#[path = "proxies/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use support::{Ca, LeafSpec, Mitmdump, TlsServer};

const HOST: &str = "goproxy.trustaudit.test";

struct GoWorld {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl GoWorld {
    fn new(port: u16, proxy: &str, trusted_pem: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for sub in ["home", "gopath", "modcache", "gocache", "work", "certdir"] {
            std::fs::create_dir_all(d.join(sub)).unwrap();
        }
        let bundle = support::write_file(d, "machine-roots.pem", trusted_pem.as_bytes());
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
            ("GOPROXY".into(), format!("https://{HOST}:{port}")),
            ("GOSUMDB".into(), "off".into()),
            ("GOFLAGS".into(), "-mod=mod".into()),
            ("SSL_CERT_FILE".into(), bundle.display().to_string()),
            ("SSL_CERT_DIR".into(), p("certdir")),
            ("HTTPS_PROXY".into(), proxy.to_owned()),
        ];
        Self { dir, env }
    }

    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear().envs(self.env.iter().map(|(k, v)| (k, v))).current_dir(self.dir.path().join("work"));
        cmd
    }

    fn go_mod_download(&self, go: &Path, extra: &[(&str, &str)]) -> std::process::Output {
        let mut cmd = self.command(go);
        cmd.args(["mod", "download", "-json", "example.com/hello@v1.0.0"]);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
}

#[test]
fn doctor_go_names_mitmproxy_and_its_fix_makes_go_mod_download_work() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    let Some(mitm) = Mitmdump::start(&[HOST]) else { return };
    let scratch = tempfile::tempdir().unwrap();
    let public = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let leaf = public.leaf(&LeafSpec::valid(HOST, &[HOST]));
    let server = TlsServer::start(
        vec![leaf.der, public.der()],
        leaf.key,
        Some(support::go_module_proxy(
            scratch.path(),
            "example.com/hello",
            &[("hello.go", "package hello\n\nconst Greeting = \"hello\"\n")],
        )),
    );
    let world = GoWorld::new(server.addr.port(), &mitm.url(), &public.pem());

    // 1. The real go command fails behind the interception proxy.
    let before = world.go_mod_download(&go, &[]);
    // With -json, go reports the module's error in the JSON on stdout.
    let said = format!("{}{}", String::from_utf8_lossy(&before.stdout), String::from_utf8_lossy(&before.stderr));
    assert!(!before.status.success(), "go mod download unexpectedly worked");
    assert!(said.contains("x509: certificate signed by unknown authority"), "{said}");

    // 2. doctor go, in the same environment, names the link and the cause.
    let bundle = world.dir.path().join("home/go-ca-bundle.pem");
    let doctor = world
        .command(Path::new(env!("CARGO_BIN_EXE_trustaudit")))
        .args(["doctor", "go", "example.com/hello@v1.0.0", "--timeout", "20", "--bundle"])
        .arg(&bundle)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "stdout:\n{text}\nstderr:\n{}", String::from_utf8_lossy(&doctor.stderr));
    let port = server.addr.port();
    assert!(
        text.contains(&format!(
            "  BROKEN   module version list: https://{HOST}:{port}/example.com/hello/@v/list → x509: certificate signed by unknown authority"
        )),
        "{text}"
    );
    assert!(text.contains("; intercepted by mitmproxy (debugging proxy), confidence"), "{text}");
    assert!(text.contains(&format!("  config   HTTPS_PROXY={}\n", mitm.url())), "{text}");
    let fix = text
        .lines()
        .find_map(|l| l.strip_prefix("  fix      export SSL_CERT_FILE="))
        .unwrap_or_else(|| panic!("no SSL_CERT_FILE fix in:\n{text}"));
    assert_eq!(fix, bundle.display().to_string());

    // 3. Exactly that fix makes the real go command succeed.
    let after = world.go_mod_download(&go, &[("SSL_CERT_FILE", fix)]);
    assert!(
        after.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&after.stdout),
        String::from_utf8_lossy(&after.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(info["Version"], "v1.0.0");
    assert!(Path::new(info["Zip"].as_str().unwrap()).is_file());

    // 4. doctor go now finds nothing broken.
    let again = world
        .command(Path::new(env!("CARGO_BIN_EXE_trustaudit")))
        .args(["doctor", "go", "example.com/hello@v1.0.0", "--timeout", "20"])
        .env("SSL_CERT_FILE", fix)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&again.stdout);
    assert_eq!(again.status.code(), Some(0), "{text}");
    assert!(text.contains("  result   go mod download example.com/hello@v1.0.0 should work from here"), "{text}");
}
