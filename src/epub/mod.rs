//! The EPUB 3 back end: [`write`] turns a finished [`Book`] into the bytes of
//! an `.epub` file that passes EPUBCheck and Ace by DAISY.
//!
//! The stages, each a module:
//!
//! 1. [`names`] chooses a file name for every part and image.
//! 2. [`cover`] fits the book's cover image, or draws one.
//! 3. [`pages`] and [`xhtml`] write the content documents: cover, title
//!    page, copyright page, then one document per part (their bodies come
//!    from [`crate::markup`], shared with the HTML site).
//! 4. [`nav`] writes the navigation document (also the contents page) and
//!    the NCX.
//! 5. [`styles`] writes the stylesheet (the author's appended) and the
//!    faces it names, which [`fonts`] subsets to the characters used.
//! 6. [`package`] writes the package document; [`container`] zips it all.
//!
//! Why not epub-builder: every file it generates has a defect that its API
//! cannot avoid (see the tests in `defects.rs`), so quire writes the package,
//! navigation and container itself.

mod container;
mod cover;
#[cfg(test)]
mod defects;
mod fonts;
mod names;
mod nav;
mod package;
mod pages;
mod styles;
mod xhtml;

use crate::error::RenderError;
use crate::markup::names::Names;
use crate::markup::{pagebreaks, toc};
use crate::model::{walk, Block, Book, Chapter, Inline};
use crate::render::{Rendered, Renderer};
use crate::Result;
use names::{COPYRIGHT_PAGE, COVER_IMAGE, COVER_PAGE, NAV, NCX, NOTES, PACKAGE, ROOT, TITLE_PAGE};
use package::{Content, Item};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// The EPUB 3 back end as a [`Renderer`]: [`write`].
#[derive(Debug, Clone, Copy)]
pub struct Epub;

impl Renderer for Epub {
    fn name(&self) -> &'static str {
        "EPUB"
    }
    fn extension(&self) -> &'static str {
        "epub"
    }
    fn render(&self, book: &Book) -> Result<Rendered> {
        write(book).map(Rendered::File)
    }
    fn wants_pagination(&self) -> bool {
        true
    }
}

/// Renders the book as an EPUB 3 container.
pub fn write(book: &Book) -> Result<Vec<u8>> {
    let names = names::names(book);
    let used = Used::scan(book);
    if let Some(src) = used
        .images
        .iter()
        .find(|src| !book.images.contains_key(*src))
    {
        return Err(RenderError::ImageNotLoaded {
            path: src.to_string(),
        }
        .into());
    }
    // Drawing a cover takes as long as writing many parts: both at once.
    let (cover, parts) = rayon::join(|| cover::cover(book), || parts(book, &names));
    let cover = cover?;
    let cover_href = format!("{COVER_IMAGE}.{}", cover.extension());

    // The Notes part, last in reading order, is listed last.
    let endnotes = endnotes(book);
    let mut toc = toc::entries(book, &names);
    if let Some(file) = endnotes {
        toc.push(toc::Entry {
            title: book.matter.labels.notes.clone(),
            href: file.to_owned(),
            children: Vec::new(),
        });
    }
    let mut items = front_documents(book, &names, &toc, &cover_href, endnotes);
    items.extend(parts);
    let chars = characters(&items);
    items.push(Item::resource(
        "ncx",
        NCX,
        "application/x-dtbncx+xml",
        nav::ncx(book, &toc).into_bytes(),
    ));
    items.extend(styles::styles_and_fonts(book, &chars)?);
    let mut cover_item = Item::resource("cover-image", &cover_href, cover.media_type, cover.data);
    cover_item.properties = Some("cover-image");
    items.push(cover_item);
    for (i, src) in used.images.iter().enumerate() {
        if let (Some(href), Some(asset)) = (names.image(src), book.images.get(src)) {
            // An SVG shown with `<img>` needs no `svg` property: that is for
            // content documents with SVG inside them.
            let media_type = match asset.media_type.as_str() {
                "image/jpeg" => "image/jpeg",
                crate::model::SVG => crate::model::SVG,
                _ => "image/png",
            };
            items.push(Item::resource(
                &format!("image-{}", i + 1),
                href,
                media_type,
                asset.data.clone(),
            ));
        }
    }

    let content = Content {
        has_images: !used.images.is_empty(),
        page_source: book.pagination.as_ref().map(|_| {
            crate::model::pagination::break_source(&book.metadata.identifier, &book.metadata.title)
        }),
    };
    let opf = package::document(&book.metadata, &book.matter.byline, content, &items);
    let mut container = container::Container::new(book.metadata.modified)?;
    container.add(&format!("{ROOT}/{PACKAGE}"), opf.as_bytes(), true)?;
    let files: Vec<(String, &[u8], bool)> = items
        .iter()
        .map(|item| {
            let compress =
                !item.media_type.starts_with("image/") || item.media_type == crate::model::SVG;
            (
                format!("{ROOT}/{}", item.href),
                item.data.as_slice(),
                compress,
            )
        })
        .collect();
    container.add_all(&files)?;
    container.finish()
}

/// The generated documents that open the book, in reading order: cover,
/// title page, copyright page, contents (the navigation document). The
/// parts ([`parts`]) follow them, and the Notes part `endnotes` if any.
fn front_documents(
    book: &Book,
    names: &Names,
    toc: &[toc::Entry],
    cover_href: &str,
    endnotes: Option<&str>,
) -> Vec<Item> {
    let mut documents = vec![
        Item::document("cover", COVER_PAGE, pages::cover(book, cover_href)),
        Item::document("title-page", TITLE_PAGE, pages::title(book)),
        Item::document("copyright", COPYRIGHT_PAGE, pages::copyright(book)),
        Item::document("nav", NAV, nav::document(book, toc, names, endnotes)),
    ];
    documents[3].properties = Some("nav");
    documents
}

/// The Notes part's file, when the notes go there (`[epub] footnotes =
/// "endnotes"`) and the book has any.
fn endnotes(book: &Book) -> Option<&'static str> {
    (book.settings.epub.footnotes == crate::config::Notes::Endnotes
        && book.parts().any(|part| !part.footnotes.is_empty()))
    .then_some(NOTES)
}

/// Every part as a content document, and the Notes part after them when
/// there is one ([`endnotes`]). Parts are independent: written in
/// parallel, collected in reading order.
fn parts(book: &Book, names: &Names) -> Vec<Item> {
    let parts: Vec<&Chapter> = book.parts().collect();
    let endnotes = endnotes(book);
    let written: Vec<(Item, _)> = parts
        .par_iter()
        .enumerate()
        .map(|(i, part)| {
            let (xhtml, refs) = xhtml::with_notes(
                part,
                &book.metadata.language,
                &book.matter.labels,
                names,
                endnotes,
                pagebreaks::in_part(book.pagination.as_ref(), &part.id),
            );
            let mut item = Item::document(&format!("part-{}", i + 1), names.chapter(part), xhtml);
            let math = if endnotes.is_some() {
                body_math(part)
            } else {
                walk::uses_math(part)
            };
            if math {
                item.properties = Some("mathml");
            }
            (item, refs)
        })
        .collect();
    let notes = endnotes.map(|file| {
        let list: Vec<_> = parts
            .iter()
            .zip(&written)
            .map(|(part, (item, refs))| (*part, item.href.as_str(), refs))
            .collect();
        let body = crate::markup::body::endnotes(
            &list,
            &book.matter.labels,
            names,
            crate::markup::Flavor::Epub,
        );
        let xhtml = xhtml::page(
            &book.metadata.language,
            &book.matter.labels.notes,
            "backmatter",
            &body,
        );
        let mut item = Item::document("endnotes", file, xhtml);
        if parts.iter().any(|part| notes_math(part)) {
            item.properties = Some("mathml");
        }
        item
    });
    written
        .into_iter()
        .map(|(item, _)| item)
        .chain(notes)
        .collect()
}

/// Whether a part's title or text (its notes aside) has math.
fn body_math(part: &Chapter) -> bool {
    let mut math = false;
    walk::inlines(&part.blocks, &mut |i| {
        math |= matches!(i, Inline::Math { .. })
    });
    walk::inline_tree(&part.title, &mut |i| {
        math |= matches!(i, Inline::Math { .. })
    });
    math
}

/// Whether a part's notes have math (then the Notes part declares it).
fn notes_math(part: &Chapter) -> bool {
    let mut math = false;
    for note in &part.footnotes {
        walk::inlines(&note.blocks, &mut |i| {
            math |= matches!(i, Inline::Math { .. })
        });
    }
    math
}

/// The characters the documents use, controls aside, for the subsetter.
/// A long book has millions of characters and a few hundred distinct ones:
/// each document is scanned on its own (in parallel), ASCII into a table,
/// the rest into a hash set, and the few found are then sorted.
fn characters(items: &[Item]) -> BTreeSet<char> {
    items
        .par_iter()
        .map(|item| {
            let mut ascii = [false; 128];
            let mut other = FxHashSet::default();
            for c in String::from_utf8_lossy(&item.data).chars() {
                match ascii.get_mut(c as usize) {
                    Some(seen) => *seen = true,
                    None => {
                        other.insert(c);
                    }
                }
            }
            (0u8..128)
                .filter(|&b| ascii[usize::from(b)])
                .map(char::from)
                .chain(other)
                .filter(|c| !c.is_control())
                .collect::<BTreeSet<char>>()
        })
        .reduce(BTreeSet::new, |mut all, some| {
            all.extend(some);
            all
        })
}

/// The images the text shows, which decide the manifest and the
/// accessibility metadata (whether code is set: [`walk::uses_code`]).
#[derive(Debug, Default)]
struct Used {
    /// The image keys the text shows, in a fixed order.
    images: BTreeSet<String>,
}

impl Used {
    fn scan(book: &Book) -> Used {
        let mut images = BTreeSet::new();
        let mut image = |inline: &Inline| {
            if let Inline::Image { image } = inline {
                images.insert(image.src.clone());
            }
        };
        let mut figures = Vec::new();
        for part in book.parts() {
            walk::inline_tree(&part.title, &mut image);
            let bodies =
                std::iter::once(&part.blocks).chain(part.footnotes.iter().map(|f| &f.blocks));
            for blocks in bodies {
                walk::inlines(blocks, &mut image);
                walk::blocks(blocks, &mut |block| {
                    if let Block::Figure { image, .. } = block {
                        figures.push(image.src.clone());
                    }
                });
            }
        }
        images.extend(figures);
        Used { images }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Chapter, ChapterKind, Metadata, PageSize, Settings, TocEntry};

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn part(
        id: &str,
        kind: ChapterKind,
        number: Option<u32>,
        title: &str,
        blocks: Vec<Block>,
    ) -> Chapter {
        Chapter {
            id: id.into(),
            kind,
            number,
            depth: 0,
            title: vec![text(title)],
            source: String::new(),
            blocks,
            footnotes: Vec::new(),
        }
    }

    /// A small book: summary, two chapters with a section, an FAQ.
    pub(crate) fn book() -> Book {
        let section = |id: &str| Block::Heading {
            level: 2,
            id: id.into(),
            classes: Vec::new(),
            content: vec![text("Section & more")],
        };
        let paragraph = Block::Paragraph {
            content: vec![text("Text “quoted” — ā.")],
        };
        let entry = |chapter: &str, title: &str, children| TocEntry {
            title: title.into(),
            level: 1,
            chapter: chapter.into(),
            anchor: None,
            children,
        };
        let child = TocEntry {
            title: "Section & more".into(),
            level: 2,
            chapter: "one".into(),
            anchor: Some("section".into()),
            children: Vec::new(),
        };
        let mut book = Book {
            metadata: Metadata {
                title: "A Test & Book".into(),
                subtitle: Some("With a Subtitle".into()),
                authors: vec!["Ann Author".into()],
                language: "en".into(),
                identifier: "urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a61".into(),
                date: "2026-11-27".into(),
                description: Some("A book <for> tests.".into()),
                subjects: vec!["Testing".into()],
                rights: None,
                publisher: Some("quire & co".into()),
                cover: None,
                modified: 1_700_000_000,
            },
            settings: Settings {
                toc_depth: 2,
                trim: PageSize {
                    width: 432.0,
                    height: 648.0,
                },
                epub: Default::default(),
                print: Default::default(),
                design: Default::default(),
            },
            front_matter: vec![part(
                "summary",
                ChapterKind::FrontMatter,
                None,
                "Summary",
                vec![paragraph.clone()],
            )],
            chapters: vec![
                part(
                    "one",
                    ChapterKind::Chapter,
                    Some(1),
                    "One",
                    vec![paragraph.clone(), section("section")],
                ),
                part(
                    "two",
                    ChapterKind::Chapter,
                    Some(2),
                    "Two",
                    vec![paragraph.clone()],
                ),
            ],
            appendices: vec![part(
                "faq",
                ChapterKind::Faq,
                None,
                "Frequently Asked Questions",
                vec![paragraph],
            )],
            toc: vec![
                entry("summary", "Summary", vec![]),
                entry("one", "One", vec![child]),
                entry("two", "Two", vec![]),
                entry("faq", "Frequently Asked Questions", vec![]),
            ],
            matter: Default::default(),
            images: Default::default(),
            fonts: Vec::new(),
            faces: Default::default(),
            image_uses: Default::default(),
            pagination: None,
        };
        book.matter = crate::passes::matter::build(&book);
        book
    }

    #[test]
    fn same_book_gives_same_bytes() {
        let book = book();
        let first = write(&book).expect("epub");
        assert_eq!(first, write(&book).expect("epub"));
        assert_eq!(&first[30..38], b"mimetype");
    }

    #[test]
    fn a_missing_image_is_an_error_not_a_broken_epub() {
        let mut book = book();
        book.chapters[0].blocks.push(Block::Figure {
            image: crate::model::Image {
                src: "gone.png".into(),
                alt: "x".into(),
                width: None,
            },
            caption: Vec::new(),
        });
        assert!(write(&book).is_err());
    }
}
