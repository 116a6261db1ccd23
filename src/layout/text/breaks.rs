//! Where a paragraph's lines break: its content as spans (page
//! references filled in, footnote marks linked to their notes), the
//! breaker's passes from tight to loose (TeX's emergency stretch, then a
//! break between any two letters), and the narrowest and widest the
//! content can be set (a table's cells).

use super::items::{self, flatten, Content};
use super::{Align, Hang, Line, Spec, Typesetter};
use crate::fonts::Style;
use crate::layout::linebreak::{break_lines, Item, Params, INFINITE_PENALTY};
use crate::model::{Inline, LinkTarget};

impl Typesetter {
    /// The narrowest and the widest `content` can be set in `spec`'s face
    /// and size, in points: its widest piece that no line may break
    /// (min-content, hyphens aside) and its widest line when no line is
    /// broken but where it must be (max-content), as a browser measures a
    /// table's cells.
    pub fn widths(&mut self, content: &[Inline], spec: &Spec) -> (f32, f32) {
        let (spans, _) = self.spans(content, spec);
        let spec = Spec {
            hyphenate: false,
            indent: 0.0,
            align: Align::Left,
            ..*spec
        };
        let (mut text, mut pieces) = (String::new(), Vec::new());
        let (items, _) = self.items(&spans, &spec, false, &mut text, &mut pieces);
        let (mut min, mut max, mut word, mut line) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for item in items {
            match item {
                Item::Box { width } => {
                    word += width;
                    line += width;
                }
                Item::Glue { width, .. } => {
                    min = min.max(word);
                    word = 0.0;
                    line += width;
                }
                Item::Penalty { cost, .. } => {
                    if cost < INFINITE_PENALTY {
                        min = min.max(word);
                        word = 0.0;
                    }
                    if cost <= -INFINITE_PENALTY {
                        max = max.max(line);
                        line = 0.0;
                    }
                }
            }
        }
        (min.max(word) as f32, max.max(line) as f32)
    }

    /// The content as spans of one style, with its link targets (footnote
    /// marks linked to their notes).
    fn spans(&self, content: &[Inline], spec: &Spec) -> (Vec<items::Span>, Vec<LinkTarget>) {
        let mut spans = Vec::new();
        let mut links = Vec::new();
        flatten(content, spec.style, spec.size, None, &mut links, &mut spans);
        // A cross-reference's page after its text: the `see_page` label
        // ("page {n}") filled, unbreakable ("?" while the page is not
        // known yet).
        for span in spans.iter_mut() {
            if let Some(name) = &span.page_ref {
                let number = self.page_numbers.get(name).map_or("?", String::as_str);
                let words = crate::model::fill(&self.page_word, &[("n", number)]);
                span.text = format!(" {}", words.replace(' ', "\u{a0}"));
            }
        }
        if self.code_whole {
            for span in spans
                .iter_mut()
                .filter(|s| s.style == Style::Mono && !s.url)
            {
                span.breakable_url = false;
            }
        }
        // A footnote mark leads to its note.
        for span in spans.iter_mut().filter(|s| s.link.is_none()) {
            if let Some(id) = &span.footnote {
                links.push(LinkTarget::Internal {
                    chapter: self.chapter.clone(),
                    anchor: Some(id.clone()),
                });
                span.link = Some(links.len() - 1);
            }
        }
        (spans, links)
    }

    /// Sets inline content as lines, the first `hang.lines` of them
    /// `hang.width` shorter (beside a drop cap); each line is positioned
    /// from its own left end, which the caller moves right by the width.
    pub fn set_hanging(&mut self, content: &[Inline], spec: &Spec, hang: Hang) -> Vec<Line> {
        let (spans, links) = self.spans(content, spec);
        // A line that ends inside a URL has no space to stretch: such
        // paragraphs are set ragged right.
        let mut spec = *spec;
        if spans.iter().any(|s| s.url) && spec.align == Align::Justify {
            spec.align = Align::Left;
        }
        let spec = &spec;
        let (mut text, mut pieces) = (String::new(), Vec::new());
        let (items, contents) = self.items(&spans, spec, false, &mut text, &mut pieces);
        let justify = spec.align == Align::Justify;
        let width = |line: usize| {
            let short = if line < hang.lines { hang.width } else { 0.0 };
            f64::from(spec.measure - short)
        };
        let breaks = if justify {
            let no_hyphens: Vec<Item> = items
                .iter()
                .zip(&contents)
                .map(|(item, content)| match content {
                    Content::Hyphen(_) => Item::Penalty {
                        width: 0.0,
                        cost: INFINITE_PENALTY,
                        flagged: true,
                    },
                    _ => *item,
                })
                .collect();
            let first = Params {
                max_ratio: 1.0,
                ..Params::default()
            };
            // TeX's \emergencystretch: a third pass that rates every line
            // as if it had 1 em more stretch, so that the looseness is
            // spread evenly instead of bought with a hyphen on every line.
            let emergency = Params {
                line_stretch: f64::from(spec.size),
                ..Params::default()
            };
            let loose = Params {
                max_ratio: 10.0,
                ..Params::default()
            };
            // Before any break inside a word: loose lines rated with the
            // emergency stretch, which a line with no stretchable space (all
            // inline code, say) needs to be set at all.
            let underfull = Params {
                line_stretch: f64::from(spec.size),
                ..loose
            };
            break_lines(&no_hyphens, &width, &first)
                .or_else(|| break_lines(&items, &width, &Params::default()))
                .or_else(|| break_lines(&items, &width, &emergency))
                .or_else(|| break_lines(&items, &width, &loose))
                .or_else(|| break_lines(&items, &width, &underfull))
        } else {
            break_lines(&items, &width, &ragged(spec))
        };
        let (items, contents, breaks) = match breaks {
            Some(breaks) => (items, contents, breaks),
            None => {
                // Last resort: allow a break between any two letters.
                text.clear();
                pieces.clear();
                let (items, contents) = self.items(&spans, spec, true, &mut text, &mut pieces);
                let params = if justify {
                    Params {
                        max_ratio: 4.0,
                        emergency: true,
                        ..Params::default()
                    }
                } else {
                    Params {
                        emergency: true,
                        ..ragged(spec)
                    }
                };
                let breaks = break_lines(&items, &width, &params).unwrap_or_default();
                (items, contents, breaks)
            }
        };
        let set = (text.as_str(), &pieces[..]);
        self.lines(&items, contents, set, &breaks, spec, &links, hang)
    }
}

/// Ragged-right setting: every line may fall short by up to three ems at
/// the cost of a fully stretched justified line.
fn ragged(spec: &Spec) -> Params {
    Params {
        max_ratio: 100.0,
        line_stretch: f64::from(spec.size) * 3.0,
        ..Params::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::LineImage;
    use super::*;
    use crate::layout::document::GlyphRun;
    use std::sync::Arc;

    fn spec(measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size: 10.5,
            measure,
            indent: 0.0,
            align: Align::Justify,
            hyphenate: true,
        }
    }

    const TEXT: &str = "Belisarius drew up his army with its back to the river Euphrates, \
        so that the Persians could not outflank it; the infantry held the left, the Lycaonian \
        foot the right, and the Arab allies under al-Harith stood on the high ground beyond.";

    fn line_text(line: &Line) -> String {
        line.runs.iter().map(GlyphRun::text).collect()
    }

    #[test]
    fn justified_lines_fill_the_measure_and_never_exceed_it() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let lines = ts.set_plain(TEXT, &spec(200.0));
        assert!(lines.len() >= 4);
        for line in &lines[..lines.len() - 1] {
            let end = line.runs.last().map_or(0.0, GlyphRun::end);
            assert!(
                (end - 200.0).abs() < 0.05,
                "line ends at {end}: {}",
                line_text(line)
            );
        }
        for line in &lines {
            assert!(line.runs.last().map_or(0.0, GlyphRun::end) <= 200.05);
        }
    }

    #[test]
    fn a_last_line_a_little_too_long_is_shrunk_not_squeezed() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let text = "An author appendix, before the generated FAQ and resources page.";
        let natural = ts.set_plain(text, &spec(10_000.0))[0].width;
        let lines = ts.set_plain(text, &spec(natural - 3.0));
        assert_eq!(lines.len(), 1);
        let end = lines[0].runs.last().map_or(0.0, GlyphRun::end);
        assert!((end - (natural - 3.0)).abs() < 0.05, "{end}");
    }

    #[test]
    fn joined_lines_give_back_the_text_without_added_hyphens() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        for measure in [120.0, 150.0, 200.0] {
            let lines = ts.set_plain(TEXT, &spec(measure));
            let joined = lines.iter().map(line_text).collect::<Vec<_>>();
            let mut text = String::new();
            for (line, set) in joined.iter().zip(&lines) {
                text.push_str(line);
                if set.hyphenated {
                    text.pop();
                } else {
                    text.push(' ');
                }
            }
            assert_eq!(text.trim_end(), TEXT);
        }
    }

    #[test]
    fn narrow_measures_hyphenate() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let text = "the administration reconsidered its extraordinarily unconventional \
            fortifications and the uncomfortable responsibilities of commanders";
        let lines = ts.set_plain(text, &spec(95.0));
        assert!(lines.iter().any(|l| l.hyphenated));
    }

    #[test]
    fn a_long_url_breaks_at_its_joints_inside_the_measure() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let url = "https://www.example.org/wiki/The_Battle_of_Callinicum_and_the_Persian_Wars_of_Justinian";
        let content = vec![Inline::Link {
            target: LinkTarget::External {
                url: url.to_string(),
            },
            title: None,
            content: vec![Inline::Text {
                text: url.to_string(),
            }],
        }];
        let lines = ts.set(
            &content,
            &Spec {
                align: Align::Left,
                ..spec(150.0)
            },
        );
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(line.runs.last().map_or(0.0, GlyphRun::end) <= 150.05);
        }
        let text: String = lines.iter().map(line_text).collect();
        assert_eq!(text, url);
        assert!(lines.iter().all(|l| !l.hyphenated));
    }

    #[test]
    fn inline_images_are_boxes_at_text_height_within_the_measure() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        ts.image_sizes = Arc::new(
            [
                ("big.png".to_string(), (400, 200)),
                ("dot.png".to_string(), (4, 4)),
                ("wide.svg".to_string(), (9000, 10)),
            ]
            .into(),
        );
        let image = |src: &str, width| Inline::Image {
            image: crate::model::Image {
                src: src.into(),
                alt: "alt".into(),
                width,
            },
        };
        let t = |s: &str| Inline::Text { text: s.into() };
        let content = [
            t("A "),
            image("big.png", None),
            t(" and "),
            image("dot.png", None),
            t(" then "),
            image("wide.svg", None),
            t(" and "),
            image("gone.png", None),
            image("big.png", Some(8)),
        ];
        let spec = Spec {
            align: Align::Left,
            ..spec(200.0)
        };
        let lines = ts.set(&content, &spec);
        let images: Vec<&LineImage> = lines.iter().flat_map(|l| &l.images).collect();
        assert_eq!(images.len(), 4);
        // Scaled to the text's height (three quarters of the size), aspect kept.
        assert!((images[0].height - 10.5 * 0.75).abs() < 0.01, "{images:?}");
        assert!((images[0].width - 2.0 * images[0].height).abs() < 0.01);
        // Small enough already: its own size, 4 px at 96 px/in.
        assert!((images[1].width - 3.0).abs() < 0.01 && (images[1].height - 3.0).abs() < 0.01);
        // Never wider than the measure.
        assert!(images[2].width <= 200.0 + 0.01);
        // The width asked for, 8 px = 6 pt.
        assert!((images[3].width - 6.0).abs() < 0.01);
        // An image the book does not have keeps its description.
        let text: String = lines
            .iter()
            .flat_map(|l| &l.runs)
            .map(GlyphRun::text)
            .collect();
        assert!(
            text.contains("[alt]") && !text.contains("[alt][alt]"),
            "{text}"
        );
        for line in &lines {
            for image in &line.images {
                assert!(image.x >= 0.0 && image.x + image.width <= 200.05);
            }
        }
    }

    #[test]
    fn widths_are_the_widest_word_and_the_whole_line() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let spec = spec(10_000.0);
        let whole = |ts: &mut Typesetter, s: &str| ts.set_plain(s, &spec)[0].width;
        let (min, max) = ts.widths(
            &[Inline::Text {
                text: "a considerable army".into(),
            }],
            &spec,
        );
        assert!((min - whole(&mut ts, "considerable")).abs() < 0.01, "{min}");
        assert!(
            (max - whole(&mut ts, "a considerable army")).abs() < 0.01,
            "{max}"
        );
        // Code breaks at its joints in running text, but in a table cell
        // (`code_whole`) only at its spaces.
        let code = [Inline::Code {
            code: "orchard::summarise x".into(),
        }];
        let (joints, _) = ts.widths(&code, &spec);
        ts.code_whole = true;
        let (whole_code, max) = ts.widths(&code, &spec);
        ts.code_whole = false;
        assert!(whole_code > joints, "{whole_code} vs {joints}");
        assert!(whole_code < max);
        // A forced break ends a line: the widest line counts.
        let broken = [
            Inline::Text {
                text: "short".into(),
            },
            Inline::HardBreak,
            Inline::Text {
                text: "a longer line".into(),
            },
        ];
        let (_, max) = ts.widths(&broken, &spec);
        assert!(
            (max - whole(&mut ts, "a longer line")).abs() < 0.01,
            "{max}"
        );
    }

    #[test]
    fn inline_code_keeps_natural_spaces_and_breaks_only_at_its_joints() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let t = |s: &str| Inline::Text { text: s.into() };
        let code = |s: &str| Inline::Code { code: s.into() };
        let content = [
            t("To plant a row, run "),
            code("cargo run --release -- plant --row 14"),
            t(" from the folder, then read the whole report that "),
            code("orchard::ledger::summarise_every_row(records)"),
            t(" prints, and rest after the long day in the orchard."),
        ];
        for measure in [130.0, 160.0, 200.0, 250.0] {
            let lines = ts.set(&content, &spec(measure));
            let mono = || {
                lines
                    .iter()
                    .flat_map(|l| &l.runs)
                    .filter(|r| r.style == Style::Mono)
            };
            for run in mono() {
                for pair in run.glyphs.windows(2) {
                    let gap = pair[1].x - pair[0].x;
                    assert!((gap - pair[0].advance).abs() < 0.01, "{measure}: {run:?}");
                }
            }
            let texts: Vec<String> = mono().map(GlyphRun::text).collect();
            for word in ["--release", "summarise_every_row", "ledger", "records"] {
                assert!(
                    texts.iter().any(|t| t.contains(word)),
                    "{measure}: `{word}` split in {texts:?}"
                );
            }
        }
    }

    #[test]
    fn uncovered_characters_are_dropped_not_drawn() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let lines = ts.set_plain("a \u{1F600} b", &spec(200.0));
        assert_eq!(line_text(&lines[0]), "a  b");
        assert!(lines[0]
            .runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .all(|g| g.id != 0));
    }

    #[test]
    fn struck_text_gets_a_strike_across_it_only() {
        let mut ts = Typesetter::new("en").unwrap();
        let content = [
            Inline::Text {
                text: "keep ".into(),
            },
            Inline::Phrase {
                kind: crate::model::PhraseKind::Strikethrough,
                classes: Vec::new(),
                title: None,
                content: vec![Inline::Text {
                    text: "two words".into(),
                }],
            },
            Inline::Text {
                text: " keep".into(),
            },
        ];
        let lines = ts.set(&content, &spec(400.0));
        assert_eq!(lines.len(), 1);
        let strikes = &lines[0].strikes;
        assert_eq!(strikes.len(), 1, "{strikes:?}");
        let (from, to, _) = strikes[0];
        // It starts after "keep" and its space, and spans the struck words.
        let plain = ts.set_plain("keep", &spec(400.0))[0].width;
        let struck = ts.set_plain("two words", &spec(400.0))[0].width;
        assert!(from > plain && from < plain + 5.0, "{from} vs {plain}");
        assert!(
            (to - from - struck).abs() < 1.0,
            "{} vs {struck}",
            to - from
        );
    }
}
