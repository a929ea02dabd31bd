//! `doctor pip` end to end, on loopback only: a static simple index over TLS serving one wheel
//! built here, behind a real mitmproxy. The real `pip download` fails; `doctor pip` names the
//! cause; applying exactly the fix it prints makes the real `pip download` succeed.

#[path = "proxies/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use support::{Ca, LeafSpec, Mitmdump, TlsServer};

const HOST: &str = "pypi.trustaudit.test";

fn command(program: &Path, env: &[(String, String)], cwd: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear().envs(env.iter().map(|(k, v)| (k, v))).current_dir(cwd);
    cmd
}

#[test]
fn doctor_pip_names_mitmproxy_and_its_fix_makes_pip_download_work() {
    let Some(python) = support::which("python3") else {
        assert!(support::may_skip("python3"), "python3 is required");
        return;
    };
    let Some(mitm) = Mitmdump::start(&[HOST]) else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let public = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let leaf = public.leaf(&LeafSpec::valid(HOST, &[HOST]));
    let server = TlsServer::start(vec![leaf.der, public.der()], leaf.key, Some(support::python_index(d)));
    let machine_roots = support::write_file(d, "machine-roots.pem", public.pem().as_bytes());
    std::fs::create_dir_all(d.join("home")).unwrap();
    std::fs::create_dir_all(d.join("out")).unwrap();
    let env: Vec<(String, String)> = vec![
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ("HOME".into(), d.join("home").display().to_string()),
        ("PIP_CONFIG_FILE".into(), "/dev/null".into()),
        ("PIP_INDEX_URL".into(), format!("https://{HOST}:{}/simple/", server.addr.port())),
        ("PIP_CERT".into(), machine_roots.display().to_string()),
        ("PIP_DISABLE_PIP_VERSION_CHECK".into(), "1".into()),
        ("PIP_NO_CACHE_DIR".into(), "1".into()),
        ("PIP_RETRIES".into(), "0".into()),
        ("PIP_DEFAULT_TIMEOUT".into(), "20".into()),
        ("HTTPS_PROXY".into(), mitm.url()),
    ];
    let pip_download = |extra: &[(&str, &str)]| {
        let mut cmd = command(&python, &env, d);
        cmd.args(["-m", "pip", "download", "--no-deps", "-d"]).arg(d.join("out")).arg("hello-ta==1.0.0");
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };

    // 1. The real pip fails behind the interception proxy.
    let before = pip_download(&[]);
    let said = format!("{}{}", String::from_utf8_lossy(&before.stdout), String::from_utf8_lossy(&before.stderr));
    assert!(!before.status.success(), "pip download unexpectedly worked:\n{said}");
    assert!(said.contains("CERTIFICATE_VERIFY_FAILED"), "{said}");

    // 2. doctor pip, in the same environment, names the link and the cause.
    let bundle = d.join("home/pip-ca-bundle.pem");
    let doctor = command(Path::new(env!("CARGO_BIN_EXE_trustaudit")), &env, d)
        .args(["doctor", "pip", "hello-ta", "--timeout", "20", "--bundle"])
        .arg(&bundle)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(1), "stdout:\n{text}\nstderr:\n{}", String::from_utf8_lossy(&doctor.stderr));
    assert!(
        text.contains(&format!("  BROKEN   project page: https://{HOST}:{}/simple/hello-ta/ → ", server.addr.port())),
        "{text}"
    );
    assert!(text.contains("certificate verify failed"), "{text}");
    assert!(text.contains("; intercepted by mitmproxy (debugging proxy), confidence"), "{text}");
    let fix = text
        .lines()
        .find_map(|l| l.strip_prefix("  fix      export PIP_CERT="))
        .unwrap_or_else(|| panic!("no PIP_CERT fix in:\n{text}"));
    assert_eq!(fix, bundle.display().to_string());

    // 3. Exactly that fix makes the real pip succeed.
    let after = pip_download(&[("PIP_CERT", fix)]);
    assert!(
        after.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&after.stdout),
        String::from_utf8_lossy(&after.stderr)
    );
    assert!(d.join("out/hello_ta-1.0.0-py3-none-any.whl").is_file());
}
