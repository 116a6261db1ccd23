//! Knuth–Plass total-fit line breaking over boxes, glue and penalties.
//!
//! The breaker chooses the breaks of a whole paragraph at once, minimising
//! the sum of the demerits of its lines (Knuth & Plass, "Breaking Paragraphs
//! into Lines", 1981). It knows nothing about glyphs: a paragraph is a list of
//! [`Item`]s with widths in points.

/// A penalty at or above this value forbids a break; at or below its
/// negation, it forces one.
pub const INFINITE_PENALTY: f64 = 10_000.0;

/// Stretch that stands for TeX's `fil`: far more than any real glue.
pub const FIL: f64 = 100_000.0;

/// One element of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Something of fixed width that is never broken (a word or syllable).
    Box {
        /// Width in points.
        width: f64,
    },
    /// Elastic space between boxes; a break may occur at glue that follows a box.
    Glue {
        /// Natural width.
        width: f64,
        /// How far it may grow.
        stretch: f64,
        /// How far it may shrink.
        shrink: f64,
    },
    /// A possible break with a cost, adding `width` (a hyphen) when taken.
    Penalty {
        /// Width of the material inserted at the break (the hyphen).
        width: f64,
        /// Cost of breaking here; ±[`INFINITE_PENALTY`] forbids/forces.
        cost: f64,
        /// Whether this is a hyphen break (two in a row cost extra).
        flagged: bool,
    },
}

/// How demanding the breaker is.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// The largest adjustment ratio a line may have (TeX's tolerance, as a ratio).
    pub max_ratio: f64,
    /// Added to the badness of every line (TeX's `\linepenalty`).
    pub line_penalty: f64,
    /// Extra demerits for two consecutive hyphenated lines.
    pub double_hyphen_demerits: f64,
    /// Extra demerits when neighbouring lines differ by more than one fitness class.
    pub adjacent_demerits: f64,
    /// Extra demerits when the last full line ends with a hyphen.
    pub final_hyphen_demerits: f64,
    /// Stretch every line has besides its glue (TeX's `\rightskip` for
    /// ragged-right setting).
    pub line_stretch: f64,
    /// When true and nothing fits, the tightest overfull line is accepted
    /// rather than failing (the caller then squeezes it into the measure).
    pub emergency: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_ratio: 1.3,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            adjacent_demerits: 10_000.0,
            final_hyphen_demerits: 5_000.0,
            line_stretch: 0.0,
            emergency: false,
        }
    }
}

/// A chosen break: the line ends at `position` (an index into the items),
/// and its glue is set with adjustment `ratio`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Index of the glue or penalty item where the line ends.
    pub position: usize,
    /// Glue adjustment: 0 natural, 1 fully stretched, −1 fully shrunk.
    pub ratio: f64,
}

#[derive(Clone, Copy, Default)]
struct Sums {
    width: f64,
    stretch: f64,
    shrink: f64,
}

struct Node {
    position: usize,
    line: usize,
    fitness: u8,
    after: Sums,
    demerits: f64,
    ratio: f64,
    previous: Option<usize>,
    flagged: bool,
}

/// Breaks `items` into lines of `line_width(line_index)` points.
///
/// The paragraph must end with a forced break. Returns `None` when no set of
/// breaks keeps every line within `params.max_ratio` (and `emergency` is off).
pub fn break_lines(
    items: &[Item],
    line_width: &dyn Fn(usize) -> f64,
    params: &Params,
) -> Option<Vec<Break>> {
    let mut totals = Vec::with_capacity(items.len() + 1);
    let mut sum = Sums::default();
    for item in items {
        totals.push(sum);
        match *item {
            Item::Box { width } => sum.width += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                sum.width += width;
                sum.stretch += stretch;
                sum.shrink += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    totals.push(sum);

    let mut nodes = vec![Node {
        position: 0,
        line: 0,
        fitness: 1,
        after: Sums::default(),
        demerits: 0.0,
        ratio: 0.0,
        previous: None,
        flagged: false,
    }];
    let mut active: Vec<usize> = vec![0];
    let mut last_deactivated: Option<usize> = None;

    for (i, item) in items.iter().enumerate() {
        let (is_break, penalty, flagged, extra) = match *item {
            Item::Penalty {
                width,
                cost,
                flagged,
            } if cost < INFINITE_PENALTY => (true, cost, flagged, width),
            Item::Glue { .. } => (
                i > 0 && matches!(items[i - 1], Item::Box { .. }),
                0.0,
                false,
                0.0,
            ),
            _ => (false, 0.0, false, 0.0),
        };
        if !is_break {
            continue;
        }
        // Best new node per fitness class.
        let mut best: [Option<(f64, usize, f64)>; 4] = [None; 4];
        // The nodes kept active are moved down to `kept`, in order.
        let mut kept = 0;
        for k in 0..active.len() {
            let index = active[k];
            let a = &nodes[index];
            let width = totals[i].width - a.after.width + extra;
            let target = line_width(a.line);
            let ratio = if width < target {
                let stretch = totals[i].stretch - a.after.stretch + params.line_stretch;
                if stretch > 0.0 {
                    (target - width) / stretch
                } else {
                    f64::INFINITY
                }
            } else if width > target {
                let shrink = totals[i].shrink - a.after.shrink;
                if shrink > 0.0 {
                    (target - width) / shrink
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            if ratio < -1.0 || penalty <= -INFINITE_PENALTY {
                last_deactivated = Some(index);
            } else {
                active[kept] = index;
                kept += 1;
            }
            if ratio >= -1.0 && ratio <= params.max_ratio {
                let badness = 100.0 * ratio.abs().powi(3);
                let base = params.line_penalty + badness;
                let mut demerits = if penalty >= 0.0 {
                    base * base + penalty * penalty
                } else if penalty > -INFINITE_PENALTY {
                    base * base - penalty * penalty
                } else {
                    base * base
                };
                if flagged && a.flagged {
                    demerits += params.double_hyphen_demerits;
                }
                if a.flagged && i + 1 == items.len() {
                    demerits += params.final_hyphen_demerits;
                }
                let fitness = fitness_class(ratio);
                if fitness.abs_diff(a.fitness) > 1 {
                    demerits += params.adjacent_demerits;
                }
                demerits += a.demerits;
                let slot = &mut best[fitness as usize];
                if slot.is_none_or(|(d, _, _)| demerits < d) {
                    *slot = Some((demerits, index, ratio));
                }
            }
        }
        active.truncate(kept);
        // What follows the break is summed only when a line ends here.
        let found = best.iter().any(Option::is_some);
        if !found && !active.is_empty() {
            continue;
        }
        let after = sums_after(items, &totals, i);
        for (fitness, candidate) in best.iter().enumerate() {
            if let Some((demerits, from, ratio)) = *candidate {
                nodes.push(Node {
                    position: i,
                    line: nodes[from].line + 1,
                    fitness: fitness as u8,
                    after,
                    demerits,
                    ratio,
                    previous: Some(from),
                    flagged,
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            if !params.emergency {
                return None;
            }
            // Nothing fits: take the line from the last node we gave up on,
            // overfull, and go on from here.
            let from = last_deactivated?;
            let width = totals[i].width - nodes[from].after.width + extra;
            let target = line_width(nodes[from].line);
            let ratio = if width > target { -1.0 } else { 0.0 };
            nodes.push(Node {
                position: i,
                line: nodes[from].line + 1,
                fitness: fitness_class(ratio),
                after,
                demerits: nodes[from].demerits + 1.0e9,
                ratio,
                previous: Some(from),
                flagged,
            });
            active.push(nodes.len() - 1);
        }
    }

    let end = items.len().checked_sub(1)?;
    let best = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].position == end)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut breaks = Vec::new();
    let mut cursor = Some(best);
    while let Some(n) = cursor {
        if nodes[n].previous.is_some() {
            breaks.push(Break {
                position: nodes[n].position,
                ratio: nodes[n].ratio,
            });
        }
        cursor = nodes[n].previous;
    }
    breaks.reverse();
    Some(breaks)
}

fn fitness_class(ratio: f64) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// The totals just after a break at `i`: glue and penalties that follow a
/// break vanish at the start of the next line.
fn sums_after(items: &[Item], totals: &[Sums], i: usize) -> Sums {
    let mut sums = totals[i];
    for (j, item) in items.iter().enumerate().skip(i) {
        match *item {
            Item::Box { .. } => break,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                sums.width += width;
                sums.stretch += stretch;
                sums.shrink += shrink;
            }
            Item::Penalty { cost, .. } if cost <= -INFINITE_PENALTY && j > i => break,
            Item::Penalty { .. } => {}
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of fixed width 1 per character, spaces 1 wide (stretch 1, shrink 1/3).
    fn paragraph(text: &str) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 1.0,
                    shrink: 1.0 / 3.0,
                });
            }
            items.push(Item::Box {
                width: word.chars().count() as f64,
            });
        }
        finish(&mut items);
        items
    }

    fn finish(items: &mut Vec<Item>) {
        items.push(Item::Penalty {
            width: 0.0,
            cost: INFINITE_PENALTY,
            flagged: false,
        });
        items.push(Item::Glue {
            width: 0.0,
            stretch: FIL,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: -INFINITE_PENALTY,
            flagged: false,
        });
    }

    /// First fit: put as much on each line as fits at natural width or shrunk.
    fn greedy(items: &[Item], width: f64) -> Vec<usize> {
        let mut breaks = Vec::new();
        let mut line = 0.0;
        let mut shrink = 0.0;
        let mut last_glue = None;
        let mut i = 0;
        while i < items.len() {
            match items[i] {
                Item::Box { width: w } => {
                    if line + w - shrink > width {
                        if let Some(g) = last_glue.take() {
                            breaks.push(g);
                            line = 0.0;
                            shrink = 0.0;
                            i = g + 1;
                            continue;
                        }
                    }
                    line += w;
                }
                Item::Glue {
                    width: w,
                    shrink: s,
                    ..
                } => {
                    last_glue = Some(i);
                    line += w;
                    shrink += s;
                }
                Item::Penalty { .. } => {}
            }
            i += 1;
        }
        breaks.push(items.len() - 1);
        breaks
    }

    /// Sum over all lines but the last of the squared adjustment ratio.
    fn cost(items: &[Item], breaks: &[usize], width: f64) -> f64 {
        let mut start = 0;
        let mut total = 0.0;
        for &b in &breaks[..breaks.len() - 1] {
            let (mut w, mut st, mut sh) = (0.0, 0.0, 0.0);
            for item in &items[start..b] {
                match *item {
                    Item::Box { width } => w += width,
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    } => {
                        w += width;
                        st += stretch;
                        sh += shrink;
                    }
                    Item::Penalty { .. } => {}
                }
            }
            let r = if w < width {
                (width - w) / st
            } else {
                (width - w) / sh
            };
            total += r * r;
            start = b + 1;
        }
        total
    }

    const FROG: &str = "In olden times when wishing still helped one there lived a king whose \
        daughters were all beautiful and the youngest was so beautiful that the sun itself \
        which has seen so much was astonished whenever it shone in her face";

    #[test]
    fn every_line_fits_within_tolerance() {
        let items = paragraph(FROG);
        let breaks = break_lines(&items, &|_| 40.0, &Params::default()).expect("breaks");
        assert!(breaks.len() > 3);
        for b in &breaks[..breaks.len() - 1] {
            assert!(b.ratio >= -1.0 && b.ratio <= 1.3, "{b:?}");
        }
        assert_eq!(breaks.last().map(|b| b.position), Some(items.len() - 1));
    }

    #[test]
    fn total_fit_is_never_worse_than_first_fit_and_here_strictly_better() {
        let items = paragraph(FROG);
        let params = Params {
            max_ratio: 10.0,
            ..Params::default()
        };
        let mut strictly_better = false;
        for width in [30.0, 35.0, 40.0, 45.0] {
            let optimal: Vec<usize> = break_lines(&items, &|_| width, &params)
                .expect("breaks")
                .iter()
                .map(|b| b.position)
                .collect();
            let first_fit = greedy(&items, width);
            let (o, g) = (
                cost(&items, &optimal, width),
                cost(&items, &first_fit, width),
            );
            assert!(o <= g + 1e-9, "width {width}: optimal {o} > greedy {g}");
            strictly_better |= o < g - 1e-6;
        }
        assert!(strictly_better);
    }

    #[test]
    fn a_line_that_cannot_fit_fails_unless_emergency() {
        let mut items = vec![Item::Box { width: 50.0 }];
        finish(&mut items);
        assert!(break_lines(&items, &|_| 40.0, &Params::default()).is_none());
        let params = Params {
            emergency: true,
            ..Params::default()
        };
        let breaks = break_lines(&items, &|_| 40.0, &params).expect("emergency break");
        assert_eq!(breaks.len(), 1);
    }

    #[test]
    fn a_hyphen_break_is_taken_when_it_saves_a_loose_line() {
        // "aaaa bbbb-cccc": width 9 only fits "aaaa bbbb-" on the first line.
        let mut items = vec![
            Item::Box { width: 4.0 },
            Item::Glue {
                width: 1.0,
                stretch: 0.5,
                shrink: 0.3,
            },
            Item::Box { width: 4.0 },
            Item::Penalty {
                width: 1.0,
                cost: 50.0,
                flagged: true,
            },
            Item::Box { width: 4.0 },
        ];
        finish(&mut items);
        let breaks = break_lines(&items, &|_| 10.0, &Params::default()).expect("breaks");
        assert_eq!(breaks[0].position, 3);
        assert!(breaks[0].ratio.abs() < 1e-9);
    }
}
