//! Fuzz target: any UTF-8 text as `book.toml`, through quire's parser and
//! validation of the book's metadata. Errors are expected; a panic is a bug.

use quire::config::BookConfig;
use std::path::Path;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            let _ = BookConfig::parse(text, Path::new("book.toml"));
        }
    });
}
