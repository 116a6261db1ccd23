//! Fuzz target `manuscript`: `book.toml`, a NUL byte and a chapter, as a manuscript folder loaded and built as an EPUB
//! (`entry::manuscript`). A panic, an abort or a hang is a bug.

mod entry;

fn main() {
    afl::fuzz!(|data: &[u8]| entry::manuscript(data));
}
