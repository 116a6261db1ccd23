//! The compound atoms of TeX's math layout: fractions, radicals, scripts
//! and limits, accents, `\left…\right` fences and tables.

use super::{is_accent, Level, Setter, St, B};
use crate::layout::math::tree::{Class, Node};
use crate::layout::math::MathRule;
use pulldown_latex::event::{ColumnAlignment, ScriptPosition};

impl Setter<'_> {
    /// A fraction (rule 15, with the MATH table's shifts and gaps).
    pub(super) fn fraction(&self, num: &Node, den: &Node, rule: Option<f32>, st: St) -> B {
        let c = &self.constants;
        let d = st.display();
        let n = self.node(num, st.fraction());
        let m = self.node(den, st.fraction().cramp());
        let thickness = rule.map_or(self.v(c.fraction_rule_thickness(), st), |em| {
            em * self.pt(st)
        });
        let axis = self.v(c.axis_height(), st);
        let (mut up, mut down, num_gap, den_gap) = if d {
            (
                self.v(c.fraction_numerator_display_style_shift_up(), st),
                self.v(c.fraction_denominator_display_style_shift_down(), st),
                self.v(c.fraction_num_display_style_gap_min(), st),
                self.v(c.fraction_denom_display_style_gap_min(), st),
            )
        } else {
            (
                self.v(c.fraction_numerator_shift_up(), st),
                self.v(c.fraction_denominator_shift_down(), st),
                self.v(c.fraction_numerator_gap_min(), st),
                self.v(c.fraction_denominator_gap_min(), st),
            )
        };
        up = up.max(axis + thickness / 2.0 + num_gap + n.descent);
        down = down.max(m.ascent + den_gap - (axis - thickness / 2.0));
        // TeX's \nulldelimiterspace on each side.
        let pad = 0.12 * self.pt(st);
        let width = n.width.max(m.width);
        let mut b = B::default();
        let (nw, mw) = (n.width, m.width);
        b.put(n, pad + (width - nw) / 2.0, up);
        b.put(m, pad + (width - mw) / 2.0, -down);
        if thickness > 0.0 {
            b.rules.push(MathRule {
                x: pad,
                y: axis,
                width,
                thickness,
            });
        }
        b.ascent = b.ascent.max(axis + thickness / 2.0);
        b.width = width + 2.0 * pad;
        b
    }

    /// A radical over its body, with the index if any (rule 11).
    pub(super) fn root(&self, body: &Node, index: Option<&Node>, st: St) -> B {
        let c = &self.constants;
        let inner = self.node(body, st.cramp());
        let thickness = self.v(c.radical_rule_thickness(), st);
        let mut gap = if st.display() {
            self.v(c.radical_display_style_vertical_gap(), st)
        } else {
            self.v(c.radical_vertical_gap(), st)
        };
        let target = inner.ascent + inner.descent + gap + thickness;
        let scale = self.face.units_per_em / self.pt(st);
        let radical = self.delimiter_plain('√', target * scale, st);
        let height = radical.ascent + radical.descent;
        if height > target {
            gap += (height - target) / 2.0;
        }
        let top = inner.ascent + gap + thickness;
        let shift = top - radical.ascent;
        let mut b = B::default();
        let mut x = 0.0;
        if let Some(index) = index {
            let degree = self.node(
                index,
                St {
                    level: Level::ScriptScript,
                    cramped: false,
                },
            );
            let before = self.v(c.radical_kern_before_degree(), st);
            let after = self.v(c.radical_kern_after_degree(), st);
            let raise = f32::from(c.radical_degree_bottom_raise_percent()) / 100.0 * height
                - radical.descent
                + shift;
            let dw = degree.width;
            b.put(degree, before, raise.max(0.0));
            x = (before + dw + after).max(0.0);
        }
        let rw = radical.width;
        b.put(radical, x, shift);
        let iw = inner.width;
        b.put(inner, x + rw, 0.0);
        b.rules.push(MathRule {
            x: x + rw,
            y: top - thickness / 2.0,
            width: iw,
            thickness,
        });
        b.ascent = b.ascent.max(top + self.v(c.radical_extra_ascender(), st));
        b
    }

    /// A vertical variant at least `target` font units tall, not centred.
    pub(super) fn delimiter_plain(&self, c: char, target: f32, st: St) -> B {
        let Some(base) = self.face.face().glyph_index(c) else {
            return self.glyph(c, c, st);
        };
        let target = target * 100.0 / f32::from(self.percent(st));
        let variants = self.variants(base, true);
        let id = variants
            .iter()
            .find(|&&(_, a)| a >= target)
            .or(variants.last())
            .map_or(base, |&(id, _)| id);
        self.glyph_id(id, c.to_string(), st)
    }

    /// Scripts on a base: beside it (rules 18a–f), or as limits above and
    /// below it (rule 13a) for operators in display style and accents.
    pub(super) fn scripts(
        &self,
        base: &Node,
        sub: Option<&Node>,
        sup: Option<&Node>,
        position: ScriptPosition,
        st: St,
    ) -> B {
        let limits = match position {
            ScriptPosition::AboveBelow => true,
            ScriptPosition::Movable => st.display(),
            ScriptPosition::Right => false,
        };
        if limits {
            return self.limits(base, sub, sup, st);
        }
        let c = &self.constants;
        let large = matches!(base, Node::Char { large: true, .. });
        let b0 = self.node(base, st);
        let sub_box = sub.map(|n| self.node(n, st.script().cramp()));
        let sup_box = sup.map(|n| self.node(n, st.script()));
        let script = st.script();
        let (mut u, mut v) = if b0.simple {
            (0.0, 0.0)
        } else {
            (
                b0.ascent - self.v(c.superscript_baseline_drop_max(), script),
                b0.descent + self.v(c.subscript_baseline_drop_min(), script),
            )
        };
        if let Some(sp) = &sup_box {
            let shift = if st.cramped {
                self.v(c.superscript_shift_up_cramped(), st)
            } else {
                self.v(c.superscript_shift_up(), st)
            };
            u = u
                .max(shift)
                .max(sp.descent + self.v(c.superscript_bottom_min(), st));
        }
        if let Some(sb) = &sub_box {
            v = v.max(self.v(c.subscript_shift_down(), st));
            if sup_box.is_none() {
                v = v.max(sb.ascent - self.v(c.subscript_top_max(), st));
            }
        }
        if let (Some(sp), Some(sb)) = (&sup_box, &sub_box) {
            let gap = (u - sp.descent) - (sb.ascent - v);
            let min = self.v(c.sub_superscript_gap_min(), st);
            if gap < min {
                v += min - gap;
            }
        }
        let italic = b0.italic;
        let width = b0.width;
        let mut b = B::default();
        b.put(b0, 0.0, 0.0);
        let after = self.v(c.space_after_script(), st);
        let mut end = width;
        if let Some(sp) = sup_box {
            let x = width + if large { 0.0 } else { italic };
            end = end.max(x + sp.width);
            b.put(sp, x, u);
        }
        if let Some(sb) = sub_box {
            let x = width - if large { italic } else { 0.0 };
            end = end.max(x + sb.width);
            b.put(sb, x, -v);
        }
        b.width = end + after;
        b
    }

    /// Limits (and accents) centred above and below the base.
    pub(super) fn limits(&self, base: &Node, sub: Option<&Node>, sup: Option<&Node>, st: St) -> B {
        let c = &self.constants;
        let b0 = self.node(base, st);
        let accent = |n: Option<&Node>| {
            n.and_then(|n| match n {
                Node::Char {
                    c,
                    class: Class::Ord,
                    ..
                } if is_accent(*c) => Some(*c),
                _ => None,
            })
        };
        let mut parts: Vec<(B, f32)> = Vec::new();
        let italic = b0.italic;
        let base_width = b0.width;
        if let Some(node) = sup {
            match accent(Some(node)) {
                Some('‾') => {
                    let thickness = self.v(c.overbar_rule_thickness(), st);
                    let gap = self.v(c.overbar_vertical_gap(), st);
                    let mut bar = B {
                        width: base_width,
                        ..B::default()
                    };
                    let y = b0.ascent + gap + thickness / 2.0;
                    bar.rules.push(MathRule {
                        x: 0.0,
                        y,
                        width: base_width,
                        thickness,
                    });
                    bar.ascent = y + thickness / 2.0 + self.v(c.overbar_extra_ascender(), st);
                    parts.push((bar, 0.0));
                }
                Some(a) => {
                    let base_height = self.v(c.accent_base_height(), st);
                    let y = (b0.ascent - base_height).max(0.0);
                    parts.push((self.accent(a, base_width, st), y));
                }
                None => {
                    let sp = self.node(node, st.script());
                    let y = b0.ascent
                        + (self.v(c.upper_limit_gap_min(), st) + sp.descent)
                            .max(self.v(c.upper_limit_baseline_rise_min(), st));
                    parts.push((sp, y));
                }
            }
        }
        if let Some(node) = sub {
            match accent(Some(node)) {
                Some('‾' | '_') => {
                    let thickness = self.v(c.underbar_rule_thickness(), st);
                    let gap = self.v(c.underbar_vertical_gap(), st);
                    let mut bar = B {
                        width: base_width,
                        ..B::default()
                    };
                    let y = -(b0.descent + gap + thickness / 2.0);
                    bar.rules.push(MathRule {
                        x: 0.0,
                        y,
                        width: base_width,
                        thickness,
                    });
                    bar.descent = -y + thickness / 2.0 + self.v(c.underbar_extra_descender(), st);
                    parts.push((bar, 0.0));
                }
                _ => {
                    let sb = self.node(node, st.script().cramp());
                    let y = b0.descent
                        + (self.v(c.lower_limit_gap_min(), st) + sb.ascent)
                            .max(self.v(c.lower_limit_baseline_drop_min(), st));
                    parts.push((sb, -y));
                }
            }
        }
        let width = parts
            .iter()
            .map(|(p, _)| p.width)
            .fold(base_width, f32::max);
        let mut b = B::default();
        b.put(b0, (width - base_width) / 2.0, 0.0);
        for (part, y) in parts {
            // Limits lean with the operator's slant.
            let lean = if y > 0.0 { italic / 2.0 } else { -italic / 2.0 };
            let x = (width - part.width) / 2.0 + lean;
            b.put(part, x, y);
        }
        b.width = width;
        b
    }

    /// An accent as wide as its base, its mark's ink centred over it: the
    /// combining mark, drawn for bases of x-height (raised by the caller).
    pub(super) fn accent(&self, a: char, base_width: f32, st: St) -> B {
        let combining = match a {
            '→' | '⃗' => '\u{20D7}',
            '←' => '\u{20D6}',
            '^' | '\u{2C6}' => '\u{302}',
            '~' | '\u{2DC}' => '\u{303}',
            '˙' | '.' => '\u{307}',
            '¨' => '\u{308}',
            '´' => '\u{301}',
            '`' => '\u{300}',
            '˘' => '\u{306}',
            'ˇ' => '\u{30C}',
            '°' => '\u{30A}',
            _ => '\u{304}',
        };
        let Some(id) = self.face.face().glyph_index(combining) else {
            let mut mark = self.glyph(a, a, st);
            let dx = (base_width - mark.width) / 2.0;
            mark.glyphs.iter_mut().for_each(|g| g.x += dx);
            mark.width = base_width;
            return mark;
        };
        let mut mark = self.glyph_id(id, a.to_string(), st);
        let scale = self.pt(st) / self.face.units_per_em;
        let ink = self.face.face().glyph_bounding_box(id).map_or(0.0, |r| {
            (f32::from(r.x_min) + f32::from(r.x_max)) / 2.0 * scale
        });
        let dx = base_width / 2.0 - ink;
        mark.glyphs.iter_mut().for_each(|g| g.x += dx);
        mark.width = base_width;
        mark
    }

    /// `\left … \right`: delimiters covering the body about the axis
    /// (rule 19: at least 90.1 % of the body's extent, or all but 5 pt).
    pub(super) fn fenced(&self, open: Option<char>, close: Option<char>, body: &Node, st: St) -> B {
        let inner = self.node(body, st);
        let axis = self.v(self.constants.axis_height(), st);
        let delta = (inner.ascent - axis).max(inner.descent + axis);
        let pt = self.pt(st);
        let size = (delta * 2.0 * 0.901).max(2.0 * delta - 0.5 * pt);
        let target = size * self.face.units_per_em / pt;
        let min = f32::from(self.constants.delimited_sub_formula_min_height());
        let target = target.max(min.min(target));
        let mut b = B::default();
        if let Some(c) = open {
            let d = self.delimiter(c, target, st);
            b.put(d, 0.0, 0.0);
        }
        let x = b.width;
        b.put(inner, x, 0.0);
        if let Some(c) = close {
            let x = b.width;
            let d = self.delimiter(c, target, st);
            b.put(d, x, 0.0);
        }
        b
    }

    /// A matrix or alignment, centred on the axis.
    pub(super) fn table(
        &self,
        rows: &[Vec<Node>],
        columns: &[ColumnAlignment],
        display: bool,
        gap: f32,
        pairs: bool,
        st: St,
    ) -> B {
        let cell_style = St {
            level: if display { Level::Display } else { Level::Text },
            cramped: st.cramped,
        };
        let cells: Vec<Vec<B>> = rows
            .iter()
            .map(|row| row.iter().map(|n| self.node(n, cell_style)).collect())
            .collect();
        let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0.0f32; ncols];
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width);
            }
        }
        let pt = self.pt(st);
        // Rows as TeX's struts space them: 0.7 em up, 0.3 em down at least,
        // and a little more between rows (\jot).
        let strut = (0.7 * pt, 0.3 * pt);
        let jot = if display { 0.25 * pt } else { 0.2 * pt };
        let mut xs = Vec::with_capacity(ncols);
        let mut x = 0.0;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                x += if pairs && i % 2 == 1 { 0.0 } else { gap * pt };
            }
            xs.push(x);
            x += w;
        }
        let mut b = B::default();
        let mut y = 0.0;
        for (r, row) in cells.into_iter().enumerate() {
            let ascent = row.iter().map(|c| c.ascent).fold(strut.0, f32::max);
            let descent = row.iter().map(|c| c.descent).fold(strut.1, f32::max);
            if r > 0 {
                y -= ascent + jot;
            }
            for (i, cell) in row.into_iter().enumerate() {
                let align = columns
                    .get(i)
                    .or(columns.last())
                    .copied()
                    .unwrap_or(ColumnAlignment::Center);
                let align = if pairs {
                    if i % 2 == 0 {
                        ColumnAlignment::Right
                    } else {
                        ColumnAlignment::Left
                    }
                } else {
                    align
                };
                let slack = widths[i] - cell.width;
                let dx = match align {
                    ColumnAlignment::Left => 0.0,
                    ColumnAlignment::Center => slack / 2.0,
                    ColumnAlignment::Right => slack,
                };
                b.put(cell, xs[i] + dx, y);
            }
            b.ascent = b.ascent.max(ascent);
            y -= descent;
        }
        b.width = x;
        self.centre_on_axis(&mut b, st);
        b
    }
}
