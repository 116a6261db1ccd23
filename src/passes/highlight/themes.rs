//! The shipped themes: light, for a white page, each colour at least 4.5:1
//! against it (WCAG AA), comments italic so that they stay apart from code
//! when the book is printed in greyscale.

use syntect::highlighting::{
    Color, FontStyle, ScopeSelectors, StyleModifier, Theme, ThemeItem, ThemeSettings,
};

/// The names `[code] theme` accepts; the first is the default.
pub const THEMES: &[&str] = &["quire", "quire-mono"];

/// What a scope looks like: its selectors, a colour (`0xrrggbb`), bold, italic.
type Rule = (&'static str, u32, bool, bool);

/// `quire`: colours a reader of code expects, dark enough for print.
const QUIRE: &[Rule] = &[
    ("comment, punctuation.definition.comment", 0x5c6370, false, true),
    ("string, punctuation.definition.string", 0x1f6f2a, false, false),
    ("constant.character.escape, string.regexp", 0x0b6e6e, false, false),
    ("constant.numeric, constant.language, constant.character, support.constant", 0x9a4c00, false, false),
    ("keyword, storage, keyword.operator.word", 0xa626a4, false, false),
    ("keyword.operator, punctuation", 0x000000, false, false),
    ("entity.name.function, support.function, meta.function-call variable.function", 0x005cc5, false, false),
    ("entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, entity.name.trait, support.type, support.class, storage.type.numeric, storage.type.primitive", 0x00707a, false, false),
    ("entity.name.macro, support.macro, variable.function.macro, meta.macro", 0x6f42c1, false, false),
    ("meta.annotation, meta.attribute, entity.other.attribute-name", 0x7a5c00, false, false),
    ("entity.name.tag", 0xad1457, false, false),
    ("variable.parameter, variable.language", 0x9a4c00, false, false),
    ("markup.heading", 0x005cc5, true, false),
    ("markup.bold", 0x000000, true, false),
    ("markup.italic", 0x000000, false, true),
    ("markup.inserted", 0x1f6f2a, false, false),
    ("markup.deleted", 0xad1457, false, false),
];

/// `quire-mono`: black and grey, for a book printed in one ink: keywords
/// bold, comments grey italic, strings dark grey.
const QUIRE_MONO: &[Rule] = &[
    (
        "comment, punctuation.definition.comment",
        0x595959,
        false,
        true,
    ),
    (
        "string, punctuation.definition.string",
        0x404040,
        false,
        false,
    ),
    (
        "keyword, storage, keyword.operator.word",
        0x000000,
        true,
        false,
    ),
    ("keyword.operator, punctuation", 0x000000, false, false),
    ("markup.heading, markup.bold", 0x000000, true, false),
    ("markup.italic", 0x000000, false, true),
];

/// The text's own colour in every theme: plain code is set in it.
pub const FOREGROUND: u32 = 0x000000;

/// The page the colours are read against.
pub const BACKGROUND: u32 = 0xffffff;

/// The theme named `name` (one of [`THEMES`]); the default for any other.
pub fn theme(name: &str) -> Theme {
    let rules = match name {
        "quire-mono" => QUIRE_MONO,
        _ => QUIRE,
    };
    Theme {
        name: Some(name.to_string()),
        author: None,
        settings: ThemeSettings {
            foreground: Some(color(FOREGROUND)),
            background: Some(color(BACKGROUND)),
            ..ThemeSettings::default()
        },
        scopes: rules.iter().map(item).collect(),
    }
}

fn item(&(selectors, rgb, bold, italic): &Rule) -> ThemeItem {
    let mut font_style = FontStyle::empty();
    font_style.set(FontStyle::BOLD, bold);
    font_style.set(FontStyle::ITALIC, italic);
    ThemeItem {
        // The selectors are ours and well formed: a test reads each.
        scope: selectors
            .parse()
            .unwrap_or_else(|_| ScopeSelectors::default()),
        style: StyleModifier {
            foreground: Some(color(rgb)),
            background: None,
            font_style: Some(font_style),
        },
    }
}

fn color(rgb: u32) -> Color {
    let [_, r, g, b] = rgb.to_be_bytes();
    Color { r, g, b, a: 0xff }
}

/// The contrast ratio of two colours, 1 to 21 (WCAG 2: relative luminance).
pub fn contrast(a: u32, b: u32) -> f64 {
    let luminance = |rgb: u32| {
        let [_, r, g, b] = rgb.to_be_bytes();
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_of_every_theme_reads_at_wcag_aa_on_the_page() {
        for name in THEMES {
            let theme = theme(name);
            let mut colours = vec![theme.settings.foreground.expect("foreground")];
            colours.extend(theme.scopes.iter().filter_map(|i| i.style.foreground));
            for c in colours {
                let rgb = u32::from_be_bytes([0, c.r, c.g, c.b]);
                let ratio = contrast(rgb, BACKGROUND);
                assert!(ratio >= 4.5, "{name}: #{rgb:06x} is {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn every_selector_of_every_theme_is_read() {
        for rules in [QUIRE, QUIRE_MONO] {
            for (selectors, ..) in rules {
                let parsed: ScopeSelectors = selectors.parse().expect(selectors);
                assert_eq!(parsed.selectors.len(), selectors.split(',').count());
            }
        }
    }

    #[test]
    fn comments_are_italic_in_every_theme_for_greyscale_print() {
        for rules in [QUIRE, QUIRE_MONO] {
            assert!(rules
                .iter()
                .any(|(s, _, _, italic)| s.starts_with("comment") && *italic));
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(0x000000, 0xffffff) - 21.0).abs() < 1e-9);
        assert!((contrast(0x777777, 0xffffff) - 4.48).abs() < 0.01);
    }
}
