//! Helpers shared by the integration tests that call external validators
//! (EPUBCheck, Ace, qpdf, poppler).
//!
//! A test whose tool is missing **fails**: a validator that did not run has
//! checked nothing, and `ok` would be a lie. A run may opt out explicitly
//! with `QUIRE_SKIP_MISSING_TOOLS=1`; each test that needs a missing tool then
//! prints `SKIPPED:` with the tool's name and returns. Under CI (`CI` set) the
//! opt-out is ignored. `scripts/test` installs every tool and never opts out.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The environment variable that lets a run skip tests whose tool is missing.
pub const SKIP_MISSING_TOOLS: &str = "QUIRE_SKIP_MISSING_TOOLS";

/// What a test does about one external tool.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The tool is installed: run it.
    Run,
    /// The tool is missing and the run opted out: skip, saying why.
    Skip(String),
    /// The tool is missing and the run did not opt out: fail, saying why.
    Fail(String),
}

/// Whether the test may run `tool`: `true` when it is installed; `false`,
/// after printing why, when it is missing and the run opted out with
/// `QUIRE_SKIP_MISSING_TOOLS=1`. Panics (fails the test) otherwise.
pub fn require_tool(tool: &str) -> bool {
    require(tool, on_path(tool, std::env::var_os("PATH").as_deref()))
}

/// Like [`require_tool`] for anything a test needs that is not a program on
/// the `PATH` (a data package, say): `found` says whether it is there.
pub fn require(what: &str, found: bool) -> bool {
    match verdict(
        what,
        found,
        std::env::var_os(SKIP_MISSING_TOOLS).as_deref(),
        std::env::var_os("CI").as_deref(),
    ) {
        Verdict::Run => true,
        Verdict::Skip(why) => {
            eprintln!("SKIPPED: {why}");
            false
        }
        Verdict::Fail(why) => panic!("{why}"),
    }
}

/// Whether `tool` names an executable file: itself when it holds a `/`,
/// otherwise in one of the folders of `path` (a `PATH` value).
pub fn on_path(tool: &str, path: Option<&OsStr>) -> bool {
    if tool.contains('/') {
        return is_executable(Path::new(tool));
    }
    path.is_some_and(|path| std::env::split_paths(path).any(|dir| is_executable(&dir.join(tool))))
}

fn is_executable(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The decision for `tool`, from whether it was `found` and the values of
/// `QUIRE_SKIP_MISSING_TOOLS` (`skip`) and `CI` (`ci`). Only the value `1`
/// opts out, and never under CI.
pub fn verdict(tool: &str, found: bool, skip: Option<&OsStr>, ci: Option<&OsStr>) -> Verdict {
    if found {
        return Verdict::Run;
    }
    let missing = format!("`{tool}` is not installed");
    let opted_out = skip == Some(OsStr::new("1"));
    match (opted_out, ci.is_some()) {
        (true, false) => Verdict::Skip(format!(
            "{missing} and {SKIP_MISSING_TOOLS}=1 is set: this test checked nothing"
        )),
        (true, true) => Verdict::Fail(format!(
            "{missing}; {SKIP_MISSING_TOOLS} is ignored under CI: install it (scripts/test does)"
        )),
        (false, _) => Verdict::Fail(format!(
            "{missing}: run scripts/test to install it, or set {SKIP_MISSING_TOOLS}=1 \
             to skip the tests that need it"
        )),
    }
}

/// Writes `bytes` as `name` in `GROUP` under Cargo's temporary folder for
/// tests (`target/tmp`), for a tool to read: the next run writes over it,
/// and nothing is left behind in the system's temporary folder.
#[allow(dead_code)] // Not every test crate writes a file for a tool.
pub fn written_for_tools(group: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(group);
    std::fs::create_dir_all(&dir).expect("the tests' temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

/// Runs `qpdf --check` on the PDF at `path` (when qpdf may run) and fails
/// the test with qpdf's report if it finds a problem.
#[allow(dead_code)] // Not every test crate writes a PDF.
pub fn qpdf_check(path: &Path) {
    if !require_tool("qpdf") {
        return;
    }
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
