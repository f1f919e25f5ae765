//! `feedpub init`: the flags, checked as the config checks its keys, and
//! the report of what was written and kept.

use std::path::PathBuf;

use clap::Args;

use crate::config;
use crate::diagnostic;
use crate::error::Error;
use crate::scaffold::{self, Made, Outcome, Settings};

/// `feedpub init --help`'s closing words.
pub(super) const EXIT_CODES: &str = "\
Exit codes:
  0  success, also when existing files were kept (each is reported)
  2  a bad flag value (nothing is written), or an I/O error";

/// `feedpub init`'s arguments.
#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The site's folder, made when missing [default: the current folder].
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The site's URL, the base of every link [default: a placeholder,
    /// `https://example.com/`, to change in feedpub.toml].
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The feeds' title [default: the host of the base URL].
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// IANA time zone of timestamps that name none [default: UTC].
    #[arg(long, value_name = "TZ")]
    timezone: Option<String>,
    /// Print errors only.
    #[arg(short, long)]
    quiet: bool,
}

/// The flags as checked settings: each value as `feedpub.toml` would
/// check it, the error naming the flag.
fn settings(args: &InitArgs) -> Result<Settings, Error> {
    let flag = |flag: &'static str| move |message: String| Error::Flag { flag, message };
    let base_url = args
        .base_url
        .as_deref()
        .map(config::site_url)
        .transpose()
        .map_err(flag("--base-url"))?;
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => {
            return Err(flag("--title")(
                "is empty; expected the site's name".to_owned(),
            ));
        }
        title => title.map(str::to_owned),
    };
    let timezone = args
        .timezone
        .as_deref()
        .map(config::time_zone)
        .transpose()
        .map_err(flag("--timezone"))?;
    Ok(Settings {
        base_url,
        title,
        timezone,
    })
}

/// Runs `feedpub init`: every flag is checked before anything is written.
pub(super) fn run(args: InitArgs) -> Result<(), Error> {
    let settings = settings(&args)?;
    let dir = args.dir.clone().unwrap_or_default();
    let made = scaffold::init(&dir, &settings)?;
    if !args.quiet {
        report(&made, &settings, &dir);
    }
    Ok(())
}

fn report(made: &[Made], settings: &Settings, dir: &std::path::Path) {
    for m in made {
        let path = diagnostic::show(&m.path);
        match m.outcome {
            Outcome::Written => eprintln!("feedpub: wrote `{path}`"),
            Outcome::Kept => {
                eprintln!("feedpub: kept `{path}`: it exists, and init never overwrites");
                if m.path.ends_with(".gitignore") && !scaffold::ignores_state(&m.path) {
                    eprintln!(
                        "feedpub: note: `{path}` does not leave out `{}/`, feedpub's state folder; add that line to it",
                        scaffold::STATE_DIR
                    );
                }
            }
            Outcome::Skipped => eprintln!(
                "feedpub: left out the sample `{path}`: `{}` already holds files, and it would be published with them",
                diagnostic::show(&dir.join(scaffold::ARTICLES_DIR))
            ),
        }
    }
    let config_written = made.first().is_some_and(|m| m.outcome == Outcome::Written);
    if config_written && settings.base_url.is_none() {
        eprintln!(
            "feedpub: note: no --base-url, so `base_url` is `{}`; change it in feedpub.toml before publishing",
            scaffold::PLACEHOLDER_BASE_URL
        );
    }
}
