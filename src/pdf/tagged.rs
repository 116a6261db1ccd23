//! The structure tree of a tagged PDF (PDF/UA-1): the book's logical
//! structure, in reading order, over the marked content of the pages.
//!
//! The content streams mark each run of a page's items with an MCID (see
//! [`super::content`]) and record what it is ([`Marked`]); the layout's
//! tags say which element a run belongs to and where that element stands
//! in its part (a path of block indices), and the model says what the
//! blocks along that path are (lists, quotes, tables, figures). From these
//! [`Tree`] builds the elements, in the order the pages are read: a
//! `Document` of `Sect`s, one per part, holding `H1`…`H6`, `P`, lists
//! (`L`, its `LI`s, each a `Lbl` and an `LBody`), `BlockQuote`, `Div`,
//! tables (`Table`, `TR`, `TH` with its scope, `TD`), `Figure` (with
//! `Caption`), `Formula`, `Code`, `Note` and `Link`s (an `/OBJR` to the
//! annotation), and the contents pages as a `TOC` of `TOCI`s (a sub-entry's
//! in a `TOC` inside its entry's `TOCI`), each holding its line(s) as `P`. Only standard structure types are used, so
//! there is no role map. An element is made when its first content is
//! found, so none is empty.

use crate::layout::document::{Role, Tag};
use crate::model::{Block, Book, Chapter};
use pdf_writer::{Finish, Name, Pdf, Ref, Str, TextStr};
use std::collections::BTreeMap;

/// What a marked-content sequence of a page is, by its MCID.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Marked {
    /// Content of the element of this tag.
    Content(Tag),
    /// A picture in the running text of the element of this tag, with its
    /// alternative text: a `Figure` of its own inside that element.
    Picture(Tag, String),
}

/// Which element a key names (see [`Tree`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A part's section.
    Sect(u32),
    /// A container around blocks: part, path of block indices, and how
    /// deep inside that block (a list item's `LI` is 0, its `LBody` 1).
    Block(u32, Vec<usize>, u8),
    /// An element the layout numbered.
    Element(u32),
    /// A table row: the table's element number and the row.
    Row(u32, u32),
    /// A table cell: the table's element number, row and column.
    Cell(u32, u32, u32),
    /// The contents' `TOC` (`None`), or the `TOC` of the entries under
    /// an entry.
    Contents(Option<u32>),
    /// An entry of the contents: its `TOCI`.
    ContentsEntry(u32),
}

/// One child of an element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    Node(usize),
    /// Marked content `mcid` on page `page` (its index in the book).
    Content {
        page: usize,
        mcid: i32,
    },
    /// A link annotation on page `page`.
    Annotation {
        page: usize,
        annotation: Ref,
    },
}

/// A structure element.
#[derive(Debug)]
struct Node {
    kind: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    alt: Option<String>,
    /// A header cell's scope (`Column`).
    scope: bool,
    /// A note's `/ID`.
    id: Option<String>,
}

/// The structure tree as it is built, page after page in reading order.
pub(super) struct Tree<'a> {
    parts: Vec<&'a Chapter>,
    nodes: Vec<Node>,
    keys: BTreeMap<Key, usize>,
    /// The part whose text is being read, once its title has been.
    part: Option<u32>,
    /// For each page with marked content, the element of each MCID.
    parents: BTreeMap<usize, Vec<usize>>,
    /// Each link annotation's element, in order of their keys.
    links: Vec<usize>,
    /// The first key for annotations (after every page's).
    first_link_key: i32,
    /// The level of the last heading read (0 before the first).
    last_heading: u8,
}

impl<'a> Tree<'a> {
    /// An empty tree for `book` whose file has `pages` pages.
    pub fn new(book: &'a Book, pages: usize) -> Tree<'a> {
        Tree {
            parts: book.parts().collect(),
            nodes: vec![Node::new("Document", 0)],
            keys: BTreeMap::new(),
            part: None,
            parents: BTreeMap::new(),
            links: Vec::new(),
            first_link_key: pages as i32,
            last_heading: 0,
        }
    }

    /// Adds the marked content of page `page` (its index in the book), in
    /// reading order: element `marked[i]` holds MCID `i`.
    pub fn page(&mut self, page: usize, marked: &[Marked]) {
        let mut parents = Vec::with_capacity(marked.len());
        for (mcid, mark) in marked.iter().enumerate() {
            let kid = Kid::Content {
                page,
                mcid: mcid as i32,
            };
            let node = match mark {
                Marked::Content(tag) => self.content(tag),
                Marked::Picture(tag, alt) => {
                    let parent = self.content(tag);
                    let node = self.push(Node {
                        alt: Some(alt.clone()),
                        ..Node::new("Figure", parent)
                    });
                    self.nodes[parent].kids.push(Kid::Node(node));
                    node
                }
            };
            self.nodes[node].kids.push(kid);
            parents.push(node);
        }
        if !parents.is_empty() {
            self.parents.insert(page, parents);
        }
    }

    /// A `Link` element for a link annotation on page `page`, inside the
    /// element holding MCID `mcid` of that page (or the part's section);
    /// returns the annotation's `/StructParent` key.
    pub fn link(&mut self, page: usize, mcid: Option<usize>, annotation: Ref) -> i32 {
        let parent = mcid
            .and_then(|m| self.parents.get(&page).and_then(|p| p.get(m)).copied())
            .unwrap_or_else(|| self.section());
        let node = self.push(Node::new("Link", parent));
        self.nodes[parent].kids.push(Kid::Node(node));
        self.nodes[node]
            .kids
            .push(Kid::Annotation { page, annotation });
        self.links.push(node);
        self.first_link_key + self.links.len() as i32 - 1
    }

    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The element named `key`, made as a `kind` under `parent` if new.
    fn node(&mut self, key: Key, kind: &'static str, parent: usize) -> usize {
        if let Some(&node) = self.keys.get(&key) {
            return node;
        }
        let node = self.push(Node::new(kind, parent));
        self.nodes[parent].kids.push(Kid::Node(node));
        self.keys.insert(key, node);
        node
    }

    /// The section of the part being read (the document before the first).
    fn section(&mut self) -> usize {
        match self.part {
            Some(part) => self.node(Key::Sect(part), "Sect", 0),
            None => 0,
        }
    }

    /// The element a run of content tagged `tag` belongs to.
    fn content(&mut self, tag: &Tag) -> usize {
        if let Role::Title { level, part } = tag.role {
            self.part = Some(part);
            let section = self.section();
            let level = self.heading_level(tag, level);
            return self.node(Key::Element(tag.element), heading(level), section);
        }
        if let Role::ContentsEntry { entry, parent } = tag.role {
            let item = self.contents_entry(entry, parent);
            let node = self.push(Node::new("P", item));
            self.nodes[item].kids.push(Kid::Node(node));
            return node;
        }
        let mut parent = self.section();
        let mut figure = None;
        if let (Some(part), Some(path)) = (self.part, tag.origin.as_deref()) {
            let blocks = self.parts.get(part as usize).map_or(&[][..], |c| &c.blocks);
            for (depth, container) in containers(blocks, path).into_iter().enumerate() {
                let key = Key::Block(part, path[..container.prefix].to_vec(), depth as u8);
                if container.kind == "LBody" && tag.role == Role::Label {
                    // The label stands before the item's body.
                    return self.label(tag, parent);
                }
                let fresh = !self.keys.contains_key(&key);
                parent = self.node(key, container.kind, parent);
                if fresh {
                    self.nodes[parent].alt = container.alt;
                }
                if container.kind == "Figure" {
                    figure = Some(parent);
                }
            }
        }
        let element = |tree: &mut Tree, kind| {
            if tag.element == 0 {
                let node = tree.push(Node::new(kind, parent));
                tree.nodes[parent].kids.push(Kid::Node(node));
                node
            } else {
                tree.node(Key::Element(tag.element), kind, parent)
            }
        };
        match &tag.role {
            Role::Figure if figure.is_some() => parent,
            Role::Caption if figure.is_some() => element(self, "Caption"),
            Role::Heading(level) => {
                let level = self.heading_level(tag, *level);
                element(self, heading(level))
            }
            Role::Code => element(self, "Code"),
            Role::Note => {
                let node = element(self, "Note");
                self.nodes[node].id = Some(format!("note-{}", tag.element));
                node
            }
            Role::Formula(tex) => {
                let node = element(self, "Formula");
                self.nodes[node].alt = Some(tex.to_string());
                node
            }
            Role::Label => element(self, "Lbl"),
            Role::Cell {
                row,
                column,
                header,
            } => {
                let table = if self.nodes[parent].kind == "Table" {
                    parent
                } else {
                    self.node(Key::Element(tag.element), "Table", parent)
                };
                let tr = self.node(Key::Row(tag.element, *row), "TR", table);
                let cell = Key::Cell(tag.element, *row, *column);
                let node = self.node(cell, if *header { "TH" } else { "TD" }, tr);
                self.nodes[node].scope = *header;
                node
            }
            _ => element(self, "P"),
        }
    }

    /// The `TOCI` of contents entry `entry`, made if new: in the
    /// contents' `TOC` (a child of the document, where the contents pages
    /// are read), or for a sub-entry in a `TOC` inside its `parent`'s
    /// `TOCI`.
    fn contents_entry(&mut self, entry: u32, parent: Option<u32>) -> usize {
        if let Some(&node) = self.keys.get(&Key::ContentsEntry(entry)) {
            return node;
        }
        let list = match parent.and_then(|p| self.keys.get(&Key::ContentsEntry(p)).copied()) {
            Some(item) => self.node(Key::Contents(parent), "TOC", item),
            None => self.node(Key::Contents(None), "TOC", 0),
        };
        self.node(Key::ContentsEntry(entry), "TOCI", list)
    }

    /// The level a heading is tagged with: its own, but never more than
    /// one below the heading before it (as the EPUB's levels never skip
    /// one); a heading already made keeps its level.
    fn heading_level(&mut self, tag: &Tag, level: u8) -> u8 {
        if let Some(&node) = self.keys.get(&Key::Element(tag.element)) {
            let kind = self.nodes[node].kind;
            return kind[1..].parse().unwrap_or(level);
        }
        let level = level.min(self.last_heading.saturating_add(1));
        self.last_heading = level;
        level
    }

    /// A list item's label, first in the item (`LI`, `parent`).
    fn label(&mut self, tag: &Tag, parent: usize) -> usize {
        if let Some(&node) = self.keys.get(&Key::Element(tag.element)) {
            return node;
        }
        let node = self.push(Node::new("Lbl", parent));
        self.nodes[parent].kids.insert(0, Kid::Node(node));
        self.keys.insert(Key::Element(tag.element), node);
        node
    }

    /// Writes the tree: the elements, the parent tree and the root;
    /// `pages` are the page objects in order, `refs` hands out objects.
    /// Returns the `StructTreeRoot`.
    pub fn write(&self, pdf: &mut Pdf, pages: &[Ref], next: &mut dyn FnMut() -> Ref) -> Ref {
        let root = next();
        let ids: Vec<Ref> = self.nodes.iter().map(|_| next()).collect();
        for (i, node) in self.nodes.iter().enumerate() {
            let mut dict = pdf.indirect(ids[i]).dict();
            dict.pair(Name(b"Type"), Name(b"StructElem"));
            dict.pair(Name(b"S"), Name(node.kind.as_bytes()));
            dict.pair(Name(b"P"), if i == 0 { root } else { ids[node.parent] });
            if let Some(alt) = &node.alt {
                dict.pair(Name(b"Alt"), TextStr(alt));
            }
            if let Some(id) = &node.id {
                dict.pair(Name(b"ID"), Str(id.as_bytes()));
            }
            if node.scope {
                let mut a = dict.insert(Name(b"A")).dict();
                a.pair(Name(b"O"), Name(b"Table"));
                a.pair(Name(b"Scope"), Name(b"Column"));
                a.finish();
            }
            let mut kids = dict.insert(Name(b"K")).array();
            for kid in &node.kids {
                match *kid {
                    Kid::Node(n) => {
                        kids.item(ids[n]);
                    }
                    Kid::Content { page, mcid } => {
                        let mut mcr = kids.push().dict();
                        mcr.pair(Name(b"Type"), Name(b"MCR"));
                        mcr.pair(Name(b"Pg"), pages[page]);
                        mcr.pair(Name(b"MCID"), mcid);
                    }
                    Kid::Annotation { page, annotation } => {
                        let mut objr = kids.push().dict();
                        objr.pair(Name(b"Type"), Name(b"OBJR"));
                        objr.pair(Name(b"Pg"), pages[page]);
                        objr.pair(Name(b"Obj"), annotation);
                    }
                }
            }
            kids.finish();
        }
        let parent_tree = next();
        let mut tree = pdf.indirect(parent_tree).dict();
        let mut nums = tree.insert(Name(b"Nums")).array();
        for (page, parents) in &self.parents {
            nums.item(*page as i32);
            nums.push().array().items(parents.iter().map(|&n| ids[n]));
        }
        for (i, &link) in self.links.iter().enumerate() {
            nums.item(self.first_link_key + i as i32);
            nums.item(ids[link]);
        }
        nums.finish();
        tree.finish();
        let mut dict = pdf.indirect(root).dict();
        dict.pair(Name(b"Type"), Name(b"StructTreeRoot"));
        dict.pair(Name(b"K"), ids[0]);
        dict.pair(Name(b"ParentTree"), parent_tree);
        dict.pair(
            Name(b"ParentTreeNextKey"),
            self.first_link_key + self.links.len() as i32,
        );
        dict.finish();
        root
    }
}

impl Node {
    fn new(kind: &'static str, parent: usize) -> Node {
        Node {
            kind,
            parent,
            kids: Vec::new(),
            alt: None,
            scope: false,
            id: None,
        }
    }
}

/// The structure type of a heading of `level`.
fn heading(level: u8) -> &'static str {
    ["H1", "H2", "H3", "H4", "H5", "H6"][usize::from(level.clamp(1, 6)) - 1]
}

/// A container along a block path: its type, how many indices of the
/// path name it, and its alternative text (a figure's).
#[derive(Debug, PartialEq)]
struct Container {
    kind: &'static str,
    prefix: usize,
    alt: Option<String>,
}

/// The containers the blocks along `path` make, outermost first: a list
/// and its item (`L`, `LI`, `LBody`), a quotation, a division (an alert, a
/// `<div>`, a disclosure, a definition list), a table, a figure with
/// alternative text. The layout's paths go through the blocks of quotes,
/// alerts, divisions, disclosures, and a list's items then blocks.
fn containers(blocks: &[Block], path: &[usize]) -> Vec<Container> {
    let mut out = Vec::new();
    let (mut blocks, mut at) = (blocks, 0);
    let simple = |kind, prefix| Container {
        kind,
        prefix,
        alt: None,
    };
    while let Some(block) = path.get(at).and_then(|&i| blocks.get(i)) {
        at += 1;
        match block {
            Block::BlockQuote { blocks: inner } => {
                out.push(simple("BlockQuote", at));
                blocks = inner;
            }
            Block::Alert { blocks: inner, .. }
            | Block::Division { blocks: inner, .. }
            | Block::Details { blocks: inner, .. } => {
                out.push(simple("Div", at));
                blocks = inner;
            }
            Block::List { items, .. } => {
                out.push(simple("L", at));
                let Some(item) = path.get(at).and_then(|&i| items.get(i)) else {
                    break;
                };
                at += 1;
                out.push(simple("LI", at));
                out.push(simple("LBody", at));
                blocks = item;
            }
            Block::DefinitionList { .. } => {
                out.push(simple("Div", at));
                break;
            }
            Block::Table { .. } => {
                out.push(simple("Table", at));
                break;
            }
            Block::Figure { image, .. } if !image.alt.trim().is_empty() => {
                out.push(Container {
                    kind: "Figure",
                    prefix: at,
                    alt: Some(image.alt.clone()),
                });
                break;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: text.into() }],
        }
    }

    #[test]
    fn a_path_through_a_quoted_list_gives_its_containers() {
        let list = Block::List {
            start: None,
            tight: true,
            items: vec![vec![paragraph("a")], vec![paragraph("b"), paragraph("c")]],
        };
        let blocks = vec![paragraph("x"), Block::BlockQuote { blocks: vec![list] }];
        let kinds: Vec<(&str, usize)> = containers(&blocks, &[1, 0, 1, 1])
            .iter()
            .map(|c| (c.kind, c.prefix))
            .collect();
        assert_eq!(
            kinds,
            [("BlockQuote", 1), ("L", 2), ("LI", 3), ("LBody", 3)]
        );
        assert!(containers(&blocks, &[0]).is_empty());
        // A path the model does not have stops where it leaves it.
        assert!(containers(&blocks, &[7, 1]).is_empty());
    }

    #[test]
    fn headings_deeper_than_six_stay_at_six() {
        assert_eq!(heading(1), "H1");
        assert_eq!(heading(6), "H6");
        assert_eq!(heading(9), "H6");
    }
}
