//! What each fuzz target does with one input, shared by the targets and by
//! `tests/fuzz_regressions.rs` (which includes this file), so that a saved
//! crash is replayed exactly as it was found. Errors are the expected result
//! of most inputs; only a panic, an abort or a hang is a bug.
// Each target binary calls one of these; the replay test calls them all.
#![allow(dead_code)]

use quire::config::BookConfig;
use quire::parse::{parse, Context};
use std::path::Path;

/// The `book.toml` used by [`manuscript`] when its input holds no NUL byte.
const DEFAULT_BOOK_TOML: &[u8] = b"title = \"Fuzz\"\nauthors = [\"A. Writer\"]\n\
language = \"en\"\nidentifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\n\
date = \"2024-01-01\"\n";

/// `markdown`: UTF-8 text as one chapter, `ch.md` (the parser knows no
/// other file: links are resolved by a later pass, which the `manuscript`
/// target runs); it must open with its title when it starts with `#`.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cx = Context {
        file: "ch.md",
        display_path: Path::new("ch.md"),
        requires_title: data.first() == Some(&b'#'),
        strict_html: data.get(1) == Some(&b'!'),
        math: true,
        // French and German quoting and spacing rewrite the text events.
        punctuation: quire::l10n::punctuation::for_language(match data.get(2).map(|b| b % 3) {
            Some(1) => "fr",
            Some(2) => "de",
            _ => "en",
        }),
    };
    let _ = parse(text, cx);
}

/// `book_toml`: UTF-8 text as `book.toml`, parsed and checked.
pub fn book_toml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = BookConfig::parse(text, Path::new("book.toml"));
    }
}

/// `manuscript`: `book.toml`, a NUL byte, then the chapter `01-chapter.md`
/// (without a NUL, all of it is the chapter and [`DEFAULT_BOOK_TOML`] is
/// used), written to a fresh temporary folder, loaded, and built as an EPUB
/// when it loads.
pub fn manuscript(data: &[u8]) {
    let (book_toml, chapter) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (DEFAULT_BOOK_TOML, data),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("book.toml"), book_toml).expect("write book.toml");
    std::fs::write(dir.path().join("01-chapter.md"), chapter).expect("write the chapter");
    if let Ok(loaded) = quire::load(dir.path()) {
        let _ = quire::epub::write(&loaded.book);
    }
}
