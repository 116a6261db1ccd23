//! The body of a part's document: the model's blocks and inlines as
//! semantic, accessible markup, the same for the EPUB's XHTML and the HTML
//! site (which differ only in [`Flavor`]).
//! `blocks` writes the blocks, `inlines` the inline content, `notes` the
//! notes; this module the part's `<section>` and its semantics.

use super::names::Names;
use super::pagebreaks::{Break, Pending};
use super::Flavor;
use crate::model::{Block, Chapter, ChapterKind, Labels};
use crate::xml::{escape, xml_id};
use std::collections::{BTreeMap, BTreeSet};

mod blocks;
mod inlines;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Footnote, Image, Inline, LinkTarget};

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
