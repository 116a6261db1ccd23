//! pulldown-latex's flat stream of events made into a tree of math atoms,
//! the shape TeX's math layout works on.

use pulldown_latex::event::{
    ColumnAlignment, Content, DelimiterSize, DelimiterType, DimensionUnit, EnvironmentFlow, Event,
    Font, Grouping, ScriptPosition, ScriptType, StateChange, Style as TexStyle, Visual,
};

/// TeX's atom classes, which decide the space between neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Letters, numbers, most symbols.
    Ord,
    /// Large operators and functions (`∑`, `sin`).
    Op,
    /// Binary operators (`+`, `×`).
    Bin,
    /// Relations (`=`, `<`).
    Rel,
    /// Opening delimiters.
    Open,
    /// Closing delimiters.
    Close,
    /// Punctuation.
    Punct,
    /// Fractions and `\left…\right` groups.
    Inner,
}

/// One node of a formula.
#[derive(Debug, Clone)]
pub(super) enum Node {
    /// One character, in its class, with the font asked for.
    Char {
        /// The character as written.
        c: char,
        /// Its class.
        class: Class,
        /// `\mathbf` and the like.
        font: Option<Font>,
        /// A large operator (`∑`, `∫`).
        large: bool,
    },
    /// Upright words: numbers, function names, text.
    Word {
        /// The characters.
        text: String,
        /// Its class.
        class: Class,
        /// Text (`\text{…}`): set in the text face.
        text_face: bool,
        /// The font asked for.
        font: Option<Font>,
    },
    /// A group of nodes side by side.
    Row(Vec<Node>),
    /// Changes the style for the nodes after it in its row.
    Style(TexStyle),
    /// A fraction; `rule` in ems when given (`\genfrac`, `\binom` give 0).
    Frac {
        /// Above the rule.
        num: Box<Node>,
        /// Below the rule.
        den: Box<Node>,
        /// Rule thickness in ems, if not the font's.
        rule: Option<f32>,
    },
    /// A root, with its index if any.
    Root {
        /// Under the radical.
        body: Box<Node>,
        /// The index (`\sqrt[3]`).
        index: Option<Box<Node>>,
    },
    /// A base with scripts.
    Scripts {
        /// The base.
        base: Box<Node>,
        /// Below (or lower right).
        sub: Option<Box<Node>>,
        /// Above (or upper right).
        sup: Option<Box<Node>>,
        /// Where the scripts go.
        position: ScriptPosition,
    },
    /// A delimiter, sized when asked (`\big(`).
    Delim {
        /// The character.
        c: char,
        /// `\big` and the like.
        size: Option<DelimiterSize>,
        /// Open, close or middle.
        class: Class,
    },
    /// `\left( … \right)`: delimiters as tall as the body.
    Fenced {
        /// The left delimiter, if any (`\left.` has none).
        open: Option<char>,
        /// The right delimiter, if any.
        close: Option<char>,
        /// What they enclose.
        body: Box<Node>,
    },
    /// A matrix or alignment: rows of cells.
    Table {
        /// The cells, row by row.
        rows: Vec<Vec<Node>>,
        /// How each column is aligned (the last repeats).
        columns: Vec<ColumnAlignment>,
        /// Cells in display style (alignments) rather than text style.
        display: bool,
        /// Space between columns, in ems.
        gap: f32,
        /// Columns pair up right-left (`aligned`), with no gap inside a pair.
        pairs: bool,
    },
    /// Horizontal space, in ems.
    Space(f32),
    /// A node struck through (`\not=`).
    Negated(Box<Node>),
}

type Events<'a, 'b> = std::iter::Peekable<&'b mut dyn Iterator<Item = Event<'a>>>;

/// The formula's tree. Events the parser gave as errors were refused at
/// parse time; they are skipped here.
pub(super) fn build<'a>(events: impl Iterator<Item = Event<'a>>) -> Node {
    let mut iter = events;
    let dyn_iter: &mut dyn Iterator<Item = Event<'a>> = &mut iter;
    let mut events = dyn_iter.peekable();
    let mut nodes = Vec::new();
    let mut font = None;
    while events.peek().is_some() {
        match element(&mut events, &mut font) {
            Some(node) => nodes.push(node),
            None => {
                // A stray end or flow event: skip it.
                events.next();
            }
        }
    }
    Node::Row(nodes)
}

/// The next element (see pulldown-latex's `Event`): `None` at the end of a
/// group or at an alignment or new line, which are left for the caller.
fn element<'a>(events: &mut Events<'a, '_>, font: &mut Option<Font>) -> Option<Node> {
    match events.peek()? {
        Event::End | Event::EnvironmentFlow(_) => return None,
        _ => {}
    }
    let event = events.next()?;
    Some(match event {
        Event::Content(content) => leaf(content, *font),
        Event::Begin(grouping) => group(events, grouping, *font),
        Event::End | Event::EnvironmentFlow(_) => return None,
        Event::Visual(visual) => {
            let next = |events: &mut Events<'a, '_>| {
                Box::new(element(events, &mut font.clone()).unwrap_or(Node::Row(Vec::new())))
            };
            match visual {
                Visual::SquareRoot => Node::Root {
                    body: next(events),
                    index: None,
                },
                Visual::Root => {
                    let body = next(events);
                    Node::Root {
                        body,
                        index: Some(next(events)),
                    }
                }
                Visual::Fraction(rule) => {
                    let num = next(events);
                    Node::Frac {
                        num,
                        den: next(events),
                        rule: rule.map(|d| em(d.value, d.unit)),
                    }
                }
                Visual::Negation => Node::Negated(next(events)),
            }
        }
        Event::Script { ty, position } => {
            let next = |events: &mut Events<'a, '_>| {
                Box::new(element(events, &mut font.clone()).unwrap_or(Node::Row(Vec::new())))
            };
            let base = next(events);
            let (sub, sup) = match ty {
                ScriptType::Subscript => (Some(next(events)), None),
                ScriptType::Superscript => (None, Some(next(events))),
                ScriptType::SubSuperscript => {
                    let sub = next(events);
                    (Some(sub), Some(next(events)))
                }
            };
            Node::Scripts {
                base,
                sub,
                sup,
                position,
            }
        }
        Event::Space { width, .. } => Node::Space(width.map_or(0.0, |d| em(d.value, d.unit))),
        Event::StateChange(StateChange::Font(f)) => {
            *font = f;
            Node::Row(Vec::new())
        }
        Event::StateChange(StateChange::Style(style)) => Node::Style(style),
        // Colour is not set in print.
        Event::StateChange(StateChange::Color(_)) => Node::Row(Vec::new()),
    })
}

fn leaf(content: Content<'_>, font: Option<Font>) -> Node {
    let char = |c, class| Node::Char {
        c,
        class,
        font,
        large: false,
    };
    let word = |text: &str, class, text_face| Node::Word {
        text: text.to_string(),
        class,
        text_face,
        font,
    };
    match content {
        Content::Text(text) => word(text, Class::Ord, true),
        Content::Number(number) => word(number, Class::Ord, false),
        Content::Function(name) => word(name, Class::Op, false),
        Content::Ordinary { content, .. } => char(content, Class::Ord),
        Content::LargeOp { content, small } => Node::Char {
            c: content,
            class: Class::Op,
            font,
            large: !small,
        },
        Content::BinaryOp { content, .. } => char(content, Class::Bin),
        Content::Relation { content, .. } => {
            let mut buf = [0u8; 8];
            let text = String::from_utf8_lossy(content.encode_utf8_to_buf(&mut buf)).into_owned();
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => char(c, Class::Rel),
                _ => word(&text, Class::Rel, false),
            }
        }
        Content::Delimiter { content, size, ty } => Node::Delim {
            c: content,
            size,
            class: match ty {
                DelimiterType::Open => Class::Open,
                DelimiterType::Close => Class::Close,
                DelimiterType::Fence => Class::Rel,
            },
        },
        Content::Punctuation(c) => char(c, Class::Punct),
    }
}

/// A group up to its end: a row, a `\left…\right` pair, or a table.
fn group<'a>(events: &mut Events<'a, '_>, grouping: Grouping, font: Option<Font>) -> Node {
    let mut font = match grouping {
        Grouping::Normal | Grouping::LeftRight(..) => font,
        _ => None,
    };
    let mut rows: Vec<Vec<Node>> = vec![Vec::new()];
    let mut cell: Vec<Node> = Vec::new();
    loop {
        if let Some(node) = element(events, &mut font) {
            cell.push(node);
            continue;
        }
        match events.next() {
            Some(Event::EnvironmentFlow(EnvironmentFlow::Alignment)) => {
                if let Some(r) = rows.last_mut() {
                    r.push(Node::Row(std::mem::take(&mut cell)));
                }
            }
            Some(Event::EnvironmentFlow(EnvironmentFlow::NewLine { .. })) => {
                if let Some(r) = rows.last_mut() {
                    r.push(Node::Row(std::mem::take(&mut cell)));
                }
                rows.push(Vec::new());
            }
            Some(Event::EnvironmentFlow(EnvironmentFlow::StartLines { .. })) => {}
            // The group's end, or the formula's.
            _ => break,
        }
    }
    if let Some(row) = rows.last_mut() {
        row.push(Node::Row(cell));
    }
    // A trailing `\\` leaves an empty last row.
    if rows.len() > 1
        && rows
            .last()
            .is_some_and(|r| r.len() == 1 && matches!(&r[0], Node::Row(n) if n.is_empty()))
    {
        rows.pop();
    }
    let table = |rows, columns, display, gap, pairs| Node::Table {
        rows,
        columns,
        display,
        gap,
        pairs,
    };
    let center = vec![ColumnAlignment::Center];
    match grouping {
        Grouping::Normal => Node::Row(flatten(rows)),
        Grouping::LeftRight(open, close) => Node::Fenced {
            open,
            close,
            body: Box::new(Node::Row(flatten(rows))),
        },
        Grouping::Matrix { alignment } => table(rows, vec![alignment], false, 1.0, false),
        Grouping::Array(columns) => {
            let columns = columns
                .iter()
                .filter_map(|c| match c {
                    pulldown_latex::event::ArrayColumn::Column(a) => Some(*a),
                    pulldown_latex::event::ArrayColumn::Separator(_) => None,
                })
                .collect();
            table(rows, columns, false, 1.0, false)
        }
        Grouping::SubArray { alignment } => table(rows, vec![alignment], false, 0.5, false),
        Grouping::Cases { left } => {
            let body = table(rows, vec![ColumnAlignment::Left], false, 1.0, false);
            Node::Fenced {
                open: left.then_some('{'),
                close: (!left).then_some('}'),
                body: Box::new(body),
            }
        }
        Grouping::Align { .. }
        | Grouping::Aligned
        | Grouping::Alignat { .. }
        | Grouping::Alignedat { .. }
        | Grouping::Split => table(
            open_right_cells(rows),
            vec![ColumnAlignment::Right, ColumnAlignment::Left],
            true,
            2.0,
            true,
        ),
        Grouping::Equation { .. }
        | Grouping::Gather { .. }
        | Grouping::Gathered
        | Grouping::Multline => table(rows, center, true, 1.0, false),
    }
}

/// Each right-hand cell of an alignment opens with an empty ordinary atom,
/// as amsmath's `{}`: a relation there (`&= b`) keeps its space before.
fn open_right_cells(rows: Vec<Vec<Node>>) -> Vec<Vec<Node>> {
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(|(i, cell)| {
                    if i % 2 == 1 {
                        let empty = Node::Word {
                            text: String::new(),
                            class: Class::Ord,
                            text_face: false,
                            font: None,
                        };
                        let mut nodes = vec![empty];
                        match cell {
                            Node::Row(inner) => nodes.extend(inner),
                            other => nodes.push(other),
                        }
                        Node::Row(nodes)
                    } else {
                        cell
                    }
                })
                .collect()
        })
        .collect()
}

/// The cells of a group that is not a table, side by side.
fn flatten(rows: Vec<Vec<Node>>) -> Vec<Node> {
    rows.into_iter().flatten().collect()
}

/// A TeX dimension in ems (10 pt to the em, as TeX's default size).
fn em(value: f32, unit: DimensionUnit) -> f32 {
    match unit {
        DimensionUnit::Em => value,
        DimensionUnit::Mu => value / 18.0,
        DimensionUnit::Ex => value * 0.45,
        DimensionUnit::Pt | DimensionUnit::Bp => value / 10.0,
        DimensionUnit::Pc => value * 1.2,
        DimensionUnit::In => value * 7.227,
        DimensionUnit::Cm => value * 2.845,
        DimensionUnit::Mm => value * 0.2845,
        DimensionUnit::Dd => value * 0.107,
        DimensionUnit::Cc => value * 1.284,
        DimensionUnit::Sp => value / 655_360.0,
    }
}

/// The character as `font` draws it: the Unicode mathematical alphanumeric
/// for Latin letters, digits and Greek; math italic for letters with no
/// font (TeX's default; capital Greek stays upright).
pub(super) fn styled(c: char, font: Option<Font>) -> char {
    let italic = |c: char| match c {
        'h' => Some('\u{210E}'),
        'a'..='z' => char::from_u32(0x1D44E + (c as u32 - 'a' as u32)),
        'A'..='Z' => char::from_u32(0x1D434 + (c as u32 - 'A' as u32)),
        'α'..='ω' => char::from_u32(0x1D6FC + (c as u32 - 'α' as u32)),
        _ => None,
    };
    let latin = |upper: u32, lower: u32, digits: Option<u32>| match c {
        'A'..='Z' => char::from_u32(upper + (c as u32 - 'A' as u32)),
        'a'..='z' => char::from_u32(lower + (c as u32 - 'a' as u32)),
        '0'..='9' => digits.and_then(|d| char::from_u32(d + (c as u32 - '0' as u32))),
        _ => None,
    };
    let mapped = match font {
        None | Some(Font::Italic) => italic(c),
        Some(Font::UpRight) => None,
        Some(Font::Bold | Font::BoldSymbol) => latin(0x1D400, 0x1D41A, Some(0x1D7CE)),
        Some(Font::BoldItalic) => latin(0x1D468, 0x1D482, None),
        Some(Font::Script) => match c {
            'B' => Some('ℬ'),
            'E' => Some('ℰ'),
            'F' => Some('ℱ'),
            'H' => Some('ℋ'),
            'I' => Some('ℐ'),
            'L' => Some('ℒ'),
            'M' => Some('ℳ'),
            'R' => Some('ℛ'),
            'e' => Some('ℯ'),
            'g' => Some('ℊ'),
            'o' => Some('ℴ'),
            _ => latin(0x1D49C, 0x1D4B6, None),
        },
        Some(Font::BoldScript) => latin(0x1D4D0, 0x1D4EA, None),
        Some(Font::Fraktur) => match c {
            'C' => Some('ℭ'),
            'H' => Some('ℌ'),
            'I' => Some('ℑ'),
            'R' => Some('ℜ'),
            'Z' => Some('ℨ'),
            _ => latin(0x1D504, 0x1D51E, None),
        },
        Some(Font::BoldFraktur) => latin(0x1D56C, 0x1D586, None),
        Some(Font::DoubleStruck | Font::DoubleStruckItalic) => match c {
            'C' => Some('ℂ'),
            'H' => Some('ℍ'),
            'N' => Some('ℕ'),
            'P' => Some('ℙ'),
            'Q' => Some('ℚ'),
            'R' => Some('ℝ'),
            'Z' => Some('ℤ'),
            _ => latin(0x1D538, 0x1D552, Some(0x1D7D8)),
        },
        Some(Font::SansSerif) => latin(0x1D5A0, 0x1D5BA, Some(0x1D7E2)),
        Some(Font::BoldSansSerif) => latin(0x1D5D4, 0x1D5EE, Some(0x1D7EC)),
        Some(Font::SansSerifItalic) => latin(0x1D608, 0x1D622, None),
        Some(Font::SansSerifBoldItalic) => latin(0x1D63C, 0x1D656, None),
        Some(Font::Monospace) => latin(0x1D670, 0x1D68A, Some(0x1D7F6)),
    };
    mapped.unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(tex: &str) -> Node {
        let storage = pulldown_latex::Storage::new();
        build(pulldown_latex::Parser::new(tex, &storage).filter_map(Result::ok))
    }

    #[test]
    fn a_matrix_is_a_table_of_rows_and_cells_in_its_parentheses() {
        let Node::Row(nodes) = tree(r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}") else {
            panic!()
        };
        let Node::Fenced {
            open: Some('('),
            body,
            ..
        } = &nodes[0]
        else {
            panic!("{nodes:?}")
        };
        let Node::Row(inner) = &**body else { panic!() };
        let Node::Row(cell) = &inner[0] else { panic!() };
        let Node::Table { rows, .. } = &cell[0] else {
            panic!("{inner:?}")
        };
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn letters_are_math_italic_unless_a_font_says_otherwise() {
        assert_eq!(styled('x', None), '𝑥');
        assert_eq!(styled('h', None), 'ℎ');
        assert_eq!(styled('β', None), '𝛽');
        assert_eq!(styled('Γ', None), 'Γ');
        assert_eq!(styled('R', Some(Font::DoubleStruck)), 'ℝ');
        assert_eq!(styled('x', Some(Font::UpRight)), 'x');
        assert_eq!(styled('2', Some(Font::Bold)), '𝟐');
    }
}
