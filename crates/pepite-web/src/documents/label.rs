//! A parcel's shipping label (R2's prepaid return labels): carrier, sender, addressee, weight
//! and the tracking number under a Code 39 barcode, which every hand scanner reads.

use super::LabelDoc;
use super::winansi::Font;
use super::writer::{CONTENT_WIDTH, MARGIN, Page, TOP, assemble, wrap};

/// Code 39: each character is nine elements, bar and space alternating from a bar, three of
/// them wide ('w'). `*` starts and ends every code.
const CODE39: &[(char, &str)] = &[
    ('0', "nnnwwnwnn"),
    ('1', "wnnwnnnnw"),
    ('2', "nnwwnnnnw"),
    ('3', "wnwwnnnnn"),
    ('4', "nnnwwnnnw"),
    ('5', "wnnwwnnnn"),
    ('6', "nnwwwnnnn"),
    ('7', "nnnwnnwnw"),
    ('8', "wnnwnnwnn"),
    ('9', "nnwwnnwnn"),
    ('A', "wnnnnwnnw"),
    ('B', "nnwnnwnnw"),
    ('C', "wnwnnwnnn"),
    ('D', "nnnnwwnnw"),
    ('E', "wnnnwwnnn"),
    ('F', "nnwnwwnnn"),
    ('G', "nnnnnwwnw"),
    ('H', "wnnnnwwnn"),
    ('I', "nnwnnwwnn"),
    ('J', "nnnnwwwnn"),
    ('K', "wnnnnnnww"),
    ('L', "nnwnnnnww"),
    ('M', "wnwnnnnwn"),
    ('N', "nnnnwnnww"),
    ('O', "wnnnwnnwn"),
    ('P', "nnwnwnnwn"),
    ('Q', "nnnnnnwww"),
    ('R', "wnnnnnwwn"),
    ('S', "nnwnnnwwn"),
    ('T', "nnnnwnwwn"),
    ('U', "wwnnnnnnw"),
    ('V', "nwwnnnnnw"),
    ('W', "wwwnnnnnn"),
    ('X', "nwnnwnnnw"),
    ('Y', "wwnnwnnnn"),
    ('Z', "nwwnwnnnn"),
    ('-', "nwnnnnwnw"),
    ('*', "nwnnwnwnn"),
];

const NARROW: f32 = 1.2;
const WIDE: f32 = 3.0;
const BAR_HEIGHT: f32 = 60.0;

/// The bars of `text` in Code 39, as (offset, width) from the left; characters it cannot
/// encode are left out (tracking numbers are letters, digits and dashes).
fn code39_bars(text: &str) -> (Vec<(f32, f32)>, f32) {
    let mut bars = Vec::new();
    let mut x = 0.0;
    let framed = std::iter::once('*')
        .chain(text.chars().map(|c| c.to_ascii_uppercase()))
        .chain(std::iter::once('*'));
    for c in framed {
        let Some((_, pattern)) = CODE39.iter().find(|(k, _)| *k == c) else {
            continue;
        };
        for (i, e) in pattern.chars().enumerate() {
            let w = if e == 'w' { WIDE } else { NARROW };
            if i % 2 == 0 {
                bars.push((x, w));
            }
            x += w;
        }
        x += NARROW;
    }
    (bars, x)
}

/// Renders the label on an A4 page (top half, framed, to cut out).
pub fn label_pdf(doc: &LabelDoc) -> Vec<u8> {
    let mut page = Page::default();
    let right = MARGIN + CONTENT_WIDTH;
    let mut y = TOP - 24.0;
    page.text(MARGIN + 16.0, y, Font::Bold, 18.0, &doc.carrier);
    page.text_right(right - 16.0, y, Font::Bold, 12.0, &doc.kind);
    y -= 30.0;
    for (heading, lines) in [&doc.from, &doc.to] {
        page.text(MARGIN + 16.0, y, Font::Regular, 8.0, heading);
        y -= 14.0;
        for line in lines {
            for part in wrap(line, Font::Bold, 11.0, CONTENT_WIDTH - 32.0) {
                page.text(MARGIN + 16.0, y, Font::Bold, 11.0, &part);
                y -= 14.0;
            }
        }
        y -= 10.0;
    }
    for line in &doc.details {
        page.text(MARGIN + 16.0, y, Font::Regular, 9.0, line);
        y -= 12.0;
    }
    y -= BAR_HEIGHT + 10.0;
    let (bars, width) = code39_bars(&doc.tracking);
    let left = MARGIN + (CONTENT_WIDTH - width) / 2.0;
    for (x, w) in bars {
        page.fill_rect(left + x, y, w, BAR_HEIGHT, 0.0);
    }
    y -= 16.0;
    page.text_center(
        MARGIN + CONTENT_WIDTH / 2.0,
        y,
        Font::Bold,
        12.0,
        &doc.tracking,
    );
    y -= 16.0;
    page.stroke_rect(MARGIN, y, CONTENT_WIDTH, TOP - y, 0.0);
    assemble(&doc.title, &[page])
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_well_framed, page_count};
    use super::*;

    #[test]
    fn code39_patterns_have_three_wide_elements_and_differ() {
        for (c, p) in CODE39 {
            assert_eq!(p.len(), 9, "{c}");
            assert_eq!(p.chars().filter(|e| *e == 'w').count(), 3, "{c}");
        }
        let mut all: Vec<&str> = CODE39.iter().map(|(_, p)| *p).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), CODE39.len());
        // Start and stop, plus two characters: five bars each.
        let (bars, _) = code39_bars("a1");
        assert_eq!(bars.len(), 4 * 5);
    }

    #[test]
    fn r2_a_label_is_one_page() {
        let doc = LabelDoc {
            title: "Étiquette".into(),
            carrier: "Colissimo".into(),
            kind: "RETOUR".into(),
            from: (
                "De".into(),
                vec!["Bob".into(), "1 rue X, 75001 Paris".into()],
            ),
            to: ("À".into(), vec!["Chez Léa".into()]),
            details: vec!["1 kg".into()],
            tracking: "SB000000004201".into(),
        };
        let pdf = label_pdf(&doc);
        assert_well_framed(&pdf);
        assert_eq!(page_count(&pdf), 1);
    }
}
