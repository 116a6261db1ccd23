//! Positioning a paragraph's lines: the glyphs, spaces, images and
//! hyphens between the breaks the line breaker chose, the glue stretched or
//! shrunk to the measure, grouped into glyph runs and link areas.

use super::items::{Content, LineImage, LineMath, Piece};
use super::{Align, Line, Spec, Typesetter};
use crate::layout::document::GlyphRun;
use crate::layout::linebreak::{Break, Item, FIL};
use crate::model::LinkTarget;

impl Typesetter {
    /// Positions the glyphs of each line; `text` and `pieces` are the
    /// paragraph's text and word glyphs, which the contents index.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lines(
        &self,
        items: &[Item],
        mut contents: Vec<Content>,
        (text, word_pieces): (&str, &[Piece]),
        breaks: &[Break],
        spec: &Spec,
        links: &[LinkTarget],
    ) -> Vec<Line> {
        let mut lines = Vec::with_capacity(breaks.len());
        let mut start = 0;
        let mut lines_glyphs = 96;
        for b in breaks {
            // Skip discardable items at the start of the line.
            while start < b.position && !matches!(items[start], Item::Box { .. }) {
                start += 1;
            }
            let ratio = if spec.align == Align::Justify {
                set_ratio(&items[start..b.position], &items[b.position], spec.measure)
            } else {
                0.0
            };
            let mut x = 0.0f32;
            // About as many glyphs as the line has bytes of text.
            let mut pieces: Vec<(f32, Piece)> = Vec::with_capacity(lines_glyphs);
            let mut footnotes = Vec::new();
            let mut images = Vec::new();
            let mut maths = Vec::new();
            for i in start..b.position {
                match (
                    &items[i],
                    std::mem::replace(&mut contents[i], Content::Nothing),
                ) {
                    (Item::Box { width }, Content::Glyphs(from, to)) => {
                        let mut gx = x;
                        for &g in word_pieces.get(from..to).unwrap_or_default() {
                            let advance = g.advance;
                            pieces.push((gx, g));
                            gx += advance;
                        }
                        x += *width as f32;
                    }
                    (Item::Box { width }, Content::Footnote(id)) => {
                        footnotes.push(id);
                        x += *width as f32;
                    }
                    (Item::Box { width }, Content::Image(image)) => {
                        images.push(LineImage { x, ..image });
                        x += *width as f32;
                    }
                    (Item::Box { width }, Content::Math(math)) => {
                        maths.push(LineMath { x, ..math });
                        x += *width as f32;
                    }
                    (Item::Box { width }, _) => x += *width as f32,
                    (
                        Item::Glue {
                            width,
                            stretch,
                            shrink,
                        },
                        content,
                    ) => {
                        let adjust = if ratio >= 0.0 {
                            *stretch as f32
                        } else {
                            *shrink as f32
                        } * ratio;
                        let width = if *stretch >= FIL {
                            *width as f32
                        } else {
                            *width as f32 + adjust
                        };
                        if let Content::Space(space) = content {
                            pieces.push((x, space));
                        }
                        x += width;
                    }
                    (Item::Penalty { .. }, _) => {}
                }
            }
            let mut hyphenated = false;
            if let (Item::Penalty { .. }, Content::Hyphen(h)) = (
                &items[b.position],
                std::mem::replace(&mut contents[b.position], Content::Nothing),
            ) {
                pieces.push((x, h));
                hyphenated = true;
            }
            // Drop a trailing space glyph (a line never ends with one).
            let piece_text = |p: &Piece| text.get(p.text.0..p.text.1).unwrap_or_default();
            while pieces.last().is_some_and(|(_, p)| piece_text(p) == " ") {
                pieces.pop();
            }
            lines_glyphs = lines_glyphs.max(pieces.len());
            let natural = pieces
                .last()
                .map_or(0.0, |(px, p)| px + p.advance)
                .max(images.last().map_or(0.0, |i: &LineImage| i.x + i.width))
                .max(maths.last().map_or(0.0, |m: &LineMath| m.x + m.math.width));
            let width = natural;
            let scale = if width > spec.measure + 0.01 {
                log::warn!(
                    "a line is {:.1}pt too wide; squeezing it into the measure: {}",
                    width - spec.measure,
                    pieces
                        .iter()
                        .map(|(_, p)| piece_text(p))
                        .collect::<String>()
                );
                spec.measure / width
            } else {
                1.0
            };
            let offset = match spec.align {
                Align::Justify | Align::Left => 0.0,
                Align::Center => ((spec.measure - width) / 2.0).max(0.0),
                Align::Right => (spec.measure - width).max(0.0),
            };
            let mut line = assemble(
                pieces,
                text,
                offset,
                scale,
                width.min(spec.measure),
                footnotes,
                hyphenated,
                links,
            );
            line.images = images
                .into_iter()
                .map(|image| LineImage {
                    x: offset + image.x * scale,
                    width: image.width * scale,
                    height: image.height * scale,
                    ..image
                })
                .collect();
            line.maths = maths
                .into_iter()
                .map(|m| LineMath {
                    x: offset + m.x * scale,
                    ..m
                })
                .collect();
            lines.push(line);
            start = b.position + 1;
        }
        lines
    }
}

/// The glue ratio that makes a line of `items` (ending at `end`) exactly
/// `measure` wide: the breaker's own ratio may count emergency stretch
/// that the glue does not have.
fn set_ratio(items: &[Item], end: &Item, measure: f32) -> f32 {
    let (mut width, mut stretch, mut shrink, mut fil) = (0.0, 0.0, 0.0, false);
    for item in items {
        match *item {
            Item::Box { width: w } => width += w,
            Item::Glue {
                width: w,
                stretch: st,
                shrink: sh,
            } => {
                width += w;
                if st >= FIL {
                    fil = true;
                } else {
                    stretch += st;
                }
                shrink += sh;
            }
            Item::Penalty { .. } => {}
        }
    }
    if let Item::Penalty { width: w, .. } = *end {
        width += w;
    }
    let gap = f64::from(measure) - width;
    let ratio = if gap >= 0.0 {
        // A last line keeps its natural spacing.
        if stretch > 0.0 && !fil {
            gap / stretch
        } else {
            0.0
        }
    } else if shrink > 0.0 {
        (gap / shrink).max(-1.0)
    } else {
        0.0
    };
    ratio as f32
}

/// Groups positioned pieces (whose text `text` holds) into glyph runs and
/// link areas.
#[allow(clippy::too_many_arguments)]
fn assemble(
    pieces: Vec<(f32, Piece)>,
    text: &str,
    offset: f32,
    scale: f32,
    width: f32,
    footnotes: Vec<String>,
    hyphenated: bool,
    links: &[LinkTarget],
) -> Line {
    // The first word that starts on the line (a word carried over from
    // the line before, after a hyphen, is not).
    let word = pieces
        .iter()
        .find(|(_, p)| text.get(p.text.0..p.text.1) != Some(" "))
        .map_or(0, |(_, p)| p.word as usize + usize::from(!p.word_start));
    let mut runs: Vec<GlyphRun> = Vec::new();
    let mut link_areas: Vec<(f32, f32, usize)> = Vec::new();
    let mut strikes: Vec<(f32, f32, f32)> = Vec::new();
    let count = pieces.len();
    for (i, (x, piece)) in pieces.into_iter().enumerate() {
        let x = offset + x * scale;
        let same = runs.last().is_some_and(|r: &GlyphRun| {
            r.style == piece.style && r.size == piece.size && r.baseline == -piece.rise
        });
        if !same {
            let mut run = GlyphRun::new(piece.style, piece.size, x, -piece.rise);
            run.glyphs.reserve(count - i);
            run.text.reserve(count - i);
            runs.push(run);
        }
        if let Some(run) = runs.last_mut() {
            let piece_text = text.get(piece.text.0..piece.text.1).unwrap_or_default();
            run.push(piece.id, x - run.x, piece.advance * scale, piece_text);
        }
        if piece.strike {
            let end = x + piece.advance * scale;
            match strikes.last_mut() {
                Some((_, to, size)) if (*to - x).abs() < 0.01 && *size == piece.size => *to = end,
                _ => strikes.push((x, end, piece.size)),
            }
        }
        if let Some(link) = piece.link {
            match link_areas.last_mut() {
                Some((_, end, l)) if *l == link => *end = x + piece.advance * scale,
                _ => link_areas.push((x, x + piece.advance * scale, link)),
            }
        }
    }
    // A book holds millions of glyphs until it is written: no spare room.
    runs.iter_mut().for_each(|run| {
        run.glyphs.shrink_to_fit();
        run.text.shrink_to_fit();
    });
    Line {
        runs,
        width,
        links: link_areas
            .into_iter()
            .filter_map(|(a, b, l)| links.get(l).map(|t| (a, b, t.clone())))
            .collect(),
        footnotes,
        hyphenated,
        images: Vec::new(),
        maths: Vec::new(),
        strikes,
        word,
    }
}
