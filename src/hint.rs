//! "Did you mean …?": the known name closest to a misspelled one, for the
//! hints that errors carry (keys of `book.toml`, anchors, chapter files).

/// The candidate closest to `written`, if one is close enough to be what
/// the author meant: a few edits away (`titel` → `title`, `imges` →
/// `images`) or, from three characters on, a prefix of it (`lang` →
/// `language`). Ties go to the first candidate.
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = written.chars().count();
    candidates
        .into_iter()
        .map(|name| (strsim::damerau_levenshtein(written, name), name))
        .filter(|&(distance, name)| {
            (distance <= 2 && distance < name.chars().count().min(length))
                || (length >= 3 && name.starts_with(written))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn close_names_and_prefixes_are_suggested_far_ones_not() {
        let names = ["title", "authors", "language", "images"];
        assert_eq!(closest("titel", names), Some("title"));
        assert_eq!(closest("imges", names), Some("images"));
        assert_eq!(closest("lang", names), Some("language"));
        assert_eq!(closest("colour", names), None);
        assert_eq!(closest("a", names), None, "one letter is no evidence");
        assert_eq!(closest("x", []), None);
    }
}
