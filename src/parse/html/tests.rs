//! The HTML mapping, tag by tag, and what it does with hostile input.
use super::*;
use crate::model::{plain_text, Block, Definition, Image};
use crate::parse::tests::{blocks, para, parsed, text};

fn warnings(markdown: &str) -> Vec<String> {
    parsed(markdown)
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn phrase(kind: PhraseKind, classes: &[&str], content: Vec<Inline>) -> Inline {
    Inline::Phrase {
        kind,
        classes: classes.iter().map(|c| c.to_string()).collect(),
        title: None,
        content,
    }
}

#[test]
fn breaks_and_comments() {
    assert_eq!(
        blocks("a<br>b"),
        vec![para(vec![text("a"), Inline::HardBreak, text("b")])]
    );
    assert_eq!(
        blocks("<!-- a note\nover lines -->\n\ntext <!-- inline -->"),
        vec![para(vec![text("text")])]
    );
}

#[test]
fn the_tokenizer_decodes_and_lowercases() {
    assert_eq!(
        tokens("<SPAN Class=\"a\">x &amp; y</span>"),
        vec![
            HtmlToken::Open {
                name: "span".into(),
                attributes: [("class".to_string(), "a".to_string())].into()
            },
            HtmlToken::Text("x & y".into()),
            HtmlToken::Close {
                name: "span".into()
            },
        ]
    );
}

#[test]
fn phrases_keep_their_meaning_and_safe_classes() {
    assert_eq!(
        blocks("Press <kbd>Ctrl</kbd>, x<sup>2</sup> <span class=\"filename x$y\">f.rs</span> <em>e</em><b>b</b> <code>a &lt; b</code>"),
        vec![para(vec![
            text("Press "),
            phrase(PhraseKind::Keyboard, &[], vec![text("Ctrl")]),
            text(", x"),
            phrase(PhraseKind::Superscript, &[], vec![text("2")]),
            text(" "),
            phrase(PhraseKind::Span, &["filename"], vec![text("f.rs")]),
            text(" "),
            Inline::Emphasis { content: vec![text("e")] },
            Inline::Strong { content: vec![text("b")] },
            text(" "),
            Inline::Code { code: "a < b".into() },
        ])]
    );
    let abbr = blocks("<abbr title=\"Hypertext\">HTML</abbr>");
    let [Block::Paragraph { content }] = abbr.as_slice() else {
        panic!("{abbr:?}")
    };
    assert!(
        matches!(&content[0], Inline::Phrase { kind: PhraseKind::Abbreviation, title: Some(t), .. } if t == "Hypertext")
    );
}

#[test]
fn ids_on_terms_cells_captions_and_summaries_are_anchors() {
    let parsed = parsed(
        "<dl>\n<dt id=\"opt-v\"><code>-v</code></dt>\n<dd>Verbose.</dd>\n</dl>\n\n<table><tr><td id=\"cell\">x</td></tr></table>\n\n[see](#opt-v) [cell](#cell)",
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut anchors = Vec::new();
    crate::model::walk::inlines(&parsed.blocks, &mut |inline| {
        if let Inline::Anchor { id } = inline {
            anchors.push(id.clone());
        }
    });
    assert_eq!(anchors, ["opt-v", "cell"]);
}

#[test]
fn anchors_and_links() {
    let parsed =
        parsed("<a id=\"here\"></a>Text and <a name=\"n\" href=\"#here\" title=\"T\">back</a>.");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let [Block::Paragraph { content }] = parsed.blocks.as_slice() else {
        panic!("{:?}", parsed.blocks)
    };
    assert_eq!(content[0], Inline::Anchor { id: "here".into() });
    assert_eq!(content[2], Inline::Anchor { id: "n".into() });
    assert!(matches!(&content[3], Inline::Link { title: Some(t), .. } if t == "T"));
    assert_eq!(parsed.links[0].anchor.as_deref(), Some("here"));
}

#[test]
fn a_div_wraps_markdown() {
    assert_eq!(
        blocks("<div class=\"warning\" id=\"w\">\n\nSome **bold** words.\n\n- a list\n\n</div>\n\nAfter."),
        vec![
            Block::Division {
                id: Some("w".into()),
                classes: vec!["warning".into()],
                blocks: vec![
                    para(vec![
                        text("Some "),
                        Inline::Strong { content: vec![text("bold")] },
                        text(" words.")
                    ]),
                    Block::List {
                        start: None,
                        tight: true,
                        items: vec![vec![para(vec![text("a list")])]]
                    },
                ]
            },
            para(vec![text("After.")]),
        ]
    );
}

#[test]
fn unknown_elements_keep_their_content_with_one_warning_per_name() {
    let md = "<Listing number=\"1-1\" caption=\"A\">\n\n```rust\nfn x() {}\n```\n\n</Listing>\n\n<Listing>\n\nText.\n\n</Listing>\n";
    let parsed = parsed(md);
    assert!(parsed.errors.is_empty());
    assert!(matches!(parsed.blocks[0], Block::CodeBlock { .. }));
    assert_eq!(parsed.blocks[1], para(vec![text("Text.")]));
    assert_eq!(
        warnings(md),
        ["m/ch1.md:1: `<listing>` is not HTML quire knows: its tags are dropped and its content kept"]
    );
}

#[test]
fn active_content_is_dropped_with_warnings() {
    let md = "a <script>alert(1)</script>b\n\n<style>\np { color: red }\n</style>\n\n<a href=\"java\tscript:alert(1)\" onclick=\"x()\">click</a> <img src=\"data:image/png;base64,AAA\" alt=\"x\"> <iframe src=\"https://x.org\">inside</iframe>\n";
    let parsed = parsed(md);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let all: String = parsed
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { content } => plain_text(content),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join("|");
    assert_eq!(all, "a b|click");
    assert!(!format!("{:?}", parsed.blocks).contains("Link"));
    let warnings = warnings(md);
    assert_eq!(warnings.len(), 6, "{warnings:?}");
    assert!(warnings[0].contains("`<script>` is active content"));
    assert!(warnings
        .iter()
        .any(|w| w.contains("`onclick` attribute of `<a>`")));
    assert!(warnings.iter().any(|w| w.contains("`<iframe>`")));
}

#[test]
fn strict_html_makes_active_content_an_error_at_its_line() {
    let md = "Safe <em>words</em>.\n\na <script>alert(1)</script>b\n\n<a href=\"javascript:x()\">k</a> and <b onclick=\"y()\">c</b>\n";
    let cx = crate::parse::Context {
        file: "ch1.md",
        display_path: std::path::Path::new("m/ch1.md"),
        requires_title: false,
        strict_html: true,
        math: true,
        punctuation: Default::default(),
    };
    let strict = crate::parse::parse(md, cx);
    let errors: Vec<String> = strict.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("m/ch1.md:3:"), "{errors:?}");
    assert!(errors[0].contains("`<script>`") && errors[0].contains("strict-html"));
    assert!(errors[1].starts_with("m/ch1.md:5:") && errors[1].contains("javascript:x()"));
    assert!(errors[2].contains("`onclick`"));
    assert!(strict.warnings.is_empty(), "{:?}", strict.warnings);
    // The same text without the option: warnings, no error.
    let relaxed = parsed(md);
    assert!(relaxed.errors.is_empty());
    assert_eq!(relaxed.warnings.len(), 3);
}

#[test]
fn malformed_html_never_fails() {
    for md in [
        "<span>unclosed\n\n</span> stray",
        "<p>in <span>a span <p>nested</p> paragraph</span>",
        "</div></div></table><td>x</td><tr>",
        "<table><tr><td>a<td>b<tr><td>c</table>",
        "<dl><dd>no term</dd><dt>t<dt>u</dl>",
        "<figure><figcaption>only a caption</figure>",
        "- item <div>\n\n  more\n- next </div>",
        "<a href=\"x.md\"><a href=\"y.md\">nested</a></a>",
        "<pre><code>x</code>",
        "<details><summary>s",
        "> <div>\n> quoted\n\nout</div>",
    ] {
        let parsed = parsed(md);
        let html_errors: Vec<_> = parsed
            .errors
            .iter()
            .filter(|e| !e.to_string().contains("broken internal link"))
            .collect();
        assert!(html_errors.is_empty(), "{md}: {html_errors:?}");
    }
}

#[test]
fn figures_details_tables_lists_and_pre() {
    let figure = blocks("<figure>\n<img src=\"a.png\" alt=\"A\" width=\"300\">\n<figcaption>The <em>cap</em></figcaption>\n</figure>");
    assert_eq!(
        figure,
        vec![Block::Figure {
            image: Image {
                src: "a.png".into(),
                alt: "A".into(),
                width: Some(300)
            },
            caption: vec![
                text("The "),
                Inline::Emphasis {
                    content: vec![text("cap")]
                }
            ],
        }]
    );
    assert_eq!(
        blocks("<details>\n<summary>More</summary>\n\nHidden.\n\n</details>"),
        vec![Block::Details {
            summary: vec![text("More")],
            blocks: vec![para(vec![text("Hidden.")])]
        }]
    );
    assert_eq!(
        blocks("<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tr><td>1</td><td><i>2</i></td></tr>\n</table>"),
        vec![Block::Table {
            alignments: vec![],
            header: vec![vec![text("a")], vec![text("b")]],
            rows: vec![vec![vec![text("1")], vec![Inline::Emphasis { content: vec![text("2")] }]]],
        }]
    );
    assert_eq!(
        blocks("<dl>\n<dt>Term</dt>\n<dd>Its meaning.</dd>\n</dl>"),
        vec![Block::DefinitionList {
            items: vec![Definition {
                term: vec![text("Term")],
                definitions: vec![vec![para(vec![text("Its meaning.")])]],
            }]
        }]
    );
    assert_eq!(
        blocks("<pre>\nline 1\n  <b>x</b> &lt;\n</pre>\n\n<hr>"),
        vec![
            Block::CodeBlock {
                language: None,
                code: "line 1\n  x <\n".into(),
                highlight: Vec::new(),
                caption: vec![],
            },
            Block::ThematicBreak
        ]
    );
}

#[test]
fn headings_lists_and_quotes_keep_their_meaning() {
    let md = "<h2 id=\"start\">Opening</h2>\n\nText.\n\n<h3 class=\"x\">Part <em>one</em></h3>\n<ul>\n  <li>first\n  <li>second</li>\n</ul>\n<ol start=\"3\"><li>three</li></ol>\n<blockquote><p>Said.</p></blockquote>\n";
    let parsed = parsed(md);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let shapes: Vec<String> = parsed
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading {
                level, id, content, ..
            } => {
                format!("h{level}#{id}:{}", plain_text(content))
            }
            Block::Paragraph { content } => format!("p:{}", plain_text(content)),
            Block::List { start, items, .. } => format!("list{start:?}:{}", items.len()),
            Block::BlockQuote { blocks } => format!("quote:{}", blocks.len()),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        shapes,
        [
            "h2#start:Opening",
            "p:Text.",
            "h3#:Part one",
            "list None:2",
            "listSome(3):1",
            "quote:1"
        ]
        .map(|s| s.replace("list ", "list"))
    );
    let Block::List { items, .. } = &parsed.blocks[3] else {
        unreachable!()
    };
    assert_eq!(items[0], vec![para(vec![text("first")])]);
}

#[test]
fn an_html_heading_may_be_the_title_and_messages_name_the_tags_line() {
    let cx = crate::parse::Context {
        file: "ch1.md",
        display_path: std::path::Path::new("m/ch1.md"),
        requires_title: true,
        strict_html: false,
        math: true,
        punctuation: Default::default(),
    };
    let md = "<h1 id=\"top\">The Title</h1>\n\n<div>\n<p>one</p>\n<center>two</center>\n<img src=\"x.png\">\n</div>\n";
    let parsed = crate::parse::parse(md, cx);
    let title = parsed.title.expect("a title");
    assert_eq!(plain_text(&title), "The Title");
    assert_eq!(title[0], Inline::Anchor { id: "top".into() });
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("m/ch1.md:5:") && w.contains("<center>")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("m/ch1.md:6:") && w.contains("alternative text")),
        "{warnings:?}"
    );
}
