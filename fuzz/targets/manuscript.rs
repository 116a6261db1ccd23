//! Fuzz target: a whole manuscript folder, loaded and written as an EPUB.
//!
//! The input is `book.toml`, a NUL byte, then the one chapter
//! `01-chapter.md` (without a NUL, all of it is the chapter and a fixed
//! `book.toml` is used). Both are written to a fresh temporary folder,
//! loaded with `quire::load` and, when that succeeds, built with
//! `quire::epub::write`. Errors are expected; a panic is a bug.

const DEFAULT_BOOK_TOML: &[u8] = b"title = \"Fuzz\"\nauthors = [\"A. Writer\"]\n\
language = \"en\"\nidentifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\n\
date = \"2024-01-01\"\n";

fn main() {
    afl::fuzz!(|data: &[u8]| {
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
    });
}
