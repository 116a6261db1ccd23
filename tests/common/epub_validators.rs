//! The EPUB validators, run as a reader's tools would: EPUBCheck and Ace by
//! DAISY. Each fails the test on any message (see `tests/epub.rs` for how
//! they are installed and run), or when the tool is missing (unless the run
//! opts out: [`crate::common::require_tool`]).

use crate::common::require_tool;
use std::path::Path;
use std::process::Command;

/// Runs EPUBCheck on `path`: exit status 0 and no message at all.
pub fn epubcheck(path: &Path) {
    if !require_tool("epubcheck") {
        return;
    }
    let output = Command::new("epubcheck")
        .arg(path)
        .output()
        .expect("epubcheck runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let messages: Vec<&str> = report
        .lines()
        .filter(|l| {
            ["FATAL", "ERROR", "WARNING"]
                .iter()
                .any(|level| l.contains(level))
        })
        .collect();
    assert!(
        output.status.success() && messages.is_empty(),
        "EPUBCheck found problems in {}:\n{report}",
        path.display()
    );
}

/// Runs Ace by DAISY on `path`: outcome `pass` with no violation listed.
pub fn ace(path: &Path) {
    if !require_tool("ace-cli") {
        return;
    }
    let report_dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new("ace-cli");
    command
        .args(["-f", "-s", "-o"])
        .arg(report_dir.path())
        .arg(path);
    command.env("ACE_TIMEOUT_INITIAL", "60000");
    if std::env::var_os("PUPPETEER_EXECUTABLE_PATH").is_none() {
        command.env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium");
    }
    let output = command.output().expect("ace-cli runs");
    let json =
        std::fs::read_to_string(report_dir.path().join("report.json")).unwrap_or_else(|_| {
            panic!(
                "Ace wrote no report:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let report: serde_json::Value = serde_json::from_str(&json).expect("Ace's report is JSON");
    let mut violations = Vec::new();
    for document in report["assertions"].as_array().into_iter().flatten() {
        for violation in document["assertions"].as_array().into_iter().flatten() {
            violations.push(format!(
                "{}: {} ({})",
                document["earl:testSubject"]["url"],
                violation["earl:test"]["dct:title"],
                violation["earl:test"]["earl:impact"]
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "Ace found violations:\n{}",
        violations.join("\n")
    );
    assert_eq!(report["earl:result"]["earl:outcome"], "pass");
}

/// The bytes of the entry `name` (`EPUB/package.opf`) of the EPUB `epub`.
#[allow(dead_code)] // Not every test crate reads an entry.
pub fn entry_bytes(epub: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("a ZIP file");
    let mut out = Vec::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the EPUB"))
        .read_to_end(&mut out)
        .expect("read");
    out
}

/// The entry `name` of the EPUB `epub`, as text.
#[allow(dead_code)] // Not every test crate reads an entry.
pub fn entry_text(epub: &[u8], name: &str) -> String {
    String::from_utf8(entry_bytes(epub, name)).expect("UTF-8")
}

/// The XHTML document of the part with this id in the EPUB `epub`.
#[allow(dead_code)] // Not every test crate reads a part's markup.
pub fn part_xhtml(epub: &[u8], id: &str) -> String {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("a ZIP file");
    let name = zip
        .file_names()
        .find(|n| n.ends_with(&format!("{id}.xhtml")))
        .unwrap_or_else(|| panic!("no document for `{id}`"))
        .to_string();
    entry_text(epub, &name)
}
