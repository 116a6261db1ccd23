//! Fuzz target `book_toml`: any UTF-8 text as `book.toml`, through quire's parser and checks
//! (`entry::book_toml`). A panic, an abort or a hang is a bug.

mod entry;

fn main() {
    afl::fuzz!(|data: &[u8]| entry::book_toml(data));
}
