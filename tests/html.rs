//! The HTML edition: `quire html` writes a site whose every link resolves
//! and whose pages are valid HTML5; `quire serve` serves it to a real
//! browser (headless Chromium) and follows an author's edits.

use html5gum::{Token, Tokenizer};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

mod common;
#[path = "common/lines.rs"]
mod lines;
#[path = "common/scratch.rs"]
mod scratch;
use lines::Lines;
use scratch::{edit, torture_copy};

/// How long one build, or one browser run, may take on a loaded machine.
const PATIENCE: Duration = Duration::from_secs(180);

fn quire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795737600")
        .output()
        .expect("quire runs")
}

/// Every file below `dir`, by its path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// What one page holds, as an HTML5 tokenizer reads it.
#[derive(Default)]
struct Page {
    ids: BTreeSet<String>,
    /// Every `href` and `src`.
    links: Vec<String>,
    text: String,
}

const VOID: [&str; 8] = ["br", "hr", "img", "input", "link", "meta", "source", "wbr"];

/// Reads `html` with html5gum (a WHATWG tokenizer): no parse error, a
/// doctype, `<html lang>`, elements closed in order, ids unique, every
/// image with an `alt`, no `epub:` attribute.
fn read_page(name: &str, html: &str) -> Page {
    let mut page = Page::default();
    let mut open: Vec<String> = Vec::new();
    let mut doctype = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::Error(error) => panic!("{name}: HTML parse error {error:?}"),
            Token::Doctype(d) => doctype = String::from_utf8_lossy(&d.name) == "html",
            Token::StartTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).into_owned();
                let attribute = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                for key in tag.attributes.keys() {
                    assert!(!key.starts_with(b"epub:"), "{name}: an epub: attribute");
                }
                if tag_name == "html" {
                    assert!(
                        attribute("lang").is_some_and(|l| !l.is_empty()),
                        "{name}: lang"
                    );
                }
                if tag_name == "img" {
                    assert!(attribute("alt").is_some(), "{name}: an image without alt");
                }
                if let Some(id) = attribute("id") {
                    assert!(page.ids.insert(id.clone()), "{name}: id {id} twice");
                }
                page.links.extend(attribute("href"));
                page.links.extend(attribute("src"));
                if !VOID.contains(&tag_name.as_str()) && !tag.self_closing {
                    open.push(tag_name);
                }
            }
            Token::EndTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).into_owned();
                assert_eq!(
                    open.pop().as_deref(),
                    Some(tag_name.as_str()),
                    "{name}: </{tag_name}> closes the wrong element"
                );
            }
            Token::String(text) => page.text.push_str(&String::from_utf8_lossy(&text)),
            Token::Comment(_) => {}
        }
    }
    assert!(doctype, "{name}: no <!DOCTYPE html>");
    assert!(open.is_empty(), "{name}: unclosed {open:?}");
    page
}

/// Checks every page of the site in `dir`, and that every link inside the
/// site reaches a file, and every fragment an id of its page. Returns the
/// pages by name.
fn check_site(dir: &Path) -> BTreeMap<String, Page> {
    let site = files(dir);
    let pages: BTreeMap<String, Page> = site
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| {
            (
                name.clone(),
                read_page(name, std::str::from_utf8(bytes).unwrap()),
            )
        })
        .collect();
    assert!(pages.contains_key("index.html") && pages.contains_key("copyright.html"));
    let mut internal = 0;
    for (name, page) in &pages {
        for link in &page.links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() { name.as_str() } else { file };
            assert!(
                site.contains_key(target),
                "{name}: `{link}` leads to no file"
            );
            if !fragment.is_empty() {
                let ids = &pages[target].ids;
                assert!(
                    ids.contains(fragment),
                    "{name}: `{link}`: {target} has no id `{fragment}`"
                );
            }
            internal += 1;
        }
    }
    assert!(
        internal > pages.len() * 3,
        "only {internal} internal links checked"
    );
    pages
}

#[test]
fn the_torture_book_becomes_a_site_whose_links_all_resolve() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    let built = quire(&["html", "-m", "tests/fixtures/torture", "-o", o]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let site = out.path().join("html");
    let pages = check_site(&site);
    // The same parts as the EPUB, and its generated matter.
    for page in ["first.html", "second.html", "faq.html", "preface.html"] {
        assert!(pages.contains_key(page), "{page} in {:?}", pages.keys());
    }
    assert!(pages["index.html"].text.contains("Contents"));
    assert!(site.join("css/book.css").is_file() && site.join("css/screen.css").is_file());
    assert!(site.join("fonts/CharisSIL-Regular.ttf").is_file());
    let first = fs::read_to_string(site.join("first.html")).unwrap();
    assert!(!first.contains("<script"), "a published page has no script");
    assert!(
        first.contains("role=\"doc-noteref\""),
        "the torture book has notes"
    );
    // Same book, same bytes; and nothing is left beside the site.
    let before = files(&site);
    let again = quire(&["html", "-m", "tests/fixtures/torture", "-o", o]);
    assert!(again.status.success());
    assert_eq!(files(&site), before);
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn every_fixture_book_becomes_a_site_whose_links_all_resolve() {
    // HTML in Markdown, every extension, an mdBook, pandoc books (one file,
    // a folder).
    for book in ["real-books", "mdbook", "pandoc/book.md", "pandoc-folder"] {
        let out = tempfile::tempdir().unwrap();
        let path = format!("tests/fixtures/{book}");
        let built = quire(&["html", "-m", &path, "-o", out.path().to_str().unwrap()]);
        assert!(
            built.status.success(),
            "{book}: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        check_site(&out.path().join("html"));
    }
}

#[test]
fn a_new_book_from_quire_init_becomes_a_valid_site() {
    let root = tempfile::tempdir().unwrap();
    let book = root.path().join("book");
    let b = book.to_str().unwrap();
    let init = quire(&["init", b, "--author", "Ann Author", "--language", "en"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let out = root.path().join("out");
    let built = quire(&["html", "-m", b, "-o", out.to_str().unwrap()]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let pages = check_site(&out.join("html"));
    let images: Vec<_> = files(&out.join("html"))
        .into_keys()
        .filter(|n| n.starts_with("images/"))
        .collect();
    assert!(
        !images.is_empty(),
        "the template's chart is copied beside the pages"
    );
    assert!(pages
        .values()
        .any(|p| p.links.iter().any(|l| l.starts_with("images/"))));
}

#[test]
fn a_failed_build_leaves_the_last_site_whole() {
    let book = torture_copy();
    let out = tempfile::tempdir().unwrap();
    let (b, o) = (book.path().to_str().unwrap(), out.path().to_str().unwrap());
    assert!(quire(&["html", "-m", b, "-o", o]).status.success());
    let before = files(&out.path().join("html"));
    edit(
        book.path(),
        "02-second.md",
        "(01-first.md#images)",
        "(01-first.md#nowhere)",
    );
    let failed = quire(&["html", "-m", b, "-o", o]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("02-second.md:20"));
    assert_eq!(files(&out.path().join("html")), before);
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

/// A running `quire serve`, stopped when the test ends, passed or failed.
struct Serving {
    child: Child,
    port: u16,
    stderr: Lines,
}

impl Serving {
    fn start(book: &Path) -> Serving {
        Serving::start_with(book, &[], None)
    }

    /// `quire serve` with more `args`, and `$BROWSER` set to `browser`.
    fn start_with(book: &Path, args: &[&str], browser: Option<&Path>) -> Serving {
        let mut command = Command::new(env!("CARGO_BIN_EXE_quire"));
        if let Some(browser) = browser {
            command.env("QUIRE_VIEWER", browser);
        }
        let mut child = command
            .args(["serve", "--port", "0", "-m"])
            .arg(book)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("quire runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .trim()
            .strip_prefix("serving http://127.0.0.1:")
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no address in `{first}`"));
        let stderr = Lines::read(child.stderr.take().unwrap());
        Serving {
            child,
            port,
            stderr,
        }
    }

    /// Waits for a line of stderr starting with `prefix`.
    fn wait_for(&self, prefix: &str) -> Vec<String> {
        self.stderr.wait_for(prefix, PATIENCE)
    }

    /// The status line and body of `GET path`.
    fn get(&self, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (
            head.lines().next().unwrap_or_default().to_owned(),
            body.to_owned(),
        )
    }

    /// The DOM headless Chromium builds from `path`, after its scripts ran.
    fn browse(&self, path: &str) -> String {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        let profile = tempfile::tempdir().unwrap();
        let output = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(["--dump-dom", &url])
            .stderr(Stdio::null())
            .output()
            .expect("chromium runs");
        assert!(output.status.success(), "chromium failed on {url}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads server-sent events from `/_quire/events` into a channel, one
/// `data:` value each.
fn events(port: u16) -> Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /_quire/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                if sender.send(data.to_owned()).is_err() {
                    break;
                }
            }
        }
    });
    events
}

#[test]
fn quire_serve_shows_the_book_in_a_browser_and_follows_edits() {
    if !common::require_tool("chromium") {
        return;
    }
    let book = torture_copy();
    let serving = Serving::start(book.path());
    serving.wait_for("built in");

    // A real browser renders the served chapter.
    let dom = serving.browse("/first.html");
    assert!(dom.contains("Plain text with"), "{dom}");
    assert!(dom.contains("Ampersands &amp; &lt;Angles&gt;"), "{dom}");
    let (status, index) = serving.get("/");
    assert!(status.contains("200"), "{status}");
    assert!(index.contains("id=\"toc\"") && index.contains("/_quire/events"));
    assert!(serving.get("/no-such-page.html").0.contains("404"));

    // An edit: the event stream announces a new build, the page shows it.
    let stream = events(serving.port);
    assert_eq!(stream.recv_timeout(PATIENCE).as_deref(), Ok("1"));
    edit(
        book.path(),
        "01-first.md",
        "Plain text with",
        "Freshly edited text with",
    );
    serving.wait_for("built in");
    assert_eq!(stream.recv_timeout(PATIENCE).as_deref(), Ok("2"));
    assert!(serving
        .get("/first.html")
        .1
        .contains("Freshly edited text with"));
    let dom = serving.browse("/first.html");
    assert!(dom.contains("Freshly edited text with"), "{dom}");

    // A broken edit: problems printed, the last good site still served.
    edit(
        book.path(),
        "02-second.md",
        "(01-first.md#images)",
        "(01-first.md#nowhere)",
    );
    let printed = serving.wait_for("build failed");
    assert!(
        printed.iter().any(|l| l.contains("02-second.md:20")),
        "{printed:?}"
    );
    let (status, page) = serving.get("/first.html");
    assert!(status.contains("200") && page.contains("Freshly edited text with"));
    let started = Instant::now();
    assert!(
        stream.recv_timeout(Duration::from_secs(2)).is_err(),
        "no reload after a failed build"
    );
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[test]
fn quire_serve_open_opens_the_served_address_in_the_browser() {
    let book = torture_copy();
    // A "browser" that writes down the address it is given.
    let browser = book.path().join(".browser.sh");
    let opened = book.path().join(".opened");
    let script = format!(
        "#!/bin/sh\necho \"$1\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
        opened.display()
    );
    fs::write(&browser, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();
    let serving = Serving::start_with(book.path(), &["--open"], Some(&browser));
    serving.wait_for("built in");
    let deadline = Instant::now() + PATIENCE;
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let address = fs::read_to_string(&opened).expect("the browser was started");
    assert_eq!(
        address.trim(),
        format!("http://127.0.0.1:{}/", serving.port)
    );
}
