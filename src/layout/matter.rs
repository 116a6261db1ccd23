//! The generated opening pages: half-title, title page and copyright page,
//! set from the book's generated matter ([`crate::model::Matter`]).

use super::document::PageRole;
use super::flow::Slot;
use super::geometry::Geometry;
use super::paginate::PageContent;
use super::text::{Align, Spec, Typesetter};
use crate::fonts::Style;
use crate::model::{Book, Inline, Span};

/// Lines of centred or flush-left text, each line a slot of `leading`.
fn lines(
    ts: &mut Typesetter,
    g: &Geometry,
    text: &str,
    style: Style,
    size: f32,
    leading: f32,
    align: Align,
) -> Vec<Slot> {
    let spec = Spec {
        style,
        size,
        measure: g.measure(),
        indent: 0.0,
        align,
        hyphenate: false,
    };
    let set = ts.set_plain(text, &spec);
    slots(set, size, leading)
}

/// A paragraph of generated spans (italic or upright), flush left.
fn spans(ts: &mut Typesetter, g: &Geometry, spans: &[Span], size: f32, leading: f32) -> Vec<Slot> {
    let content: Vec<Inline> = spans
        .iter()
        .map(|span| {
            let text = Inline::Text {
                text: span.text.clone(),
            };
            if span.italic {
                Inline::Emphasis {
                    content: vec![text],
                }
            } else {
                text
            }
        })
        .collect();
    let spec = Spec {
        style: Style::Regular,
        size,
        measure: g.measure(),
        indent: 0.0,
        align: Align::Left,
        hyphenate: false,
    };
    let set = ts.set(&content, &spec);
    slots(set, size, leading)
}

fn slots(set: Vec<super::text::Line>, size: f32, leading: f32) -> Vec<Slot> {
    set.into_iter()
        .map(|line| {
            let mut slot = Slot {
                height: leading,
                ..Slot::default()
            };
            for mut run in line.runs {
                run.baseline += size * 0.75;
                slot.items.push(super::document::Item::Text(run));
            }
            slot
        })
        .collect()
}

fn gap(height: f32) -> Slot {
    Slot {
        height,
        ..Slot::default()
    }
}

/// Half-title, its blank verso, title page and copyright page.
pub fn front_pages(ts: &mut Typesetter, g: &Geometry, book: &Book) -> Vec<(PageRole, PageContent)> {
    let meta = &book.metadata;
    let l = g.leading;
    let page = |slots: Vec<Slot>| PageContent {
        slots,
        footnotes: Vec::new(),
    };

    let mut half = vec![gap(l * 7.0)];
    half.extend(lines(
        ts,
        g,
        &meta.title,
        Style::Regular,
        g.size * 1.35,
        l * 1.5,
        Align::Center,
    ));

    let mut title = vec![gap(l * 5.0)];
    let big = (g.size * 2.2).round();
    title.extend(lines(
        ts,
        g,
        &meta.title,
        Style::Regular,
        big,
        big * 1.2,
        Align::Center,
    ));
    if let Some(subtitle) = &meta.subtitle {
        title.push(gap(l));
        title.extend(lines(
            ts,
            g,
            subtitle,
            Style::Italic,
            g.size * 1.3,
            l * 1.3,
            Align::Center,
        ));
    }
    title.push(gap(l * 4.0));
    if !book.matter.byline.is_empty() {
        title.extend(lines(
            ts,
            g,
            &book.matter.byline,
            Style::Regular,
            g.size * 1.2,
            l * 1.3,
            Align::Center,
        ));
    }
    if let Some(publisher) = &meta.publisher {
        let used: f32 = title.iter().map(|s| s.height).sum();
        title.push(gap((g.block_height() - used - l * 2.0).max(l)));
        title.extend(lines(
            ts,
            g,
            publisher,
            Style::Italic,
            g.size,
            l,
            Align::Center,
        ));
    }

    let small = (g.size * 0.81 * 2.0).round() / 2.0;
    let sl = (l * 0.81).round();
    let mut body = Vec::new();
    for (i, paragraph) in book.matter.imprint.iter().enumerate() {
        if i > 0 {
            body.push(gap(sl));
        }
        body.extend(spans(ts, g, paragraph, small, sl));
    }
    let used: f32 = body.iter().map(|s| s.height).sum();
    let mut copyright = vec![gap((g.block_height() - used).max(0.0))];
    copyright.extend(body);

    vec![
        (PageRole::HalfTitle, page(half)),
        (PageRole::Blank, page(Vec::new())),
        (PageRole::Title, page(title)),
        (PageRole::Copyright, page(copyright)),
    ]
}
