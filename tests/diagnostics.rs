//! Problems as the command line prints them: rustc's shape for people (the
//! source line, a caret, a hint), JSON lines for editors.

use std::fs;

#[path = "common/scratch.rs"]
mod scratch;
use scratch::{edit, quire, torture_copy};

/// A copy of the torture manuscript with one broken anchor (line 20 of
/// `02-second.md`) and one misspelled key in `book.toml`.
fn broken_manuscript() -> tempfile::TempDir {
    let dir = torture_copy();
    edit(
        dir.path(),
        "02-second.md",
        "01-first.md#images",
        "01-first.md#imges",
    );
    edit(dir.path(), "book.toml", "toc-depth = 3", "toc-dept = 3");
    dir
}

#[test]
fn people_see_the_line_a_caret_and_a_hint() {
    let dir = broken_manuscript();
    // book.toml problems stop before the Markdown is read: fix the key to
    // reach the link.
    let config = dir.path().join("book.toml");
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let expected = format!(
        "error: {}:13:1: unknown key `toc-dept` in book.toml\n   |\n13 | toc-dept = 3\n   | ^\n   = help: did you mean `toc-depth`?\n",
        config.display()
    );
    assert!(err.contains(&expected), "{err}");

    edit(dir.path(), "book.toml", "toc-dept", "toc-depth");
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&output.stderr);
    let chapter = dir.path().join("02-second.md");
    let expected = format!(
        "error: {}:20: broken internal link `01-first.md#imges`: `01-first.md` has no heading or footnote with the id `imges`\n   |\n20 | Back to [chapter one](01-first.md), to [its images](01-first.md#imges), to the\n   = help: did you mean `#images`?\n",
        chapter.display()
    );
    assert!(err.contains(&expected), "{err}");
    let summary = format!("error: 1 problem found in {}\n", dir.path().display());
    assert!(err.ends_with(&summary), "{err}");
}

#[test]
fn editors_get_one_json_object_per_problem() {
    let dir = broken_manuscript();
    let output = quire(&[
        "check",
        "--message-format",
        "json",
        "-m",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is JSON"))
        .collect();
    let problem = &lines[0];
    assert_eq!(problem["level"], "error");
    assert_eq!(
        problem["file"],
        dir.path().join("book.toml").display().to_string()
    );
    assert_eq!(problem["line"], 13);
    assert_eq!(problem["column"], 1);
    assert_eq!(problem["message"], "unknown key `toc-dept` in book.toml");
    assert_eq!(problem["hint"], "did you mean `toc-depth`?");
    let last = lines.last().unwrap();
    assert_eq!(last["level"], "note");
    assert!(last["message"]
        .as_str()
        .unwrap()
        .contains("1 problem found"));
    assert!(output.stdout.is_empty());
}

#[test]
fn json_warnings_carry_their_place() {
    let dir = torture_copy();
    fs::write(dir.path().join("NOTES.md"), "# Notes\n").unwrap();
    let output = quire(&[
        "check",
        "--message-format=json",
        "-m",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let warnings: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .filter(|v: &serde_json::Value| v["level"] == "warning")
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w["file"].as_str().unwrap().ends_with("NOTES.md")),
        "{warnings:?}"
    );
}
