//! The command line: parsing arguments, running, printing, exit codes.
//! This is the only module that prints.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "cli.rs is the one module that prints"
)]

mod build_cmd;
mod docs;
mod init;
pub mod inspect;
pub mod links;
mod look;
mod progress;
mod serve;
mod snippet;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build;
use crate::config::{Config, ContentMode, Overrides};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::Error;
use crate::validate;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  the input has problems: a bad article (the others are still published,
     unless --strict), no publishable article, or with --check a stale feed
  2  the run could not happen: bad arguments or config, or an I/O error";

/// Builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds from a folder of articles.
#[derive(Debug, Parser)]
#[command(name = "feedpub", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour diagnostics: `auto` (on a terminal, unless NO_COLOR is set), `always` or `never`; a terminal shows the offending line with a caret under the column either way.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = look::ColorChoice::Auto)]
    color: look::ColorChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read the articles and write the feed set: feeds/rss.xml, atom.xml and feed.json, and the section, tag and configured feeds.
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Show the normalised metadata of articles.
    #[command(after_help = EXIT_CODES)]
    Inspect(InspectArgs),
    /// Check RSS 2.0, Atom 1.0 and JSON Feed files, offline.
    #[command(after_help = VALIDATE_EXIT_CODES)]
    Validate(ValidateArgs),
    /// Print the <link rel="alternate"> tags a page needs for feed autodiscovery.
    #[command(after_help = EXIT_CODES)]
    Links(LinksArgs),
    /// Start a site: a commented feedpub.toml, a sample article in each format and a .gitignore; an existing file is never overwritten.
    #[command(after_help = init::EXIT_CODES)]
    Init(init::InitArgs),
    /// Build, then serve the output folder over HTTP and rebuild when an article or the config changes.
    #[command(after_help = serve::EXIT_CODES)]
    Serve(serve::ServeArgs),
    /// Print the completion script for a shell.
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
struct LinksArgs {
    #[command(flatten)]
    common: Common,
    /// Folder of articles [default: articles].
    #[arg(long, value_name = "DIR")]
    articles: Option<PathBuf>,
    /// The feed, by its folder under the output folder (`tags/climate/`);
    /// the main feed when not given.
    #[arg(long, value_name = "PATH", conflicts_with = "all")]
    feed: Option<String>,
    /// Every feed of the set.
    #[arg(long)]
    all: bool,
}

const VALIDATE_EXIT_CODES: &str = "\
Exit codes:
  0  no errors (warnings allowed, unless --strict)
  1  a file has errors (or, with --strict, warnings)
  2  a file could not be read, or bad arguments";

/// How `validate` and `build` write their findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// `file:line:col: severity[Class]: message`.
    Text,
    /// One JSON object per line.
    Json,
}

/// `--content`: what each entry's content holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ContentArg {
    /// The full article as HTML.
    Full,
    /// Only the summary; no content element.
    Summary,
}

impl From<ContentArg> for ContentMode {
    fn from(arg: ContentArg) -> Self {
        match arg {
            ContentArg::Full => Self::Full,
            ContentArg::Summary => Self::Summary,
        }
    }
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// `text` (`file:line:col: severity[Class]: message`) or `json` (one object per line).
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// The URL the feed is published at; its `rel="self"` link must name it.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Feed files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct Common {
    /// Config file [default: ./feedpub.toml when present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// IANA time zone of timestamps that name none [default: the
    /// config's `timezone`, else UTC].
    #[arg(long, value_name = "TZ")]
    timezone: Option<String>,
    /// The site's URL, the base of every link.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Folder of articles [default: articles].
    #[arg(long, value_name = "DIR")]
    articles: Option<PathBuf>,
    /// Folder the feeds are written to [default: feeds].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Folder of the build's state (rank cache, archive pages'
    /// fingerprints, lock), one subfolder per output folder [default:
    /// .feedpub beside the config].
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// How many entries each feed holds, newest first; 0 for all [default: 50].
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Full HTML content, or summaries only [default: full].
    #[arg(long, value_name = "MODE", value_enum)]
    content: Option<ContentArg>,
    /// Write nothing; exit 1 when a feed would change or an article is bad.
    #[arg(long)]
    check: bool,
    /// Treat every diagnostic, warnings too, as fatal: write nothing.
    #[arg(long)]
    strict: bool,
    /// Read every article, ignoring and not writing the rank cache.
    #[arg(long)]
    no_cache: bool,
    /// Remove feed files this build no longer writes (a tag or section
    /// with no article left, a feed taken out of the config); without it
    /// each is reported and kept, since its subscribers still fetch it.
    #[arg(long)]
    prune: bool,
    /// Tell the configured WebSub hubs about every feed file this build
    /// changed (also `ping = true` in the config); never with --check.
    #[arg(long)]
    ping: bool,
    /// `text` (diagnostics on stderr) or `json` (one object per diagnostic, then a summary, on stdout).
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Print errors only.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print notes (captions and boilerplate left out of articles) and say what was written and which hubs were pinged.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Debug, Args)]
struct InspectArgs {
    #[command(flatten)]
    common: Common,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
    /// Article files or folders.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Runs feedpub with these arguments (the first is the program name) and
/// returns the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    ignore_file_size_signal();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout, usage errors to stderr.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build(args) => build_cmd::run(args, cli.color),
        Command::Inspect(args) => inspect_cmd(args, cli.color),
        Command::Validate(args) => validate_cmd(args, cli.color),
        Command::Links(args) => links_cmd(args),
        Command::Init(args) => init::run(args),
        Command::Serve(args) => serve::run(args, cli.color),
        Command::Completions(args) => {
            docs::completions(Cli::command(), args.shell, &mut std::io::stdout().lock());
            Ok(())
        }
        Command::Man => {
            let written = docs::man(Cli::command(), &mut std::io::stdout().lock());
            stdout_ok(written).map(drop)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("feedpub: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn overrides(common: Common) -> Overrides {
    Overrides {
        config: common.config,
        timezone: common.timezone,
        base_url: common.base_url,
        ..Overrides::default()
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], floor: Severity, look: look::Look) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics.iter().filter(|d| d.severity >= floor) {
        let _ = look::write(&mut err, &look::Parts::from(d), look);
    }
}

fn links_cmd(args: LinksArgs) -> Result<(), Error> {
    let config = Config::load(Overrides {
        articles: args.articles,
        ..overrides(args.common)
    })?;
    let feeds = links::select(build::feed_set(&config)?, args.feed.as_deref(), args.all)?;
    let mut out = std::io::stdout().lock();
    for feed in &feeds {
        for line in links::tags(feed) {
            if !stdout_ok(writeln!(out, "{line}"))? {
                return Ok(());
            }
        }
    }
    Ok(())
}

fn inspect_cmd(args: InspectArgs, color: look::ColorChoice) -> Result<(), Error> {
    let config = Config::load(Overrides {
        base_url_optional: true,
        ..overrides(args.common)
    })?;
    let inspection = inspect::inspect(&args.paths, &config)?;
    let look = look::Look::stderr(color);
    print_diagnostics(&inspection.diagnostics, Severity::Warning, look);
    let mut problems = inspection
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    let mut out = std::io::stdout().lock();
    for record in &inspection.records {
        print_diagnostics(&record.diagnostics, Severity::Note, look);
        problems += usize::from(record.status == "error");
        let written = if args.json {
            serde_json::to_string(record)
                .map_err(std::io::Error::from)
                .and_then(|line| writeln!(out, "{line}"))
        } else {
            write_human(&mut out, record)
        };
        if !stdout_ok(written)? {
            return Ok(());
        }
    }
    if problems > 0 {
        return Err(Error::Invalid { count: problems });
    }
    Ok(())
}

/// The outcome of writing a report line: `Ok(false)` when the reader has
/// gone (a closed pipe, as with `| head`), which is no error worth a
/// message; an error for any other failure.
fn stdout_ok(written: std::io::Result<()>) -> Result<bool, Error> {
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(source) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            source,
        }),
    }
}

fn write_human(out: &mut impl Write, r: &inspect::Record) -> std::io::Result<()> {
    writeln!(out, "{}: {}", diagnostic::show(&r.path), r.status)?;
    let fields = [
        ("title", r.title.as_deref()),
        ("summary", r.summary.as_deref()),
        ("published", r.published.as_deref()),
        ("updated", r.updated.as_deref()),
        ("id", r.id.as_deref()),
        ("author", r.author.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            writeln!(out, "  {name:<9} {value}")?;
        }
        if name == "id" {
            write_link(out, r)?;
        }
    }
    if let Some(section) = &r.section {
        writeln!(out, "  {:<9} {section}", "section")?;
    }
    if !r.tags.is_empty() {
        writeln!(out, "  {:<9} {}", "tags", r.tags.join(", "))?;
    }
    if let Some(image) = &r.image {
        let mut about: Vec<String> = image.mime_type.iter().cloned().collect();
        if let (Some(width), Some(height)) = (image.width, image.height) {
            about.push(format!("{width}x{height}"));
        }
        write!(out, "  {:<9} {}", "image", image.url)?;
        if !about.is_empty() {
            write!(out, " ({})", about.join(", "))?;
        }
        writeln!(out)?;
        if let Some(description) = &image.description {
            writeln!(out, "  {:<9} {description}", "caption")?;
        }
        if let Some(credit) = &image.credit {
            writeln!(out, "  {:<9} {credit}", "credit")?;
        }
    }
    if let Some(enclosure) = &r.enclosure {
        write!(
            out,
            "  {:<9} {} ({}",
            "enclosure", enclosure.url, enclosure.mime_type
        )?;
        if let Some(length) = enclosure.length {
            write!(out, ", {length} bytes")?;
        }
        writeln!(out, ")")?;
    }
    writeln!(out)
}

/// The `id` a missing `base_url` leaves out, and the entry's link.
fn write_link(out: &mut impl Write, r: &inspect::Record) -> std::io::Result<()> {
    if r.no_base_url && r.id.is_none() && r.status == "ok" {
        writeln!(
            out,
            "  {:<9} (no base_url: made from the site's host)",
            "id"
        )?;
    }
    match (&r.link, r.no_base_url) {
        (Some(link), false) => writeln!(out, "  {:<9} {link}", "link"),
        (Some(link), true) if link.starts_with('/') => {
            writeln!(out, "  {:<9} (no base_url: relative {link})", "link")
        }
        (Some(link), true) => writeln!(out, "  {:<9} {link}", "link"),
        (None, _) => Ok(()),
    }
}

fn validate_cmd(args: ValidateArgs, color: look::ColorChoice) -> Result<(), Error> {
    let look = look::Look::stdout(color);
    let options = validate::Options {
        url: args.url,
        own_output: false,
    };
    let mut out = std::io::stdout().lock();
    let mut failing = 0;
    for path in &args.files {
        let messages = validate::validate_file(path, &options).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if messages
            .iter()
            .any(|m| m.severity == Severity::Error || args.strict)
        {
            failing += 1;
        }
        for message in &messages {
            let line = if args.format == OutputFormat::Json {
                #[derive(serde::Serialize)]
                struct Line<'a> {
                    file: &'a std::path::Path,
                    #[serde(flatten)]
                    message: &'a validate::Message,
                }
                serde_json::to_string(&Line {
                    file: path,
                    message,
                })
                .unwrap_or_default()
            } else {
                let parts = look::Parts {
                    path,
                    line: Some(message.line),
                    column: Some(message.column),
                    severity: message.severity,
                    code: message.class.name(),
                    message: &message.message,
                };
                if !stdout_ok(look::write(&mut out, &parts, look))? {
                    return Ok(());
                }
                continue;
            };
            if !stdout_ok(writeln!(out, "{line}"))? {
                return Ok(());
            }
        }
    }
    if failing > 0 {
        return Err(Error::InvalidFeeds { count: failing });
    }
    Ok(())
}

/// A write past the file-size limit (`ulimit -f`) raises SIGXFSZ, which
/// kills the process without a word. Ignored, the write fails with EFBIG
/// instead, and the run ends with a clear error and the old feeds in place.
#[cfg(unix)]
fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread
    // starts has no preconditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}
