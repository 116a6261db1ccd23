//! The resources page: every external source the book points to.
//!
//! Links found anywhere in the text are merged with the resources declared
//! in `book.toml`, de-duplicated by address, and grouped: declared resources
//! under their `group` (default the `further-reading` label, "Further
//! reading"), the rest under the `cited-in-text` label ("Cited in the
//! text"); the page is titled with the `resources` label, in the book's
//! language ([`crate::model::Labels`]). Each entry prints its full address (a printed page cannot be
//! clicked) and names the parts that cite it.

use super::PassContext;
use crate::config::ResourceConfig;
use crate::model::{
    plain_text, walk, Block, Book, Chapter, ChapterKind, Inline, Labels, LinkTarget,
};
use std::collections::hash_map::{Entry, HashMap};

/// The part id of the resources page.
pub const ID: &str = "resources";

/// One entry of the resources page.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The name shown.
    pub title: String,
    /// The address, as written.
    pub url: String,
    /// What it offers, if declared.
    pub description: Option<String>,
    /// The group it is listed under.
    pub group: String,
    /// Ids and titles of the parts linking to it, in reading order.
    pub cited_in: Vec<(String, String)>,
}

/// The resources pass: closes the book with the resources page, when it
/// cites anything ([`collect`], [`page`]).
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    let labels = book.matter.labels.clone();
    let resources = collect(book, cx.resources, &labels);
    book.appendices.extend(page(&resources, &labels));
}

/// Collects the book's resources: declared ones first, in their order, then
/// those found only in the text, in order of first citation; the groups
/// named by `labels`.
pub fn collect(book: &Book, declared: &[ResourceConfig], labels: &Labels) -> Vec<Resource> {
    let mut resources: Vec<Resource> = Vec::new();
    // Each resource's index by its normalised address: one lookup per link
    // (a search of every resource per link, normalising both, was
    // quadratic in links).
    let mut by_address: HashMap<String, usize> = HashMap::new();
    for d in declared {
        let Entry::Vacant(slot) = by_address.entry(normalize(&d.url)) else {
            continue;
        };
        slot.insert(resources.len());
        resources.push(Resource {
            title: d.title.clone(),
            url: d.url.clone(),
            description: d.description.clone(),
            group: d
                .group
                .clone()
                .unwrap_or_else(|| labels.further_reading.clone()),
            cited_in: Vec::new(),
        });
    }
    for part in book.parts() {
        let mut found = Vec::new();
        external_links(&part.blocks, &mut found);
        for footnote in &part.footnotes {
            external_links(&footnote.blocks, &mut found);
        }
        for (url, text) in found {
            let citation = (part.id.clone(), part.title_text());
            match by_address.entry(normalize(&url)) {
                // Parts come one after another, so a part already citing
                // this resource is the last one it lists.
                Entry::Occupied(index) => {
                    let r = &mut resources[*index.get()];
                    if r.cited_in.last() != Some(&citation) {
                        r.cited_in.push(citation);
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(resources.len());
                    resources.push(Resource {
                        title: if text.trim().is_empty() || text == url {
                            host(&url).to_string()
                        } else {
                            text
                        },
                        url,
                        description: None,
                        group: labels.cited_in_text.clone(),
                        cited_in: vec![citation],
                    });
                }
            }
        }
    }
    resources
}

/// Builds the resources page in the words of `labels`, or `None` when the
/// book cites nothing.
pub fn page(resources: &[Resource], labels: &Labels) -> Option<Chapter> {
    if resources.is_empty() {
        return None;
    }
    let mut groups: Vec<&str> = Vec::new();
    for r in resources {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let mut blocks = Vec::new();
    for group in groups {
        blocks.push(Block::Heading {
            level: 2,
            id: crate::passes::ids::slug(group),
            classes: Vec::new(),
            content: vec![text(group)],
        });
        let items = resources
            .iter()
            .filter(|r| r.group == group)
            .map(|r| entry(r, labels))
            .collect();
        blocks.push(Block::List {
            start: None,
            tight: false,
            items,
        });
    }
    Some(Chapter {
        id: ID.to_string(),
        kind: ChapterKind::Resources,
        number: None,
        depth: 0,
        title: vec![text(&labels.resources)],
        source: String::new(),
        blocks,
        footnotes: Vec::new(),
    })
}

fn entry(r: &Resource, labels: &Labels) -> Vec<Block> {
    let mut content = vec![Inline::Strong {
        content: vec![text(&r.title)],
    }];
    if let Some(description) = &r.description {
        content.push(text(&format!(" — {description}")));
    }
    content.push(Inline::HardBreak);
    content.push(Inline::Link {
        target: LinkTarget::External { url: r.url.clone() },
        title: None,
        content: vec![text(&r.url)],
    });
    if !r.cited_in.is_empty() {
        content.push(Inline::HardBreak);
        // "Cited in {parts}.": the words around the links to the parts.
        let (before, after) = labels
            .cited_in
            .split_once("{parts}")
            .unwrap_or((&labels.cited_in, ""));
        if !before.is_empty() {
            content.push(text(before));
        }
        for (i, (id, title)) in r.cited_in.iter().enumerate() {
            if i > 0 {
                content.push(text(if i + 1 == r.cited_in.len() {
                    &labels.list_and
                } else {
                    &labels.list_separator
                }));
            }
            content.push(Inline::Link {
                target: LinkTarget::Internal {
                    chapter: id.clone(),
                    anchor: None,
                },
                title: None,
                content: vec![Inline::Emphasis {
                    content: vec![text(title)],
                }],
            });
        }
        if !after.is_empty() {
            content.push(text(after));
        }
    }
    vec![Block::Paragraph { content }]
}

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
    }
}

/// The external links of some blocks: address and link text, in order.
fn external_links(blocks: &[Block], out: &mut Vec<(String, String)>) {
    walk::inlines(blocks, &mut |inline| {
        if let Inline::Link {
            target: LinkTarget::External { url },
            content,
            ..
        } = inline
        {
            out.push((url.clone(), plain_text(content)));
        }
    });
}

/// Whether two addresses name the same resource (scheme and host compared
/// case-insensitively, a trailing slash ignored): their [`normalize`]d
/// forms are equal.
#[cfg(test)]
fn same_address(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

/// The address with its scheme and host in lower case and no trailing slash.
fn normalize(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let host_end = rest.find('/').unwrap_or(rest.len());
            format!(
                "{}://{}{}",
                url[..i].to_ascii_lowercase(),
                rest[..host_end].to_ascii_lowercase(),
                &rest[host_end..]
            )
        }
        None => url.to_string(),
    }
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("mailto:").unwrap_or(rest);
    rest.split('/').next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_loosely_on_scheme_host_and_trailing_slash() {
        assert!(same_address(
            "HTTPS://Example.org/a/",
            "https://example.org/a"
        ));
        assert!(!same_address(
            "https://example.org/A",
            "https://example.org/a"
        ));
        assert_eq!(host("https://archive.org/search?q=x"), "archive.org");
        assert_eq!(host("mailto:a@b.c"), "a@b.c");
    }
}
