//! Word boxes of a PDF as `pdftotext -bbox` gives them, and the check that
//! none leaves its page's text block (issue 10: no glyph outside the
//! text block).

use quire::layout::Document;
use std::path::Path;
use std::process::Command;

/// A word and its horizontal extent, in points from the page's left edge.
#[derive(Debug, Clone)]
pub struct Word {
    /// The word's text.
    pub text: String,
    /// Left edge.
    pub x_min: f32,
    /// Right edge.
    pub x_max: f32,
}

/// Every page's words.
pub fn pages(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let attribute = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("a number")
    };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').expect("a word tag");
                    let text = rest.split("</word>").next().unwrap_or_default();
                    Word {
                        text: text
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&apos;", "'")
                            .replace("&amp;", "&"),
                        x_min: attribute(tag, "xMin"),
                        x_max: attribute(tag, "xMax"),
                    }
                })
                .collect()
        })
        .collect()
}

/// The words (page number from 1, word, points outside) that cross the
/// left or right edge of their page's text block by more than half a point.
#[allow(dead_code)] // Not every test crate that reads word boxes checks the block.
pub fn outside_the_block(document: &Document, pages: &[Vec<Word>]) -> Vec<(usize, String, f32)> {
    assert_eq!(document.pages.len(), pages.len(), "one word list per page");
    let mut out = Vec::new();
    for (i, (page, words)) in document.pages.iter().zip(pages).enumerate() {
        let block = page.text_block;
        for word in words {
            let over = (block.x - word.x_min).max(word.x_max - (block.x + block.width));
            if over > 0.5 {
                out.push((i + 1, word.text.clone(), over));
            }
        }
    }
    out
}
