//! The theme's rules for the reflowable books (EPUB and website): what of
//! its design ([`Design`]) a reading system can follow — paragraphs spaced
//! rather than indented, chapter titles centred, a drop cap opening each
//! chapter. Appended after `book.css`; nothing for today's design.

use crate::model::design::{Design, Paragraph, Theme, TitleAlign};

/// Spaced paragraphs: no indent, half a line between them.
const BLOCK_PARAGRAPHS: &str = "\
/* Theme: paragraphs spaced, not indented. */
p, blockquote p + p { text-indent: 0; }
p + p { margin-top: 0.6em; }
";

/// Centred chapter titles.
const CENTRED_TITLES: &str = "\
/* Theme: chapter titles centred. */
h1 { text-align: center; }
";

/// A drop cap on the first paragraph after a chapter's title (the opening
/// quotation mark is part of `::first-letter`, as CSS defines it).
const DROP_CAP: &str = "\
/* Theme: a drop cap opens each chapter. */
section[role=doc-chapter] > h1 + p::first-letter {
  float: left;
  font-size: 3.1em;
  line-height: 0.8;
  margin: 0.08em 0.08em 0 0;
}
";

/// The rules the theme of `design` adds to `book.css` (none for the
/// classic theme). They follow the theme's own values: keys of `[pdf]`
/// change the printed book only.
pub fn css(design: &Design) -> String {
    let design = design.theme.design();
    let mut css = String::new();
    if design.paragraph == Paragraph::Block {
        css.push_str(BLOCK_PARAGRAPHS);
    }
    if design.chapter_title == TitleAlign::Center && design.theme != Theme::Classic {
        css.push_str(CENTRED_TITLES);
    }
    if design.drop_caps > 0 {
        css.push_str(DROP_CAP);
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_adds_nothing_and_each_theme_adds_its_rules() {
        assert_eq!(css(&Design::default()), "");
        let modern = css(&Theme::Modern.design());
        assert!(modern.contains("p + p { margin-top") && !modern.contains("first-letter"));
        let novel = css(&Theme::Novel.design());
        assert!(novel.contains("::first-letter") && novel.contains("h1 { text-align: center"));
        // `[pdf]` keys over the classic theme leave the EPUB as it was.
        let printed = Design {
            paragraph: Paragraph::Block,
            drop_caps: 3,
            ..Design::default()
        };
        assert_eq!(css(&printed), "");
    }
}
