//! Page furniture: the running head (book title on versos, part title on
//! rectos, none on openings) and the folio.

use super::document::{Item, Page, PageRole};
use super::geometry::Geometry;
use super::text::{Align, Spec, Typesetter};
use super::SheetView;
use crate::fonts::Style;
use crate::model::design::Folio;
use crate::model::Book;

/// A running head that fits between the folios: the whole title, else
/// its part before a colon, else as many words as fit and an ellipsis.
fn running_head(ts: &mut Typesetter, title: &str, spec: &Spec, room: f32) -> String {
    let wide = Spec {
        measure: 10_000.0,
        ..*spec
    };
    let mut fits = |text: &str| {
        ts.set_small_caps(text, &wide)
            .first()
            .is_some_and(|l| l.width <= room)
    };
    if fits(title) {
        return title.to_string();
    }
    if let Some((before, _)) = title.split_once(':') {
        if fits(before) {
            return before.to_string();
        }
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    (1..words.len())
        .rev()
        .map(|n| {
            format!(
                "{}…",
                words[..n].join(" ").trim_end_matches([',', ':', ';'])
            )
        })
        .find(|text| fits(text))
        .unwrap_or_default()
}

/// Draws the running head and the folio of a page.
pub(super) fn draw(
    ts: &mut Typesetter,
    g: &Geometry,
    book: &Book,
    sheet: &SheetView<'_>,
    index: usize,
    label: &str,
    page: &mut Page,
) {
    let block = page.text_block;
    let size = (g.size * 0.86 * 2.0).round() / 2.0;
    let spec = |style, align| Spec {
        style,
        size,
        measure: block.width,
        indent: 0.0,
        align,
        hyphenate: false,
    };
    let put = |ts: &mut Typesetter,
               text: &str,
               small_caps: bool,
               align: Align,
               baseline: f32,
               page: &mut Page| {
        let spec = spec(Style::Regular, align);
        let lines = if small_caps {
            ts.set_small_caps(text, &spec)
        } else {
            ts.set_plain(text, &spec)
        };
        for line in lines.into_iter().take(1) {
            for mut run in line.runs {
                run.x += block.x;
                run.baseline += baseline;
                page.items.push(Item::Text(run));
            }
        }
    };
    let recto = index.is_multiple_of(2);
    let outer = if recto { Align::Right } else { Align::Left };
    let head_line = block.y - g.leading * 1.5;
    let foot_line = block.y + block.height + g.leading * 1.5;
    let design = &g.design;
    // Where the folio goes on this page, if anywhere.
    let folio = match (sheet.role, design.folio) {
        (PageRole::Text | PageRole::Contents, Folio::Outer) => Some((outer, head_line)),
        (PageRole::Text | PageRole::Contents | PageRole::Opening, Folio::BottomOuter) => {
            Some((outer, foot_line))
        }
        (PageRole::Text | PageRole::Contents | PageRole::Opening, _) => {
            Some((Align::Center, foot_line))
        }
        _ => None,
    };
    if matches!(sheet.role, PageRole::Text | PageRole::Contents) && design.running_heads {
        let head = if recto {
            sheet.head
        } else {
            book.metadata.title.as_str()
        };
        let room = if design.folio == Folio::Outer {
            block.width - size * 8.0
        } else {
            block.width
        };
        let head = running_head(ts, head, &spec(Style::Regular, Align::Center), room);
        put(ts, &head, true, Align::Center, head_line, page);
    }
    if let Some((align, baseline)) = folio {
        put(ts, label, false, align, baseline, page);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_running_head_is_shortened_to_fit_between_the_folios() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let spec = Spec {
            style: Style::Regular,
            size: 9.0,
            measure: 300.0,
            indent: 0.0,
            align: Align::Center,
            hyphenate: false,
        };
        let short = "Conclusion";
        assert_eq!(running_head(&mut ts, short, &spec, 200.0), short);
        let long = "Kavadh I, Khosrow I, and the Sasanian Quest for Supremacy: A Long Subtitle";
        let head = running_head(&mut ts, long, &spec, 200.0);
        assert!(
            head.starts_with("Kavadh I, Khosrow I") && head.ends_with('…'),
            "{head}"
        );
        let colon = "Blame and Justification: Belisarius on Trial in the Court of Opinion";
        assert_eq!(
            running_head(&mut ts, colon, &spec, 200.0),
            "Blame and Justification"
        );
    }
}
