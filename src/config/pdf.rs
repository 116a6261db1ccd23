//! `theme` and the `[pdf]` table: the design of the printed book. The
//! theme's values come first ([`Theme::design`]); each key in `[pdf]`
//! overrides one of them. Every value is checked for its type and range.

use super::keys::{key, Key, Shape};
use super::reader::Reader;
use crate::error::ErrorKind;
use crate::model::design::{
    ChapterStart, Design, Folio, LineHeight, Margins, Paragraph, SceneBreak, Theme, TitleAlign,
};
use crate::model::PageSize;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// `theme`, at the top of `book.toml`.
pub(super) const BOOK_THEME: Key = key(
    "theme",
    Shape::Text,
    false,
    "a theme's name in quotes: \"classic\", \"modern\" or \"novel\"",
    "\"novel\"",
);
/// The `[pdf]` table.
pub(super) const PDF: Key = key(
    "pdf",
    Shape::Table,
    false,
    "a table opened by a `[pdf]` line",
    "[pdf]",
);

const FONT_SIZE: Key = key(
    "font-size",
    Shape::Number,
    false,
    "the body type size in points, a number from 7 to 16",
    "11",
);
const LINE_HEIGHT: Key = key(
    "line-height",
    Shape::Number,
    false,
    "a multiple of the font size from 1.0 to 2.0, or a pitch in points in quotes",
    "1.3",
);
const MARGINS: Key = key(
    "margins",
    Shape::Text,
    false,
    "\"narrow\", \"normal\" or \"wide\", or a table of `inner`, `outer`, `top`, `bottom` lengths",
    "\"wide\"",
);
const CHAPTER_START: Key = key(
    "chapter-start",
    Shape::Text,
    false,
    "\"recto\" or \"any\"",
    "\"any\"",
);
const PARAGRAPH: Key = key(
    "paragraph",
    Shape::Text,
    false,
    "\"indent\" or \"block\"",
    "\"block\"",
);
const TOC_DEPTH: Key = key(
    "toc-depth",
    Shape::Number,
    false,
    "a whole number from 1 to 6, without quotes",
    "1",
);
const FOLIO: Key = key(
    "folio",
    Shape::Text,
    false,
    "\"outer\", \"bottom-center\" or \"bottom-outer\"",
    "\"bottom-center\"",
);
const RUNNING_HEADS: Key = key(
    "running-heads",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "false",
);
const DROP_CAPS: Key = key(
    "drop-caps",
    Shape::Number,
    false,
    "the lines a drop cap spans, 2 or 3, or `false`",
    "3",
);
const CHAPTER_TITLE: Key = key(
    "chapter-title",
    Shape::Text,
    false,
    "\"center\" or \"left\"",
    "\"left\"",
);
const CHAPTER_SINK: Key = key(
    "chapter-sink",
    Shape::Number,
    false,
    "the blank lines above a chapter's title, a whole number from 0 to 20",
    "10",
);
const SCENE_BREAK: Key = key(
    "scene-break",
    Shape::Text,
    false,
    "\"asterisks\" or \"ornament\"",
    "\"ornament\"",
);

/// Every key of the `[pdf]` table, in the README's order.
const PDF_KEYS: &[Key] = &[
    FONT_SIZE,
    LINE_HEIGHT,
    MARGINS,
    CHAPTER_START,
    PARAGRAPH,
    TOC_DEPTH,
    FOLIO,
    RUNNING_HEADS,
    DROP_CAPS,
    CHAPTER_TITLE,
    CHAPTER_SINK,
    SCENE_BREAK,
];

/// The keys of a `margins` table.
const SIDES: [&str; 4] = ["inner", "outer", "top", "bottom"];

/// The narrowest text block quire sets, in points (2 in), and the fewest lines.
const MIN_MEASURE: f32 = 144.0;
const MIN_LINES: f32 = 10.0;

impl Reader<'_> {
    /// The theme and the `[pdf]` table of `table`, resolved into a
    /// [`Design`]; `trim` is the page the margins must leave room on.
    pub(super) fn design(&mut self, table: &DeTable<'_>, trim: PageSize) -> Design {
        let top = 0..0;
        let mut design = Design::default();
        if let Some(name) = self.text(table, &BOOK_THEME, &top) {
            let names = Theme::ALL.map(|(name, _)| name);
            match Theme::ALL.iter().find(|(n, _)| *n == name.get_ref()) {
                Some((_, theme)) => design = theme.design(),
                None => self.choice_error(&name, &BOOK_THEME, &names),
            }
        }
        let Some(found) = self.get(table, &PDF, &top) else {
            return design;
        };
        let DeValue::Table(pdf) = found.get_ref() else {
            return design;
        };
        let header = found.span();
        self.unknown_keys(
            pdf,
            PDF_KEYS,
            "[pdf]",
            super::keys::BOOK_KEYS,
            ("the `[pdf]` line into that table", "`[pdf]`"),
        );
        if let Some(size) = self.real(pdf, &FONT_SIZE, 7.0..=16.0) {
            design.font_size = Some(size);
        }
        self.line_height(pdf, &mut design);
        self.margins(pdf, &mut design, trim);
        let choose = |reader: &mut Self, key: &Key, names: &[&str]| -> Option<usize> {
            let name = reader.text(pdf, key, &header)?;
            let found = names.iter().position(|n| n == name.get_ref());
            if found.is_none() {
                reader.choice_error(&name, key, names);
            }
            found
        };
        if let Some(i) = choose(self, &CHAPTER_START, &["recto", "any"]) {
            design.chapter_start = [ChapterStart::Recto, ChapterStart::Any][i];
        }
        if let Some(i) = choose(self, &PARAGRAPH, &["indent", "block"]) {
            design.paragraph = [Paragraph::Indent, Paragraph::Block][i];
        }
        if let Some(i) = choose(self, &FOLIO, &["outer", "bottom-center", "bottom-outer"]) {
            design.folio = [Folio::Outer, Folio::BottomCenter, Folio::BottomOuter][i];
        }
        if let Some(i) = choose(self, &CHAPTER_TITLE, &["center", "left"]) {
            design.chapter_title = [TitleAlign::Center, TitleAlign::Left][i];
        }
        if let Some(i) = choose(self, &SCENE_BREAK, &["asterisks", "ornament"]) {
            design.scene_break = [SceneBreak::Asterisks, SceneBreak::Ornament][i];
        }
        if let Some(depth) = self.whole(pdf, &TOC_DEPTH, 1, 6) {
            design.toc_depth = Some(depth);
        }
        if let Some(lines) = self.whole(pdf, &CHAPTER_SINK, 0, 20) {
            design.chapter_sink = lines;
        }
        if let Some(on) = self.get(pdf, &RUNNING_HEADS, &header) {
            design.running_heads = on.get_ref().as_bool().unwrap_or(true);
        }
        self.drop_caps(pdf, &mut design);
        design
    }

    /// A name not among `names`: an error at the value, with the likely one.
    fn choice_error(&mut self, name: &Spanned<String>, key: &Key, names: &[&str]) {
        let written = name.get_ref();
        let kind = ErrorKind::InvalidValue {
            key: key.name,
            message: format!("`{}` must be {}, not `{written}`", key.name, key.expected),
        };
        let listed = names.join("`, `");
        let hint = match crate::hint::closest(&written.to_lowercase(), names.iter().copied()) {
            Some(meant) => format!("did you mean `{meant}`? The choices are `{listed}`"),
            None => format!("the choices are `{listed}`"),
        };
        self.error(&name.span(), kind, Some(hint));
    }

    /// A value of the wrong type for `key`: what to write instead.
    fn wrong_type(&mut self, span: &Range<usize>, key: &Key) {
        let kind = ErrorKind::WrongType {
            key: key.name,
            expected: key.expected,
        };
        let hint = format!("write `{} = {}`", key.name, key.example);
        self.error(span, kind, Some(hint));
    }

    /// A value out of `key`'s range.
    fn out_of_range(&mut self, span: &Range<usize>, key: &Key, message: String) {
        let kind = ErrorKind::InvalidValue {
            key: key.name,
            message,
        };
        let hint = format!(
            "write {}, like `{} = {}`",
            key.expected, key.name, key.example
        );
        self.error(span, kind, Some(hint));
    }

    /// A number (whole or not) within `range`.
    fn real(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        range: std::ops::RangeInclusive<f32>,
    ) -> Option<f32> {
        let found = table.get(key.name)?;
        let Some(number) = number(found.get_ref()) else {
            self.wrong_type(&found.span(), key);
            return None;
        };
        if !range.contains(&number) {
            let message = format!(
                "`{}` must be from {} to {}, not {number}",
                key.name,
                range.start(),
                range.end()
            );
            self.out_of_range(&found.span(), key, message);
            return None;
        }
        Some(number)
    }

    /// A whole number from `low` to `high`.
    fn whole(&mut self, table: &DeTable<'_>, key: &Key, low: u8, high: u8) -> Option<u8> {
        let found = self.number(table, key, &(0..0))?;
        match u8::try_from(*found.get_ref()) {
            Ok(n) if (low..=high).contains(&n) => Some(n),
            _ => {
                let message = format!(
                    "`{}` must be a whole number from {low} to {high}, not {}",
                    key.name,
                    found.get_ref()
                );
                self.out_of_range(&found.span(), key, message);
                None
            }
        }
    }

    /// `line-height`: a ratio (1.0–2.0) or `"NNpt"` (from the font size to
    /// 2.5 times it, or 8–30 pt when the size is the trim's).
    fn line_height(&mut self, table: &DeTable<'_>, design: &mut Design) {
        let Some(found) = table.get(LINE_HEIGHT.name) else {
            return;
        };
        let span = found.span();
        match found.get_ref() {
            DeValue::String(text) => {
                let points = match length(text) {
                    Ok(points) => points,
                    Err(message) => return self.out_of_range(&span, &LINE_HEIGHT, message),
                };
                let (low, high) = design.font_size.map_or((8.0, 30.0), |s| (s, s * 2.5));
                if !(low..=high).contains(&points) {
                    let message = format!(
                        "`line-height` must be from {low} to {high} pt for this font size, not {points} pt"
                    );
                    return self.out_of_range(&span, &LINE_HEIGHT, message);
                }
                design.line_height = Some(LineHeight::Points { points });
            }
            value => match number(value) {
                Some(ratio) if (1.0..=2.0).contains(&ratio) => {
                    design.line_height = Some(LineHeight::Ratio { ratio });
                }
                Some(ratio) => {
                    let message = format!(
                        "`line-height` must be from 1.0 to 2.0 times the font size, not {ratio}"
                    );
                    self.out_of_range(&span, &LINE_HEIGHT, message);
                }
                None => self.wrong_type(&span, &LINE_HEIGHT),
            },
        }
    }

    /// `margins`: a preset's name, or a table of lengths (each side 0.25–3
    /// in); the text block left must be at least 2 in wide and ten lines high.
    fn margins(&mut self, table: &DeTable<'_>, design: &mut Design, trim: PageSize) {
        let Some(found) = table.get(MARGINS.name) else {
            return;
        };
        let span = found.span();
        let mut margins = Margins::NORMAL;
        match found.get_ref() {
            DeValue::String(name) => {
                let names = Margins::PRESETS.map(|(name, _)| name);
                match Margins::PRESETS.iter().find(|(n, _)| n == name) {
                    Some((_, scale)) => margins.scale = *scale,
                    None => {
                        let name = Spanned::new(span, name.to_string());
                        return self.choice_error(&name, &MARGINS, &names);
                    }
                }
            }
            DeValue::Table(sides) => {
                self.unknown_keys(
                    sides,
                    &SIDE_KEYS,
                    "margins",
                    &[],
                    ("the `margins` line", "it"),
                );
                for (i, side) in SIDES.iter().enumerate() {
                    let Some(value) = sides.get(*side) else {
                        continue;
                    };
                    let points = match value.get_ref() {
                        DeValue::String(text) => length(text),
                        _ => Err(format!(
                            "`{side}` must be a length in quotes, like `\"0.75in\"`"
                        )),
                    };
                    match points {
                        Ok(points) if (18.0..=216.0).contains(&points) => {
                            *[
                                &mut margins.inner,
                                &mut margins.outer,
                                &mut margins.top,
                                &mut margins.bottom,
                            ][i] = Some(points);
                        }
                        Ok(points) => self.out_of_range(
                            &value.span(),
                            &SIDE_KEYS[i],
                            format!("a margin must be from 0.25 in (18 pt) to 3 in (216 pt), not {points} pt"),
                        ),
                        Err(message) => self.out_of_range(&value.span(), &SIDE_KEYS[i], message),
                    }
                }
            }
            _ => return self.wrong_type(&span, &MARGINS),
        }
        let candidate = Design { margins, ..*design };
        let m = candidate.measures(trim.width, trim.height);
        let across = trim.width - m.inner - m.outer;
        let down = trim.height - m.top - m.bottom;
        if across < MIN_MEASURE || down < MIN_LINES * m.leading {
            let message = format!(
                "these margins leave a text block of {across:.0} × {down:.0} pt on this page; it needs at least {MIN_MEASURE} pt across and {MIN_LINES} lines down"
            );
            return self.out_of_range(&span, &MARGINS, message);
        }
        design.margins = margins;
    }

    /// `drop-caps`: `false`, `true` (3 lines), 2 or 3.
    fn drop_caps(&mut self, table: &DeTable<'_>, design: &mut Design) {
        let Some(found) = table.get(DROP_CAPS.name) else {
            return;
        };
        match found.get_ref() {
            DeValue::Boolean(on) => design.drop_caps = if *on { 3 } else { 0 },
            DeValue::Integer(n) => match n.as_str() {
                "2" => design.drop_caps = 2,
                "3" => design.drop_caps = 3,
                other => {
                    let message = format!("`drop-caps` must span 2 or 3 lines, not {other}");
                    self.out_of_range(&found.span(), &DROP_CAPS, message);
                }
            },
            _ => self.wrong_type(&found.span(), &DROP_CAPS),
        }
    }
}

/// The keys of a `margins` table.
const SIDE_KEYS: [Key; 4] = [
    key(
        "inner",
        Shape::Text,
        false,
        "a length in quotes",
        "\"0.75in\"",
    ),
    key(
        "outer",
        Shape::Text,
        false,
        "a length in quotes",
        "\"0.9in\"",
    ),
    key("top", Shape::Text, false, "a length in quotes", "\"18mm\""),
    key(
        "bottom",
        Shape::Text,
        false,
        "a length in quotes",
        "\"54pt\"",
    ),
];

/// A TOML integer or float as a number.
fn number(value: &DeValue<'_>) -> Option<f32> {
    match value {
        DeValue::Integer(n) => n.as_str().parse::<f32>().ok(),
        DeValue::Float(f) => f.as_str().parse::<f32>().ok(),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

/// A length with its unit (`"0.75in"`, `"18mm"`, `"2cm"`, `"54pt"`) in points.
fn length(text: &str) -> Result<f32, String> {
    let lower = text.trim().to_ascii_lowercase();
    let bad = || {
        format!("`{text}` is not a length: write a number and a unit (in, mm, cm, pt), like \"0.75in\" or \"18mm\"")
    };
    let (number, scale) = [
        ("in", 72.0),
        ("mm", 72.0 / 25.4),
        ("cm", 720.0 / 25.4),
        ("pt", 1.0),
    ]
    .into_iter()
    .find_map(|(unit, scale)| lower.strip_suffix(unit).map(|n| (n, scale)))
    .ok_or_else(bad)?;
    let value: f32 = number.trim().parse().map_err(|_| bad())?;
    if !value.is_finite() || value <= 0.0 {
        return Err(bad());
    }
    Ok(value * scale)
}

#[cfg(test)]
mod tests {
    use super::length;
    use crate::config::tests::{parse, problems as all_problems, MINIMAL};
    use crate::model::design::*;

    fn design(extra: &str) -> Design {
        let text = format!("{MINIMAL}{extra}");
        parse(&text).expect("accepted").config.design
    }

    /// Every error, as `line:column: message (hint)`.
    fn problems(extra: &str) -> Vec<String> {
        all_problems(&format!("{MINIMAL}{extra}"))
    }

    #[test]
    fn no_theme_and_no_pdf_table_is_todays_design() {
        assert_eq!(design(""), Design::default());
        assert_eq!(design("theme = \"classic\"\n"), Design::default());
    }

    #[test]
    fn every_pdf_key_is_read_over_the_themes_values() {
        let read = design(
            "theme = \"novel\"\n[pdf]\nfont-size = 11.5\nline-height = \"15pt\"\n\
             margins = { inner = \"0.75in\", bottom = \"20mm\" }\nchapter-start = \"recto\"\n\
             paragraph = \"block\"\ntoc-depth = 1\nfolio = \"bottom-outer\"\n\
             running-heads = false\ndrop-caps = 2\nchapter-title = \"left\"\n\
             chapter-sink = 3\nscene-break = \"asterisks\"\n",
        );
        assert_eq!(read.theme, Theme::Novel);
        assert_eq!(read.font_size, Some(11.5));
        assert_eq!(read.line_height, Some(LineHeight::Points { points: 15.0 }));
        assert_eq!(read.margins.inner, Some(54.0));
        assert!((read.margins.bottom.unwrap() - 56.69).abs() < 0.01);
        assert_eq!((read.margins.outer, read.margins.scale), (None, 1.0));
        assert_eq!(read.chapter_start, ChapterStart::Recto);
        assert_eq!(read.paragraph, Paragraph::Block);
        assert_eq!(read.toc_depth, Some(1));
        assert_eq!(read.folio, Folio::BottomOuter);
        assert!(!read.running_heads);
        assert_eq!(read.drop_caps, 2);
        assert_eq!(read.chapter_title, TitleAlign::Left);
        assert_eq!(read.chapter_sink, 3);
        assert_eq!(read.scene_break, SceneBreak::Asterisks);
        // Keys not given keep the theme's.
        let novel = design("theme = \"novel\"\n[pdf]\nfont-size = 10\n");
        assert_eq!(novel.drop_caps, 3);
        assert_eq!(novel.chapter_start, ChapterStart::Any);
        assert_eq!(design("[pdf]\nmargins = \"wide\"\n").margins.scale, 1.3);
        let ratio = design("[pdf]\nline-height = 1.5\ndrop-caps = true\n");
        assert_eq!(ratio.line_height, Some(LineHeight::Ratio { ratio: 1.5 }));
        assert_eq!(ratio.drop_caps, 3);
    }

    #[test]
    fn an_unknown_theme_or_choice_is_an_error_at_its_place_with_a_hint() {
        assert_eq!(
            problems("theme = \"novle\"\n"),
            ["6:9: `theme` must be a theme's name in quotes: \"classic\", \"modern\" or \"novel\", not `novle` \
              (did you mean `novel`? The choices are `classic`, `modern`, `novel`)"]
        );
        let found = problems("[pdf]\nparagraph = \"blocks\"\nfolio = \"top\"\nmargin = \"wide\"\n");
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("7:13: `paragraph` must be"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("did you mean `block`?"), "{}", found[0]);
        assert!(found[1].starts_with("8:9: `folio` must be"), "{}", found[1]);
        assert!(found[1].contains("the choices are `outer`, `bottom-center`, `bottom-outer`"));
        assert!(
            found[2].contains("unknown key `margin` in [pdf]"),
            "{}",
            found[2]
        );
        assert!(found[2].contains("did you mean `margins`?"), "{}", found[2]);
    }

    #[test]
    fn values_out_of_range_or_of_the_wrong_type_name_their_line() {
        let found = problems(
            "[pdf]\nfont-size = 30\nline-height = 3.0\ndrop-caps = 5\ntoc-depth = 9\n\
             running-heads = \"no\"\nchapter-sink = -1\n",
        );
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(
            found[0].starts_with("7:13: `font-size` must be from 7 to 16, not 30"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("like `font-size = 11`"), "{}", found[0]);
        assert!(
            found[1].starts_with("8:15: `line-height` must be from 1.0 to 2.0"),
            "{}",
            found[1]
        );
        assert!(
            found[2].starts_with("9:13: `drop-caps` must span 2 or 3 lines, not 5"),
            "{}",
            found[2]
        );
        assert!(
            found[3].starts_with("10:13: `toc-depth` must be a whole number from 1 to 6, not 9")
        );
        assert!(
            found[4].starts_with("11:17: `running-heads` must be"),
            "{}",
            found[4]
        );
        assert!(
            found[5].starts_with("12:16: `chapter-sink`"),
            "{}",
            found[5]
        );
        let sides = problems(
            "[pdf]\nmargins = { inner = \"3mm\", top = \"1 furlong\", gutter = \"1in\" }\n",
        );
        assert_eq!(sides.len(), 3, "{sides:#?}");
        assert!(
            sides
                .iter()
                .any(|p| p.contains("a margin must be from 0.25 in")),
            "{sides:#?}"
        );
        assert!(
            sides
                .iter()
                .any(|p| p.contains("`1 furlong` is not a length")),
            "{sides:#?}"
        );
        assert!(
            sides.iter().any(|p| p.contains("unknown key `gutter`")),
            "{sides:#?}"
        );
        let crowded = problems("[pdf]\nmargins = { inner = \"2.5in\", outer = \"2.5in\" }\n");
        assert!(
            crowded[0].starts_with("7:11: these margins leave a text block of"),
            "{crowded:#?}"
        );
        let points = problems("[pdf]\nfont-size = 12\nline-height = \"10pt\"\n");
        assert!(
            points[0].contains("from 12 to 30 pt for this font size"),
            "{points:#?}"
        );
        let table = problems("pdf = 3\n");
        assert!(
            table[0].contains("write `[pdf]` on a line of its own"),
            "{table:#?}"
        );
    }

    #[test]
    fn lengths_in_every_unit_are_points() {
        assert_eq!(length("0.75in"), Ok(54.0));
        assert_eq!(length("54pt"), Ok(54.0));
        assert!((length("18mm").unwrap() - 51.02).abs() < 0.01);
        assert!((length("2 cm").unwrap() - 56.69).abs() < 0.01);
        assert!(length("18").is_err());
        assert!(length("-1in").is_err());
        assert!(length("wide").is_err());
    }
}
