//! `trustaudit doctor <tool>`: why a tool cannot download, link by link, and the fix.

use std::path::PathBuf;
use std::time::Duration;

use trustaudit::doctor::endpoint::LinkStatus;
use trustaudit::doctor::{go, pip, tools, Diagnosis};
use trustaudit::probe::Timeouts;
use trustaudit::runtime;

use crate::output::Output;
use crate::Outcome;

/// Arguments of `trustaudit doctor`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) tool: Tool,
    /// Write the CA bundle the fix uses here (default: ~/.config/trustaudit/<tool>-ca-bundle.pem).
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) bundle: Option<PathBuf>,
    /// The interception root, when the proxy does not reveal it (PEM or DER).
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) root: Option<PathBuf>,
    /// Budget of each phase of each probe, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, global = true)]
    pub(crate) timeout: f64,
}

/// The tools `doctor` knows.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Tool {
    /// `go mod download`: GOPROXY, GOPRIVATE/GONOPROXY/GONOSUMDB, GOSUMDB, proxy variables, Go's roots.
    Go {
        /// Module path, optionally `@version` (default golang.org/x/mod).
        module: Option<String>,
    },
    /// `pip download`: index-url, extra-index-url, trusted-host, cert, proxy; pip's roots.
    Pip {
        /// Project name (default pip).
        project: Option<String>,
    },
    /// npm reaching its registry: registry, cafile, strict-ssl, https-proxy; Node's roots.
    Npm {
        /// Package name (default npm).
        package: Option<String>,
    },
    /// git over HTTPS: http.sslCAInfo, GIT_SSL_CAINFO, http.proxy, http.sslVerify.
    Git {
        /// The https:// remote URL.
        remote: String,
    },
    /// cargo reaching a sparse registry index: CARGO_HTTP_CAINFO / http.cainfo, CARGO_HTTP_PROXY.
    Cargo {
        /// Index URL (default sparse+https://index.crates.io/).
        index: Option<String>,
    },
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        anyhow::bail!("--timeout must be between 0 and 3600 seconds");
    }
    let timeouts = Timeouts::all(Duration::from_secs_f64(args.timeout));
    let env = runtime::Environment::from_process();
    let diagnosis = match &args.tool {
        Tool::Go { module } => {
            let options = go::GoOptions {
                module: module.clone(),
                bundle_path: args.bundle.clone().unwrap_or_else(|| go::default_bundle_path(&env, "go")),
                root: args.root.clone(),
                timeouts,
            };
            go::doctor_go(&env, &options)?
        }
        Tool::Pip { project } => {
            let options = pip::PipOptions {
                project: project.clone(),
                bundle_path: args.bundle.clone().unwrap_or_else(|| go::default_bundle_path(&env, "pip")),
                root: args.root.clone(),
                timeouts,
            };
            pip::doctor_pip(&env, &options)?
        }
        Tool::Npm { package } => tools::doctor_npm(&env, &tool_options(args, &env, "npm", package.clone(), timeouts))?,
        Tool::Git { remote } => {
            tools::doctor_git(&env, &tool_options(args, &env, "git", Some(remote.clone()), timeouts))?
        }
        Tool::Cargo { index } => {
            tools::doctor_cargo(&env, &tool_options(args, &env, "cargo", index.clone(), timeouts))?
        }
    };
    if out.json {
        out.json("doctor", &diagnosis)?;
    } else {
        out.text(&render(&diagnosis, out))?;
    }
    Ok(if diagnosis.broken.is_some() { Outcome::Findings } else { Outcome::Clean })
}

fn tool_options(
    args: &Args,
    env: &runtime::Environment,
    tool: &str,
    target: Option<String>,
    timeouts: Timeouts,
) -> tools::ToolOptions {
    tools::ToolOptions {
        target,
        bundle_path: args.bundle.clone().unwrap_or_else(|| go::default_bundle_path(env, tool)),
        root: args.root.clone(),
        timeouts,
    }
}

fn render(d: &Diagnosis, out: &Output) -> String {
    let mut s = format!("doctor {}: {}\n", d.tool, d.command);
    let mut line = |label: &str, text: &str| s.push_str(&format!("  {label:<8} {text}\n"));
    for (name, value) in &d.settings {
        if !value.is_empty() {
            line("config", &format!("{name}={value}"));
        }
    }
    for note in &d.notes {
        line("note", note);
    }
    for link in &d.links {
        let (label, text) = match link.status {
            LinkStatus::Ok => {
                ("ok", format!("{}: {} → HTTP {}", link.purpose, link.url, link.http_status.unwrap_or(0)))
            }
            LinkStatus::NotFound => {
                ("next", format!("{}: {} → {}", link.purpose, link.url, link.error.as_deref().unwrap_or("")))
            }
            LinkStatus::Broken => {
                ("BROKEN", format!("{}: {} → {}", link.purpose, link.url, link.error.as_deref().unwrap_or("?")))
            }
        };
        let label = if link.status == LinkStatus::Broken { out.paint("31", label) } else { label.to_owned() };
        line(&label, &text);
    }
    match &d.broken {
        None => line("result", &out.paint("32", &format!("{} should work from here", d.command))),
        Some(f) => line("cause", &f.cause),
    }
    for file in &d.files_written {
        line("wrote", file);
    }
    for (i, fix) in d.fix.iter().enumerate() {
        line(if i == 0 { "fix" } else { "" }, fix);
    }
    s
}
