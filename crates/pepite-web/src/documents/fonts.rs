//! The documents' two faces, DejaVu Sans and DejaVu Sans Bold, built into the program (Latin
//! with its extensions, Greek, Cyrillic…): which glyph shows a character and how wide it is,
//! so text can be wrapped and aligned. `embed.rs` puts the glyphs a file uses into it.

use std::sync::LazyLock;

use ttf_parser::Face;

/// The two faces the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
}

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// Parsed once: a face only borrows the static bytes.
static FACES: LazyLock<[Face<'static>; 2]> = LazyLock::new(|| {
    [REGULAR, BOLD].map(|data| Face::parse(data, 0).expect("the built-in font files parse"))
});

impl Font {
    pub(super) const ALL: [Font; 2] = [Font::Regular, Font::Bold];

    /// The font file, as built into the program.
    pub(super) fn data(self) -> &'static [u8] {
        match self {
            Font::Regular => REGULAR,
            Font::Bold => BOLD,
        }
    }

    /// The PostScript name a PDF reader shows.
    pub(super) fn postscript_name(self) -> &'static str {
        match self {
            Font::Regular => "DejaVuSans",
            Font::Bold => "DejaVuSans-Bold",
        }
    }

    pub(super) fn face(self) -> &'static Face<'static> {
        &FACES[self as usize]
    }

    /// Font units to thousandths of the font size, the unit of PDF widths.
    pub(super) fn to_thousandths(self, units: f32) -> f32 {
        units * 1000.0 / f32::from(self.face().units_per_em())
    }
}

/// The face's capital height, in font-size units: centres capitals in a box.
pub(super) fn cap_height(font: Font) -> f32 {
    let face = font.face();
    font.to_thousandths(f32::from(face.capital_height().unwrap_or(face.ascender()))) / 1000.0
}

/// The character actually printed for `c`: line breaks are the wrapper's business, so any
/// control character left is a space, and what the face has no glyph for (an emoji, Chinese)
/// is a `?`, as a reader would write it by hand.
pub(super) fn shown(c: char, font: Font) -> char {
    if c.is_control() {
        ' '
    } else if font.face().glyph_index(c).is_some() {
        c
    } else {
        '?'
    }
}

/// The glyph that prints `c` (see [`shown`]).
pub(super) fn glyph(c: char, font: Font) -> u16 {
    font.face().glyph_index(shown(c, font)).map_or(0, |g| g.0)
}

/// Width of one glyph in thousandths of the font size.
pub(super) fn glyph_width(glyph: u16, font: Font) -> f32 {
    let advance = font
        .face()
        .glyph_hor_advance(ttf_parser::GlyphId(glyph))
        .unwrap_or(0);
    font.to_thousandths(f32::from(advance))
}

/// Width of one character in thousandths of the font size.
pub(super) fn char_width(c: char, font: Font) -> f32 {
    glyph_width(glyph(c, font), font)
}

/// Width of `text` in points when set in `font` at `size`.
pub(super) fn text_width(text: &str, font: Font, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, font)).sum::<f32>() * size / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_latin_greek_and_cyrillic_have_glyphs_in_both_faces() {
        for font in Font::ALL {
            for c in "Łukasz Łódź Ştefan Θεσσαλονίκη Дмитрий Šťastný € … – « » ’ • °".chars()
            {
                assert_eq!(shown(c, font), c, "{c} in {font:?}");
                assert_ne!(glyph(c, font), 0, "{c} in {font:?}");
            }
            // French typography's narrow no-break space and the minus sign of amounts.
            for c in ['\u{202F}', '\u{A0}', '\u{2212}'] {
                assert_eq!(shown(c, font), c);
            }
        }
    }

    #[test]
    fn what_the_faces_lack_prints_as_a_question_mark() {
        assert_eq!(shown('東', Font::Regular), '?');
        assert_eq!(shown('🎁', Font::Bold), '?');
        assert_eq!(shown('\t', Font::Regular), ' ');
        assert_eq!(glyph('東', Font::Regular), glyph('?', Font::Regular));
    }

    #[test]
    fn widths_come_from_the_faces() {
        // DejaVu Sans: 2048 units per em, "e" advances 1260 (615 thousandths), bold wider.
        assert_eq!(char_width('e', Font::Regular).round(), 615.0);
        assert_eq!(
            char_width('é', Font::Regular),
            char_width('e', Font::Regular)
        );
        assert!(
            text_width("Montant", Font::Bold, 10.0) > text_width("Montant", Font::Regular, 10.0)
        );
        assert_eq!(
            text_width("ab", Font::Regular, 10.0),
            (char_width('a', Font::Regular) + char_width('b', Font::Regular)) / 100.0
        );
    }
}
