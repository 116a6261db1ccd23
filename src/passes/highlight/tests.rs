use super::*;
use crate::config::CodeConfig;
use std::collections::BTreeMap;
use std::path::Path;

const RUST: &str = "// greet\nfn main() {\n    let s = \"hi\";\n}\n";

fn run_on(blocks: Vec<Block>, code: &CodeConfig) -> (Book, Vec<Warning>) {
    let mut book = crate::epub::tests::book();
    book.chapters[0].blocks = blocks;
    let source = book.chapters[0].source.clone();
    let files = BTreeMap::new();
    let sources = BTreeMap::from([(source, "# T\n\n```rsut\nx\n```\n".to_string())]);
    let mut cx = PassContext {
        dir: Path::new("m"),
        files: &files,
        links: Vec::new(),
        resources: &[],
        code,
        labels: &Default::default(),
        sources: &sources,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    run(&mut book, &mut cx);
    assert!(cx.errors.is_empty());
    (book, cx.warnings)
}

fn code_block(language: Option<&str>, code: &str) -> Block {
    Block::CodeBlock {
        language: language.map(str::to_string),
        code: code.to_string(),
        highlight: Vec::new(),
        caption: Vec::new(),
    }
}

fn tokens_of(book: &Book) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    walk::part_blocks(&book.chapters[0], &mut |b| {
        if let Block::CodeBlock { highlight, .. } = b {
            out.push(highlight.clone());
        }
    });
    out
}

/// The text of each token with its ink.
fn styled<'a>(code: &'a str, tokens: &[Token]) -> Vec<(&'a str, Ink)> {
    tokens
        .iter()
        .map(|t| (&code[t.start..t.end], t.ink))
        .collect()
}

#[test]
fn a_rust_snippet_has_its_keyword_string_and_comment_styled() {
    let (book, warnings) = run_on(vec![code_block(Some("rust"), RUST)], &CodeConfig::default());
    assert!(warnings.is_empty());
    let tokens = &tokens_of(&book)[0];
    let styled = styled(RUST, tokens);
    let ink_of = |text: &str| {
        styled
            .iter()
            .find(|(t, _)| *t == text)
            .map(|(_, ink)| *ink)
            .unwrap_or_else(|| panic!("no token `{text}` in {styled:?}"))
    };
    let comment = ink_of("// greet");
    assert!(comment.italic, "{comment:?}");
    let keyword = ink_of("fn");
    assert_eq!(ink_of("let"), keyword);
    let string = ink_of("\"hi\"");
    assert_ne!(keyword, string);
    assert_ne!(keyword, comment);
    assert_ne!(string, Ink::default());
    // Tokens are in order, apart, and hold no line break.
    for pair in tokens.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
    assert!(styled.iter().all(|(t, _)| !t.contains('\n')));
}

#[test]
fn the_info_string_names_the_language_by_name_or_extension() {
    for info in ["rust,ignore", "rs", "{.rust}", "language-rust", "Rust"] {
        let (book, _) = run_on(vec![code_block(Some(info), RUST)], &CodeConfig::default());
        assert!(!tokens_of(&book)[0].is_empty(), "{info}");
    }
}

#[test]
fn an_unknown_language_is_plain_with_one_warning_for_the_book() {
    let blocks = vec![
        code_block(Some("rsut"), "fn x() {}\n"),
        code_block(Some("rsut"), "fn y() {}\n"),
        code_block(Some("text"), "plain\n"),
        code_block(None, "fn z() {}\n"),
    ];
    let (book, warnings) = run_on(blocks, &CodeConfig::default());
    assert!(tokens_of(&book).iter().all(Vec::is_empty));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("`rsut`"));
    // At the fence that names it.
    assert_eq!(warnings[0].location.line, Some(3));
}

#[test]
fn highlight_off_or_a_language_left_out_is_plain() {
    let off = CodeConfig {
        highlight: false,
        ..CodeConfig::default()
    };
    let (book, _) = run_on(vec![code_block(Some("rust"), RUST)], &off);
    assert!(tokens_of(&book)[0].is_empty());
    let only_toml = CodeConfig {
        languages: Some(vec!["toml".into()]),
        ..CodeConfig::default()
    };
    let blocks = vec![
        code_block(Some("rust"), RUST),
        code_block(Some("toml"), "[code]\nhighlight = true\n"),
    ];
    let (book, warnings) = run_on(blocks, &only_toml);
    let tokens = tokens_of(&book);
    assert!(tokens[0].is_empty());
    assert!(!tokens[1].is_empty());
    assert!(warnings.is_empty());
}

#[test]
fn the_same_code_gives_the_same_tokens() {
    let theme = themes::theme("quire");
    let rust = syntax("rust").expect("rust");
    assert_eq!(tokens(RUST, rust, &theme), tokens(RUST, rust, &theme));
}

#[test]
fn the_languages_real_books_use_are_known() {
    for name in [
        "rust",
        "toml",
        "sh",
        "bash",
        "json",
        "yaml",
        "python",
        "js",
        "ts",
        "c",
        "cpp",
        "html",
        "css",
        "sql",
        "go",
        "java",
        "diff",
        "xml",
        "dockerfile",
        "makefile",
        "kotlin",
        "swift",
        "ruby",
        "php",
        "cs",
    ] {
        assert!(knows(name), "{name}");
    }
    assert!(!knows("rsut"));
}
