//! The body of a part's document: the model's blocks and inlines as
//! semantic, accessible markup, the same for the EPUB's XHTML and the HTML
//! site (which differ only in [`Flavor`]).

use super::names::Names;
use super::pagebreaks::{Break, Pending};
use super::Flavor;
use crate::model::{
    Alignment, Block, Chapter, ChapterKind, Image, Inline, Labels, LinkTarget, PhraseKind,
};
use crate::xml::{escape, push_escaped, xml_id};
use std::collections::{BTreeMap, BTreeSet};

mod notes;
pub use notes::endnotes;

/// The `epub:type` and ARIA role of a part, by its kind (and, for author
/// front matter, by what its title says it is).
pub fn semantics(chapter: &Chapter) -> (&'static str, &'static str) {
    match chapter.kind {
        ChapterKind::Chapter => ("chapter", "doc-chapter"),
        ChapterKind::Part => ("part", "doc-part"),
        ChapterKind::Appendix | ChapterKind::Faq => ("appendix", "doc-appendix"),
        ChapterKind::Resources => ("bibliography", "doc-bibliography"),
        ChapterKind::FrontMatter => {
            let name = format!("{} {}", chapter.id, chapter.title_text()).to_lowercase();
            const KNOWN: [(&str, &str, &str); 8] = [
                ("summary", "abstract", "doc-abstract"),
                ("abstract", "abstract", "doc-abstract"),
                ("foreword", "foreword", "doc-foreword"),
                ("introduction", "introduction", "doc-introduction"),
                ("prologue", "prologue", "doc-prologue"),
                ("acknowledg", "acknowledgments", "doc-acknowledgments"),
                ("dedication", "dedication", "doc-dedication"),
                ("epigraph", "epigraph", "doc-epigraph"),
            ];
            KNOWN
                .iter()
                .find(|(word, ..)| name.contains(word))
                .map_or(("preface", "doc-preface"), |&(_, kind, role)| (kind, role))
        }
    }
}

/// What a part's document body is to an EPUB reading system, by the
/// part's kind: `frontmatter`, `bodymatter` or `backmatter`.
pub fn body_type(chapter: &Chapter) -> &'static str {
    match chapter.kind {
        ChapterKind::FrontMatter => "frontmatter",
        ChapterKind::Chapter | ChapterKind::Part => "bodymatter",
        _ => "backmatter",
    }
}

/// The title of a part's document: its title, after its number when it
/// has one (`Chapter 1: One`).
pub fn page_title(chapter: &Chapter, labels: &Labels) -> String {
    match chapter.number {
        Some(number) => labels.numbered_title(number, &chapter.title_text()),
        None => chapter.title_text(),
    }
}

/// The `<section>` of one part: its title, its blocks and its notes, with
/// the generated words of `labels` and links to the files of `names`.
pub fn section(chapter: &Chapter, labels: &Labels, names: &Names, flavor: Flavor) -> String {
    section_with(chapter, labels, names, flavor, None, Vec::new()).0
}

/// [`section`], with the notes in the Notes part in the file `endnotes`
/// when given (`[epub] footnotes = "endnotes"`): then the references link
/// there, and the ids of each note's references come back for its
/// backlinks ([`notes::endnotes`]); and with a marker where each of the
/// print pages `breaks` begins (see [`super::pagebreaks`]).
pub fn section_with(
    chapter: &Chapter,
    labels: &Labels,
    names: &Names,
    flavor: Flavor,
    endnotes: Option<&str>,
    breaks: Vec<Break>,
) -> (String, BTreeMap<String, Vec<String>>) {
    let (kind, role) = semantics(chapter);
    let mut w = Writer {
        out: String::new(),
        names,
        labels,
        flavor,
        taken: author_ids(chapter),
        refs: BTreeMap::new(),
        heading_level: 1,
        endnotes: endnotes.map(|file| (file, chapter.id.as_str())),
        pages: Pending::new(breaks),
    };
    let title_id = w.fresh_id("part-title");
    let opening = w.pages.opening();
    w.out.push_str(&format!(
        "<section{} role=\"{role}\" aria-labelledby=\"{title_id}\">\n{opening}\
         <h1 id=\"{title_id}\">",
        flavor.epub_type(kind)
    ));
    if let Some(number) = chapter.number {
        w.out.push_str(&format!(
            "<span class=\"label\">{}</span> ",
            escape(&labels.chapter_number(number))
        ));
    }
    w.inlines(&chapter.title);
    w.out.push_str("</h1>\n");
    w.blocks(&chapter.blocks, true);
    let rest = w.pages.rest();
    w.out.push_str(&rest);
    if w.endnotes.is_none() {
        w.footnotes(chapter);
    }
    w.out.push_str("</section>\n");
    (w.out, w.refs)
}

/// The ids the author's text defines (headings and footnotes), as XML ids.
fn author_ids(chapter: &Chapter) -> BTreeSet<String> {
    fn collect(blocks: &[Block], ids: &mut BTreeSet<String>) {
        for block in blocks {
            match block {
                Block::Heading { id, .. } => {
                    ids.insert(xml_id(id));
                }
                Block::BlockQuote { blocks } | Block::Details { blocks, .. } => {
                    collect(blocks, ids)
                }
                Block::Division { id, blocks, .. } => {
                    ids.extend(id.as_deref().map(xml_id));
                    collect(blocks, ids);
                }
                Block::List { items, .. } => items.iter().for_each(|item| collect(item, ids)),
                Block::DefinitionList { items } => items
                    .iter()
                    .flat_map(|item| &item.definitions)
                    .for_each(|definition| collect(definition, ids)),
                _ => {}
            }
        }
    }
    let mut ids = BTreeSet::new();
    collect(&chapter.blocks, &mut ids);
    for note in &chapter.footnotes {
        ids.insert(xml_id(&note.id));
        collect(&note.blocks, &mut ids);
    }
    for id in crate::passes::links::anchors(chapter) {
        ids.insert(xml_id(&id));
    }
    ids
}

/// The XHTML element of a phrase.
fn phrase_element(kind: PhraseKind) -> &'static str {
    match kind {
        PhraseKind::Span => "span",
        PhraseKind::Keyboard => "kbd",
        PhraseKind::Small => "small",
        PhraseKind::Mark => "mark",
        PhraseKind::Inserted => "ins",
        PhraseKind::Underline => "u",
        PhraseKind::Abbreviation => "abbr",
        PhraseKind::Quotation => "q",
        PhraseKind::Citation => "cite",
        PhraseKind::Strikethrough => "del",
        PhraseKind::Superscript => "sup",
        PhraseKind::Subscript => "sub",
    }
}

/// Renders blocks and inlines of one document. It gives every generated
/// element an id no heading or footnote uses, and remembers the ids of each
/// footnote's references for the backlinks.
struct Writer<'a> {
    out: String,
    names: &'a Names,
    labels: &'a Labels,
    flavor: Flavor,
    taken: BTreeSet<String>,
    refs: BTreeMap<String, Vec<String>>,
    /// The level of the last heading written (1: the part's title).
    heading_level: u8,
    /// Where the notes go: `None` at the part's end, or the file of the
    /// book's Notes part, whose ids are prefixed with the part's.
    endnotes: Option<(&'a str, &'a str)>,
    /// The print pages' breaks not marked yet.
    pages: Pending,
}

impl Writer<'_> {
    /// `base`, or `base-2`, `base-3`… whichever no other element uses yet.
    fn fresh_id(&mut self, base: &str) -> String {
        let base = xml_id(base);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    fn blocks(&mut self, blocks: &[Block], top: bool) {
        let mut after_break = top;
        for (i, block) in blocks.iter().enumerate() {
            self.at_block(i, |w| w.block(block, after_break));
            after_break = !matches!(block, Block::Paragraph { .. });
        }
    }

    /// Writes block `i` of the blocks being written with `write`, with the
    /// markers of the print pages due before and after it.
    fn at_block(&mut self, i: usize, write: impl FnOnce(&mut Self)) {
        self.pages.path.push(i);
        let due = self.pages.before_block();
        self.out.push_str(&due);
        write(self);
        let due = self.pages.after_block();
        self.out.push_str(&due);
        self.pages.path.pop();
    }

    fn block(&mut self, block: &Block, opens_section: bool) {
        match block {
            Block::Heading {
                level,
                id,
                classes,
                content,
            } => {
                // Levels never skip one going down (`###` right after the
                // title is an `h2`), as assistive technology expects.
                let level = (*level).clamp(2, 6).min(self.heading_level + 1);
                self.heading_level = level;
                self.out
                    .push_str(&format!("<h{level} id=\"{}\"", escape(&xml_id(id))));
                self.classes(classes);
                self.out.push('>');
                self.inlines(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph { content } => {
                self.out.push_str(if opens_section {
                    "<p class=\"first\">"
                } else {
                    "<p>"
                });
                self.paragraph(content);
                self.out.push_str("</p>\n");
            }
            Block::BlockQuote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks, true);
                self.out.push_str("</blockquote>\n");
            }
            Block::Alert { kind, blocks } => {
                let label = self.labels.alert(*kind);
                let id = self.fresh_id(&format!("alert-{}", label.to_lowercase()));
                self.out.push_str(&format!(
                    "<aside class=\"alert {}\" role=\"note\" aria-labelledby=\"{id}\">\n\
                     <p class=\"alert-title\" id=\"{id}\">{}</p>\n",
                    escape(&label.to_lowercase()),
                    escape(label)
                ));
                self.blocks(blocks, true);
                self.out.push_str("</aside>\n");
            }
            Block::List {
                start,
                tight,
                items,
            } => {
                let tag = match start {
                    Some(1) => {
                        self.out.push_str("<ol>\n");
                        "ol"
                    }
                    Some(n) => {
                        self.out.push_str(&format!("<ol start=\"{n}\">\n"));
                        "ol"
                    }
                    None => {
                        self.out.push_str("<ul>\n");
                        "ul"
                    }
                };
                for (i, item) in items.iter().enumerate() {
                    self.out.push_str("<li>");
                    self.pages.path.push(i);
                    if *tight {
                        self.tight_item(item);
                    } else {
                        self.blocks(item, true);
                    }
                    self.pages.path.pop();
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(&format!("</{tag}>\n"));
            }
            Block::CodeBlock {
                language,
                code,
                highlight,
                caption,
                ..
            } => {
                // A captioned listing is a figure, its caption first.
                if !caption.is_empty() {
                    self.out
                        .push_str("<figure class=\"listing\">\n<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>\n");
                }
                self.out.push_str("<pre><code");
                // The info string's first word, whole: a class token is any
                // run of characters but white space.
                let class = escape(language.as_deref().unwrap_or_default());
                if !class.is_empty() && !class.contains(char::is_whitespace) {
                    self.out.push_str(&format!(" class=\"language-{class}\""));
                }
                self.out.push('>');
                let code = code.strip_suffix('\n').unwrap_or(code);
                super::highlight::push_code(&mut self.out, code, highlight);
                self.out.push_str("</code></pre>\n");
                if !caption.is_empty() {
                    self.out.push_str("</figure>\n");
                }
            }
            Block::ThematicBreak => self.out.push_str("<hr/>\n"),
            Block::Figure { image, caption } => {
                self.out.push_str("<figure>\n");
                self.image(image, None);
                if !caption.is_empty() {
                    self.out.push_str("\n<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("\n</figure>\n");
            }
            Block::Division {
                id,
                classes,
                blocks,
            } => {
                self.out.push_str("<div");
                if let Some(id) = id {
                    self.out
                        .push_str(&format!(" id=\"{}\"", escape(&xml_id(id))));
                }
                self.classes(classes);
                self.out.push_str(">\n");
                self.blocks(blocks, true);
                self.out.push_str("</div>\n");
            }
            Block::Details { summary, blocks } => {
                self.out.push_str("<details>\n");
                if !summary.is_empty() {
                    self.wrap("summary", summary);
                    self.out.push('\n');
                }
                self.blocks(blocks, true);
                self.out.push_str("</details>\n");
            }
            Block::DefinitionList { items } => {
                self.out.push_str("<dl>\n");
                for item in items {
                    self.wrap("dt", &item.term);
                    self.out.push('\n');
                    for definition in &item.definitions {
                        self.out.push_str("<dd>");
                        self.tight_item(definition);
                        self.out.push_str("</dd>\n");
                    }
                    // HTML wants a definition after every term.
                    if item.definitions.is_empty() {
                        self.out.push_str("<dd></dd>\n");
                    }
                }
                self.out.push_str("</dl>\n");
            }
            Block::Table {
                alignments,
                header,
                rows,
            } => {
                self.out.push_str("<table>\n");
                if !header.is_empty() {
                    self.out.push_str("<thead>\n<tr>");
                    for (column, cell) in header.iter().enumerate() {
                        self.cell("th scope=\"col\"", "th", alignments.get(column), cell);
                    }
                    self.out.push_str("</tr>\n</thead>\n");
                }
                self.out.push_str("<tbody>\n");
                for row in rows {
                    self.out.push_str("<tr>");
                    for (column, cell) in row.iter().enumerate() {
                        self.cell("td", "td", alignments.get(column), cell);
                    }
                    self.out.push_str("</tr>\n");
                }
                self.out.push_str("</tbody>\n</table>\n");
            }
        }
    }

    /// A tight list item: its paragraphs' text set directly in the `<li>`,
    /// as CommonMark renders it; other blocks as usual.
    fn tight_item(&mut self, item: &[Block]) {
        for (i, block) in item.iter().enumerate() {
            match block {
                Block::Paragraph { content } => {
                    if i > 0 {
                        self.out.push('\n');
                    }
                    self.at_block(i, |w| w.paragraph(content));
                }
                other => {
                    self.out.push('\n');
                    self.at_block(i, |w| w.block(other, i == 0));
                }
            }
        }
    }

    fn cell(&mut self, open: &str, close: &str, alignment: Option<&Alignment>, content: &[Inline]) {
        let class = match alignment {
            Some(Alignment::Left) => " class=\"left\"",
            Some(Alignment::Center) => " class=\"center\"",
            Some(Alignment::Right) => " class=\"right\"",
            Some(Alignment::None) | None => "",
        };
        self.out.push_str(&format!("<{open}{class}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{close}>"));
    }

    /// ` class="a b"`, when there are classes.
    fn classes(&mut self, classes: &[String]) {
        if !classes.is_empty() {
            self.out
                .push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
    }

    fn image(&mut self, image: &Image, class: Option<&str>) {
        let src = self.names.image(&image.src).unwrap_or(&image.src);
        self.out.push_str("<img");
        if let Some(class) = class {
            self.out.push_str(&format!(" class=\"{class}\""));
        }
        self.out.push_str(&format!(
            " src=\"{}\" alt=\"{}\"",
            escape(src),
            escape(&image.alt)
        ));
        // The stylesheet's `max-width: 100%` keeps it inside the page.
        if let Some(width) = image.width {
            self.out.push_str(&format!(" width=\"{width}\""));
        }
        self.out.push_str("/>");
    }

    /// A paragraph's inlines, with the markers of the print pages that
    /// begin at its words.
    fn paragraph(&mut self, content: &[Inline]) {
        self.pages.start_paragraph();
        self.inlines(content);
        let rest = self.pages.end_paragraph();
        self.out.push_str(&rest);
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text { text } if self.pages.counting() => self.pages.text(text, &mut self.out),
            Inline::Text { text } => push_escaped(&mut self.out, text),
            Inline::Emphasis { content } => self.wrap("em", content),
            Inline::Phrase {
                kind,
                classes,
                title,
                content,
            } => {
                let tag = phrase_element(*kind);
                self.out.push('<');
                self.out.push_str(tag);
                self.classes(classes);
                if let Some(title) = title {
                    self.out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                self.out.push('>');
                self.inlines(content);
                self.out.push_str(&format!("</{tag}>"));
            }
            Inline::Strong { content } => self.wrap("strong", content),
            Inline::Code { code } => {
                self.out.push_str("<code>");
                self.pages.text(code, &mut self.out);
                self.out.push_str("</code>");
            }
            Inline::Link {
                target,
                title,
                content,
            } => {
                let href = match target {
                    LinkTarget::External { url } => crate::url::href(url),
                    LinkTarget::Internal { chapter, anchor } => {
                        let file = self.names.part(chapter);
                        match anchor {
                            Some(anchor) => format!("{file}#{}", xml_id(anchor)),
                            None => file.to_owned(),
                        }
                    }
                };
                self.out.push_str(&format!("<a href=\"{}\"", escape(&href)));
                // A cross-reference's "page" asks print for a number; on
                // screen it is an ordinary link.
                let page_ref = matches!(target, LinkTarget::Internal { .. })
                    && title.as_deref() == Some(crate::model::pagination::PAGE_REF);
                if let Some(title) = title.as_ref().filter(|_| !page_ref) {
                    self.out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                self.out.push('>');
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Image { image } => self.image(image, Some("inline")),
            Inline::FootnoteRef { id, number } => {
                let label = id.strip_prefix("fn-").unwrap_or(id);
                let ref_id = self.fresh_id(&format!("fnref-{label}"));
                self.refs
                    .entry(id.clone())
                    .or_default()
                    .push(ref_id.clone());
                let href = match self.endnotes {
                    Some((file, part)) => format!("{file}#{}", notes::endnote_id(part, id)),
                    None => format!("#{}", xml_id(id)),
                };
                self.out.push_str(&format!(
                    "<a class=\"noteref\"{} role=\"doc-noteref\" id=\"{}\" href=\"{}\">{number}</a>",
                    self.flavor.epub_type("noteref"),
                    escape(&ref_id),
                    escape(&href),
                ));
            }
            Inline::HardBreak => {
                self.pages.hard_break();
                self.out.push_str("<br/>\n");
            }
            Inline::Math { tex, display } => self.out.push_str(&crate::math::mathml(tex, *display)),
            Inline::Task { done } => {
                let label = self.labels.task(*done);
                let checked = if *done { " checked=\"checked\"" } else { "" };
                self.out.push_str(&format!(
                    "<input type=\"checkbox\" class=\"task\" disabled=\"disabled\"{checked} aria-label=\"{}\"/> ",
                    escape(label)
                ));
            }
            Inline::Anchor { id } => self
                .out
                .push_str(&format!("<span id=\"{}\"></span>", escape(&xml_id(id)))),
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Footnote;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn part(kind: ChapterKind, blocks: Vec<Block>, footnotes: Vec<Footnote>) -> Chapter {
        Chapter {
            id: "c1".into(),
            kind,
            number: Some(1),
            depth: 0,
            title: vec![text("A & B <C>")],
            source: "c1.md".into(),
            blocks,
            footnotes,
        }
    }

    /// A reference to the note `fn-x`, and that note.
    fn ref_x() -> Inline {
        Inline::FootnoteRef {
            id: "fn-x".into(),
            number: 1,
        }
    }

    fn note_x() -> Footnote {
        Footnote {
            id: "fn-x".into(),
            number: 1,
            blocks: vec![Block::Paragraph {
                content: vec![text("Note.")],
            }],
        }
    }

    fn empty_names() -> Names {
        Names::new(&crate::epub::tests::book(), &[], ".xhtml", "nav.xhtml")
    }

    /// The EPUB's section of a part (the language goes to the page, see
    /// `epub::xhtml`).
    fn chapter(chapter: &Chapter, _language: &str, labels: &Labels, names: &Names) -> String {
        section(chapter, labels, names, Flavor::Epub)
    }

    #[test]
    fn chapter_carries_type_role_and_escaped_title() {
        let chapter = part(ChapterKind::Chapter, vec![], vec![]);
        let html = section(&chapter, &Labels::english(), &empty_names(), Flavor::Epub);
        assert!(html.contains("epub:type=\"chapter\" role=\"doc-chapter\""));
        assert_eq!(
            page_title(&chapter, &Labels::english()),
            "Chapter 1: A & B <C>"
        );
        assert!(html.contains("A &amp; B &lt;C&gt;</h1>"));
    }

    #[test]
    fn the_html_flavor_has_no_epub_types_and_the_same_roles() {
        let reference = ref_x();
        let note = note_x();
        let blocks = vec![Block::Paragraph {
            content: vec![reference],
        }];
        let chapter = part(ChapterKind::Chapter, blocks, vec![note]);
        let epub = section(&chapter, &Labels::english(), &empty_names(), Flavor::Epub);
        let html = section(&chapter, &Labels::english(), &empty_names(), Flavor::Html);
        assert!(!html.contains("epub:"), "{html}");
        assert_eq!(
            html,
            epub.replace(" epub:type=\"chapter\"", "")
                .replace(" epub:type=\"noteref\"", "")
                .replace(" epub:type=\"footnote\"", "")
        );
        assert!(html.contains("role=\"doc-noteref\" id=\"fnref-x\" href=\"#fn-x\""));
        assert!(html.contains("role=\"doc-backlink\" href=\"#fnref-x\""));
    }

    #[test]
    fn endnotes_leave_the_part_and_link_both_ways_from_the_notes_part() {
        let blocks = vec![Block::Paragraph {
            content: vec![ref_x()],
        }];
        let chapter = part(ChapterKind::Chapter, blocks, vec![note_x()]);
        let (labels, names) = (Labels::english(), empty_names());
        let (html, refs) = section_with(
            &chapter,
            &labels,
            &names,
            Flavor::Epub,
            Some("endnotes.xhtml"),
            Vec::new(),
        );
        assert!(!html.contains("doc-footnote"), "{html}");
        assert!(
            html.contains("id=\"fnref-x\" href=\"endnotes.xhtml#c1-fn-x\""),
            "{html}"
        );
        let notes = endnotes(
            &[(&chapter, "c1.xhtml", &refs)],
            &labels,
            &names,
            Flavor::Epub,
        );
        assert!(
            notes.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""),
            "{notes}"
        );
        assert!(
            notes.contains("<h2 id=\"notes-c1\">Chapter 1: A &amp; B &lt;C&gt;</h2>"),
            "{notes}"
        );
        assert!(
            notes.contains("<li epub:type=\"endnote\" id=\"c1-fn-x\">"),
            "{notes}"
        );
        assert!(notes.contains("href=\"c1.xhtml#fnref-x\""), "{notes}");
        assert!(notes.contains("Note.</p>"), "{notes}");
    }

    #[test]
    fn repeated_footnote_references_get_unique_ids_and_a_backlink_each() {
        let reference = ref_x();
        let blocks = vec![Block::Paragraph {
            content: vec![reference.clone(), reference],
        }];
        let note = note_x();
        let html = chapter(
            &part(ChapterKind::Chapter, blocks, vec![note]),
            "en",
            &Labels::english(),
            &empty_names(),
        );
        assert!(html.contains("id=\"fnref-x\" href=\"#fn-x\""));
        assert!(html.contains("id=\"fnref-x-2\" href=\"#fn-x\""));
        assert!(html.contains("href=\"#fnref-x\""));
        assert!(html.contains("href=\"#fnref-x-2\""));
        assert!(html.contains("epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-x\""));
    }

    #[test]
    fn generated_ids_never_repeat_an_author_id() {
        let heading = |id: &str| Block::Heading {
            level: 2,
            id: id.into(),
            classes: Vec::new(),
            content: vec![text(id)],
        };
        let blocks = vec![
            heading("part-title"),
            heading("notes-title"),
            heading("fnref-x"),
            Block::Paragraph {
                content: vec![ref_x()],
            },
        ];
        let note = note_x();
        let html = chapter(
            &part(ChapterKind::Chapter, blocks, vec![note]),
            "en",
            &Labels::english(),
            &empty_names(),
        );
        for id in ["part-title", "notes-title", "fnref-x"] {
            assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
        }
        assert!(html.contains("id=\"fnref-x-2\" href=\"#fn-x\""));
        assert!(html.contains("href=\"#fnref-x-2\""));
    }

    #[test]
    fn images_carry_their_alt_text_and_the_width_asked_for() {
        let image = |src: &str, width| Image {
            src: src.into(),
            alt: "A \"plan\" & key".into(),
            width,
        };
        let blocks = vec![
            Block::Figure {
                image: image("d.svg", Some(240)),
                caption: Vec::new(),
            },
            Block::Paragraph {
                content: vec![Inline::Image {
                    image: image("i.png", None),
                }],
            },
        ];
        let html = chapter(
            &part(ChapterKind::Chapter, blocks, vec![]),
            "en",
            &Labels::english(),
            &empty_names(),
        );
        assert!(html
            .contains("<img src=\"d.svg\" alt=\"A &quot;plan&quot; &amp; key\" width=\"240\"/>"));
        assert!(html.contains(
            "<img class=\"inline\" src=\"i.png\" alt=\"A &quot;plan&quot; &amp; key\"/>"
        ));
    }

    #[test]
    fn tight_lists_titles_encoded_addresses_and_info_string_classes() {
        let para = |s: &str| Block::Paragraph {
            content: vec![text(s)],
        };
        let list = |tight| Block::List {
            start: None,
            tight,
            items: vec![vec![para("a"), Block::ThematicBreak], vec![para("b")]],
        };
        let link = Block::Paragraph {
            content: vec![Inline::Link {
                target: LinkTarget::External {
                    url: "https://example.com/q?x=[1]&y=é".into(),
                },
                title: Some("The \"title\"".into()),
                content: vec![text("z")],
            }],
        };
        let code = |language: &str| Block::CodeBlock {
            language: Some(language.into()),
            code: "x\n".into(),
            highlight: Vec::new(),
            caption: Vec::new(),
        };
        let blocks = vec![list(true), list(false), link, code("föö"), code("c++&<")];
        let html = chapter(
            &part(ChapterKind::Chapter, blocks, vec![]),
            "en",
            &Labels::english(),
            &empty_names(),
        );
        assert!(
            html.contains("<ul>\n<li>a\n<hr/>\n</li>\n<li>b</li>\n</ul>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<li><p class=\"first\">a</p>\n<hr/>\n</li>\n<li><p class=\"first\">b</p>\n</li>"
            ),
            "{html}"
        );
        assert!(html.contains(
            "<a href=\"https://example.com/q?x=%5B1%5D&amp;y=%C3%A9\" title=\"The &quot;title&quot;\">z</a>"
        ), "{html}");
        assert!(html.contains("<code class=\"language-föö\">"), "{html}");
        assert!(
            html.contains("<code class=\"language-c++&amp;&lt;\">"),
            "{html}"
        );
    }

    #[test]
    fn heading_levels_never_skip_one_going_down() {
        let heading = |level: u8, id: &str| Block::Heading {
            level,
            id: id.into(),
            classes: Vec::new(),
            content: vec![text(id)],
        };
        let blocks = vec![
            heading(4, "a"),
            heading(6, "b"),
            heading(2, "c"),
            heading(3, "d"),
        ];
        let html = chapter(
            &part(ChapterKind::Chapter, blocks, vec![]),
            "en",
            &Labels::english(),
            &empty_names(),
        );
        for expected in [
            "<h2 id=\"a\">",
            "<h3 id=\"b\">",
            "<h2 id=\"c\">",
            "<h3 id=\"d\">",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }

    #[test]
    fn front_matter_semantics_follow_the_title() {
        let mut summary = part(ChapterKind::FrontMatter, vec![], vec![]);
        summary.id = "summary".into();
        assert_eq!(semantics(&summary), ("abstract", "doc-abstract"));
        summary.id = "notes".into();
        assert_eq!(semantics(&summary), ("preface", "doc-preface"));
    }
}
