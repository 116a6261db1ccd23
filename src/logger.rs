//! A minimal `log` backend: messages for people, on stderr.

use log::{Level, LevelFilter, Log, Metadata, Record};

struct StderrLogger;

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        match record.level() {
            Level::Info => eprintln!("{}", record.args()),
            Level::Warn => eprintln!("{}", record.args()),
            Level::Error => eprintln!("error: {}", record.args()),
            Level::Debug | Level::Trace => eprintln!("[{}] {}", record.target(), record.args()),
        }
    }

    fn flush(&self) {}
}

/// Sends log records up to `level` to stderr.
pub fn init(level: LevelFilter) {
    if log::set_logger(&StderrLogger).is_ok() {
        log::set_max_level(level);
    }
}
