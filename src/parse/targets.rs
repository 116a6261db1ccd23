//! Link and image destinations: external addresses checked, internal ones
//! resolved relative to the file and kept inside the manuscript folder.

use super::builder::Builder;
use super::ImageRef;
use super::LinkRef;
use crate::error::{Error, ErrorKind, Location};
use crate::model::LinkTarget;
use crate::url::{self, Kind};

impl Builder<'_> {
    /// Reads a link destination: external URLs stay as written; `#anchor`
    /// and `file.md#anchor` become internal targets naming the file (relative
    /// to the manuscript folder), recorded in [`Parsed::links`] for the links
    /// pass to resolve to a part and check.
    pub(super) fn link_target(
        &mut self,
        destination: &str,
        line: usize,
    ) -> Result<LinkTarget, Error> {
        let location = Location::line(self.cx.display_path, line);
        let broken = |reason: String| {
            Error::at(
                location.clone(),
                ErrorKind::BrokenLink {
                    target: destination.to_string(),
                    reason,
                },
            )
        };
        match url::kind(destination) {
            Kind::External => {
                return Ok(LinkTarget::External {
                    url: destination.to_string(),
                })
            }
            Kind::Malformed { expected } => {
                return Err(broken(format!(
                    "not a well-formed address: expected {expected}"
                )))
            }
            Kind::OtherScheme => {
                return Err(broken(
                    "only http, https, ftp and mailto addresses may leave the book".into(),
                ))
            }
            Kind::Internal => {}
        }
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (destination, None),
        };
        let file = if path.is_empty() {
            self.cx.file.to_string()
        } else {
            resolve_relative(self.cx.file, path)
                .ok_or_else(|| broken("it leaves the manuscript folder".into()))?
        };
        let anchor = anchor.filter(|a| !a.is_empty()).map(str::to_string);
        self.links.push(LinkRef {
            location,
            destination: destination.to_string(),
            file: file.clone(),
            anchor: anchor.clone(),
        });
        Ok(LinkTarget::Internal {
            chapter: file,
            anchor,
        })
    }

    pub(super) fn image_path(&mut self, destination: &str) -> Option<String> {
        let resolved = match url::kind(destination) {
            Kind::Internal => resolve_relative(self.cx.file, destination),
            _ => None,
        };
        match resolved {
            Some(src) => {
                self.images.push(ImageRef {
                    location: self.here(),
                    src: src.clone(),
                });
                Some(src)
            }
            None => {
                self.errors.push(self.error(ErrorKind::Image {
                    path: destination.to_string(),
                    reason: "images must be files inside the manuscript folder (remote images are not embedded)".into(),
                }));
                None
            }
        }
    }
}

/// Resolves `target` relative to the folder of `from` (both relative to the
/// manuscript folder), percent-decoding it. `None` if it escapes the folder
/// or is absolute.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let target = percent_decode(target);
    if target.starts_with('/') || target.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkTarget::{External, Internal};
    use crate::model::{Block, Inline};
    use crate::parse::tests::{blocks, error, parsed, try_parse};

    #[test]
    fn links_are_external_or_internal_targets_naming_the_file() {
        let parsed = try_parse(
            "[w](https://example.org/a?b=1&c) [s](#sec) [o](sub/ch2.md) [a](sub/ch2.md#x) <me@example.org>",
        )
        .unwrap();
        let Block::Paragraph { content } = &parsed.blocks[0] else {
            panic!()
        };
        let targets: Vec<_> = content
            .iter()
            .filter_map(|i| match i {
                Inline::Link { target, .. } => Some(target.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            vec![
                External {
                    url: "https://example.org/a?b=1&c".into()
                },
                Internal {
                    chapter: "ch1.md".into(),
                    anchor: Some("sec".into())
                },
                Internal {
                    chapter: "sub/ch2.md".into(),
                    anchor: None
                },
                Internal {
                    chapter: "sub/ch2.md".into(),
                    anchor: Some("x".into())
                },
                External {
                    url: "mailto:me@example.org".into()
                },
            ]
        );
        let links: Vec<_> = parsed
            .links
            .iter()
            .map(|r| (r.file.as_str(), r.anchor.as_deref(), r.location.line))
            .collect();
        assert_eq!(
            links,
            vec![
                ("ch1.md", Some("sec"), Some(1)),
                ("sub/ch2.md", None, Some(1)),
                ("sub/ch2.md", Some("x"), Some(1))
            ]
        );
    }

    #[test]
    fn links_with_another_scheme_are_refused_by_the_parser() {
        assert!(error("[x](javascript://alert)").contains("only http"));
    }

    #[test]
    fn non_ascii_addresses_near_their_start_are_errors_not_panics() {
        let files: Vec<String> = parsed("[x](abcdeé) [y](mailtoé)")
            .links
            .into_iter()
            .map(|r| r.file)
            .collect();
        assert_eq!(files, ["abcdeé", "mailtoé"]);
        assert!(error("[ΑΓΩ]\n\n[ΑΓΩ]: /φου\n").contains("m/ch1.md:1: broken internal link `/φου`"));
        assert_eq!(
            try_parse("![x](é/httpé.png)").unwrap().images[0].src,
            "é/httpé.png"
        );
    }

    #[test]
    fn external_links_must_be_well_formed() {
        assert_eq!(
            error("x\n<https://../>"),
            "m/ch1.md:2: broken internal link `https://../`: not a well-formed address: \
             expected an address with a host, such as `https://example.com/page`"
        );
        assert!(error("[m](mailto:nobody)").contains("expected an e-mail address"));
        assert!(error("[m](irc://x.org)").contains("only http"));
    }

    #[test]
    fn link_titles_are_kept() {
        let blocks = blocks("[a](https://x.org \"The title\") [b](#s)");
        let [Block::Paragraph { content }] = blocks.as_slice() else {
            panic!()
        };
        let titles: Vec<_> = content
            .iter()
            .filter_map(|i| match i {
                Inline::Link { title, .. } => Some(title.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(titles, [Some("The title".to_string()), None]);
    }

    #[test]
    fn resolve_relative_stays_inside_the_manuscript() {
        assert_eq!(
            resolve_relative("a/b.md", "../c%20d.png").as_deref(),
            Some("c d.png")
        );
        assert_eq!(
            resolve_relative("b.md", "./x/./y.png").as_deref(),
            Some("x/y.png")
        );
        assert_eq!(resolve_relative("b.md", "../y.png"), None);
        assert_eq!(resolve_relative("b.md", "/etc/y.png"), None);
    }

    #[test]
    fn images_outside_the_manuscript_or_remote_are_errors() {
        assert!(error("![x](../../etc/passwd.png)")
            .contains("m/ch1.md:1: image `../../etc/passwd.png`"));
        assert!(error("![x](https://example.com/a.png)").contains("remote images are not embedded"));
    }
}
