//! Code listings folded to a measure: each source line becomes one or more
//! rows, broken where a reader of code expects it. A line that does not fit
//! breaks at a space, then after punctuation or an operator (`,` `;` `(`
//! `::` `->` `=` …, or before the `.` of a method call), and only as a last
//! resort inside a token. A continuation row hangs two columns deeper than
//! its line's own indentation (the flow draws a ↪ in those two columns).
//!
//! Rows name byte ranges of the source line, so that anything laid over the
//! code by byte range (colour, say) can be cut along the same rows.

use std::ops::Range;

/// Columns a tab stands for (it is set as this many spaces).
pub const TAB: usize = 4;

/// Columns a continuation row hangs deeper than its line's indentation.
pub const HANG: usize = 2;

/// A row fills at least this share of its room before a break of a worse
/// kind is preferred to it.
const GOOD_FILL: f32 = 0.5;

/// One printed row of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The source line it comes from, counted from 0.
    pub line: usize,
    /// The bytes of that line set on this row (leading white space and the
    /// spaces at a break left out).
    pub range: Range<usize>,
    /// Room before the text, in the units of the advances given to [`fold`].
    pub indent: f32,
    /// The row continues the one before it (its line was folded).
    pub continued: bool,
}

/// What kind of break a position is, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Space,
    Punctuation,
    Anywhere,
}

/// Folds `code` into rows no wider than `measure`, measuring each character
/// with `advance` (a tab as [`TAB`] spaces: set it so). `space` is the
/// width of a space, the unit of the hang.
pub fn fold(code: &str, measure: f32, space: f32, advance: &dyn Fn(char) -> f32) -> Vec<Row> {
    let code = code.strip_suffix('\n').unwrap_or(code);
    code.split('\n')
        .enumerate()
        .flat_map(|(line, text)| {
            let text = text.strip_suffix('\r').unwrap_or(text);
            fold_line(line, text, measure, space, advance)
        })
        .collect()
}

/// The rows of one line.
fn fold_line(
    line: usize,
    text: &str,
    measure: f32,
    space: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<Row> {
    let end = text.trim_end().len();
    // (byte, char, width).
    let chars: Vec<(usize, char, f32)> = text[..end]
        .char_indices()
        .map(|(at, c)| {
            let width = if c == '\t' {
                TAB as f32 * space
            } else {
                advance(c)
            };
            (at, c, width)
        })
        .collect();
    let first = chars
        .iter()
        .position(|(_, c, _)| !c.is_whitespace())
        .unwrap_or(chars.len());
    // Deep indentation keeps half the measure for the text.
    let own = chars[..first]
        .iter()
        .map(|c| c.2)
        .sum::<f32>()
        .min(measure / 2.0);
    let mut rows = Vec::new();
    let (mut from, mut indent, mut continued) = (first, own, false);
    // A continuation hangs two columns deeper, within the same limit.
    let hang = (own + HANG as f32 * space).min(measure / 2.0);
    loop {
        let rest = &chars[from..];
        let room = measure - indent;
        let width: f32 = rest.iter().map(|c| c.2).sum();
        let byte = |i: usize| chars.get(i).map_or(end, |c| c.0);
        if width <= room + 0.001 || rest.is_empty() {
            rows.push(Row {
                line,
                range: byte(from)..end,
                indent,
                continued,
            });
            return rows;
        }
        let letters: Vec<char> = rest.iter().map(|c| c.1).collect();
        let widths: Vec<f32> = rest.iter().map(|c| c.2).collect();
        let (cut, next) = choose_break(&letters, &widths, room);
        rows.push(Row {
            line,
            range: byte(from)..byte(from + cut),
            indent,
            continued,
        });
        from += next;
        indent = hang;
        continued = true;
    }
}

/// Where to break a row of `chars` (each `widths` wide) that does not fit in
/// `room`: the row takes `chars[..cut]` and the next starts at `chars[next]`
/// (`next > cut` when the spaces at the break are dropped). The row is as
/// full as possible with a break of the best kind that fills at least half
/// the room; failing that, with the best break that fits at all; a break
/// inside a token only when there is no other.
pub fn choose_break(chars: &[char], widths: &[f32], room: f32) -> (usize, usize) {
    // The widest fitting row for each kind: (cut, next, filled width).
    let mut best: [Option<(usize, usize, f32)>; 3] = [None; 3];
    let mut width = 0.0;
    for k in 1..chars.len() {
        width += widths[k - 1];
        if width > room + 0.001 {
            break;
        }
        let Some(kind) = kind(chars, k) else { continue };
        let (cut, next) = if kind == Kind::Space {
            // Leave the spaces out of both rows.
            let cut = chars[..k]
                .iter()
                .rposition(|c| *c != ' ')
                .map_or(0, |i| i + 1);
            let next = k + chars[k..].iter().take_while(|c| **c == ' ').count();
            (cut, next)
        } else {
            (k, k)
        };
        if cut == 0 {
            continue;
        }
        let filled: f32 = widths[..cut].iter().sum();
        best[kind as usize] = Some((cut, next, filled));
    }
    let good = best
        .iter()
        .flatten()
        .find(|(_, _, filled)| *filled >= GOOD_FILL * room);
    let fallback = best[..2]
        .iter()
        .flatten()
        .max_by(|a, b| a.2.total_cmp(&b.2));
    match good.or(fallback).or(best[2].as_ref()) {
        Some(&(cut, next, _)) => (cut, next),
        // Not even one character fits: it takes the row alone.
        None => (1, 1),
    }
}

/// The kind of break before `chars[k]`, if a break is allowed there.
fn kind(chars: &[char], k: usize) -> Option<Kind> {
    let (before, after) = (chars[k - 1], chars[k]);
    if before == ' ' && after != ' ' {
        return Some(Kind::Space);
    }
    if before == ' ' || after == ' ' {
        // Inside a run of spaces, or just before one: break after it.
        return None;
    }
    let two_before = k.checked_sub(2).map(|i| chars[i]);
    if joint(two_before, before, after, chars.get(k + 1).copied()) {
        Some(Kind::Punctuation)
    } else {
        Some(Kind::Anywhere)
    }
}

/// Whether code may break between `before` and `after` (neither a space)
/// at a joint of its syntax: after punctuation or an operator, or before
/// the `.` of a method call. `two_before` and `two_after` are the
/// characters around them, if any. Never inside an identifier, a number or
/// a multi-character operator.
pub fn joint(two_before: Option<char>, before: char, after: char, two_after: Option<char>) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let punctuation = match before {
        ',' | ';' => true,
        '(' | '[' | '{' => !matches!(after, ')' | ']' | '}'),
        // After `::`, never inside it.
        ':' => two_before == Some(':') && after != ':',
        // After `->` and `=>`.
        '>' => matches!(two_before, Some('-' | '=')),
        // After `=`, but not inside `==`, `<=`, `=>`, `+=`.
        '=' => {
            !matches!(after, '=' | '>') && !two_before.is_some_and(|c| "=!<>+-*/%&|^".contains(c))
        }
        // After `&&` and `||`.
        '&' | '|' => two_before == Some(before) && after != before,
        // After a path's slash, not in `//` or `/*`.
        '/' => two_before != Some('/') && word(after),
        _ => false,
    };
    // Before the `.` of a method call or a field (not in `1.5` or `..`).
    let method = after == '.'
        && two_after.is_some_and(|c| c.is_alphabetic() || c == '_')
        && (word(before) || matches!(before, ')' | ']' | '?'))
        && !before.is_ascii_digit();
    punctuation || method
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folds with every character one unit wide: a measure in columns.
    fn rows(code: &str, columns: usize) -> Vec<String> {
        let text: Vec<&str> = code.split('\n').collect();
        fold(code, columns as f32, 1.0, &|_| 1.0)
            .into_iter()
            .map(|row| {
                let mark = if row.continued { "↪" } else { "" };
                format!(
                    "{}{mark}{}",
                    " ".repeat(row.indent as usize),
                    &text[row.line][row.range]
                )
            })
            .collect()
    }

    #[test]
    fn a_line_that_fits_is_one_row_with_its_indentation() {
        assert_eq!(
            rows("fn main() {\n    x();\n}\n", 20),
            ["fn main() {", "    x();", "}"]
        );
        assert_eq!(rows("a\n\n\tb", 20), ["a", "", "    b"]);
    }

    #[test]
    fn a_long_line_breaks_at_a_space_and_hangs_two_columns_deeper() {
        assert_eq!(
            rows("    let total = first + second + third;", 24),
            ["    let total = first +", "      ↪second + third;"]
        );
    }

    #[test]
    fn without_a_good_space_it_breaks_after_punctuation() {
        // The only space leaves a short row: the comma and `::` do better.
        assert_eq!(
            rows("let v = std::collections::HashMap::new(alpha,beta);", 30),
            ["let v = std::collections::", "  ↪HashMap::new(alpha,beta);"]
        );
        assert_eq!(
            rows("receiver.recv_timeout(duration).unwrap()", 24),
            ["receiver.recv_timeout(", "  ↪duration).unwrap()"]
        );
    }

    #[test]
    fn a_method_chain_breaks_before_its_dot() {
        assert_eq!(
            rows("io::stdin().read_line(&mut guess)", 20),
            ["io::stdin()", "  ↪.read_line(&mut", "  ↪guess)"]
        );
    }

    #[test]
    fn identifiers_and_operators_are_never_split_when_anything_else_fits() {
        let chars: Vec<char> = "a_long_name->other_name".chars().collect();
        let widths = vec![1.0; chars.len()];
        assert_eq!(choose_break(&chars, &widths, 15.0), (13, 13), "after `->`");
        for text in ["x==y_value_here", "1.5e10_000_000", "a..b_c_d_e_f"] {
            let chars: Vec<char> = text.chars().collect();
            for k in 1..chars.len() {
                let kind = kind(&chars, k);
                assert!(
                    kind == Some(Kind::Anywhere),
                    "{text}: break at {k} is {kind:?}"
                );
            }
        }
        let chars: Vec<char> = "--explain".chars().collect();
        assert!((1..chars.len()).all(|k| kind(&chars, k) == Some(Kind::Anywhere)));
    }

    #[test]
    fn a_token_longer_than_the_row_is_split_as_a_last_resort() {
        assert_eq!(
            rows("abcdefghijklmnopqrstuvwxyz", 10),
            ["abcdefghij", "  ↪klmnopqr", "  ↪stuvwxyz"]
        );
    }

    #[test]
    fn no_row_is_wider_than_the_measure() {
        let code = "\t\tif let Some(value) = map.get(&key).and_then(|v| v.checked_add(1)) { total += value; }\n\
            $ cargo run --release -- --explain E0106 --message-format=json 2>&1 | tee out.log\n\
            \u{3000}\u{3000}wide()";
        for columns in [12, 20, 31, 58] {
            for row in fold(code, columns as f32, 1.0, &|_| 1.0) {
                let line = code.split('\n').nth(row.line).unwrap();
                let width = row.indent + line[row.range.clone()].chars().count() as f32;
                assert!(width <= columns as f32, "{columns}: {row:?}");
            }
        }
    }

    #[test]
    fn rows_give_back_every_character_but_the_spaces_at_breaks() {
        let code = "    let s = format!(\"{}-{}-{}\", first_name, last_name, birth_year);";
        let folded = fold(code, 26.0, 1.0, &|_| 1.0);
        assert!(folded.len() > 1 && folded.iter().skip(1).all(|r| r.continued));
        let joined: String = folded.iter().map(|r| &code[r.range.clone()]).collect();
        let squeezed: String = code.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), squeezed);
    }
}
