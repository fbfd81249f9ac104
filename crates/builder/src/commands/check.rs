//! `broadsheet check DIR --host …`: a published folder measured against
//! the static hosts' limits (`hosts.rs`); `build --host` runs the same.

use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::cli::CheckArgs;
use crate::hosts::{self, Host};
use crate::report::{count, human_bytes};

pub fn run(args: CheckArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let hosts = if args.host.is_empty() {
        Host::value_variants().to_vec()
    } else {
        args.host
    };
    Ok(if check(&args.dir, &hosts)? {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Reports `dir`'s measurements and, for each host, whether it fits;
/// `false` when it goes over any host's limit.
pub fn check(dir: &Path, hosts: &[Host]) -> Result<bool, Box<dyn std::error::Error>> {
    let measured =
        hosts::measure(dir).map_err(|e| format!("cannot measure {}: {e}", dir.display()))?;
    let largest = measured
        .largest
        .as_ref()
        .map(|(path, size)| format!(", the largest {path} ({})", human_bytes(*size)))
        .unwrap_or_default();
    let fullest = measured
        .fullest
        .as_ref()
        .map(|(folder, n)| format!(", at most {} in one folder ({folder})", count(*n, "file")))
        .unwrap_or_default();
    eprintln!(
        "broadsheet: {}: {}, {}{largest}{fullest}",
        dir.display(),
        human_bytes(measured.bytes),
        count(measured.files, "file"),
    );
    let mut fits = true;
    for &host in hosts {
        let over = hosts::over(host, &measured);
        if over.is_empty() {
            eprintln!("broadsheet: fits {}", host.name());
        }
        for problem in over {
            fits = false;
            eprintln!("broadsheet: error: does not fit {}: {problem}", host.name());
        }
    }
    Ok(fits)
}
