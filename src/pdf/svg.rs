//! An SVG drawn as vectors: usvg reads it, svg2pdf turns it into a form
//! XObject one point square (drawn like an image, scaled by the `cm` before
//! `Do`), and this module copies svg2pdf's objects into quire's file.
//!
//! svg2pdf 0.13 writes with pdf-writer 0.12, quire with 0.15, and a chunk of
//! one cannot be added to a file of the other. pdf-writer's output is plain
//! PDF object syntax, so [`embed`] reads the objects back ([`Parser`]) and
//! writes each with pdf-writer 0.15, numbering them with quire's references.
//! The SVG reaching here was written by the load stage (`manuscript`): its
//! text is already paths, so no font is embedded, and it refers to nothing
//! outside itself.

use crate::error::RenderError;
use crate::{Error, Result};
use pdf_writer::{Finish, Name, Null, Obj, Pdf, Ref, Str};
use std::collections::BTreeMap;
use svg2pdf::usvg;

/// Draws the SVG `data` into `pdf` as a form XObject and returns its
/// reference; `next` hands out object numbers.
pub fn embed(pdf: &mut Pdf, next: &mut dyn FnMut() -> Ref, key: &str, data: &[u8]) -> Result<Ref> {
    let fail = |reason: String| {
        Error::render(RenderError::Svg {
            path: key.to_string(),
            reason,
        })
    };
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(data, &options).map_err(|e| fail(e.to_string()))?;
    let conversion = svg2pdf::ConversionOptions {
        compress: true,
        embed_text: false,
        ..svg2pdf::ConversionOptions::default()
    };
    let (chunk, root) = svg2pdf::to_chunk(&tree, conversion).map_err(|e| fail(e.to_string()))?;
    let mut numbers = BTreeMap::new();
    let mut renumber = |old: i32| -> Ref { *numbers.entry(old).or_insert_with(&mut *next) };
    let root = renumber(root.get());
    let mut parser = Parser {
        bytes: chunk.as_bytes(),
        at: 0,
    };
    while let Some(object) = parser.object().map_err(fail)? {
        let id = renumber(object.id);
        match object.stream {
            Some(stream) => {
                let Value::Dict(pairs) = object.value else {
                    return Err(fail("a stream without a dictionary".into()));
                };
                let mut writer = pdf.stream(id, stream);
                for (name, value) in by_name(&pairs) {
                    if name.as_slice() != b"Length" {
                        write(writer.insert(Name(name)), value, &mut renumber);
                    }
                }
                writer.finish();
            }
            None => write(pdf.indirect(id), &object.value, &mut renumber),
        }
    }
    Ok(root)
}

/// A PDF value as pdf-writer writes it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Bool(bool),
    Int(i32),
    Real(f32),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Ref(i32),
    Array(Vec<Value>),
    Dict(Vec<(Vec<u8>, Value)>),
}

/// One indirect object: its number, value and stream data, if any.
#[derive(Debug)]
struct Object<'a> {
    id: i32,
    value: Value,
    stream: Option<&'a [u8]>,
}

/// Writes a value with its references renumbered.
fn write(obj: Obj<'_>, value: &Value, renumber: &mut dyn FnMut(i32) -> Ref) {
    match value {
        Value::Null => obj.primitive(Null),
        Value::Bool(b) => obj.primitive(*b),
        Value::Int(i) => obj.primitive(*i),
        Value::Real(r) => obj.primitive(*r),
        Value::Name(n) => obj.primitive(Name(n)),
        Value::Str(s) => obj.primitive(Str(s)),
        Value::Ref(r) => obj.primitive(renumber(*r)),
        Value::Array(items) => {
            let mut array = obj.array();
            for item in items {
                write(array.push(), item, renumber);
            }
        }
        Value::Dict(pairs) => {
            let mut dict = obj.dict();
            for (name, value) in by_name(pairs) {
                write(dict.insert(Name(name)), value, renumber);
            }
        }
    }
}

/// A dictionary's pairs in the order of their names. svg2pdf writes a
/// form's resources in the order of a hash map, which changes from run to
/// run (and renumbering follows the order references are met in), while the
/// order of a PDF dictionary means nothing: sorted, the same SVG gives the
/// same bytes.
fn by_name(pairs: &[(Vec<u8>, Value)]) -> Vec<&(Vec<u8>, Value)> {
    let mut sorted: Vec<_> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
}

/// Reads PDF objects from the bytes of a pdf-writer chunk.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Nesting deeper than this is refused (svg2pdf nests a few levels).
const MAX_DEPTH: usize = 64;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.at += 1;
                }
            } else if matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0') {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        self.skip_space();
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, word: &str) -> std::result::Result<(), String> {
        if self.eat(word.as_bytes()) {
            Ok(())
        } else {
            Err(format!("expected `{word}` at byte {}", self.at))
        }
    }

    /// The next object, or `None` at the end.
    fn object(&mut self) -> std::result::Result<Option<Object<'a>>, String> {
        self.skip_space();
        if self.at >= self.bytes.len() {
            return Ok(None);
        }
        let id = match self.value(0)? {
            Value::Int(id) if id > 0 => id,
            _ => return Err(format!("expected an object number at byte {}", self.at)),
        };
        if !matches!(self.value(0)?, Value::Int(0)) {
            return Err("expected generation 0".into());
        }
        self.expect("obj")?;
        let value = self.value(0)?;
        let mut stream = None;
        if self.eat(b"stream") {
            let Value::Dict(pairs) = &value else {
                return Err("a stream without a dictionary".into());
            };
            let length = pairs
                .iter()
                .find(|(name, _)| name.as_slice() == b"Length")
                .and_then(|(_, v)| match v {
                    Value::Int(n) => usize::try_from(*n).ok(),
                    _ => None,
                })
                .ok_or("a stream without a direct /Length")?;
            if self.eat_eol() {
                let end = self
                    .at
                    .checked_add(length)
                    .filter(|&e| e <= self.bytes.len());
                let end = end.ok_or("a stream longer than the chunk")?;
                stream = Some(&self.bytes[self.at..end]);
                self.at = end;
            }
            self.expect("endstream")?;
        }
        self.expect("endobj")?;
        Ok(Some(Object { id, value, stream }))
    }

    /// The end of line after `stream`.
    fn eat_eol(&mut self) -> bool {
        if self.bytes[self.at..].starts_with(b"\r\n") {
            self.at += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.at += 1;
        } else {
            return false;
        }
        true
    }

    fn value(&mut self, depth: usize) -> std::result::Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("nesting too deep".into());
        }
        self.skip_space();
        let start = self.at;
        let Some(b) = self.peek() else {
            return Err("unexpected end".into());
        };
        match b {
            b'/' => {
                self.at += 1;
                Ok(Value::Name(self.name()?))
            }
            b'(' => Ok(Value::Str(self.literal()?)),
            b'<' if self.bytes[self.at..].starts_with(b"<<") => {
                self.at += 2;
                let mut pairs = Vec::new();
                loop {
                    if self.eat(b">>") {
                        return Ok(Value::Dict(pairs));
                    }
                    match self.value(depth + 1)? {
                        Value::Name(name) => {
                            let value = self.value(depth + 1)?;
                            pairs.push((name, value));
                        }
                        _ => return Err(format!("expected a name at byte {start}")),
                    }
                }
            }
            b'<' => {
                self.at += 1;
                self.hex()
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if self.eat(b"]") {
                        return Ok(Value::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            b't' if self.eat(b"true") => Ok(Value::Bool(true)),
            b'f' if self.eat(b"false") => Ok(Value::Bool(false)),
            b'n' if self.eat(b"null") => Ok(Value::Null),
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => Err(format!("unexpected byte {b:#04x} at {start}")),
        }
    }

    /// A number, or a reference `N 0 R`.
    fn number(&mut self) -> std::result::Result<Value, String> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9'))
        {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|e| e.to_string())?;
        if text.contains('.') {
            return text
                .parse::<f32>()
                .map(Value::Real)
                .map_err(|e| format!("bad number `{text}`: {e}"));
        }
        let int = text
            .parse::<i32>()
            .map_err(|e| format!("bad number `{text}`: {e}"))?;
        // `N 0 R` is a reference; anything else leaves the integer alone.
        let after = self.at;
        if int > 0 && self.eat(b"0") {
            let space = self.at;
            self.skip_space();
            if self.at > space && self.eat(b"R") {
                return Ok(Value::Ref(int));
            }
        }
        self.at = after;
        Ok(Value::Int(int))
    }

    fn name(&mut self) -> std::result::Result<Vec<u8>, String> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if matches!(
                b,
                b' ' | b'\n'
                    | b'\r'
                    | b'\t'
                    | b'\x0c'
                    | b'\0'
                    | b'/'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'('
                    | b')'
                    | b'{'
                    | b'}'
                    | b'%'
            ) {
                break;
            }
            self.at += 1;
            if b == b'#' {
                let hex = self.bytes.get(self.at..self.at + 2).ok_or("a cut name")?;
                let hex = std::str::from_utf8(hex).map_err(|e| e.to_string())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|e| e.to_string())?);
                self.at += 2;
            } else {
                out.push(b);
            }
        }
        Ok(out)
    }

    fn literal(&mut self) -> std::result::Result<Vec<u8>, String> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let b = self.peek().ok_or("a string without its end")?;
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return Ok(out),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let e = self.peek().ok_or("a string without its end")?;
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0c'),
                        b'0'..=b'7' => {
                            let mut code = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        code = code * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((code & 0xFF) as u8);
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }

    fn hex(&mut self) -> std::result::Result<Value, String> {
        let mut digits = Vec::new();
        loop {
            let b = self.peek().ok_or("a hex string without its end")?;
            self.at += 1;
            match b {
                b'>' => break,
                b if b.is_ascii_hexdigit() => digits.push(b),
                b if b.is_ascii_whitespace() => {}
                _ => return Err("a bad hex string".into()),
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        let bytes = digits
            .chunks(2)
            .map(|pair| {
                let text = std::str::from_utf8(pair).unwrap_or("00");
                u8::from_str_radix(text, 16).unwrap_or(0)
            })
            .collect();
        Ok(Value::Str(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object read back: number, value, stream data.
    type Read = (i32, Value, Option<Vec<u8>>);

    fn parse(text: &[u8]) -> std::result::Result<Vec<Read>, String> {
        let mut parser = Parser { bytes: text, at: 0 };
        let mut out = Vec::new();
        while let Some(o) = parser.object()? {
            out.push((o.id, o.value, o.stream.map(<[u8]>::to_vec)));
        }
        Ok(out)
    }

    #[test]
    fn objects_read_back_as_pdf_writer_writes_them() {
        let text = b"1 0 obj\n<<\n  /Type /XObject\n  /A#20B [1 -2.5 3 0 R true null (a\\(b\\)\\\\\\n\\101) <4142>]\n  /Length 5\n>>\nstream\nab\ncd\nendstream\nendobj\n\n2 0 obj\n[0 0 1 1]\nendobj\n\n";
        let objects = parse(text).unwrap();
        assert_eq!(objects.len(), 2);
        let (id, value, stream) = &objects[0];
        assert_eq!(*id, 1);
        assert_eq!(stream.as_deref(), Some(&b"ab\ncd"[..]));
        let Value::Dict(pairs) = value else {
            panic!("{value:?}")
        };
        assert_eq!(
            pairs[0],
            (b"Type".to_vec(), Value::Name(b"XObject".to_vec()))
        );
        assert_eq!(
            pairs[1],
            (
                b"A B".to_vec(),
                Value::Array(vec![
                    Value::Int(1),
                    Value::Real(-2.5),
                    Value::Ref(3),
                    Value::Bool(true),
                    Value::Null,
                    Value::Str(b"a(b)\\\nA".to_vec()),
                    Value::Str(b"AB".to_vec()),
                ])
            )
        );
        assert_eq!(
            objects[1].1,
            Value::Array(vec![
                Value::Int(0),
                Value::Int(0),
                Value::Int(1),
                Value::Int(1)
            ])
        );
    }

    #[test]
    fn broken_chunks_are_errors() {
        for bad in [
            &b"1 0 obj\n<< /Length 50 >>\nstream\nab\nendstream\nendobj"[..],
            b"1 0 obj\n<< /A >>\nendobj",
            b"x",
            b"0 0 obj null endobj",
            b"1 0 obj (abc",
            b"1 0 obj [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ endobj",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Any bytes are objects or an error, never a panic.
        #[test]
        fn the_parser_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = parse(&bytes);
            let mut text = b"1 0 obj\n<< /Length 3 /A [1 2 0 R (x)] >>\nstream\n".to_vec();
            text.extend(&bytes);
            let _ = parse(&text);
        }
    }

    #[test]
    fn an_svg_becomes_a_form_xobject_of_paths() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs><rect width="40" height="20" fill="url(#g)"/><circle cx="10" cy="10" r="5" fill="none" stroke="#000"/></svg>"##;
        let mut pdf = Pdf::new();
        let mut counter = Ref::new(10);
        let mut next = || counter.bump();
        let root = embed(&mut pdf, &mut next, "x.svg", svg).unwrap();
        assert_eq!(root, Ref::new(10));
        let bytes = pdf.finish();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Subtype /Form"), "{text}");
        assert!(
            text.contains("/ShadingType 2"),
            "a gradient stays a gradient: {text}"
        );
        assert!(!text.contains("/Subtype /Image"));
        assert!(embed(&mut Pdf::new(), &mut next, "x.svg", b"<svg").is_err());
    }

    /// svg2pdf keeps a form's graphics states in a hash map, whose order
    /// changes with each map; the bytes must not.
    #[test]
    fn an_svg_with_several_graphics_states_gives_the_same_bytes_each_time() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="10" height="10" opacity="0.2"/><rect x="10" width="10" height="10" opacity="0.4"/><rect x="20" width="10" height="10" fill-opacity="0.6"/><rect x="30" width="10" height="10" stroke="#000" stroke-opacity="0.8"/></svg>"##;
        let once = || {
            let mut pdf = Pdf::new();
            let mut counter = Ref::new(1);
            embed(&mut pdf, &mut || counter.bump(), "x.svg", svg).unwrap();
            pdf.finish()
        };
        let first = once();
        let text = String::from_utf8_lossy(&first);
        assert!(text.contains("/gs3"), "four graphics states: {text}");
        for _ in 0..16 {
            assert!(once() == first, "{text}");
        }
    }
}
