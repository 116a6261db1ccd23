//! Property tests for the Markdown parser: whatever an author types, parsing
//! ends in a model or in located errors, never in a panic, and the model it
//! gives keeps its invariants.

use proptest::prelude::*;
use quire::model::{plain_text, walk, Block, Inline};
use quire::parse::{parse, Context};
use std::collections::BTreeMap;
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
];

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

fn run(text: &str) -> Result<quire::parse::Parsed, quire::Errors> {
    let files: BTreeMap<String, String> = [
        ("ch.md".to_string(), "ch".to_string()),
        ("other.md".to_string(), "other".to_string()),
    ]
    .into();
    let cx = Context {
        file: "ch.md",
        display_path: Path::new("ch.md"),
        chapter_id: "ch",
        files: &files,
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
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    let location = e.location.as_ref().expect("parser errors have a location");
                    prop_assert!(location.line.is_some_and(|l| l >= 1 && l <= text.lines().count().max(1) + 1));
                }
            }
        }
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
