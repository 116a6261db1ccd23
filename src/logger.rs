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
        match record.level() {
            Level::Warn | Level::Error if JSON.load(Ordering::Relaxed) => {
                let level = if record.level() == Level::Warn {
                    "warning"
                } else {
                    "error"
                };
                let message = record.args().to_string();
                eprintln!(
                    "{}",
                    serde_json::json!({ "level": level, "message": message })
                );
            }
            Level::Info => eprintln!("{}", record.args()),
            Level::Warn => eprintln!("warning: {}", record.args()),
            Level::Error => eprintln!("error: {}", record.args()),
            Level::Debug | Level::Trace => eprintln!("[{}] {}", record.target(), record.args()),
        }
    }

    fn flush(&self) {}
}

/// Sends log records up to `level` to stderr, warnings and errors as JSON
/// objects when `json` is set.
pub fn init(level: LevelFilter, json: bool) {
    JSON.store(json, Ordering::Relaxed);
    if log::set_logger(&StderrLogger).is_ok() {
        log::set_max_level(level);
    }
}
