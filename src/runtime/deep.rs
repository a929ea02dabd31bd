//! Asking the runtimes themselves: the opt-in `--deep` part of a view. This is the only code
//! in `runtime` that starts processes; the default path never calls it because a plain
//! audit must stay within milliseconds. Each process gets the view's environment and at most
//! [`DEEP_TIMEOUT`] to answer.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::env::Environment;
use super::view::RuntimeView;
use super::Runtime;

/// How long one runtime may take to print its version.
pub const DEEP_TIMEOUT: Duration = Duration::from_secs(5);

/// The arguments that make a runtime print its version on one line.
fn version_args(rt: Runtime) -> Option<&'static [&'static str]> {
    Some(match rt {
        Runtime::Go => &["version"],
        Runtime::Openssl => &["version"],
        Runtime::Curl | Runtime::Python | Runtime::Node | Runtime::Git | Runtime::Cargo => &["--version"],
        _ => return None,
    })
}

/// Starts the view's program to learn its exact version (`go version`, `node --version`, …)
/// and records it in `view.version`, with a note when the program does not answer in time.
/// Views of packages (certifi, pip) and libraries (rustls) are left as they are.
pub fn ask_version(view: &mut RuntimeView, env: &Environment) {
    let (Some(program), Some(args)) = (view.program.clone(), version_args(view.runtime)) else {
        return;
    };
    let mut cmd = Command::new(&program);
    cmd.args(args).env_clear().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    if let Some(cwd) = env.cwd() {
        cmd.current_dir(cwd);
    }
    let Ok(mut child) = cmd.spawn() else {
        view.notes.push(format!("{} could not be started to ask its version", program.display()));
        return;
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < DEEP_TIMEOUT => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                view.notes.push(format!("{} did not print its version within {DEEP_TIMEOUT:?}", program.display()));
                return;
            }
        }
    }
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = stdout.by_ref().take(64 * 1024).read_to_string(&mut out);
    }
    if let Some(line) = out.lines().map(str::trim).find(|l| !l.is_empty()) {
        view.version = Some(line.to_owned());
    }
}
