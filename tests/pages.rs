//! The print edition's pages in the EPUB: the sample book laid out, its
//! EPUB marking every print page where the PDF's page begins (a
//! `doc-pagebreak` span), listing them in a page-list and naming the print
//! edition in `pageBreakSource`; EPUBCheck and Ace pass it, and the words
//! after each marker inside a paragraph are the first words pdftotext
//! reads on that page of the PDF.
//!
//! EPUBCheck, Ace and pdftotext must be installed (see `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
#[path = "common/words.rs"]
mod words;

use epub_validators::{ace, entry_text, epubcheck};
use quire::render::{Rendered, Renderer};
use std::path::Path;
use std::process::Command;

/// The rendered bytes of one file.
fn bytes(rendered: Rendered) -> Vec<u8> {
    match rendered {
        Rendered::File(bytes) => bytes,
        Rendered::Site(_) => panic!("one file"),
    }
}

/// The words pdftotext reads on page `n` (from 1) of `pdf`, its running
/// head (the first line, on a page with a folio at the top) left out.
fn page_words(pdf: &Path, n: usize) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.iter().skip(1).flat_map(|l| words::words(l)).collect()
}

#[test]
fn the_epub_marks_every_print_page_where_the_pdf_begins_it() {
    if !common::require_tool("epubcheck")
        || !common::require_tool("ace-cli")
        || !common::require_tool("pdftotext")
    {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
    let mut book = quire::load(&dir).expect("the sample loads").book;
    book.settings.epub.page_list = true;
    quire::paginate(&mut book).expect("laid out");
    let epub = bytes(quire::epub::Epub.render(&book).expect("EPUB"));
    // The print interior, whose pages the EPUB marks (the sample's digital
    // edition has the same pages: its margins exceed the printer's).
    let pdf = bytes(
        quire::pdf::print::PrintPdf::default()
            .render(&book)
            .expect("print PDF"),
    );
    let temp = tempfile::tempdir().unwrap();
    let epub_path = temp.path().join("book.epub");
    let pdf_path = temp.path().join("book.pdf");
    std::fs::write(&epub_path, &epub).unwrap();
    std::fs::write(&pdf_path, &pdf).unwrap();

    // The page-list: one entry per PDF page, in the PDF's order.
    let nav = entry_text(&epub, "EPUB/nav.xhtml");
    let list = nav
        .split("<nav epub:type=\"page-list\" hidden=\"hidden\">")
        .nth(1)
        .expect("a page-list")
        .split("</nav>")
        .next()
        .unwrap();
    let entries: Vec<(String, String)> = list
        .split("<li><a href=\"")
        .skip(1)
        .map(|e| {
            let (href, rest) = e.split_once("\">").unwrap();
            (
                href.to_string(),
                rest.split('<').next().unwrap().to_string(),
            )
        })
        .collect();
    let document = quire::layout::layout(&book).unwrap();
    let labels: Vec<String> = document.pages.iter().map(|p| p.label.clone()).collect();
    let listed: Vec<String> = entries.iter().map(|(_, l)| l.clone()).collect();
    assert_eq!(listed, labels);
    let info = Command::new("pdfinfo").arg(&pdf_path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().to_string());
    assert_eq!(pages, Some(labels.len().to_string()));

    // Every entry leads to its marker, and a marker inside a paragraph is
    // followed by the first words of its page in the PDF.
    let mut in_paragraphs = 0;
    for (n, (href, label)) in entries.iter().enumerate() {
        let (file, id) = href.split_once('#').unwrap();
        let xhtml = entry_text(&epub, &format!("EPUB/{file}"));
        let marker = format!(
            "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"{id}\" aria-label=\"{label}\"></span>"
        );
        let at = xhtml
            .find(&marker)
            .unwrap_or_else(|| panic!("{file} has no marker for page {label}"));
        let before = &xhtml[..at];
        let inside = before.rfind("<p").unwrap_or(0) > before.rfind("</p>").unwrap_or(0)
            && !xhtml[at + marker.len()..].starts_with('<');
        if !inside {
            continue;
        }
        in_paragraphs += 1;
        let after: String = xhtml[at + marker.len()..].chars().take(400).collect();
        let plain = after.split('<').next().unwrap_or_default().to_string();
        let epub_words: Vec<String> = words::words(&plain).into_iter().take(3).collect();
        let pdf_words = page_words(&pdf_path, n + 1);
        assert!(
            pdf_words.starts_with(&epub_words),
            "page {label}: the EPUB goes on with {epub_words:?}, the PDF's page begins {:?}",
            &pdf_words[..pdf_words.len().min(6)]
        );
    }
    assert!(
        in_paragraphs >= 10,
        "{in_paragraphs} pages begin mid-paragraph"
    );

    // The print edition is named, with the features it gives.
    let opf = entry_text(&epub, "EPUB/package.opf");
    assert!(
        opf.contains("<meta property=\"pageBreakSource\">The Battle of Callinicum (print edition")
    );
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>"));
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">pageNavigation</meta>"));
    epubcheck(&epub_path);
    ace(&epub_path);
}

#[test]
fn with_page_list_off_the_epub_has_no_page_breaks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
    let mut book = quire::load(&dir).expect("the sample loads").book;
    book.settings.epub.page_list = false;
    quire::paginate(&mut book).expect("nothing to lay out");
    let epub = bytes(quire::epub::Epub.render(&book).expect("EPUB"));
    assert!(!entry_text(&epub, "EPUB/nav.xhtml").contains("page-list"));
    assert!(!entry_text(&epub, "EPUB/package.opf").contains("pageBreakSource"));
}

/// A paragraph of our own words, numbered so that no two are alike.
fn paragraph(n: usize) -> String {
    format!(
        "Paragraph {n} walks along the orchard wall, counting the rows of pear trees \
         that the gardeners planted in the spring, and notes which of them bear fruit, \
         which stand bare, and which the wind has bent toward the river over the years.\n\n"
    )
}

#[test]
fn a_page_reference_prints_the_page_the_heading_is_on_and_links_on_screen() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(
        dir.join("book.toml"),
        "title = \"Orchard Notes\"\nauthors = [\"A. Gardener\"]\nlanguage = \"en\"\n\
         identifier = \"urn:isbn:9780306406157\"\ndate = \"2026-11-27\"\n\
         chapters = [\"01-rows.md\", \"02-walls.md\"]\n\
         [print]\npaper = \"cream\"\n",
    )
    .unwrap();
    let mut first = String::from("# Rows\n\nThe far wall is described later, [see](02-walls.md#the-far-wall \"page\"), and the near bed below, [see](#near-bed \"page\").\n\n");
    (0..30).for_each(|n| first.push_str(&paragraph(n)));
    first.push_str("## Near Bed\n\nThe near bed holds herbs.\n");
    let mut second = String::from("# Walls\n\n");
    (30..75).for_each(|n| second.push_str(&paragraph(n)));
    second.push_str("## The Far Wall\n\nThe far wall is of red brick.\n");
    std::fs::write(dir.join("01-rows.md"), first).unwrap();
    std::fs::write(dir.join("02-walls.md"), second).unwrap();

    let mut book = quire::load(dir).expect("the book loads").book;
    // A print edition (the `[print]` table): the EPUB marks its pages.
    assert!(book.settings.epub.page_list);
    quire::paginate(&mut book).expect("laid out");
    let pdf = bytes(quire::pdf::Pdf.render(&book).expect("PDF"));
    let pdf_path = dir.join("book.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let document = quire::layout::layout(&book).unwrap();
    // The page (its folio) of the body on which pdftotext finds a heading.
    let page_of = |heading: &str| -> String {
        let n = (document.body_start + 1..=document.pages.len())
            .find(|&n| {
                let words = page_words(&pdf_path, n).join(" ");
                let heading = words::words(heading).join(" ");
                words.contains(&heading) && !words.contains("see page")
            })
            .unwrap_or_else(|| panic!("no page has `{heading}`"));
        document.pages[n - 1].label.clone()
    };
    let far = page_of("The Far Wall");
    let near = page_of("Near Bed");
    let out = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&format!("later, see page {far}, and")),
        "far wall on page {far}: {}",
        &text[..text.len().min(2000)]
    );
    assert!(
        text.contains(&format!("below, see page {near}.")),
        "near bed on page {near}"
    );
    assert_ne!(far, near);

    // On screen: a link, no number, no "page" title.
    let epub = bytes(quire::epub::Epub.render(&book).expect("EPUB"));
    let rows = epub_validators::part_xhtml(&epub, "rows");
    assert!(
        rows.contains("later, <a href=\"walls.xhtml#the-far-wall\">see</a>, and"),
        "{}",
        &rows[..rows.len().min(1500)]
    );
    assert!(!rows.contains("title=\"page\""));
    let opf = entry_text(&epub, "EPUB/package.opf");
    assert!(opf.contains("<meta property=\"pageBreakSource\">urn:isbn:9780306406157</meta>"));
}

/// The sample with a `[print]` table, copied with its cover into `root`.
fn sample_in_print(root: &Path) -> std::path::PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("manuscript");
    for (from, to) in [
        (repo.join("manuscript"), &dir),
        (repo.join("covers"), &root.join("covers")),
    ] {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut config = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    config.push_str("\n[print]\npaper = \"cream\"\n");
    std::fs::write(dir.join("book.toml"), config).unwrap();
    dir
}

/// Runs `quire ARGS -q -m DIR -o OUT` and returns the files written, by name.
fn quire(args: &[&str], dir: &Path, out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let status = Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .args(["-q", "-m"])
        .arg(dir)
        .arg("-o")
        .arg(out)
        .status()
        .expect("quire runs");
    assert!(status.success(), "quire {args:?}");
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn quire_build_in_print_writes_what_quire_epub_and_quire_pdf_write() {
    // `quire build` lays the sample out once for the EPUB's page-list and
    // the digital PDF (the print interior's margins change nothing here);
    // the two commands on their own lay it out apart.
    let temp = tempfile::tempdir().unwrap();
    let dir = sample_in_print(temp.path());
    let built = quire(&["build"], &dir, &temp.path().join("built"));
    let apart = temp.path().join("apart");
    quire(&["epub"], &dir, &apart);
    let apart = quire(&["pdf"], &dir, &apart);
    let names: Vec<&String> = built.keys().collect();
    assert_eq!(
        names,
        [
            "the-battle-of-callinicum.epub",
            "the-battle-of-callinicum.pdf"
        ]
    );
    assert!(built == apart, "the same bytes");
    let nav = entry_text(&built["the-battle-of-callinicum.epub"], "EPUB/nav.xhtml");
    assert!(nav.contains("<nav epub:type=\"page-list\""));
}
