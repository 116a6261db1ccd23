//! The keys `book.toml` knows: name, TOML type, whether required, and how
//! to write each, so that every message can say what to write instead.

/// The TOML type a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A string.
    Text,
    /// An array of strings.
    List,
    /// An integer.
    Number,
    /// `true` or `false`.
    Bool,
    /// An array of tables (`[[resources]]`).
    Tables,
    /// A table (`[code]`, `[fonts]`).
    Table,
}

/// One key `book.toml` knows: its name, type, and how to write it.
#[derive(Debug)]
pub(super) struct Key {
    /// The key as written (kebab-case).
    pub(super) name: &'static str,
    pub(super) shape: Shape,
    pub(super) required: bool,
    /// What the value must be, as a phrase ("a list of names").
    pub(super) expected: &'static str,
    /// A right-hand side to show in messages (`["Ann Author"]`).
    pub(super) example: &'static str,
}

pub(super) const fn key(
    name: &'static str,
    shape: Shape,
    required: bool,
    expected: &'static str,
    example: &'static str,
) -> Key {
    Key {
        name,
        shape,
        required,
        expected,
        example,
    }
}

pub(super) const TITLE: Key = key(
    "title",
    Shape::Text,
    true,
    "the title in quotes",
    "\"The Book's Title\"",
);
pub(super) const SUBTITLE: Key = key(
    "subtitle",
    Shape::Text,
    false,
    "the subtitle in quotes",
    "\"A Subtitle\"",
);
pub(super) const AUTHORS: Key = key(
    "authors",
    Shape::List,
    true,
    "a list of names",
    "[\"Ann Author\"]",
);
pub(super) const LANGUAGE: Key = key(
    "language",
    Shape::Text,
    true,
    "a BCP 47 language tag in quotes",
    "\"en\"",
);
pub(super) const IDENTIFIER: Key = key(
    "identifier",
    Shape::Text,
    true,
    "a unique identifier in quotes (`urn:uuid:` and a UUID from `uuidgen`, or `urn:isbn:` and the ISBN)",
    "\"urn:uuid:…\"",
);
pub(super) const DATE: Key = key(
    "date",
    Shape::Text,
    true,
    "the publication date, YYYY-MM-DD",
    "\"2026-11-27\"",
);
pub(super) const DESCRIPTION: Key = key(
    "description",
    Shape::Text,
    false,
    "a blurb in quotes",
    "\"What the book is about.\"",
);
pub(super) const SUBJECTS: Key = key(
    "subjects",
    Shape::List,
    false,
    "a list of subject headings",
    "[\"History\"]",
);
pub(super) const RIGHTS: Key = key(
    "rights",
    Shape::Text,
    false,
    "a copyright or licence statement in quotes",
    "\"© 2026 Ann Author\"",
);
pub(super) const PUBLISHER: Key = key(
    "publisher",
    Shape::Text,
    false,
    "the publisher's name in quotes",
    "\"Ann's Press\"",
);
pub(super) const COVER: Key = key(
    "cover",
    Shape::Text,
    false,
    "an image path in quotes",
    "\"images/cover.png\"",
);
pub(super) const TOC_DEPTH: Key = key(
    "toc-depth",
    Shape::Number,
    false,
    "a whole number from 1 to 6, without quotes",
    "2",
);
pub(super) const MATH: Key = key(
    "math",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "false",
);
pub(super) const STRICT_HTML: Key = key(
    "strict-html",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "true",
);
pub(super) const TRIM_SIZE: Key = key(
    "trim-size",
    Shape::Text,
    false,
    "a page size in quotes",
    "\"6x9in\"",
);
pub(super) const FRONT_MATTER: Key = key(
    "front-matter",
    Shape::List,
    false,
    "a list of file names",
    "[\"preface.md\"]",
);
pub(super) const CHAPTERS: Key = key(
    "chapters",
    Shape::List,
    false,
    "a list of file names",
    "[\"01-first.md\", \"02-second.md\"]",
);
pub(super) const APPENDICES: Key = key(
    "appendices",
    Shape::List,
    false,
    "a list of file names",
    "[\"appendix.md\"]",
);
pub(super) const FAQ: Key = key(
    "faq",
    Shape::Text,
    false,
    "a file name in quotes",
    "\"faq.md\"",
);
pub(super) const RESOURCES: Key = key(
    "resources",
    Shape::Tables,
    false,
    "tables, each opened by a `[[resources]]` line",
    "[[resources]]",
);

pub(super) const FONTS: Key = key(
    "fonts",
    Shape::Table,
    false,
    "a table opened by a `[fonts]` line",
    "[fonts]",
);

pub(super) const EPUB: Key = key(
    "epub",
    Shape::Table,
    false,
    "a table, opened by an `[epub]` line",
    "[epub]",
);

pub(super) const CODE: Key = key(
    "code",
    Shape::Table,
    false,
    "a table, opened by a `[code]` line",
    "[code]",
);

/// Every key of `book.toml`, in the README's order.
pub(super) const BOOK_KEYS: &[Key] = &[
    TITLE,
    SUBTITLE,
    AUTHORS,
    LANGUAGE,
    IDENTIFIER,
    DATE,
    DESCRIPTION,
    SUBJECTS,
    RIGHTS,
    PUBLISHER,
    COVER,
    TOC_DEPTH,
    TRIM_SIZE,
    STRICT_HTML,
    MATH,
    FRONT_MATTER,
    CHAPTERS,
    APPENDICES,
    FAQ,
    CODE,
    RESOURCES,
    FONTS,
    EPUB,
    super::print::PRINT,
    super::pdf::BOOK_THEME,
    super::pdf::PDF,
    super::labels::LABELS,
];

pub(super) const RESOURCE_TITLE: Key = key(
    "title",
    Shape::Text,
    true,
    "the resource's name in quotes",
    "\"Internet Archive\"",
);
pub(super) const URL: Key = key(
    "url",
    Shape::Text,
    true,
    "an address in quotes",
    "\"https://example.org/\"",
);
pub(super) const RESOURCE_DESCRIPTION: Key = key(
    "description",
    Shape::Text,
    false,
    "one line in quotes",
    "\"What it offers\"",
);
pub(super) const GROUP: Key = key(
    "group",
    Shape::Text,
    false,
    "a heading in quotes",
    "\"Further reading\"",
);

/// Every key of a `[[resources]]` table.
pub(super) const RESOURCE_KEYS: &[Key] = &[RESOURCE_TITLE, URL, RESOURCE_DESCRIPTION, GROUP];

pub(super) const HIGHLIGHT: Key = key(
    "highlight",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "true",
);
pub(super) const THEME: Key = key(
    "theme",
    Shape::Text,
    false,
    "a theme's name in quotes",
    "\"quire\"",
);
pub(super) const LANGUAGES: Key = key(
    "languages",
    Shape::List,
    false,
    "a list of language names",
    "[\"rust\", \"toml\"]",
);

/// Every key of the `[code]` table.
pub(super) const CODE_KEYS: &[Key] = &[HIGHLIGHT, THEME, LANGUAGES];

/// The known key closest to a misspelled `written` one, if any is close:
/// a few edits away (`titel`, `toc_depth`, `Author`) or a prefix (`lang`).
pub(super) fn closest_key(written: &str, keys: &[Key]) -> Option<&'static str> {
    let normal = written.to_lowercase().replace('_', "-");
    crate::hint::closest(&normal, keys.iter().map(|k| k.name))
}
