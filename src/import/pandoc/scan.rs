//! What pulldown-cmark finds in one file of a pandoc book, by byte offset:
//! code and HTML (never rewritten but for `<a href="#id">`), headings,
//! internal links (Markdown or HTML), reference and
//! footnote definitions, and the raw blocks of other formats.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

/// A heading, where it is written and what pandoc would call it.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its source, underline included.
    pub range: Range<usize>,
    /// Whether it stands at the top of the document (not in a quote, list
    /// or footnote): only those open chapters.
    pub top: bool,
    /// Its text, as pandoc derives an identifier from it.
    pub text: String,
}

/// An internal link to `#id`, and where its destination is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// The bytes holding `#id`.
    pub range: Range<usize>,
    /// `id`.
    pub id: String,
}

/// One file's findings, every list in source order.
#[derive(Debug, Default)]
pub struct Scan {
    /// Code blocks, code spans and HTML: rewriting never touches them.
    pub protected: Vec<Range<usize>>,
    /// Every heading.
    pub headings: Vec<Heading>,
    /// Destinations `#id` of inline links and of reference definitions.
    pub anchors: Vec<Anchor>,
    /// Labels of reference links and images, with where they are used.
    pub references: Vec<(usize, String)>,
    /// Link reference definitions: label and source.
    pub definitions: Vec<(String, Range<usize>)>,
    /// Footnote definitions at the top of the document: label and source.
    pub footnotes: Vec<(String, Range<usize>)>,
    /// Footnote references: where, and the label.
    pub footnote_refs: Vec<(usize, String)>,
    /// Where each link and image ends (pandoc may follow it with `{…}`).
    pub link_ends: Vec<usize>,
    /// Ids that HTML written by the author gives (`id="…"`, `name="…"`),
    /// with where.
    pub html_ids: Vec<(usize, String)>,
    /// Fenced code blocks whose info string is a raw attribute (`{=latex}`):
    /// the block and the format.
    pub raw_blocks: Vec<(Range<usize>, String)>,
}

/// Scans `text` with quire's Markdown options.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut depth = 0usize;
    let mut heading: Option<Heading> = None;
    let mut parser = Parser::new_ext(text, crate::parse::options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Heading { level, .. } => {
                        heading = Some(Heading {
                            level: *level as u8,
                            range: range.clone(),
                            top: depth == 0,
                            text: String::new(),
                        });
                    }
                    Tag::CodeBlock(kind) => {
                        out.protected.push(range.clone());
                        if let CodeBlockKind::Fenced(info) = kind {
                            let info = info.trim();
                            if let Some(format) =
                                info.strip_prefix("{=").and_then(|f| f.strip_suffix('}'))
                            {
                                out.raw_blocks.push((range.clone(), format.to_string()));
                            }
                        }
                    }
                    Tag::HtmlBlock => out.protected.push(range.clone()),
                    Tag::Link {
                        link_type,
                        dest_url,
                        id,
                        ..
                    }
                    | Tag::Image {
                        link_type,
                        dest_url,
                        id,
                        ..
                    } => {
                        out.link_ends.push(range.end);
                        if is_reference(*link_type) {
                            out.references.push((range.start, id.to_string()));
                        } else if matches!(tag, Tag::Link { .. }) {
                            if let Some(anchor) = inline_anchor(text, range.clone(), dest_url) {
                                out.anchors.push(anchor);
                            }
                        }
                    }
                    Tag::FootnoteDefinition(label) if depth == 0 => {
                        out.footnotes.push((label.to_string(), range.clone()));
                    }
                    _ => {}
                }
                if is_container(&tag) {
                    depth += 1;
                }
            }
            Event::End(end) => {
                if matches!(end, TagEnd::Heading(_)) {
                    out.headings.extend(heading.take());
                }
                if is_container_end(end) {
                    depth = depth.saturating_sub(1);
                }
            }
            Event::Text(t) => {
                if let Some(h) = &mut heading {
                    h.text.push_str(&t);
                }
            }
            Event::Code(t) => {
                out.protected.push(range.clone());
                if let Some(h) = &mut heading {
                    h.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = &mut heading {
                    h.text.push(' ');
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                out.protected.push(range.clone());
                out.html_ids
                    .extend(html_ids(&html).into_iter().map(|id| (range.start, id)));
                // `<a href="#id">`, written as it reads, is an internal link too.
                for address in crate::parse::link_addresses(&html) {
                    let written = &html[address.range.clone()];
                    if let Some(id) = written
                        .strip_prefix('#')
                        .filter(|_| written == address.value)
                    {
                        out.anchors.push(Anchor {
                            range: range.start + address.range.start
                                ..range.start + address.range.end,
                            id: id.to_string(),
                        });
                    }
                }
            }
            Event::FootnoteReference(label) => {
                out.footnote_refs.push((range.start, label.to_string()));
            }
            _ => {}
        }
    }
    for (label, def) in parser.reference_definitions().iter() {
        out.definitions.push((label.to_string(), def.span.clone()));
        if let Some(id) = def.dest.strip_prefix('#') {
            let source = &text[def.span.clone()];
            if let Some(at) = source.find(&*def.dest) {
                let start = def.span.start + at;
                out.anchors.push(Anchor {
                    range: start..start + def.dest.len(),
                    id: id.to_string(),
                });
            }
        }
    }
    out.definitions.sort_by_key(|(_, span)| span.start);
    out.anchors.sort_by_key(|a| a.range.start);
    out.protected.sort_by_key(|r| r.start);
    // Disjoint, so that one binary search answers `is_protected`.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.protected.len());
    for range in std::mem::take(&mut out.protected) {
        match merged.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    out.protected = merged;
    out
}

impl Scan {
    /// Whether byte `at` lies in code or HTML.
    pub fn is_protected(&self, at: usize) -> bool {
        let i = self.protected.partition_point(|r| r.start <= at);
        i > 0 && self.protected[i - 1].contains(&at)
    }
}

/// The values of `id` and `name` attributes in a piece of HTML.
fn html_ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in [" id=\"", " name=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(key) {
            rest = &rest[at + key.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

fn is_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
    )
}

/// The `#id` destination of an inline link `[…](#id …)`, found after the
/// link's last `](`.
fn inline_anchor(text: &str, range: Range<usize>, dest: &str) -> Option<Anchor> {
    let id = dest.strip_prefix('#')?;
    let source = text.get(range.clone())?;
    let from = source.rfind("](")?;
    let at = source[from..].find(dest)? + from;
    let start = range.start + at;
    Some(Anchor {
        range: start..start + dest.len(),
        id: id.to_string(),
    })
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
    )
}

fn is_container_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_links_code_and_definitions() {
        let text = "# One {-}\n\n> # Quoted\n\nSee [x](#two) and [r][ref] `[a]{.b}`.[^n]\n\n```{=latex}\n\\newpage\n```\n\n[ref]: #two\n[^n]: Note.\n\n# Two\n";
        let scan = scan(text);
        let top: Vec<(u8, bool)> = scan.headings.iter().map(|h| (h.level, h.top)).collect();
        assert_eq!(top, [(1, true), (1, false), (1, true)]);
        assert_eq!(scan.headings[0].text.trim(), "One");
        let ids: Vec<&str> = scan.anchors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["two", "two"]);
        for anchor in &scan.anchors {
            assert_eq!(&text[anchor.range.clone()], "#two");
        }
        assert_eq!(scan.references[0].1, "ref");
        assert_eq!(scan.footnotes[0].0, "n");
        assert_eq!(scan.footnote_refs[0].1, "n");
        assert_eq!(scan.raw_blocks[0].1, "latex");
        let html = super::scan(
            "<a href=\"#two\">x</a> and <a href='#t&amp;'>y</a>\n\n<p><a href=#three>z</a></p>\n",
        );
        let ids: Vec<&str> = html.anchors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["two", "three"]);
        assert_eq!(html.anchors[1].range, 61..67);
        assert_eq!(html_ids("<a name=\"n\"></a><span id=\"s\">"), ["s", "n"]);
        let span = text.find("[a]").unwrap();
        assert!(scan.is_protected(span) && !scan.is_protected(0));
    }
}
