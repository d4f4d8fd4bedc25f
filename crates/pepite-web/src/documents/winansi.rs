//! WinAnsi (CP1252) encoding and Helvetica glyph widths: what the base-14 fonts can show
//! without embedding a font file, and how wide it is, so text can be wrapped and aligned.

/// The two faces the documents use; both are PDF base-14 fonts every reader has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
}

/// Encodes one character as a WinAnsi byte; whatever the fonts cannot show becomes `?`.
pub(super) fn encode_char(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{A0}'..='\u{FF}' => c as u8,
        // French typography puts narrow no-break spaces before `:` and inside amounts
        // ("1 200,00 €"); the no-break space looks the same and keeps the line unbroken.
        '\u{2007}' | '\u{2009}' | '\u{202F}' => 0xA0,
        // Number formatters may write negative amounts with the minus sign; a `?` there would
        // garble a discount line, and a hyphen reads the same.
        '\u{2010}' | '\u{2011}' | '\u{2212}' => b'-',
        // Line breaks are handled by the wrapper; any control character left is a space.
        c if c.is_control() => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => b'?',
    }
}

/// Encodes a whole string for a PDF text-showing operator.
pub(super) fn encode(text: &str) -> Vec<u8> {
    text.chars().map(encode_char).collect()
}

/// Width of `text` in points when set in `font` at `size`.
pub(super) fn text_width(text: &str, font: Font, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, font)).sum::<f32>() * size / 1000.0
}

/// Width of one character in thousandths of the font size.
pub(super) fn char_width(c: char, font: Font) -> f32 {
    let table = match font {
        Font::Regular => &HELVETICA,
        Font::Bold => &HELVETICA_BOLD,
    };
    // `encode_char` never returns a byte below 0x20, so the index is always in range.
    f32::from(table[usize::from(encode_char(c)) - 0x20])
}

// Widths from Adobe's Helvetica and Helvetica-Bold AFM files, indexed by WinAnsi code from
// 0x20 to 0xFF. Codes that WinAnsi leaves undefined (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D)
// are 0: `encode_char` never produces them.
#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_and_cp1252_punctuation_encode_to_winansi() {
        assert_eq!(encode("Détails"), b"D\xE9tails");
        assert_eq!(encode("120,00 €"), b"120,00 \x80");
        assert_eq!(
            encode("l’œuvre – « Noël »…"),
            b"l\x92\x9Cuvre \x96 \xAB No\xEBl \xBB\x85"
        );
        assert_eq!(encode("1\u{202F}200"), b"1\xA0200");
        assert_eq!(encode("\u{2212}10,00 €"), b"-10,00 \x80");
    }

    #[test]
    fn characters_outside_winansi_become_question_marks() {
        assert_eq!(encode("Łódź 東京 🎁"), b"?\xF3d? ?? ?");
        assert_eq!(encode("a\tb"), b"a b");
    }

    #[test]
    fn widths_follow_the_afm_tables() {
        assert_eq!(text_width("Helvetica", Font::Regular, 1000.0), 4112.0);
        assert_eq!(
            char_width('é', Font::Regular),
            char_width('e', Font::Regular)
        );
        assert!(
            text_width("Montant", Font::Bold, 10.0) > text_width("Montant", Font::Regular, 10.0)
        );
        assert_eq!(char_width('€', Font::Bold), 556.0);
    }
}
