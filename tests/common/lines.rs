//! The lines a running `quire` prints (on stderr, say), read in the
//! background so that a test can wait for the one it expects.

// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// The lines of one stream, as they come.
pub struct Lines(Receiver<String>);

impl Lines {
    /// Starts reading `stream` line by line on a thread of its own.
    pub fn read(stream: impl Read + Send + 'static) -> Lines {
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Lines(lines)
    }

    /// Waits up to `patience` for each line until one starts with
    /// `prefix`; returns the lines read, that one last. Panics, showing
    /// them, when none comes.
    pub fn wait_for(&self, prefix: &str, patience: Duration) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.0.recv_timeout(patience) {
                Ok(line) => {
                    let done = line.starts_with(prefix);
                    seen.push(line);
                    if done {
                        return seen;
                    }
                }
                Err(_) => panic!("no `{prefix}` line; quire printed:\n{}", seen.join("\n")),
            }
        }
    }
}
