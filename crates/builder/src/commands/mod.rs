//! One module per subcommand, each with a single `run` entry point.

pub mod build;
pub mod check;
pub mod ls;
pub mod ls_files;
pub mod mirror;
pub mod pack;
pub mod search;
