//! Math in the PDF, typeset by quire: a formula's TeX is read by
//! pulldown-latex into events, made into a tree of atoms (`tree`) and set
//! TeX's way (`boxes`) in the shipped math face (DejaVu Math TeX Gyre),
//! whose OpenType MATH table gives the shifts, gaps, rule thicknesses and
//! the larger variants and assemblies of operators, radicals and
//! delimiters. The result is a box of glyphs and rules that the line
//! breaker treats as one unbreakable word.

mod boxes;
mod tree;

use crate::fonts::{FontSet, Style};
use crate::layout::document::{GlyphRun, Item};
use crate::model::Inline;

/// A set formula: glyphs and rules positioned from its origin, the left
/// end of its baseline, with y growing upwards.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MathBox {
    /// Width in points.
    pub width: f32,
    /// Height above the baseline in points.
    pub ascent: f32,
    /// Depth below the baseline in points.
    pub descent: f32,
    /// The glyphs.
    pub glyphs: Vec<MathGlyph>,
    /// The rules (fraction bars, radical and over-bars).
    pub rules: Vec<MathRule>,
}

/// One glyph of a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct MathGlyph {
    /// The face (the math face, or a text face for `\text{}`).
    pub style: Style,
    /// Glyph id in the face.
    pub id: u16,
    /// Font size in points.
    pub size: f32,
    /// Left edge from the formula's origin.
    pub x: f32,
    /// Baseline above the formula's baseline.
    pub y: f32,
    /// Advance width in points.
    pub advance: f32,
    /// The text it stands for when the PDF's text is extracted (`x` for
    /// the math italic 𝑥; empty for the later pieces of an assembly).
    pub text: String,
}

/// A horizontal rule of a formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MathRule {
    /// Left end from the formula's origin.
    pub x: f32,
    /// Its middle, above the formula's baseline.
    pub y: f32,
    /// Length in points.
    pub width: f32,
    /// Thickness in points.
    pub thickness: f32,
}

/// Sets the formula `tex` at `size` points, in display style or in text
/// style. A formula that does not read (refused when the Markdown was read)
/// sets what it can.
pub fn set(fonts: &FontSet, tex: &str, display: bool, size: f32) -> MathBox {
    let storage = pulldown_latex::Storage::new();
    let events = pulldown_latex::Parser::new(tex, &storage).filter_map(Result::ok);
    let tree = tree::build(events);
    match boxes::Setter::new(fonts, size) {
        Some(setter) => setter.set(&tree, display),
        None => MathBox::default(),
    }
}

impl MathBox {
    /// What the formula draws, with its origin at `x` on the baseline `y`
    /// of a page (y growing downwards): glyph runs (one per face, size and
    /// baseline, so that text extraction reads them in order) and rules.
    pub fn page_items(&self, x: f32, y: f32) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::new();
        let mut run: Option<GlyphRun> = None;
        for g in &self.glyphs {
            let baseline = y - g.y;
            let joins = run
                .as_ref()
                .is_some_and(|r| r.style == g.style && r.size == g.size && r.baseline == baseline);
            if !joins {
                items.extend(run.take().map(Item::Text));
                run = Some(GlyphRun::new(g.style, g.size, x + g.x, baseline));
            }
            if let Some(r) = run.as_mut() {
                let at = x + g.x - r.x;
                r.push(g.id, at, g.advance, &g.text);
            }
        }
        items.extend(run.map(Item::Text));
        for rule in &self.rules {
            let ry = y - rule.y;
            items.push(Item::Rule {
                from: (x + rule.x, ry),
                to: (x + rule.x + rule.width, ry),
                thickness: rule.thickness,
            });
        }
        items
    }
}

/// A paragraph's content cut at its display formulas, which are set on
/// lines of their own: runs of inline content, and the TeX of each display
/// formula, in order.
pub fn split_display(content: &[Inline]) -> Vec<Result<&[Inline], &str>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, inline) in content.iter().enumerate() {
        if let Inline::Math { tex, display: true } = inline {
            let before = &content[start..i];
            if before.iter().any(|i| !is_blank(i)) {
                out.push(Ok(before));
            }
            out.push(Err(tex.as_str()));
            start = i + 1;
        }
    }
    let rest = &content[start..];
    if rest.iter().any(|i| !is_blank(i)) || out.is_empty() {
        out.push(Ok(rest));
    }
    out
}

fn is_blank(inline: &Inline) -> bool {
    matches!(inline, Inline::Text { text } if text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> FontSet {
        FontSet::load().unwrap()
    }

    fn glyph<'a>(b: &'a MathBox, text: &str) -> &'a MathGlyph {
        b.glyphs
            .iter()
            .find(|g| g.text == text)
            .unwrap_or_else(|| panic!("no {text} in {b:?}"))
    }

    #[test]
    fn a_superscript_is_raised_smaller_and_a_subscript_lowered() {
        let f = fonts();
        let b = set(&f, "x^2", false, 10.0);
        let (x, two) = (glyph(&b, "x"), glyph(&b, "2"));
        assert!(two.y > 2.0 && two.size < x.size, "{b:?}");
        assert!(two.x >= x.x + x.advance - 0.01);
        let b = set(&f, "x_i", false, 10.0);
        assert!(glyph(&b, "i").y < -1.0, "{b:?}");
    }

    #[test]
    fn a_fraction_has_its_numerator_above_the_rule_and_denominator_below() {
        let f = fonts();
        let b = set(&f, r"\frac{a}{b}", true, 10.0);
        assert_eq!(b.rules.len(), 1);
        let rule = b.rules[0];
        let (a, bb) = (glyph(&b, "a"), glyph(&b, "b"));
        assert!(a.y > rule.y + rule.thickness / 2.0, "{b:?}");
        assert!(bb.y < rule.y, "{b:?}");
        // The rule sits on the axis, about a quarter em up.
        assert!(rule.y > 2.0 && rule.y < 3.0, "{rule:?}");
        assert!(rule.width >= a.advance.max(bb.advance));
    }

    #[test]
    fn widths_add_up_with_tex_spaces_between_classes() {
        let f = fonts();
        let a = set(&f, "a", false, 10.0);
        let b = set(&f, "b", false, 10.0);
        let plus = set(&f, r"\mathrm{+}", false, 10.0);
        let sum = set(&f, "a+b", false, 10.0);
        // Two medium spaces (4 mu each) around the binary operator.
        let medium = 10.0 * 4.0 / 18.0;
        let expected = a.width + plus.width + b.width + 2.0 * medium;
        assert!(
            (sum.width - expected).abs() < 0.05,
            "{} {}",
            sum.width,
            expected
        );
        // Letters are math italic glyphs that extract as plain letters.
        assert_eq!(glyph(&sum, "a").style, Style::Math);
    }

    #[test]
    fn roots_operators_and_delimiters_grow_with_their_contents() {
        let f = fonts();
        let root = set(&f, r"\sqrt{x}", false, 10.0);
        assert_eq!(root.rules.len(), 1, "the overbar");
        assert!(root.rules[0].y > glyph(&root, "x").y + 4.0);
        let tall = set(&f, r"\sqrt{\frac{a}{b}}", true, 10.0);
        assert!(tall.ascent > root.ascent + 3.0);
        let index = set(&f, r"\sqrt[3]{x}", false, 10.0);
        assert!(glyph(&index, "3").size < 10.0);
        // Display sums are larger, with limits above and below.
        let text = set(&f, r"\sum_{k=1}^{n} k", false, 10.0);
        let display = set(&f, r"\sum_{k=1}^{n} k", true, 10.0);
        assert!(display.ascent > text.ascent && display.descent > text.descent);
        let sigma = glyph(&display, "∑");
        let n = glyph(&display, "n");
        assert!(n.y > sigma.y + 5.0 && n.x > sigma.x, "{display:?}");
        let plain = set(&f, r"(x)", true, 10.0);
        let fenced = set(&f, r"\left(\frac{a}{b}\right)", true, 10.0);
        assert!(fenced.ascent + fenced.descent > 2.0 * (plain.ascent + plain.descent));
    }

    #[test]
    fn matrices_set_rows_below_each_other_and_text_in_the_text_face() {
        let f = fonts();
        let m = set(
            &f,
            r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
            true,
            10.0,
        );
        let (a, b, c) = (glyph(&m, "a"), glyph(&m, "b"), glyph(&m, "c"));
        assert!((a.y - b.y).abs() < 0.01 && b.x > a.x + 5.0);
        assert!(c.y < a.y - 8.0);
        // A relation opening the right-hand cell of an alignment keeps its
        // thick space before (amsmath's `{}`): as wide as in a row.
        let aligned = set(&f, r"\begin{aligned} a &= b \end{aligned}", false, 10.0);
        let row = set(&f, r"a = b", false, 10.0);
        assert!(
            (aligned.width - row.width).abs() < 0.05,
            "{aligned:?} {row:?}"
        );
        let t = set(&f, r"x \text{ if } y", false, 10.0);
        assert_eq!(glyph(&t, "i").style, Style::Regular);
    }

    #[test]
    fn display_formulas_split_their_paragraph() {
        let text = |t: &str| Inline::Text { text: t.into() };
        let math = |t: &str, display| Inline::Math {
            tex: t.into(),
            display,
        };
        let content = [
            text("so "),
            math("x", false),
            text(" "),
            math("y", true),
            text(" "),
        ];
        let parts = split_display(&content);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].map(<[Inline]>::len), Ok(3));
        assert_eq!(parts[1], Err("y"));
    }

    #[test]
    fn page_items_flip_y_and_keep_the_text() {
        let f = fonts();
        let b = set(&f, r"\frac{1}{2}", false, 10.0);
        let items = b.page_items(100.0, 200.0);
        let texts: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) => Some(run.text()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["1", "2"]);
        let rule_y = items.iter().find_map(|i| match i {
            Item::Rule { from, .. } => Some(from.1),
            _ => None,
        });
        assert!(
            rule_y.is_some_and(|y| y < 200.0),
            "the rule is above the baseline"
        );
    }

    #[test]
    fn the_same_formula_sets_the_same() {
        let f = fonts();
        let tex = r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}";
        assert_eq!(set(&f, tex, true, 10.0), set(&f, tex, true, 10.0));
    }
}
