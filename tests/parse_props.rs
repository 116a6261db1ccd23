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
