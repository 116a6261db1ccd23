//! Inline content as markup: text (counted for the print pages'
//! markers), emphasis and phrases, code, links, images, note references,
//! formulas as MathML, task boxes and anchors.

use super::{notes, Writer};
use crate::model::{Inline, LinkTarget, PhraseKind};
use crate::xml::{escape, push_escaped, xml_id};

impl Writer<'_> {
    /// A paragraph's inlines, with the markers of the print pages that
    /// begin at its words.
    pub(super) fn paragraph(&mut self, content: &[Inline]) {
        self.pages.start_paragraph();
        self.inlines(content);
        let rest = self.pages.end_paragraph();
        self.out.push_str(&rest);
    }

    pub(super) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text { text } if self.pages.counting() => self.pages.text(text, &mut self.out),
            Inline::Text { text } => push_escaped(&mut self.out, text),
            Inline::Emphasis { content } => self.wrap("em", content),
            Inline::Phrase {
                kind,
                classes,
                title,
                content,
            } => {
                let tag = phrase_element(*kind);
                self.out.push('<');
                self.out.push_str(tag);
                self.classes(classes);
                if let Some(title) = title {
                    self.out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                self.out.push('>');
                self.inlines(content);
                self.out.push_str(&format!("</{tag}>"));
            }
            Inline::Strong { content } => self.wrap("strong", content),
            Inline::Code { code } => {
                self.out.push_str("<code>");
                self.pages.text(code, &mut self.out);
                self.out.push_str("</code>");
            }
            Inline::Link {
                target,
                title,
                content,
            } => {
                let href = match target {
                    LinkTarget::External { url } => crate::url::href(url),
                    LinkTarget::Internal { chapter, anchor } => {
                        let file = self.names.part(chapter);
                        match anchor {
                            Some(anchor) => format!("{file}#{}", xml_id(anchor)),
                            None => file.to_owned(),
                        }
                    }
                };
                self.out.push_str(&format!("<a href=\"{}\"", escape(&href)));
                // A cross-reference's "page" asks print for a number; on
                // screen it is an ordinary link.
                let page_ref = matches!(target, LinkTarget::Internal { .. })
                    && title.as_deref() == Some(crate::model::pagination::PAGE_REF);
                if let Some(title) = title.as_ref().filter(|_| !page_ref) {
                    self.out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                self.out.push('>');
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Image { image } => self.image(image, Some("inline")),
            Inline::FootnoteRef { id, number } => {
                let label = id.strip_prefix("fn-").unwrap_or(id);
                let ref_id = self.fresh_id(&format!("fnref-{label}"));
                self.refs
                    .entry(id.clone())
                    .or_default()
                    .push(ref_id.clone());
                let href = match self.endnotes {
                    Some((file, part)) => format!("{file}#{}", notes::endnote_id(part, id)),
                    None => format!("#{}", xml_id(id)),
                };
                self.out.push_str(&format!(
                    "<a class=\"noteref\"{} role=\"doc-noteref\" id=\"{}\" href=\"{}\">{number}</a>",
                    self.flavor.epub_type("noteref"),
                    escape(&ref_id),
                    escape(&href),
                ));
            }
            Inline::HardBreak => {
                self.pages.hard_break();
                self.out.push_str("<br/>\n");
            }
            Inline::Math { tex, display } => self.out.push_str(&crate::math::mathml(tex, *display)),
            Inline::Task { done } => {
                let label = self.labels.task(*done);
                let checked = if *done { " checked=\"checked\"" } else { "" };
                self.out.push_str(&format!(
                    "<input type=\"checkbox\" class=\"task\" disabled=\"disabled\"{checked} aria-label=\"{}\"/> ",
                    escape(label)
                ));
            }
            Inline::Anchor { id } => self
                .out
                .push_str(&format!("<span id=\"{}\"></span>", escape(&xml_id(id)))),
        }
    }

    pub(super) fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }
}

/// The XHTML element of a phrase.
fn phrase_element(kind: PhraseKind) -> &'static str {
    match kind {
        PhraseKind::Span => "span",
        PhraseKind::Keyboard => "kbd",
        PhraseKind::Small => "small",
        PhraseKind::Mark => "mark",
        PhraseKind::Inserted => "ins",
        PhraseKind::Underline => "u",
        PhraseKind::Abbreviation => "abbr",
        PhraseKind::Quotation => "q",
        PhraseKind::Citation => "cite",
        PhraseKind::Strikethrough => "del",
        PhraseKind::Superscript => "sup",
        PhraseKind::Subscript => "sub",
    }
}
