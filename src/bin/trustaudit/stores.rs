//! `trustaudit stores`: every runtime's view of trust on this machine: how many roots, which
//! files, variables and settings it reads, which one wins, and what to know.

use serde::Serialize;
use trustaudit::runtime::{self, Environment, Runtime, RuntimeViewSummary, SourceState, Variable};

use crate::output::Output;
use crate::Outcome;

/// `trustaudit stores`.
#[derive(Debug, Default, clap::Args)]
pub(crate) struct Args {
    /// Only these runtimes (go, openssl, curl, python, certifi, pip, node, git, cargo, rustls);
    /// default: all.
    #[arg(value_name = "RUNTIME")]
    pub(crate) runtimes: Vec<Runtime>,
    /// Also list sources that were absent, overridden or ignored.
    #[arg(long, short = 'a')]
    pub(crate) all_sources: bool,
    /// Describe the runtimes as they would run with none of the trust variables set
    /// (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, …).
    #[arg(long)]
    pub(crate) without_variables: bool,
    /// Also start each runtime to ask its exact version (slower: up to seconds).
    #[arg(long)]
    pub(crate) deep: bool,
}

/// The JSON body of `trustaudit stores --json`.
#[derive(Debug, Serialize)]
struct StoresReport {
    /// Trust-related variables set in the environment examined.
    variables: Vec<Variable>,
    /// One entry per runtime.
    runtimes: Vec<RuntimeViewSummary>,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let mut env = Environment::from_process();
    if args.without_variables {
        env = env.without_trust_variables();
    }
    let views = if args.runtimes.is_empty() {
        runtime::all_views(&env)
    } else {
        let mut rts = args.runtimes.clone();
        rts.sort();
        rts.dedup();
        rts.iter().map(|rt| runtime::view(*rt, &env)).collect()
    };
    let mut views = views;
    if args.deep {
        for v in views.iter_mut().filter(|v| v.installed) {
            runtime::ask_version(v, &env);
        }
    }
    let summaries: Vec<RuntimeViewSummary> = views.iter().map(|v| v.summary()).collect();
    // A runtime that is installed but trusts nothing cannot verify anything: a finding.
    let findings = summaries.iter().any(|s| s.installed && s.roots == 0);
    if out.json {
        let report = StoresReport {
            variables: env.trust_variables().into_iter().map(|(name, value)| Variable { name, value }).collect(),
            runtimes: summaries,
        };
        out.json("stores", &report)?;
    } else {
        out.text(&render(&summaries, &env, args.all_sources, out))?;
    }
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}

fn render(views: &[RuntimeViewSummary], env: &Environment, all_sources: bool, out: &Output) -> String {
    let mut s = String::new();
    let vars = env.trust_variables();
    if vars.is_empty() {
        s.push_str("No trust variables are set.\n");
    } else {
        s.push_str("Trust variables in force:\n");
        for (n, v) in &vars {
            s.push_str(&format!("  {n}={v}\n"));
        }
    }
    for v in views {
        s.push('\n');
        if !v.installed {
            s.push_str(&format!(
                "{}  {}\n",
                out.paint("1", v.runtime.name()),
                out.paint("33", &format!("not installed: {}", v.decision))
            ));
            continue;
        }
        let version = v.version.as_deref().map(|x| format!(" {x}")).unwrap_or_default();
        let count = format!("{} roots", v.roots);
        let count = if v.roots == 0 { out.paint("31", &count) } else { out.paint("32", &count) };
        s.push_str(&format!("{}{version}  {count}\n", out.paint("1", v.runtime.name())));
        if let Some(p) = &v.program {
            s.push_str(&format!("  program: {p}\n"));
        }
        s.push_str(&format!("  {}\n", v.decision));
        for src in &v.sources {
            if !all_sources && src.state != SourceState::Used {
                continue;
            }
            let state = match src.state {
                SourceState::Used => "used",
                SourceState::Absent => "absent",
                SourceState::Overridden => "overridden",
                SourceState::Ignored => "ignored",
                _ => "other",
            };
            let value = src.value.as_deref().map(|x| format!("={x}")).unwrap_or_default();
            let from = src.defined_in.as_deref().map(|x| format!(" (in {x})")).unwrap_or_default();
            s.push_str(&format!("  [{state}] {}{value}{from}: {}\n", src.name, src.reason));
        }
        if !v.variables.is_empty() {
            let names: Vec<&str> = v.variables.iter().map(|x| x.name.as_str()).collect();
            s.push_str(&format!("  variables read: {}\n", names.join(", ")));
        }
        for n in &v.notes {
            s.push_str(&format!("  note: {n}\n"));
        }
        if !v.diagnostics.is_empty() {
            s.push_str(&format!("  {} loading problems, first: {}\n", v.diagnostics.len(), v.diagnostics[0]));
        }
    }
    if views.iter().any(|v| v.installed && v.roots == 0) {
        s.push_str(
            "\nA runtime with 0 roots cannot verify any server: fix the file or variable it reads (shown above).\n",
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    #[derive(Debug, clap::Parser)]
    struct Cli {
        #[command(flatten)]
        args: super::Args,
    }

    #[test]
    fn runtime_names_and_aliases_are_accepted_and_others_are_usage_errors() {
        let cli = Cli::try_parse_from(["stores", "go", "requests", "-a"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cli.args.runtimes, vec![super::Runtime::Go, super::Runtime::Certifi]);
        assert!(cli.args.all_sources);
        let err = Cli::try_parse_from(["stores", "java"]).map(|_| ()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("unknown runtime \"java\""), "{err}");
    }
}
