//! The printable gift card (G1): one A4 page with a framed card (amount, code, names,
//! message, expiry) and the instructions for using it underneath.

use pepite_domain::Money;
use pepite_domain::account::Language;

use super::GiftCardDoc;
use super::fonts::{Font, cap_height};
use super::writer::{CONTENT_WIDTH, MARGIN, Page, TOP, assemble, cap_lines, fit_size, wrap};
use crate::i18n::{self, t, t_args};

/// The printable card's texts in `lang` (the page's download and the recipient's e-mail).
pub fn gift_card_doc(
    lang: Language,
    amount_cents: i64,
    code: &str,
    recipient_name: &str,
    sender_name: &str,
    message: &str,
    expires_at: i64,
) -> GiftCardDoc {
    let one = |key: &str, name: &'static str, value: String| t_args(lang, key, &[(name, value)]);
    GiftCardDoc {
        title: t(lang, "gift-card-doc-title"),
        amount: i18n::money(lang, Money(amount_cents)),
        code_label: t(lang, "gift-card-code"),
        code: code.to_owned(),
        to_line: one("gift-card-doc-to", "name", recipient_name.to_owned()),
        from_line: one("gift-card-doc-from", "name", sender_name.to_owned()),
        message: message.to_owned(),
        expiry_line: one("gift-card-doc-expiry", "date", i18n::date(lang, expires_at)),
        how_to: vec![
            t(lang, "gift-card-doc-how-1"),
            t(lang, "gift-card-doc-how-2"),
        ],
    }
}

/// Space between the card's frame and its text.
const PAD: f32 = 24.0;
const INNER_WIDTH: f32 = CONTENT_WIDTH - 2.0 * PAD;
const CENTER: f32 = MARGIN + CONTENT_WIDTH / 2.0;
const MESSAGE_SIZE: f32 = 11.0;
const MESSAGE_LEADING: f32 = 14.5;
/// The message box never grows past this, so the card stays a single printed page.
const MESSAGE_MAX_LINES: usize = 10;

/// Renders the gift card as a one-page A4 PDF.
pub fn gift_card_pdf(doc: &GiftCardDoc) -> Vec<u8> {
    let mut page = Page::default();
    let card_bottom = card(&mut page, doc);
    page.stroke_rect(MARGIN, card_bottom, CONTENT_WIDTH, TOP - card_bottom, 0.3);
    how_to(&mut page, &doc.how_to, card_bottom - 30.0);
    assemble(&doc.title, &[page])
}

/// Draws the card's content from the top down and returns where its frame ends.
fn card(page: &mut Page, doc: &GiftCardDoc) -> f32 {
    let band = 48.0;
    page.fill_rect(MARGIN, TOP - band, CONTENT_WIDTH, band, 0.93);
    let title_size = fit_size(&doc.title, Font::Bold, 18.0, INNER_WIDTH);
    page.text_center(CENTER, TOP - 30.0, Font::Bold, title_size, &doc.title);

    let mut y = TOP - band - 58.0;
    let amount_size = fit_size(&doc.amount, Font::Bold, 40.0, INNER_WIDTH);
    page.text_center(CENTER, y, Font::Bold, amount_size, &doc.amount);
    y -= 34.0;

    page.text_center(CENTER, y, Font::Regular, 10.0, &doc.code_label);
    y -= 12.0;
    let box_height = 44.0;
    let box_bottom = y - box_height;
    page.fill_rect(MARGIN + PAD, box_bottom, INNER_WIDTH, box_height, 0.95);
    page.stroke_rect(MARGIN + PAD, box_bottom, INNER_WIDTH, box_height, 0.6);
    let code_size = fit_size(&doc.code, Font::Bold, 26.0, INNER_WIDTH - PAD);
    let code_baseline = box_bottom + (box_height - cap_height(Font::Bold) * code_size) / 2.0;
    page.text_center(CENTER, code_baseline, Font::Bold, code_size, &doc.code);
    y = box_bottom - 30.0;

    for line in [&doc.to_line, &doc.from_line] {
        page.text(MARGIN + PAD, y, Font::Regular, 11.0, line);
        y -= 16.0;
    }
    y -= 6.0;

    if !doc.message.trim().is_empty() {
        let width = INNER_WIDTH - PAD;
        let lines = wrap(doc.message.trim(), Font::Regular, MESSAGE_SIZE, width);
        let lines = cap_lines(lines, MESSAGE_MAX_LINES, Font::Regular, MESSAGE_SIZE, width);
        let height = lines.len() as f32 * MESSAGE_LEADING + 14.0;
        page.stroke_rect(MARGIN + PAD, y - height, INNER_WIDTH, height, 0.7);
        let x = MARGIN + PAD + PAD / 2.0;
        let baseline = y - 7.0 - MESSAGE_SIZE;
        page.lines(
            x,
            baseline,
            Font::Regular,
            MESSAGE_SIZE,
            MESSAGE_LEADING,
            &lines,
        );
        y -= height + 24.0;
    }

    page.text(MARGIN + PAD, y, Font::Bold, 9.5, &doc.expiry_line);
    y - PAD
}

/// The instructions as a bulleted list below the card, starting with the baseline at `y`.
fn how_to(page: &mut Page, items: &[String], mut y: f32) {
    let (size, leading, indent) = (10.0, 13.5, 14.0);
    for item in items {
        for (n, line) in wrap(item, Font::Regular, size, CONTENT_WIDTH - indent)
            .iter()
            .enumerate()
        {
            // The document is one page by design: whatever would run off it is left out.
            if y < MARGIN {
                return;
            }
            if n == 0 {
                page.text(MARGIN, y, Font::Regular, size, "•");
            }
            page.text(MARGIN + indent, y, Font::Regular, size, line);
            y -= leading;
        }
        y -= 4.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::test_support::{assert_well_framed, page_count, text};

    fn sample(message: String) -> GiftCardDoc {
        GiftCardDoc {
            title: "Carte cadeau Pépite".into(),
            amount: "50,00 €".into(),
            code_label: "Code".into(),
            code: "PEP-7K2M-9QXA".into(),
            to_line: "Pour : Camille".into(),
            from_line: "De la part de : Léa".into(),
            message,
            expiry_line: "Valable jusqu’au 21 novembre 2027".into(),
            how_to: vec![
                "Choisissez vos pièces sur Pépite.".into(),
                "Au paiement, saisissez le code : il règle tout ou partie de la commande.".into(),
            ],
        }
    }

    #[test]
    fn gift_card_is_a_pdf_with_amount_code_and_accents() {
        let pdf = gift_card_pdf(&sample("Joyeux anniversaire !".into()));
        assert_well_framed(&pdf);
        assert_eq!(page_count(&pdf), 1);
        let Some(text) = text(&pdf) else { return };
        for shown in [
            "50,00 €",
            "PEP-7K2M-9QXA",
            "Carte cadeau Pépite",
            "jusqu’au",
            "•",
        ] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn gift_card_with_a_2000_character_message_stays_one_page_and_is_cut() {
        let message = "Très belle journée à toi, profite bien ! ".repeat(50);
        assert!(message.chars().count() >= 2000);
        let pdf = gift_card_pdf(&sample(message));
        assert_well_framed(&pdf);
        assert_eq!(page_count(&pdf), 1);
        let Some(text) = text(&pdf) else { return };
        assert!(text.contains('…'), "the cut message ends with an ellipsis");
        let shown = text.matches("Très").count();
        assert!(shown < 50, "only the part that fits the box is printed");
    }

    #[test]
    fn gift_card_prints_unsupported_characters_as_question_marks() {
        let pdf = gift_card_pdf(&sample("Bon anniversaire 🎉 Zoë".into()));
        let Some(text) = text(&pdf) else { return };
        assert!(text.contains("Bon anniversaire ? Zoë"), "{text}");
    }
}
