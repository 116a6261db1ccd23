//! The book's design: the theme and the `[pdf]` settings, resolved (the
//! theme's values, then the author's keys over them). The print layout
//! reads every field; the EPUB reads the theme for its stylesheet.

use serde::Serialize;

/// A built-in design: a bundle of [`Design`] values (see [`Theme::design`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Today's book: indented paragraphs, centred titles, running heads
    /// with folios at the outer edge, chapters on rectos.
    #[default]
    Classic,
    /// Spaced paragraphs without indents, titles flush left and ragged,
    /// no running heads, folios centred at the foot.
    Modern,
    /// A novel: drop caps, scene breaks as an ornament, chapter titles set
    /// lower on their page, chapters on any page.
    Novel,
}

impl Theme {
    /// Every theme by name, in the README's order.
    pub const ALL: [(&'static str, Theme); 3] = [
        ("classic", Theme::Classic),
        ("modern", Theme::Modern),
        ("novel", Theme::Novel),
    ];

    /// The theme's name as `book.toml` writes it.
    pub fn name(self) -> &'static str {
        Theme::ALL
            .iter()
            .find(|(_, theme)| *theme == self)
            .map_or("classic", |(name, _)| name)
    }

    /// The settings the theme bundles (keys in `[pdf]` override them).
    pub fn design(self) -> Design {
        let classic = Design::default();
        match self {
            Theme::Classic => classic,
            Theme::Modern => Design {
                theme: self,
                paragraph: Paragraph::Block,
                chapter_title: TitleAlign::Left,
                folio: Folio::BottomCenter,
                running_heads: false,
                ..classic
            },
            Theme::Novel => Design {
                theme: self,
                chapter_start: ChapterStart::Any,
                drop_caps: 3,
                scene_break: SceneBreak::Ornament,
                chapter_sink: 10,
                folio: Folio::BottomCenter,
                ..classic
            },
        }
    }
}

/// The size of the body type and the pitch of the baseline grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LineHeight {
    /// A multiple of the font size (`line-height = 1.3`).
    Ratio {
        /// The multiple.
        ratio: f32,
    },
    /// A fixed pitch in points (`line-height = "14pt"`).
    Points {
        /// The pitch.
        points: f32,
    },
}

/// The four margins in points; `None` keeps the trim's default for that side.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Margins {
    /// How much of the default margins every side gets: 1 normal, less for
    /// `narrow`, more for `wide`; sides given in points are taken as given.
    pub scale: f32,
    /// At the spine.
    pub inner: Option<f32>,
    /// At the fore-edge.
    pub outer: Option<f32>,
    /// Above the text block.
    pub top: Option<f32>,
    /// Below the text block.
    pub bottom: Option<f32>,
}

impl Margins {
    /// The named presets (`margins = "wide"`) and their scale.
    pub const PRESETS: [(&'static str, f32); 3] =
        [("narrow", 0.75), ("normal", 1.0), ("wide", 1.3)];

    /// Today's margins.
    pub const NORMAL: Margins = Margins {
        scale: 1.0,
        inner: None,
        outer: None,
        top: None,
        bottom: None,
    };
}

/// Where a chapter opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterStart {
    /// On a right-hand page, after a blank verso when needed.
    #[default]
    Recto,
    /// On the next page, with no blank page before it.
    Any,
}

/// How paragraphs are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paragraph {
    /// The first line indented (not after a heading or a display).
    #[default]
    Indent,
    /// No indent; a blank line between paragraphs.
    Block,
}

/// Where the page number is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Folio {
    /// In the head line, at the outer edge (at the foot, centred, on a
    /// chapter's opening page).
    #[default]
    Outer,
    /// At the foot of every page, centred.
    BottomCenter,
    /// At the foot of every page, at the outer edge.
    BottomOuter,
}

/// How chapter titles are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleAlign {
    /// Centred.
    #[default]
    Center,
    /// Flush left, ragged right.
    Left,
}

/// How a thematic break (`***`, a scene break) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SceneBreak {
    /// Three spaced asterisks.
    #[default]
    Asterisks,
    /// A fleuron (❧), centred.
    Ornament,
}

/// The design of the book, resolved: what the layout reads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Design {
    /// The theme the values started from.
    pub theme: Theme,
    /// Body type size in points; `None`: by trim size (10.5 pt on 6 × 9 in).
    pub font_size: Option<f32>,
    /// The baseline grid's pitch; `None`: 9/7 of the font size, to the half point.
    pub line_height: Option<LineHeight>,
    /// The margins.
    pub margins: Margins,
    /// Where chapters open.
    pub chapter_start: ChapterStart,
    /// How paragraphs are told apart.
    pub paragraph: Paragraph,
    /// Heading levels in the PDF's contents and outline; `None`: the book's `toc-depth`.
    pub toc_depth: Option<u8>,
    /// Where the page number goes.
    pub folio: Folio,
    /// Whether text pages carry running heads.
    pub running_heads: bool,
    /// Lines a chapter's first letter drops (2 or 3); 0: no drop cap.
    pub drop_caps: u8,
    /// How chapter titles are aligned.
    pub chapter_title: TitleAlign,
    /// Blank lines above a chapter's title on its opening page.
    pub chapter_sink: u8,
    /// How scene breaks are printed.
    pub scene_break: SceneBreak,
}

impl Default for Design {
    fn default() -> Self {
        Design {
            theme: Theme::Classic,
            font_size: None,
            line_height: None,
            margins: Margins::NORMAL,
            chapter_start: ChapterStart::Recto,
            paragraph: Paragraph::Indent,
            toc_depth: None,
            folio: Folio::Outer,
            running_heads: true,
            drop_caps: 0,
            chapter_title: TitleAlign::Center,
            chapter_sink: 6,
            scene_break: SceneBreak::Asterisks,
        }
    }
}

/// The body type and the margins of a page, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Body type size.
    pub size: f32,
    /// Baseline pitch.
    pub leading: f32,
    /// Margin at the spine.
    pub inner: f32,
    /// Margin at the fore-edge.
    pub outer: f32,
    /// Margin above the text block.
    pub top: f32,
    /// Margin below the text block.
    pub bottom: f32,
}

impl Design {
    /// The type size, leading and margins for a page of `width` × `height`
    /// points. By default: margins in the classic proportions (inner < top
    /// < outer < bottom), body type 10.5/13.5 pt on 6 × 9 in, scaled gently
    /// for larger pages, and a leading of 9/7 of the size to the half point.
    pub fn measures(&self, width: f32, height: f32) -> Measures {
        let size = self
            .font_size
            .unwrap_or_else(|| (10.5 * (width / 432.0).sqrt()).clamp(9.5, 11.5));
        let leading = match self.line_height {
            None => (size * 9.0 / 7.0 * 2.0).round() / 2.0,
            Some(LineHeight::Ratio { ratio }) => (size * ratio * 4.0).round() / 4.0,
            Some(LineHeight::Points { points }) => points,
        };
        let m = &self.margins;
        let scaled = |given: Option<f32>, default: f32| given.unwrap_or(default * m.scale);
        Measures {
            size,
            leading,
            inner: scaled(m.inner, width * 0.125),
            outer: scaled(m.outer, width * 0.15),
            top: scaled(m.top, height * 0.09),
            bottom: scaled(m.bottom, height * 0.115),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_is_todays_design_and_each_theme_names_itself() {
        assert_eq!(Theme::Classic.design(), Design::default());
        for (name, theme) in Theme::ALL {
            assert_eq!(theme.name(), name);
            assert_eq!(theme.design().theme, theme);
        }
        assert_eq!(Theme::Novel.design().drop_caps, 3);
        assert_eq!(Theme::Modern.design().paragraph, Paragraph::Block);
    }
}
