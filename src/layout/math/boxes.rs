//! TeX's math layout (The TeXbook, appendix G) on a formula's tree, with
//! the shifts, gaps and thicknesses of the math face's OpenType MATH table.

use super::tree::{styled, Class, Node};
use super::{MathBox, MathGlyph, MathRule};
use crate::fonts::{FontFace, FontSet, Style};
use pulldown_latex::event::{DelimiterSize, Style as TexStyle};
use rustybuzz::ttf_parser::math::{Constants, MathValue};
use rustybuzz::ttf_parser::GlyphId;

mod compound;

/// TeX's four styles, smallest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Display,
    Text,
    Script,
    ScriptScript,
}

/// The style a node is set in.
#[derive(Debug, Clone, Copy)]
struct St {
    level: Level,
    /// Cramped: superscripts are raised less (under a rule or radical).
    cramped: bool,
}

impl St {
    fn script(self) -> St {
        St {
            level: match self.level {
                Level::Display | Level::Text => Level::Script,
                _ => Level::ScriptScript,
            },
            ..self
        }
    }
    fn cramp(self) -> St {
        St {
            cramped: true,
            ..self
        }
    }
    /// The numerator's style (the denominator's is that, cramped).
    fn fraction(self) -> St {
        St {
            level: match self.level {
                Level::Display => Level::Text,
                Level::Text => Level::Script,
                _ => Level::ScriptScript,
            },
            ..self
        }
    }
    fn display(self) -> bool {
        self.level == Level::Display
    }
}

/// A box being built: its extent from the origin on the baseline, y up.
#[derive(Debug, Clone, Default)]
struct B {
    width: f32,
    ascent: f32,
    descent: f32,
    /// The italic correction of its last glyph.
    italic: f32,
    glyphs: Vec<MathGlyph>,
    rules: Vec<MathRule>,
    /// A lone glyph (scripts attach to its ink, not to a dropped baseline).
    simple: bool,
}

impl B {
    /// Puts `other` into this box with its origin at (dx, dy).
    fn put(&mut self, other: B, dx: f32, dy: f32) {
        self.ascent = self.ascent.max(other.ascent + dy);
        self.descent = self.descent.max(other.descent - dy);
        self.glyphs.extend(other.glyphs.into_iter().map(|mut g| {
            g.x += dx;
            g.y += dy;
            g
        }));
        self.rules.extend(other.rules.into_iter().map(|mut r| {
            r.x += dx;
            r.y += dy;
            r
        }));
        self.width = self.width.max(dx + other.width);
    }
}

/// The typesetter of one formula.
pub(super) struct Setter<'f> {
    fonts: &'f FontSet,
    face: &'f FontFace,
    constants: Constants<'f>,
    /// The text size in points.
    size: f32,
}

impl<'f> Setter<'f> {
    /// A setter at `size` points; `None` when the math face has no MATH
    /// constants (the shipped face has them).
    pub(super) fn new(fonts: &'f FontSet, size: f32) -> Option<Setter<'f>> {
        let face = fonts.get(Style::Math);
        let constants = face.face().tables().math?.constants?;
        Some(Setter {
            fonts,
            face,
            constants,
            size,
        })
    }

    /// Sets the formula in display or text style.
    pub(super) fn set(&self, node: &Node, display: bool) -> MathBox {
        let st = St {
            level: if display { Level::Display } else { Level::Text },
            cramped: false,
        };
        let b = self.node(node, st);
        MathBox {
            width: b.width,
            ascent: b.ascent,
            descent: b.descent,
            glyphs: b.glyphs,
            rules: b.rules,
        }
    }

    fn pt(&self, st: St) -> f32 {
        let percent = match st.level {
            Level::Display | Level::Text => 100,
            Level::Script => self.constants.script_percent_scale_down(),
            Level::ScriptScript => self.constants.script_script_percent_scale_down(),
        };
        self.size * f32::from(percent.max(1)) / 100.0
    }

    /// Font units to points at the style's size.
    fn units(&self, units: f32, st: St) -> f32 {
        units * self.pt(st) / self.face.units_per_em
    }

    fn v(&self, value: MathValue<'_>, st: St) -> f32 {
        self.units(f32::from(value.value), st)
    }

    fn node(&self, node: &Node, st: St) -> B {
        match node {
            Node::Char { c, font, large, .. } => {
                let shown = styled(*c, *font);
                if *large && st.display() {
                    let min = f32::from(self.constants.display_operator_min_height());
                    return self.large_op(*c, shown, min, st);
                }
                self.glyph(shown, *c, st)
            }
            Node::Word {
                text,
                text_face,
                font,
                ..
            } => {
                let mut b = B::default();
                for c in text.chars() {
                    let g = if *text_face {
                        self.text_glyph(c, st)
                    } else {
                        let shown = match font {
                            None => c,
                            f => styled(c, *f),
                        };
                        self.glyph(shown, c, st)
                    };
                    let x = b.width;
                    b.italic = g.italic;
                    b.put(g, x, 0.0);
                }
                b
            }
            Node::Row(nodes) => self.row(nodes, st),
            Node::Style(_) => B::default(),
            Node::Frac { num, den, rule } => self.fraction(num, den, *rule, st),
            Node::Root { body, index } => self.root(body, index.as_deref(), st),
            Node::Scripts {
                base,
                sub,
                sup,
                position,
            } => self.scripts(base, sub.as_deref(), sup.as_deref(), *position, st),
            Node::Delim { c, size, .. } => {
                let target = size.map(|s| {
                    self.face.units_per_em
                        * match s {
                            DelimiterSize::Big => 1.2,
                            DelimiterSize::BIG => 1.8,
                            DelimiterSize::Bigg => 2.4,
                            DelimiterSize::BIGG => 3.0,
                        }
                });
                match target {
                    Some(target) => self.delimiter(*c, target, st),
                    None => self.glyph(*c, *c, st),
                }
            }
            Node::Fenced { open, close, body } => self.fenced(*open, *close, body, st),
            Node::Table {
                rows,
                columns,
                display,
                gap,
                pairs,
            } => self.table(rows, columns, *display, *gap, *pairs, st),
            Node::Space(em) => B {
                width: em * self.pt(st),
                ..B::default()
            },
            Node::Negated(inner) => {
                let mut b = self.node(inner, st);
                let slash = self.glyph('/', '/', st);
                let x = (b.width - slash.width) / 2.0;
                b.put(slash, x.max(0.0), 0.0);
                b
            }
        }
    }

    /// A glyph of the math face showing `shown` and standing for `text` in
    /// the PDF's text layer; another face's when the math face lacks it.
    fn glyph(&self, shown: char, text: char, st: St) -> B {
        match self.face.face().glyph_index(shown) {
            Some(id) => self.glyph_id(id, text.to_string(), st),
            None if shown != text => self.glyph(text, text, st),
            None => self.text_glyph(text, st),
        }
    }

    fn glyph_id(&self, id: GlyphId, text: String, st: St) -> B {
        self.face_glyph(Style::Math, id, text, st)
    }

    /// A glyph of the text face (words in `\text{}`).
    fn text_glyph(&self, c: char, st: St) -> B {
        let Some(style) = self.fonts.cover(Style::Regular, c) else {
            return B::default();
        };
        match self.fonts.get(style).face().glyph_index(c) {
            Some(id) => self.face_glyph(style, id, c.to_string(), st),
            None => B::default(),
        }
    }

    fn face_glyph(&self, style: Style, id: GlyphId, text: String, st: St) -> B {
        let face = self.fonts.get(style);
        let size = self.pt(st);
        let scale = size / face.units_per_em;
        let advance = f32::from(face.face().glyph_hor_advance(id).unwrap_or(0)) * scale;
        let (ascent, descent) = face.face().glyph_bounding_box(id).map_or((0.0, 0.0), |r| {
            (f32::from(r.y_max) * scale, -f32::from(r.y_min) * scale)
        });
        let italic = if style == Style::Math {
            self.italic_correction(id, st)
        } else {
            0.0
        };
        B {
            width: advance,
            ascent: ascent.max(0.0),
            descent: descent.max(0.0),
            italic,
            glyphs: vec![MathGlyph {
                style,
                id: id.0,
                size,
                x: 0.0,
                y: 0.0,
                advance,
                text,
            }],
            rules: Vec::new(),
            simple: true,
        }
    }

    fn italic_correction(&self, id: GlyphId, st: St) -> f32 {
        self.face
            .face()
            .tables()
            .math
            .and_then(|m| m.glyph_info)
            .and_then(|i| i.italic_corrections)
            .and_then(|c| c.get(id))
            .map_or(0.0, |v| self.v(v, st))
    }

    /// A large operator in display style: its first vertical variant at
    /// least `min` font units tall, centred on the axis.
    fn large_op(&self, c: char, shown: char, min: f32, st: St) -> B {
        let Some(base) = self.face.face().glyph_index(shown) else {
            return self.glyph(shown, c, st);
        };
        let id = self
            .variants(base, true)
            .into_iter()
            .find(|&(_, advance)| advance >= min)
            .or_else(|| self.variants(base, true).last().copied())
            .map_or(base, |(id, _)| id);
        let mut b = self.glyph_id(id, c.to_string(), st);
        self.centre_on_axis(&mut b, st);
        b.simple = false;
        b
    }

    /// The vertical (or horizontal) variants of a glyph, with their
    /// advances in font units, smallest first.
    fn variants(&self, id: GlyphId, vertical: bool) -> Vec<(GlyphId, f32)> {
        let Some(variants) = self.face.face().tables().math.and_then(|m| m.variants) else {
            return Vec::new();
        };
        let constructions = if vertical {
            variants.vertical_constructions
        } else {
            variants.horizontal_constructions
        };
        constructions.get(id).map_or(Vec::new(), |c| {
            c.variants
                .into_iter()
                .map(|v| (v.variant_glyph, f32::from(v.advance_measurement)))
                .collect()
        })
    }

    fn centre_on_axis(&self, b: &mut B, st: St) {
        let axis = self.v(self.constants.axis_height(), st);
        let shift = (b.ascent - b.descent) / 2.0 - axis;
        for g in &mut b.glyphs {
            g.y -= shift;
        }
        for r in &mut b.rules {
            r.y -= shift;
        }
        b.ascent -= shift;
        b.descent += shift;
    }

    /// A delimiter at least `target` font units tall (at text size),
    /// centred on the axis: a variant of the font, else its assembly of
    /// parts, else the largest variant scaled up.
    fn delimiter(&self, c: char, target: f32, st: St) -> B {
        let Some(base) = self.face.face().glyph_index(c) else {
            return self.glyph(c, c, st);
        };
        let target_units = target * 100.0 / f32::from(self.percent(st));
        let variants = self.variants(base, true);
        if let Some(&(id, _)) = variants.iter().find(|&&(_, a)| a >= target_units) {
            let mut b = self.glyph_id(id, c.to_string(), st);
            self.centre_on_axis(&mut b, st);
            b.simple = false;
            return b;
        }
        if let Some(b) = self.assembly(base, c, target_units, st) {
            return b;
        }
        let id = variants.last().map_or(base, |&(id, _)| id);
        let mut b = self.glyph_id(id, c.to_string(), st);
        let height = b.ascent + b.descent;
        let wanted = self.units(target_units, st);
        if height > 0.0 && wanted > height {
            let k = wanted / height;
            for g in &mut b.glyphs {
                g.size *= k;
                g.advance *= k;
            }
            b.width *= k;
            b.ascent *= k;
            b.descent *= k;
        }
        self.centre_on_axis(&mut b, st);
        b.simple = false;
        b
    }

    fn percent(&self, st: St) -> i16 {
        match st.level {
            Level::Display | Level::Text => 100,
            Level::Script => self.constants.script_percent_scale_down(),
            Level::ScriptScript => self.constants.script_script_percent_scale_down(),
        }
        .max(1)
    }

    /// The glyph's vertical assembly (a top, a bottom, a middle and
    /// extenders repeated) at least `target` font units tall, bottom up.
    fn assembly(&self, base: GlyphId, c: char, target: f32, st: St) -> Option<B> {
        let variants = self.face.face().tables().math?.variants?;
        let assembly = variants.vertical_constructions.get(base)?.assembly?;
        let overlap = f32::from(variants.min_connector_overlap);
        let parts: Vec<_> = assembly.parts.into_iter().collect();
        if parts.is_empty() {
            return None;
        }
        let length = |repeats: usize| -> f32 {
            let mut total = 0.0;
            let mut count = 0;
            for p in &parts {
                let n = if p.part_flags.extender() { repeats } else { 1 };
                total += f32::from(p.full_advance) * n as f32;
                count += n;
            }
            total - overlap * count.saturating_sub(1) as f32
        };
        let mut repeats = 0;
        while length(repeats) < target && repeats < 64 {
            if !parts.iter().any(|p| p.part_flags.extender()) {
                break;
            }
            repeats += 1;
        }
        let mut b = B::default();
        let mut y = 0.0;
        let mut first = true;
        for p in &parts {
            let n = if p.part_flags.extender() { repeats } else { 1 };
            for _ in 0..n {
                if !first {
                    y -= self.units(overlap, st);
                }
                first = false;
                // Only the first part carries the text; the rest are drawing.
                let text = if b.glyphs.is_empty() {
                    c.to_string()
                } else {
                    String::new()
                };
                let part = self.glyph_id(p.glyph_id, text, st);
                let descent = part.descent;
                b.put(part, 0.0, y);
                y += self.units(f32::from(p.full_advance), st);
                let _ = descent;
            }
        }
        // Parts sit on the baseline at y = 0; the whole is then centred.
        b.descent = b.descent.max(0.0);
        self.centre_on_axis(&mut b, st);
        b.simple = false;
        Some(b)
    }

    /// A row: its nodes side by side with TeX's spaces between classes.
    fn row(&self, nodes: &[Node], st: St) -> B {
        let mut st = st;
        let mut items: Vec<(B, Option<Class>)> = Vec::with_capacity(nodes.len());
        for node in nodes {
            if let Node::Style(style) = node {
                st.level = match style {
                    TexStyle::Display => Level::Display,
                    TexStyle::Text => Level::Text,
                    TexStyle::Script => Level::Script,
                    TexStyle::ScriptScript => Level::ScriptScript,
                };
                continue;
            }
            let b = self.node(node, st);
            items.push((b, class_of(node)));
        }
        // A binary operator with nothing to bind is ordinary (rules 5, 6).
        let classes: Vec<Option<Class>> = items.iter().map(|(_, c)| *c).collect();
        let mut fixed = classes.clone();
        let mut previous: Option<Class> = None;
        for i in 0..fixed.len() {
            let Some(class) = fixed[i] else { continue };
            if class == Class::Bin {
                let next = classes[i + 1..].iter().flatten().next();
                if matches!(
                    previous,
                    None | Some(Class::Bin | Class::Op | Class::Rel | Class::Open | Class::Punct)
                ) || matches!(next, None | Some(Class::Rel | Class::Close | Class::Punct))
                {
                    fixed[i] = Some(Class::Ord);
                }
            }
            previous = fixed[i];
        }
        let mut b = B::default();
        let mut previous: Option<Class> = None;
        let count = items.len();
        for ((item, _), class) in items.into_iter().zip(fixed) {
            if let (Some(left), Some(right)) = (previous, class) {
                b.width += space(left, right, st.level) * self.pt(st) / 18.0;
            }
            if class.is_some() {
                previous = class;
            }
            let x = b.width;
            b.italic = item.italic;
            b.put(item, x, 0.0);
        }
        b.simple = count == 1 && b.glyphs.len() == 1;
        b
    }
}

/// A character that pulldown-latex gives as an accent's over-script.
fn is_accent(c: char) -> bool {
    matches!(
        c,
        '‾' | '→'
            | '←'
            | '^'
            | '~'
            | '˙'
            | '¨'
            | '´'
            | '`'
            | '˘'
            | 'ˇ'
            | '°'
            | '¯'
            | '_'
            | '.'
            | '⃗'
            | '\u{2DC}'
            | '\u{2C6}'
    )
}

/// The class a node takes in a row (`None` for spaces and style changes).
fn class_of(node: &Node) -> Option<Class> {
    match node {
        Node::Char { class, .. } | Node::Word { class, .. } | Node::Delim { class, .. } => {
            Some(*class)
        }
        Node::Row(nodes) if nodes.is_empty() => None,
        Node::Row(_) | Node::Root { .. } | Node::Negated(_) => Some(Class::Ord),
        Node::Frac { .. } | Node::Fenced { .. } | Node::Table { .. } => Some(Class::Inner),
        Node::Scripts { base, .. } => class_of(base),
        Node::Space(_) | Node::Style(_) => None,
    }
}

/// TeX's space between two classes, in mu (18 to the em): thin 3, medium
/// 4, thick 5; the parenthesised ones of the TeXbook's table are left out
/// in script styles.
fn space(left: Class, right: Class, level: Level) -> f32 {
    use Class::*;
    let script = level >= Level::Script;
    let (mu, always) = match (left, right) {
        (Ord, Op) | (Op, Ord) | (Op, Op) | (Close, Op) | (Inner, Op) => (3.0, true),
        (Ord, Inner) | (Op, Inner) | (Close, Inner) | (Inner, Ord) | (Inner, Open) => (3.0, false),
        (Inner, Punct) | (Inner, Inner) => (3.0, false),
        (Punct, Ord | Op | Rel | Open | Close | Punct | Inner) => (3.0, false),
        (Ord | Op | Close | Inner, Bin) | (Bin, Ord | Op | Open | Inner) => (4.0, false),
        (Ord | Op | Close | Inner, Rel) | (Rel, Ord | Op | Open | Inner) => (5.0, false),
        _ => (0.0, true),
    };
    if script && !always {
        0.0
    } else {
        mu
    }
}
