//! Every generated word in the book's language (issue 12, item 1): the
//! sample built in French and in German — a copy in a temporary folder with
//! the `language` line changed, the FAQ's own title removed (so that the
//! generated one shows), and a paragraph of our own words with quotations,
//! a question, a link and a footnote — has its labels, copyright page,
//! notes, landmarks and contents in that language in both books, the
//! language's quotation marks and spaces, and German hyphenation; both
//! books pass the validators. An unknown language is English with one
//! warning; `[labels]` overrides a word.
//!
//! EPUBCheck, Ace, qpdf and poppler must be installed (see
//! `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
#[path = "common/scratch.rs"]
mod scratch;

use epub_validators::{ace, entry_text, epubcheck, part_xhtml};
use quire::layout::document::Item;
use std::path::Path;
use std::process::Command;

/// The paragraph added to the first chapter: quotations, a question, a
/// link (for the resources page's "cited" group) and a footnote.
const ADDED: &str = "\n\nThe envoy asked: \"Is the river ours?\" The scribe wrote 'peace' in \
the margin, and the [atlas](https://example.org/atlas) agreed.[^envoy]\n\n\
[^envoy]: A note in our own words.\n";

/// A copy of the sample in `language`, with [`ADDED`] and `extra` after
/// the book's keys (a `[labels]` table, say).
fn sample_in(language: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("manuscript");
    scratch::copy_dir(Path::new("manuscript"), &book);
    scratch::copy_dir(Path::new("covers"), &dir.path().join("covers"));
    scratch::edit(
        &book,
        "book.toml",
        "language = \"en\"",
        &format!("language = \"{language}\""),
    );
    scratch::edit(&book, "faq.md", "# Frequently Asked Questions\n\n", "");
    let first = book.join("01-on-the-banks-of-the-euphrates.md");
    let mut text = std::fs::read_to_string(&first).unwrap();
    text.push_str(ADDED);
    std::fs::write(&first, text).unwrap();
    if !extra.is_empty() {
        let toml = book.join("book.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        let at = text.find("\n[[resources]]").unwrap();
        std::fs::write(&toml, format!("{}\n{extra}\n{}", &text[..at], &text[at..])).unwrap();
    }
    dir
}

fn load(dir: &tempfile::TempDir) -> quire::model::Book {
    let loaded = quire::load(&dir.path().join("manuscript")).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.book
}

/// The EPUB's generated documents, one string: navigation, cover, title
/// and copyright pages, the first chapter, the FAQ and resources pages.
fn epub_words(epub: &[u8], book: &quire::model::Book) -> String {
    let mut words: Vec<String> = ["nav", "cover", "title", "copyright", "package.opf"]
        .iter()
        .map(|name| match *name {
            "package.opf" => entry_text(epub, "EPUB/package.opf"),
            name => entry_text(epub, &format!("EPUB/{name}.xhtml")),
        })
        .collect();
    for id in [book.chapters[0].id.as_str(), "faq", "resources"] {
        words.push(part_xhtml(epub, id));
    }
    words.join("\n")
}

fn pdftotext(pdf: &Path) -> Option<String> {
    if !common::require_tool("pdftotext") {
        return None;
    }
    let output = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    assert!(output.status.success());
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// English words quire used to generate, none of which may be left.
const ENGLISH: &[&str] = &[
    ">Contents<",
    "Chapter 1",
    "Title Page",
    "Start of Reading",
    "Landmarks",
    "Published by",
    "Identifier:",
    "Set in",
    "Made with quire",
    "Frequently Asked Questions",
    "Cited in",
    "Back to reference",
    "Cover:",
];

/// Builds both books of `dir`, checks them with the validators and returns
/// the EPUB's generated words and the PDF's text (when poppler is there).
fn both_books(dir: &tempfile::TempDir, book: &quire::model::Book) -> (String, Option<String>) {
    let epub = quire::epub::write(book).expect("the EPUB builds");
    let words = epub_words(&epub, book);
    for english in ENGLISH {
        assert!(!words.contains(english), "`{english}` is left in the EPUB");
    }
    let path = dir.path().join("book.epub");
    std::fs::write(&path, &epub).unwrap();
    epubcheck(&path);
    ace(&path);
    let pdf = quire::pdf::write(book).expect("the PDF builds");
    let pdf_path = dir.path().join("book.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    common::qpdf_check(&pdf_path);
    let text = pdftotext(&pdf_path);
    if let Some(text) = &text {
        for english in [
            "Contents",
            "Chapter 1",
            "Published by",
            "Set in",
            "Identifier",
        ] {
            assert!(!text.contains(english), "`{english}` is left in the PDF");
        }
    }
    (words, text)
}

#[test]
fn the_french_sample_speaks_french_in_both_books() {
    let dir = sample_in("fr", "");
    let book = load(&dir);
    let (epub, pdf) = both_books(&dir, &book);
    for french in [
        // Navigation and landmarks.
        ">Table des matières<",
        ">Couverture<",
        ">Page de titre<",
        ">Mentions légales<",
        ">Début du texte<",
        ">Repères<",
        // The cover's description and the copyright page.
        "alt=\"Couverture\u{a0}: The Battle of Callinicum\u{a0}: Rome, Persia and a Defeat on the Euphrates, AD 531, par Anonymous\"",
        "© Anonymous, 2026",
        "Publié par quire sample books, le 27 novembre 2026.",
        "Identifiant\u{a0}: urn:uuid:",
        "Composé en Charis SIL, sous licence SIL Open Font License. Réalisé avec quire.",
        // The chapter's label, notes, FAQ and resources pages.
        ">Chapitre 1<",
        "aria-label=\"Retour à l’appel 1 de la note 1\"",
        ">Foire aux questions<",
        ">Ressources<",
        ">Cités dans le texte<",
        "Cité dans ",
        // Quotation marks and the spaces before high punctuation.
        "The envoy asked\u{a0}: «\u{202f}Is the river ours\u{202f}?\u{202f}» The scribe wrote “peace” in",
        "xml:lang=\"fr\"",
    ] {
        assert!(epub.contains(french), "`{french}` is not in the EPUB");
    }
    let Some(pdf) = pdf else { return };
    for french in [
        "Table des matières",
        "Chapitre 1",
        "Chapitre 19",
        "Publié par quire sample books, le 27 novembre 2026.",
        "Foire aux questions",
        "Ressources",
        // poppler gives the narrow no-break spaces back as spaces.
        "« Is the river ours ? »",
    ] {
        assert!(pdf.contains(french), "`{french}` is not in the PDF:\n{pdf}");
    }
    // The page holds the narrow no-break spaces themselves.
    let document = quire::layout::layout(&book).expect("layout");
    let set: String = document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(set.contains("ours\u{202f}?\u{202f}»"), "the PDF's runs");
}

#[test]
fn the_german_sample_speaks_german_and_hyphenates_german() {
    let dir = sample_in("de", "");
    let book = load(&dir);
    let (epub, pdf) = both_books(&dir, &book);
    for german in [
        ">Inhalt<",
        ">Umschlag<",
        ">Titelseite<",
        ">Impressum<",
        ">Kapitel 1<",
        ">Anmerkungen<",
        ">Häufig gestellte Fragen<",
        ">Quellen<",
        ">Im Text zitiert<",
        "Erschienen bei quire sample books, 27. November 2026.",
        "Gesetzt in Charis SIL",
        "The envoy asked: „Is the river ours?“ The scribe wrote ‚peace‘ in",
        "xml:lang=\"de\"",
    ] {
        assert!(epub.contains(german), "`{german}` is not in the EPUB");
    }
    if let Some(pdf) = pdf {
        for german in [
            "Inhalt",
            "Kapitel 1",
            "Gesetzt in Charis SIL",
            "Erschienen bei",
            "„Is the river ours?“",
        ] {
            assert!(pdf.contains(german), "`{german}` is not in the PDF");
        }
    }
}

/// A German book of long compounds, set justified: the words broken at the
/// ends of lines are broken where German patterns allow, which English
/// patterns would not all allow.
#[test]
fn german_words_break_at_german_hyphenation_points() {
    let dir = tempfile::tempdir().unwrap();
    let word = "Donaudampfschifffahrtsgesellschaftskapitän";
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"Silben\"\nauthors = [\"Eine Autorin\"]\nlanguage = \"de\"\n\
         identifier = \"urn:uuid:0b6f3c55-8a3e-4d2c-9a55-6a1b0c7d9e21\"\ndate = \"2026-11-27\"\n",
    )
    .unwrap();
    let paragraph = vec![word; 60].join(" ");
    std::fs::write(
        dir.path().join("01-eins.md"),
        format!("# Eins\n\n{paragraph}.\n"),
    )
    .unwrap();
    let book = quire::load(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let document = quire::layout::layout(&book).expect("layout");
    let german = quire::layout::hyphenate::Hyphenator::for_language("de").breaks(word);
    let english = quire::layout::hyphenate::Hyphenator::for_language("en").breaks(word);
    // The text of each line (the runs on one baseline), in order.
    let mut lines: Vec<(f32, String)> = Vec::new();
    for page in &document.pages {
        lines.push((f32::NAN, String::new()));
        for item in &page.items {
            if let Item::Text(run) = item {
                match lines.last_mut() {
                    Some((baseline, text)) if *baseline == run.baseline => text.push_str(&run.text),
                    _ => lines.push((run.baseline, run.text.clone())),
                }
            }
        }
    }
    let mut broken = Vec::new();
    for (_, line) in &lines {
        if let Some(head) = line.strip_suffix('-') {
            let piece = head.rsplit(' ').next().unwrap_or(head);
            if !piece.is_empty() && word.starts_with(piece) {
                broken.push(piece.len());
            }
        }
    }
    assert!(!broken.is_empty(), "no word was hyphenated");
    for at in &broken {
        assert!(
            german.contains(at),
            "broken at {at}: German allows {german:?}"
        );
    }
    assert!(
        broken.iter().any(|at| !english.contains(at)),
        "every break {broken:?} is an English one too ({english:?}): the test shows nothing"
    );
}

#[test]
fn an_unknown_language_is_english_with_one_warning_at_its_line() {
    let dir = sample_in("la", "");
    let loaded = quire::load(&dir.path().join("manuscript")).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("book.toml:7:")
            && warnings[0].contains("no generated words for language `la`: they are English"),
        "{}",
        warnings[0]
    );
    let labels = &loaded.book.matter.labels;
    assert_eq!(labels.contents, "Contents");
    assert_eq!(labels.chapter_number(2), "Chapter 2");
}

#[test]
fn labels_in_book_toml_override_the_languages_words_in_both_books() {
    let dir = sample_in(
        "de",
        "[labels]\nchapter = \"Teil\"\ncontents = \"Inhaltsverzeichnis\"\n",
    );
    let book = load(&dir);
    let epub = quire::epub::write(&book).expect("the EPUB builds");
    let words = epub_words(&epub, &book);
    assert!(words.contains(">Teil 1<") && words.contains(">Inhaltsverzeichnis<"));
    assert!(!words.contains(">Kapitel 1<"));
    let pdf = dir.path().join("book.pdf");
    std::fs::write(&pdf, quire::pdf::write(&book).unwrap()).unwrap();
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("Teil 1") && text.contains("Inhaltsverzeichnis"));
    }
}
