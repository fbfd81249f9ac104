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

/// With `BROADSHEET_TIMINGS` set, says on stderr how long the step that
/// just ended took (since the last call, or the program's first): where a
/// build's time goes, without a profiler.
pub fn lap(step: &str) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    if std::env::var_os("BROADSHEET_TIMINGS").is_none() {
        return;
    }
    let now = Instant::now();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(then) = last.replace(now) {
        eprintln!(
            "broadsheet: timing: {step} {:.2} s",
            (now - then).as_secs_f64()
        );
    }
}
