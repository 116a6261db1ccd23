//! Images as real books have them, in both books: SVG (kept as SVG in the
//! EPUB, drawn as vectors in the PDF), GIF and WebP (converted to PNG),
//! images in running text, and the width an author asks for. The
//! manuscript is `tests/fixtures/images`; the GIF (two frames) and the WebP
//! are written by the tests beside a copy of it, so no binary is committed.
//!
//! EPUBCheck, Ace and qpdf must be installed (see `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use epub_validators::{ace, entry_bytes, entry_text, epubcheck};
use quire::layout::document::Item;
use quire::model::{Block, Book};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of the fixture with the GIF and WebP written into it.
fn manuscript() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("images")).expect("images folder");
    for file in ["book.toml", "01-plans.md", "02-copies.md"] {
        std::fs::copy(source.join(file), dir.path().join(file)).expect("copy");
    }
    for file in ["plan.svg", "compass.svg", "seal.png"] {
        let to = dir.path().join("images").join(file);
        std::fs::copy(source.join("images").join(file), to).expect("copy");
    }
    write_gif(&dir.path().join("images/copy.gif"));
    let band = image::RgbImage::from_fn(30, 20, |_, y| {
        image::Rgb(if (8..12).contains(&y) {
            [90; 3]
        } else {
            [255; 3]
        })
    });
    image::DynamicImage::ImageRgb8(band)
        .save_with_format(
            dir.path().join("images/band.webp"),
            image::ImageFormat::WebP,
        )
        .expect("webp");
    dir
}

/// Two frames, red then blue: an animation.
fn write_gif(path: &Path) {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, Rgba, RgbaImage};
    let frame = |colour| {
        Frame::from_parts(
            RgbaImage::from_pixel(16, 16, Rgba(colour)),
            0,
            0,
            Delay::from_numer_denom_ms(200, 1),
        )
    };
    let file = std::fs::File::create(path).expect("gif");
    let mut encoder = GifEncoder::new(file);
    encoder
        .encode_frames([frame([200, 20, 20, 255]), frame([20, 20, 200, 255])])
        .expect("gif frames");
}

fn load(dir: &Path) -> quire::Loaded {
    quire::load(dir).unwrap_or_else(|e| panic!("the images book loads: {e}"))
}

/// Sets the width of the second figure of the first chapter (the parser
/// fills it from `<img width>`).
fn with_width(mut book: Book, width: u32) -> Book {
    let mut figures = book.chapters[0]
        .blocks
        .iter_mut()
        .filter_map(|block| match block {
            Block::Figure { image, .. } => Some(image),
            _ => None,
        });
    if let Some(image) = figures.nth(1) {
        image.width = Some(width);
    }
    book
}

#[test]
fn animations_warn_and_every_image_is_loaded() {
    let dir = manuscript();
    let loaded = load(dir.path());
    let book = &loaded.book;
    let kinds: Vec<(&str, &str)> = book
        .images
        .iter()
        .map(|(key, asset)| (key.as_str(), asset.media_type.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("images/band.webp", "image/png"),
            ("images/compass.svg", "image/svg+xml"),
            ("images/copy.gif", "image/png"),
            ("images/plan.svg", "image/svg+xml"),
            ("images/seal.png", "image/png"),
        ]
    );
    assert_eq!(
        (
            book.images["images/plan.svg"].width,
            book.images["images/plan.svg"].height
        ),
        (300, 200)
    );
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("02-copies.md:6: image `images/copy.gif`: an animation"),
        "{warnings:?}"
    );
}

#[test]
fn images_book_epub_keeps_svg_passes_epubcheck_and_ace() {
    let dir = manuscript();
    let book = with_width(load(dir.path()).book, 240);
    let bytes = quire::epub::write(&book).expect("the EPUB builds");
    let opf = entry_text(&bytes, "EPUB/package.opf");
    assert!(
        opf.contains("href=\"images/plan.svg\" media-type=\"image/svg+xml\""),
        "{opf}"
    );
    assert!(
        opf.contains("href=\"images/copy.png\" media-type=\"image/png\""),
        "{opf}"
    );
    assert!(
        opf.contains("href=\"images/band.png\" media-type=\"image/png\""),
        "{opf}"
    );
    assert!(!opf.contains(".gif") && !opf.contains(".webp"), "{opf}");
    let svg = entry_text(&bytes, "EPUB/images/plan.svg");
    assert!(
        svg.contains("<svg") && svg.contains("linearGradient"),
        "{svg}"
    );
    let gif = image::load_from_memory(&entry_bytes(&bytes, "EPUB/images/copy.png")).expect("png");
    assert_eq!(
        gif.to_rgb8().get_pixel(0, 0).0,
        [200, 20, 20],
        "first frame"
    );
    let chapter = entry_text(&bytes, "EPUB/plans.xhtml");
    assert!(chapter.contains("<img src=\"images/plan.svg\" alt=\"A plan of the camp: a green square for the fort, a blue band for the river, and the word GATE at the top\"/>"), "{chapter}");
    assert!(chapter.contains("alt=\"The same plan, drawn smaller\" width=\"240\"/>"));
    assert!(
        chapter.contains("<img class=\"inline\" src=\"images/compass.svg\" alt=\"compass rose\"/>")
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("images.epub");
    std::fs::write(&path, &bytes).expect("write");
    epubcheck(&path);
    ace(&path);
}

/// qpdf's uncompressed, one-object-per-line view of a PDF.
fn qdf(path: &Path) -> Option<String> {
    if !common::require_tool("qpdf") {
        return None;
    }
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(path)
        .arg("-")
        .output()
        .expect("qpdf runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn write_pdf(book: &Book) -> (tempfile::TempDir, PathBuf, quire::layout::Document) {
    let document = quire::layout::layout(book).expect("layout");
    let bytes = quire::pdf::write_document(book, &document).expect("the PDF builds");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("images.pdf");
    std::fs::write(&path, bytes).expect("write");
    (dir, path, document)
}

#[test]
fn images_book_pdf_draws_svg_as_vectors_and_passes_qpdf() {
    let dir = manuscript();
    let book = with_width(load(dir.path()).book, 240);
    let (_dir, path, document) = write_pdf(&book);
    common::qpdf_check(&path);
    let Some(qdf) = qdf(&path) else { return };
    // Three pictures (the PNG, the GIF's and the WebP's PNGs) are image
    // XObjects; the two SVGs are forms of paths, with their gradient.
    let masks = qdf.matches("/SMask ").count();
    assert_eq!(
        qdf.matches("/Subtype /Image").count() - masks,
        3,
        "image XObjects"
    );
    assert!(qdf.matches("/Subtype /Form").count() >= 2, "form XObjects");
    assert!(qdf.contains("/ShadingType 2"), "the river's gradient");
    // The SVG forms draw paths: moves, lines, curves and fills.
    let forms: Vec<&str> = qdf.split("/Subtype /Form").skip(1).collect();
    assert!(forms
        .iter()
        .any(|f| f.contains(" m\n") || f.contains(" m ")));
    assert!(forms
        .iter()
        .any(|f| f.contains(" c\n") || f.contains(" c ")));
    // Each image drawn carries its alternative text.
    let alt = |text: &str| -> String {
        text.encode_utf16()
            .map(|u| format!("{u:04X}"))
            .collect::<String>()
    };
    let lower = qdf.to_lowercase();
    assert!(lower.contains(&format!(
        "/alt <feff{}>",
        alt("compass rose").to_lowercase()
    )));

    // Figures fill the measure, or take the width asked for (240 px = 180 pt);
    // inline images stand in the line at text height.
    let images: Vec<(&str, quire::layout::document::Rect)> = document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Image { key, rect, .. } => Some((key.as_str(), *rect)),
            _ => None,
        })
        .collect();
    let plans: Vec<_> = images
        .iter()
        .filter(|(k, _)| *k == "images/plan.svg")
        .collect();
    assert_eq!(plans.len(), 2);
    let measure = document.pages[0].text_block.width;
    assert!(
        (plans[0].1.width - measure).abs() < 0.5,
        "{plans:?} {measure}"
    );
    assert!((plans[1].1.width - 180.0).abs() < 0.01, "{plans:?}");
    for key in ["images/compass.svg", "images/seal.png"] {
        let (_, rect) = images
            .iter()
            .find(|(k, _)| *k == key)
            .expect("inline image");
        assert!(rect.height > 3.0 && rect.height <= 10.0, "{key}: {rect:?}");
    }
}

#[test]
fn two_builds_of_the_images_book_are_identical() {
    let dir = manuscript();
    let first = load(dir.path()).book;
    let second = load(dir.path()).book;
    assert!(quire::epub::write(&first).unwrap() == quire::epub::write(&second).unwrap());
    assert!(quire::pdf::write(&first).unwrap() == quire::pdf::write(&second).unwrap());
}

/// An empty temporary folder but for the images fixture's `book.toml`.
fn folder_with_book_toml() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/book.toml"),
        dir.path().join("book.toml"),
    )
    .expect("book.toml");
    dir
}

#[test]
fn hostile_svgs_are_errors_with_the_line_that_uses_them() {
    let dir = folder_with_book_toml();
    let root = dir.path();
    let bad = [
        ("cut.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""),
        ("empty.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"),
        ("notsvg.svg", "<html><body>no</body></html>"),
        ("huge.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1e9\" height=\"1e9\"><rect width=\"5\" height=\"5\"/></svg>"),
        ("binary.svg", "\u{0}\u{1}\u{2}PNG"),
    ];
    let mut text = String::from("# Bad\n\n");
    for (name, content) in bad {
        std::fs::write(root.join(name), content).unwrap();
        text.push_str(&format!("![x]({name})\n\n"));
    }
    std::fs::write(root.join("01-bad.md"), text).unwrap();
    // A cover must be a picture: the EPUB's cover page and the fitting
    // of it to 1600 × 2560 px take pixels.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/images/compass.svg"),
        root.join("cover.svg"),
    )
    .unwrap();
    let mut config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    config.push_str("cover = \"cover.svg\"\n");
    std::fs::write(root.join("book.toml"), config).unwrap();
    let errors = match quire::load(root) {
        Ok(_) => panic!("the hostile SVGs were accepted"),
        Err(errors) => errors.to_string(),
    };
    for (i, (name, _)) in bad.iter().enumerate() {
        let line = 3 + 2 * i;
        assert!(
            errors.contains(&format!("01-bad.md:{line}: image `{name}`")),
            "{name} at line {line}:\n{errors}"
        );
    }
    assert!(
        errors.contains("book.toml:9: image `cover.svg`: a cover must be a PNG, JPEG, GIF or WebP picture, not an SVG"),
        "{errors}"
    );
}

/// A PNG whose chunks are whole (every CRC right) but whose compressed
/// pixels are not a deflate stream.
fn png_with_damaged_pixels() -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 8, image::Rgb([40, 90, 160])))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let idat = png.windows(4).position(|w| w == b"IDAT").expect("an IDAT") - 4;
    let length = u32::from_be_bytes(png[idat..idat + 4].try_into().unwrap()) as usize;
    // After the zlib header, a block of the reserved type (0b11): no decoder takes it.
    png[idat + 10..idat + 8 + length].fill(0xFF);
    let crc = crc32fast::hash(&png[idat + 4..idat + 8 + length]);
    png[idat + 8 + length..idat + 12 + length].copy_from_slice(&crc.to_be_bytes());
    png
}

#[test]
fn a_png_whose_pixels_do_not_decode_is_a_pdf_error_at_the_line_that_uses_it() {
    let dir = folder_with_book_toml();
    let root = dir.path();
    std::fs::write(root.join("broken.png"), png_with_damaged_pixels()).unwrap();
    std::fs::write(
        root.join("01-seal.md"),
        "# The Seal\n\nThe seal, as the archive keeps it:\n\n![The seal](broken.png)\n",
    )
    .unwrap();
    // Loading checks a PNG whole (chunks and CRCs), not its pixels, so the
    // EPUB, which embeds it as it came, builds; the PDF decodes it.
    let book = load(root).book;
    let document = quire::layout::layout(&book).expect("layout");
    let error = quire::pdf::write_document(&book, &document)
        .expect_err("the PDF refuses the image")
        .to_string();
    assert!(
        error.contains("01-seal.md:5") && error.contains("image `broken.png` cannot be decoded"),
        "{error}"
    );
    // The command prints it as it prints a load error, with the place and
    // the source line; it fails, and writes no PDF.
    let out = root.join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["pdf", "-q", "-m"])
        .arg(root)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("quire runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("01-seal.md:5")
            && stderr.contains("5 | ![The seal](broken.png)")
            && stderr.contains("error: building the PDF failed")
            && !stderr.contains("caused by"),
        "{stderr}"
    );
    let written = std::fs::read_dir(&out).map_or(0, Iterator::count);
    assert_eq!(written, 0, "a failed build writes nothing");
}
