//! `trustaudit show FILE`: every certificate in a PEM or DER file, readable.

use std::fmt::Write as _;
use std::path::PathBuf;

use trustaudit::report::text::{certificate_text, TextStyle};
use trustaudit::report::ShowReport;

use crate::output::Output;
use crate::Outcome;

/// `trustaudit show FILE`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A PEM file (any number of certificates, text around them allowed) or a DER certificate.
    pub(crate) file: PathBuf,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let report = ShowReport::from_path(&args.file)?;
    if report.certificates.is_empty() {
        let why: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        anyhow::bail!("no certificate could be read: {}", why.join("; "));
    }
    if out.json {
        out.json("show", &report)?;
    } else {
        let style = TextStyle { color: out.color };
        let mut text = String::new();
        let n = report.certificates.len();
        for (i, c) in report.certificates.iter().enumerate() {
            let _ =
                writeln!(text, "{} {} of {n} ({}, {}):", out.paint("1", "Certificate"), i + 1, report.file, c.location);
            text.push_str(&certificate_text(&c.details, style));
            text.push('\n');
        }
        for p in &report.problems {
            let _ = writeln!(text, "{} {p}", out.paint("31", "problem:"));
        }
        out.text(text.trim_end())?;
    }
    Ok(if report.problems.is_empty() { Outcome::Clean } else { Outcome::Findings })
}
