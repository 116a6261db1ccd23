//! Byte offsets in a text → 1-based line numbers, in logarithmic time.
//!
//! Every place that reports a line for an offset (the Markdown parser for
//! each event, `book.toml` for each value) builds one [`LineIndex`] per text
//! and asks it, so finding the lines of a whole file stays linear.

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of every line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends after each `\n`, so
    /// CRLF line ends count once).
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`; an offset past the end is on
    /// the last line.
    pub fn line(&self, offset: usize) -> usize {
        // The number of line starts at or before `offset`.
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The 1-based line and column (counted in characters) of byte `offset`
    /// of `text`, the text this index was built from.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |before| before.chars().count() + 1);
        (line, column)
    }

    /// The text of 1-based `line` of `text` (the text this index was built
    /// from), without its line end; `None` past the last line.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |&next| next);
        text.get(start..end)
            .map(|l| l.trim_end_matches('\n').trim_end_matches('\r'))
    }

    /// How many lines the text has (a final line end opens an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_texts_without_their_ends() {
        let text = "ab\r\ncd\n\nxé";
        let index = LineIndex::new(text);
        let lines: Vec<_> = (0..=5).map(|n| index.line_text(text, n)).collect();
        assert_eq!(
            lines,
            [None, Some("ab"), Some("cd"), Some(""), Some("xé"), None]
        );
    }

    #[test]
    fn lines_of_offsets_with_lf_and_crlf() {
        let text = "ab\r\ncd\n\nxé";
        let index = LineIndex::new(text);
        let lines: Vec<usize> = (0..=text.len() + 3).map(|o| index.line(o)).collect();
        assert_eq!(lines, [1, 1, 1, 1, 2, 2, 2, 3, 4, 4, 4, 4, 4, 4, 4]);
        assert_eq!(index.lines(), 4);
        assert_eq!(LineIndex::new("").line(0), 1);
        assert_eq!(LineIndex::new("x\n").lines(), 2);
        assert_eq!(index.line_column(text, 9), (4, 2));
    }

    #[test]
    fn agrees_with_counting_line_ends() {
        let text = "a\nbb\n\nccc\r\nd\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            let counted = text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(index.line(offset), counted, "offset {offset}");
        }
    }
}
