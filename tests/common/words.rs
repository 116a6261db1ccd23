//! Text as a reader compares it, for the tests that read a PDF back.

/// Words as a reader compares them: lower case, no surrounding
/// punctuation, dashes and slashes as separators.
pub fn words(text: &str) -> Vec<String> {
    text.replace(['\u{a0}', '—', '–', '/'], " ")
        .replace('\u{2011}', "-")
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}
