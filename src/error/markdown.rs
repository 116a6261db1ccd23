//! What can be wrong in the text of a Markdown file (its HTML, math, front
//! matter, footnotes, FAQ, mdBook directives).

/// A problem in a Markdown file's text; the error around it says where.
#[derive(Debug, thiserror::Error)]
pub enum MarkdownError {
    /// Block quotes, lists or emphasis nested deeper than quire reads.
    #[error(
        "nesting is deeper than {limit} levels (block quotes, lists or emphasis inside each other)"
    )]
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
    /// pulldown-cmark's events did not nest as expected.
    #[error("unbalanced Markdown structure")]
    Unbalanced,
    /// Text or an inline element where no paragraph can hold it.
    #[error("inline content outside a paragraph")]
    InlineOutsideParagraph,
    /// A block where none can go.
    #[error("block content in an unexpected place")]
    BlockMisplaced,
    /// The YAML or TOML front matter block cannot be read.
    #[error("{reason}")]
    FrontMatter {
        /// What is wrong with it, as the reader says.
        reason: String,
    },
    /// A formula pulldown-latex cannot read.
    #[error("invalid TeX math `{tex}`: {reason}")]
    BadMath {
        /// The formula as written.
        tex: String,
        /// What pulldown-latex found wrong.
        reason: String,
    },
    /// A footnote reference with no definition in the file.
    #[error("footnote `[^{label}]` is referenced but never defined")]
    UndefinedFootnote {
        /// The footnote's label.
        label: String,
    },
    /// The file does not open with its title.
    #[error("the file must open with its title, a heading of any level (`# Title`)")]
    MissingTitle,
    /// Active HTML content under `strict-html`.
    #[error("{content} (`strict-html` is set: remove it)")]
    ActiveHtml {
        /// What was found.
        content: ActiveContent,
    },
    /// The FAQ file has no `## Question` heading.
    #[error("the FAQ file has no questions: write each as a `## Question` heading followed by its answer")]
    FaqWithoutQuestions,
    /// The FAQ file has text before its first question.
    #[error("the FAQ file must start with a `## Question` heading")]
    FaqTextBeforeQuestion,
    /// A question of the FAQ file with nothing after it.
    #[error("the question “{question}” has no answer")]
    UnansweredQuestion {
        /// The question's text.
        question: String,
    },
    /// An mdBook directive (`{{#include …}}` and its kin) that cannot be expanded.
    #[error("`{{{{#{name} {args}}}}}`: {reason}")]
    Directive {
        /// The directive's name (`include`, `rustdoc_include`, …).
        name: String,
        /// Its arguments as written.
        args: String,
        /// Why it cannot be expanded.
        reason: String,
    },
}

/// HTML that runs code or brings in something from outside: dropped with a
/// warning, or an error under `strict-html`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActiveContent {
    /// An event-handler attribute (`onclick`).
    #[error("the `{attribute}` attribute of `<{element}>` runs code: it is dropped")]
    Handler {
        /// The element's name.
        element: String,
        /// The attribute's name.
        attribute: String,
    },
    /// An element that runs code, embeds a document or collects input.
    #[error("`<{element}>` is active content or a form: it is dropped with its content")]
    Element {
        /// The element's name.
        element: String,
    },
    /// A `javascript:`, `vbscript:` or `data:` link.
    #[error("the address `{address}` of a link runs code or embeds data: the link is dropped, its text kept")]
    LinkAddress {
        /// The address as written.
        address: String,
    },
    /// A `javascript:`, `vbscript:` or `data:` image source.
    #[error("the address `{address}` of an image embeds data or runs code: the image is dropped")]
    ImageAddress {
        /// The address as written.
        address: String,
    },
}
