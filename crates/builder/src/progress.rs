//! Progress bars for the long steps of a build: drawn only when stderr is a
//! terminal and the step is long enough to be worth watching.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Steps over fewer items than this finish before a bar would help.
const WORTH_A_BAR: usize = 2_000;

/// A bar over `len` items of `unit` (“files”, “articles”), labelled `step`.
pub fn bar(len: usize, step: &'static str, unit: &str) -> ProgressBar {
    let template = format!("{{msg}} {{wide_bar}} {{pos}}/{{len}} {unit}, {{eta}} left");
    let progress = ProgressBar::new(len as u64).with_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message(step);
    if len < WORTH_A_BAR {
        progress.set_draw_target(ProgressDrawTarget::hidden());
    }
    progress
}
