//! `feedpub completions` and `feedpub man`: shell completion scripts and
//! the man page, made from the same clap definitions as the parser.

use std::io::{self, Write};

use clap::{Args, Command};
use clap_complete::Shell;

/// `feedpub completions`' arguments.
#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub(super) shell: Shell,
}

/// Writes the completion script for `shell`.
pub(super) fn completions(mut cmd: Command, shell: Shell, out: &mut dyn Write) {
    let name = cmd.get_name().to_owned();
    clap_complete::generate(shell, &mut cmd, name, out);
}

/// Writes the man page (roff): the command's name, synopsis, description
/// and options, then a section for each subcommand with its own synopsis,
/// description and options, then the exit codes and version.
pub(super) fn man(mut cmd: Command, out: &mut dyn Write) -> io::Result<()> {
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    let top_codes = cmd.get_after_help().map(ToString::to_string);
    // The title keeps the preamble every clap_mangen rendering starts with;
    // the others drop it.
    page.render_title(out)?;
    let mut text = String::new();
    text += &body(|w| page.render_name_section(w))?;
    text += &body(|w| page.render_synopsis_section(w))?;
    text += &body(|w| page.render_description_section(w))?;
    text += &body(|w| page.render_options_section(w))?;
    // `help` is clap's own, and `feedpub help` is said by `--help` already.
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let sub_name = format!("{} {}", cmd.get_name(), sub.get_name());
        text += &format!(".SH \"{}\"\n", sub_name.to_uppercase());
        let sub_page = clap_mangen::Man::new(sub.clone().bin_name(&sub_name));
        let mut own = body(|w| sub_page.render_synopsis_section(w))?;
        own += &body(|w| sub_page.render_description_section(w))?;
        own += &body(|w| sub_page.render_options_section(w))?;
        if sub.get_after_help().map(ToString::to_string) != top_codes {
            own += &exit_codes(sub);
        }
        // The subcommand's own sections become sub-sections of its one.
        for line in own.lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => text += &format!(".SS {heading}\n"),
                None => text += &format!("{line}\n"),
            }
        }
    }
    text += &exit_codes(&cmd);
    text += &body(|w| page.render_version_section(w))?;
    out.write_all(text.as_bytes())
}

/// One rendering of clap_mangen without the preamble (the two lines that
/// define the `Aq` string) it starts with.
fn body(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<String> {
    let mut bytes = Vec::new();
    render(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .lines()
        .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
        .map(|l| format!("{l}\n"))
        .collect())
}

/// A command's `after_help` (its exit codes) as an `EXIT CODES` section,
/// its lines kept as they are.
fn exit_codes(cmd: &Command) -> String {
    let Some(text) = cmd.get_after_help().map(ToString::to_string) else {
        return String::new();
    };
    let mut out = String::from(".SH \"EXIT CODES\"\n.nf\n");
    for line in text.lines().filter(|l| *l != "Exit codes:") {
        // A backslash starts a roff escape, and a line starting with `.`
        // or `'` would be read as a request.
        let line = line.replace('\\', "\\e");
        let guard = if line.starts_with(['.', '\'']) {
            "\\&"
        } else {
            ""
        };
        out += &format!("{guard}{line}\n");
    }
    out += ".fi\n";
    out
}
