//! The CommonMark spec's examples as a manuscript, one chapter per example.
//!
//! The spec is not in the repository: it comes from the npm package
//! `commonmark-spec` 0.31.2 (`spec.txt`), which `scripts/test` installs
//! globally. When it (or EPUBCheck, or Ace) is missing the test fails, unless
//! `QUIRE_SKIP_MISSING_TOOLS=1` is set: then it prints SKIPPED and passes.
//!
//! Each example becomes `example-NNNN.md`, opening with its own
//! `# Example N` title. The tests check that
//! - loading never panics, for the whole manuscript and for each example alone,
//!   and the whole manuscript reports the problems of every refused example
//!   (a missing image once, at its first use);
//! - the examples quire accepts build one EPUB that EPUBCheck and Ace pass
//!   with nothing to report.
//!
//! Of the spec's 652 examples quire accepts 524 and refuses 128, each counted
//! under the reason of its first error ([`REFUSED`]):
//!
//! | reason | examples |
//! |---|---|
//! | a link to an absolute path (`/url`, `/uri`): it leaves the manuscript | 77 |
//! | a link to a path that is not a chapter (`foo`, `bar`) | 26 |
//! | an image that is not a file of the manuscript (`foo.jpg`, `/url`) | 20 |
//! | a link with a scheme other than http, https, ftp, mailto (`irc://`) | 2 |
//! | a malformed external address (`https://../`, a backtick in the host) | 2 |
//! | a link to an anchor no heading has (`#fragment`) | 1 |

use quire::error::{Error, ErrorKind};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
use epub_validators::{ace, epubcheck};

/// Refused examples by reason: the table of the module comment.
const REFUSED: &[(&str, usize)] = &[
    ("link to an absolute path", 77),
    ("link to a path that is not a chapter", 26),
    ("image not in the manuscript", 20),
    ("link with another scheme", 2),
    ("malformed external address", 2),
    ("link to a missing anchor", 1),
];

/// The spec's text, from the global npm package.
fn spec() -> Option<String> {
    let root = Command::new("npm")
        .args(["root", "-g"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let text = root.and_then(|r| std::fs::read_to_string(r.join("commonmark-spec/spec.txt")).ok());
    common::require("the npm package commonmark-spec", text.is_some())
        .then(|| text.unwrap_or_default())
}

/// Every example's Markdown, numbered from 1 as in the spec (`→` is a tab).
fn examples(spec: &str) -> Vec<String> {
    let fence = "`".repeat(32);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_output = false;
    for line in spec.lines() {
        if line == format!("{fence} example") {
            current = Some(String::new());
            in_output = false;
        } else if line == fence {
            out.extend(current.take());
        } else if let Some(markdown) = current.as_mut() {
            if line == "." && !in_output {
                in_output = true;
            } else if !in_output {
                markdown.push_str(&line.replace('→', "\t"));
                markdown.push('\n');
            }
        }
    }
    out
}

/// Writes a manuscript of `examples` (number, Markdown) into `dir`, replacing
/// the chapters of an earlier one.
fn write_manuscript(dir: &Path, examples: &[(usize, &str)]) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        "title = \"The CommonMark Examples\"\nauthors = [\"quire's tests\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:5b0e2d7c-8f53-4c1e-9a40-1d2b3c4d5e6f\"\ndate = \"2026-01-01\"\n",
    )
    .unwrap();
    for (number, markdown) in examples {
        std::fs::write(
            dir.join(format!("example-{number:04}.md")),
            format!("# Example {number}\n\n{markdown}"),
        )
        .unwrap();
    }
}

/// The reason an error refuses an example, as listed in [`REFUSED`].
fn reason(error: &Error) -> String {
    let message = error.kind.to_string();
    let reason = match &error.kind {
        ErrorKind::Image { .. } => "image not in the manuscript",
        ErrorKind::BrokenLink { reason: why, .. } if why.starts_with("there is no chapter") => {
            "link to a path that is not a chapter"
        }
        ErrorKind::BrokenLink { reason: why, .. } if why.contains("has no heading or footnote") => {
            "link to a missing anchor"
        }
        ErrorKind::BrokenLink { reason: why, .. } if why.starts_with("only http") => {
            "link with another scheme"
        }
        ErrorKind::BrokenLink { reason: why, .. }
            if why.starts_with("not a well-formed address") =>
        {
            "malformed external address"
        }
        ErrorKind::BrokenLink { reason: why, .. }
            if why.starts_with("it leaves the manuscript") =>
        {
            "link to an absolute path"
        }
        _ => return message,
    };
    reason.to_string()
}

/// Loads `dir`, turning a panic into an `Err` naming what panicked.
fn load(dir: &Path) -> Result<Result<quire::Loaded, quire::Errors>, String> {
    std::panic::catch_unwind(|| quire::load(dir)).map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn every_commonmark_example_loads_and_the_accepted_ones_build_a_valid_epub() {
    let Some(spec) = spec() else { return };
    let examples = examples(&spec);
    assert_eq!(examples.len(), 652, "the 0.31.2 spec has 652 examples");
    let numbered: Vec<(usize, &str)> = (1..).zip(examples.iter().map(String::as_str)).collect();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("book");

    let mut panics = Vec::new();
    let mut accepted = Vec::new();
    let mut refused: Vec<(String, usize)> = Vec::new();
    let mut refused_files = BTreeSet::new();
    let mut image_only = BTreeSet::new();
    for &(number, markdown) in &numbered {
        write_manuscript(&dir, &[(number, markdown)]);
        match load(&dir) {
            Err(panic) => panics.push(format!("example {number}: {panic}")),
            Ok(Ok(_)) => accepted.push((number, markdown)),
            Ok(Err(errors)) => {
                let file = format!("example-{number:04}.md");
                if errors
                    .0
                    .iter()
                    .all(|e| matches!(e.kind, ErrorKind::Image { .. }))
                {
                    image_only.insert(file.clone());
                }
                refused_files.insert(file);
                let why = reason(&errors.0[0]);
                match refused.iter_mut().find(|(r, _)| *r == why) {
                    Some((_, count)) => *count += 1,
                    None => refused.push((why, 1)),
                }
            }
        }
    }
    assert!(
        panics.is_empty(),
        "loading panicked:\n{}",
        panics.join("\n")
    );
    refused.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut table = String::new();
    for (why, count) in &refused {
        writeln!(table, "{count:4}  {why}").unwrap();
    }
    eprintln!("{} accepted; refused:\n{table}", accepted.len());
    let expected: Vec<(String, usize)> = REFUSED.iter().map(|&(r, n)| (r.to_string(), n)).collect();
    assert_eq!(
        refused, expected,
        "refusals changed: update REFUSED and the module comment"
    );

    write_manuscript(&dir, &numbered);
    match load(&dir) {
        Err(panic) => panic!("loading every example at once panicked: {panic}"),
        Ok(Ok(_)) => panic!("the examples quire refuses were accepted together"),
        Ok(Err(errors)) => {
            let files: BTreeSet<String> = errors
                .0
                .iter()
                .filter_map(|e| e.location.as_ref()?.file.file_name()?.to_str())
                .map(str::to_string)
                .collect();
            // A missing image is reported at its first use only.
            assert!(
                files.is_subset(&refused_files),
                "problems in accepted examples"
            );
            let unreported: BTreeSet<_> = refused_files.difference(&files).cloned().collect();
            assert!(
                unreported.is_subset(&image_only),
                "all at once, these examples' problems went unreported: {unreported:?}"
            );
        }
    }

    write_manuscript(&dir, &accepted);
    let loaded = load(&dir)
        .expect("no panic")
        .unwrap_or_else(|e| panic!("the accepted examples load together: {e}"));
    let epub = quire::epub::write(&loaded.book).expect("the EPUB builds");
    let path = temp.path().join("commonmark.epub");
    std::fs::write(&path, epub).unwrap();
    epubcheck(&path);
    ace(&path);
}
