//! How diagnostics look on the way out: whether they get colour and the
//! source line with a caret (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, and
//! whether stderr is a terminal), and writing them so.
//!
//! The first line of a diagnostic is always `file:line:col:
//! severity[code]: message`, byte for byte, so that it can be grepped;
//! colour only wraps parts of it in escape sequences. Carets are layout,
//! colour is colour: a terminal gets carets whatever `--color` says.

use std::io::{self, Write};
use std::path::Path;

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;

use super::snippet;
use crate::diagnostic::{self, Diagnostic, Severity};

/// `--color`: when diagnostics are coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (or forced by `CLICOLOR_FORCE`).
    #[default]
    Auto,
    /// Always colour, and show source lines with carets, even into a pipe.
    Always,
    /// Never colour (a terminal still gets source lines with carets).
    Never,
}

/// What diagnostics get beyond their first line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// Escape sequences for colour and bold.
    pub color: bool,
    /// The source line with a caret under the column.
    pub carets: bool,
}

impl Look {
    /// The look for a stream, from `--color`, whether the stream is a
    /// terminal, and the environment (`var` reads a variable): `NO_COLOR`
    /// set and not empty turns colour off under `auto`; `CLICOLOR_FORCE`
    /// set, not empty and not `0` turns it on under `auto` even into a
    /// pipe (`NO_COLOR` wins over it).
    pub fn resolve(
        choice: ColorChoice,
        terminal: bool,
        var: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Self {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let forced = set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").is_some_and(|v| v != "0");
        match choice {
            ColorChoice::Always => Self {
                color: true,
                carets: true,
            },
            ColorChoice::Never => Self {
                color: false,
                carets: terminal,
            },
            ColorChoice::Auto if set("NO_COLOR") => Self {
                color: false,
                carets: terminal,
            },
            ColorChoice::Auto => Self {
                color: terminal || forced,
                carets: terminal || forced,
            },
        }
    }

    /// The look for stderr, from the real environment.
    pub fn stderr(choice: ColorChoice) -> Self {
        use std::io::IsTerminal;
        Self::resolve(choice, io::stderr().is_terminal(), |name| {
            std::env::var_os(name)
        })
    }

    /// The look for stdout, from the real environment.
    pub fn stdout(choice: ColorChoice) -> Self {
        use std::io::IsTerminal;
        Self::resolve(choice, io::stdout().is_terminal(), |name| {
            std::env::var_os(name)
        })
    }
}

/// The parts of a diagnostic, whichever kind it is (an article's or a
/// feed validator's).
pub struct Parts<'a> {
    /// The file.
    pub path: &'a Path,
    /// Line, from 1.
    pub line: Option<usize>,
    /// Column in characters, from 1.
    pub column: Option<usize>,
    /// How bad.
    pub severity: Severity,
    /// The code or class.
    pub code: &'a str,
    /// What is wrong.
    pub message: &'a str,
}

impl<'a> From<&'a Diagnostic> for Parts<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Self {
            path: &d.path,
            line: d.line,
            column: d.column,
            severity: d.severity,
            code: d.code,
            message: &d.message,
        }
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// Writes one diagnostic: its first line, and under `look.carets`, when
/// the file can be read back and has the line, the line with a caret.
pub fn write(out: &mut impl Write, d: &Parts<'_>, look: Look) -> io::Result<()> {
    let bold = if look.color {
        Style::new().bold()
    } else {
        Style::new()
    };
    let severe = if look.color {
        severity_style(d.severity)
    } else {
        Style::new()
    };
    let blue = if look.color {
        Style::new().fg_color(Some(AnsiColor::Blue.into())).bold()
    } else {
        Style::new()
    };
    write!(out, "{}", diagnostic::show(d.path))?;
    if let Some(line) = d.line {
        write!(out, ":{line}")?;
        if let Some(column) = d.column {
            write!(out, ":{column}")?;
        }
    }
    writeln!(
        out,
        ": {severe}{}{severe:#}{bold}[{}]{bold:#}: {}",
        d.severity, d.code, d.message
    )?;
    let Some(number) = d.line.filter(|_| look.carets) else {
        return Ok(());
    };
    let Some(text) = snippet::read_line(d.path, number) else {
        return Ok(());
    };
    let layout = snippet::layout(&text, d.column);
    let gutter = " ".repeat(number.to_string().len());
    writeln!(out, "{gutter} {blue}|{blue:#}")?;
    writeln!(out, "{blue}{number} |{blue:#} {}", layout.text)?;
    if let Some(caret) = layout.caret {
        writeln!(
            out,
            "{gutter} {blue}|{blue:#} {}{severe}^{severe:#}",
            " ".repeat(caret)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn color_and_carets_follow_the_choice_the_stream_and_the_environment() {
        let on = Look {
            color: true,
            carets: true,
        };
        let carets = Look {
            color: false,
            carets: true,
        };
        let plain = Look::default();
        /// The choice, whether the stream is a terminal, the environment, and the look.
        type Case<'a> = (ColorChoice, bool, &'a [(&'a str, &'a str)], Look);
        let cases: &[Case<'_>] = &[
            // A terminal: colour and carets.
            (ColorChoice::Auto, true, &[], on),
            // A pipe: neither.
            (ColorChoice::Auto, false, &[], plain),
            // NO_COLOR on a terminal: carets, no colour.
            (ColorChoice::Auto, true, &[("NO_COLOR", "1")], carets),
            // An empty NO_COLOR counts as unset (no-color.org).
            (ColorChoice::Auto, true, &[("NO_COLOR", "")], on),
            // CLICOLOR_FORCE into a pipe: both.
            (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "1")], on),
            // CLICOLOR_FORCE=0 forces nothing.
            (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "0")], plain),
            // NO_COLOR wins over CLICOLOR_FORCE.
            (
                ColorChoice::Auto,
                false,
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
                plain,
            ),
            // --color always into a pipe, even with NO_COLOR: both.
            (ColorChoice::Always, false, &[("NO_COLOR", "1")], on),
            // --color never on a terminal: carets are layout, so kept.
            (ColorChoice::Never, true, &[], carets),
            // --color never into a pipe: nothing, whatever is forced.
            (ColorChoice::Never, false, &[("CLICOLOR_FORCE", "1")], plain),
        ];
        for (choice, terminal, env, want) in cases {
            let var = |name: &str| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            };
            assert_eq!(
                Look::resolve(*choice, *terminal, var),
                *want,
                "{choice:?} terminal={terminal} {env:?}"
            );
        }
    }

    #[test]
    fn plain_first_line_is_the_diagnostic_as_displayed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Title\nUpdated:\tFebruary 30\n").expect("write");
        let d = Diagnostic::error("invalid-date", &path, "no such day").at(2, 10);
        let mut plain = Vec::new();
        write(&mut plain, &Parts::from(&d), Look::default()).expect("write");
        assert_eq!(String::from_utf8_lossy(&plain), format!("{d}\n"));
        let mut shown = Vec::new();
        let look = Look {
            color: false,
            carets: true,
        };
        write(&mut shown, &Parts::from(&d), look).expect("write");
        let want = format!(
            "{d}\n  |\n2 | Updated:    February 30\n  | {}^\n",
            " ".repeat(12)
        );
        assert_eq!(String::from_utf8_lossy(&shown), want);
        let mut coloured = Vec::new();
        let look = Look {
            color: true,
            carets: true,
        };
        write(&mut coloured, &Parts::from(&d), look).expect("write");
        let text = String::from_utf8_lossy(&coloured);
        assert!(
            text.contains("\u{1b}[1m\u{1b}[31merror\u{1b}[0m"),
            "{text:?}"
        );
        // Without the escapes, the same text as without colour.
        let stripped = strip(&text);
        assert_eq!(stripped, want);
        // A line beyond the file's end: only the first line.
        let far = Diagnostic::error("invalid-date", &path, "no such day").at(9, 1);
        let mut out = Vec::new();
        write(&mut out, &Parts::from(&far), look).expect("write");
        assert_eq!(strip(&String::from_utf8_lossy(&out)), format!("{far}\n"));
    }

    /// The text without its CSI escape sequences.
    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
