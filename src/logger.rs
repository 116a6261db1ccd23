//! A minimal `log` backend: messages for people, on stderr; with
//! `--message-format json`, warnings as JSON objects like every problem.

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::sync::atomic::{AtomicBool, Ordering};

struct StderrLogger;

/// Whether warnings are printed as JSON.
static JSON: AtomicBool = AtomicBool::new(false);

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        // usvg and svg2pdf report what they skip in an SVG (an ellipse
        // without radius) without naming the file, as browsers skip it
        // silently: shown with `-v` only.
        let level = if from_svg_crates(record.target()) {
            Level::Debug
        } else {
            record.level()
        };
        if level > log::max_level() {
            return;
        }
        let line = match level {
            Level::Warn | Level::Error if JSON.load(Ordering::Relaxed) => {
                let level = if level == Level::Warn {
                    "warning"
                } else {
                    "error"
                };
                let message = record.args().to_string();
                serde_json::json!({ "level": level, "message": message }).to_string()
            }
            Level::Info => record.args().to_string(),
            Level::Warn => format!("warning: {}", record.args()),
            Level::Error => format!("error: {}", record.args()),
            Level::Debug | Level::Trace => format!("[{}] {}", record.target(), record.args()),
        };
        // A progress bar on screen is lifted for the line, not drawn over it.
        crate::progress::suspend(|| eprintln!("{line}"));
    }

    fn flush(&self) {}
}

/// Whether a log target is one of the SVG crates'.
fn from_svg_crates(target: &str) -> bool {
    ["usvg", "svg2pdf", "resvg", "fontdb"]
        .iter()
        .any(|name| target == *name || target.starts_with(&format!("{name}::")))
}

/// Sends log records up to `level` to stderr, warnings and errors as JSON
/// objects when `json` is set.
pub fn init(level: LevelFilter, json: bool) {
    JSON.store(json, Ordering::Relaxed);
    if log::set_logger(&StderrLogger).is_ok() {
        log::set_max_level(level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_svg_crates_are_quietened() {
        assert!(from_svg_crates("usvg::parser::shapes") && from_svg_crates("svg2pdf"));
        assert!(!from_svg_crates("quire::layout") && !from_svg_crates("usvgx"));
    }
}
