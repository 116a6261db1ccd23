//! `quire serve`: the HTML edition on 127.0.0.1, built in memory, rebuilt
//! whenever a file of the book changes, and reloaded in the browser.
//!
//! [`crate::watch`] runs the builds. Each good build replaces the site
//! served and bumps a generation number; every page carries a small script
//! that listens to `/_quire/events` (server-sent events) and reloads the
//! page when the generation it hears is not the one the page was built
//! with. A failed build prints its problems and changes nothing: the last
//! good site is still served and open pages stay as they are. The script is
//! only in served pages, never in `quire html`'s. Nothing is written to
//! disk, so stopping with Ctrl-C leaves nothing behind.

use crate::cli;
use crate::watch::{self, Outcome};
use anyhow::{anyhow, Context, Result};
use quire::html::{self, Options};
use quire::model::Book;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// Where pages listen for new builds.
const EVENTS: &str = "/_quire/events";
/// How often an idle event stream says it is alive (and finds out whether
/// its reader is gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A built site: every file by its path inside the site.
type Site = Arc<BTreeMap<String, Vec<u8>>>;

/// The site being served and the number of the build that made it.
#[derive(Default)]
struct Current {
    /// 0 until the first good build.
    generation: u64,
    /// The files, by path inside the site; `None` before the first good build.
    site: Option<Site>,
}

/// What the server threads share with the builds.
#[derive(Default)]
struct State {
    current: Mutex<Current>,
    /// Notified after each good build.
    built: Condvar,
}

impl State {
    fn current(&self) -> (u64, Option<Site>) {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        (current.generation, current.site.clone())
    }

    fn publish(&self, generation: u64, site: BTreeMap<String, Vec<u8>>) {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current.generation = generation;
        current.site = Some(Arc::new(site));
        self.built.notify_all();
    }
}

/// Serves the book in `source` on 127.0.0.1, building it with `load` now
/// and after every change, until the process is stopped.
pub fn run(
    source: &Path,
    out: &Path,
    options: &cli::Serve,
    load: impl Fn() -> Result<Book>,
) -> Result<()> {
    let server = Server::http(("127.0.0.1", options.port))
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("listening on 127.0.0.1:{}", options.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let url = format!("http://127.0.0.1:{port}/");
    // On stdout, whatever the verbosity: with `--port 0` it is the only
    // way to know where to look.
    println!("serving {url}");
    std::io::stdout().flush().context("writing to stdout")?;

    let state = Arc::new(State::default());
    let shared = Arc::clone(&state);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let state = Arc::clone(&shared);
            std::thread::spawn(move || respond(request, &state));
        }
    });

    let mut open = options.open;
    let outcome = Outcome {
        target: format!("served at {url}"),
        kept: "the last good site is still served",
    };
    watch::watch(source, out, &outcome, || {
        let built = build(&state, &load);
        if std::mem::take(&mut open) {
            crate::open::open(&[&url]);
        }
        built
    })
}

/// One build: on success the site served becomes the new one.
fn build(state: &State, load: &impl Fn() -> Result<Book>) -> Result<()> {
    let book = load()?;
    let generation = state.current().0 + 1;
    let options = Options {
        script: Some(reload_script(generation)),
    };
    let site = html::site(&book, &options).context("building the HTML")?;
    state.publish(generation, site);
    Ok(())
}

/// The script every served page ends with: reload when a build other than
/// `generation` is announced.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>\n(function () {{\n  var built = \"{generation}\";\n  \
         new EventSource(\"{EVENTS}\").addEventListener(\"build\", function (event) {{\n    \
         if (event.data !== built) {{ location.reload(); }}\n  }});\n}}());\n</script>\n"
    )
}

/// Answers one request: the event stream, a file of the site, or an error.
fn respond(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served\n"));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    if path == EVENTS {
        events(request, state);
        return;
    }
    let (generation, site) = state.current();
    let Some(site) = site else {
        // Before the first good build: a page that reloads once there is one.
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Not built yet</title>\n</head>\n<body>\n<p>The book has not built yet: \
             see the problems quire printed. This page reloads once it builds.</p>\n{}</body>\n</html>\n",
            reload_script(generation)
        );
        let _ = request.respond(
            with_type(Response::from_string(page), "text/html; charset=utf-8")
                .with_status_code(503),
        );
        return;
    };
    match file(&site, &path) {
        Some((name, bytes)) => {
            let response = Response::from_data(bytes.clone());
            let _ = request.respond(with_type(response, content_type(name)));
        }
        None => {
            let _ = request.respond(text(404, &format!("no such page: {path}\n")));
        }
    }
}

/// The file a request path names: `/` and folders mean their `index.html`;
/// `%XX` escapes are decoded.
fn file<'a>(site: &'a BTreeMap<String, Vec<u8>>, path: &str) -> Option<(&'a str, &'a Vec<u8>)> {
    let mut name = decode(path.trim_start_matches('/'))?;
    if name.is_empty() || name.ends_with('/') {
        name.push_str(html::INDEX);
    }
    site.get_key_value(&name).map(|(k, v)| (k.as_str(), v))
}

/// `%XX` escapes decoded; `None` when that is not UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("ttf") => "font/ttf",
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn with_type<R: std::io::Read>(response: Response<R>, content_type: &str) -> Response<R> {
    response
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_type(Response::from_string(message), "text/plain; charset=utf-8").with_status_code(status)
}

/// The event stream of one page: the generation now, then each new one as
/// it is built, until the reader goes away. Written by hand on the raw
/// connection, flushed event by event (tiny_http's chunked writer would
/// hold small events back).
fn events(request: Request, state: &State) {
    let mut writer = request.into_writer();
    let mut sent = None;
    let mut head = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: close\r\n\r\nretry: 1000\n\n",
    );
    loop {
        let generation = {
            let current = state.current.lock().unwrap_or_else(|e| e.into_inner());
            let (current, _) = state
                .built
                .wait_timeout_while(current, KEEP_ALIVE, |c| Some(c.generation) == sent)
                .unwrap_or_else(|e| e.into_inner());
            current.generation
        };
        let message = if Some(generation) == sent {
            ": still here\n\n".to_owned()
        } else {
            sent = Some(generation);
            format!("event: build\ndata: {generation}\n\n")
        };
        head.push_str(&message);
        if writer
            .write_all(head.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        head.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files_and_folders_to_their_index() {
        let site: BTreeMap<String, Vec<u8>> = ["index.html", "one.html", "images/a b.png"]
            .iter()
            .map(|n| (n.to_string(), n.as_bytes().to_vec()))
            .collect();
        assert_eq!(file(&site, "/").unwrap().0, "index.html");
        assert_eq!(file(&site, "/one.html").unwrap().0, "one.html");
        assert_eq!(
            file(&site, "/images/a%20b.png").unwrap().0,
            "images/a b.png"
        );
        assert!(file(&site, "/../etc/passwd").is_none());
        assert!(file(&site, "/two.html").is_none());
        assert_eq!(decode("%e2%86%92%").as_deref(), Some("→%"));
        assert_eq!(decode("%ff"), None);
    }

    #[test]
    fn the_script_reloads_only_for_another_build() {
        let script = reload_script(7);
        assert!(script.contains("var built = \"7\";"));
        assert!(script.contains("new EventSource(\"/_quire/events\")"));
        assert_eq!(content_type("a.css"), "text/css; charset=utf-8");
    }
}
