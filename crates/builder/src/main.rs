//! The `broadsheet` command: parse arguments, run one subcommand, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = broadsheet_builder::cli::Cli::parse();
    match broadsheet_builder::run(cli) {
        Ok(code) => code,
        // `broadsheet ls | head` closing the pipe early is not a failure.
        Err(err) if is_broken_pipe(err.as_ref()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("broadsheet: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    let kind = err
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
        .or_else(|| err.downcast_ref::<serde_json::Error>()?.io_error_kind());
    kind == Some(std::io::ErrorKind::BrokenPipe)
}
