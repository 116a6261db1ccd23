//! What the command line offers around a build: the progress bar (drawn
//! only for a person at a terminal), shell completions, the manual pages
//! and `--open`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
#[path = "common/scratch.rs"]
mod scratch;
use scratch::{edit, torture_copy};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs quire with `args` and, for `--open`, `viewer` as its viewer.
fn quire(args: &[&str], viewer: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quire"));
    command.args(args).env_remove("QUIRE_VIEWER");
    if let Some(viewer) = viewer {
        command.env("QUIRE_VIEWER", viewer);
    }
    command.output().expect("quire runs")
}

/// What a progress bar leaves in a log: carriage returns, escape
/// sequences, its bar and stage names.
fn bar_traces(text: &str) -> Vec<&'static str> {
    [
        "\r",
        "\u{1b}",
        "[=",
        "] ",
        "drawing pages",
        "setting parts",
        "loading",
    ]
    .into_iter()
    .filter(|trace| text.contains(trace))
    .collect()
}

#[test]
fn a_build_whose_stderr_is_not_a_terminal_draws_no_progress_bar() {
    let book = torture_copy();
    let out = book.path().join("out");
    let output = quire(
        &[
            "build",
            "-m",
            book.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(bar_traces(&err), Vec::<&str>::new(), "{err:?}");
    let wrote: Vec<&str> = err.lines().filter(|l| l.starts_with("wrote ")).collect();
    assert_eq!(wrote.len(), 2, "{err}");
}

/// The lines a terminal shows at the end: each line of `typescript` as the
/// last erase or carriage return inside it leaves it.
fn screen_lines(typescript: &str) -> Vec<String> {
    typescript
        .split('\n')
        .map(|line| {
            let line = line.trim_end_matches('\r');
            let after_erase = line.rsplit("\u{1b}[2K").next().unwrap_or(line);
            after_erase
                .rsplit('\r')
                .next()
                .unwrap_or(after_erase)
                .to_string()
        })
        .collect()
}

/// Runs `quire ARGS -m BOOK -o OUT` on a pseudo-terminal (through
/// `script`) whose type is `term`: what the terminal was sent, and how long
/// it took.
fn on_terminal(term: &str, args: &str, book: &Path, out: &Path) -> (Output, Duration) {
    let line = format!(
        "'{}' {args} -m '{}' -o '{}'",
        env!("CARGO_BIN_EXE_quire"),
        book.display(),
        out.display()
    );
    let started = Instant::now();
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("TERM", term)
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    (output, started.elapsed())
}

#[test]
fn at_a_terminal_a_long_build_shows_its_stages_and_lines_printed_meanwhile_stay_whole() {
    if !common::require_tool("script") {
        return;
    }
    let book = torture_copy();
    let out = book.path().join("out");
    let (output, took) = on_terminal("xterm", "build", book.path(), &out);
    let shown = stdout(&output);
    assert!(output.status.success(), "{shown}");
    let epub = out.join("tom-jerry-unabridged-quotes-apostrophes.epub");
    let screen = screen_lines(&shown);
    for file in [epub.clone(), epub.with_extension("pdf")] {
        let wrote = format!("wrote {} (", file.display());
        assert!(
            screen
                .iter()
                .any(|l| l.starts_with(&wrote) && l.ends_with(" KiB)")),
            "`{wrote}` is not a whole line: {shown:?}"
        );
    }
    // The bar is cleared: nothing is left after the last `wrote` line.
    assert_eq!(
        screen
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .map(|l| l.starts_with("wrote ")),
        Some(true),
        "{shown:?}"
    );
    if took > Duration::from_millis(1500) {
        assert!(shown.contains("PDF: setting parts ["), "{shown:?}");
        assert!(shown.contains("EPUB"), "{shown:?}");
    } else if took < Duration::from_millis(400) {
        assert_eq!(
            bar_traces(&shown),
            Vec::<&str>::new(),
            "a quick build shows no bar"
        );
    }
}

#[test]
fn quiet_and_json_builds_and_dumb_terminals_draw_no_bar() {
    if !common::require_tool("script") {
        return;
    }
    let book = torture_copy();
    let out = book.path().join("out");
    for (term, option) in [
        ("xterm", "--quiet"),
        ("xterm", "--message-format=json"),
        ("dumb", "--verbose"),
    ] {
        let (output, _) = on_terminal(term, &format!("pdf {option}"), book.path(), &out);
        let shown = stdout(&output);
        assert!(output.status.success(), "{shown}");
        assert!(!shown.contains("setting parts"), "{option}: {shown:?}");
        assert!(!shown.contains('\u{1b}'), "{option}: {shown:?}");
    }
}

/// The commands `quire help` lists.
fn commands() -> Vec<String> {
    let help = stdout(&quire(&["help"], None));
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .expect("help lists the commands");
    let names: Vec<String> = listed
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    for expected in [
        "epub",
        "pdf",
        "build",
        "watch",
        "init",
        "completions",
        "man",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {help}");
    }
    names
}

#[test]
fn the_bash_completion_is_valid_bash_and_completes_every_command() {
    let output = quire(&["completions", "bash"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let script = stdout(&output);
    for command in commands() {
        assert!(
            script.contains(&format!("cmd=\"quire__subcmd__{command}\"")),
            "no completion for `{command}`"
        );
    }
    assert!(script.contains("--open"), "options are completed too");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quire.bash");
    fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn every_shell_has_completions_and_an_unknown_shell_is_a_usage_error() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = quire(&["completions", shell], None);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        assert!(stdout(&output).contains("build"), "{shell}");
    }
    let output = quire(&["completions", "tcsh"], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("tcsh"), "{}", stderr(&output));
}

#[test]
fn completions_and_pages_piped_into_a_closed_pipe_end_quietly() {
    for args in [&["completions", "bash"][..], &["man"], &["man", "build"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // As `quire man | head -0` would: the reader is gone before quire writes.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(output.status.success(), "{args:?}: {err}");
    }
}

/// `page` rendered by groff for a terminal, with groff's warnings.
fn groff(page: &[u8]) -> (String, String) {
    let mut child = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .env("GROFF_NO_SGR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(page).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    // Bold and underlined letters are overstruck: keep the letters.
    let mut text = String::new();
    for c in stdout(&output).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    // Justified lines have runs of spaces: one will do.
    let text = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>();
    (text.join(" "), stderr(&output))
}

#[test]
fn the_manual_pages_render_in_groff_without_a_warning() {
    if !common::require_tool("groff") {
        return;
    }
    let output = quire(&["man"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let (page, warnings) = groff(&output.stdout);
    assert_eq!(warnings, "", "{page}");
    assert!(page.contains("NAME"), "{page}");
    assert!(page.contains("--manuscript"), "{page}");
    for command in commands() {
        assert!(
            page.contains(&format!("quire-{command}(1)")),
            "{command}: {page}"
        );
        let own = quire(&["man", &command], None);
        assert!(own.status.success(), "{command}: {}", stderr(&own));
        let (text, warnings) = groff(&own.stdout);
        assert_eq!(warnings, "", "{command}: {text}");
        assert!(text.contains(&format!("quire {command}")), "{text}");
    }
    let (build, _) = groff(&quire(&["man", "build"], None).stdout);
    assert!(build.contains("--open"), "{build}");
    let unknown = quire(&["man", "buidl"], None);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no command `buidl`"));
}

/// A copy of the torture book and a viewer that writes each file it is
/// asked to open into a log, one a line.
struct Viewing {
    book: tempfile::TempDir,
    tools: tempfile::TempDir,
}

impl Viewing {
    fn new() -> Viewing {
        use std::os::unix::fs::PermissionsExt;
        let viewing = Viewing {
            book: torture_copy(),
            tools: tempfile::tempdir().unwrap(),
        };
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            viewing.log().display()
        );
        fs::write(viewing.viewer(), script).unwrap();
        fs::set_permissions(viewing.viewer(), fs::Permissions::from_mode(0o755)).unwrap();
        viewing
    }

    fn log(&self) -> std::path::PathBuf {
        self.tools.path().join("opened")
    }

    fn viewer(&self) -> std::path::PathBuf {
        self.tools.path().join("viewer")
    }

    /// The EPUB (its `.pdf` sibling is the PDF) a build writes.
    fn epub(&self) -> std::path::PathBuf {
        self.book
            .path()
            .join("out/tom-jerry-unabridged-quotes-apostrophes.epub")
    }

    /// Runs `quire COMMAND [--open]` on the book, the viewer set.
    fn run(&self, command: &str, open: bool) -> Output {
        let out = self.book.path().join("out");
        let mut args = vec![command];
        args.extend(open.then_some("--open"));
        args.extend(["-m", self.book.path().to_str().unwrap()]);
        args.extend(["-o", out.to_str().unwrap()]);
        quire(&args, Some(&self.viewer()))
    }

    /// The lines of the log once `count` have come (the viewer runs in the
    /// background), or what is there after a few seconds.
    fn opened(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut lines: Vec<String> = fs::read_to_string(self.log())
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect();
            if lines.len() >= count || Instant::now() > deadline {
                lines.sort();
                return lines;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn open_shows_each_book_written_in_the_viewer() {
    let viewing = Viewing::new();
    let output = viewing.run("build", true);
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = viewing.epub().display().to_string();
    let pdf = viewing.epub().with_extension("pdf").display().to_string();
    assert_eq!(viewing.opened(2), [epub, pdf.clone()]);

    fs::remove_file(viewing.log()).unwrap();
    let output = viewing.run("pdf", true);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(viewing.opened(1), [pdf]);
}

#[test]
fn nothing_is_opened_without_open_nor_after_a_failed_build() {
    let viewing = Viewing::new();
    let output = viewing.run("epub", false);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = viewing.book.path();
    edit(book, "02-second.md", "01-first.md#images", "nowhere.md");
    let output = viewing.run("epub", true);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    std::thread::sleep(Duration::from_secs(1));
    assert!(!viewing.log().exists(), "{:?}", viewing.opened(0));
}

#[test]
fn a_viewer_that_cannot_start_is_a_warning_the_book_is_written() {
    let book = torture_copy();
    let out = book.path().join("out");
    let output = quire(
        &[
            "epub",
            "--open",
            "-m",
            book.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        Some(Path::new("/nonexistent/viewer")),
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("warning: could not open") && err.contains("QUIRE_VIEWER=/nonexistent/viewer"),
        "{err}"
    );
    assert!(out
        .join("tom-jerry-unabridged-quotes-apostrophes.epub")
        .is_file());
}
