//! Internal links: the parser records each as written, naming a file; this
//! pass resolves the file to its part's id and checks that the anchor exists.

use super::PassContext;
use crate::error::{Error, ErrorKind};
use crate::hint;
use crate::model::{walk, Block, Book, Chapter, Inline, LinkTarget};
use crate::parse::LinkRef;
use std::collections::{BTreeMap, BTreeSet};

/// Every anchor a part offers: its heading ids, footnote ids and the
/// author's anchors ([`Inline::Anchor`], in the title too).
pub fn anchors(chapter: &Chapter) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = chapter.footnotes.iter().map(|f| f.id.clone()).collect();
    walk::blocks(&chapter.blocks, &mut |block| match block {
        Block::Heading { id, .. } => {
            out.insert(id.clone());
        }
        Block::Division { id: Some(id), .. } => {
            out.insert(id.clone());
        }
        _ => {}
    });
    let mut anchor = |inline: &Inline| {
        if let Inline::Anchor { id } = inline {
            out.insert(id.clone());
        }
    };
    walk::inline_tree(&chapter.title, &mut anchor);
    walk::inlines(&chapter.blocks, &mut anchor);
    for note in &chapter.footnotes {
        walk::inlines(&note.blocks, &mut anchor);
    }
    out
}

/// The links pass: points every internal link of the book at its part
/// ([`resolve`]) and reports each broken one ([`check`]).
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    for part in book.parts_mut() {
        resolve(part, cx.files);
    }
    let errors = check(book, cx.files, &cx.links);
    cx.errors.extend(errors);
}

/// Replaces the file each internal link of `part` names with that file's
/// part id (`files` maps one to the other). A file that is no part is left
/// as it is: [`check`] reports it.
pub fn resolve(part: &mut Chapter, files: &BTreeMap<String, String>) {
    let mut visit = |inline: &mut Inline| {
        if let Inline::Link {
            target: LinkTarget::Internal { chapter, .. },
            ..
        } = inline
        {
            if let Some(id) = part_id(files, chapter) {
                chapter.clone_from(id);
            }
        }
    };
    walk::inline_tree_mut(&mut part.title, &mut visit);
    walk::inlines_mut(&mut part.blocks, &mut visit);
    for footnote in &mut part.footnotes {
        walk::inlines_mut(&mut footnote.blocks, &mut visit);
    }
}

/// Checks each link: its file must be a part of the book and its anchor, if
/// any, an anchor of that part. Returns one error per broken link, in the
/// order of `links`. Each part's anchors are gathered once, so checking
/// stays linear.
pub fn check(book: &Book, files: &BTreeMap<String, String>, links: &[LinkRef]) -> Vec<Error> {
    let offered: BTreeMap<&str, (&Chapter, BTreeSet<String>)> = book
        .parts()
        .map(|part| (part.id.as_str(), (part, anchors(part))))
        .collect();
    let mut errors = Vec::new();
    for link in links {
        let Some(id) = part_id(files, &link.file) else {
            let meant = hint::closest(&link.file, files.keys().map(String::as_str));
            errors.push(
                broken(
                    link,
                    format!("there is no chapter `{}` in the manuscript", link.file),
                )
                .with_hint(meant.map(|file| format!("did you mean `{file}`?"))),
            );
            continue;
        };
        let Some(anchor) = &link.anchor else {
            continue;
        };
        // A part missing here failed to parse; its own errors are reported.
        let Some((chapter, anchors)) = offered.get(id.as_str()) else {
            continue;
        };
        if !anchors.contains(anchor) {
            let file = if chapter.source.is_empty() {
                &chapter.id
            } else {
                &chapter.source
            };
            let meant = hint::closest(anchor, anchors.iter().map(String::as_str));
            errors.push(
                broken(
                    link,
                    format!("`{file}` has no heading or footnote with the id `{anchor}`"),
                )
                .with_hint(meant.map(|id| format!("did you mean `#{id}`?"))),
            );
        }
    }
    errors
}

/// The id of the part a link's file names: the file itself, or for
/// `x.html` (as HTML written for a web edition, such as mdBook's, links)
/// the book's `x.md`.
fn part_id<'a>(files: &'a BTreeMap<String, String>, file: &str) -> Option<&'a String> {
    files.get(file).or_else(|| {
        let stem = file.strip_suffix(".html")?;
        files.get(&format!("{stem}.md"))
    })
}

fn broken(link: &LinkRef, reason: String) -> Error {
    Error::at(
        link.location.clone(),
        ErrorKind::BrokenLink {
            target: link.destination.clone(),
            reason,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chapter, ChapterKind};
    use crate::parse::tests::parsed;

    fn files() -> BTreeMap<String, String> {
        [("ch1.md", "one"), ("sub/ch2.md", "two")]
            .into_iter()
            .map(|(f, id)| (f.to_string(), id.to_string()))
            .collect()
    }

    /// The book of one part, `ch1.md` (id `one`), parsed from `markdown`.
    fn book(markdown: &str) -> (Book, Vec<LinkRef>) {
        let parsed = parsed(markdown);
        let mut part = Chapter {
            id: "one".into(),
            kind: ChapterKind::Chapter,
            number: Some(1),
            depth: 0,
            title: Vec::new(),
            source: "ch1.md".into(),
            blocks: parsed.blocks,
            footnotes: parsed.footnotes,
        };
        super::super::ids::assign(&mut part);
        let mut book = crate::epub::tests::book();
        book.front_matter.clear();
        book.appendices.clear();
        book.chapters = vec![part];
        (book, parsed.links)
    }

    fn errors(markdown: &str) -> Vec<String> {
        let (book, links) = book(markdown);
        check(&book, &files(), &links)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn file_links_resolve_to_the_part_ids() {
        let (mut book, _) =
            book("## Sec\n\n[s](#sec) [o](sub/ch2.md) [a](sub/ch2.md#x) [h](sub/ch2.html)");
        resolve(&mut book.chapters[0], &files());
        let mut targets = Vec::new();
        walk::inlines(&book.chapters[0].blocks, &mut |i| {
            if let Inline::Link { target, .. } = i {
                targets.push(target.clone());
            }
        });
        let internal = |chapter: &str, anchor: Option<&str>| LinkTarget::Internal {
            chapter: chapter.into(),
            anchor: anchor.map(Into::into),
        };
        assert_eq!(
            targets,
            [
                internal("one", Some("sec")),
                internal("two", None),
                internal("two", Some("x")),
                internal("two", None)
            ]
        );
    }

    #[test]
    fn link_to_a_missing_chapter_names_file_and_line() {
        assert_eq!(
            errors("ok\n\nsee [there](nowhere.md#x)\n"),
            ["m/ch1.md:3: broken internal link `nowhere.md#x`: there is no chapter `nowhere.md` in the manuscript"]
        );
        assert!(errors("[x](www.example.com)")[0].contains("no chapter `www.example.com`"));
        assert!(errors("[x](abcdeé)")[0].contains("no chapter `abcdeé`"));
        assert!(errors("[x](mailtoé)")[0].contains("no chapter `mailtoé`"));
    }

    #[test]
    fn anchors_are_checked_in_existing_parts_only() {
        assert_eq!(
            errors("## Here\n\n[a](#here) [b](#gone) [c](sub/ch2.md#x)\n"),
            ["m/ch1.md:3: broken internal link `#gone`: `ch1.md` has no heading or footnote with the id `gone`"]
        );
    }

    #[test]
    fn broken_links_suggest_the_closest_anchor_or_file() {
        let (book, links) = book("## Images\n\n[a](#imges) [b](sub/ch3.md)\n");
        let hints: Vec<_> = check(&book, &files(), &links)
            .into_iter()
            .map(|e| e.hint.map(String::from))
            .collect();
        assert_eq!(
            hints,
            [
                Some("did you mean `#images`?".to_string()),
                Some("did you mean `sub/ch2.md`?".to_string())
            ]
        );
    }
}
