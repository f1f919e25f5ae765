//! The `feedpub` command; all the work is in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    feedpub::cli::run(std::env::args_os())
}
