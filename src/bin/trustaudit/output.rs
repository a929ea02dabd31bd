//! Rendering: JSON documents on stdout, short coloured text for people, errors on stderr.

use std::io::{IsTerminal as _, Write as _};

use serde::Serialize;

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorWhen {
    /// Colour when stdout is a terminal, NO_COLOR is unset and TERM is not "dumb".
    Auto,
    /// Always colour text output.
    Always,
    /// Never colour.
    Never,
}

/// How results are printed for this invocation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    /// One JSON document instead of text.
    pub(crate) json: bool,
    /// ANSI colour in text output.
    pub(crate) color: bool,
}

impl Output {
    pub(crate) fn new(json: bool, when: ColorWhen) -> Self {
        let color = !json
            && match when {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::env::var("TERM").map_or(true, |t| t != "dumb")
                }
            };
        Self { json, color }
    }

    /// Prints `body` as the one JSON document of this run.
    pub(crate) fn json<T: Serialize>(&self, kind: &str, body: &T) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", trustaudit::report::to_json(kind, body))?;
        Ok(())
    }

    /// Prints text lines.
    pub(crate) fn text(&self, text: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            stdout.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Wraps `s` in an ANSI colour when colour is on (`31` red, `32` green, `33` yellow, `1` bold).
    pub(crate) fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
}

/// Whether an error is a closed stdout (`trustaudit | head`).
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
