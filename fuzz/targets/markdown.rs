//! Fuzz target: any UTF-8 text as one chapter, through quire's Markdown
//! parser. Errors are expected; a panic, an abort or a hang is a bug.

use quire::parse::{parse, Context};
use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    // Two files the chapter may link to: itself and one other part.
    let files: BTreeMap<String, String> = [
        ("ch.md".to_string(), "ch".to_string()),
        ("other.md".to_string(), "other".to_string()),
    ]
    .into();
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let cx = Context {
            file: "ch.md",
            display_path: Path::new("ch.md"),
            chapter_id: "ch",
            files: &files,
            requires_title: data.first() == Some(&b'#'),
        };
        let _ = parse(text, cx);
    });
}
