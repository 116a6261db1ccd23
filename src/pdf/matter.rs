//! The generated opening pages: half-title, title page and copyright page.

use super::document::PageRole;
use super::flow::Slot;
use super::geometry::Geometry;
use super::paginate::PageContent;
use super::text::{Align, Spec, Typesetter};
use crate::fonts::Style;
use crate::model::Metadata;

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
    ts.set_plain(text, &spec)
        .into_iter()
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
pub fn front_pages(
    ts: &mut Typesetter,
    g: &Geometry,
    meta: &Metadata,
) -> Vec<(PageRole, PageContent)> {
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
    for author in &meta.authors {
        title.extend(lines(
            ts,
            g,
            author,
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
    let year = meta.date.get(..4).unwrap_or_default();
    let mut text: Vec<(String, Style)> = vec![(meta.title.clone(), Style::Italic)];
    if let Some(subtitle) = &meta.subtitle {
        text.push((subtitle.clone(), Style::Italic));
    }
    text.push((String::new(), Style::Regular));
    let authors = meta.authors.join(", ");
    if !authors.is_empty() {
        text.push((format!("Copyright © {year} {authors}"), Style::Regular));
    }
    if let Some(rights) = &meta.rights {
        text.push((rights.clone(), Style::Regular));
    }
    text.push((String::new(), Style::Regular));
    if let Some(publisher) = &meta.publisher {
        text.push((format!("Published by {publisher}"), Style::Regular));
    }
    text.push((format!("First published {}", meta.date), Style::Regular));
    text.push((meta.identifier.clone(), Style::Regular));
    text.push((String::new(), Style::Regular));
    text.push((
        "Set in Charis SIL and Noto Sans Mono.".to_string(),
        Style::Regular,
    ));
    let mut body = Vec::new();
    for (line, style) in &text {
        if line.is_empty() {
            body.push(gap(sl));
        } else {
            body.extend(lines(ts, g, line, *style, small, sl, Align::Left));
        }
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
