//! The digital edition is a tagged PDF declaring PDF/UA-1: its structure
//! tree walked with lopdf (every MCID of every page in exactly one
//! element, the parent tree agreeing, headings in order, figures and
//! formulas with alternative text, links with their annotations, page
//! furniture as artifacts, no text outside marked content, the contents
//! pages a `TOC` of `TOCI`s), the catalog's
//! and the XMP's declarations, and poppler's `pdfinfo` reading it as
//! tagged. veraPDF is not run: it is not installed here.

mod common;
#[path = "common/pdf_dict.rs"]
mod pdf_dict;

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use pdf_dict::{dict, name, text, xmp};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The book at `manuscript` as a tagged PDF, written to a temporary file.
fn build(manuscript: &str, name: &str) -> (Vec<u8>, std::path::PathBuf) {
    let book = quire::load(Path::new(manuscript))
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let bytes = quire::pdf::write(&book).unwrap_or_else(|e| panic!("{e}"));
    let path = common::written_for_tools("tagged", &format!("{name}.pdf"), &bytes);
    (bytes, path)
}

/// What the walk of the structure tree found.
#[derive(Default)]
struct Walk {
    /// (page object, MCID) → how many elements reference it.
    mcids: BTreeMap<(ObjectId, i64), usize>,
    /// The element of each MCID.
    owner: BTreeMap<(ObjectId, i64), ObjectId>,
    /// Every element's type, in reading order.
    kinds: Vec<String>,
    /// Figures and formulas without alternative text.
    missing_alt: Vec<String>,
    /// Annotations referenced by an `/OBJR`, with the element holding it.
    objrs: BTreeMap<ObjectId, String>,
    /// Header cells without a scope.
    scopeless: usize,
    /// Every (parent type, child type) pair of elements.
    nesting: BTreeSet<(String, String)>,
}

fn walk(pdf: &Document, id: ObjectId, out: &mut Walk) {
    let element = pdf.get_dictionary(id).expect("element");
    let kind = name(element, b"S");
    if (kind == "Figure" || kind == "Formula")
        && text(element, b"Alt").is_none_or(|a| a.trim().is_empty())
    {
        out.missing_alt.push(kind.clone());
    }
    if kind == "TH" {
        let scoped = element
            .get(b"A")
            .map(|a| name(dict(pdf, a), b"Scope") == "Column")
            .unwrap_or(false);
        out.scopeless += usize::from(!scoped);
    }
    out.kinds.push(kind.clone());
    let kids = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        if let Object::Reference(child) = kid {
            let child_kind = name(pdf.get_dictionary(child).expect("element"), b"S");
            out.nesting.insert((kind.clone(), child_kind));
            walk(pdf, child, out);
            continue;
        }
        let kid = dict(pdf, &kid);
        match name(kid, b"Type").as_str() {
            "MCR" => {
                let page = kid.get(b"Pg").and_then(Object::as_reference).expect("Pg");
                let mcid = kid.get(b"MCID").and_then(Object::as_i64).expect("MCID");
                *out.mcids.entry((page, mcid)).or_default() += 1;
                out.owner.insert((page, mcid), id);
            }
            "OBJR" => {
                let annotation = kid.get(b"Obj").and_then(Object::as_reference).expect("Obj");
                out.objrs.insert(annotation, kind.clone());
            }
            other => panic!("unexpected kid type {other}"),
        }
    }
}

/// Each page's MCIDs in its content stream, and whether any text is
/// drawn outside marked content, and how much inside artifacts (running
/// heads, folios).
struct PageMarks {
    mcids: Vec<i64>,
    unmarked_text: usize,
    artifact_text: usize,
}

fn page_marks(pdf: &Document, page: ObjectId) -> PageMarks {
    let content = pdf.get_page_content(page);
    let ops = Content::decode(&content)
        .expect("content parses")
        .operations;
    let mut stack: Vec<String> = Vec::new();
    let mut marks = PageMarks {
        mcids: Vec::new(),
        unmarked_text: 0,
        artifact_text: 0,
    };
    for op in ops {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let tag = op.operands[0]
                    .as_name()
                    .map(|n| String::from_utf8_lossy(n).into_owned());
                let tag = tag.unwrap_or_default();
                if let Some(Object::Dictionary(props)) = op.operands.get(1) {
                    if let Ok(mcid) = props.get(b"MCID").and_then(Object::as_i64) {
                        assert!(
                            !stack.iter().any(|t| t == "Artifact"),
                            "content inside an artifact"
                        );
                        marks.mcids.push(mcid);
                    }
                }
                if tag == "Artifact" {
                    assert!(stack.is_empty(), "an artifact inside content: {stack:?}");
                }
                stack.push(tag);
            }
            "EMC" => {
                stack.pop().expect("EMC without BDC");
            }
            "TJ" | "Tj" => {
                if stack.is_empty() {
                    marks.unmarked_text += 1;
                }
                if stack.first().is_some_and(|t| t == "Artifact") {
                    marks.artifact_text += 1;
                }
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unbalanced marked content");
    marks
}

/// Checks everything the tests here check on one book.
fn check_tagged(manuscript: &str, file: &str) -> Walk {
    let (bytes, path) = build(manuscript, file);
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    let catalog = pdf.catalog().expect("catalog");
    let mark_info = dict(&pdf, catalog.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(
        text(catalog, b"Lang").is_some_and(|l| !l.is_empty()),
        "no /Lang"
    );
    let preferences = dict(
        &pdf,
        catalog.get(b"ViewerPreferences").expect("preferences"),
    );
    assert_eq!(
        preferences
            .get(b"DisplayDocTitle")
            .and_then(Object::as_bool)
            .ok(),
        Some(true)
    );
    assert!(catalog.get(b"Outlines").is_ok(), "the outline is kept");
    let xmp = xmp(&pdf);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<dc:title>") && xmp.contains("<dc:creator>"),
        "{xmp}"
    );

    let root = dict(
        &pdf,
        catalog.get(b"StructTreeRoot").expect("StructTreeRoot"),
    );
    let document = root
        .get(b"K")
        .and_then(Object::as_reference)
        .expect("root element");
    let mut found = Walk::default();
    walk(&pdf, document, &mut found);
    assert_eq!(found.kinds.first().map(String::as_str), Some("Document"));
    assert!(found.missing_alt.is_empty(), "{:?}", found.missing_alt);
    assert_eq!(found.scopeless, 0, "header cells without a scope");

    // Every MCID of every page is in exactly one element, and the
    // parent tree says which.
    let parent_tree = dict(&pdf, root.get(b"ParentTree").expect("ParentTree"));
    let nums = parent_tree
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("Nums");
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().expect("key"), &pair[1]))
        .collect();
    let pages = pdf.get_pages();
    let mut artifacts_last = 0;
    for (number, &page) in &pages {
        let marks = page_marks(&pdf, page);
        assert_eq!(
            marks.unmarked_text, 0,
            "text outside marked content on page {number}"
        );
        if marks.artifact_text > 0 {
            artifacts_last += 1;
        }
        let page_dict = pdf.get_dictionary(page).expect("page");
        for &mcid in &marks.mcids {
            assert_eq!(
                found.mcids.get(&(page, mcid)),
                Some(&1),
                "page {number}, MCID {mcid}: not in exactly one element"
            );
        }
        assert_eq!(
            found.mcids.keys().filter(|(p, _)| *p == page).count(),
            marks.mcids.len(),
            "page {number}: the tree names MCIDs the page lacks"
        );
        if marks.mcids.is_empty() {
            continue;
        }
        let key = page_dict
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .expect("StructParents");
        let list = match parents.get(&key) {
            Some(Object::Array(list)) => list.clone(),
            Some(Object::Reference(id)) => pdf
                .get_object(*id)
                .and_then(Object::as_array)
                .expect("array")
                .clone(),
            other => panic!("page {number}: parent tree entry {other:?}"),
        };
        assert_eq!(list.len(), marks.mcids.len(), "page {number}");
        for (mcid, element) in list.iter().enumerate() {
            let element = element.as_reference().expect("element");
            assert_eq!(found.owner.get(&(page, mcid as i64)), Some(&element));
        }
        // Links: each in a Link element, in the parent tree, tab order by structure.
        if let Ok(annots) = page_dict.get(b"Annots").and_then(Object::as_array) {
            assert_eq!(name(page_dict, b"Tabs"), "S");
            for annot in annots {
                let id = annot.as_reference().expect("annotation");
                assert_eq!(found.objrs.get(&id).map(String::as_str), Some("Link"));
                let annotation = pdf.get_dictionary(id).expect("annotation");
                let key = annotation
                    .get(b"StructParent")
                    .and_then(Object::as_i64)
                    .expect("StructParent");
                assert!(
                    parents.contains_key(&key),
                    "annotation key {key} not in the parent tree"
                );
                assert!(
                    text(annotation, b"Contents").is_some(),
                    "a link without /Contents"
                );
            }
        }
    }
    // Pages of text have a folio or a running head: an artifact (blank
    // pages and the opening pages have none).
    assert!(
        artifacts_last * 3 > pages.len(),
        "{artifacts_last} of {}",
        pages.len()
    );

    // Headings in order: the first is H1, none skips a level.
    let levels: Vec<u8> = found
        .kinds
        .iter()
        .filter_map(|k| k.strip_prefix('H').and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(levels.first(), Some(&1), "{levels:?}");
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level skipped: {levels:?}"
        );
    }

    if common::require_tool("pdfinfo") {
        let out = Command::new("pdfinfo")
            .arg(&path)
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&out.stdout);
        let tagged = info.lines().find(|l| l.starts_with("Tagged:"));
        assert_eq!(
            tagged.map(|l| l.split_whitespace().last()),
            Some(Some("yes")),
            "{info}"
        );
    }
    if common::require_tool("qpdf") {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    found
}

#[test]
fn the_sample_is_a_tagged_pdf_declaring_pdf_ua() {
    let found = check_tagged("manuscript", "sample");
    let kinds: BTreeSet<&str> = found.kinds.iter().map(String::as_str).collect();
    for kind in [
        "Sect", "H1", "H2", "P", "Link", "L", "LI", "Lbl", "LBody", "TOC", "TOCI",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
}

/// How many bookmarks the outline has, at every level.
fn outline_entries(pdf: &Document, first: Option<&Object>) -> usize {
    let mut count = 0;
    let mut next = first.and_then(|o| o.as_reference().ok());
    while let Some(id) = next {
        let item = pdf.get_dictionary(id).expect("outline item");
        count += 1 + outline_entries(pdf, item.get(b"First").ok());
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
    count
}

#[test]
fn the_contents_pages_are_a_toc_of_entries() {
    // Both list sub-entries (the sample's FAQ and resources, the torture
    // book's sections); the math book's are flat.
    for (manuscript, nested) in [
        ("manuscript", true),
        ("tests/fixtures/torture", true),
        ("tests/fixtures/math", false),
    ] {
        check_contents(manuscript, nested);
    }
}

/// The contents of the book at `manuscript` are a `TOC` of a `TOCI` per
/// entry (with a `TOC` inside an entry for its sub-entries when `nested`).
fn check_contents(manuscript: &str, nested: bool) {
    let (bytes, _) = build(manuscript, "contents");
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    let catalog = pdf.catalog().expect("catalog");
    let root = dict(&pdf, catalog.get(b"StructTreeRoot").expect("root"));
    let mut found = Walk::default();
    walk(
        &pdf,
        root.get(b"K").and_then(Object::as_reference).expect("K"),
        &mut found,
    );
    let entries = found.kinds.iter().filter(|k| *k == "TOCI").count();
    // The contents list what the outline lists (the same depth).
    let outline = dict(&pdf, catalog.get(b"Outlines").expect("outline"));
    assert_eq!(entries, outline_entries(&pdf, outline.get(b"First").ok()));
    let tocs = found.kinds.iter().filter(|k| *k == "TOC").count();
    assert!(tocs >= 1, "{:?}", found.kinds);
    for (parent, child) in &found.nesting {
        match child.as_str() {
            "TOCI" => assert_eq!(parent, "TOC"),
            "TOC" => assert!(parent == "Document" || parent == "TOCI", "{parent}"),
            _ => {}
        }
        if parent == "TOCI" {
            assert!(child == "P" || child == "TOC", "{child} in a TOCI");
        }
    }
    // A sub-entry's list sits in its entry.
    assert_eq!(tocs > 1, nested, "{tocs} TOCs in {manuscript}");
    assert_eq!(
        found
            .nesting
            .contains(&("TOCI".to_string(), "TOC".to_string())),
        nested
    );
    // The entries' links are inside them.
    assert!(found
        .nesting
        .contains(&("P".to_string(), "Link".to_string())));
}

#[test]
fn tables_figures_code_and_formulas_have_their_elements() {
    let found = check_tagged("tests/fixtures/torture", "torture");
    let kinds: BTreeSet<&str> = found.kinds.iter().map(String::as_str).collect();
    for kind in [
        "Table",
        "TR",
        "TH",
        "TD",
        "Figure",
        "Code",
        "Note",
        "BlockQuote",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
    let found = check_tagged("tests/fixtures/math", "math");
    assert!(
        found.kinds.iter().any(|k| k == "Formula"),
        "{:?}",
        found.kinds
    );
}

#[test]
fn the_tagged_pdf_is_the_same_bytes_twice() {
    let book = quire::load(Path::new("tests/fixtures/torture"))
        .expect("loads")
        .book;
    let a = quire::pdf::write(&book).expect("pdf");
    let b = quire::pdf::write(&book).expect("pdf");
    assert!(a == b, "two builds differ");
}

#[test]
fn untagged_output_has_no_structure_and_claims_neither_pdf_ua_nor_pdf_a() {
    let book = quire::load(Path::new("manuscript")).expect("loads").book;
    let options = quire::pdf::Options {
        tagged: false,
        pdfa: true,
    };
    let bytes =
        quire::pdf::write_with_options(&book, &quire::render::Silent, options).expect("pdf");
    let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
    let catalog = pdf.catalog().expect("catalog");
    assert!(catalog.get(b"StructTreeRoot").is_err());
    assert!(catalog.get(b"MarkInfo").is_err());
    assert!(!String::from_utf8_lossy(&bytes).contains("pdfuaid"));
    // PDF/A-2a needs the tags: not claimed without them.
    assert!(catalog.get(b"OutputIntents").is_err());
    assert!(!String::from_utf8_lossy(&bytes).contains("pdfaid"));
}

/// The same checks on *The Rust Programming Language* (an mdBook, 800+
/// pages): `QUIRE_RUST_BOOK=DIR cargo test --test tagged -- --ignored`
/// with DIR a checkout of rust-lang/book.
#[test]
#[ignore = "needs a checkout of rust-lang/book in QUIRE_RUST_BOOK"]
fn the_rust_book_is_tagged_too() {
    let dir = std::env::var("QUIRE_RUST_BOOK").expect("QUIRE_RUST_BOOK names the book's folder");
    let found = check_tagged(&dir, "rust-book");
    assert!(found.kinds.iter().any(|k| k == "Code"), "no listing tagged");
}
