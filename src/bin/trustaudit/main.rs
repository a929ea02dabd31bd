//! The `trustaudit` command: parse, call one library function, render. No trust logic lives
//! here; each verb is one file.

mod audit;
mod check_name;
mod diff;
mod doctor;
mod explain;
mod inspect;
mod output;
mod probe;
mod scan;
mod show;
mod stores;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use output::{ColorWhen, Output};

#[derive(Debug, Parser)]
#[command(name = "trustaudit", version, about = "Audit TLS trust on this machine")]
struct Cli {
    /// Print one JSON document (schema "trustaudit/1") on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// When to colour text: auto (terminal, NO_COLOR unset, TERM not "dumb"), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit every store and runtime view against Mozilla's set (the default with no verb).
    Audit(audit::Args),
    /// Would each runtime accept a certificate for a name? (SAN/CN, wildcards, IPs, IDNA.)
    CheckName(check_name::Args),
    /// Compare two root sets: mozilla, system, a runtime name, or a file or directory.
    Diff(diff::Args),
    /// Is someone intercepting this chain? Verdict, evidence, SCTs with log names, and the fix.
    Inspect(inspect::Args),
    /// Print every certificate in a PEM or DER file, readable.
    Show(show::Args),
    /// Probe an endpoint live: DNS, TCP, proxy, TLS, then audit what it presented.
    Probe(probe::Args),
    /// Why a tool (go, pip, npm, git, cargo) cannot download, link by link, and the exact fix.
    Doctor(doctor::Args),
    /// Probe many endpoints from a file; group them by issuer.
    Scan(scan::Args),
    /// List what each runtime (go, openssl, curl, python, certifi, pip, node, git, cargo,
    /// rustls) trusts: root count, files, variables and settings read, and which one wins.
    Stores(stores::Args),
    /// Verify a chain against every store (or --store …), with each runtime's verdict and words.
    Verify(verify::Args),
    /// Explain a pasted TLS error: which runtime printed it, what failed, what to do next.
    Explain(explain::Args),
}

/// What a verb found: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Findings (failed verification, interception, missing roots): exit 1.
    Findings,
}

fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let out = Output::new(cli.json, cli.color);
    match &cli.command {
        None => audit::run(&audit::Args::default(), &out),
        Some(Command::Audit(args)) => audit::run(args, &out),
        Some(Command::CheckName(args)) => check_name::run(args, &out),
        Some(Command::Diff(args)) => diff::run(args, &out),
        Some(Command::Show(args)) => show::run(args, &out),
        Some(Command::Inspect(args)) => inspect::run(args, &out),
        Some(Command::Stores(args)) => stores::run(args, &out),
        Some(Command::Probe(args)) => probe::run(args, &out),
        Some(Command::Doctor(args)) => doctor::run(args, &out),
        Some(Command::Scan(args)) => scan::run(args, &out),
        Some(Command::Verify(args)) => verify::run(args, &out),
        Some(Command::Explain(args)) => explain::run(args, &out),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse(); // usage errors: clap prints help and exits 2
    match run(&cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS, // `| head` is not a failure
        Err(err) => {
            eprintln!("trustaudit: {err:#}");
            ExitCode::from(3)
        }
    }
}
