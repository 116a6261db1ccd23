//! A paragraph's inline content as the boxes, glue and penalties of the
//! line breaker, each with the glyphs it stands for.

use super::{Align, Spec, Typesetter};
use crate::fonts::Style;
use crate::layout::linebreak::{Item, FIL, INFINITE_PENALTY};
use crate::layout::shape::shape;
use crate::model::{Inline, LinkTarget, PhraseKind};

/// A stretch of text in one style, size and link.
#[derive(Debug, Clone)]
pub(super) struct Span {
    /// The characters.
    pub(super) text: String,
    /// The face.
    pub(super) style: Style,
    /// Font size in points.
    pub(super) size: f32,
    /// Raise above the baseline in points (footnote marks).
    pub(super) rise: f32,
    /// Index of its link target in the paragraph's list of targets.
    pub(super) link: Option<usize>,
    /// The footnote this span marks, by id.
    pub(super) footnote: Option<String>,
    /// Breaks are allowed at the joints of an address, without a hyphen.
    pub(super) breakable_url: bool,
    /// The span is (part of) a printed URL or address.
    pub(super) url: bool,
    /// The span stands for a forced line break.
    pub(super) hard_break: bool,
    /// The span is struck through.
    pub(super) strike: bool,
}

/// One glyph with what it needs to be drawn.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// Glyph id in the face.
    pub(super) id: u16,
    /// The face.
    pub(super) style: Style,
    /// Font size in points.
    pub(super) size: f32,
    /// Raise above the baseline in points.
    pub(super) rise: f32,
    /// Advance width in points.
    pub(super) advance: f32,
    /// The text it stands for.
    pub(super) text: String,
    /// Index of its link target, if linked.
    pub(super) link: Option<usize>,
    /// Struck through.
    pub(super) strike: bool,
}

/// What an item of the line breaker stands for.
#[derive(Debug, Clone)]
pub(super) enum Content {
    /// A word's glyphs (a box).
    Glyphs(Vec<Piece>),
    /// An interword space (glue).
    Space(Piece),
    /// The hyphen drawn if the line breaks here (a flagged penalty).
    Hyphen(Piece),
    /// A footnote mark's anchor (an empty box).
    Footnote(String),
    /// Nothing drawn.
    Nothing,
}

impl Typesetter {
    /// Builds the boxes, glue and penalties of a paragraph.
    pub(super) fn items(
        &mut self,
        spans: &[Span],
        spec: &Spec,
        split_everywhere: bool,
    ) -> (Vec<Item>, Vec<Content>) {
        let mut items = Vec::new();
        let mut contents = Vec::new();
        let justify = spec.align == Align::Justify;
        if spec.indent > 0.0 {
            items.push(Item::Box {
                width: f64::from(spec.indent),
            });
            contents.push(Content::Nothing);
        }
        let mut word: Vec<Piece> = Vec::new();
        let push_word =
            |word: &mut Vec<Piece>, items: &mut Vec<Item>, contents: &mut Vec<Content>| {
                if !word.is_empty() {
                    let width: f32 = word.iter().map(|p| p.advance).sum();
                    items.push(Item::Box {
                        width: f64::from(width),
                    });
                    contents.push(Content::Glyphs(std::mem::take(word)));
                }
            };
        for span in spans {
            if span.hard_break {
                push_word(&mut word, &mut items, &mut contents);
                push_forced_break(&mut items, &mut contents);
                continue;
            }
            for (style, text) in self.cover(span) {
                let hyphen_points = if spec.hyphenate && !span.breakable_url {
                    self.hyphen_points(&text)
                } else {
                    Vec::new()
                };
                let glyphs = self.shape_words(style, &text, span.size);
                let font = self.fonts.get(style);
                let hyphen = (spec.hyphenate && !hyphen_points.is_empty())
                    .then(|| shape(font, "-", span.size).into_iter().next())
                    .flatten();
                let mut previous_char: Option<char> = None;
                let mut previous_cluster = None;
                for glyph in glyphs {
                    let c = text[glyph.cluster..].chars().next().unwrap_or(' ');
                    let first_of_cluster = previous_cluster != Some(glyph.cluster);
                    previous_cluster = Some(glyph.cluster);
                    let piece = Piece {
                        id: glyph.id,
                        style,
                        size: span.size,
                        rise: span.rise,
                        advance: glyph.advance,
                        text: glyph.text,
                        link: span.link,
                        strike: span.strike,
                    };
                    if first_of_cluster && matches!(c, ' ' | '\n' | '\t') {
                        push_word(&mut word, &mut items, &mut contents);
                        let space = f64::from(glyph.advance);
                        let (stretch, shrink) = if justify {
                            (space / 2.0, space / 3.0)
                        } else {
                            (0.0, 0.0)
                        };
                        items.push(Item::Glue {
                            width: space,
                            stretch,
                            shrink,
                        });
                        let mut space_piece = piece;
                        space_piece.text = " ".to_string();
                        contents.push(Content::Space(space_piece));
                        previous_char = Some(' ');
                        continue;
                    }
                    if first_of_cluster && !word.is_empty() {
                        let hyphen_cost = hyphen_points
                            .iter()
                            .find(|(at, _)| *at == glyph.cluster)
                            .map(|(_, cost)| *cost);
                        let break_here = if let Some(cost) = hyphen_cost {
                            hyphen.as_ref().map(|h| (cost, true, Some(h)))
                        } else if breaks_after(previous_char, c, span.breakable_url) {
                            Some((if span.breakable_url { 50.0 } else { 100.0 }, false, None))
                        } else if split_everywhere {
                            Some((1000.0, false, None))
                        } else {
                            None
                        };
                        if let Some((cost, flagged, hyphen)) = break_here {
                            push_word(&mut word, &mut items, &mut contents);
                            let width = hyphen.map_or(0.0, |h| f64::from(h.advance));
                            items.push(Item::Penalty {
                                width,
                                cost,
                                flagged,
                            });
                            contents.push(match hyphen {
                                Some(h) => Content::Hyphen(Piece {
                                    id: h.id,
                                    advance: h.advance,
                                    text: "-".to_string(),
                                    link: None,
                                    ..piece.clone()
                                }),
                                None => Content::Nothing,
                            });
                        }
                    }
                    if first_of_cluster {
                        previous_char = Some(c);
                    }
                    word.push(piece);
                }
            }
            if let Some(id) = &span.footnote {
                push_word(&mut word, &mut items, &mut contents);
                items.push(Item::Box { width: 0.0 });
                contents.push(Content::Footnote(id.clone()));
            }
        }
        push_word(&mut word, &mut items, &mut contents);
        // Strip trailing spaces, then end the paragraph: infinite stretch, forced break.
        while matches!(
            items.last(),
            Some(Item::Glue { .. }) | Some(Item::Penalty { .. })
        ) {
            items.pop();
            contents.pop();
        }
        items.push(Item::Penalty {
            width: 0.0,
            cost: INFINITE_PENALTY,
            flagged: false,
        });
        contents.push(Content::Nothing);
        push_forced_break(&mut items, &mut contents);
        (items, contents)
    }

    /// Splits a span into runs of one face each, replacing characters no
    /// face has (reported once per build).
    fn cover(&mut self, span: &Span) -> Vec<(Style, String)> {
        let mut runs: Vec<(Style, String)> = Vec::new();
        for c in span.text.chars() {
            // Every face has printable ASCII.
            let style = if (c.is_whitespace() && c != '\u{a0}') || c.is_ascii_graphic() {
                Some(span.style)
            } else {
                self.fonts.cover(span.style, c)
            };
            // A character no face has is left out (never drawn as an empty
            // box); `check::warnings` reports it to the author, once.
            let Some(style) = style else {
                continue;
            };
            match runs.last_mut() {
                Some((s, text)) if *s == style => text.push(c),
                _ => runs.push((style, c.to_string())),
            }
        }
        runs
    }
}

/// Whether a line may break between `previous` and `next` without a hyphen:
/// after a hyphen or dash, and inside URLs at their natural joints.
fn breaks_after(previous: Option<char>, next: char, url: bool) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    if url {
        return (previous == '/' && next != '/')
            || (matches!(next, '.' | '?' | '#' | '&' | '=' | '_' | '-') && previous != '/');
    }
    // Not after a hyphen: text extraction takes a hyphen at the end of a
    // line for a hyphenation and would join the compound's halves.
    matches!(previous, '–' | '—' | '/') && next.is_alphanumeric()
}

/// Flattens inline markup into styled spans.
pub(super) fn flatten(
    content: &[Inline],
    style: Style,
    size: f32,
    link: Option<usize>,
    links: &mut Vec<LinkTarget>,
    spans: &mut Vec<Span>,
) {
    let span = |text: String, style: Style, size: f32| Span {
        breakable_url: text.contains("://") || text.starts_with("www."),
        url: text.contains("://") || text.starts_with("www."),
        text,
        style,
        size,
        rise: 0.0,
        link,
        footnote: None,
        hard_break: false,
        strike: false,
    };
    for inline in content {
        match inline {
            Inline::Text { text } => spans.push(span(text.clone(), style, size)),
            Inline::Emphasis { content } => {
                flatten(content, style.with_italic(), size, link, links, spans)
            }
            Inline::Strong { content } => {
                flatten(content, style.with_bold(), size, link, links, spans)
            }
            Inline::Code { code } => {
                let mut s = span(code.clone(), Style::Mono, size * 0.86);
                s.breakable_url = true;
                spans.push(s);
            }
            Inline::Link {
                target, content, ..
            } => {
                links.push(target.clone());
                let index = links.len() - 1;
                let before = spans.len();
                flatten(content, style, size, Some(index), links, spans);
                if let LinkTarget::External { .. } = target {
                    for s in &mut spans[before..] {
                        let address = !s.text.contains(' ') && (s.text.contains(['/', '@', ':']));
                        s.breakable_url |= address;
                        s.url |= address;
                    }
                }
            }
            Inline::Image { image } => {
                // A picture cannot sit in a justified line of this size; its
                // description stands in for it.
                spans.push(span(format!("[{}]", image.alt), style.with_italic(), size));
            }
            Inline::FootnoteRef { id, number } => {
                let mut s = span(number.to_string(), style, size * 0.62);
                s.rise = size * 0.36;
                s.footnote = Some(id.clone());
                s.breakable_url = false;
                spans.push(s);
            }
            // A box in words a reader of the print can tick by hand.
            Inline::Task { done } => {
                let text = if *done { "[x]" } else { "[\u{a0}]" };
                spans.push(span(text.to_string(), Style::Mono, size * 0.86));
                spans.push(span(" ".to_string(), style, size));
            }
            // Set as a destination by the flow, at its block.
            Inline::Anchor { .. } => {}
            Inline::Phrase { kind, content, .. } => {
                phrase(*kind, content, style, size, link, links, spans)
            }
            Inline::HardBreak => spans.push(Span {
                hard_break: true,
                ..span(String::new(), style, size)
            }),
        }
    }
}

/// Flattens a phrase: each kind in its type (classes and spans are neutral
/// in print).
fn phrase(
    kind: PhraseKind,
    content: &[Inline],
    style: Style,
    size: f32,
    link: Option<usize>,
    links: &mut Vec<LinkTarget>,
    spans: &mut Vec<Span>,
) {
    let before = spans.len();
    match kind {
        PhraseKind::Keyboard => flatten(content, Style::Mono, size * 0.86, link, links, spans),
        PhraseKind::Small => flatten(content, style, size * 0.85, link, links, spans),
        PhraseKind::Citation => flatten(content, style.with_italic(), size, link, links, spans),
        PhraseKind::Quotation => {
            let quoted = [
                Inline::Text { text: "“".into() },
                Inline::Phrase {
                    kind: PhraseKind::Span,
                    classes: Vec::new(),
                    title: None,
                    content: content.to_vec(),
                },
                Inline::Text { text: "”".into() },
            ];
            flatten(&quoted, style, size, link, links, spans)
        }
        PhraseKind::Superscript | PhraseKind::Subscript => {
            flatten(content, style, size * 0.7, link, links, spans);
            let rise = if kind == PhraseKind::Superscript {
                size * 0.33
            } else {
                -size * 0.15
            };
            spans[before..].iter_mut().for_each(|s| s.rise += rise);
        }
        PhraseKind::Strikethrough => {
            flatten(content, style, size, link, links, spans);
            spans[before..].iter_mut().for_each(|s| s.strike = true);
        }
        PhraseKind::Span
        | PhraseKind::Mark
        | PhraseKind::Inserted
        | PhraseKind::Underline
        | PhraseKind::Abbreviation => flatten(content, style, size, link, links, spans),
    }
}

/// Ends a line: glue that fills it (the line is not stretched to the
/// measure), then a break that must be taken.
fn push_forced_break(items: &mut Vec<Item>, contents: &mut Vec<Content>) {
    items.push(Item::Glue {
        width: 0.0,
        stretch: FIL,
        shrink: 0.0,
    });
    contents.push(Content::Nothing);
    items.push(Item::Penalty {
        width: 0.0,
        cost: -INFINITE_PENALTY,
        flagged: false,
    });
    contents.push(Content::Nothing);
}
