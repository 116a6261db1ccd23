//! A paragraph's inline content as the boxes, glue and penalties of the
//! line breaker, each with the glyphs it stands for.

use super::{Align, Spec, Typesetter};
use crate::fonts::Style;
use crate::layout::document::destination_name;
use crate::layout::linebreak::{Item, FIL, INFINITE_PENALTY};
use crate::layout::listing;
use crate::layout::math::{self, MathBox};
use crate::model::pagination::{WordCounter, PAGE_REF};
use crate::model::{Image, Inline, LinkTarget, PhraseKind};
use std::borrow::Cow;

/// An image in a set line, positioned like a glyph.
#[derive(Debug, Clone, PartialEq)]
pub struct LineImage {
    /// Key into the book's images.
    pub key: String,
    /// The alternative text.
    pub alt: String,
    /// Left edge, from the line's start.
    pub x: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points; the image stands on the baseline.
    pub height: f32,
}

/// A formula in a set line, standing on its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMath {
    /// Left edge, from the line's start.
    pub x: f32,
    /// The set formula.
    pub math: MathBox,
}

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
    /// The span is inline code: its spaces keep their width and it breaks
    /// only at spaces and the joints of its syntax.
    pub(super) code: bool,
    /// The span stands for a forced line break.
    pub(super) hard_break: bool,
    /// The span stands for an inline image (its text is the alternative
    /// text, set instead when the image's size is unknown).
    pub(super) image: Option<crate::model::Image>,
    /// The span is struck through.
    pub(super) strike: bool,
    /// The span stands for a formula: its TeX, and whether it is display
    /// math (its text is the TeX too).
    pub(super) math: Option<(String, bool)>,
    /// Its words are the author's (text, code), counted for the page map
    /// ([`WordCounter`]); `false` for what the layout adds (footnote
    /// marks, task boxes, image descriptions).
    pub(super) counted: bool,
    /// The span stands for the page number of a cross-reference: the
    /// destination it names (its text is set by the typesetter).
    pub(super) page_ref: Option<String>,
}

/// One glyph with what it needs to be drawn.
#[derive(Debug, Clone, Copy)]
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
    /// The text it stands for: a byte range of the paragraph's text.
    pub(super) text: (usize, usize),
    /// Index of its link target, if linked.
    pub(super) link: Option<usize>,
    /// Struck through.
    pub(super) strike: bool,
    /// The paragraph's word it belongs to (see [`WordCounter`]).
    pub(super) word: u32,
    /// It begins that word.
    pub(super) word_start: bool,
}

/// What an item of the line breaker stands for.
#[derive(Debug, Clone)]
pub(super) enum Content {
    /// A word's glyphs (a box): a range of the paragraph's pieces.
    Glyphs(usize, usize),
    /// An interword space (glue).
    Space(Piece),
    /// The hyphen drawn if the line breaks here (a flagged penalty).
    Hyphen(Piece),
    /// A footnote mark's anchor (an empty box).
    Footnote(String),
    /// An inline image: the box's width, and this height above the baseline.
    Image(LineImage),
    /// A formula: one box, never broken inside.
    Math(LineMath),
    /// Nothing drawn.
    Nothing,
}

impl Typesetter {
    /// Builds the boxes, glue and penalties of a paragraph; the glyphs of
    /// its words are appended to `pieces` and the text they stand for to
    /// `text`, which the contents index.
    pub(super) fn items(
        &mut self,
        spans: &[Span],
        spec: &Spec,
        split_everywhere: bool,
        text: &mut String,
        pieces: &mut Vec<Piece>,
    ) -> (Vec<Item>, Vec<Content>) {
        // About one item per three bytes of text (words, spaces, hyphens).
        let length: usize = spans.iter().map(|s| s.text.len()).sum();
        let mut items = Vec::with_capacity(length / 3 + 8);
        let mut contents = Vec::with_capacity(length / 3 + 8);
        pieces.reserve(length);
        text.reserve(length + 16);
        let justify = spec.align == Align::Justify;
        if spec.indent > 0.0 {
            items.push(Item::Box {
                width: f64::from(spec.indent),
            });
            contents.push(Content::Nothing);
        }
        // The word being built: the pieces from `word` on.
        let mut word = pieces.len();
        // The author's words, counted for the page map.
        let mut counter = WordCounter::new();
        let push_word = |word: &mut usize,
                         pieces: &[Piece],
                         items: &mut Vec<Item>,
                         contents: &mut Vec<Content>| {
            if pieces.len() > *word {
                let width: f32 = pieces[*word..].iter().map(|p| p.advance).sum();
                items.push(Item::Box {
                    width: f64::from(width),
                });
                contents.push(Content::Glyphs(*word, pieces.len()));
                *word = pieces.len();
            }
        };
        for span in spans {
            if span.hard_break {
                counter.space();
                push_word(&mut word, pieces, &mut items, &mut contents);
                push_forced_break(&mut items, &mut contents);
                continue;
            }
            if let Some(image) = span
                .image
                .as_ref()
                .and_then(|i| self.inline_image(i, span.size, spec))
            {
                // A box beside the word's: no break between them.
                push_word(&mut word, pieces, &mut items, &mut contents);
                items.push(Item::Box {
                    width: f64::from(image.width),
                });
                contents.push(Content::Image(image));
                continue;
            }
            if let Some((tex, display)) = &span.math {
                // A box beside the word's: no break between them.
                push_word(&mut word, pieces, &mut items, &mut contents);
                let math = math::set(&self.fonts, tex, *display, span.size);
                items.push(Item::Box {
                    width: f64::from(math.width),
                });
                contents.push(Content::Math(LineMath { x: 0.0, math }));
                continue;
            }
            for (style, run) in self.cover(span) {
                // Chinese and Japanese break between ideographs (UAX #14)
                // and are never hyphenated.
                let ideographic = ideographic_breaks(&run);
                let hyphenate =
                    spec.hyphenate && !span.breakable_url && !span.code && ideographic.is_empty();
                let (glyphs, hyphen_points) = self.set_words(style, &run, span.size, hyphenate);
                let mut next_ideographic = ideographic.iter().peekable();
                // Hyphen points and clusters both come in text order.
                let mut next_point = hyphen_points.iter().peekable();
                let hyphen = (spec.hyphenate && !hyphen_points.is_empty())
                    .then(|| self.mark(style, span.size, "-"))
                    .flatten();
                let base = text.len();
                text.push_str(&run);
                let extra = |extra: &str, text: &mut String| {
                    text.push_str(extra);
                    (text.len() - extra.len(), text.len())
                };
                let mut previous_char: Option<char> = None;
                // The character before `previous_char`, for code's joints.
                let mut before_previous: Option<char> = None;
                let mut previous_cluster = None;
                for glyph in glyphs {
                    let c = run[glyph.cluster..].chars().next().unwrap_or(' ');
                    let first_of_cluster = previous_cluster != Some(glyph.cluster);
                    previous_cluster = Some(glyph.cluster);
                    let start = base + glyph.cluster;
                    let mut word_start = false;
                    if span.counted && first_of_cluster {
                        // Every character of the cluster is fed (a ligature).
                        for c in run[glyph.cluster..glyph.cluster + glyph.len].chars() {
                            word_start |= counter.feed(c).is_some();
                        }
                    }
                    let piece = Piece {
                        id: glyph.id,
                        style,
                        size: span.size,
                        rise: span.rise,
                        advance: glyph.advance,
                        text: (start, start + glyph.len),
                        link: span.link,
                        strike: span.strike,
                        word: counter.current() as u32,
                        word_start,
                    };
                    if first_of_cluster && matches!(c, ' ' | '\n' | '\t') {
                        push_word(&mut word, pieces, &mut items, &mut contents);
                        let space = f64::from(glyph.advance);
                        let (stretch, shrink) = if justify && !span.code {
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
                        if c != ' ' {
                            space_piece.text = extra(" ", text);
                        }
                        contents.push(Content::Space(space_piece));
                        before_previous = previous_char;
                        previous_char = Some(' ');
                        continue;
                    }
                    while next_ideographic
                        .next_if(|&&at| at < glyph.cluster)
                        .is_some()
                    {}
                    if first_of_cluster
                        && pieces.len() > word
                        && next_ideographic
                            .next_if(|&&at| at == glyph.cluster)
                            .is_some()
                    {
                        // A break between two ideographs, with a little
                        // stretch to justify lines that have no spaces.
                        push_word(&mut word, pieces, &mut items, &mut contents);
                        let stretch = if justify {
                            f64::from(span.size) * 0.1
                        } else {
                            0.0
                        };
                        items.push(Item::Glue {
                            width: 0.0,
                            stretch,
                            shrink: 0.0,
                        });
                        contents.push(Content::Nothing);
                    }
                    if first_of_cluster && pieces.len() > word {
                        while next_point.next_if(|(at, _)| *at < glyph.cluster).is_some() {}
                        let hyphen_cost = next_point
                            .next_if(|(at, _)| *at == glyph.cluster)
                            .map(|(_, cost)| *cost);
                        let at_joint = if span.code && !span.breakable_url {
                            // Code breaks at the joints of its syntax, but
                            // in a table cell (`code_whole`) only at spaces.
                            let next = run[glyph.cluster + c.len_utf8()..].chars().next();
                            !self.code_whole
                                && previous_char.is_some_and(|p| {
                                    p != ' ' && listing::joint(before_previous, p, c, next)
                                })
                        } else {
                            breaks_after(previous_char, c, span.breakable_url)
                        };
                        let break_here = if let Some(cost) = hyphen_cost {
                            hyphen.as_ref().map(|h| (cost, true, Some(h)))
                        } else if at_joint {
                            Some((if span.breakable_url { 50.0 } else { 100.0 }, false, None))
                        } else if split_everywhere {
                            Some((1000.0, false, None))
                        } else {
                            None
                        };
                        if let Some((cost, flagged, hyphen)) = break_here {
                            push_word(&mut word, pieces, &mut items, &mut contents);
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
                                    text: extra("-", text),
                                    link: None,
                                    ..piece
                                }),
                                None => Content::Nothing,
                            });
                        }
                    }
                    if first_of_cluster {
                        before_previous = previous_char;
                        previous_char = Some(c);
                    }
                    pieces.push(piece);
                }
            }
            if let Some(id) = &span.footnote {
                push_word(&mut word, pieces, &mut items, &mut contents);
                items.push(Item::Box { width: 0.0 });
                contents.push(Content::Footnote(id.clone()));
            }
        }
        push_word(&mut word, pieces, &mut items, &mut contents);
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

    /// An inline image's size at text size `size`: its own size (at 96 px
    /// to the inch, or the `width` asked for) when that is no taller than
    /// the text (the ascent, three quarters of the size), otherwise scaled
    /// to the text's height; never wider than the measure. `None` when the
    /// book has no such image (its alternative text is set instead).
    fn inline_image(&self, image: &Image, size: f32, spec: &Spec) -> Option<LineImage> {
        let &(pw, ph) = self.image_sizes.get(&image.src)?;
        let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
        let width = image.width.map_or(pw, |w| w.max(1) as f32) * 0.75;
        let height = width * ph / pw;
        let scale = (size * 0.75 / height).min(spec.measure / width).min(1.0);
        Some(LineImage {
            key: image.src.clone(),
            alt: image.alt.clone(),
            x: 0.0,
            width: width * scale,
            height: height * scale,
        })
    }

    /// Splits a span into runs of one face each ([`FontSet::runs`]: a word
    /// in one face), leaving out characters no face has (reported once per
    /// build). A run is a slice of the span's text unless a character was
    /// left out of it.
    ///
    /// [`FontSet::runs`]: crate::fonts::FontSet::runs
    fn cover<'t>(&self, span: &'t Span) -> Vec<(Style, Cow<'t, str>)> {
        let text = span.text.as_str();
        let mut out: Vec<(Style, Cow<'t, str>)> = Vec::new();
        for run in self.fonts.runs(span.style, text) {
            // A character no face has is left out (never drawn as an empty
            // box); `check::warnings` reports it to the author, once.
            let Some(style) = run.style else {
                continue;
            };
            let piece = &text[run.range.clone()];
            match out.last_mut() {
                Some((s, joined)) if *s == style => joined.to_mut().push_str(piece),
                _ => out.push((style, Cow::Borrowed(piece))),
            }
        }
        out
    }
}

/// The byte offsets in `text` where a line may break next to an ideograph
/// (Chinese, Japanese kana and kanji, Korean syllables), by UAX #14 (so
/// never before a closing mark such as `。` or `，`, nor after an opening
/// one); empty for text without such characters, which is not scanned.
fn ideographic_breaks(text: &str) -> Vec<usize> {
    use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};
    let wide = |c: char| {
        matches!(
            break_property(u32::from(c)),
            BreakClass::Ideographic
                | BreakClass::ConditionalJapaneseStarter
                | BreakClass::HangulLvSyllable
                | BreakClass::HangulLvtSyllable
        )
    };
    if !text.chars().any(|c| c >= '\u{2E80}' && wide(c)) {
        return Vec::new();
    }
    linebreaks(text)
        .filter(|&(at, kind)| kind == BreakOpportunity::Allowed && at < text.len())
        .filter(|&(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at..].chars().next();
            // Breaks at spaces are the spaces' own.
            before.is_some_and(|c| !c.is_whitespace())
                && (before.is_some_and(wide) || after.is_some_and(wide))
        })
        .map(|(at, _)| at)
        .collect()
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
        code: false,
        text,
        style,
        size,
        rise: 0.0,
        link,
        footnote: None,
        hard_break: false,
        image: None,
        strike: false,
        math: None,
        counted: true,
        page_ref: None,
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
            Inline::Code { code } => spans.push(Span {
                code: true,
                ..span(code.clone(), Style::Mono, size * 0.86)
            }),
            Inline::Link {
                target,
                content,
                title,
            } => {
                links.push(target.clone());
                let index = links.len() - 1;
                let before = spans.len();
                flatten(content, style, size, Some(index), links, spans);
                if let (Some(PAGE_REF), LinkTarget::Internal { chapter, anchor }) =
                    (title.as_deref(), target)
                {
                    spans.push(Span {
                        link: Some(index),
                        counted: false,
                        page_ref: Some(destination_name(chapter, anchor.as_deref())),
                        ..span(String::new(), style, size)
                    });
                }
                if let LinkTarget::External { .. } = target {
                    for s in &mut spans[before..] {
                        let address = !s.text.contains(' ') && (s.text.contains(['/', '@', ':']));
                        s.breakable_url |= address;
                        s.url |= address;
                    }
                }
            }
            Inline::Image { image } => {
                // Drawn at text height; its description stands in for it
                // when the typesetter does not know the image.
                let mut s = span(format!("[{}]", image.alt), style.with_italic(), size);
                s.image = Some(image.clone());
                s.counted = false;
                spans.push(s);
            }
            Inline::FootnoteRef { id, number } => {
                let mut s = span(number.to_string(), style, size * 0.62);
                s.rise = size * 0.36;
                s.footnote = Some(id.clone());
                s.breakable_url = false;
                s.counted = false;
                spans.push(s);
            }
            // A box in words a reader of the print can tick by hand.
            Inline::Task { done } => {
                let text = if *done { "[x]" } else { "[\u{a0}]" };
                for (text, style, size) in [(text, Style::Mono, size * 0.86), (" ", style, size)] {
                    spans.push(Span {
                        counted: false,
                        ..span(text.to_string(), style, size)
                    });
                }
            }
            // Set as a destination by the flow, at its block.
            Inline::Anchor { .. } => {}
            Inline::Phrase { kind, content, .. } => {
                phrase(*kind, content, style, size, link, links, spans)
            }
            Inline::Math { tex, display } => spans.push(Span {
                math: Some((tex.clone(), *display)),
                counted: false,
                breakable_url: false,
                url: false,
                ..span(tex.clone(), style, size)
            }),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_break_anywhere_but_before_closing_punctuation() {
        let text = "我们写书。你好，世界 and Latin";
        let breaks = ideographic_breaks(text);
        let at = |s: &str| text.find(s).unwrap();
        // Between any two ideographs, and after a full stop.
        for wanted in ["们", "写", "书", "你", "好", "界"] {
            assert!(breaks.contains(&at(wanted)), "before {wanted}: {breaks:?}");
        }
        // Never before 。 or ，, and spaces are left to the spaces.
        assert!(!breaks.contains(&at("。")) && !breaks.contains(&at("，")));
        assert!(!breaks.contains(&at(" and")) && !breaks.contains(&at("Latin")));
        assert!(ideographic_breaks("plain Latin, Ἀθῆναι").is_empty());
    }
}
