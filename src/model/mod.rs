//! The document model: one owned tree that every back end reads.
//!
//! The manuscript is parsed once into a [`Book`]; the passes in
//! [`crate::passes`] then add the generated matter (table of contents, FAQ
//! appendix, resources page) to the same tree. Back ends never parse Markdown
//! and never touch the file system: everything they need is here, including
//! the bytes of every image.
//!
//! The tree serialises to JSON (`quire model`), so its shape is part of the
//! public interface: fields are named, enums are tagged with `"type"`.

mod code;
pub mod date;
pub mod design;
mod faces;
mod matter;
pub mod pagination;
pub mod print;
mod text;
pub mod walk;

pub use code::{inks_per_byte, Ink, Rgb, Token};
pub use faces::{AuthorCss, EpubSettings, Faces};
pub use matter::{fill, Labels, Matter, Span};
pub use pagination::Pagination;
pub use text::{has_no_words, plain_text};

use serde::Serialize;
use std::collections::BTreeMap;

/// A whole book: metadata, settings, the parts in reading order, and the
/// generated matter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Book {
    /// Who wrote it, what it is called, and the rest of the bibliographic record.
    pub metadata: Metadata,
    /// Layout settings from `book.toml` that the back ends honour.
    pub settings: Settings,
    /// Pages before the first chapter (summary, preface, foreword), in order.
    pub front_matter: Vec<Chapter>,
    /// The numbered body of the book, in reading order.
    pub chapters: Vec<Chapter>,
    /// Pages after the body: author appendices, then the generated FAQ
    /// appendix and resources page.
    pub appendices: Vec<Chapter>,
    /// The generated table of contents (filled in by [`crate::passes::toc`]).
    pub toc: Vec<TocEntry>,
    /// The words quire generates: labels, title and copyright pages (filled
    /// in by [`crate::passes::matter`]).
    pub matter: Matter,
    /// Every image the book uses (cover included), keyed by its path relative
    /// to the manuscript folder, as written in [`Image::src`].
    pub images: BTreeMap<String, ImageAsset>,
    /// The author's fallback fonts (`[fonts] fallback`), in the order they
    /// are tried for text the shipped faces lack.
    pub fonts: Vec<FontAsset>,
    /// The author's own faces (`[fonts] body`, `mono`…) and figures.
    pub faces: Faces,
    /// Where each image (by key) is first used, for messages about it
    /// from the back ends (a print image's resolution).
    #[serde(skip)]
    pub image_uses: BTreeMap<String, crate::Location>,
    /// The print edition's pages, when the pipeline has laid the book out
    /// for a back end that marks them (the EPUB's page-list); see
    /// [`pagination`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

/// A font file the author gave in `book.toml`, read and checked by the load
/// stage; both back ends embed it (subset) where the text uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FontAsset {
    /// The path as written, relative to the manuscript folder.
    pub path: String,
    /// The family name from its naming table, as CSS names it.
    pub family: String,
    /// Whether its outlines are CFF (an `.otf` with a `CFF ` table) rather
    /// than TrueType.
    pub cff: bool,
    /// The whole file (of a collection, `.ttc`, the first face is used).
    #[serde(skip)]
    pub data: std::sync::Arc<[u8]>,
}

impl Book {
    /// Every part of the book in reading order: front matter, chapters, appendices.
    pub fn parts(&self) -> impl Iterator<Item = &Chapter> {
        self.front_matter
            .iter()
            .chain(&self.chapters)
            .chain(&self.appendices)
    }

    /// Mutable access to every part, in reading order.
    pub fn parts_mut(&mut self) -> impl Iterator<Item = &mut Chapter> {
        self.front_matter
            .iter_mut()
            .chain(&mut self.chapters)
            .chain(&mut self.appendices)
    }

    /// The part with this id, if there is one.
    pub fn part(&self, id: &str) -> Option<&Chapter> {
        self.parts().find(|c| c.id == id)
    }
}

/// The bibliographic record of a book, from `book.toml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    /// The title, as printed on the cover and title page.
    pub title: String,
    /// An optional subtitle.
    pub subtitle: Option<String>,
    /// The authors, in the order they are credited.
    pub authors: Vec<String>,
    /// BCP 47 language tag of the text (`en`, `en-GB`, `de`).
    pub language: String,
    /// A stable unique identifier (`urn:uuid:…`, `urn:isbn:…`).
    pub identifier: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// A short description of the book (blurb).
    pub description: Option<String>,
    /// Subject headings or keywords.
    pub subjects: Vec<String>,
    /// The copyright or licence statement.
    pub rights: Option<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
    /// The cover image: a key of [`Book::images`], or `None` when quire
    /// should draw a typographic cover.
    pub cover: Option<String>,
    /// When the book was last modified, as seconds since the Unix epoch:
    /// `SOURCE_DATE_EPOCH` when set, otherwise the newest manuscript file.
    pub modified: i64,
}

/// Layout settings that back ends honour.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// How many heading levels the table of contents lists (1 = chapters only).
    pub toc_depth: u8,
    /// The trimmed page size of the printed book.
    pub trim: PageSize,
    /// The EPUB's settings (`[epub]`).
    pub epub: EpubSettings,
    /// The print edition: bleed, printer, paper (`[print]`).
    pub print: print::Print,
    /// The theme and the `[pdf]` settings, resolved.
    pub design: design::Design,
}

/// A page size in PostScript points (1/72 in).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageSize {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
}

/// Which part of the book a [`Chapter`] belongs to, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterKind {
    /// Front matter written by the author (summary, preface, foreword).
    FrontMatter,
    /// A numbered chapter of the body.
    Chapter,
    /// A part title in the body, opening the chapters that follow it: its
    /// title alone, on a page of its own (not numbered).
    Part,
    /// An appendix written by the author.
    Appendix,
    /// The generated "Frequently Asked Questions" appendix.
    Faq,
    /// The generated resources page listing every external source.
    Resources,
}

/// One unit of the book that starts on its own page (and its own EPUB file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chapter {
    /// Stable id, unique in the book: used for EPUB file names, PDF
    /// destinations and every internal link.
    pub id: String,
    /// What kind of part this is.
    pub kind: ChapterKind,
    /// The chapter number, for [`ChapterKind::Chapter`] of depth 0 only (1-based).
    pub number: Option<u32>,
    /// How deep the part nests: 0 for a part of the book, 1 for a
    /// sub-chapter of the last part of depth 0 before it, 2 below that, and
    /// so on. A nested part is listed under its parent in the contents; in
    /// print it runs on after its parent, its title set as a section heading.
    pub depth: u8,
    /// The title, from the file's first heading (any level) or its front
    /// matter; an [`Inline::Anchor`] in it is an anchor at the part's start.
    pub title: Vec<Inline>,
    /// The source file, relative to the manuscript folder (empty for
    /// generated parts).
    pub source: String,
    /// The body, without the title heading.
    pub blocks: Vec<Block>,
    /// Footnotes referenced from the body, in order of first reference.
    pub footnotes: Vec<Footnote>,
}

impl Chapter {
    /// The title as plain text, for running heads, navigation and metadata.
    pub fn title_text(&self) -> String {
        plain_text(&self.title)
    }
}

/// A footnote's body, referenced by [`Inline::FootnoteRef`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    /// Id unique within the chapter (`fn-LABEL`); the reference's id is `fnref-LABEL`.
    pub id: String,
    /// The 1-based number shown at the reference and before the note.
    pub number: u32,
    /// The footnote's content.
    pub blocks: Vec<Block>,
}

/// Block-level content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A section heading inside a chapter (level 2–6; level 1 is the chapter title).
    Heading {
        /// 2 to 6.
        level: u8,
        /// Anchor id, unique within the chapter.
        id: String,
        /// Class names from its attributes (`## Title {.aside}`), kept in the EPUB.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        classes: Vec<String>,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text.
        content: Vec<Inline>,
    },
    /// A quotation set off from the text.
    BlockQuote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// A GFM alert (`> [!NOTE]`): an aside, labelled by its kind.
    Alert {
        /// Which alert.
        kind: AlertKind,
        /// What it says.
        blocks: Vec<Block>,
    },
    /// A bulleted or numbered list; items may nest further lists.
    List {
        /// `Some(first number)` for a numbered list, `None` for bullets.
        start: Option<u64>,
        /// A tight list: no blank line between its items, so their text is
        /// set without paragraph spacing.
        tight: bool,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// Preformatted code, set in monospace and never reflowed.
    CodeBlock {
        /// The info string's language, if given.
        language: Option<String>,
        /// The code, with its line breaks.
        code: String,
        /// Its highlighted tokens, in order (the highlight pass); empty when
        /// it is set plain.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        highlight: Vec<Token>,
        /// The listing's caption or file name (a fence's `title="…"`, or
        /// mdBook's `<span class="filename">` line before the code); empty
        /// when there is none.
        caption: Vec<Inline>,
    },
    /// A scene break (`---`).
    ThematicBreak,
    /// An image standing alone in its paragraph, with an optional caption
    /// (the image's Markdown title: `![alt](src "caption")`).
    Figure {
        /// The image.
        image: Image,
        /// The caption; empty when there is none.
        caption: Vec<Inline>,
    },
    /// A division the author marked up in HTML (`<div id class>`): its
    /// classes are kept in the EPUB; the PDF sets its blocks as usual.
    Division {
        /// The `id`, an anchor for links, if given.
        id: Option<String>,
        /// The class names, each made of letters, digits, `-` and `_`.
        classes: Vec<String>,
        /// What it holds.
        blocks: Vec<Block>,
    },
    /// A disclosure (`<details>`): a summary line, then what it discloses
    /// (always shown in print).
    Details {
        /// The `<summary>`; empty when there is none.
        summary: Vec<Inline>,
        /// What it holds.
        blocks: Vec<Block>,
    },
    /// Terms and their definitions (`<dl>`).
    DefinitionList {
        /// The entries, in order.
        items: Vec<Definition>,
    },
    /// A table with a header row (its cells may be none).
    Table {
        /// Column alignments, one per column.
        alignments: Vec<Alignment>,
        /// The header cells.
        header: Vec<Vec<Inline>>,
        /// The body rows, each a list of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

/// The kinds of GFM alerts, in the order of [`Labels::alerts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertKind {
    /// `[!NOTE]`: worth knowing.
    Note,
    /// `[!TIP]`: a better way.
    Tip,
    /// `[!IMPORTANT]`: needed to succeed.
    Important,
    /// `[!WARNING]`: needs attention at once.
    Warning,
    /// `[!CAUTION]`: risky.
    Caution,
}

/// One term of a [`Block::DefinitionList`] with its definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    /// The term defined.
    pub term: Vec<Inline>,
    /// Its definitions, each a list of blocks.
    pub definitions: Vec<Vec<Block>>,
}

/// What kind of phrase an [`Inline::Phrase`] is: each has its HTML
/// element in the EPUB and a rendering of its own (or none) in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhraseKind {
    /// `<span class>`: no meaning of its own, neutral in print.
    Span,
    /// `<kbd>`: keys to press, monospace.
    Keyboard,
    /// `<small>`: side comments, smaller type.
    Small,
    /// `<mark>`: highlighted.
    Mark,
    /// `<ins>`: inserted text.
    Inserted,
    /// `<u>`: an unarticulated annotation.
    Underline,
    /// `<abbr title>`: an abbreviation.
    Abbreviation,
    /// `<q>`: a quotation, set between quotation marks.
    Quotation,
    /// `<cite>`: the title of a work, italic.
    Citation,
    /// `~~struck~~`, `<s>`, `<del>`: no longer accurate, struck through.
    Strikethrough,
    /// `^sup^`, `<sup>`: raised.
    Superscript,
    /// `~sub~`, `<sub>`: lowered.
    Subscript,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alignment {
    /// No alignment given: the back end's default (start).
    None,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// An image reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    /// Path relative to the manuscript folder; a key of [`Book::images`].
    pub src: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: String,
    /// The width the author asked for, in CSS pixels (`<img width="300">`;
    /// 96 to the inch): the EPUB's `width`, and in the PDF the figure's
    /// width at 96 px/in, never wider than the text block. `None`: the
    /// image's own size (a figure fills the measure, as before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
}

/// A decoded-and-checked image file, ready for a back end to embed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageAsset {
    /// `image/png`, `image/jpeg` or `image/svg+xml` ([`SVG`]).
    pub media_type: String,
    /// Width in pixels (for an SVG, its width in CSS pixels, rounded up).
    pub width: u32,
    /// Height in pixels (for an SVG, as its width).
    pub height: u32,
    /// The bytes to embed: a PNG or JPEG file as read from the manuscript;
    /// a GIF or WebP converted to PNG (its first frame); an SVG as written
    /// again by usvg, with its text as paths and nothing that refers
    /// outside it.
    #[serde(skip)]
    pub data: Vec<u8>,
}

/// The media type of an SVG [`ImageAsset`].
pub const SVG: &str = "image/svg+xml";

impl ImageAsset {
    /// Whether the image is an SVG (vectors, not pixels).
    pub fn is_svg(&self) -> bool {
        self.media_type == SVG
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LinkTarget {
    /// A URL outside the book (`https:`, `mailto:`, …).
    External {
        /// The URL, as written.
        url: String,
    },
    /// A place inside the book, checked to exist.
    Internal {
        /// The [`Chapter::id`] of the target part. The parser, which knows
        /// one file only, writes the target file here (relative to the
        /// manuscript folder); the links pass replaces it with the part's id.
        /// Every book [`crate::load`] returns has ids only.
        chapter: String,
        /// A heading or footnote id inside it; `None` for the part's start.
        anchor: Option<String>,
    },
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    /// Plain text (already smart-punctuated).
    Text {
        /// The characters.
        text: String,
    },
    /// Emphasised text (italic).
    Emphasis {
        /// The emphasised content.
        content: Vec<Inline>,
    },
    /// Strongly emphasised text (bold).
    Strong {
        /// The strong content.
        content: Vec<Inline>,
    },
    /// Inline code, set in monospace.
    Code {
        /// The code.
        code: String,
    },
    /// A hyperlink.
    Link {
        /// Where it goes.
        target: LinkTarget,
        /// The advisory title (`[text](url "title")`), if given.
        title: Option<String>,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image inside running text.
    Image {
        /// The image.
        image: Image,
    },
    /// A reference to a footnote of the same chapter.
    FootnoteRef {
        /// The [`Footnote::id`] it points to.
        id: String,
        /// The number to print.
        number: u32,
    },
    /// A line break the author asked for.
    HardBreak,
    /// A task list item's box (`- [x] done`), ticked or not.
    Task {
        /// Whether the task is done.
        done: bool,
    },
    /// A phrase marked up in HTML or an extension (`<kbd>`, `~~x~~`, `<span class>`).
    Phrase {
        /// What it is.
        kind: PhraseKind,
        /// Class names, kept in the EPUB (letters, digits, `-`, `_`).
        classes: Vec<String>,
        /// An advisory title (`<abbr title>`), if given.
        title: Option<String>,
        /// Its content.
        content: Vec<Inline>,
    },
    /// A place links can point at (`<a id="…">`, `{#id}` on a title):
    /// nothing is shown.
    Anchor {
        /// The id, unique within the part (see [`crate::passes::ids`]).
        id: String,
    },
    /// A formula in TeX notation (`$…$`, `$$…$$`), checked when the
    /// Markdown was read (see [`crate::math`]).
    Math {
        /// The TeX source between the dollars.
        tex: String,
        /// Display math (`$$…$$`): set on its own, centred.
        display: bool,
    },
}

/// One entry of the generated table of contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    /// The entry's text, plain.
    pub title: String,
    /// 1 for a part of the book, 2 and deeper for headings inside it.
    pub level: u8,
    /// The [`Chapter::id`] it belongs to.
    pub chapter: String,
    /// The heading's anchor; `None` for the start of the part.
    pub anchor: Option<String>,
    /// Entries nested below this one.
    pub children: Vec<TocEntry>,
}
