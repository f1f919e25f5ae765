//! `feedpub serve`: build, serve the output folder, and rebuild on every
//! change to the articles or the config, printing what each build found.

use std::path::PathBuf;
use std::sync::mpsc;

use clap::Args;

use super::build_cmd::print_report;
use super::look::ColorChoice;
use super::{Common, ContentArg, overrides};
use crate::build::{self, BuildMode};
use crate::config::{Config, ContentMode, DEFAULT_FILE, Overrides};
use crate::diagnostic;
use crate::error::Error;
use crate::publish::Written;
use crate::serve::{self, Server, watch};

pub(super) const EXIT_CODES: &str = "\
Exit codes:
  0  stopped with Ctrl-C
  2  the server could not start: bad arguments or config, the address
     taken, or the articles folder not watchable

A bad article never stops the server: its diagnostic is printed, and the
last good feeds stay served.";

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Address to listen on: an IP address, or a name of this machine
    /// such as `localhost`. An address beyond loopback (`0.0.0.0`) lets
    /// other machines fetch the feeds, and must be written out.
    #[arg(long, value_name = "ADDR", default_value = serve::DEFAULT_BIND)]
    bind: String,
    /// Port to listen on; 0 picks a free one (the URL is printed).
    #[arg(long, value_name = "N", default_value_t = serve::DEFAULT_PORT)]
    port: u16,
    /// Folder of articles [default: articles].
    #[arg(long, value_name = "DIR")]
    articles: Option<PathBuf>,
    /// Folder the feeds are written to and served from [default: feeds].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Folder of the build's state [default: .feedpub beside the config].
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// How many entries each feed holds, newest first; 0 for all [default: 50].
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Full HTML content, or summaries only [default: full].
    #[arg(long, value_name = "MODE", value_enum)]
    content: Option<ContentArg>,
    /// Print errors and the URL only.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print notes, and what each build wrote.
    #[arg(short, long)]
    verbose: bool,
}

/// What wakes the main thread.
enum Signal {
    Watch(watch::Event),
    Stop,
}

pub(super) fn run(args: ServeArgs, color: ColorChoice) -> Result<(), Error> {
    let config_file = args.common.config.clone().or_else(|| {
        let default = PathBuf::from(DEFAULT_FILE);
        default.is_file().then_some(default)
    });
    let loading = Overrides {
        articles: args.articles.clone(),
        out: args.out.clone(),
        state_dir: args.state_dir.clone(),
        limit: args.limit,
        content: args.content.map(ContentMode::from),
        ..overrides(Common {
            config: args.common.config.clone(),
            timezone: args.common.timezone.clone(),
            base_url: args.common.base_url.clone(),
        })
    };
    let config = Config::load(loading.clone())?;
    let address = serve::address(&args.bind, args.port).map_err(|message| Error::Flag {
        flag: "--bind",
        message,
    })?;
    // Listening before the first build: a port already taken fails at
    // once, and a reader that connects early waits for the feeds.
    let server = Server::bind(address.socket, config.out.clone())?;
    let local = server.local_addr()?;
    let targets = watch::Targets::new(
        &config.articles,
        config_file.as_deref(),
        &[&config.out, &config.state],
    );

    let mode = BuildMode {
        notes: args.verbose,
        ..BuildMode::default()
    };
    let (report, result) = build::build(&config, mode);
    print_report(&config, &report, false, (args.quiet, args.verbose), color);
    if let Err(e) = result {
        eprintln!("feedpub: error: {e}");
    }

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    // Without a handler, Ctrl-C still stops the server, only with the
    // signal's exit status.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    });
    let _watch = watch::watch(targets, move |event| {
        let _ = tx.send(Signal::Watch(event));
    })?;
    server.start()?;
    if address.exposed {
        eprintln!(
            "feedpub: warning: listening on `{}`, which other machines can reach; anyone who can reach it can read the feeds",
            address.socket.ip()
        );
    }
    eprintln!(
        "feedpub: serving `{}` at http://{local}/",
        diagnostic::show(&config.out)
    );

    while let Ok(signal) = rx.recv() {
        match signal {
            Signal::Stop => break,
            Signal::Watch(watch::Event::Failed(message)) => {
                eprintln!("feedpub: warning: watching for changes: {message}");
            }
            Signal::Watch(watch::Event::Changed) => {
                // Changes that came in during the last build are all in
                // the files now: one build covers them.
                let mut stopped = false;
                while let Ok(queued) = rx.try_recv() {
                    stopped |= matches!(queued, Signal::Stop);
                }
                if stopped {
                    break;
                }
                rebuild(&config, &loading, (mode, color), &args);
            }
        }
    }
    Ok(())
}

/// Builds again with the config read anew, keeping the folders the
/// server serves and watches.
fn rebuild(
    served: &Config,
    loading: &Overrides,
    (mode, color): (BuildMode, ColorChoice),
    args: &ServeArgs,
) {
    let mut config = match Config::load(loading.clone()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("feedpub: error: {e}");
            eprintln!("feedpub: the last good feeds are still served");
            return;
        }
    };
    if (&config.out, &config.articles, &config.state)
        != (&served.out, &served.articles, &served.state)
    {
        eprintln!(
            "feedpub: warning: the config names other folders now; still building `{}` into `{}` until `feedpub serve` is started again",
            diagnostic::show(&served.articles),
            diagnostic::show(&served.out)
        );
        config.out.clone_from(&served.out);
        config.articles.clone_from(&served.articles);
        config.state.clone_from(&served.state);
    }
    let (report, result) = build::build(&config, mode);
    print_report(&config, &report, false, (args.quiet, args.verbose), color);
    let changed = report
        .files
        .iter()
        .filter(|(_, w)| *w != Written::Unchanged)
        .count();
    if let Err(e) = result {
        eprintln!("feedpub: error: {e}");
    }
    if !args.quiet {
        let s = if changed == 1 { "" } else { "s" };
        eprintln!("feedpub: rebuilt: {changed} file{s} changed");
    }
}
