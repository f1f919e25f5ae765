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
    let bar =
        ProgressBar::with_draw_target(Some(progress.total() as u64), ProgressDrawTarget::stderr());
    // The template is fixed and known good; were it not, the default
    // style is as useful.
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} {pos}/{len} [{wide_bar}] {rate} {elapsed}")
    {
        let style = style.progress_chars("=> ").with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            },
        );
        bar.set_style(style);
    }
    loop {
        let (read, total) = (progress.read(), progress.total());
        bar.set_length(total as u64);
        bar.set_position(read as u64);
        bar.set_message(if read < total || total == 0 {
            "reading articles"
        } else {
            "writing feeds"
        });
        bar.tick();
        if finished.recv_timeout(TICK) != Err(mpsc::RecvTimeoutError::Timeout) {
            break;
        }
    }
    bar.finish_and_clear();
}
