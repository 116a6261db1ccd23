//! Importers: books written for other tools, read into the same sources as
//! a quire manuscript ([`crate::manuscript::Manuscript`]).
//!
//! [`crate::manuscript::read_with`] recognises the project by its
//! configuration and hands it to its importer; what an importer produces is
//! parsed, checked and rendered like any quire manuscript, and nothing of the
//! other tool reaches the model or the back ends.
//!
//! - [`pandoc`]: a pandoc-style book, one Markdown file or a folder of them
//!   with YAML metadata.
//! - [`mdbook`]: an mdBook project (`book.toml` with a `[book]` table and
//!   `SRC/SUMMARY.md`), with [`summary`] (the reading order),
//!   [`directives`] (`{{#include}}` and its kin, hidden code lines) and
//!   [`links`] (`.html` links, links out of the book).

pub mod directives;
pub mod links;
pub mod listing;
pub mod mdbook;
pub mod pandoc;
pub mod summary;

/// The publication date of an imported book that gives none: the day of
/// `SOURCE_DATE_EPOCH` when the build sets it, else 1970-01-01; with the
/// words that say where it comes from, for the warning.
pub fn missing_date(options: &crate::BuildOptions) -> (String, &'static str) {
    match options.source_date_epoch {
        Some(epoch) => {
            let day = crate::model::date::DateTime::from_epoch(epoch);
            (
                format!("{:04}-{:02}-{:02}", day.year, day.month, day.day),
                "the day of SOURCE_DATE_EPOCH",
            )
        }
        None => (
            "1970-01-01".to_string(),
            "quire's default for a book without a date",
        ),
    }
}

/// Where a line comes from: an index into the importer's list of files and
/// the 1-based line there.
pub type Origin = (usize, usize);

/// A text being assembled from several files: its lines, each with where
/// it comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lines {
    /// The lines, without their line ends.
    pub lines: Vec<(String, Origin)>,
}

impl Lines {
    /// Where each line starts in [`Lines::text`], in bytes.
    pub fn starts(&self) -> Vec<usize> {
        self.lines
            .iter()
            .scan(0, |at, (line, _)| {
                let start = *at;
                *at += line.len() + 1;
                Some(start)
            })
            .collect()
    }

    /// The lines of `text`, each from the same line of the file `file`
    /// (an index into the importer's list of files).
    pub fn of(text: &str, file: usize) -> Lines {
        Lines {
            lines: text
                .lines()
                .enumerate()
                .map(|(i, l)| (l.to_string(), (file, i + 1)))
                .collect(),
        }
    }

    /// The text, each line ended by `\n`.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (line, _) in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Where line `line` (1-based) of [`Lines::text`] comes from.
    pub fn origin(&self, line: usize) -> Option<Origin> {
        self.lines.get(line.checked_sub(1)?).map(|(_, o)| *o)
    }

    /// Replaces the lines by those of `text`, which must have as many; the
    /// origins stay.
    pub fn set_text(&mut self, text: &str) {
        let mut new = text.split('\n');
        for (line, _) in &mut self.lines {
            *line = new.next().unwrap_or_default().to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        /// Whatever the text, the importer's readers and rewriters never
        /// panic, and the rewriters keep every line where it was.
        #[test]
        fn any_text_is_read_and_rewritten_without_panics(
            text in "[\\[\\]()<>#`{}\\\\:!*_ \n\r\tab.é-]{0,300}"
        ) {
            summary::read(&text);
            let mut lines = Lines::of(&text, 0);
            directives::drop_hidden_lines(&mut lines);
            let count = lines.lines.len();
            listing::rewrite(&mut lines, &crate::model::Labels::english());
            prop_assert_eq!(lines.lines.len(), count);
            links::heading_ids(&mut lines);
            prop_assert_eq!(lines.lines.len(), count);
            let files = BTreeSet::from(["src/a.md".to_string()]);
            for base in [None, Some("https://example.org/book/")] {
                let book = links::Book { files: &files, src: "src", base };
                let mut copy = lines.clone();
                links::rewrite(&mut copy, "src/b.md", book);
                prop_assert_eq!(copy.lines.len(), count);
            }
        }
    }
}
