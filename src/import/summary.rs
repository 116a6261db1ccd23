//! An mdBook's `SUMMARY.md`, read as mdBook reads it, with pulldown-cmark:
//! an optional `# Title`, prefix chapters (links in paragraphs before the
//! first list), numbered chapters (list items, nested lists for
//! sub-chapters), part titles (`# Part` headings between the lists),
//! separators (`---`), suffix chapters (links in paragraphs after the
//! lists), and draft chapters (`[Title]()`, no file).

use crate::lines::LineIndex;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

/// Where in the book an entry of the summary goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Before the numbered chapters: front matter.
    Prefix,
    /// A numbered chapter or one of its sub-chapters.
    Numbered,
    /// After the numbered chapters: appendices.
    Suffix,
}

/// One entry of the summary, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A chapter: a link to a file (or, for a draft, to nothing).
    Chapter {
        /// The link text, as Markdown source.
        title: String,
        /// The link's destination as written (without `#anchor`); `None`
        /// for a draft chapter.
        path: Option<String>,
        /// 0 for a chapter, 1 for a sub-chapter of the chapter above, …
        depth: u8,
        /// Where it goes.
        place: Place,
        /// Its line in `SUMMARY.md`.
        line: usize,
    },
    /// A part title (`# Part`) opening the numbered chapters after it.
    Part {
        /// The heading's text, as Markdown source.
        title: String,
        /// Its line in `SUMMARY.md`.
        line: usize,
    },
}

/// The summary read: its entries, and what was ignored (line, message).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every entry, in reading order.
    pub entries: Vec<Entry>,
    /// Things in the summary mdBook would not accept or that quire ignores,
    /// each with its line.
    pub warnings: Vec<(usize, String)>,
}

/// What is being collected between a start and an end event.
enum Open {
    Link {
        dest: String,
        content: Option<Range<usize>>,
        line: usize,
    },
    Heading {
        level: HeadingLevel,
        content: Option<Range<usize>>,
        line: usize,
    },
}

/// Reads `SUMMARY.md`.
pub fn read(text: &str) -> Summary {
    let lines = LineIndex::new(text);
    let mut summary = Summary::default();
    let mut list_depth = 0u8;
    let mut numbered = false;
    let mut title_allowed = true;
    let mut open: Option<Open> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::List(_)) => {
                list_depth = list_depth.saturating_add(1);
                numbered = true;
                title_allowed = false;
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) if open.is_none() => {
                open = Some(Open::Link {
                    dest: dest_url.into_string(),
                    content: None,
                    line,
                });
            }
            Event::Start(Tag::Heading { level, .. }) if open.is_none() => {
                open = Some(Open::Heading {
                    level,
                    content: None,
                    line,
                });
            }
            Event::End(TagEnd::Link) => {
                let Some(Open::Link {
                    dest,
                    content,
                    line,
                }) = open.take()
                else {
                    continue;
                };
                title_allowed = false;
                let place = match (list_depth, numbered) {
                    (1.., _) => Place::Numbered,
                    (0, false) => Place::Prefix,
                    (0, true) => Place::Suffix,
                };
                let path = dest.split('#').next().unwrap_or_default().trim();
                summary.entries.push(Entry::Chapter {
                    title: source(text, content),
                    path: (!path.is_empty()).then(|| path.to_string()),
                    depth: list_depth.saturating_sub(1),
                    place,
                    line,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some(Open::Heading {
                    level,
                    content,
                    line,
                }) = open.take()
                else {
                    continue;
                };
                let title = source(text, content);
                if title_allowed {
                    // The summary's own title.
                    title_allowed = false;
                } else if level == HeadingLevel::H1 {
                    numbered = true;
                    summary.entries.push(Entry::Part { title, line });
                } else {
                    summary.warnings.push((
                        line,
                        format!("the heading `{title}` is neither the summary's title nor a part title (`# Title`): left out"),
                    ));
                }
            }
            Event::Rule => title_allowed = false,
            // Inside an open link or heading: its content.
            _ => match &mut open {
                Some(Open::Link { content, .. } | Open::Heading { content, .. }) => {
                    let span = content.get_or_insert(range.clone());
                    span.start = span.start.min(range.start);
                    span.end = span.end.max(range.end);
                }
                None => {
                    if let Event::Text(t) = &event {
                        if !t.trim().is_empty() {
                            title_allowed = false;
                            summary.warnings.push((
                                line,
                                format!("`{}` is not a link to a chapter: left out", t.trim()),
                            ));
                        }
                    }
                }
            },
        }
    }
    summary
}

/// The source text of a link's or heading's content.
fn source(text: &str, content: Option<Range<usize>>) -> String {
    content
        .and_then(|range| text.get(range))
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(title: &str, path: Option<&str>, depth: u8, place: Place, line: usize) -> Entry {
        Entry::Chapter {
            title: title.into(),
            path: path.map(Into::into),
            depth,
            place,
            line,
        }
    }

    #[test]
    fn prefix_numbered_parts_drafts_and_suffix_in_order() {
        let text = "# Summary\n\n[Preface](preface.md)\n\n---\n\n- [One](one.md)\n  - [One *a*](one/a.md#x)\n    - [Deep](one/a/b.md)\n  - [Draft]()\n\n# Second part\n\n- [Two](two.md)\n\n---\n\n[Notes](notes.md)\n";
        let summary = read(text);
        assert_eq!(
            summary.entries,
            [
                chapter("Preface", Some("preface.md"), 0, Place::Prefix, 3),
                chapter("One", Some("one.md"), 0, Place::Numbered, 7),
                chapter("One *a*", Some("one/a.md"), 1, Place::Numbered, 8),
                chapter("Deep", Some("one/a/b.md"), 2, Place::Numbered, 9),
                chapter("Draft", None, 1, Place::Numbered, 10),
                Entry::Part {
                    title: "Second part".into(),
                    line: 12
                },
                chapter("Two", Some("two.md"), 0, Place::Numbered, 14),
                chapter("Notes", Some("notes.md"), 0, Place::Suffix, 18),
            ]
        );
        assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    }

    #[test]
    fn a_part_title_may_open_the_numbered_chapters_and_stray_text_is_reported() {
        let summary = read("# Summary\n\n# Part one\n\n- [A](a.md)\n- Loose words\n\n## Sub\n");
        assert_eq!(
            summary.entries[0],
            Entry::Part {
                title: "Part one".into(),
                line: 3
            }
        );
        let lines: Vec<usize> = summary.warnings.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [6, 8]);
    }
}
