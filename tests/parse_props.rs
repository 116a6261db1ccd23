//! Property tests for the Markdown parser: whatever an author types (non-ASCII
//! addresses, reference definitions, BOMs, CRLF line ends, control
//! characters, raw HTML), parsing ends in a model or in errors that name a
//! line of the file, never in a panic, and the model it gives keeps its
//! invariants.

use proptest::prelude::*;
use quire::lines::LineIndex;
use quire::model::{plain_text, walk, Block, Inline};
use quire::parse::{parse, Context};
use std::path::Path;

/// Pieces of Markdown syntax, glued at random.
const TOKENS: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "    ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](a.png)",
    "](#x)",
    "](other.md)",
    "](https://example.org/?a&b)",
    "> ",
    "- ",
    "1. ",
    "  ",
    "\n",
    "\n\n",
    "|",
    "|---|\n",
    "[^n]",
    "[^n]: ",
    "<br>",
    "<!-- c -->",
    "<div>",
    "&",
    "&amp;",
    "\"",
    "'",
    "--",
    "...",
    "word",
    "savārān",
    "so\u{2011}called",
    "{#id}",
    "\\",
    "---\n",
    "~~",
    "<https://a.example>",
    "[x](abcdeé)",
    "[x](mailtoé)",
    "](https://bücher.example/ä ö)",
    "](<https://example.com/a[b] c>)",
    "](https://../)",
    "](mailto:)",
    "](é.png \"t\")",
    "[ΑΓΩ]",
    "[ΑΓΩ]: /φου\n",
    "[ref]: https://example.org/ü \"title\"\n",
    "[ref]",
    "\u{feff}",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\t",
    "<span class=\"x\">",
    "</span>",
    "<p>\n",
    "<?php x ?>",
    "<![CDATA[x]]>",
    "<br/>",
    "&ouml;",
    "&#0;",
    "```f&ouml;&ouml;\n",
];

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

fn run(text: &str) -> Result<quire::parse::Parsed, quire::Errors> {
    let parsed = parse_file(text);
    if parsed.errors.is_empty() {
        Ok(parsed)
    } else {
        Err(quire::Errors(parsed.errors))
    }
}

fn parse_file(text: &str) -> quire::parse::Parsed {
    let cx = Context {
        file: "ch.md",
        display_path: Path::new("ch.md"),
        requires_title: false,
        strict_html: false,
        math: true,
        punctuation: Default::default(),
    };
    parse(text, cx)
}

fn footnote_refs(blocks: &[Block], out: &mut Vec<String>) {
    walk::inlines(blocks, &mut |i| {
        if let Inline::FootnoteRef { id, .. } = i {
            out.push(id.clone())
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsing_never_panics_and_errors_are_located(text in markdown()) {
        match run(&text) {
            Ok(parsed) => {
                let mut refs = Vec::new();
                footnote_refs(&parsed.blocks, &mut refs);
                for id in refs {
                    prop_assert!(parsed.footnotes.iter().any(|f| f.id == id), "dangling footnote {id}");
                }
                for (i, f) in parsed.footnotes.iter().enumerate() {
                    prop_assert_eq!(f.number as usize, i + 1);
                }
                prop_assert!(serde_json::to_string(&parsed.blocks).is_ok());
            }
            Err(errors) => prop_assert!(!errors.0.is_empty()),
        }
        let lines = LineIndex::new(&text).lines();
        let parsed = parse_file(&text);
        let located = parsed
            .errors
            .iter()
            .map(|e| e.location.as_deref().expect("parser errors have a location"))
            .chain(parsed.warnings.iter().map(|w| &w.location));
        for location in located {
            prop_assert!(
                location.line.is_some_and(|l| (1..=lines).contains(&l)),
                "line {:?} outside 1..={lines}", location.line
            );
        }
    }

    #[test]
    fn any_address_is_classified_and_encoded_without_panic(address in any::<String>()) {
        let _ = quire::url::kind(&address);
        let encoded = quire::url::href(&address);
        prop_assert!(encoded.is_ascii());
        let forbidden = [' ', '"', '<', '>', '\\', '{', '}'];
        prop_assert!(!encoded.contains(forbidden), "{}", encoded);
        let _ = run(&format!("[x](<{address}>) ![y](<{address}>) [r]\n\n[r]: <{address}>\n"));
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = run(&text);
    }

    #[test]
    fn plain_paragraphs_keep_their_words(words in prop::collection::vec("[a-zA-Zāē]{1,12}", 1..40)) {
        let text = words.join(" ");
        let parsed = run(&text).unwrap();
        let [Block::Paragraph { content }] = parsed.blocks.as_slice() else {
            panic!("one paragraph expected: {:?}", parsed.blocks);
        };
        prop_assert_eq!(plain_text(content), text);
    }
}

/// Pieces of HTML, hostile and malformed ones included, glued at random
/// with Markdown.
const HTML: &[&str] = &[
    "<div class=\"note x\">",
    "<div id=\"d\">",
    "</div>",
    "<span class=\"filename\">",
    "<span id=\"s\">",
    "</span>",
    "<p>",
    "</p>",
    "<a id=\"here\">",
    "<a name=\"n\">",
    "<a href=\"https://example.org/?a=1&b=2\" title=\"t\">",
    "<a href=\"ch.md\">",
    "<a href=\"javascript:alert(1)\">",
    "</a>",
    "<img src=\"a.png\" alt=\"A\" width=\"120\">",
    "<img src=\"a.png\">",
    "<br>",
    "<br/>",
    "<em>",
    "</em>",
    "<i>",
    "<strong>",
    "</b>",
    "<code>",
    "</code>",
    "<kbd>",
    "</kbd>",
    "<sup>",
    "</sub>",
    "<small>",
    "<mark>",
    "<s>",
    "<del>",
    "<ins>",
    "<u>",
    "<abbr title=\"x&quot;y\">",
    "<q>",
    "<cite>",
    "</q>",
    "<pre>",
    "</pre>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "</figure>",
    "<details>",
    "<summary>",
    "</summary>",
    "</details>",
    "<table>",
    "<thead>",
    "<tr>",
    "<th>",
    "<td>",
    "</td>",
    "</tr>",
    "</table>",
    "<hr>",
    "<dl>",
    "<dt>",
    "<dd>",
    "</dd>",
    "</dl>",
    "<!-- c -->",
    "<!--",
    "<script>alert('x')</script>",
    "<script>",
    "<style>p{}</style>",
    "<iframe src=\"https://x.org\">",
    "<object>",
    "<embed src=\"x\">",
    "<form><input value=\"x\"></form>",
    "<x onclick=\"alert(1)\" onload=x>",
    "<Listing number=\"1-1\" caption=\"a <b>\">",
    "</Listing>",
    "<svg><path d=\"M0\"/></svg>",
    "<h2>",
    "<ul><li>",
    "<a href=\"x",
    "<span class=\"a\"",
    "</",
    "<",
    ">",
    "&lt;",
    "&nbsp;",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "# ",
    "## ",
    "*",
    "**",
    "`",
    "```\n",
    "|a|b|\n|-|-|\n",
    "[l](#top)",
    "word ",
    "words and more ",
];

fn html_markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(HTML), 0..60).prop_map(|t| t.concat())
}

/// Builds `markdown` as the one chapter of a book in `dir` and returns the
/// EPUB's bytes, or `None` when the manuscript is refused (a broken link).
fn epub_of(dir: &Path, markdown: &str) -> Option<Vec<u8>> {
    std::fs::write(dir.join("ch.md"), format!("# Top {{#top}}\n\n{markdown}\n")).unwrap();
    let loaded = quire::load(dir).ok()?;
    Some(quire::epub::write(&loaded.book).expect("the EPUB builds"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_html_never_panics_and_the_xhtml_is_well_formed(markdown in html_markdown()) {
        let parsed = parse_file(&markdown);
        prop_assert!(serde_json::to_string(&parsed.blocks).is_ok());
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.toml"),
            "title = \"HTML\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\
             identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\ndate = \"2026-01-01\"\n\
             cover = \"a.png\"\n",
        )
        .unwrap();
        let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/torture/images/map.png");
        std::fs::copy(png, dir.path().join("a.png")).unwrap();
        let Some(epub) = epub_of(dir.path(), &markdown) else {
            return Ok(());
        };
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            if !file.name().ends_with(".xhtml") {
                continue;
            }
            let mut xhtml = String::new();
            std::io::Read::read_to_string(&mut file, &mut xhtml).unwrap();
            let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
            let document = match roxmltree::Document::parse_with_options(&xhtml, options) {
                Ok(document) => document,
                Err(e) => {
                    prop_assert!(false, "{} is not well-formed ({e}):\n{xhtml}", file.name());
                    unreachable!()
                }
            };
            // Nothing active in the markup (the text of code may show it, escaped).
            for node in document.descendants().filter(|n| n.is_element()) {
                let name = node.tag_name().name();
                prop_assert!(
                    !["script", "style", "iframe", "object", "embed", "form"].contains(&name),
                    "<{name}> in {}:\n{xhtml}", file.name()
                );
                for attribute in node.attributes() {
                    prop_assert!(!attribute.name().starts_with("on"), "{} in {}", attribute.name(), file.name());
                    prop_assert!(
                        !attribute.value().to_ascii_lowercase().contains("javascript:"),
                        "{} in {}", attribute.value(), file.name()
                    );
                }
            }
        }
    }
}
