//! Problems as people and editors read them, at the command line's edge.
//!
//! People get what rustc gives: the severity and place, the source line
//! with a caret under the column when it is known, and the hint:
//!
//! ```text
//! error: manuscript/book.toml:4:1: unknown key `titel` in book.toml
//!   |
//! 4 | titel = "The Battle"
//!   | ^
//!   = help: did you mean `title`?
//! ```
//!
//! The first line keeps the `file:line:column: message` form that editors
//! and `grep` already understand. Editors may ask for JSON instead
//! (`--message-format json`): one object per line on stderr (stdout is
//! reserved for `quire model`), with `level`, `file`, `line`, `column`,
//! `message` and `hint`.

use clap::ValueEnum;
use quire::lines::LineIndex;
use quire::{Error, Location, Severity, Warning};
use std::collections::HashMap;
use std::path::PathBuf;

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum MessageFormat {
    /// For people: the place, the source line, a caret and a hint.
    #[default]
    Human,
    /// For editors: one JSON object per problem and line.
    Json,
}

/// The error a command returns once its problems are printed: the process
/// exits with 1 and prints nothing more.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("problems reported")
    }
}

impl std::error::Error for Reported {}

/// The longest stretch of a source line shown, in characters.
const SHOWN: usize = 100;

/// Prints problems on stderr, reading each source file once to quote it.
pub struct Reporter {
    format: MessageFormat,
    /// Each file quoted so far, indexed; `None` when it cannot be quoted.
    sources: HashMap<PathBuf, Option<(String, LineIndex)>>,
}

impl Reporter {
    /// A reporter printing in `format`.
    pub fn new(format: MessageFormat) -> Self {
        Reporter {
            format,
            sources: HashMap::new(),
        }
    }

    /// Prints an error.
    pub fn error(&mut self, error: &Error) {
        let message = error.kind.to_string();
        self.emit(
            error.severity(),
            error.location.as_deref(),
            &message,
            error.hint.as_deref(),
        );
    }

    /// Prints a warning.
    pub fn warning(&mut self, warning: &Warning) {
        self.emit(
            warning.severity(),
            Some(&warning.location),
            &warning.message,
            warning.hint.as_deref(),
        );
    }

    /// Prints the closing count of a failed load (`3 problems found in …`):
    /// an `error:` line for people, a `note` for editors (the problems
    /// themselves came before it).
    pub fn summary(&self, message: &str) {
        crate::progress::suspend(|| match self.format {
            MessageFormat::Human => eprintln!("error: {message}"),
            MessageFormat::Json => eprintln!(
                "{}",
                serde_json::json!({ "level": "note", "message": message })
            ),
        })
    }

    /// Prints a failure with no place in the book (a file that cannot be
    /// written, a bad environment variable).
    pub fn failure(&mut self, message: &str) {
        self.emit(Severity::Error, None, message, None);
    }

    fn emit(
        &mut self,
        severity: Severity,
        location: Option<&Location>,
        message: &str,
        hint: Option<&str>,
    ) {
        let text = match self.format {
            MessageFormat::Json => format!("{}\n", json(severity, location, message, hint)),
            MessageFormat::Human => {
                let quoted = location.and_then(|l| self.quote(l));
                human(severity, location, message, hint, quoted.as_deref())
            }
        };
        // Drawn over by no progress bar.
        crate::progress::suspend(|| eprint!("{text}"));
    }

    /// The source line `location` points at, with its number and the
    /// column in it, read from the file the first time it is needed.
    fn quote(&mut self, location: &Location) -> Option<String> {
        let line = location.line?;
        let source = self
            .sources
            .entry(location.file.clone())
            .or_insert_with(|| {
                // Only files of the book reach a located problem; they were
                // read (and limited) once already.
                let text = std::fs::read_to_string(&location.file).ok()?;
                let index = LineIndex::new(&text);
                Some((text, index))
            })
            .as_ref()?;
        let text = source.1.line_text(&source.0, line)?;
        Some(snippet(line, text, location.column))
    }
}

/// The JSON form of one problem.
fn json(
    severity: Severity,
    location: Option<&Location>,
    message: &str,
    hint: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "level": severity.as_str(),
        "file": location.map(|l| l.file.display().to_string()),
        "line": location.and_then(|l| l.line),
        "column": location.and_then(|l| l.column),
        "message": message,
        "hint": hint,
    })
}

/// The human form of one problem, ending with a line end.
fn human(
    severity: Severity,
    location: Option<&Location>,
    message: &str,
    hint: Option<&str>,
    quoted: Option<&str>,
) -> String {
    let mut out = format!("{}: ", severity.as_str());
    if let Some(location) = location {
        out.push_str(&format!("{location}: "));
    }
    out.push_str(message);
    out.push('\n');
    let gutter = location
        .and_then(|l| l.line)
        .map_or(1, |line| line.to_string().len());
    if let Some(quoted) = quoted {
        out.push_str(quoted);
    }
    if let Some(hint) = hint {
        out.push_str(&format!("{:gutter$} = help: {hint}\n", ""));
    }
    out
}

/// A source line as rustc quotes it: an empty gutter line, the numbered
/// line (tabs as four spaces; a long line cut to a window around the
/// column) and, when the column is known, a caret under it.
fn snippet(line: usize, text: &str, column: Option<usize>) -> String {
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let chars: Vec<char> = text.chars().collect();
    // A window of SHOWN characters holding the column.
    let focus = column.map_or(0, |c| c.saturating_sub(1)).min(chars.len());
    let start = focus
        .saturating_sub(SHOWN / 2)
        .min(chars.len().saturating_sub(SHOWN));
    let end = (start + SHOWN).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = 0;
    if start > 0 {
        shown.push('…');
    }
    for (i, &c) in chars[start..end].iter().enumerate() {
        if start + i == focus {
            caret_at = shown.chars().count();
        }
        if c == '\t' {
            shown.push_str("    ");
        } else {
            shown.push(c);
        }
    }
    if focus >= end {
        caret_at = shown.chars().count();
    }
    if end < chars.len() {
        shown.push('…');
    }
    let mut out = format!("{pad} |\n{number} | {shown}\n");
    if column.is_some() {
        out.push_str(&format!("{pad} | {}^\n", " ".repeat(caret_at)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_problem_quotes_its_line_with_a_caret_and_a_hint() {
        let location = Location::line_column("m/book.toml", 12, 3);
        let quoted = snippet(12, "  titel = \"X\"", Some(3));
        let text = human(
            Severity::Error,
            Some(&location),
            "unknown key `titel`",
            Some("did you mean `title`?"),
            Some(&quoted),
        );
        assert_eq!(
            text,
            "error: m/book.toml:12:3: unknown key `titel`\n   |\n12 |   titel = \"X\"\n   |   ^\n   = help: did you mean `title`?\n"
        );
    }

    #[test]
    fn without_a_column_the_line_is_quoted_without_a_caret() {
        assert_eq!(
            snippet(7, "\tsee [x](y.md)", None),
            "  |\n7 |     see [x](y.md)\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let quoted = snippet(1, &line, Some(501));
        let lines: Vec<&str> = quoted.lines().collect();
        assert!(lines[1].starts_with("1 | …a"), "{}", lines[1]);
        assert!(lines[1].ends_with("b…"), "{}", lines[1]);
        let caret = lines[2].find('^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('X'), "{quoted}");
    }

    #[test]
    fn json_has_every_field() {
        let location = Location::line("m/a.md", 3);
        let value = json(Severity::Warning, Some(&location), "no alt text", None);
        assert_eq!(
            value,
            serde_json::json!({"level": "warning", "file": "m/a.md", "line": 3,
                "column": null, "message": "no alt text", "hint": null})
        );
    }
}
