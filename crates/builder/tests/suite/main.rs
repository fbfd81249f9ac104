//! The builder's integration tests, one binary (as mdBook does): the real
//! `broadsheet` binary on fixture folders, read back through
//! broadsheet-core's types (`bundle.rs`, `commands.rs`, `sources.rs`,
//! `site.rs`), every importer against reviewed output (`golden.rs`), and
//! mutated sources fed to every importer (`robustness.rs`).

mod bundle;
mod commands;
mod common;
mod golden;
mod incremental;
mod mirror;
mod robustness;
mod site;
mod sources;
