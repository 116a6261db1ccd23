//! Depth-first walks over the model, so that passes and checks need not each
//! spell out the tree's shape.

use super::{Block, Book, Chapter, Inline};

/// Calls `f` on every block, depth-first: block quotes, list items,
/// divisions, details and definitions are entered (footnotes are not: walk
/// `Chapter::footnotes` separately).
pub fn blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::BlockQuote { blocks: inner }
            | Block::Alert { blocks: inner, .. }
            | Block::Division { blocks: inner, .. }
            | Block::Details { blocks: inner, .. } => self::blocks(inner, f),
            Block::List { items, .. } => items.iter().for_each(|item| self::blocks(item, f)),
            Block::DefinitionList { items } => items
                .iter()
                .flat_map(|item| &item.definitions)
                .for_each(|definition| self::blocks(definition, f)),
            _ => {}
        }
    }
}

/// Calls `f` on every block of a part, its footnotes' included, depth-first.
pub fn part_blocks<'a>(part: &'a Chapter, f: &mut impl FnMut(&'a Block)) {
    blocks(&part.blocks, f);
    for note in &part.footnotes {
        blocks(&note.blocks, f);
    }
}

/// Like [`blocks`], with mutable access.
pub fn blocks_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::BlockQuote { blocks: inner }
            | Block::Alert { blocks: inner, .. }
            | Block::Division { blocks: inner, .. }
            | Block::Details { blocks: inner, .. } => blocks_mut(inner, f),
            Block::List { items, .. } => items.iter_mut().for_each(|item| blocks_mut(item, f)),
            Block::DefinitionList { items } => items
                .iter_mut()
                .flat_map(|item| &mut item.definitions)
                .for_each(|definition| blocks_mut(definition, f)),
            _ => {}
        }
    }
}

/// Calls `f` on every inline of the blocks, depth-first: headings,
/// paragraphs, captions and table cells, and inside emphasis and links.
pub fn inlines<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Inline)) {
    self::blocks(blocks, &mut |block| match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => inline_tree(content, f),
        Block::Figure { caption, .. } | Block::CodeBlock { caption, .. } => inline_tree(caption, f),
        Block::Table { header, rows, .. } => header
            .iter()
            .chain(rows.iter().flatten())
            .for_each(|cell| inline_tree(cell, f)),
        Block::Details { summary, .. } => inline_tree(summary, f),
        Block::DefinitionList { items } => items.iter().for_each(|item| inline_tree(&item.term, f)),
        Block::BlockQuote { .. }
        | Block::Alert { .. }
        | Block::List { .. }
        | Block::Division { .. }
        | Block::ThematicBreak => {}
    });
}

/// Calls `f` on each inline and, depth-first, on those nested in it.
pub fn inline_tree<'a>(inlines: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for inline in inlines {
        f(inline);
        if let Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Phrase { content, .. }
        | Inline::Link { content, .. } = inline
        {
            inline_tree(content, f);
        }
    }
}

/// Like [`inlines`], with mutable access.
pub fn inlines_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Inline)) {
    blocks_mut(blocks, &mut |block| match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            inline_tree_mut(content, f)
        }
        Block::Figure { caption, .. } | Block::CodeBlock { caption, .. } => {
            inline_tree_mut(caption, f)
        }
        Block::Table { header, rows, .. } => header
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|cell| inline_tree_mut(cell, f)),
        Block::Details { summary, .. } => inline_tree_mut(summary, f),
        Block::DefinitionList { items } => items
            .iter_mut()
            .for_each(|item| inline_tree_mut(&mut item.term, f)),
        Block::BlockQuote { .. }
        | Block::Alert { .. }
        | Block::List { .. }
        | Block::Division { .. }
        | Block::ThematicBreak => {}
    });
}

/// Like [`inline_tree`], with mutable access.
pub fn inline_tree_mut(inlines: &mut [Inline], f: &mut impl FnMut(&mut Inline)) {
    for inline in inlines {
        f(inline);
        if let Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Phrase { content, .. }
        | Inline::Link { content, .. } = inline
        {
            inline_tree_mut(content, f);
        }
    }
}

/// Whether the book sets any code, inline or in blocks, titles and notes
/// included (and so needs the monospace face).
pub fn uses_code(book: &Book) -> bool {
    let mut found = false;
    for part in book.parts() {
        let bodies = std::iter::once(&part.blocks).chain(part.footnotes.iter().map(|f| &f.blocks));
        for blocks in bodies {
            self::blocks(blocks, &mut |b| {
                found |= matches!(b, Block::CodeBlock { .. });
            });
            inlines(blocks, &mut |i| {
                found |= matches!(i, Inline::Code { .. });
            });
        }
        inline_tree(&part.title, &mut |i| {
            found |= matches!(i, Inline::Code { .. });
        });
    }
    found
}

/// Whether a part sets any math, in its title, body or notes (its EPUB
/// content document then declares the `mathml` property).
pub fn uses_math(part: &Chapter) -> bool {
    let mut found = false;
    let is_math = |i: &Inline| matches!(i, Inline::Math { .. });
    let bodies = std::iter::once(&part.blocks).chain(part.footnotes.iter().map(|f| &f.blocks));
    for blocks in bodies {
        inlines(blocks, &mut |i| found |= is_math(i));
    }
    inline_tree(&part.title, &mut |i| found |= is_math(i));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_reach_nested_blocks_and_inlines() {
        let text = |s: &str| Inline::Text { text: s.into() };
        let tree = vec![Block::BlockQuote {
            blocks: vec![Block::List {
                start: None,
                tight: true,
                items: vec![vec![Block::Paragraph {
                    content: vec![Inline::Strong {
                        content: vec![Inline::Emphasis {
                            content: vec![text("deep")],
                        }],
                    }],
                }]],
            }],
        }];
        let mut kinds = 0;
        blocks(&tree, &mut |_| kinds += 1);
        assert_eq!(kinds, 3);
        let mut texts = Vec::new();
        inlines(&tree, &mut |i| {
            if let Inline::Text { text } = i {
                texts.push(text.as_str())
            }
        });
        assert_eq!(texts, ["deep"]);
        let mut tree = tree;
        inlines_mut(&mut tree, &mut |i| {
            if let Inline::Text { text } = i {
                text.push('!');
            }
        });
        let mut texts = Vec::new();
        inlines(&tree, &mut |i| {
            if let Inline::Text { text } = i {
                texts.push(text.as_str())
            }
        });
        assert_eq!(texts, ["deep!"]);
    }
}
