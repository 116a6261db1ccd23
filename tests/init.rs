//! An author's first minutes: `quire init` starts a book that builds clean,
//! and `quire` finds the book from any folder inside it, as cargo finds its
//! manifest.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

/// Runs quire in `cwd`, at a fixed date.
fn quire_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1795737600")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("quire runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_new_book_builds_clean_from_inside_its_folder() {
    let root = tempfile::tempdir().unwrap();
    let init = quire_in(
        root.path(),
        &["init", "my-first-book", "--author", "Zoë Writer"],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let book = root.path().join("my-first-book");
    let config = fs::read_to_string(book.join("book.toml")).unwrap();
    assert!(config.contains("title = \"My First Book\""), "{config}");
    assert!(config.contains("authors = [\"Zoë Writer\"]"), "{config}");
    assert!(config.contains("language = \"en-GB\""), "{config}");
    assert!(config.contains("date = \"2026-11-27\""), "{config}");
    assert!(config.contains("identifier = \"urn:uuid:"), "{config}");

    // No -m: the book is found from a folder inside it, and written beside
    // its book.toml.
    let build = quire_in(&book.join("images"), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let epub = book.join("out/my-first-book.epub");
    assert!(epub.is_file(), "{}", stderr(&build));
    assert!(book.join("out/my-first-book.pdf").is_file());
    let warnings = stderr(&build);
    assert!(
        !warnings.contains("warning"),
        "a new book is clean: {warnings}"
    );
    epub_validators::epubcheck(&epub);
    epub_validators::ace(&epub);
}

#[test]
fn init_never_overwrites_a_book() {
    let root = tempfile::tempdir().unwrap();
    fs::write(root.path().join("book.toml"), "title = \"Mine\"\n").unwrap();
    let output = quire_in(root.path(), &["init"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("book.toml: already exists"), "{err}");
    assert_eq!(
        fs::read_to_string(root.path().join("book.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    assert!(!root.path().join("faq.md").exists(), "nothing else written");
}

#[test]
fn without_a_book_quire_says_how_to_start_one() {
    let root = tempfile::tempdir().unwrap();
    let output = quire_in(root.path(), &["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("no book.toml in"), "{err}");
    assert!(err.contains("quire init"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn init_then_build_in_the_new_folder_writes_both_books_with_no_option() {
    // The "done means", word for word: `quire init mybook`,
    // `cd mybook`, `quire build`.
    let root = tempfile::tempdir().unwrap();
    let init = quire_in(root.path(), &["init", "mybook"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let book = root.path().join("mybook");
    let build = quire_in(&book, &["build"]);
    let err = stderr(&build);
    assert!(build.status.success(), "{err}");
    // Nothing but the two books written, named as the author would.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("wrote out/mybook.epub ("), "{err}");
    assert!(lines[1].starts_with("wrote out/mybook.pdf ("), "{err}");
    let epub = fs::read(book.join("out/mybook.epub")).unwrap();
    let pdf = fs::read(book.join("out/mybook.pdf")).unwrap();
    assert!(epub.starts_with(b"PK") && pdf.starts_with(b"%PDF-"));
}
