//! The blocks of a part as markup: headings (never skipping a level),
//! paragraphs, quotes, alerts, lists (tight items set directly in the
//! `<li>`), listings, figures, divisions, details, definition lists and
//! tables, each with the print pages' markers due around it.

use super::Writer;
use crate::model::{has_no_words, Alignment, Block, Image, Inline};
use crate::xml::{escape, xml_id};

impl Writer<'_> {
    pub(super) fn block(&mut self, block: &Block, opens_section: bool) {
        match block {
            Block::Heading {
                level,
                id,
                classes,
                content,
            } => {
                // Levels never skip one going down (`###` right after the
                // title is an `h2`), as assistive technology expects.
                let level = (*level).clamp(2, 6).min(self.heading_level + 1);
                self.heading_level = level;
                self.out
                    .push_str(&format!("<h{level} id=\"{}\"", escape(&xml_id(id))));
                self.classes(classes);
                self.out.push('>');
                self.inlines(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph { content } => {
                self.out.push_str(if opens_section {
                    "<p class=\"first\">"
                } else {
                    "<p>"
                });
                self.paragraph(content);
                self.out.push_str("</p>\n");
            }
            Block::BlockQuote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks, true);
                self.out.push_str("</blockquote>\n");
            }
            Block::Alert { kind, blocks } => {
                let label = self.labels.alert(*kind);
                let id = self.fresh_id(&format!("alert-{}", label.to_lowercase()));
                self.out.push_str(&format!(
                    "<aside class=\"alert {}\" role=\"note\" aria-labelledby=\"{id}\">\n\
                     <p class=\"alert-title\" id=\"{id}\">{}</p>\n",
                    escape(&label.to_lowercase()),
                    escape(label)
                ));
                self.blocks(blocks, true);
                self.out.push_str("</aside>\n");
            }
            Block::List {
                start,
                tight,
                items,
            } => {
                let tag = match start {
                    Some(1) => {
                        self.out.push_str("<ol>\n");
                        "ol"
                    }
                    Some(n) => {
                        self.out.push_str(&format!("<ol start=\"{n}\">\n"));
                        "ol"
                    }
                    None => {
                        self.out.push_str("<ul>\n");
                        "ul"
                    }
                };
                for (i, item) in items.iter().enumerate() {
                    self.out.push_str("<li>");
                    self.pages.path.push(i);
                    if *tight {
                        self.tight_item(item);
                    } else {
                        self.blocks(item, true);
                    }
                    self.pages.path.pop();
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(&format!("</{tag}>\n"));
            }
            Block::CodeBlock {
                language,
                code,
                highlight,
                caption,
                ..
            } => {
                // A captioned listing is a figure, its caption first.
                if !caption.is_empty() {
                    self.out
                        .push_str("<figure class=\"listing\">\n<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>\n");
                }
                self.out.push_str("<pre><code");
                // The info string's first word, whole: a class token is any
                // run of characters but white space.
                let class = escape(language.as_deref().unwrap_or_default());
                if !class.is_empty() && !class.contains(char::is_whitespace) {
                    self.out.push_str(&format!(" class=\"language-{class}\""));
                }
                self.out.push('>');
                let code = code.strip_suffix('\n').unwrap_or(code);
                crate::markup::highlight::push_code(&mut self.out, code, highlight);
                self.out.push_str("</code></pre>\n");
                if !caption.is_empty() {
                    self.out.push_str("</figure>\n");
                }
            }
            Block::ThematicBreak => self.out.push_str("<hr/>\n"),
            Block::Figure { image, caption } => {
                self.out.push_str("<figure>\n");
                self.image(image, None);
                if !caption.is_empty() {
                    self.out.push_str("\n<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("\n</figure>\n");
            }
            Block::Division {
                id,
                classes,
                blocks,
            } => {
                self.out.push_str("<div");
                if let Some(id) = id {
                    self.out
                        .push_str(&format!(" id=\"{}\"", escape(&xml_id(id))));
                }
                self.classes(classes);
                self.out.push_str(">\n");
                self.blocks(blocks, true);
                self.out.push_str("</div>\n");
            }
            Block::Details { summary, blocks } => {
                self.out.push_str("<details>\n");
                if !summary.is_empty() {
                    self.wrap("summary", summary);
                    self.out.push('\n');
                }
                self.blocks(blocks, true);
                self.out.push_str("</details>\n");
            }
            Block::DefinitionList { items } => {
                self.out.push_str("<dl>\n");
                for item in items {
                    self.wrap("dt", &item.term);
                    self.out.push('\n');
                    for definition in &item.definitions {
                        self.out.push_str("<dd>");
                        self.tight_item(definition);
                        self.out.push_str("</dd>\n");
                    }
                    // HTML wants a definition after every term.
                    if item.definitions.is_empty() {
                        self.out.push_str("<dd></dd>\n");
                    }
                }
                self.out.push_str("</dl>\n");
            }
            Block::Table {
                alignments,
                header,
                rows,
            } => {
                self.out.push_str("<table>\n");
                if !header.is_empty() {
                    self.out.push_str("<thead>\n<tr>");
                    for (column, cell) in header.iter().enumerate() {
                        // A header cell with no text (the corner of a table
                        // whose rows are named in its first column) names no
                        // column, to a screen reader either: a data cell.
                        let (open, close) = if has_no_words(cell) {
                            ("td", "td")
                        } else {
                            ("th scope=\"col\"", "th")
                        };
                        self.cell(open, close, alignments.get(column), cell);
                    }
                    self.out.push_str("</tr>\n</thead>\n");
                }
                self.out.push_str("<tbody>\n");
                for row in rows {
                    self.out.push_str("<tr>");
                    for (column, cell) in row.iter().enumerate() {
                        self.cell("td", "td", alignments.get(column), cell);
                    }
                    self.out.push_str("</tr>\n");
                }
                self.out.push_str("</tbody>\n</table>\n");
            }
        }
    }

    /// A tight list item: its paragraphs' text set directly in the `<li>`,
    /// as CommonMark renders it; other blocks as usual.
    fn tight_item(&mut self, item: &[Block]) {
        for (i, block) in item.iter().enumerate() {
            match block {
                Block::Paragraph { content } => {
                    if i > 0 {
                        self.out.push('\n');
                    }
                    self.at_block(i, |w| w.paragraph(content));
                }
                other => {
                    self.out.push('\n');
                    self.at_block(i, |w| w.block(other, i == 0));
                }
            }
        }
    }

    fn cell(&mut self, open: &str, close: &str, alignment: Option<&Alignment>, content: &[Inline]) {
        let class = match alignment {
            Some(Alignment::Left) => " class=\"left\"",
            Some(Alignment::Center) => " class=\"center\"",
            Some(Alignment::Right) => " class=\"right\"",
            Some(Alignment::None) | None => "",
        };
        self.out.push_str(&format!("<{open}{class}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{close}>"));
    }

    /// ` class="a b"`, when there are classes.
    pub(super) fn classes(&mut self, classes: &[String]) {
        if !classes.is_empty() {
            self.out
                .push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
    }

    pub(super) fn image(&mut self, image: &Image, class: Option<&str>) {
        let src = self.names.image(&image.src).unwrap_or(&image.src);
        self.out.push_str("<img");
        if let Some(class) = class {
            self.out.push_str(&format!(" class=\"{class}\""));
        }
        self.out.push_str(&format!(
            " src=\"{}\" alt=\"{}\"",
            escape(src),
            escape(&image.alt)
        ));
        // The stylesheet's `max-width: 100%` keeps it inside the page.
        if let Some(width) = image.width {
            self.out.push_str(&format!(" width=\"{width}\""));
        }
        self.out.push_str("/>");
    }
}
