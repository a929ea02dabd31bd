//! `trustaudit explain TEXT…`: which runtime printed a pasted TLS error, what it means and what
//! to check next. `-` reads the text from stdin. No trust logic here: `verify::explain` decides.

use std::io::Read as _;

use anyhow::Context as _;
use trustaudit::verify::explain;

use crate::output::Output;
use crate::Outcome;

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The error text, as printed (quote it; several words are joined with spaces). `-` reads it
    /// from stdin. Exit 0 when recognised, 1 when not.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &Output) -> anyhow::Result<Outcome> {
    let text = if args.text.len() == 1 && args.text[0] == "-" {
        let mut s = String::new();
        std::io::stdin()
            .take(u64::try_from(trustaudit::limits::MAX_EXPLAIN_TEXT_BYTES).unwrap_or(u64::MAX))
            .read_to_string(&mut s)
            .context("reading the error text from stdin")?;
        s
    } else {
        args.text.join(" ")
    };
    let e = explain::explain(&text);
    let outcome = if e.recognised() { Outcome::Clean } else { Outcome::Findings };
    if out.json {
        out.json("explain", &e)?;
        return Ok(outcome);
    }
    let mut s = String::new();
    let who = match (e.tool, e.runtime) {
        (Some(tool), Some(rt)) if tool != rt.name() => format!("{tool} (via {rt})"),
        (_, Some(rt)) => rt.name().to_owned(),
        (Some(tool), None) => tool.to_owned(),
        (None, None) => "an unknown program".to_owned(),
    };
    if e.recognised() {
        s.push_str(&format!(
            "{} from {who}{}\n",
            out.paint("1", e.failure.unwrap_or("")),
            e.code.as_ref().map_or(String::new(), |c| format!(" (code {c})"))
        ));
    }
    s.push_str(&e.meaning);
    s.push('\n');
    for step in &e.next_steps {
        s.push_str(&format!("  - {step}\n"));
    }
    out.text(&s)?;
    Ok(outcome)
}
