//! The package document (`package.opf`): metadata, including the EPUB
//! Accessibility 1.1 set, the manifest and the spine.

use crate::model::date::DateTime;
use crate::model::Metadata;
use crate::xml::escape;

/// One publication resource: its manifest entry and its bytes.
#[derive(Debug)]
pub struct Item {
    /// Manifest id.
    pub id: String,
    /// Path relative to the package document.
    pub href: String,
    /// Media type.
    pub media_type: &'static str,
    /// Manifest properties (`nav`, `cover-image`), if any.
    pub properties: Option<&'static str>,
    /// Whether it is read in this position of the spine.
    pub in_spine: bool,
    /// The file's bytes.
    pub data: Vec<u8>,
}

impl Item {
    /// An XHTML content document, read in the spine.
    pub fn document(id: &str, href: &str, xhtml: String) -> Item {
        Item {
            id: id.to_owned(),
            href: href.to_owned(),
            media_type: "application/xhtml+xml",
            properties: None,
            in_spine: true,
            data: xhtml.into_bytes(),
        }
    }

    /// Any other resource (stylesheet, font, image, NCX).
    pub fn resource(id: &str, href: &str, media_type: &'static str, data: Vec<u8>) -> Item {
        Item {
            id: id.to_owned(),
            href: href.to_owned(),
            media_type,
            properties: None,
            in_spine: false,
            data,
        }
    }
}

/// What the accessibility metadata needs to know about the content.
#[derive(Debug, Clone)]
pub struct Content {
    /// Whether the text shows images (figures or inline images).
    pub has_images: bool,
    /// The print edition the page-list follows (`pageBreakSource`), when
    /// the EPUB marks its pages.
    pub page_source: Option<String>,
}

/// The whole package document.
/// `byline` is the authors as one phrase (the generated matter's).
pub fn document(metadata: &Metadata, byline: &str, content: Content, items: &[Item]) -> String {
    let language = escape(&metadata.language);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" \
         xml:lang=\"{language}\">\n\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    );
    push_metadata(&mut out, metadata, byline, content);
    out.push_str("</metadata>\n<manifest>\n");
    for item in items {
        out.push_str(&format!(
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"",
            escape(&item.id),
            escape(&item.href),
            item.media_type
        ));
        if let Some(properties) = item.properties {
            out.push_str(&format!(" properties=\"{properties}\""));
        }
        out.push_str("/>\n");
    }
    out.push_str("</manifest>\n<spine toc=\"ncx\">\n");
    for item in items.iter().filter(|item| item.in_spine) {
        out.push_str(&format!("<itemref idref=\"{}\"/>\n", escape(&item.id)));
    }
    out.push_str("</spine>\n</package>\n");
    out
}

fn push_metadata(out: &mut String, metadata: &Metadata, byline: &str, content: Content) {
    let mut element = |name: &str, attributes: &str, value: &str| {
        out.push_str(&format!("<{name}{attributes}>{}</{name}>\n", escape(value)));
    };
    element("dc:identifier", " id=\"pub-id\"", &metadata.identifier);
    element("dc:title", " id=\"title\"", &metadata.title);
    element(
        "meta",
        " refines=\"#title\" property=\"title-type\"",
        "main",
    );
    if let Some(subtitle) = &metadata.subtitle {
        element("dc:title", " id=\"subtitle\"", subtitle);
        element(
            "meta",
            " refines=\"#subtitle\" property=\"title-type\"",
            "subtitle",
        );
    }
    for (i, author) in metadata.authors.iter().enumerate() {
        let id = format!("creator-{}", i + 1);
        element("dc:creator", &format!(" id=\"{id}\""), author);
        element(
            "meta",
            &format!(" refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\""),
            "aut",
        );
        element(
            "meta",
            &format!(" refines=\"#{id}\" property=\"display-seq\""),
            &(i + 1).to_string(),
        );
    }
    element("dc:language", "", &metadata.language);
    element("dc:date", "", &metadata.date);
    element(
        "meta",
        " property=\"dcterms:modified\"",
        &DateTime::from_epoch(metadata.modified).iso8601(),
    );
    if let Some(publisher) = &metadata.publisher {
        element("dc:publisher", "", publisher);
    }
    if let Some(description) = &metadata.description {
        element("dc:description", "", description);
    }
    for subject in &metadata.subjects {
        element("dc:subject", "", subject);
    }
    if let Some(rights) = &metadata.rights {
        element("dc:rights", "", rights);
    }
    element("meta", " property=\"schema:accessMode\"", "textual");
    if content.has_images {
        element("meta", " property=\"schema:accessMode\"", "visual");
    }
    element(
        "meta",
        " property=\"schema:accessModeSufficient\"",
        "textual",
    );
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if content.has_images {
        features.push("alternativeText");
    }
    if content.page_source.is_some() {
        features.extend(["printPageNumbers", "pageNavigation"]);
    }
    for feature in features {
        element("meta", " property=\"schema:accessibilityFeature\"", feature);
    }
    element("meta", " property=\"schema:accessibilityHazard\"", "none");
    if let Some(source) = &content.page_source {
        element("meta", " property=\"pageBreakSource\"", source);
    }
    let summary = format!(
        "This publication conforms to EPUB Accessibility 1.1 at WCAG 2.2 Level AA. \
         It has a navigable table of contents, structured headings in a logical reading order, \
         reflowable text that honours the reader's font, size and colour settings{}, \
         and no flashing, sound or motion hazards.",
        if content.has_images {
            ", and text alternatives for every image"
        } else {
            ""
        }
    );
    element(
        "meta",
        " property=\"schema:accessibilitySummary\"",
        &summary,
    );
    element(
        "meta",
        " property=\"dcterms:conformsTo\"",
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
    );
    let certifier = metadata
        .publisher
        .clone()
        .unwrap_or_else(|| byline.to_owned());
    if !certifier.is_empty() {
        element("meta", " property=\"a11y:certifiedBy\"", &certifier);
    }
    out.push_str("<meta name=\"cover\" content=\"cover-image\"/>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_has_language_unique_creator_ids_and_escaped_metadata() {
        let mut metadata = crate::epub::tests::book().metadata;
        metadata.authors = vec!["A & B".into(), "C".into()];
        metadata.publisher = Some("P <Press>".into());
        let content = Content {
            has_images: true,
            page_source: None,
        };
        let opf = document(&metadata, "", content, &[]);
        assert!(opf.contains("xml:lang=\"en\""));
        assert!(opf.contains("<dc:creator id=\"creator-1\">A &amp; B</dc:creator>"));
        assert!(opf.contains("<dc:creator id=\"creator-2\">C</dc:creator>"));
        assert!(opf.contains("<dc:language>en</dc:language>"));
        assert!(opf.contains("P &lt;Press&gt;"));
        assert!(opf.contains("EPUB Accessibility 1.1 - WCAG 2.2 Level AA"));
        assert!(opf.contains(">alternativeText<"));
    }
}
