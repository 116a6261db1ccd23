//! Checks of single values: identifiers (UUID, ISBN, URN), trim sizes,
//! dates and language tags.

use super::DEFAULT_TRIM;
use crate::model::PageSize;

/// `Ok(None)` for an identifier of a recognised form, `Ok(Some(warning))`
/// for one accepted but unusual, `Err(message)` for a malformed UUID or ISBN.
pub(super) fn check_identifier(id: &str) -> Result<Option<String>, String> {
    let id = id.trim();
    if let Some(uuid) = strip_prefix_ignore_case(id, "urn:uuid:") {
        return if is_uuid(uuid) {
            Ok(None)
        } else {
            Err(format!(
                "`identifier` `{id}` does not hold a valid UUID: write 32 hexadecimal digits \
                 grouped 8-4-4-4-12, like `urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a60` \
                 (`uuidgen` makes one)"
            ))
        };
    }
    if let Some(isbn) = strip_prefix_ignore_case(id, "urn:isbn:") {
        return match isbn_problem(isbn) {
            None => Ok(None),
            Some(problem) => Err(format!(
                "`identifier` `{id}` is not a valid ISBN ({problem}): write the 10- or \
                 13-digit ISBN as printed, like `urn:isbn:978-3-16-148410-0`"
            )),
        };
    }
    if is_urn(id)
        || ["http://", "https://"]
            .iter()
            .any(|scheme| strip_prefix_ignore_case(id, scheme).is_some())
    {
        return Ok(None);
    }
    let usual = if is_uuid(id) {
        format!("write it as `urn:uuid:{id}`")
    } else if isbn_problem(id).is_none() {
        format!("write it as `urn:isbn:{id}`")
    } else {
        "prefer `urn:uuid:` and a UUID (`uuidgen` makes one) or `urn:isbn:` and the ISBN".into()
    };
    Ok(Some(format!(
        "`identifier` `{id}` is neither a URN nor a URL, so readers may not tell the book apart from others: {usual}"
    )))
}

/// `text` without `prefix`, compared ignoring ASCII case.
pub(super) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `8-4-4-4-12` hexadecimal digits.
pub(super) fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Why `text` is not an ISBN-10 or ISBN-13 (hyphens and spaces allowed), or
/// `None` when it is one, check digit included.
pub(super) fn isbn_problem(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let digit = |c: char| c.to_digit(10);
    match chars.len() {
        10 => {
            let mut sum = 0;
            for (i, &c) in chars.iter().enumerate() {
                let value = match (digit(c), c) {
                    (Some(d), _) => d,
                    (None, 'X' | 'x') if i == 9 => 10,
                    _ => return Some("only digits, and X as the last one"),
                };
                sum += value * (10 - i as u32);
            }
            (sum % 11 != 0).then_some("its check digit does not match")
        }
        13 => {
            let digits: Option<Vec<u32>> = chars.iter().map(|&c| digit(c)).collect();
            let Some(digits) = digits else {
                return Some("only digits");
            };
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
                .sum();
            (!sum.is_multiple_of(10)).then_some("its check digit does not match")
        }
        _ => Some("an ISBN has 10 or 13 digits"),
    }
}

/// `urn:` + a namespace (2–32 letters, digits or hyphens) + `:` + something.
pub(super) fn is_urn(text: &str) -> bool {
    let Some(rest) = strip_prefix_ignore_case(text, "urn:") else {
        return false;
    };
    let Some((namespace, specific)) = rest.split_once(':') else {
        return false;
    };
    (2..=32).contains(&namespace.len())
        && namespace.starts_with(|c: char| c.is_ascii_alphanumeric())
        && namespace
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !specific.trim().is_empty()
}

pub(super) fn parse_trim(spec: &str) -> Result<PageSize, String> {
    let lower = spec.trim().to_ascii_lowercase();
    match lower.as_str() {
        "a5" => {
            return Ok(PageSize {
                width: mm(148.0),
                height: mm(210.0),
            })
        }
        "letter" | "us-letter" => {
            return Ok(PageSize {
                width: 612.0,
                height: 792.0,
            })
        }
        "6x9" | "6x9in" => return Ok(DEFAULT_TRIM),
        _ => {}
    }
    let bad = || {
        let hint = if spec.contains('×') {
            " (write the `x` as a plain letter x)"
        } else {
            ""
        };
        format!(
            "`trim-size` must be `6x9in`, `a5`, `letter`, or WIDTHxHEIGHT with a unit \
             (in, mm, cm, pt) like `5.5x8.5in` or `140x216mm`, not `{spec}`{hint}"
        )
    };
    let (numbers, unit) = ["in", "mm", "cm", "pt"]
        .into_iter()
        .find_map(|u| lower.strip_suffix(u).map(|numbers| (numbers, u)))
        .ok_or_else(bad)?;
    let (w, h) = numbers.split_once('x').ok_or_else(bad)?;
    let scale = match unit {
        "in" => 72.0,
        "mm" => 72.0 / 25.4,
        "cm" => 720.0 / 25.4,
        _ => 1.0,
    };
    let parse = |s: &str| {
        s.trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(bad)
    };
    let size = PageSize {
        width: parse(w)? * scale,
        height: parse(h)? * scale,
    };
    if size.width < 144.0 || size.height < 216.0 || size.width > 1296.0 || size.height > 1296.0 {
        return Err(format!(
            "`trim-size` `{spec}` is outside 2×3 in to 18×18 in: give a printable page size, like `6x9in`"
        ));
    }
    Ok(size)
}

pub(super) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Year, month and day of a `YYYY-MM-DD` date that exists in the calendar.
pub(super) fn iso_date(date: &str) -> Option<(u32, u32, u32)> {
    let mut fields = date.split('-');
    let mut field = |len: usize| {
        fields
            .next()
            .filter(|f| f.len() == len && f.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|f| f.parse::<u32>().ok())
    };
    let (year, month, day) = (field(4)?, field(2)?, field(2)?);
    if fields.next().is_some() {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

/// Whether `tag` has the shape of a BCP 47 language tag (`en`, `en-GB`, `zh-Hant`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
