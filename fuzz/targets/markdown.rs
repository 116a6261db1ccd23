//! Fuzz target `markdown`: any UTF-8 text as one chapter, through quire's Markdown parser
//! (`entry::markdown`). A panic, an abort or a hang is a bug.

mod entry;

fn main() {
    afl::fuzz!(|data: &[u8]| entry::markdown(data));
}
