//! `quire watch` as an author uses it: edit a chapter, and the books are
//! built again; break it, and the last good books stay.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[path = "common/lines.rs"]
mod lines;
#[path = "common/scratch.rs"]
mod scratch;
use lines::Lines;
use scratch::{edit, torture_copy};

/// How long one build may take on a loaded 2-core machine.
const PATIENCE: Duration = Duration::from_secs(180);

/// The watching process, stopped when the test ends, passed or failed.
struct Watching {
    child: Child,
    lines: Lines,
}

impl Watching {
    fn start(manuscript: &Path, out: &Path) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(["watch", "-m"])
            .arg(manuscript)
            .arg("-o")
            .arg(out)
            .env("SOURCE_DATE_EPOCH", "1795737600")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("quire runs");
        let lines = Lines::read(child.stderr.take().unwrap());
        Watching { child, lines }
    }

    /// Waits for a line starting with `prefix`, returning the lines read.
    fn wait_for(&self, prefix: &str) -> Vec<String> {
        self.lines.wait_for(prefix, PATIENCE)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of the EPUB's first chapter.
fn first_chapter(epub: &Path) -> String {
    let bytes = std::fs::read(epub).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let name = archive
        .file_names()
        .find(|n| n.ends_with("first.xhtml"))
        .map(str::to_string)
        .expect("the first chapter is in the EPUB");
    let mut text = String::new();
    archive
        .by_name(&name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn edits_rebuild_the_books_and_a_broken_edit_keeps_the_last_good_ones() {
    let book = torture_copy();
    // The output inside the book's folder, as `out/` beside book.toml is:
    // writing it must not start another build.
    let out = book.path().join("out");
    let watching = Watching::start(book.path(), &out);
    watching.wait_for("built in");
    let epub = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "epub"))
        .expect("the first build wrote an EPUB");
    assert!(first_chapter(&epub).contains("Chapter One"));

    edit(
        book.path(),
        "01-first.md",
        "# Chapter One:",
        "# Chapter Uno:",
    );
    let lines = watching.wait_for("built in");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("changed:") && l.contains("01-first.md")),
        "{lines:?}"
    );
    assert!(first_chapter(&epub).contains("Chapter Uno"));
    let good = std::fs::read(&epub).unwrap();

    // A broken link: the build fails, the books stay as they were.
    edit(
        book.path(),
        "01-first.md",
        "# Chapter Uno:",
        "[x](nowhere.md)\n\n# Chapter Dos:",
    );
    let lines = watching.wait_for("build failed");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("broken internal link `nowhere.md`")),
        "{lines:?}"
    );
    assert_eq!(
        std::fs::read(&epub).unwrap(),
        good,
        "the last good EPUB is kept"
    );

    // A chapter deleted mid-edit (another chapter links to it): one more
    // failed build, and the watch goes on.
    std::fs::remove_file(book.path().join("01-first.md")).unwrap();
    watching.wait_for("build failed");
    std::fs::write(
        book.path().join("01-first.md"),
        "# Chapter Tres\n\n## Images\n\nBack.\n",
    )
    .unwrap();
    watching.wait_for("built in");
    assert!(first_chapter(&epub).contains("Chapter Tres"));
}
