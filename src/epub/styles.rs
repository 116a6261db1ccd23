//! The stylesheet, the faces it names, each subset to the book's
//! characters, and the author's stylesheet's files, as items of the
//! package ([`crate::markup::styles`] says which).

use super::fonts;
use super::names::STYLESHEET;
use super::package::Item;
use crate::markup::styles::styles;
use crate::model::Book;
use crate::Result;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The stylesheet and the faces it names, subset to `chars`, and the files
/// of the author's stylesheet.
pub(super) fn styles_and_fonts(book: &Book, chars: &BTreeSet<char>) -> Result<Vec<Item>> {
    let greek = chars.iter().any(|&c| crate::markup::is_greek(c));
    let styles = styles(book, greek, book.settings.epub.embed_fonts);
    let mut items = vec![Item::resource(
        "css",
        STYLESHEET,
        "text/css",
        styles.stylesheet.into_bytes(),
    )];
    for (i, (name, media_type, data)) in styles.files.iter().enumerate() {
        items.push(Item::resource(
            &format!("css-file-{}", i + 1),
            &format!("css/{name}"),
            media_type,
            data.to_vec(),
        ));
    }
    // The faces are subset in parallel, and added in their order.
    let subsets: Vec<Vec<u8>> = styles
        .fonts
        .par_iter()
        .map(|font| fonts::subset(font.data, font.name, chars, &font.figures))
        .collect::<Result<_>>()?;
    for (n, (font, subset)) in styles.fonts.iter().zip(subsets).enumerate() {
        items.push(Item::resource(
            &format!("font-{}", n + 1),
            &format!("fonts/{}", font.file),
            if font.cff { "font/otf" } else { "font/ttf" },
            subset,
        ));
    }
    Ok(items)
}
