//! Highlighted code: the tokens the highlight pass computes once for a code
//! block, each a byte range of the code with its resolved look, which every
//! back end sets as it can (classes in the EPUB and HTML, colour runs in the
//! PDF).

use serde::Serialize;

/// A colour, 8 bits per channel (sRGB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// `#rrggbb`, as CSS writes it.
    pub fn hex(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// How a stretch of code looks: its colour and whether it is bold or italic.
/// The default is the text's own look (black, upright, regular).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Ink {
    /// The colour.
    pub colour: Rgb,
    /// Bold.
    pub bold: bool,
    /// Italic (in print, slanted).
    pub italic: bool,
}

impl Ink {
    /// A class name for this look, the same for the same look in every
    /// part and every build: `hl-` and the colour, then `b` and `i`
    /// (`hl-6a737d-i`).
    pub fn class(self) -> String {
        let mut class = format!("hl-{}", self.colour.hex());
        if self.bold || self.italic {
            class.push('-');
        }
        if self.bold {
            class.push('b');
        }
        if self.italic {
            class.push('i');
        }
        class
    }
}

/// A stretch of a code block set in one [`Ink`]: bytes `start..end` of the
/// code. Tokens of a block are in order, do not overlap, and leave out what
/// is set as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its look.
    pub ink: Ink,
}

/// The look of each byte of `code` under `tokens`, plain text taking the
/// default [`Ink`].
pub fn inks_per_byte(code_len: usize, tokens: &[Token]) -> Vec<Ink> {
    let mut inks = vec![Ink::default(); code_len];
    for token in tokens {
        let end = token.end.min(code_len);
        if let Some(stretch) = inks.get_mut(token.start.min(end)..end) {
            stretch.fill(token.ink);
        }
    }
    inks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_follow_the_look() {
        let grey = Rgb {
            r: 0x6a,
            g: 0x73,
            b: 0x7d,
        };
        let plain = Ink {
            colour: grey,
            ..Ink::default()
        };
        assert_eq!(plain.class(), "hl-6a737d");
        let both = Ink {
            colour: grey,
            bold: true,
            italic: true,
        };
        assert_eq!(both.class(), "hl-6a737d-bi");
    }

    #[test]
    fn each_byte_gets_its_token_ink_or_the_default() {
        let red = Ink {
            colour: Rgb { r: 200, g: 0, b: 0 },
            ..Ink::default()
        };
        let inks = inks_per_byte(
            5,
            &[Token {
                start: 1,
                end: 3,
                ink: red,
            }],
        );
        assert_eq!(
            inks,
            [Ink::default(), red, red, Ink::default(), Ink::default()]
        );
    }
}
