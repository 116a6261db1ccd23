//! What the builder's stack holds: containers of blocks, lists, inline
//! content, code, tables, definition lists, HTML and front matter being
//! read.

use crate::model::{AlertKind, Alignment, Block, Definition, Inline, PhraseKind};

/// A frame that holds blocks.
#[derive(Debug)]
pub(in crate::parse) enum ContainerKind {
    Root,
    /// A block quote, or a GFM alert (`> [!NOTE]`).
    Quote(Option<AlertKind>),
    Item,
    Footnote(String),
    /// `<div id class>`.
    Division {
        id: Option<String>,
        classes: Vec<String>,
    },
    /// `<figure>`, with the `<figcaption>` once closed.
    Figure {
        caption: Vec<Inline>,
    },
    /// `<details>`, with the `<summary>` once closed.
    Details {
        summary: Vec<Inline>,
    },
    /// `<dd>`: one definition of the last term.
    Definition,
}

/// A frame that holds inline content: what it becomes once closed.
#[derive(Debug)]
pub(in crate::parse) enum InlineKind {
    Paragraph {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: String,
        classes: Vec<String>,
    },
    Emphasis,
    Strong,
    Link {
        destination: String,
        title: String,
        line: usize,
    },
    Image {
        src: Option<String>,
        title: String,
        line: usize,
    },
    Cell,
    /// An HTML phrase (`<kbd>`, `<span class>`…).
    Phrase {
        kind: PhraseKind,
        classes: Vec<String>,
        title: Option<String>,
    },
    /// HTML `<code>`: its text becomes inline code.
    Code,
    /// `<figcaption>`, `<summary>`, `<dt>`: given to the frame below.
    Caption,
    Summary,
    Term,
}

/// An open element on the builder's stack.
#[derive(Debug)]
pub(in crate::parse) enum Frame {
    Container {
        kind: ContainerKind,
        blocks: Vec<Block>,
    },
    List {
        start: Option<u64>,
        /// Cleared when an item opens a paragraph: pulldown-cmark gives
        /// paragraphs in loose lists only.
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Inlines {
        kind: InlineKind,
        content: Vec<Inline>,
    },
    Code {
        language: Option<String>,
        code: String,
        caption: Vec<Inline>,
    },
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        /// Every cell of the row is a header cell so far (HTML tables).
        head: bool,
    },
    /// A definition list: terms, each with its definitions.
    Definitions {
        items: Vec<Definition>,
    },
    Html {
        text: String,
        line: usize,
    },
    /// Front matter being read: YAML, or TOML when `toml`.
    Metadata {
        toml: bool,
        text: String,
        line: usize,
    },
}
