//! `doctor go` end to end, on loopback only: a Go module proxy over TLS (serving `@v/list`,
//! `.info`, `.mod` and `.zip` for a module built here) behind a real mitmproxy. The real
//! `go mod download` fails; `doctor go` names the cause; applying exactly the fix it prints
//! makes the real `go mod download` succeed. In `direct` mode, behind the same proxy, doctor
//! follows the `go-import` tag as go does and applies GOINSECURE exactly where go applies it.

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

/// A module served the way `direct` mode finds one: `?go-get=1` names a `mod` repository (a
/// module proxy at /modproxy on the same host).
fn direct_module(scratch: &Path, module: &'static str) -> support::Router {
    let proxy = support::go_module_proxy(scratch, module, &[("m.go", "package m\n")]);
    let leaf = module.rsplit('/').next().unwrap().to_owned();
    std::sync::Arc::new(move |path: &str| {
        if path == format!("/{leaf}?go-get=1") {
            let meta = format!("<meta name=\"go-import\" content=\"{module} mod https://{HOST}/modproxy\">");
            return (200, "text/html", format!("<!DOCTYPE html><html><head>{meta}</head></html>\n").into_bytes());
        }
        match path.strip_prefix("/modproxy") {
            Some(rest) => proxy(rest),
            None => (404, "text/plain", b"not found\n".to_vec()),
        }
    })
}

#[test]
fn goinsecure_skips_verification_where_go_skips_it_and_doctor_agrees() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    const MODULE: &str = "goproxy.trustaudit.test/insecure";
    let scratch = tempfile::tempdir().unwrap();
    let public = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let leaf = public.leaf(&LeafSpec::valid(HOST, &[HOST]));
    let server = TlsServer::start(vec![leaf.der, public.der()], leaf.key, Some(direct_module(scratch.path(), MODULE)));
    let Some(mitm) = Mitmdump::start_routed(&[(HOST, server.addr.port())]) else { return };
    let world = GoWorld::new(server.addr.port(), &mitm.url(), &public.pem());
    let download = |extra: &[(&str, &str)]| {
        let mut cmd = world.command(&go);
        cmd.args(["mod", "download", "-json", &format!("{MODULE}@v1.0.0")]).env("GOPROXY", "direct");
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        )
    };
    let doctor = |extra: &[(&str, &str)]| {
        let mut cmd = world.command(Path::new(env!("CARGO_BIN_EXE_trustaudit")));
        cmd.args(["doctor", "go", &format!("{MODULE}@v1.0.0"), "--timeout", "20", "--bundle"])
            .arg(world.dir.path().join("home/go-ca-bundle.pem"))
            .env("GOPROXY", "direct")
            .env("NO_COLOR", "1");
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let broken = |text: &str| -> (String, String) {
        let line = text.lines().find_map(|l| l.strip_prefix("  BROKEN   ")).unwrap_or_else(|| panic!("{text}"));
        let (what, words) = line.split_once(" → ").unwrap();
        (what.to_owned(), words.to_owned())
    };

    // 1. Without GOINSECURE go fails on its ?go-get=1 discovery, and doctor says so in go's words.
    let (ok, said) = download(&[]);
    assert!(!ok && said.contains(&format!("https://{HOST}/insecure?go-get=1")), "{said}");
    let (code, text) = doctor(&[]);
    assert_eq!(code, Some(1), "{text}");
    let (what, words) = broken(&text);
    assert_eq!(what, format!("version control discovery (direct): https://{MODULE}?go-get=1"));
    assert!(said.contains(&words), "doctor predicted {words:?}; go said:\n{said}");

    // 2. GOINSECURE skips verification on the discovery only: go still fails, on the module's
    //    `mod` repository, and doctor follows the go-import tag to the same place.
    let (ok, said) = download(&[("GOINSECURE", HOST)]);
    assert!(!ok && said.contains(&format!("https://{HOST}/modproxy/{MODULE}/@v/")), "{said}");
    let (code, text) = doctor(&[("GOINSECURE", HOST)]);
    assert_eq!(code, Some(1), "{text}");
    let (what, words) = broken(&text);
    assert!(what.contains(&format!(": https://{HOST}/modproxy/{MODULE}/@v/")), "{text}");
    assert!(said.contains(&words), "doctor predicted {words:?}; go said:\n{said}");
    assert!(text.contains("matches GOINSECURE"), "{text}");
    let fix = text
        .lines()
        .find_map(|l| l.strip_prefix("  fix      export SSL_CERT_FILE="))
        .unwrap_or_else(|| panic!("no SSL_CERT_FILE fix in:\n{text}"));

    // 3. With the printed fix go downloads the module and doctor finds nothing broken.
    let (ok, said) = download(&[("GOINSECURE", HOST), ("SSL_CERT_FILE", fix)]);
    assert!(ok, "{said}");
    let (code, text) = doctor(&[("GOINSECURE", HOST), ("SSL_CERT_FILE", fix)]);
    assert_eq!(code, Some(0), "{text}");
}
