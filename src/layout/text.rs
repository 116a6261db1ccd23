//! Setting a paragraph: inline content to shaped, hyphenated, broken and
//! justified lines. `items` turns the content into the boxes, glue and
//! penalties of the line breaker; [`linebreak`](super::linebreak) chooses
//! the breaks; `lines` positions the glyphs of each line. This module
//! holds the typesetter, its word caches and the choice of breaks.

mod items;
mod lines;

use super::document::GlyphRun;
use super::hyphenate::Hyphenator;
use super::linebreak::{break_lines, Item, Params, INFINITE_PENALTY};
use super::shape::{shape, shape_with, ShapedGlyph};
use crate::fonts::{FontSet, Style};
use crate::model::{Inline, LinkTarget};
use items::{flatten, Content};
pub use items::{LineImage, LineMath};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The cost of a hyphenation (TeX's default is 50; Charis SIL is wide and a
/// 6 × 9 in measure holds about 62 characters, so hyphens are frequent and
/// we ask a little more of a line before taking one).
const HYPHEN_PENALTY: f64 = 100.0;

/// Fonts, hyphenation patterns and caches of shaped and hyphenated words.
///
/// The caches only remember what shaping and hyphenation give for a word,
/// which never depends on what was set before: typesetters made with
/// [`Typesetter::fork`] set the same lines in any order, on any thread.
pub struct Typesetter {
    /// The book's faces, shared with the typesetter's forks.
    pub fonts: Arc<FontSet>,
    hyphenator: Hyphenator,
    hyphenated: FxHashMap<String, Vec<usize>>,
    shaped: FxHashMap<(Style, u32, bool), FxHashMap<String, Vec<ShapedGlyph>>>,
    /// Single marks (the hyphen, the leader dot) by face, size and text.
    marks: FxHashMap<(Style, u32, &'static str), Option<ShapedGlyph>>,
    small_caps: bool,
    /// Code and keyboard text is broken only at its spaces (never at the
    /// dots and underscores of an identifier): set for table cells.
    pub code_whole: bool,
    /// The id of the part being set, for links to its footnotes.
    pub chapter: String,
    /// The size in pixels of every image of the book, by key, for images
    /// in running text (see [`Line::images`]).
    pub image_sizes: Arc<BTreeMap<String, (u32, u32)>>,
    /// The printed page of every destination, for cross-references set
    /// as "see page 12" ([`crate::model::pagination::PAGE_REF`]).
    pub page_numbers: Arc<BTreeMap<String, String>>,
    /// The words of such a page number, `{n}` standing for it ("page {n}").
    pub page_word: Arc<str>,
}

/// Typesetters for rayon's worker threads (see [`Typesetter::forks`]).
pub struct Forks(Vec<Mutex<Typesetter>>);

impl Forks {
    /// Runs `f` with the typesetter of the current worker thread. Each
    /// worker has its own, so the lock is never contended; what a
    /// typesetter caches never changes what it sets, so which one sets a
    /// paragraph makes no difference to the output. `f` must not wait on
    /// rayon work itself (the worker could then take another task that
    /// asks for the same typesetter).
    pub fn with<R>(&self, f: impl FnOnce(&mut Typesetter) -> R) -> R {
        let index = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        let mut ts = self.0[index]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut ts)
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// Flush left and right.
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred lines.
    Center,
    /// Flush right.
    Right,
}

/// The parameters of one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The face for plain text.
    pub style: Style,
    /// Font size in points.
    pub size: f32,
    /// Line width in points.
    pub measure: f32,
    /// Indent of the first line.
    pub indent: f32,
    /// Alignment.
    pub align: Align,
    /// Whether words may be hyphenated.
    pub hyphenate: bool,
}

/// The first lines of a paragraph set short, beside a drop cap.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hang {
    /// How many lines are short.
    pub lines: usize,
    /// By how much, in points.
    pub width: f32,
}

impl Spec {
    /// Plain text in the regular face, flush left, not hyphenated.
    pub fn plain(size: f32, measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size,
            measure,
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
        }
    }
}

/// One set line, positioned relative to its left end and its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Glyph runs; `x` from the line's left end, `baseline` relative to the line's baseline.
    pub runs: Vec<GlyphRun>,
    /// Width of the set line.
    pub width: f32,
    /// Linked stretches: (from x, to x, target).
    pub links: Vec<(f32, f32, LinkTarget)>,
    /// Footnotes referenced on this line, by id.
    pub footnotes: Vec<String>,
    /// Whether the line ends with an added hyphen.
    pub hyphenated: bool,
    /// Images in the line, `x` from its left end, standing on its baseline.
    pub images: Vec<LineImage>,
    /// Struck-through stretches: (from x, to x, font size).
    pub strikes: Vec<(f32, f32, f32)>,
    /// Formulas in the line, `x` from its left end, on its baseline.
    pub maths: Vec<LineMath>,
    /// The paragraph's first word that starts on this line (counted by
    /// [`WordCounter`](crate::model::pagination::WordCounter)), for the
    /// page map.
    pub word: usize,
}

impl Typesetter {
    /// Loads the shipped faces and the patterns for `language`.
    #[cfg(test)]
    pub fn new(language: &str) -> crate::Result<Typesetter> {
        Ok(Typesetter::with_fonts(language, FontSet::load()?))
    }

    /// A typesetter with the given faces (the book's fallback fonts among
    /// them) and the patterns for `language`.
    pub fn with_fonts(language: &str, fonts: FontSet) -> Typesetter {
        Typesetter {
            fonts: Arc::new(fonts),
            hyphenator: Hyphenator::for_language(language),
            hyphenated: FxHashMap::default(),
            shaped: FxHashMap::default(),
            marks: FxHashMap::default(),
            small_caps: false,
            code_whole: false,
            chapter: String::new(),
            image_sizes: Arc::default(),
            page_numbers: Arc::default(),
            page_word: Arc::from("page {n}"),
        }
    }

    /// A typesetter with the same faces and patterns and empty caches, for
    /// another thread.
    pub fn fork(&self) -> Typesetter {
        Typesetter {
            fonts: Arc::clone(&self.fonts),
            hyphenator: self.hyphenator,
            hyphenated: FxHashMap::default(),
            shaped: FxHashMap::default(),
            marks: FxHashMap::default(),
            small_caps: false,
            code_whole: false,
            chapter: String::new(),
            image_sizes: Arc::clone(&self.image_sizes),
            page_numbers: Arc::clone(&self.page_numbers),
            page_word: Arc::clone(&self.page_word),
        }
    }

    /// One fork per worker thread of rayon's pool, for setting in
    /// parallel with caches that last the whole book (a fork per task would
    /// start with empty caches and shape the same words again).
    pub fn forks(&self) -> Forks {
        Forks(
            (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(self.fork()))
                .collect(),
        )
    }

    /// Sets plain text (no markup) as lines.
    pub fn set_plain(&mut self, text: &str, spec: &Spec) -> Vec<Line> {
        self.set(
            &[Inline::Text {
                text: text.to_string(),
            }],
            spec,
        )
    }

    /// Sets plain text in letterspaced small capitals (running heads),
    /// when the face has them (`smcp`); else as written.
    pub fn set_small_caps(&mut self, text: &str, spec: &Spec) -> Vec<Line> {
        if !self.fonts.get(spec.style).has_small_caps {
            return self.set_plain(text, spec);
        }
        self.small_caps = true;
        let lines = self.set_plain(&text.to_lowercase(), spec);
        self.small_caps = false;
        lines
    }

    /// The narrowest and the widest `content` can be set in `spec`'s face
    /// and size, in points: its widest piece that no line may break
    /// (min-content, hyphens aside) and its widest line when no line is
    /// broken but where it must be (max-content), as a browser measures a
    /// table's cells.
    pub fn widths(&mut self, content: &[Inline], spec: &Spec) -> (f32, f32) {
        let (spans, _) = self.spans(content, spec);
        let spec = Spec {
            hyphenate: false,
            indent: 0.0,
            align: Align::Left,
            ..*spec
        };
        let (mut text, mut pieces) = (String::new(), Vec::new());
        let (items, _) = self.items(&spans, &spec, false, &mut text, &mut pieces);
        let (mut min, mut max, mut word, mut line) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for item in items {
            match item {
                Item::Box { width } => {
                    word += width;
                    line += width;
                }
                Item::Glue { width, .. } => {
                    min = min.max(word);
                    word = 0.0;
                    line += width;
                }
                Item::Penalty { cost, .. } => {
                    if cost < INFINITE_PENALTY {
                        min = min.max(word);
                        word = 0.0;
                    }
                    if cost <= -INFINITE_PENALTY {
                        max = max.max(line);
                        line = 0.0;
                    }
                }
            }
        }
        (min.max(word) as f32, max.max(line) as f32)
    }

    /// The content as spans of one style, with its link targets (footnote
    /// marks linked to their notes).
    fn spans(&self, content: &[Inline], spec: &Spec) -> (Vec<items::Span>, Vec<LinkTarget>) {
        let mut spans = Vec::new();
        let mut links = Vec::new();
        flatten(content, spec.style, spec.size, None, &mut links, &mut spans);
        // A cross-reference's page after its text: the `see_page` label
        // ("page {n}") filled, unbreakable ("?" while the page is not
        // known yet).
        for span in spans.iter_mut() {
            if let Some(name) = &span.page_ref {
                let number = self.page_numbers.get(name).map_or("?", String::as_str);
                let words = crate::model::fill(&self.page_word, &[("n", number)]);
                span.text = format!(" {}", words.replace(' ', "\u{a0}"));
            }
        }
        if self.code_whole {
            for span in spans
                .iter_mut()
                .filter(|s| s.style == Style::Mono && !s.url)
            {
                span.breakable_url = false;
            }
        }
        // A footnote mark leads to its note.
        for span in spans.iter_mut().filter(|s| s.link.is_none()) {
            if let Some(id) = &span.footnote {
                links.push(LinkTarget::Internal {
                    chapter: self.chapter.clone(),
                    anchor: Some(id.clone()),
                });
                span.link = Some(links.len() - 1);
            }
        }
        (spans, links)
    }

    /// Sets inline content as lines.
    pub fn set(&mut self, content: &[Inline], spec: &Spec) -> Vec<Line> {
        self.set_hanging(content, spec, Hang::default())
    }

    /// Sets inline content as lines, the first `hang.lines` of them
    /// `hang.width` shorter (beside a drop cap); each line is positioned
    /// from its own left end, which the caller moves right by the width.
    pub fn set_hanging(&mut self, content: &[Inline], spec: &Spec, hang: Hang) -> Vec<Line> {
        let (spans, links) = self.spans(content, spec);
        // A line that ends inside a URL has no space to stretch: such
        // paragraphs are set ragged right.
        let mut spec = *spec;
        if spans.iter().any(|s| s.url) && spec.align == Align::Justify {
            spec.align = Align::Left;
        }
        let spec = &spec;
        let (mut text, mut pieces) = (String::new(), Vec::new());
        let (items, contents) = self.items(&spans, spec, false, &mut text, &mut pieces);
        let justify = spec.align == Align::Justify;
        let width = |line: usize| {
            let short = if line < hang.lines { hang.width } else { 0.0 };
            f64::from(spec.measure - short)
        };
        let breaks = if justify {
            let no_hyphens: Vec<Item> = items
                .iter()
                .zip(&contents)
                .map(|(item, content)| match content {
                    Content::Hyphen(_) => Item::Penalty {
                        width: 0.0,
                        cost: INFINITE_PENALTY,
                        flagged: true,
                    },
                    _ => *item,
                })
                .collect();
            let first = Params {
                max_ratio: 1.0,
                ..Params::default()
            };
            // TeX's \emergencystretch: a third pass that rates every line
            // as if it had 1 em more stretch, so that the looseness is
            // spread evenly instead of bought with a hyphen on every line.
            let emergency = Params {
                line_stretch: f64::from(spec.size),
                ..Params::default()
            };
            let loose = Params {
                max_ratio: 10.0,
                ..Params::default()
            };
            // Before any break inside a word: loose lines rated with the
            // emergency stretch, which a line with no stretchable space (all
            // inline code, say) needs to be set at all.
            let underfull = Params {
                line_stretch: f64::from(spec.size),
                ..loose
            };
            break_lines(&no_hyphens, &width, &first)
                .or_else(|| break_lines(&items, &width, &Params::default()))
                .or_else(|| break_lines(&items, &width, &emergency))
                .or_else(|| break_lines(&items, &width, &loose))
                .or_else(|| break_lines(&items, &width, &underfull))
        } else {
            break_lines(&items, &width, &ragged(spec))
        };
        let (items, contents, breaks) = match breaks {
            Some(breaks) => (items, contents, breaks),
            None => {
                // Last resort: allow a break between any two letters.
                text.clear();
                pieces.clear();
                let (items, contents) = self.items(&spans, spec, true, &mut text, &mut pieces);
                let params = if justify {
                    Params {
                        max_ratio: 4.0,
                        emergency: true,
                        ..Params::default()
                    }
                } else {
                    Params {
                        emergency: true,
                        ..ragged(spec)
                    }
                };
                let breaks = break_lines(&items, &width, &params).unwrap_or_default();
                (items, contents, breaks)
            }
        };
        let set = (text.as_str(), &pieces[..]);
        self.lines(&items, contents, set, &breaks, spec, &links, hang)
    }

    /// Shapes text word by word, remembering each word: a book repeats its
    /// words, and shaping is the dearest step of setting a paragraph. Words
    /// are shaped apart, which loses nothing in faces that do not kern
    /// across spaces (none of ours do).
    fn shape_words(&mut self, style: Style, text: &str, size: f32) -> Vec<ShapedGlyph> {
        let small_caps = self.small_caps;
        let cache = self
            .shaped
            .entry((style, size.to_bits(), small_caps))
            .or_default();
        let font = self.fonts.get(style);
        // Small capitals are spaced out a little, as they should be.
        let (plan, tracking) = if small_caps {
            (&font.small_caps_plan, size * 0.06)
        } else {
            (&font.plan, 0.0)
        };
        let mut glyphs = Vec::with_capacity(text.len());
        let mut start = 0;
        let bytes = text.as_bytes();
        while start < text.len() {
            // A word, or a single space.
            let end = if bytes[start] == b' ' {
                start + 1
            } else {
                text[start..].find(' ').map_or(text.len(), |i| start + i)
            };
            let word = &text[start..end];
            let shaped = match cache.get(word) {
                Some(shaped) => shaped,
                None => cache.entry(word.to_string()).or_insert_with(|| {
                    let mut glyphs = shape_with(font, plan, word, size);
                    glyphs.iter_mut().for_each(|g| g.advance += tracking);
                    glyphs
                }),
            };
            glyphs.extend(shaped.iter().map(|g| ShapedGlyph {
                cluster: g.cluster + start,
                ..*g
            }));
            start = end;
        }
        glyphs
    }

    /// The first glyph of `mark` shaped alone in `style` at `size` (the
    /// face's default features, small capitals or not), remembered: a
    /// hyphen is wanted for every run of text that may be hyphenated.
    pub fn mark(&mut self, style: Style, size: f32, mark: &'static str) -> Option<ShapedGlyph> {
        let fonts = &self.fonts;
        *self
            .marks
            .entry((style, size.to_bits(), mark))
            .or_insert_with(|| shape(fonts.get(style), mark, size).into_iter().next())
    }

    /// Byte offsets in `text` where a hyphen may be inserted, with the
    /// cost of each: never fewer than three letters on either side, and
    /// dearer the fewer than five there are (as typst weighs them).
    fn hyphen_points(&mut self, text: &str) -> Vec<(usize, f64)> {
        let mut points = Vec::new();
        let mut start = None;
        let mut ends = text
            .char_indices()
            .map(|(i, c)| (i, Some(c)))
            .collect::<Vec<_>>();
        ends.push((text.len(), None));
        for (i, c) in ends {
            match (start, c) {
                (None, Some(c)) if c.is_alphabetic() => start = Some(i),
                (Some(s), c) if !c.is_some_and(char::is_alphabetic) => {
                    let word = &text[s..i];
                    // Proper names (a capital, but for German nouns) and the
                    // halves of hyphenated compounds (as TeX) are not
                    // hyphenated.
                    let compound = text[..s].ends_with(['-', '\u{2011}'])
                        || c.is_some_and(|c| matches!(c, '-' | '\u{2011}'));
                    // Nor are identifiers (snake_case, camelCase, with
                    // digits): they are not prose.
                    let joined = |c: char| c == '_' || c.is_ascii_digit();
                    let identifier = text[..s].ends_with(joined)
                        || c.is_some_and(joined)
                        || word.chars().skip(1).any(char::is_uppercase);
                    if word.chars().count() >= 5
                        && (self.hyphenator.hyphenates_capitals()
                            || !word.starts_with(char::is_uppercase))
                        && !compound
                        && !identifier
                    {
                        let breaks = match self.hyphenated.get(word) {
                            Some(breaks) => breaks,
                            None => self
                                .hyphenated
                                .entry(word.to_string())
                                .or_insert_with(|| self.hyphenator.breaks(word)),
                        };
                        let letters = word.chars().count();
                        for &b in breaks.iter() {
                            let left = word[..b].chars().count();
                            let right = letters - left;
                            if left < 3 || right < 3 {
                                continue;
                            }
                            let short =
                                (5usize.saturating_sub(left) + 5usize.saturating_sub(right)) as f64;
                            points.push((s + b, HYPHEN_PENALTY * (1.0 + 0.15 * short)));
                        }
                    }
                    start = None;
                }
                _ => {}
            }
        }
        points
    }
}

/// Ragged-right setting: every line may fall short by up to three ems at
/// the cost of a fully stretched justified line.
fn ragged(spec: &Spec) -> Params {
    Params {
        max_ratio: 100.0,
        line_stretch: f64::from(spec.size) * 3.0,
        ..Params::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size: 10.5,
            measure,
            indent: 0.0,
            align: Align::Justify,
            hyphenate: true,
        }
    }

    const TEXT: &str = "Belisarius drew up his army with its back to the river Euphrates, \
        so that the Persians could not outflank it; the infantry held the left, the Lycaonian \
        foot the right, and the Arab allies under al-Harith stood on the high ground beyond.";

    fn line_text(line: &Line) -> String {
        line.runs.iter().map(GlyphRun::text).collect()
    }

    #[test]
    fn justified_lines_fill_the_measure_and_never_exceed_it() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let lines = ts.set_plain(TEXT, &spec(200.0));
        assert!(lines.len() >= 4);
        for line in &lines[..lines.len() - 1] {
            let end = line.runs.last().map_or(0.0, GlyphRun::end);
            assert!(
                (end - 200.0).abs() < 0.05,
                "line ends at {end}: {}",
                line_text(line)
            );
        }
        for line in &lines {
            assert!(line.runs.last().map_or(0.0, GlyphRun::end) <= 200.05);
        }
    }

    #[test]
    fn a_last_line_a_little_too_long_is_shrunk_not_squeezed() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let text = "An author appendix, before the generated FAQ and resources page.";
        let natural = ts.set_plain(text, &spec(10_000.0))[0].width;
        let lines = ts.set_plain(text, &spec(natural - 3.0));
        assert_eq!(lines.len(), 1);
        let end = lines[0].runs.last().map_or(0.0, GlyphRun::end);
        assert!((end - (natural - 3.0)).abs() < 0.05, "{end}");
    }

    #[test]
    fn joined_lines_give_back_the_text_without_added_hyphens() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        for measure in [120.0, 150.0, 200.0] {
            let lines = ts.set_plain(TEXT, &spec(measure));
            let joined = lines.iter().map(line_text).collect::<Vec<_>>();
            let mut text = String::new();
            for (line, set) in joined.iter().zip(&lines) {
                text.push_str(line);
                if set.hyphenated {
                    text.pop();
                } else {
                    text.push(' ');
                }
            }
            assert_eq!(text.trim_end(), TEXT);
        }
    }

    #[test]
    fn narrow_measures_hyphenate() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let text = "the administration reconsidered its extraordinarily unconventional \
            fortifications and the uncomfortable responsibilities of commanders";
        let lines = ts.set_plain(text, &spec(95.0));
        assert!(lines.iter().any(|l| l.hyphenated));
    }

    #[test]
    fn hyphens_leave_three_letters_each_side_and_short_fragments_cost_more() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        // The patterns give de-fined and in-cre-as-ingly: only increas-ingly
        // and increasing-ly leave three letters on each side.
        assert!(ts.hyphen_points("defined").is_empty());
        let points = ts.hyphen_points("increasingly");
        assert!(!points.is_empty());
        for (at, cost) in &points {
            assert!(*at >= 3 && *at <= "increasingly".len() - 3);
            assert!(*cost >= HYPHEN_PENALTY);
        }
        assert!(
            ts.hyphen_points("Belisarius").is_empty(),
            "proper names stay whole"
        );
        assert!(
            ts.hyphen_points("near-contemporary").is_empty(),
            "compounds stay whole"
        );
        for identifier in [
            "configuration_builder",
            "parseConfiguration",
            "utf8decoding",
        ] {
            assert!(
                ts.hyphen_points(identifier).is_empty(),
                "{identifier} is an identifier, not prose"
            );
        }
    }

    #[test]
    fn a_long_url_breaks_at_its_joints_inside_the_measure() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let url = "https://www.example.org/wiki/The_Battle_of_Callinicum_and_the_Persian_Wars_of_Justinian";
        let content = vec![Inline::Link {
            target: LinkTarget::External {
                url: url.to_string(),
            },
            title: None,
            content: vec![Inline::Text {
                text: url.to_string(),
            }],
        }];
        let lines = ts.set(
            &content,
            &Spec {
                align: Align::Left,
                ..spec(150.0)
            },
        );
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(line.runs.last().map_or(0.0, GlyphRun::end) <= 150.05);
        }
        let text: String = lines.iter().map(line_text).collect();
        assert_eq!(text, url);
        assert!(lines.iter().all(|l| !l.hyphenated));
    }

    #[test]
    fn inline_images_are_boxes_at_text_height_within_the_measure() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        ts.image_sizes = Arc::new(
            [
                ("big.png".to_string(), (400, 200)),
                ("dot.png".to_string(), (4, 4)),
                ("wide.svg".to_string(), (9000, 10)),
            ]
            .into(),
        );
        let image = |src: &str, width| Inline::Image {
            image: crate::model::Image {
                src: src.into(),
                alt: "alt".into(),
                width,
            },
        };
        let t = |s: &str| Inline::Text { text: s.into() };
        let content = [
            t("A "),
            image("big.png", None),
            t(" and "),
            image("dot.png", None),
            t(" then "),
            image("wide.svg", None),
            t(" and "),
            image("gone.png", None),
            image("big.png", Some(8)),
        ];
        let spec = Spec {
            align: Align::Left,
            ..spec(200.0)
        };
        let lines = ts.set(&content, &spec);
        let images: Vec<&LineImage> = lines.iter().flat_map(|l| &l.images).collect();
        assert_eq!(images.len(), 4);
        // Scaled to the text's height (three quarters of the size), aspect kept.
        assert!((images[0].height - 10.5 * 0.75).abs() < 0.01, "{images:?}");
        assert!((images[0].width - 2.0 * images[0].height).abs() < 0.01);
        // Small enough already: its own size, 4 px at 96 px/in.
        assert!((images[1].width - 3.0).abs() < 0.01 && (images[1].height - 3.0).abs() < 0.01);
        // Never wider than the measure.
        assert!(images[2].width <= 200.0 + 0.01);
        // The width asked for, 8 px = 6 pt.
        assert!((images[3].width - 6.0).abs() < 0.01);
        // An image the book does not have keeps its description.
        let text: String = lines
            .iter()
            .flat_map(|l| &l.runs)
            .map(GlyphRun::text)
            .collect();
        assert!(
            text.contains("[alt]") && !text.contains("[alt][alt]"),
            "{text}"
        );
        for line in &lines {
            for image in &line.images {
                assert!(image.x >= 0.0 && image.x + image.width <= 200.05);
            }
        }
    }

    #[test]
    fn widths_are_the_widest_word_and_the_whole_line() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let spec = spec(10_000.0);
        let whole = |ts: &mut Typesetter, s: &str| ts.set_plain(s, &spec)[0].width;
        let (min, max) = ts.widths(
            &[Inline::Text {
                text: "a considerable army".into(),
            }],
            &spec,
        );
        assert!((min - whole(&mut ts, "considerable")).abs() < 0.01, "{min}");
        assert!(
            (max - whole(&mut ts, "a considerable army")).abs() < 0.01,
            "{max}"
        );
        // Code breaks at its joints in running text, but in a table cell
        // (`code_whole`) only at its spaces.
        let code = [Inline::Code {
            code: "orchard::summarise x".into(),
        }];
        let (joints, _) = ts.widths(&code, &spec);
        ts.code_whole = true;
        let (whole_code, max) = ts.widths(&code, &spec);
        ts.code_whole = false;
        assert!(whole_code > joints, "{whole_code} vs {joints}");
        assert!(whole_code < max);
        // A forced break ends a line: the widest line counts.
        let broken = [
            Inline::Text {
                text: "short".into(),
            },
            Inline::HardBreak,
            Inline::Text {
                text: "a longer line".into(),
            },
        ];
        let (_, max) = ts.widths(&broken, &spec);
        assert!(
            (max - whole(&mut ts, "a longer line")).abs() < 0.01,
            "{max}"
        );
    }

    #[test]
    fn inline_code_keeps_natural_spaces_and_breaks_only_at_its_joints() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let t = |s: &str| Inline::Text { text: s.into() };
        let code = |s: &str| Inline::Code { code: s.into() };
        let content = [
            t("To plant a row, run "),
            code("cargo run --release -- plant --row 14"),
            t(" from the folder, then read the whole report that "),
            code("orchard::ledger::summarise_every_row(records)"),
            t(" prints, and rest after the long day in the orchard."),
        ];
        for measure in [130.0, 160.0, 200.0, 250.0] {
            let lines = ts.set(&content, &spec(measure));
            let mono = || {
                lines
                    .iter()
                    .flat_map(|l| &l.runs)
                    .filter(|r| r.style == Style::Mono)
            };
            for run in mono() {
                for pair in run.glyphs.windows(2) {
                    let gap = pair[1].x - pair[0].x;
                    assert!((gap - pair[0].advance).abs() < 0.01, "{measure}: {run:?}");
                }
            }
            let texts: Vec<String> = mono().map(GlyphRun::text).collect();
            for word in ["--release", "summarise_every_row", "ledger", "records"] {
                assert!(
                    texts.iter().any(|t| t.contains(word)),
                    "{measure}: `{word}` split in {texts:?}"
                );
            }
        }
    }

    #[test]
    fn uncovered_characters_are_dropped_not_drawn() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let lines = ts.set_plain("a \u{1F600} b", &spec(200.0));
        assert_eq!(line_text(&lines[0]), "a  b");
        assert!(lines[0]
            .runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .all(|g| g.id != 0));
    }

    #[test]
    fn struck_text_gets_a_strike_across_it_only() {
        let mut ts = Typesetter::new("en").unwrap();
        let content = [
            Inline::Text {
                text: "keep ".into(),
            },
            Inline::Phrase {
                kind: crate::model::PhraseKind::Strikethrough,
                classes: Vec::new(),
                title: None,
                content: vec![Inline::Text {
                    text: "two words".into(),
                }],
            },
            Inline::Text {
                text: " keep".into(),
            },
        ];
        let lines = ts.set(&content, &spec(400.0));
        assert_eq!(lines.len(), 1);
        let strikes = &lines[0].strikes;
        assert_eq!(strikes.len(), 1, "{strikes:?}");
        let (from, to, _) = strikes[0];
        // It starts after "keep" and its space, and spans the struck words.
        let plain = ts.set_plain("keep", &spec(400.0))[0].width;
        let struck = ts.set_plain("two words", &spec(400.0))[0].width;
        assert!(from > plain && from < plain + 5.0, "{from} vs {plain}");
        assert!(
            (to - from - struck).abs() < 1.0,
            "{} vs {struck}",
            to - from
        );
    }
}
