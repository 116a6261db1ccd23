//! The `quire` command as a user meets it: exit codes, messages that name
//! file and line, and output files that are whole or absent.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn quire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("quire runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the torture manuscript in a temporary folder, to break.
fn scratch_manuscript() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/torture"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

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
    let text = fs::read_to_string(&chapter).unwrap();
    fs::write(
        &chapter,
        text.replace("01-first.md#images", "01-first.md#no-such-anchor"),
    )
    .unwrap();
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
        "No title here.\n\n<div>raw</div>\n",
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
        err.contains("appendix.md:3: raw HTML `<div>raw</div>`"),
        "{err}"
    );
    assert!(err.contains("03-third.md:3: broken internal link"), "{err}");
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn raw_html_does_not_hide_the_links_and_images_of_its_file() {
    let dir = scratch_manuscript();
    fs::write(
        dir.path().join("03-third.md"),
        "# Third\n\n<span>raw</span>\n\n[x](01-first.md#no-such-anchor) ![y](images/none.png)\n\n[z](abcdeé) [m](mailtoé) [Α]\n\n[Α]: /φου\n",
    )
    .unwrap();
    let err = assert_failed_cleanly(&quire(&["check", "-m", dir.path().to_str().unwrap()]));
    for expected in [
        "03-third.md:3: raw HTML `<span>`",
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
