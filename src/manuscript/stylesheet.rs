//! The author's stylesheet (`[epub] css`): read from inside the book, with
//! every file its `url()`s name (fonts, images), which the EPUB packages.

use super::files::{confined, read_bounded};
use super::Manuscript;
use crate::error::{Error, ErrorKind, Location};
use crate::model::{AuthorCss, EpubSettings};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The largest stylesheet quire reads: 1 MiB.
const MAX_CSS_BYTES: u64 = 1024 * 1024;
/// The largest file a stylesheet names: 64 MiB (as a font).
const MAX_ASSET_BYTES: u64 = 64 * 1024 * 1024;

/// The media type of a file a stylesheet may name, by its extension.
fn media_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// Each `url(…)` of `css`: the byte range of the whole `url(…)` and the
/// address inside it (quotes removed).
fn urls(css: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let lower = css.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("url(") {
        let start = from + at;
        let inner = start + 4;
        let Some(close) = css[inner..].find(')') else {
            break;
        };
        let end = inner + close + 1;
        let address = css[inner..inner + close]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .trim()
            .to_string();
        found.push((start..end, address));
        from = end;
    }
    found
}

impl Manuscript {
    /// The EPUB's settings, the author's stylesheet read with the files it
    /// names; a problem is an error at the `css` line of `book.toml`.
    pub fn read_epub(&self, errors: &mut Vec<Error>) -> EpubSettings {
        let config = &self.config.epub;
        let mut settings = EpubSettings {
            css: None,
            embed_fonts: config.embed_fonts,
            footnotes: config.footnotes,
            page_list: config.page_list,
        };
        if let Some((file, line)) = &config.css {
            let location = Location {
                file: self.dir.join("book.toml"),
                line: *line,
                column: None,
            };
            match self.read_css(file) {
                Ok(css) => settings.css = Some(css),
                Err(kind) => errors.push(Error::at(location, kind)),
            }
        }
        settings
    }

    fn read_css(&self, file: &str) -> Result<AuthorCss, ErrorKind> {
        let fail = |reason: String| ErrorKind::Stylesheet {
            path: file.to_string(),
            reason,
        };
        let bytes = confined(&self.dir, &self.root, file)
            .and_then(|path| read_bounded(&path, MAX_CSS_BYTES))
            .map_err(|e| match e {
                ErrorKind::Io(e) => fail(format!("cannot read the file: {e}")),
                other => other,
            })?;
        let text = String::from_utf8(bytes).map_err(|_| fail("it is not UTF-8 text".into()))?;
        if text.to_ascii_lowercase().contains("@import") {
            return Err(fail(
                "`@import` is not followed: put the rules in this one file".into(),
            ));
        }
        let folder = Path::new(file).parent().unwrap_or(Path::new(""));
        let mut files: Vec<(String, &'static str, Arc<[u8]>)> = Vec::new();
        let mut named: BTreeMap<String, String> = BTreeMap::new();
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (range, address) in urls(&text) {
            out.push_str(&text[last..range.start]);
            last = range.end;
            if address.starts_with('#') || address.starts_with("data:") {
                out.push_str(&text[range]);
                continue;
            }
            if address.contains(':') || address.starts_with('/') {
                return Err(fail(format!(
                    "`url({address})` leads out of the book: an EPUB carries its files, so name a file inside the book's folder"
                )));
            }
            let relative = folder.join(&address).to_string_lossy().replace('\\', "/");
            let media_type = media_type(&address).ok_or_else(|| {
                fail(format!(
                    "`url({address})` names a file the EPUB cannot carry: a font (`.ttf`, `.otf`, `.woff`, `.woff2`) or an image (`.png`, `.jpg`, `.gif`, `.svg`, `.webp`)"
                ))
            })?;
            let name = match named.get(&relative) {
                Some(name) => name.clone(),
                None => {
                    let data = confined(&self.dir, &self.root, &relative)
                        .and_then(|path| read_bounded(&path, MAX_ASSET_BYTES))
                        .map_err(|e| match e {
                            ErrorKind::Io(e) => {
                                fail(format!("cannot read `{address}` (its `url()`): {e}"))
                            }
                            other => other,
                        })?;
                    let extension = address.rsplit_once('.').map_or("", |(_, e)| e);
                    let name = format!(
                        "author/{}.{}",
                        files.len() + 1,
                        extension.to_ascii_lowercase()
                    );
                    files.push((name.clone(), media_type, data.into()));
                    named.insert(relative, name.clone());
                    name
                }
            };
            out.push_str(&format!("url({name})"));
        }
        out.push_str(&text[last..]);
        Ok(AuthorCss {
            path: file.to_string(),
            text: out,
            files,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_with_or_without_quotes() {
        let css = "a { background: URL( 'i/x.png' ) } @font-face { src: url(\"f.otf\") } b { x: url(#m) }";
        let found: Vec<String> = urls(css).into_iter().map(|(_, a)| a).collect();
        assert_eq!(found, ["i/x.png", "f.otf", "#m"]);
        let (range, _) = &urls(css)[0];
        assert_eq!(&css[range.clone()], "URL( 'i/x.png' )");
    }

    #[test]
    fn only_files_the_epub_can_carry_have_a_media_type() {
        assert_eq!(media_type("f/A.OTF"), Some("font/otf"));
        assert_eq!(media_type("i/x.jpeg"), Some("image/jpeg"));
        assert_eq!(media_type("x.exe"), None);
        assert_eq!(media_type("noextension"), None);
    }
}
