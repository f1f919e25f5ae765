//! The progress bar of a long build: on stderr, only when stderr is a
//! terminal and the run has lasted [`DELAY`] (or the milliseconds in
//! `FEEDPUB_PROGRESS_DELAY_MS`); cleared, line and all, before anything
//! else is printed.
//!
//! The build only counts (see [`crate::build::Progress`]); a thread here
//! wakes every [`TICK`] to copy the counts into the bar, so a run that
//! ends within the delay never draws anything and costs one sleeping
//! thread.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::build::Progress;

/// How long a run goes before the bar shows.
pub const DELAY: Duration = Duration::from_millis(500);

/// The environment variable that sets another delay, in milliseconds:
/// the tests use 0, so that whether the bar shows never depends on how
/// fast the machine builds.
pub const DELAY_VAR: &str = "FEEDPUB_PROGRESS_DELAY_MS";

/// The delay before the bar shows: [`DELAY_VAR`] when it holds a whole
/// number of milliseconds, else [`DELAY`].
fn delay() -> Duration {
    std::env::var(DELAY_VAR)
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// How often the bar takes the counts.
const TICK: Duration = Duration::from_millis(100);

/// Runs `work` with a progress bar reading `progress` when `shown`
/// (stderr is a terminal and `-q` was not given); the bar is gone, and
/// stderr's line clear, when this returns.
pub fn around<T>(shown: bool, progress: &Progress, work: impl FnOnce() -> T) -> T {
    if !shown {
        return work();
    }
    thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<()>();
        scope.spawn(move || show(progress, &finished));
        let result = work();
        // The thread sees the channel closed, clears the bar and ends;
        // the scope waits for it, so nothing else is printed meanwhile.
        drop(done);
        result
    })
}

fn show(progress: &Progress, finished: &mpsc::Receiver<()>) {
    if finished.recv_timeout(delay()) != Err(mpsc::RecvTimeoutError::Timeout) {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    // While the folder is listed there is nothing to count yet: a spinner
    // says so (a bar would read `0/0` at `NaN files/s`). The counts are
    // looked for every millisecond meanwhile, so that they are drawn as
    // soon as they are known, even in a run that then reads for only a
    // few milliseconds.
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_message("listing articles");
    let mut counting = false;
    loop {
        let (read, total) = (progress.read(), progress.total());
        if total > 0 && !counting {
            counting = true;
            bar.set_style(counting_style());
        }
        if counting {
            bar.set_length(total as u64);
            bar.set_position(read as u64);
            bar.set_message(if read < total {
                "reading articles"
            } else {
                "writing feeds"
            });
        }
        bar.tick();
        let wait = if counting { TICK } else { LISTING_TICK };
        if finished.recv_timeout(wait) != Err(mpsc::RecvTimeoutError::Timeout) {
            break;
        }
    }
    bar.finish_and_clear();
}

/// How often the counts are looked for while the folder is listed.
const LISTING_TICK: Duration = Duration::from_millis(1);

/// The bar of files read out of files listed, with the rate.
fn counting_style() -> ProgressStyle {
    // The template is fixed and known good; were it not, the default
    // style is as useful.
    let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} {pos}/{len} [{wide_bar}] {rate} {elapsed}")
    else {
        return ProgressStyle::default_bar();
    };
    style.progress_chars("=> ").with_key(
        "rate",
        |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} files/s", state.per_sec());
        },
    )
}
