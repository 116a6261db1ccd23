//! What a character gives an id: its transliteration into ASCII
//! (`deunicode`'s) as lower-case letters, digits and hyphens.
//!
//! `build.rs` stores the transliterations in deflated blocks of code points,
//! and a block is inflated the first time an id needs one of its characters:
//! a book in a European script inflates the first block only (U+0000 to
//! U+0FFF), and the binary does not hold `deunicode`'s tables whole (0.48 MB).

use std::io::Read;
use std::sync::OnceLock;

/// The block size in code points and each block deflated, as `build.rs`
/// wrote them: a block is its characters' letters, one line each.
static BLOCKS: (u32, &[&[u8]]) = include!(concat!(env!("OUT_DIR"), "/ascii.rs"));

/// The lines of the block at `index`, inflated the first time they are
/// asked for (none if `build.rs` stored no such block).
fn block(index: usize) -> &'static [&'static str] {
    static INFLATED: OnceLock<Vec<OnceLock<Vec<&'static str>>>> = OnceLock::new();
    let inflated = INFLATED.get_or_init(|| BLOCKS.1.iter().map(|_| OnceLock::new()).collect());
    let (Some(lines), Some(deflated)) = (inflated.get(index), BLOCKS.1.get(index)) else {
        return &[];
    };
    lines.get_or_init(|| {
        let mut text = String::new();
        // Stored by build.rs, so it inflates; if it did not, no letters.
        if flate2::read::DeflateDecoder::new(*deflated)
            .read_to_string(&mut text)
            .is_err()
        {
            return Vec::new();
        }
        // Each block is inflated once per process, and there are a few dozen.
        Box::leak(text.into_boxed_str()).split('\n').collect()
    })
}

/// What `c` gives an id: the letters and digits of its transliteration in
/// lower case, each run of spaces and `-_.:/` in it one hyphen, nothing for
/// the rest (`é` → `e`, `Ω` → `o`, `北` → `bei-`, `…` → `...` → `-`; an
/// unknown character, nothing).
pub fn letters(c: char) -> &'static str {
    let (size, _) = BLOCKS;
    let code = u32::from(c);
    let index = usize::try_from(code / size).unwrap_or(usize::MAX);
    let line = usize::try_from(code % size).unwrap_or(usize::MAX);
    block(index).get(line).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(letters('é'), "e");
        assert_eq!(letters('Æ'), "ae");
        assert_eq!(letters('北'), "bei-");
        assert_eq!(letters('…'), "-");
        assert_eq!(letters('\u{10FFFF}'), "");
    }
}
