//! Addresses that leave the book: which links are external, whether they are
//! well formed, and how to write them where XML and EPUB expect a URL.
//!
//! Authors write addresses as they come (`https://example.com/a b`,
//! `https://de.wikipedia.org/wiki/Kallinikos`); the model keeps them as
//! written, and [`href`] encodes them for the back ends.

/// The schemes that may leave the book; anything else is an internal link.
const SCHEMES: [&str; 4] = ["http://", "https://", "ftp://", "mailto:"];

/// What a link destination is, as far as leaving the book goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A well-formed `http`, `https`, `ftp` or `mailto` address.
    External,
    /// One of those schemes, but not well formed: `expected` says what form
    /// the address must have.
    Malformed {
        /// The form expected, with an example.
        expected: &'static str,
    },
    /// Another scheme (`javascript://`, `irc://`) or a scheme-relative
    /// `//host` address: neither may leave the book.
    OtherScheme,
    /// A path inside the manuscript (`other.md#anchor`, `#anchor`).
    Internal,
}

const WEB_FORM: &str = "an address with a host, such as `https://example.com/page`";
const MAIL_FORM: &str = "an e-mail address, such as `mailto:name@example.com`";

/// Classifies a link destination as written.
pub fn kind(url: &str) -> Kind {
    let Some(scheme) = SCHEMES.iter().find(|s| starts_with_ignore_case(url, s)) else {
        return if url.contains("://") || url.starts_with("//") {
            Kind::OtherScheme
        } else {
            Kind::Internal
        };
    };
    let rest = &url[scheme.len()..];
    let (well_formed, expected) = if *scheme == "mailto:" {
        (is_mail_address(rest), MAIL_FORM)
    } else {
        (has_host(rest), WEB_FORM)
    };
    if well_formed {
        Kind::External
    } else {
        Kind::Malformed { expected }
    }
}

/// Whether `url` is a well-formed address outside the book (`http`, `https`,
/// `ftp` or `mailto`).
pub fn is_external_url(url: &str) -> bool {
    kind(url) == Kind::External
}

/// `prefix` (ASCII) starts `text`, ignoring ASCII case; never splits a character.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The authority of `rest` (what follows `scheme://`) names a host: a
/// bracketed IP literal or dot-separated non-empty labels, an optional port.
fn has_host(rest: &str) -> bool {
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(literal) = host_port.strip_prefix('[') {
        let Some((ip, port)) = literal.split_once(']') else {
            return false;
        };
        let ip_ok = ip.contains(':')
            && ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
        return ip_ok && (port.is_empty() || port.strip_prefix(':').is_some_and(is_port));
    }
    let (host, port) = match host_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty() && host.split('.').all(is_label) && port.is_none_or(is_port)
}

fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '~' | '%'))
}

fn is_port(port: &str) -> bool {
    (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
}

/// `local@domain[,local@domain…]`, optionally followed by `?headers`.
fn is_mail_address(rest: &str) -> bool {
    let to = rest.split_once('?').map_or(rest, |(to, _)| to);
    !to.is_empty()
        && to.split(',').all(|address| {
            address.rsplit_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !local.chars().any(char::is_whitespace)
                    && domain.split('.').all(is_label)
            })
        })
}

/// An address written as RFC 3986 allows it in an `href` or a PDF URI:
/// every character outside the URI character set (spaces, `"`, `<`, `>`,
/// non-ASCII letters, controls, a second `#`, `[` and `]` outside an IP
/// literal host) is percent-encoded as UTF-8; `%XX` escapes already there
/// are kept. The result is ASCII and still needs XML escaping.
pub fn href(raw: &str) -> String {
    let authority = raw.find("://").map(|i| i + 3).map(|start| {
        start
            ..raw[start..]
                .find(['/', '?', '#'])
                .map_or(raw.len(), |e| start + e)
    });
    let mut out = String::with_capacity(raw.len());
    let mut in_fragment = false;
    let bytes = raw.as_bytes();
    for (i, c) in raw.char_indices() {
        let keep = match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => true,
            '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' => true,
            ':' | '/' | '?' | '@' => true,
            '%' => bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            '#' => !std::mem::replace(&mut in_fragment, true),
            '[' | ']' => authority.as_ref().is_some_and(|a| a.contains(&i)),
            _ => false,
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_near_the_start_never_splits_a_character() {
        for url in ["abcdeé", "mailtoé", "/φου", "é", "ftp:/é", "mailt"] {
            assert_eq!(kind(url), Kind::Internal, "{url}");
        }
    }

    #[test]
    fn external_addresses_need_a_host_or_a_mail_address() {
        for url in [
            "https://example.com",
            "HTTP://Example.COM/a?b#c",
            "https://user@example.com:8080/x",
            "http://[::1]:80/",
            "ftp://files.example.org/",
            "https://de.wikipedia.org/wiki/Kallinikos_(Stadt)",
            "https://bücher.example/",
            "mailto:me@example.org",
            "mailto:a@x.org,b@y.org?subject=hi",
        ] {
            assert_eq!(kind(url), Kind::External, "{url}");
        }
        for url in [
            "https://../",
            "https://",
            "http://a..b",
            "http://x:port",
            "http://[zz]/",
        ] {
            assert_eq!(kind(url), Kind::Malformed { expected: WEB_FORM }, "{url}");
        }
        for url in ["mailto:", "mailto:nobody", "mailto:@x.org", "mailto:a@"] {
            assert_eq!(
                kind(url),
                Kind::Malformed {
                    expected: MAIL_FORM
                },
                "{url}"
            );
        }
        assert_eq!(kind("irc://x.org"), Kind::OtherScheme);
        assert_eq!(kind("httpé://x"), Kind::OtherScheme);
        assert_eq!(kind("//x.org/a"), Kind::OtherScheme);
        assert_eq!(kind("other.md#x"), Kind::Internal);
        assert!(is_external_url("https://example.com/a"));
        assert!(!is_external_url("https://../"));
    }

    #[test]
    fn href_percent_encodes_what_a_uri_may_not_contain() {
        assert_eq!(
            href("https://x.org/a b?q=\"1\"&r=<2>"),
            "https://x.org/a%20b?q=%221%22&r=%3C2%3E"
        );
        assert_eq!(
            href("https://example.com/a[b]"),
            "https://example.com/a%5Bb%5D"
        );
        assert_eq!(
            href("https://example.com/q?x=[1]#a#b"),
            "https://example.com/q?x=%5B1%5D#a%23b"
        );
        assert_eq!(href("http://[::1]:8/[x]"), "http://[::1]:8/%5Bx%5D");
        assert_eq!(
            href("https://x.org/caf%C3%A9/100%"),
            "https://x.org/caf%C3%A9/100%25"
        );
        assert_eq!(
            href("https://x.org/café\u{1}"),
            "https://x.org/caf%C3%A9%01"
        );
        assert_eq!(href("mailto:a[1]@x.org"), "mailto:a%5B1%5D@x.org");
        assert_eq!(
            href("https://x.org/\\^`{|}"),
            "https://x.org/%5C%5E%60%7B%7C%7D"
        );
    }
}
