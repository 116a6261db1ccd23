//! The print cover's one page (`quire cover`): the full wrap, back, spine
//! and front side by side ([`Wrap`]). The pictures are the caller's (the
//! ground with the barcode area, the front); this sets the words: the
//! title and the description on the back, in the body face, and the title
//! and authors along the spine, read top to bottom, when the book is thick
//! enough ([`Wrap::spine_text`]).

use super::document::{Item, Page, PageRole, Rect};
use super::text::{Align, Line, Spec, Typesetter};
use crate::fonts::{FontSet, Style};
use crate::model::print::{Wrap, INCH};
use crate::model::{Book, Rgb};
use crate::Result;

/// The colour of the words on the cover's ground.
const CREAM: Rgb = Rgb {
    r: 0xf4,
    g: 0xea,
    b: 0xd5,
};

/// The barcode area printers ask to keep clear: 2 × 1.2 in.
pub const BARCODE: (f32, f32) = (2.0 * INCH, 1.2 * INCH);
/// How far the words and the barcode area stay inside the trim (and the
/// spine's folds).
const SAFE: f32 = 0.5 * INCH;
/// KDP's clearance on each side of the spine's text.
const SPINE_CLEARANCE: f32 = 0.0625 * INCH;

/// Where the barcode area goes on the back (page coordinates, from the
/// top left): its lower right corner 0.25 in inside the back's trim, clear
/// of the bleed and the spine.
pub fn barcode_area(wrap: &Wrap) -> Rect {
    let (width, height) = BARCODE;
    Rect {
        x: wrap.spine_x() - 0.25 * INCH - width,
        y: wrap.bleed + wrap.trim.height - 0.25 * INCH - height,
        width,
        height,
    }
}

/// The pictures the cover draws, by image key.
#[derive(Debug, Clone)]
pub struct CoverArt<'a> {
    /// The ground of the whole sheet (back, spine and the front's bleed),
    /// with the barcode area.
    pub ground: &'a str,
    /// The front's picture and where it goes.
    pub front: (&'a str, Rect),
}

/// Sets the cover's page for `book`.
pub fn page(book: &Book, wrap: &Wrap, art: &CoverArt<'_>, barcode: bool) -> Result<Page> {
    let fonts = FontSet::for_book(&book.faces, &book.fonts)?;
    let mut ts = Typesetter::with_fonts(&book.metadata.language, fonts);
    let (width, height) = (wrap.width(), wrap.height());
    let spine = Rect {
        x: wrap.spine_x(),
        y: wrap.bleed,
        width: wrap.spine,
        height: wrap.trim.height,
    };
    let mut page = Page {
        width,
        height,
        text_block: spine,
        role: PageRole::Opening,
        label: String::new(),
        items: vec![
            Item::Image {
                key: art.ground.to_string(),
                alt: String::new(),
                rect: Rect {
                    x: 0.0,
                    y: 0.0,
                    width,
                    height,
                },
            },
            Item::Image {
                key: art.front.0.to_string(),
                alt: format!("The cover of {}", book.metadata.title),
                rect: art.front.1,
            },
        ],
        links: Vec::new(),
        lines: Vec::new(),
        turned: Vec::new(),
        tags: Vec::new(),
        turned_tags: Vec::new(),
        clockwise: true,
    };

    // The back: the title, then the description, above the barcode area.
    let left = wrap.bleed + SAFE;
    let measure = wrap.trim.width - 2.0 * SAFE;
    let bottom = if barcode {
        barcode_area(wrap).y - 0.25 * INCH
    } else {
        wrap.bleed + wrap.trim.height - SAFE
    };
    let mut y = wrap.bleed + SAFE;
    let title = spec(Style::Bold, 16.0, measure, Align::Center);
    y = place(
        &mut page.items,
        ts.set_plain(&book.metadata.title, &title),
        left,
        y,
        16.0,
        20.0,
        bottom,
    );
    y += 14.0;
    if let Some(description) = &book.metadata.description {
        let body = Spec {
            hyphenate: true,
            ..spec(Style::Regular, 11.0, measure, Align::Justify)
        };
        for paragraph in description.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let lines = ts.set_plain(
                &paragraph.split_whitespace().collect::<Vec<_>>().join(" "),
                &body,
            );
            y = place(&mut page.items, lines, left, y, 11.0, 15.0, bottom) + 6.0;
        }
    }

    // The spine: title at the head, authors at the foot, across its middle.
    if wrap.spine_text() {
        let size = ((wrap.spine - 2.0 * SPINE_CLEARANCE) * 0.8).min(14.0);
        let long = wrap.trim.height - 2.0 * SAFE;
        let baseline = wrap.spine / 2.0 + size * 0.35;
        let mut turned = Vec::new();
        let title = ts.set_plain(
            &book.metadata.title,
            &spec(Style::Bold, size, long * 0.6, Align::Left),
        );
        let authors = ts.set_plain(
            &book.matter.byline,
            &spec(Style::Regular, size, long * 0.38, Align::Right),
        );
        for (lines, x) in [(title, SAFE), (authors, SAFE + long * 0.62)] {
            // One line each: what does not fit the spine is left off.
            if let Some(line) = lines.into_iter().next() {
                put_line(&mut turned, line, x, baseline);
            }
        }
        page.turned = turned;
    }
    Ok(page)
}

/// A spec of no indent, unhyphenated.
fn spec(style: Style, size: f32, measure: f32, align: Align) -> Spec {
    Spec {
        style,
        size,
        measure,
        indent: 0.0,
        align,
        hyphenate: false,
    }
}

/// Puts `lines` one below the other from `y` (the first line's top), each
/// `leading` apart, while they end above `bottom`; returns the next
/// line's top.
fn place(
    items: &mut Vec<Item>,
    lines: Vec<Line>,
    x: f32,
    mut y: f32,
    size: f32,
    leading: f32,
    bottom: f32,
) -> f32 {
    for line in lines {
        if y + leading > bottom {
            break;
        }
        put_line(items, line, x, y + size * 0.75);
        y += leading;
    }
    y
}

/// Puts one line's runs at `x`, on `baseline`, in the cover's colour.
fn put_line(items: &mut Vec<Item>, line: Line, x: f32, baseline: f32) {
    for mut run in line.runs {
        run.x += x;
        run.baseline += baseline;
        run.ink.colour = CREAM;
        items.push(Item::Text(run));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::print::Print;
    use crate::model::PageSize;

    fn wrap(pages: usize) -> Wrap {
        let trim = PageSize {
            width: 432.0,
            height: 648.0,
        };
        Wrap::new(&Print::default(), trim, pages)
    }

    #[test]
    fn the_barcode_area_is_on_the_back_clear_of_the_bleed_and_the_spine() {
        let w = wrap(300);
        let area = barcode_area(&w);
        assert_eq!((area.width, area.height), BARCODE);
        assert!(area.x > w.bleed && area.x + area.width <= w.spine_x() - 0.25 * INCH + 0.01);
        assert!(area.y + area.height <= w.bleed + w.trim.height - 0.25 * INCH + 0.01);
    }

    #[test]
    fn the_spine_carries_words_only_from_79_pages() {
        let book = crate::epub::tests::book();
        let art = CoverArt {
            ground: "ground",
            front: (
                "front",
                Rect {
                    x: 0.0,
                    y: 0.0,
                    width: 1.0,
                    height: 1.0,
                },
            ),
        };
        let thin = page(&book, &wrap(78), &art, true).unwrap();
        assert!(thin.turned.is_empty());
        let thick = page(&book, &wrap(300), &art, true).unwrap();
        let words: String = thick
            .turned
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run.text()),
                _ => None,
            })
            .collect();
        assert!(words.contains("Test"), "{words}");
        // The back has the description, above the barcode area.
        let area = barcode_area(&wrap(300));
        let back: Vec<&Item> = thick
            .items
            .iter()
            .filter(|i| matches!(i, Item::Text(_)))
            .collect();
        assert!(!back.is_empty());
        for item in back {
            if let Item::Text(run) = item {
                assert!(
                    run.baseline < area.y && run.end() < wrap(300).spine_x(),
                    "{run:?}"
                );
            }
        }
    }
}
