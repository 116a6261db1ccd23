//! Raw HTML in Markdown: `<br>` is a line break, comments are dropped,
//! anything else is an error naming file and line.

use super::builder::{Builder, Frame};
use crate::error::{Error, ErrorKind, Location};
use crate::model::Inline;

impl Builder<'_> {
    pub(super) fn inline_html(&mut self, html: &str) -> Result<(), Error> {
        let trimmed = html.trim();
        if is_comment(trimmed) {
            return Ok(());
        }
        let tag = trimmed.to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            return self.push_inline(Inline::HardBreak);
        }
        Err(raw_html_error(self.here(), trimmed))
    }

    pub(super) fn close_html_block(&mut self) -> Result<(), Error> {
        let Some(Frame::Html { text, line }) = self.stack.pop() else {
            return Ok(());
        };
        let trimmed = text.trim();
        if trimmed.is_empty() || is_comment(trimmed) {
            return Ok(());
        }
        let tag = trimmed.to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            return Ok(());
        }
        Err(raw_html_error(
            Location::line(self.cx.display_path, line),
            trimmed,
        ))
    }
}

fn raw_html_error(location: Location, html: &str) -> Error {
    let first_line = html.lines().next().unwrap_or(html);
    let shown: String = first_line.chars().take(40).collect();
    Error::at(
        location,
        ErrorKind::Markdown(format!(
            "raw HTML `{shown}` is not supported: write it in Markdown (only `<br>` and HTML comments are accepted)"
        )),
    )
}

fn is_comment(html: &str) -> bool {
    html.starts_with("<!--") && html.ends_with("-->")
}

#[cfg(test)]
mod tests {
    use crate::model::Inline;
    use crate::parse::tests::{blocks, error, para, text};

    #[test]
    fn raw_html_fate() {
        assert_eq!(
            blocks("a<br>b"),
            vec![para(vec![text("a"), Inline::HardBreak, text("b")])]
        );
        assert_eq!(
            blocks("<!-- a note\nover lines -->\n\ntext <!-- inline -->"),
            vec![para(vec![text("text ")])]
        );
        assert!(error("a\n\n<div>\nx\n</div>\n")
            .starts_with("m/ch1.md:3: raw HTML `<div>` is not supported"));
        assert!(error("a <span>b</span>").starts_with("m/ch1.md:1: raw HTML `<span>`"));
    }
}
