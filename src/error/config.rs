//! What can be wrong in a book's configuration and plan: `book.toml` (quire's
//! or an mdBook's), a pandoc book's metadata, the files the book lists.

/// A problem with the book's configuration or the files it lists (the
/// key-by-key problems of `book.toml` have their own kinds in
/// [`ErrorKind`](super::ErrorKind)).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `book.toml` is not TOML.
    #[error("not valid TOML: {reason}")]
    TomlSyntax {
        /// The TOML reader's message.
        reason: String,
    },
    /// A key that must hold a table holds something else.
    #[error("`{name}` must be a table: write `[{name}]` on a line of its own, then its keys")]
    NotATable {
        /// The key's name.
        name: String,
    },
    /// `quire init` would overwrite a file.
    #[error(
        "already exists: `quire init` never overwrites a file; choose an empty folder{}",
        if *.holds_book { " (this one already holds a book)" } else { "" }
    )]
    AlreadyExists {
        /// The file is a `book.toml`.
        holds_book: bool,
    },
    /// The manuscript named is a file that is not Markdown.
    #[error(
        "not a manuscript: name a folder, or a pandoc-style Markdown file (`.md`, `.markdown`)"
    )]
    NotAManuscript,
    /// A listed file that is not a `.md` file inside the book.
    #[error("`{file}` must be a `.md` file inside the {folder} folder")]
    NotMarkdownInside {
        /// The file as listed.
        file: String,
        /// What the folder is called (`manuscript`, `book`).
        folder: &'static str,
    },
    /// A listed path that is a folder or something else but a file.
    #[error("`{file}` is not a file")]
    NotAFile {
        /// The file as listed.
        file: String,
    },
    /// A listed file that does not exist.
    #[error("`{file}` is listed but does not exist")]
    ListedMissing {
        /// The file as listed.
        file: String,
    },
    /// A file listed twice.
    #[error(
        "`{file}` is listed twice{}",
        .first_line.map(|l| format!(" (first on line {l})")).unwrap_or_default()
    )]
    ListedTwice {
        /// The file as listed.
        file: String,
        /// Where it was listed first, when known.
        first_line: Option<usize>,
    },
    /// The book has no chapter.
    #[error("the manuscript has no chapters (no `.md` files besides front matter, appendices, FAQ and notes such as README.md)")]
    NoChapters,
    /// An mdBook's `SUMMARY.md` lists no numbered chapter.
    #[error("the summary lists no numbered chapter (`- [Title](file.md)`)")]
    NoNumberedChapter,
    /// A pandoc-style folder without Markdown files.
    #[error("the folder has no `.md` files to read")]
    NoMarkdownFiles,
    /// A YAML metadata block that is not YAML.
    #[error("the YAML metadata block cannot be read: {reason}")]
    YamlSyntax {
        /// The YAML reader's message.
        reason: String,
    },
    /// A YAML metadata block that is not a map.
    #[error("a YAML metadata block must be a map of keys (`title: …`)")]
    YamlNotAMap,
    /// An order key in an mdBook's `[quire]` table, where SUMMARY.md rules.
    #[error("`{key}` cannot be set for an mdBook: SUMMARY.md gives the order of the book; delete the line")]
    OrderKeyInMdBook {
        /// The key's name.
        key: &'static str,
    },
    /// A value of an mdBook's `book.toml` quire cannot use.
    #[error("`{key}` in [{table}] must be {expected}")]
    MdBookValue {
        /// The table (`book`, `output.html`).
        table: String,
        /// The key's name.
        key: String,
        /// What it must be (and what it is).
        expected: String,
    },
}
