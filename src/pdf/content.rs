//! Page content streams: glyph runs (glyphs named by their ids in the
//! font files, see [`super::faces`]) in their inks (highlighted code's
//! colours, slant and weight), rules and images, upright or turned a
//! quarter (a landscape table), with numbers rounded to thousandths, and
//! their compression. In a tagged PDF every run of a page's content is a
//! marked-content sequence: an element's (`/P <</MCID n>> BDC … EMC`, its
//! [`Marked`] recorded for the structure tree) or an artifact's (running
//! heads, folios, rules, ornaments, pictures without alternative text).

use super::faces::Faces;
use super::tagged::Marked;
use crate::error::RenderError;
use crate::layout::document::{GlyphRun, Item, Page, Role, Tag};
use crate::model::Rgb;
use crate::Result;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A string as UTF-16BE hex digits.
pub(super) fn utf16_hex(text: &str) -> String {
    text.encode_utf16().fold(String::new(), |mut s, u| {
        let _ = write!(s, "{u:04X}");
        s
    })
}

/// A page's content stream and, when tagged, what each of its
/// marked-content sequences is (by MCID) and the first MCID of each of
/// the page's tags (for the links they hold).
#[derive(Debug, Default)]
pub(super) struct Content {
    /// The stream.
    pub bytes: Vec<u8>,
    /// Each MCID's content, in order.
    pub marked: Vec<Marked>,
    /// The first MCID of each of [`Page::tags`], if it has content.
    pub tag_mcids: Vec<Option<u32>>,
}

/// The content stream of a page; `tagged`: with its content marked.
pub(super) fn page_content(
    page: &Page,
    faces: &Faces,
    images: &BTreeMap<String, String>,
    tagged: bool,
) -> Content {
    let mut out = String::new();
    // The fill colour in force: set only when a run needs another.
    let mut fill = Rgb::default();
    let draw = Draw { faces, images };
    let mut marks = tagged.then(Marks::default);
    let mut tag_mcids = Vec::new();
    let upright = Layer {
        items: &page.items,
        tags: &page.tags,
    };
    draw.items(&mut out, upright, page.height, &mut fill, marks.as_mut());
    if let Some(marks) = &marks {
        // Links are on upright items only.
        tag_mcids.clone_from(&marks.first);
    }
    if !page.turned.is_empty() {
        // Turned a quarter anticlockwise about the block's lower right
        // corner: the turned block's x runs up the page, its y (down)
        // runs right, and its top lies along the block's left edge.
        let block = page.text_block;
        if page.clockwise {
            // Turned a quarter clockwise about the block's upper left
            // corner: the turned block's x runs down the page, its y
            // (down) runs left, and its top lies along the block's right edge.
            let _ = writeln!(
                out,
                "q 0 -1 1 0 {} {} cm",
                num(block.x),
                num(page.height - block.y)
            );
        } else {
            let _ = writeln!(
                out,
                "q 0 1 -1 0 {} {} cm",
                num(block.x + block.width),
                num(page.height - block.y - block.height)
            );
        }
        let turned = Layer {
            items: &page.turned,
            tags: &page.turned_tags,
        };
        draw.items(&mut out, turned, block.width, &mut fill, marks.as_mut());
        out.push_str("Q\n");
    }
    Content {
        bytes: out.into_bytes(),
        marked: marks.map(|m| m.marked).unwrap_or_default(),
        tag_mcids,
    }
}

/// Items to draw with their tags (see [`Page::tags`]).
#[derive(Clone, Copy)]
struct Layer<'a> {
    items: &'a [Item],
    tags: &'a [(u32, Tag)],
}

/// The marked content of a page as it is written.
#[derive(Default)]
struct Marks {
    /// What each MCID is.
    marked: Vec<Marked>,
    /// The first MCID of each upright tag.
    first: Vec<Option<u32>>,
}

/// What one item is marked as.
#[derive(PartialEq)]
enum Mark<'a> {
    /// Not part of the text: of the page (`Pagination`) or its layout.
    Artifact(&'static str),
    /// The content of the element of a tag (the page's tag `.0`: each
    /// tag is a sequence of its own).
    Content(Option<usize>, &'a Tag),
    /// A picture in an element's text, with its alternative text.
    Picture(&'a Tag, &'a str),
}

/// How `item`, in the element of `tag` (the page's tag `k`), is marked.
fn mark<'a>(item: &'a Item, (k, tag): (Option<usize>, &'a Tag)) -> Mark<'a> {
    match item {
        _ if tag.role == Role::Artifact => Mark::Artifact("Pagination"),
        Item::Rule { .. } => Mark::Artifact("Layout"),
        Item::Image { alt, .. } if alt.trim().is_empty() => Mark::Artifact("Layout"),
        Item::Image { alt, .. } if tag.role != Role::Figure => Mark::Picture(tag, alt),
        _ => Mark::Content(k, tag),
    }
}

/// The structure type a marked-content sequence is opened with.
fn marked_type(role: &Role) -> &'static str {
    match role {
        // The element's level may be raised to follow the one before.
        Role::Title { .. } | Role::Heading(_) => "H",
        Role::Code => "Code",
        Role::Figure => "Figure",
        Role::Formula(_) => "Formula",
        Role::Caption => "Caption",
        Role::Label => "Lbl",
        Role::Cell { header: true, .. } => "TH",
        Role::Cell { .. } => "TD",
        Role::Note => "Note",
        _ => "P",
    }
}

/// What the items of a page are drawn with: the faces and the images'
/// resource names.
struct Draw<'a> {
    faces: &'a Faces,
    images: &'a BTreeMap<String, String>,
}

impl Draw<'_> {
    /// Draws `layer` (positions from the top left, y down) in a space `h`
    /// points high; `fill` is the fill colour in force, kept up to date;
    /// with `marks`, each run of items in one marked-content sequence.
    fn items(
        &self,
        out: &mut String,
        layer: Layer<'_>,
        h: f32,
        fill: &mut Rgb,
        mut marks: Option<&mut Marks>,
    ) {
        let default = Tag::default();
        let mut tags = layer.tags.iter().enumerate().peekable();
        let mut current: (Option<usize>, &Tag) = (None, &default);
        let mut open: Option<Mark> = None;
        for (i, item) in layer.items.iter().enumerate() {
            while let Some((k, (_, tag))) = tags.next_if(|(_, (from, _))| *from as usize <= i) {
                current = (Some(k), tag);
            }
            if let Some(marks) = marks.as_deref_mut() {
                let mark = mark(item, current);
                if open.as_ref() != Some(&mark) || matches!(mark, Mark::Picture(..)) {
                    if open.is_some() {
                        out.push_str("EMC\n");
                    }
                    let mcid = marks.marked.len();
                    match &mark {
                        Mark::Artifact(kind) => {
                            let _ = writeln!(out, "/Artifact <</Type /{kind}>> BDC");
                        }
                        Mark::Content(_, tag) => {
                            let _ =
                                writeln!(out, "/{} <</MCID {mcid}>> BDC", marked_type(&tag.role));
                            marks.marked.push(Marked::Content((*tag).clone()));
                        }
                        Mark::Picture(tag, alt) => {
                            let _ = writeln!(out, "/Figure <</MCID {mcid}>> BDC");
                            marks
                                .marked
                                .push(Marked::Picture((*tag).clone(), alt.to_string()));
                        }
                    }
                    if let Mark::Content(Some(k), _) = &mark {
                        let k = *k;
                        if marks.first.len() <= k {
                            marks.first.resize(k + 1, None);
                        }
                        marks.first[k].get_or_insert(mcid as u32);
                    }
                    open = Some(mark);
                }
            }
            match item {
                Item::Text(run) => self.run(out, run, h, fill),
                Item::Rule {
                    from,
                    to,
                    thickness,
                } => {
                    let _ = writeln!(
                        out,
                        "{} w 0 J {} {} m {} {} l S",
                        num(*thickness),
                        num(from.0),
                        num(h - from.1),
                        num(to.0),
                        num(h - to.1)
                    );
                }
                Item::Image { key, alt, rect } => {
                    if let Some(name) = self.images.get(key) {
                        // The alternative text travels with the drawing.
                        let _ = writeln!(
                            out,
                            "/Span << /Alt <FEFF{}> >> BDC q {} 0 0 {} {} {} cm /{name} Do Q EMC",
                            utf16_hex(alt),
                            num(rect.width),
                            num(rect.height),
                            num(rect.x),
                            num(h - rect.y - rect.height)
                        );
                    }
                }
            }
        }
        if open.is_some() {
            out.push_str("EMC\n");
        }
    }

    /// Draws a glyph run in its ink (colour, slant, weight).
    fn run(&self, out: &mut String, run: &GlyphRun, h: f32, fill: &mut Rgb) {
        let Some(font) = self.faces.get(run.style) else {
            return;
        };
        if run.ink.colour != *fill {
            *fill = run.ink.colour;
            put_colour(out, *fill, "rg");
        }
        let (bold, italic) = (
            run.ink.bold || font.emboldened,
            run.ink.italic || font.slanted,
        );
        if bold {
            // Emboldened: the outlines stroked in the fill colour too.
            out.push_str("q ");
            put_colour(out, *fill, "RG");
            let _ = write!(out, "2 Tr {} w ", num(run.size * 0.03));
        }
        out.push_str("BT /");
        out.push_str(&font.resource);
        out.push(' ');
        put_num(out, run.size);
        // Italic: slanted by 12 degrees.
        out.push_str(if italic {
            " Tf 1 0 0.213 1 "
        } else {
            " Tf 1 0 0 1 "
        });
        put_num(out, run.x);
        out.push(' ');
        put_num(out, h - run.baseline);
        out.push_str(" Tm [");
        let mut pen = 0.0f32;
        for (glyph, text) in run.glyph_texts() {
            let gap = glyph.x - pen;
            if gap.abs() > 0.001 {
                put_num(out, -gap * 1000.0 / run.size);
            }
            // Glyph 0 (`.notdef`) stands for a character no face has (the
            // checks warn of it): never painted (PDF/A), a blank of its
            // width, since the next glyph keeps its place.
            let Some(&width) = font
                .widths
                .get(usize::from(glyph.id))
                .filter(|_| glyph.id != 0)
            else {
                continue;
            };
            if text != font.text(glyph.id) {
                out.push_str("] TJ /Span << /ActualText <FEFF");
                out.push_str(&utf16_hex(text));
                out.push_str("> >> BDC [");
                put_hex(out, glyph.id);
                out.push_str("] TJ EMC [");
            } else {
                put_hex(out, glyph.id);
            }
            pen = glyph.x + width * run.size / 1000.0;
        }
        out.push_str("] TJ ET\n");
        if bold {
            out.push_str("Q\n");
        }
    }
}

/// `r g b OP` for a colour, each channel from 0 to 1.
fn put_colour(out: &mut String, colour: Rgb, op: &str) {
    for channel in [colour.r, colour.g, colour.b] {
        put_num(out, f32::from(channel) / 255.0);
        out.push(' ');
    }
    out.push_str(op);
    out.push('\n');
}

/// A number for a content stream: at most three decimals, no trailing zeros.
fn num(value: f32) -> String {
    let mut out = String::new();
    put_num(&mut out, value);
    out
}

/// Appends [`num`]'s form of `value` (without going through float formatting,
/// which dominates the writer's time otherwise).
fn put_num(out: &mut String, value: f32) {
    let milli = (f64::from(value) * 1000.0).round() as i64;
    if milli < 0 {
        out.push('-');
    }
    let (whole, mut fraction) = (milli.unsigned_abs() / 1000, milli.unsigned_abs() % 1000);
    // itoa: the digits without the formatting machinery (a page has
    // thousands of numbers).
    out.push_str(itoa::Buffer::new().format(whole));
    if fraction != 0 {
        out.push('.');
        let mut divisor = 100;
        while fraction != 0 {
            out.push(char::from(b'0' + (fraction / divisor) as u8));
            fraction %= divisor;
            divisor /= 10;
        }
    }
}

/// Appends a glyph code as a four-digit hex string.
fn put_hex(out: &mut String, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push('<');
    for shift in [12, 8, 4, 0] {
        out.push(char::from(DIGITS[usize::from((code >> shift) & 0xF)]));
    }
    out.push('>');
}

/// The deflate setting of the PDF's streams: FlateDecode (the zlib
/// format) at level 3.
const DEFLATE: crate::deflate::Setting = crate::deflate::Setting {
    level: 3,
    zlib_header: true,
};

/// Flate-compresses a stream's data (with a compressor reused per thread:
/// see [`crate::deflate`]).
pub(super) fn compressed(data: &[u8]) -> Result<Vec<u8>> {
    crate::deflate::deflate(data, DEFLATE).map_err(|source| RenderError::Compress { source }.into())
}

/// A 100 pt square page of text drawing `items`, for tests.
#[cfg(test)]
pub(super) fn page_of(items: Vec<Item>) -> Page {
    Page {
        width: 100.0,
        height: 100.0,
        text_block: crate::layout::document::Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 100.0,
        },
        role: crate::layout::document::PageRole::Text,
        label: "1".into(),
        items,
        links: Vec::new(),
        lines: Vec::new(),
        turned: Vec::new(),
        tags: Vec::new(),
        turned_tags: Vec::new(),
        clockwise: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_0_is_never_painted_and_the_next_glyph_keeps_its_place() {
        let fonts = crate::fonts::FontSet::load().expect("fonts");
        let mut faces = Faces::new(&fonts);
        let style = crate::fonts::Style::Regular;
        faces.load_style(&fonts, style);
        let face = faces.get(style).expect("the regular face");
        let id = fonts.get(style).face().glyph_index('a').expect("an a").0;
        let advance = face.widths[usize::from(id)] * 10.0 / 1000.0;
        let mut run = GlyphRun::new(style, 10.0, 0.0, 20.0);
        run.push(id, 0.0, advance, "a");
        run.push(0, advance, 5.0, "\u{13000}");
        run.push(id, advance + 5.0, advance, "a");
        let page = page_of(vec![Item::Text(run)]);
        let content = page_content(&page, &faces, &BTreeMap::new(), true);
        let stream = String::from_utf8(content.bytes).expect("ASCII");
        assert!(!stream.contains("<0000>"), "{stream}");
        // The second `a` is moved on by the blank's 5 points (500 per mille
        // of 10 pt), as when glyph 0 was there.
        let id = format!("<{id:04X}>");
        assert!(stream.contains(&format!("{id}-500{id}")), "{stream}");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.3456), "12.346");
        // Whole parts as `write!` gives them.
        for value in [0.0f32, 7.0, 10.0, 100.5, -90.0, 1234.0, 65535.0, 4.0e9] {
            let whole = (f64::from(value) * 1000.0).round() as i64 / 1000;
            assert!(num(value).starts_with(&whole.to_string()), "{value}");
        }
        assert_eq!(num(-1000.25), "-1000.25");
    }
}
