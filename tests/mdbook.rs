//! An mdBook project as a manuscript (`src/import/`), on a fixture of our
//! own words (`tests/fixtures/mdbook`): the summary's parts, nested
//! chapters, part titles, includes with ranges and anchors, hidden lines,
//! `.html` links and links out of the book, both books checked by their
//! validators (EPUBCheck, Ace, qpdf, pdftotext).

mod common;

#[path = "common/epub_validators.rs"]
mod epub_validators;
use epub_validators::{ace, epubcheck};
use quire::model::{walk, Block, Book, ChapterKind, Inline, LinkTarget, TocEntry};
use quire::BuildOptions;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mdbook")
}

fn load(dir: &Path) -> quire::Loaded {
    quire::load(dir).unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the fixture in a temporary folder, `book.toml` changed by `edit`.
fn copy(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture(), dir.path());
    let toml = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).expect("book.toml");
    std::fs::write(&toml, edit(text)).expect("write book.toml");
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn code_blocks(book: &Book, id: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    walk::blocks(&book.part(id).expect("part").blocks, &mut |block| {
        if let Block::CodeBlock { language, code, .. } = block {
            out.push((language.clone(), code.clone()));
        }
    });
    out
}

fn links(book: &Book, id: &str) -> Vec<LinkTarget> {
    let mut out = Vec::new();
    walk::inlines(&book.part(id).expect("part").blocks, &mut |inline| {
        if let Inline::Link { target, .. } = inline {
            out.push(target.clone());
        }
    });
    out
}

#[test]
fn the_summary_gives_front_matter_parts_nested_chapters_and_appendices() {
    let book = load(&fixture()).book;
    let shape: Vec<(String, ChapterKind, Option<u32>, u8)> = book
        .parts()
        .map(|p| (p.id.clone(), p.kind, p.number, p.depth))
        .collect();
    let expected = [
        ("foreword", ChapterKind::FrontMatter, None, 0),
        ("part-the-tower", ChapterKind::Part, None, 0),
        ("lamp", ChapterKind::Chapter, Some(1), 0),
        ("wicks", ChapterKind::Chapter, None, 1),
        ("lens", ChapterKind::Chapter, None, 1),
        ("cloths", ChapterKind::Chapter, None, 2),
        ("logbook", ChapterKind::Chapter, Some(2), 0),
        ("part-the-shore", ChapterKind::Part, None, 0),
        ("signals", ChapterKind::Chapter, Some(3), 0),
        ("glossary", ChapterKind::Appendix, None, 0),
        ("resources", ChapterKind::Resources, None, 0),
    ];
    let expected: Vec<(String, ChapterKind, Option<u32>, u8)> = expected
        .iter()
        .map(|(id, kind, number, depth)| (id.to_string(), *kind, *number, *depth))
        .collect();
    assert_eq!(shape, expected);
    // A file without a heading takes its title from the summary.
    assert_eq!(book.part("lens").unwrap().title_text(), "Cleaning the Lens");
    assert_eq!(
        book.part("part-the-tower").unwrap().title_text(),
        "The Tower"
    );
    // The contents nest sub-chapters under their chapter.
    fn titles(entries: &[TocEntry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                let children = titles(&e.children);
                if children.is_empty() {
                    e.title.clone()
                } else {
                    format!("{} [{}]", e.title, children.join(", "))
                }
            })
            .collect()
    }
    let toc = titles(&book.toc);
    assert_eq!(
        toc[..6],
        [
            "Foreword",
            "The Tower",
            "The Lamp [Wicks and Oil, Cleaning the Lens [Polishing Cloths]]",
            "The Logbook",
            "The Shore",
            "Signals"
        ]
    );
}

#[test]
fn includes_hidden_lines_and_links_come_out_as_mdbook_means_them() {
    let book = load(&fixture()).book;
    let some = |s: &str| Some(s.to_string());
    // rustdoc_include with an anchor: the anchored lines (the rest hidden,
    // then dropped); include with a range: lines 3 to 5, markers and all.
    assert_eq!(
        code_blocks(&book, "wicks"),
        [
            (
                some("rust"),
                "    let key = turns * 2;\n    key + 1\n".into()
            ),
            (
                some("text"),
                "    // ANCHOR: trim\n    let key = turns * 2;\n    key + 1\n".into()
            ),
        ]
    );
    // Hidden `# ` lines leave, `##` is a literal `#`, attributes leave the language.
    let signals = code_blocks(&book, "signals");
    assert_eq!(signals[0].0, some("rust"));
    assert!(signals[0].1.starts_with("#[derive(Debug)]\nstruct Flash"));
    assert!(!signals[0].1.contains("fn main"));
    assert_eq!(signals[1].1.lines().count(), 4, "`::4` takes lines 1 to 4");
    // `.html` links reach the chapter; links out of the book reach the site.
    let internal = |chapter: &str, anchor: Option<&str>| LinkTarget::Internal {
        chapter: chapter.into(),
        anchor: anchor.map(Into::into),
    };
    assert_eq!(
        links(&book, "foreword"),
        [
            internal("wicks", Some("trimming-the-wick")),
            internal("signals", None)
        ]
    );
    assert_eq!(
        links(&book, "lamp"),
        [
            internal("logbook", None),
            LinkTarget::External {
                url: "https://lighthouse.example.org/supplies/catalogue.html".into()
            }
        ]
    );
    assert_eq!(
        links(&book, "logbook"),
        [LinkTarget::External {
            url: "https://lighthouse.example.org/std/fmt.html#times".into()
        }]
    );
    // The included Markdown is Markdown; `{{#title}}` leaves no trace; an
    // escaped directive is its words.
    let logbook = &book.part("logbook").unwrap().blocks;
    assert!(matches!(logbook[1], Block::BlockQuote { .. }));
    let mut words = String::new();
    walk::inlines(logbook, &mut |i| {
        if let Inline::Text { text } = i {
            words.push_str(text);
        }
    });
    assert!(words.contains("Write {{#include}} when") && !words.contains("title"));
}

#[test]
fn missing_quire_keys_are_derived_with_warnings_and_drafts_are_left_out() {
    let loaded = load(&fixture());
    let metadata = &loaded.book.metadata;
    assert_eq!(metadata.title, "Keeping a Lighthouse");
    assert_eq!(metadata.authors, ["Maren Holt", "Ivo Brand"]);
    assert_eq!(metadata.date, "2026-11-27", "from [quire]");
    assert_eq!(
        metadata.rights.as_deref(),
        Some("© 2026 Maren Holt and Ivo Brand")
    );
    assert!(metadata.identifier.starts_with("urn:uuid:"));
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("book.toml") && warnings[0].contains("no `identifier`"));
    assert!(warnings[1].contains("SUMMARY.md:14") && warnings[1].contains("draft"));
    // Without a date, SOURCE_DATE_EPOCH gives it; the identifier stays.
    let dir = copy(|t| t.replace("date = \"2026-11-27\"\n", ""));
    let options = BuildOptions {
        source_date_epoch: Some(1_700_000_000),
    };
    let loaded = quire::load_with(dir.path(), &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.book.metadata.date, "2023-11-14");
    assert_eq!(loaded.book.metadata.identifier, metadata.identifier);
    let loaded = load(dir.path());
    assert_eq!(loaded.book.metadata.date, "1970-01-01");
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.message.contains("no publication `date`")));
}

#[test]
fn without_a_site_address_links_out_of_the_book_are_text_with_a_warning() {
    let dir = copy(|t| t.replace("site-url", "# site-url"));
    let loaded = load(dir.path());
    assert_eq!(links(&loaded.book, "lamp").len(), 1);
    assert!(links(&loaded.book, "logbook").is_empty());
    let out: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("leads out of the book"))
        .map(|w| w.location.to_string())
        .collect();
    let at = |file: &str| dir.path().join(file).display().to_string();
    assert_eq!(out, [at("src/lamp/README.md:6"), at("src/logbook.md:8")]);
}

#[test]
fn links_written_in_html_meet_the_fate_of_markdown_links() {
    let glossary = "# Glossary\n\nThe <a href=\"lamp/lens.html\">lens</a> and the\n<p>tide <a\nhref='../tides/table.html#spring'>table</a>.</p>\n";
    for site in [true, false] {
        let dir = copy(|t| {
            if site {
                t
            } else {
                t.replace("site-url", "# site-url")
            }
        });
        std::fs::write(dir.path().join("src/glossary.md"), glossary).unwrap();
        let loaded = load(dir.path());
        let lens = LinkTarget::Internal {
            chapter: "lens".into(),
            anchor: None,
        };
        let out: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|w| w.location.to_string().contains("glossary"))
            .map(|w| format!("{}: {}", w.location, w.message))
            .collect();
        if site {
            let table = LinkTarget::External {
                url: "https://lighthouse.example.org/tides/table.html#spring".into(),
            };
            assert_eq!(links(&loaded.book, "glossary"), [lens, table]);
            assert!(out.is_empty(), "{out:?}");
        } else {
            assert_eq!(links(&loaded.book, "glossary"), [lens]);
            let at = dir.path().join("src/glossary.md").display().to_string();
            assert_eq!(out.len(), 1, "{out:?}");
            assert!(
                out[0].starts_with(&format!(
                    "{at}:5: the link to `../tides/table.html#spring` leads out of the book"
                )),
                "{out:?}"
            );
        }
    }
}

#[test]
fn strict_html_in_the_quire_table_makes_active_content_an_error() {
    let glossary =
        "# Glossary\n\nA <b onclick=\"go()\">beacon</b>.\n\n<script>\nlight()\n</script>\n";
    let relaxed = copy(|t| t);
    std::fs::write(relaxed.path().join("src/glossary.md"), glossary).unwrap();
    let loaded = load(relaxed.path());
    let dropped = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("runs code") || w.message.contains("active content"))
        .count();
    assert_eq!(dropped, 2);
    let strict = copy(|t| format!("{t}strict-html = true\n"));
    std::fs::write(strict.path().join("src/glossary.md"), glossary).unwrap();
    let errors = quire::load(strict.path()).unwrap_err().to_string();
    let at = strict.path().join("src/glossary.md").display().to_string();
    assert!(
        errors.contains(&format!("{at}:3: the `onclick` attribute")),
        "{errors}"
    );
    assert!(errors.contains(&format!("{at}:5: `<script>`")), "{errors}");
}

#[test]
fn a_file_may_open_with_an_anchor_before_its_title() {
    let dir = copy(|t| t);
    let glossary = "<!-- kept for old links -->\n<a id=\"terms\"></a>\n\n## Glossary\n\nBack to [the top](#terms).\n";
    std::fs::write(dir.path().join("src/glossary.md"), glossary).unwrap();
    let loaded = load(dir.path());
    let part = loaded.book.part("glossary").expect("glossary");
    assert_eq!(part.title_text(), "Glossary");
    assert!(part
        .blocks
        .iter()
        .all(|b| !matches!(b, Block::Heading { .. })));
    assert_eq!(
        links(&loaded.book, "glossary"),
        [LinkTarget::Internal {
            chapter: "glossary".into(),
            anchor: Some("terms".into())
        }]
    );
}

#[test]
fn html_headings_lists_and_quotes_reach_both_books() {
    let dir = copy(|t| t);
    let glossary = "# Glossary\n\n<h2 id=\"gear\">Gear words</h2>\n<ul>\n<li>Lantern: the glazed room</li>\n<li>Wick: the burning cord</li>\n</ul>\n<blockquote><p>Keep the light.</p></blockquote>\n<ol start=\"4\"><li>Fourth rule</li></ol>\n\nSee [gear](#gear).\n";
    std::fs::write(dir.path().join("src/glossary.md"), glossary).unwrap();
    let book = load(dir.path()).book;
    let part = book.part("glossary").expect("glossary");
    assert!(matches!(&part.blocks[0], Block::Heading { level: 2, id, .. } if id == "gear"));
    assert!(matches!(&part.blocks[1], Block::List { items, .. } if items.len() == 2));
    assert!(matches!(&part.blocks[2], Block::BlockQuote { .. }));
    assert!(matches!(
        &part.blocks[3],
        Block::List { start: Some(4), .. }
    ));
    let bytes = quire::epub::write(&book).unwrap_or_else(|e| panic!("{e}"));
    let archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
    let name = archive
        .file_names()
        .find(|n| n.contains("glossary"))
        .expect("glossary file")
        .to_string();
    let xhtml = epub_entry(&bytes, &name);
    for tag in [
        "<h2 id=\"gear\"",
        "<ul>",
        "<li>",
        "<blockquote>",
        "<ol start=\"4\"",
    ] {
        assert!(xhtml.contains(tag), "{tag} in {xhtml}");
    }
    let nav_name = archive
        .file_names()
        .find(|n| n.ends_with("nav.xhtml"))
        .unwrap()
        .to_string();
    assert!(
        epub_entry(&bytes, &nav_name).contains("Gear words"),
        "an HTML heading is in the contents"
    );
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("g.epub");
    std::fs::write(&path, &bytes).expect("write");
    epubcheck(&path);
    let document = quire::layout::layout(&book).unwrap_or_else(|e| panic!("{e}"));
    let pdf = quire::pdf::write_document(&book, &document).unwrap_or_else(|e| panic!("{e}"));
    let pdf_path = out.path().join("g.pdf");
    std::fs::write(&pdf_path, &pdf).expect("write");
    if !common::require_tool("pdftotext") {
        return;
    }
    let text = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    let order = [
        "Gear words",
        "Lantern",
        "Wick",
        "Keep the light",
        "4.",
        "Fourth rule",
    ];
    let mut at = text.rfind("Glossary").expect("glossary in the PDF");
    for word in order {
        let found = text[at..]
            .find(word)
            .unwrap_or_else(|| panic!("{word} after {at}"));
        at += found;
    }
}

#[test]
fn a_sub_chapter_continues_its_chapters_footnote_numbers() {
    let book = load(&fixture()).book;
    let numbers = |id: &str| -> Vec<u32> {
        let part = book.part(id).expect("part");
        let mut refs = Vec::new();
        walk::inlines(&part.blocks, &mut |i| {
            if let Inline::FootnoteRef { number, .. } = i {
                refs.push(*number);
            }
        });
        assert_eq!(
            refs,
            part.footnotes.iter().map(|n| n.number).collect::<Vec<_>>()
        );
        refs
    };
    // Cleaning the Lens runs on after The Lamp (no notes), Polishing Cloths after it.
    assert_eq!(numbers("lens"), [1]);
    assert_eq!(numbers("cloths"), [2]);
}

#[test]
fn bad_includes_and_summaries_are_errors_with_file_and_line() {
    let dir = copy(|t| t);
    let root = dir.path();
    std::fs::write(
        root.join("src/signals.md"),
        "# Signals\n\n{{#include signals.md}}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/glossary.md"),
        "# Glossary\n\n{{#include ../../outside.md}}\n",
    )
    .unwrap();
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap();
    std::fs::write(
        root.join("src/SUMMARY.md"),
        summary.replace(
            "[Signals](signals.md)",
            "[Signals](signals.md)\n- [Gone](gone.md)",
        ),
    )
    .unwrap();
    let errors = quire::load(root).expect_err("refused").0;
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let at = |file: &str| root.join(file).display().to_string();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with(&format!("{}:19:", at("src/SUMMARY.md"))));
    assert!(messages[0].contains("`gone.md` is listed but does not exist"));
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    let errors = quire::load(root).expect_err("refused").0;
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with(&format!("{}:3:", at("src/signals.md"))));
    assert!(messages[0].contains("includes itself (src/signals.md → src/signals.md)"));
    assert!(messages[1].starts_with(&format!("{}:3:", at("src/glossary.md"))));
    assert!(messages[1].contains("not a file inside the book folder"));
}

#[test]
fn quire_keys_in_the_quire_table_are_checked_as_in_a_quire_book_toml() {
    let dir = copy(|t| {
        t.replace(
            "[quire]\n",
            "[quire]\nidentifier = \"urn:uuid:not-a-uuid\"\nchapters = [\"a.md\"]\ntitel = \"x\"\n",
        )
    });
    let errors = quire::load(dir.path()).expect_err("refused").0;
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages
        .iter()
        .any(|m| m.contains("book.toml:20:") && m.contains("uuid")));
    assert!(messages
        .iter()
        .any(|m| m.contains("book.toml:21") && m.contains("SUMMARY.md gives the order")));
    assert!(messages
        .iter()
        .any(|m| m.contains("book.toml:22:") && m.contains("did you mean `title`")));
}

fn epub_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the EPUB"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[test]
fn the_epub_nests_sub_chapters_and_passes_epubcheck_and_ace() {
    let book = load(&fixture()).book;
    let bytes = quire::epub::write(&book).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bytes, quire::epub::write(&book).unwrap(), "deterministic");
    let archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
    let names: Vec<&str> = archive.file_names().collect();
    for id in ["wicks", "lens", "cloths", "part-the-tower"] {
        assert!(
            names.iter().any(|n| n.contains(id)),
            "{id} has its own file: {names:?}"
        );
    }
    let package = epub_entry(&bytes, "EPUB/package.opf");
    let nav_name = names
        .iter()
        .find(|n| n.ends_with("nav.xhtml"))
        .expect("nav");
    let nav = epub_entry(&bytes, nav_name);
    // Polishing Cloths sits in a list inside Cleaning the Lens, inside The Lamp.
    let lamp = nav.find("The Lamp").expect("lamp");
    let lens = nav[lamp..].find("Cleaning the Lens").expect("lens") + lamp;
    let between = &nav[lamp..lens];
    assert!(between.contains("<ol>"), "{between}");
    assert!(nav[lens..].find("<ol>") < nav[lens..].find("Polishing Cloths"));
    let part_name = names.iter().find(|n| n.contains("part-the-tower")).unwrap();
    assert!(epub_entry(&bytes, part_name).contains("role=\"doc-part\""));
    assert!(package.contains("urn:uuid:"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lighthouse.epub");
    std::fs::write(&path, &bytes).expect("write");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn the_pdf_runs_sub_chapters_on_and_gives_back_its_words_in_order() {
    let book = load(&fixture()).book;
    let document = quire::layout::layout(&book).unwrap_or_else(|e| panic!("{e}"));
    // A sub-chapter runs on after its parent: no page of its own starts it.
    let first_page_of = |id: &str| {
        document
            .page_map
            .iter()
            .position(|p| p.part.as_deref() == Some(id))
    };
    let lamp = first_page_of("lamp").expect("lamp's pages");
    assert!(first_page_of("wicks").is_none_or(|p| p > lamp));
    assert!(first_page_of("logbook") > first_page_of("lamp"));
    // Links and bookmarks to a sub-chapter land on its title, on a page of its parent.
    let wicks = document.destinations.iter().find(|d| d.name == "wicks");
    assert_eq!(wicks.map(|d| d.page), Some(lamp));
    let bytes = quire::pdf::write_document(&book, &document).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lighthouse.pdf");
    std::fs::write(&path, &bytes).expect("write");
    common::qpdf_check(&path);
    if !common::require_tool("pdftotext") {
        return;
    }
    let text = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let body = &text[text.find("This handbook is for keepers").expect("foreword")..];
    let mut at = 0;
    for words in [
        "The Tower",
        "The Lamp",
        "Wicks and Oil",
        "Trimming the wick",
        "let key = turns * 2;",
        "Cleaning the Lens",
        "Polishing Cloths",
        "The Logbook",
        "Wind from the west",
        "The Shore",
        "Signals",
        "#[derive(Debug)]",
        "one yellow: quarantine",
        "Glossary",
        "https://lighthouse.example.org/std/fmt.html#times",
    ] {
        let found = body[at..]
            .find(words)
            .unwrap_or_else(|| panic!("`{words}` after byte {at} of:\n{body}"));
        at += found + words.len();
    }
    assert!(!text.contains("fn main"), "hidden lines stay hidden");
    // Wicks and Oil is on The Lamp's opening page.
    let page = |n: usize| {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let opening = page(lamp + 1);
    assert!(
        opening.contains("The Lamp") && opening.contains("Wicks and Oil"),
        "{opening}"
    );
}

#[test]
fn dollars_are_text_in_an_mdbook_unless_the_quire_table_turns_math_on() {
    let glossary =
        "# Glossary\n\nPut `tide` in $HOME/bin and add it to $PATH first.\n\nThe area is $a^2$.\n";
    let math_in = |book: &quire::model::Book| {
        let mut found = Vec::new();
        quire::model::walk::part_blocks(book.part("glossary").expect("glossary"), &mut |b| {
            if let Block::Paragraph { content } = b {
                for inline in content {
                    if let quire::model::Inline::Math { tex, .. } = inline {
                        found.push(tex.clone());
                    }
                }
            }
        });
        found
    };
    let plain = copy(|t| t);
    std::fs::write(plain.path().join("src/glossary.md"), glossary).unwrap();
    let book = load(plain.path()).book;
    assert!(math_in(&book).is_empty(), "{:?}", math_in(&book));
    let text = quire::model::plain_text(match &book.part("glossary").unwrap().blocks[0] {
        Block::Paragraph { content } => content,
        other => panic!("{other:?}"),
    });
    assert!(
        text.contains("$HOME/bin") && text.contains("$PATH"),
        "{text}"
    );
    let on = copy(|t| format!("{t}math = true\n"));
    std::fs::write(on.path().join("src/glossary.md"), glossary).unwrap();
    assert!(!math_in(&load(on.path()).book).is_empty());
}
