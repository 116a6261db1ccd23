//! What one ASCII character of a transliteration gives an id. `slug` and
//! `build.rs` (which stores each character's, see `ascii.rs`) both read
//! it from here, so the rule is written once.

/// A letter or digit in lower case, a separator (white space or one of
/// `-_.:/`) a hyphen, anything else nothing.
pub fn id_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else if c.is_ascii_whitespace() || "-_.:/".contains(c) {
        Some('-')
    } else {
        None
    }
}
