//! pandoc-style books (`tests/fixtures/pandoc/book.md`, one file, and
//! `tests/fixtures/pandoc-folder/`, a folder with `metadata.yaml`) as a
//! user meets them: they build from the command line, their parts and
//! titles are pandoc's own EPUB's, links across the split resolve, the
//! EPUB passes EPUBCheck and Ace and the PDF qpdf, and messages name the
//! line the author wrote.

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use common::require_tool;
use epub_validators::{ace, epubcheck};
use quire::model::{walk, Book, ChapterKind, Inline, LinkTarget};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SINGLE: &str = "tests/fixtures/pandoc/book.md";
const FOLDER: &str = "tests/fixtures/pandoc-folder";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(book: &str) -> quire::Loaded {
    quire::load(&root().join(book)).unwrap_or_else(|e| panic!("{book} loads: {e}"))
}

fn quire(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("quire runs")
}

/// The author's parts, in reading order, with their kinds and titles.
fn parts(book: &Book) -> Vec<(ChapterKind, String)> {
    book.parts()
        .filter(|p| !matches!(p.kind, ChapterKind::Faq | ChapterKind::Resources))
        .map(|p| (p.kind, p.title_text()))
        .collect()
}

/// The titles of the chapters of pandoc's own EPUB of `inputs` (run in
/// `dir`), split at level 1: one per chapter file of its navigation
/// document, markup removed.
fn pandoc_chapters(dir: &Path, inputs: &[&str]) -> Option<Vec<String>> {
    if !require_tool("pandoc") {
        return None;
    }
    let version = Command::new("pandoc").arg("--version").output().unwrap();
    let major: u32 = String::from_utf8_lossy(&version.stdout)
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').next()?.parse().ok())
        .unwrap_or(3);
    let split = if major >= 3 {
        "--split-level=1"
    } else {
        "--epub-chapter-level=1"
    };
    let out = tempfile::tempdir().unwrap();
    let epub = out.path().join("p.epub");
    let status = Command::new("pandoc")
        .args(inputs)
        .arg(split)
        .arg("-o")
        .arg(&epub)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "pandoc builds its EPUB");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let mut nav = String::new();
    archive
        .by_name("EPUB/nav.xhtml")
        .unwrap()
        .read_to_string(&mut nav)
        .unwrap();
    let toc = nav.split("epub:type=\"landmarks\"").next().unwrap();
    let mut files = Vec::new();
    let mut titles = Vec::new();
    for entry in toc.split("<a href=\"").skip(1) {
        let file = entry.split('#').next().unwrap().to_string();
        if files.contains(&file) {
            continue;
        }
        files.push(file);
        let label = &entry[entry.find('>').unwrap() + 1..entry.find("</a>").unwrap()];
        titles.push(plain(label));
    }
    Some(titles)
}

/// Markup removed and the entities pandoc writes decoded.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[test]
fn single_file_book_has_pandocs_chapters_and_titles() {
    let loaded = load(SINGLE);
    let ours = parts(&loaded.book);
    assert_eq!(
        ours,
        [
            (ChapterKind::FrontMatter, "A Keeper’s Almanac".to_string()),
            (ChapterKind::FrontMatter, "Preface".into()),
            (ChapterKind::Chapter, "The Lamp".into()),
            (ChapterKind::Chapter, "Weather".into()),
            (ChapterKind::Appendix, "Tide Tables".into()),
        ]
    );
    let Some(theirs) = pandoc_chapters(&root().join("tests/fixtures/pandoc"), &["book.md"]) else {
        return;
    };
    let titles: Vec<String> = ours.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, theirs);
}

#[test]
fn folder_book_has_pandocs_chapters_and_titles() {
    let loaded = load(FOLDER);
    let book = &loaded.book;
    assert_eq!(book.metadata.title, "Two Crossings");
    assert_eq!(
        book.metadata.identifier,
        "urn:uuid:4f1b3c2a-9e7d-4a6b-8c5d-0e1f2a3b4c5d"
    );
    let ours = parts(book);
    assert_eq!(
        ours,
        [
            (ChapterKind::Chapter, "Outward".to_string()),
            (ChapterKind::Chapter, "Homeward".into()),
            (ChapterKind::Appendix, "Afterword".into()),
        ]
    );
    // README.md is a note about the folder, not a chapter, and says so.
    assert!(loaded.warnings.iter().any(|w| w
        .to_string()
        .contains("`README.md` is not part of the book")));
    let Some(theirs) = pandoc_chapters(
        &root().join(FOLDER),
        &[
            "--metadata-file=metadata.yaml",
            "01-outward.md",
            "02-homeward.md",
        ],
    ) else {
        return;
    };
    let titles: Vec<String> = ours.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, theirs);
}

#[test]
fn metadata_is_read_as_pandoc_reads_it() {
    let loaded = load(SINGLE);
    let meta = &loaded.book.metadata;
    assert_eq!(meta.title, "A Keeper’s Almanac");
    assert_eq!(
        meta.subtitle.as_deref(),
        Some("Notes from a Northern Coast")
    );
    assert_eq!(meta.authors, ["Maren Holt", "Jonas Vik"]);
    assert_eq!(meta.language, "en-GB");
    assert_eq!(meta.date, "2025-06-12");
    assert_eq!(meta.subjects, ["lighthouses", "weather"]);
    assert!(meta.identifier.starts_with("urn:uuid:"));
    // The derived identifier is stable: the same on every load.
    assert_eq!(load(SINGLE).book.metadata.identifier, meta.identifier);
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("no `identifier`")));
}

#[test]
fn links_across_the_split_point_at_their_parts() {
    let book = load(SINGLE).book;
    let mut targets = Vec::new();
    for part in book.parts() {
        walk::inlines(&part.blocks, &mut |inline| {
            if let Inline::Link {
                target: LinkTarget::Internal { chapter, anchor },
                ..
            } = inline
            {
                targets.push((part.id.clone(), chapter.clone(), anchor.clone()));
            }
        });
    }
    let link = |from: &str, to: &str, anchor: Option<&str>| {
        (from.to_string(), to.to_string(), anchor.map(String::from))
    };
    assert_eq!(
        targets,
        [
            link("preface", "the-lamp", None),
            link("preface", "tide-tables", None),
            link("the-lamp", "weather", Some("storm-log")),
            link("weather", "the-lamp", None),
            link("weather", "the-lamp", Some("oil-and-wicks")),
            link("tide-tables", "preface", None),
        ]
    );
    // The footnote defined at the end of the file goes with its chapter.
    assert_eq!(book.part("the-lamp").unwrap().footnotes.len(), 1);
}

#[test]
fn pandoc_only_constructs_are_warned_once_with_the_authors_line() {
    let dir = root().join("tests/fixtures/pandoc");
    let out = tempfile::tempdir().unwrap();
    let output = quire(
        &[
            "check",
            "-m",
            "book.md",
            "-o",
            &out.path().to_string_lossy(),
        ],
        &dir,
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    for expected in [
        "warning: book.md:41: raw LaTeX",
        "warning: book.md:54: citations",
        "warning: book.md:56: raw blocks for other formats",
    ] {
        assert_eq!(err.matches(expected).count(), 1, "{expected} in:\n{err}");
    }
    // Code is never rewritten: the fenced block keeps its colons and brackets.
    let book = load(SINGLE).book;
    let lamp = serde_json::to_string(book.part("the-lamp").unwrap()).unwrap();
    assert!(
        lamp.contains("::: not-a-div\\n[not]{.a-span}\\n:::"),
        "{lamp}"
    );
    assert!(lamp.contains("[oil]{.x}"));
}

/// Writes `text` as `book.md` in a fresh folder.
fn scratch(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.md"), text).unwrap();
    dir
}

#[test]
fn html_links_to_ids_reach_their_parts_and_a_missing_date_is_source_date_epoch() {
    let dir = scratch("---\ntitle: Harbour\n---\n\n# Moorings\n\nSee <a href=\"#knots\">the knots</a>.\n\n# Ropes\n\n## Knots\n\nTied <a href='#moorings'>there</a>.\n");
    let options = quire::BuildOptions {
        source_date_epoch: Some(1_700_000_000),
    };
    let loaded =
        quire::load_with(&dir.path().join("book.md"), &options).unwrap_or_else(|e| panic!("{e}"));
    let mut targets = Vec::new();
    for part in loaded.book.parts() {
        walk::inlines(&part.blocks, &mut |inline| {
            if let Inline::Link {
                target: LinkTarget::Internal { chapter, anchor },
                ..
            } = inline
            {
                targets.push((part.id.clone(), chapter.clone(), anchor.clone()));
            }
        });
    }
    assert_eq!(
        targets,
        [
            ("moorings".into(), "ropes".into(), Some("knots".into())),
            ("ropes".into(), "moorings".into(), None),
        ]
    );
    assert_eq!(loaded.book.metadata.date, "2023-11-14");
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("the day of SOURCE_DATE_EPOCH")));
    let plain = quire::load(&dir.path().join("book.md")).unwrap();
    assert_eq!(plain.book.metadata.date, "1970-01-01");
}

#[test]
fn errors_name_the_file_and_line_the_author_wrote() {
    let dir = scratch(
        "---\ntitle: T\nauthor: A\n---\n\n# One\n\n::: note\nx\n:::\n\n# Two\n\nSee [gone](#nowhere).\n",
    );
    let output = quire(&["check", "-m", "book.md"], dir.path());
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("error: book.md:14: broken internal link `#nowhere`"),
        "{err}"
    );
    // The fenced div (lines 8–10) is HTML the parser maps: no problem.
    assert!(err.contains("1 problem found"), "{err}");
}

#[test]
fn bad_yaml_metadata_is_an_error_with_its_line() {
    let dir = scratch("---\ntitle: T\nauthor: [A\n---\n\n# One\n\nText.\n");
    let output = quire(&["check", "-m", "book.md"], dir.path());
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error: book.md:"), "{err}");
    assert!(err.contains("YAML metadata block cannot be read"), "{err}");
}

/// Fenced divs and bracketed spans become `<div class id>` and `<span …>`
/// tags, which the parser's HTML allow-list maps into the model: the
/// classes reach the EPUB and the div's id is a link target.
#[test]
fn fenced_divs_and_spans_keep_their_classes_and_ids() {
    let dir = scratch(
        "---\ntitle: T\nauthor: A\nlang: en\ndate: 2025-01-01\n---\n\n# One\n\n::: {.note #first}\nSome [Small Caps]{.smallcaps} words.\n:::\n\n# Two\n\nBack to [the note](#first).\n",
    );
    let output = quire(&["model", "--quiet", "-m", "book.md"], dir.path());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let model = String::from_utf8_lossy(&output.stdout);
    for expected in ["\"note\"", "\"smallcaps\"", "\"first\"", "Small Caps"] {
        assert!(model.contains(expected), "{expected} in:\n{model}");
    }
}

fn build_both(book: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let path = root().join(book);
    let out = tempfile::tempdir().unwrap();
    let output = quire(
        &[
            "build",
            "-m",
            &path.to_string_lossy(),
            "-o",
            &out.path().to_string_lossy(),
        ],
        root(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let find = |ext: &str| {
        std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("a .{ext} was written"))
    };
    let (epub, pdf) = (find("epub"), find("pdf"));
    (out, epub, pdf)
}

#[test]
fn single_file_book_builds_and_passes_the_validators() {
    let (_out, epub, pdf) = build_both(SINGLE);
    assert_eq!(epub.file_name().unwrap(), "a-keepers-almanac.epub");
    epubcheck(&epub);
    ace(&epub);
    common::qpdf_check(&pdf);
    // The same book twice gives the same bytes.
    let book = load(SINGLE).book;
    let epub_bytes = quire::epub::write(&book).unwrap();
    assert_eq!(epub_bytes, quire::epub::write(&load(SINGLE).book).unwrap());
    assert_eq!(std::fs::read(&epub).unwrap(), epub_bytes);
}

#[test]
fn folder_book_builds_and_passes_the_validators() {
    let (_out, epub, pdf) = build_both(FOLDER);
    epubcheck(&epub);
    ace(&epub);
    common::qpdf_check(&pdf);
}
