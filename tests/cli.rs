//! The `quire` command as a user meets it: exit codes, messages that name
//! file and line, and output files that are whole or absent.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[path = "common/scratch.rs"]
mod scratch;
use scratch::{edit, quire, torture_copy as scratch_manuscript};

fn assert_failed_cleanly(output: &Output) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn check_accepts_the_sample() {
    let output = quire(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "check writes nothing to stdout");
}

#[test]
fn model_prints_json_with_the_generated_matter() {
    let output = quire(&["model", "--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(model["chapters"].as_array().unwrap().len(), 19);
    assert_eq!(model["appendices"][0]["kind"], "faq");
    assert_eq!(model["appendices"][1]["kind"], "resources");
    assert_eq!(model["toc"].as_array().unwrap().len(), 22);
}

#[test]
fn broken_internal_link_names_file_and_line() {
    let dir = scratch_manuscript();
    let chapter = dir.path().join("02-second.md");
    edit(
        dir.path(),
        "02-second.md",
        "01-first.md#images",
        "01-first.md#no-such-anchor",
    );
    let out = dir.path().join("out");
    let output = quire(&[
        "epub",
        "-m",
        dir.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = assert_failed_cleanly(&output);
    let expected = format!(
        "{}:20: broken internal link `01-first.md#no-such-anchor`",
        chapter.display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(!out.exists(), "a failed build writes nothing");
}

#[test]
fn link_to_a_missing_chapter_is_rejected() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\nSee [this](missing.md).\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains("03-third.md:3: broken internal link `missing.md`"),
        "{err}"
    );
}

#[test]
fn missing_book_toml_key_names_the_key_and_file() {
    let dir = scratch_manuscript();
    let config = dir.path().join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("identifier = ", "# identifier = ")).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!("{}:", config.display())) && err.contains("identifier"),
        "{err}"
    );
}

#[test]
fn misspelled_book_toml_key_names_its_line() {
    let dir = scratch_manuscript();
    let config = dir.path().join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("toc-depth = 3", "toc-dept = 3")).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!("{}:13:", config.display())) && err.contains("toc-dept"),
        "{err}"
    );
}

#[test]
fn every_book_toml_problem_is_reported_at_once_with_line_and_column() {
    let dir = scratch_manuscript();
    let config = dir.path().join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    let broken = text
        .replace("toc-depth = 3", "toc-dept = 3")
        .replace("authors = [", "authors = \"Zoë\"\n# [")
        .replace("date = \"2024-02-29\"", "date = \"2023-02-29\"")
        .replace(
            "url = \"https://standardebooks.org/\"",
            "url = \"standardebooks.org\"",
        );
    fs::write(&config, broken).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    let file = config.display();
    for expected in [
        format!("{file}:5:11: `authors` must be a list of names"),
        "= help: write `authors = [\"Zoë\"]`".to_string(),
        format!("{file}:9:8: `date` must be a calendar date written YYYY-MM-DD"),
        format!("{file}:14:1: unknown key `toc-dept` in book.toml"),
        "= help: did you mean `toc-depth`?".to_string(),
        format!("{file}:26:7: `url` must be a full address"),
    ] {
        assert!(err.contains(&expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn an_unusual_identifier_is_a_warning_with_its_line() {
    let dir = scratch_manuscript();
    let config = dir.path().join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace(
            "urn:uuid:0d4c6a2e-9b1f-4e7a-8c3d-2f5e6a7b8c9d",
            "0d4c6a2e-9b1f-4e7a-8c3d-2f5e6a7b8c9d",
        ),
    )
    .unwrap();
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{}:7:14: `identifier` `0d4c6a2e-9b1f-4e7a-8c3d-2f5e6a7b8c9d` is neither a URN nor a URL",
            config.display()
        )) && err.contains("write it as `urn:uuid:0d4c6a2e-9b1f-4e7a-8c3d-2f5e6a7b8c9d`"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let dir = scratch_manuscript();
    let chapter = dir.path().join("appendix.md");
    fs::write(&chapter, b"# Appendix\n\nfine\nbad \xff byte\n").unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!("{}:4: not valid UTF-8", chapter.display())),
        "{err}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("appendix.md"),
        "No title here.\n\n![remote](https://example.org/x.png)\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\n[x](nowhere.md)\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains("appendix.md:1: the file must open with its title"),
        "{err}"
    );
    assert!(
        err.contains("appendix.md:3: image `https://example.org/x.png`"),
        "{err}"
    );
    assert!(err.contains("03-third.md:3: broken internal link"), "{err}");
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn an_error_does_not_hide_the_links_and_images_of_its_file() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\n[irc](irc://example.org)\n\n[x](01-first.md#no-such-anchor) ![y](images/none.png)\n\n[z](abcdeé) [m](mailtoé) [Α]\n\n[Α]: /φου\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    for expected in [
        "03-third.md:3: broken internal link `irc://example.org`",
        "03-third.md:5: broken internal link `01-first.md#no-such-anchor`",
        "03-third.md:5: image `images/none.png`",
        "03-third.md:7: broken internal link `abcdeé`",
        "03-third.md:7: broken internal link `mailtoé`",
        "03-third.md:7: broken internal link `/φου`",
    ] {
        assert!(err.contains(expected), "{expected} missing in {err}");
    }
}

#[test]
fn missing_image_and_missing_manuscript_are_errors() {
    let dir = scratch_manuscript();
    fs::remove_file(dir.path().join("images/photo.jpg")).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains("01-first.md:39: image `images/photo.jpg`: cannot read"),
        "{err}"
    );
    let err = assert_failed_cleanly(&quire(&["check", "-m", "no/such/folder"]));
    assert!(
        err.contains("no/such/folder: no such manuscript folder"),
        "{err}"
    );
}

#[test]
fn check_warns_about_missing_alt_text_and_uncovered_characters_once() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\n![](images/map.png)\n",
    )
    .unwrap();
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("03-third.md:3: image `images/map.png` has no alternative text")
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(quire(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(quire(&[]).status.code(), Some(2));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-deep.md"),
        format!("# Deep\n\n{} x\n", ">".repeat(10_000)),
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains("03-deep.md:3: nesting is deeper than 64 levels"),
        "{err}"
    );
}

fn run_in(command: &str, dir: &Path) -> (Output, std::path::PathBuf) {
    let out = dir.join("out");
    let output = quire(&[
        command,
        "-m",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    (output, out)
}

/// Runs every command on `dir` and checks that each fails with `expected`
/// in its message and writes nothing.
fn assert_every_command_refuses(dir: &Path, expected: &str) {
    for command in ["check", "epub", "pdf", "build"] {
        let (output, out) = run_in(command, dir);
        let err = assert_failed_cleanly(&output);
        assert!(err.contains(expected), "{command}: {err}");
        assert!(!out.exists(), "{command} wrote {}", out.display());
    }
}

/// A PNG whose header declares `width` × `height` pixels, with a few bytes of
/// image data.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit grey, deflate, no interlace
    chunk(&mut png, b"IHDR", &header);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn symlinked_appendix_leading_outside_is_refused_with_its_book_toml_line() {
    let dir = scratch_manuscript();
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.md");
    fs::write(&secret, "# Secret\n\nNot for publication.\n").unwrap();
    let appendix = dir.path().join("appendix.md");
    fs::remove_file(&appendix).unwrap();
    std::os::unix::fs::symlink(&secret, &appendix).unwrap();
    let expected = format!(
        "{}:16: `appendix.md` is a link to {}, outside the manuscript folder",
        dir.path().join("book.toml").display(),
        secret.canonicalize().unwrap().display()
    );
    assert_every_command_refuses(dir.path(), &expected);
}

#[test]
fn symlinked_image_leading_outside_is_refused_with_its_markdown_line() {
    let dir = scratch_manuscript();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("map.png");
    let map = dir.path().join("images/map.png");
    fs::rename(&map, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &map).unwrap();
    let chapter = dir.path().join("01-first.md");
    assert_every_command_refuses(
        dir.path(),
        &format!(
            "{}:37: `images/map.png` is a link to {}, outside the manuscript folder",
            chapter.display(),
            outside.canonicalize().unwrap().display()
        ),
    );
}

#[test]
fn top_level_symlinked_chapter_is_followed_inside_and_refused_outside() {
    let dir = scratch_manuscript();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    fs::write(
        dir.path().join("drafts/third.md"),
        "# Third, through a link\n\nText.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("drafts/third.md", dir.path().join("03-third.md")).unwrap();
    let output = quire(&["model", "-m", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        !err.contains("drafts/third.md"),
        "the linked file is used: {err}"
    );
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let chapters = model["chapters"].as_array().unwrap();
    assert_eq!(chapters.len(), 3);
    assert_eq!(chapters[2]["source"], "03-third.md");

    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("away.md");
    fs::write(&outside, "# Away\n").unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("04-away.md")).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!(
            "{}: `04-away.md` is a link to {}, outside the manuscript folder",
            dir.path().join("04-away.md").display(),
            outside.canonicalize().unwrap().display()
        )),
        "{err}"
    );
}

#[test]
fn symlink_loops_do_not_hang() {
    let dir = scratch_manuscript();
    std::os::unix::fs::symlink(".", dir.path().join("images/again")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("images/up")).unwrap();
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    std::os::unix::fs::symlink("05-b.md", dir.path().join("04-a.md")).unwrap();
    std::os::unix::fs::symlink("04-a.md", dir.path().join("05-b.md")).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!("{}:", dir.path().join("04-a.md").display())),
        "{err}"
    );
}

#[test]
fn image_of_a_hundred_thousand_pixels_square_is_refused_before_writing() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("images/map.png"),
        png_declaring(100_000, 100_000),
    )
    .unwrap();
    let chapter = dir.path().join("01-first.md");
    assert_every_command_refuses(
        dir.path(),
        &format!(
            "{}:37: image `images/map.png`: 100000 × 100000 pixels is more than the 50 megapixels",
            chapter.display()
        ),
    );
}

#[test]
fn images_the_back_ends_cannot_use_are_refused_by_every_command() {
    let dir = scratch_manuscript();
    let map = dir.path().join("images/map.png");
    let data = fs::read(&map).unwrap();
    fs::write(&map, &data[..data.len() / 2]).unwrap();
    let chapter = dir.path().join("01-first.md");
    assert_every_command_refuses(
        dir.path(),
        &format!(
            "{}:37: image `images/map.png`: the image cannot be decoded",
            chapter.display()
        ),
    );

    let dir = scratch_manuscript();
    let photo = dir.path().join("images/photo.jpg");
    let mut data = fs::read(&photo).unwrap();
    // The frame header (SOF0) of the fixture: length 17, 8 bits, 200 × 320, 3 components.
    let sof = data
        .windows(4)
        .position(|w| w == [0xFF, 0xC0, 0x00, 0x11])
        .expect("a baseline JPEG");
    assert_eq!(data[sof + 9], 3);
    data[sof + 9] = 4;
    fs::write(&photo, data).unwrap();
    assert_every_command_refuses(
        dir.path(),
        &format!(
            "{}:39: image `images/photo.jpg`: a CMYK JPEG",
            dir.path().join("01-first.md").display()
        ),
    );
}

#[test]
fn markdown_file_over_the_size_limit_is_an_error() {
    let dir = scratch_manuscript();
    let big = dir.path().join("03-big.md");
    let mut text = String::from("# Big\n\n");
    text.push_str(&"word ".repeat(16 * 1024 * 1024 / 5 + 1));
    fs::write(&big, &text).unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains(&format!(
            "{}: the file is {} bytes, more than the 16777216 bytes quire reads",
            big.display(),
            text.len()
        )),
        "{err}"
    );
}

#[test]
fn notes_and_files_the_book_does_not_use_are_named_in_warnings() {
    let dir = scratch_manuscript();
    let root = dir.path();
    fs::write(root.join("README.md"), "# About this manuscript\n").unwrap();
    fs::create_dir(root.join("drafts")).unwrap();
    fs::write(root.join("drafts/03-later.md"), "# Later\n").unwrap();
    for skipped in ["out", "node_modules", "target", ".git"] {
        fs::create_dir(root.join(skipped)).unwrap();
        fs::write(root.join(skipped).join("x.md"), "# X\n").unwrap();
    }
    let output = quire(&["model", "-m", root.to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(model["chapters"].as_array().unwrap().len(), 2, "{err}");
    assert!(
        err.contains(&format!(
            "{}: `README.md` is not a chapter: README, NOTES",
            root.join("README.md").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}: `drafts/03-later.md` is not part of the book: only `.md` files directly in the manuscript folder",
            root.join("drafts/03-later.md").display()
        )),
        "{err}"
    );
    assert!(
        !err.contains("x.md"),
        "skipped folders are not searched: {err}"
    );

    let config = root.join("book.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace(
            "appendices = ",
            "chapters = [\"01-first.md\", \"02-second.md\", \"README.md\"]\nappendices = ",
        ),
    )
    .unwrap();
    fs::write(root.join("03-third.md"), "# Third\n").unwrap();
    let output = quire(&["check", "-m", root.to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{}: `03-third.md` is not part of the book: `chapters` in book.toml (line 16) does not list it",
            root.join("03-third.md").display()
        )),
        "{err}"
    );
    assert!(!err.contains("`README.md`"), "README.md is listed: {err}");
}

/// Asserts that `err` warns at `file:line` that `title` is also the title
/// of `others`.
fn assert_same_title(err: &str, file: &std::path::Path, line: usize, title: &str, others: &str) {
    let warning = format!(
        "{}:{line}: the title “{title}” is also the title of {others}: give each part its own title",
        file.display()
    );
    assert!(err.contains(&warning), "{warning}\nnot in:\n{err}");
}

#[test]
fn parts_with_one_title_are_both_warned_about() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "\n# Chapter Two: tables and links\n\nAgain.\n",
    )
    .unwrap();
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let second = dir.path().join("02-second.md");
    let third = dir.path().join("03-third.md");
    let title = "Chapter Two: Tables and Links";
    assert_same_title(&err, &second, 1, title, "`03-third.md`");
    assert_same_title(
        &err,
        &third,
        2,
        "Chapter Two: tables and links",
        "`02-second.md`",
    );
}

#[test]
fn a_title_many_parts_share_names_five_others_and_counts_the_rest() {
    let dir = scratch_manuscript();
    for n in 4..=11 {
        fs::write(
            dir.path().join(format!("{n:02}-again.md")),
            "# Chapter Two: tables and links\n\nAgain.\n",
        )
        .unwrap();
    }
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    // 02-second.md and 04..11 share the title: eight others, five named.
    let named = |n: std::ops::RangeInclusive<usize>| -> Vec<String> {
        n.map(|n| format!("`{n:02}-again.md`")).collect()
    };
    let second = dir.path().join("02-second.md");
    let others = format!("{} and 3 more parts", named(4..=8).join(", "));
    assert_same_title(&err, &second, 1, "Chapter Two: Tables and Links", &others);
    let last = dir.path().join("11-again.md");
    let others = format!(
        "`02-second.md`, {} and 3 more parts",
        named(4..=7).join(", ")
    );
    assert_same_title(&err, &last, 1, "Chapter Two: tables and links", &others);
}

#[test]
fn byte_order_marks_and_crlf_line_ends_are_accepted_everywhere() {
    let dir = scratch_manuscript();
    let plain = quire(&["model", "-m", dir.path().to_str().unwrap()]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("\u{FEFF}{}", text.replace('\n', "\r\n"))).unwrap();
        }
    }
    let (output, out) = run_in("build", dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.read_dir().unwrap().count() == 2, "an EPUB and a PDF");
    let windows = quire(&["model", "-m", dir.path().to_str().unwrap()]);
    assert!(windows.status.success(), "{}", stderr(&windows));
    let titles = |output: &Output| {
        let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        model["toc"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["title"].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&windows), titles(&plain));
    assert!(titles(&plain).iter().any(|t| t.contains("Chapter One")));
}

#[test]
fn uncovered_character_is_reported_once_at_the_line_of_its_first_use() {
    let dir = scratch_manuscript();
    let third = dir.path().join("03-third.md");
    fs::write(&third, "# Third\n\nPlain.\n\nA 漢 here,\n\nand 漢 again.\n").unwrap();
    let output = quire(&["check", "-m", dir.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let expected = format!(
        "{}:5: no shipped font has the character '漢' (U+6F22)",
        third.display()
    );
    assert!(err.contains(&expected), "{err}");
    assert_eq!(err.matches("'漢'").count(), 1, "{err}");
}

#[test]
fn every_load_error_is_its_own_error_line_followed_by_the_count() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\nSee [here](#nowhere) and [there](#elsewhere).\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    // Each problem's first line; the quoted source lines below them start
    // with a gutter (tests/diagnostics.rs).
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with(char::is_numeric))
        .collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("error: ")
            && lines[0].contains("03-third.md:3: broken internal link `#nowhere`"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("error: ") && lines[1].contains("`#elsewhere`"),
        "{err}"
    );
    assert!(lines[2].starts_with("error: 2 problems found in "), "{err}");
}

#[test]
fn source_date_epoch_sets_the_modification_date_and_must_be_a_number() {
    let run = |value: &str| {
        Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(["-m", "tests/fixtures/torture", "model"])
            .env("SOURCE_DATE_EPOCH", value)
            .output()
            .expect("quire runs")
    };
    let output = run(" 86400 ");
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(model["metadata"]["modified"], 86400);
    let output = run("yesterday");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("SOURCE_DATE_EPOCH must be a number of seconds, not `yesterday`")
    );
}

#[test]
fn a_failed_build_still_shows_its_warnings() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\n![](images/map.png)\n\nSee [here](#nowhere).\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    assert!(
        err.contains("warning: ")
            && err.contains("03-third.md:3: image `images/map.png` has no alternative text"),
        "{err}"
    );
    assert!(
        err.contains("error: ") && err.contains("03-third.md:5: broken internal link `#nowhere`"),
        "{err}"
    );
}

#[test]
fn an_mdbook_folder_builds_both_books_and_names_its_warnings_places() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["build", "-m", "tests/fixtures/mdbook", "-o"])
        .arg(out.path())
        .output()
        .expect("quire runs");
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err
        .contains("tests/fixtures/mdbook/src/SUMMARY.md:14: `Unwritten Pages` is a draft chapter"));
    assert!(err.contains("no `identifier`"));
    for ext in ["epub", "pdf"] {
        assert!(out
            .path()
            .join(format!("keeping-a-lighthouse.{ext}"))
            .is_file());
    }
}
