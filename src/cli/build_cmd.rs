//! `feedpub build`: running it with a progress bar, and reporting what it
//! did as text on stderr or (`--format json`) as JSON lines on stdout.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::Serialize;

use super::look::{ColorChoice, Look};
use super::{BuildArgs, OutputFormat, overrides, progress, stdout_ok};
use crate::build::{self, BuildMode, Progress, Report};
use crate::config::{Config, ContentMode, Overrides};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::Error;
use crate::publish::Written;
use crate::websub::Outcome;

/// The code of the warning a build gives each feed file it no longer
/// writes and keeps (without `--prune`).
const STALE_FEED: &str = "stale-feed";

/// Runs `build` with its arguments and `--color`.
pub(super) fn run(args: BuildArgs, color: ColorChoice) -> Result<(), Error> {
    let json = args.format == OutputFormat::Json;
    let loaded = Config::load(Overrides {
        articles: args.articles,
        out: args.out,
        state_dir: args.state_dir,
        limit: args.limit,
        content: args.content.map(ContentMode::from),
        ping: args.ping,
        ..overrides(args.common)
    });
    let config = match loaded {
        Ok(config) => config,
        Err(e) => {
            if json {
                print_json(&ErrorLine::new(&e))?;
            }
            return Err(e);
        }
    };
    let mode = BuildMode {
        check: args.check,
        strict: args.strict,
        no_cache: args.no_cache,
        notes: args.verbose,
        prune: args.prune,
    };
    // Told to end (Ctrl-C, SIGTERM from `timeout` or a cancelled CI job,
    // SIGHUP), the build removes its own temporary files before it exits:
    // files put in place stay, each whole, and nothing half-staged is left
    // among them for a sync to upload. (SIGKILL leaves them to the next
    // build, which removes them.)
    let (out, state) = (config.out.clone(), config.state.clone());
    let _ = ctrlc::set_handler(move || {
        crate::publish::stop(&out, &state);
        std::process::exit(130);
    });
    let progress = Progress::default();
    let shown = !args.quiet && std::io::stderr().is_terminal();
    let (report, result) = progress::around(shown, &progress, || {
        build::build_observed(&config, mode, &progress)
    });
    if json {
        let floor = floor(args.quiet, args.verbose);
        write_json(&report, &result, mode, floor, config.ping && !mode.check)?;
        return result;
    }
    print_report(
        &config,
        &report,
        args.check,
        (args.quiet, args.verbose),
        color,
    );
    result
}

/// The least severe diagnostic `-q` or `-v` lets through.
fn floor(quiet: bool, verbose: bool) -> Severity {
    if quiet {
        Severity::Error
    } else if verbose {
        Severity::Note
    } else {
        Severity::Warning
    }
}

/// Prints a build's diagnostics on stderr as text and, under `-v` (the
/// second of `quiet_verbose`), what it did: for `build` and each of
/// `serve`'s builds.
pub(super) fn print_report(
    config: &Config,
    report: &Report,
    check: bool,
    (quiet, verbose): (bool, bool),
    color: ColorChoice,
) {
    super::print_diagnostics(
        &report.diagnostics,
        floor(quiet, verbose),
        Look::stderr(color),
    );
    if verbose {
        print_verbose(report, config, check);
    }
}

#[allow(clippy::print_stderr, reason = "the command line prints")]
fn print_verbose(report: &Report, config: &Config, check: bool) {
    for (path, written) in &report.files {
        let what = match (written, check) {
            (_, true) => "up to date",
            (Written::Replaced, false) => "wrote",
            (Written::Unchanged, false) => "unchanged",
            (Written::Removed, false) => "removed",
        };
        eprintln!("feedpub: {what} `{}`", diagnostic::show(path));
    }
    if !report.cleaned.is_empty() {
        let names: Vec<String> = report
            .cleaned
            .iter()
            .map(|p| format!("`{}`", diagnostic::show(p)))
            .collect();
        eprintln!(
            "feedpub: removed the old state files {} from the output folder; the state is kept in `{}` now",
            names.join(", "),
            diagnostic::show(&config.state)
        );
    }
    for ping in &report.pings {
        if let Outcome::Accepted { status, attempts } = ping.outcome {
            let retried = if attempts > 1 {
                format!(", at attempt {attempts}")
            } else {
                String::new()
            };
            eprintln!(
                "feedpub: pinged `{}` about `{}` ({status}{retried})",
                ping.hub, ping.topic.url
            );
        }
    }
    eprintln!(
        "feedpub: {} entries published of {} valid articles; {} rejected, {} drafts",
        report.published, report.valid, report.rejected, report.drafts
    );
}

/// One diagnostic as a JSON line: the fields of `validate --format json`
/// (`file`, `severity`, `line`, `column`, `message`, in that order) with
/// `code` where `validate` has its `class`, after `type`.
#[derive(Debug, Serialize)]
struct DiagnosticLine<'a> {
    r#type: &'static str,
    file: std::borrow::Cow<'a, str>,
    severity: Severity,
    code: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

impl<'a> DiagnosticLine<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        Self {
            r#type: "diagnostic",
            file: d.path.to_string_lossy(),
            severity: d.severity,
            code: d.code,
            line: d.line,
            column: d.column,
            message: &d.message,
        }
    }
}

/// An error that stopped the run, as a JSON line.
#[derive(Debug, Serialize)]
struct ErrorLine {
    r#type: &'static str,
    message: String,
    exit_code: u8,
}

impl ErrorLine {
    fn new(e: &Error) -> Self {
        Self {
            r#type: "error",
            message: e.to_string(),
            exit_code: e.exit_code(),
        }
    }
}

/// The closing line of `build --format json`.
#[derive(Debug, Serialize)]
struct Summary {
    r#type: &'static str,
    /// `--check`: nothing was written.
    check: bool,
    files: Files,
    articles: Articles,
    /// Diagnostics found, by severity, whether shown or not (notes are
    /// only found under `-v`).
    diagnostics: Counts,
    /// `null` when not pinging.
    pings: Option<Pings>,
    exit_code: u8,
}

#[derive(Debug, Default, Serialize)]
struct Files {
    /// Feed files whose bytes changed.
    written: usize,
    /// Feed files already holding the right bytes.
    unchanged: usize,
    /// Feed files removed under `--prune`.
    pruned: usize,
    /// Feed files no longer written and kept (without `--prune`).
    stale: usize,
    /// Under `--check`: feed files a build would change.
    out_of_date: usize,
}

#[derive(Debug, Serialize)]
struct Articles {
    published: usize,
    valid: usize,
    rejected: usize,
    drafts: usize,
}

#[derive(Debug, Default, Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(Debug, Default, Serialize)]
struct Pings {
    accepted: usize,
    failed: usize,
}

fn summary(report: &Report, result: &Result<(), Error>, mode: BuildMode, pinging: bool) -> Summary {
    let mut files = Files::default();
    for (_, written) in &report.files {
        match (written, mode.check) {
            (_, true) | (Written::Unchanged, false) => files.unchanged += 1,
            (Written::Replaced, false) => files.written += 1,
            (Written::Removed, false) => files.pruned += 1,
        }
    }
    let mut counts = Counts::default();
    for d in &report.diagnostics {
        match d.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Note => counts.notes += 1,
        }
        if d.code == STALE_FEED {
            files.stale += 1;
        }
    }
    if let Err(Error::Stale { paths }) = result {
        files.out_of_date = paths.len();
        files.unchanged = files.unchanged.saturating_sub(paths.len());
    }
    let pings = pinging.then(|| {
        let accepted = report
            .pings
            .iter()
            .filter(|p| matches!(p.outcome, Outcome::Accepted { .. }))
            .count();
        Pings {
            accepted,
            failed: report.pings.len() - accepted,
        }
    });
    Summary {
        r#type: "summary",
        check: mode.check,
        files,
        articles: Articles {
            published: report.published,
            valid: report.valid,
            rejected: report.rejected,
            drafts: report.drafts,
        },
        diagnostics: counts,
        pings,
        exit_code: result.as_ref().err().map_or(0, Error::exit_code),
    }
}

/// Writes the diagnostics at or above `floor`, the error that stopped the
/// run if any, and the summary, one JSON object a line.
fn write_json(
    report: &Report,
    result: &Result<(), Error>,
    mode: BuildMode,
    floor: Severity,
    pinging: bool,
) -> Result<(), Error> {
    for d in report.diagnostics.iter().filter(|d| d.severity >= floor) {
        if !print_json(&DiagnosticLine::new(d))? {
            return Ok(());
        }
    }
    if let Err(e) = result
        && !print_json(&ErrorLine::new(e))?
    {
        return Ok(());
    }
    print_json(&summary(report, result, mode, pinging)).map(drop)
}

/// Prints one JSON line on stdout: `Ok(false)` when the reader has gone.
fn print_json(value: &impl Serialize) -> Result<bool, Error> {
    let line = serde_json::to_string(value).map_err(|e| Error::Write {
        path: Path::new("<stdout>").to_path_buf(),
        source: e.into(),
    })?;
    stdout_ok(writeln!(std::io::stdout().lock(), "{line}"))
}
