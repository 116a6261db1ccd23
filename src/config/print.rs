//! The `[print]` table of `book.toml`: the print interior's bleed, the
//! printer whose margins apply, the author's own minimum margins, the
//! paper (for the cover's spine) and the barcode area.
//!
//! ```toml
//! [print]
//! bleed = "0.125in"
//! printer = "kdp"        # or "ingram"
//! margins = "0.75in"
//! paper = "cream"        # white (default), cream, color
//! barcode-area = true
//! ```

use super::keys::{key, Key, Shape, BOOK_KEYS};
use super::reader::Reader;
use crate::model::print::{Margins, Paper, Print, Printer, INCH};
use toml::de::{DeTable, DeValue};

pub(super) const PRINT: Key = key(
    "print",
    Shape::Table,
    false,
    "a table, opened by a `[print]` line",
    "[print]",
);
const BLEED: Key = key(
    "bleed",
    Shape::Text,
    false,
    "a length with its unit in quotes (in, mm, cm, pt)",
    "\"0.125in\"",
);
const PRINTER: Key = key(
    "printer",
    Shape::Text,
    false,
    "`\"kdp\"` or `\"ingram\"`",
    "\"kdp\"",
);
const MARGINS: Key = key(
    "margins",
    Shape::Text,
    false,
    "a length with its unit in quotes (in, mm, cm, pt)",
    "\"0.75in\"",
);
const PAPER: Key = key(
    "paper",
    Shape::Text,
    false,
    "`\"white\"`, `\"cream\"` or `\"color\"`",
    "\"white\"",
);
const BARCODE_AREA: Key = key(
    "barcode-area",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "true",
);

/// Every key of the `[print]` table.
const PRINT_KEYS: &[Key] = &[BLEED, PRINTER, MARGINS, PAPER, BARCODE_AREA];

/// The largest bleed quire accepts: printers ask for 0.125 in (3.2 mm).
const MAX_BLEED: f32 = 0.5 * INCH;
/// The largest `margins`: more would leave no page for the text.
const MAX_MARGINS: f32 = 2.0 * INCH;

/// A length such as `0.125in`, `3mm`, `0.3cm` or `9pt`, in points.
fn parse_length(spec: &str) -> Option<f32> {
    let lower = spec.trim().to_ascii_lowercase();
    let (number, scale) = [
        ("in", INCH),
        ("mm", INCH / 25.4),
        ("cm", INCH / 2.54),
        ("pt", 1.0),
    ]
    .into_iter()
    .find_map(|(unit, scale)| lower.strip_suffix(unit).map(|n| (n, scale)))?;
    let value: f32 = number.trim().parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value * scale)
}

impl Reader<'_> {
    /// The `[print]` table; its defaults when absent.
    pub(super) fn print(&mut self, table: &DeTable<'_>) -> Print {
        let mut print = Print::default();
        let Some(found) = self.get(table, &PRINT, &(0..0)) else {
            return print;
        };
        let DeValue::Table(inner) = found.get_ref() else {
            return print;
        };
        let header = found.span();
        self.unknown_keys(
            inner,
            PRINT_KEYS,
            "[print]",
            BOOK_KEYS,
            ("the `[print]` line into that table", "`[print]`"),
        );
        if let Some(bleed) = self.length(inner, &BLEED, &header, MAX_BLEED) {
            print.bleed = bleed;
        }
        if let Some(margins) = self.length(inner, &MARGINS, &header, MAX_MARGINS) {
            print.margins = Margins::all(margins);
        }
        if let Some(name) = self.text(inner, &PRINTER, &header) {
            match name.get_ref().trim().to_ascii_lowercase().as_str() {
                "kdp" | "amazon" => print.printer = Printer::Kdp,
                "ingram" | "ingramspark" => print.printer = Printer::Ingram,
                other => self.invalid(
                    &name.span(),
                    PRINTER.name,
                    format!("quire knows no printer `{other}`: write `printer = \"kdp\"` (Amazon KDP) or `printer = \"ingram\"` (IngramSpark)"),
                ),
            }
        }
        if let Some(name) = self.text(inner, &PAPER, &header) {
            match name.get_ref().trim().to_ascii_lowercase().as_str() {
                "white" => print.paper = Paper::White,
                "cream" => print.paper = Paper::Cream,
                "color" | "colour" => print.paper = Paper::Color,
                other => self.invalid(
                    &name.span(),
                    PAPER.name,
                    format!("quire knows no paper `{other}`: write `paper = \"white\"`, `\"cream\"` or `\"color\"`"),
                ),
            }
        }
        if let Some(on) = self.get(inner, &BARCODE_AREA, &header) {
            print.barcode_area = on.get_ref().as_bool().unwrap_or(true);
        }
        print
    }

    /// A length key of `[print]`, in points, at most `max`.
    fn length(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        header: &std::ops::Range<usize>,
        max: f32,
    ) -> Option<f32> {
        let spec = self.text(table, key, header)?;
        let message = match parse_length(spec.get_ref()) {
            Some(points) if points <= max + 0.001 => return Some(points),
            Some(_) => format!(
                "`{}` = `{}` is more than {} in: printers ask for less, like `{} = {}`",
                key.name,
                spec.get_ref(),
                max / INCH,
                key.name,
                key.example
            ),
            None => format!(
                "`{}` must be a length with its unit (in, mm, cm, pt), like `{} = {}` or `\"3mm\"`, not `{}`",
                key.name,
                key.name,
                key.example,
                spec.get_ref()
            ),
        };
        self.invalid(&spec.span(), key.name, message);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BookConfig;
    use std::path::Path;

    const TOP: &str = "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\nidentifier = \"urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a61\"\ndate = \"2026-11-27\"\n";

    fn read(print: &str) -> Result<Print, Vec<String>> {
        let text = format!("{TOP}{print}");
        BookConfig::parse(&text, Path::new("book.toml"))
            .map(|file| file.config.print)
            .map_err(|errors| {
                errors
                    .0
                    .iter()
                    .map(|e| format!("{e} | {}", e.hint.clone().unwrap_or_default()))
                    .collect()
            })
    }

    #[test]
    fn lengths_take_their_units() {
        assert_eq!(parse_length("0.125in"), Some(9.0));
        assert!((parse_length("3mm").unwrap() - 8.504).abs() < 0.01);
        assert!((parse_length("0.3 cm").unwrap() - 8.504).abs() < 0.01);
        assert_eq!(parse_length("9pt"), Some(9.0));
        assert_eq!(parse_length("9"), None);
        assert_eq!(parse_length("-1in"), None);
    }

    #[test]
    fn the_print_table_is_read_with_its_defaults() {
        assert_eq!(read("").unwrap(), Print::default());
        let print = read("[print]\nbleed = \"0.125in\"\nprinter = \"ingram\"\nmargins = \"1in\"\npaper = \"cream\"\nbarcode-area = false\n").unwrap();
        assert_eq!(print.bleed, 9.0);
        assert_eq!(print.printer, Printer::Ingram);
        assert_eq!(print.margins, Margins::all(72.0));
        assert_eq!(print.paper, Paper::Cream);
        assert!(!print.barcode_area);
    }

    #[test]
    fn every_bad_value_is_an_error_at_its_line_with_a_hint() {
        let errors = read("[print]\nbleed = \"2in\"\nprinter = \"lulu\"\nmargins = \"wide\"\npaper = 3\nbarcode = true\n").unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(
            errors[0].starts_with("book.toml:7:9:") && errors[0].contains("more than 0.5 in"),
            "{}",
            errors[0]
        );
        assert!(errors[1].contains("no printer `lulu`"), "{}", errors[1]);
        assert!(
            errors[2].contains("`margins` must be a length"),
            "{}",
            errors[2]
        );
        assert!(
            errors[3].starts_with("book.toml:10:") && errors[3].contains("write `paper = "),
            "{}",
            errors[3]
        );
        assert!(
            errors[4].contains("barcode") && errors[4].contains("did you mean `barcode-area`?"),
            "{}",
            errors[4]
        );
    }
}
