//! A parcel's shipping label (F2, and any parcel with a tracking number): sender, recipient,
//! weight, carrier and tracking number, with the number as a Code 128 barcode a carrier's
//! scanner reads. Drawn as a 10 × 15 cm label at the top left of an A4 page (bench printers
//! print A4; the label is cut out or printed on label stock). The sandbox carrier sells no
//! file, so the label is drawn from what the order stores, the same every time it is printed.

use pepite_domain::commerce::code128;

use super::LabelDoc;
use super::fonts::Font;
use super::writer::{MARGIN, Page, TOP, assemble, cap_lines, fit_size, wrap};

/// 10 × 15 cm, in points.
const WIDTH: f32 = 100.0 * 72.0 / 25.4;
const HEIGHT: f32 = 150.0 * 72.0 / 25.4;
const PAD: f32 = 12.0;
const INNER: f32 = WIDTH - 2.0 * PAD;
/// The bars' height: tall enough for a hand scanner swept at an angle.
pub(super) const BAR_HEIGHT: f32 = 70.0;
/// The widest module drawn; long numbers get narrower ones so the symbol fits the label.
const MODULE_MAX: f32 = 1.4;

/// Renders the label as a one-page PDF. A tracking number Code 128 cannot carry (never the
/// case once normalised) is printed without bars.
pub fn label_pdf(doc: &LabelDoc) -> Vec<u8> {
    let mut page = Page::default();
    let left = MARGIN + PAD;
    let bottom = TOP - HEIGHT;
    page.stroke_rect(MARGIN, bottom, WIDTH, HEIGHT, 0.0);
    let mut y = TOP - PAD - 16.0;
    let carrier_size = fit_size(&doc.carrier, Font::Bold, 20.0, INNER);
    page.text(left, y, Font::Bold, carrier_size, &doc.carrier);
    y -= 16.0;
    page.text(left, y, Font::Regular, 9.0, &doc.weight_line);
    page.text_right(left + INNER, y, Font::Regular, 9.0, &doc.reference_line);
    y -= 10.0;
    page.rule(left, left + INNER, y, 0.0);
    y = block(&mut page, left, y - 14.0, &doc.from, 8.5, 4);
    page.rule(left, left + INNER, y + 4.0, 0.6);
    y = block(&mut page, left, y - 12.0, &doc.to, 12.0, 7);
    page.rule(left, left + INNER, y + 4.0, 0.0);
    let bars_top = y - 12.0;
    if let Some(widths) = code128::encode(&doc.tracking) {
        let modules: u32 =
            widths.iter().map(|&w| u32::from(w)).sum::<u32>() + 2 * code128::QUIET_ZONE as u32;
        let module = (INNER / modules as f32).min(MODULE_MAX);
        let symbol = modules as f32 * module;
        let x = left + (INNER - symbol) / 2.0 + code128::QUIET_ZONE as f32 * module;
        page.bars(x, bars_top - BAR_HEIGHT, BAR_HEIGHT, module, &widths);
    }
    let number_size = fit_size(&doc.tracking, Font::Bold, 14.0, INNER);
    page.text_center(
        left + INNER / 2.0,
        bars_top - BAR_HEIGHT - 16.0,
        Font::Bold,
        number_size,
        &doc.tracking,
    );
    assemble(&doc.title, &[page])
}

/// A heading and its lines (wrapped, at most `max` of them); returns the baseline below.
fn block(
    page: &mut Page,
    x: f32,
    y: f32,
    part: &(String, Vec<String>),
    size: f32,
    max: usize,
) -> f32 {
    page.text(x, y, Font::Bold, 8.0, &part.0);
    let lines: Vec<String> = part
        .1
        .iter()
        .flat_map(|l| wrap(l, Font::Regular, size, INNER))
        .collect();
    let lines = cap_lines(lines, max, Font::Regular, size, INNER);
    let leading = size * 1.25;
    page.lines(x, y - leading, Font::Regular, size, leading, &lines);
    y - leading * (lines.len() as f32 + 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_well_framed, page_count, text};
    use super::*;

    fn doc(tracking: &str) -> LabelDoc {
        LabelDoc {
            title: "Étiquette".into(),
            carrier: "Colissimo".into(),
            tracking: tracking.into(),
            weight_line: "Poids : 0,8 kg".into(),
            reference_line: "Commande 2026-000042".into(),
            from: (
                "Expéditeur".into(),
                vec!["Pépite SAS — atelier".into(), "75010 Paris".into()],
            ),
            to: (
                "Destinataire".into(),
                vec!["Camille Martin".into(), "12 rue des Lilas".into()],
            ),
        }
    }

    /// The filled rectangles of the barcode's height, as (x, width), left to right.
    fn bars_drawn(pdf: &[u8]) -> Vec<(f32, f32)> {
        let text = String::from_utf8_lossy(pdf);
        let mut bars: Vec<(f32, f32)> = text
            .lines()
            .filter_map(|l| l.trim().strip_suffix(" re"))
            .filter_map(|l| {
                let n: Vec<f32> = l
                    .split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect();
                (n.len() == 4 && (n[3] - BAR_HEIGHT).abs() < 0.01).then(|| (n[0], n[2]))
            })
            .collect();
        bars.sort_by(|a, b| a.0.total_cmp(&b.0));
        bars
    }

    /// Reads the drawn bars back into module widths (bar, space, bar, …) and decodes them, as
    /// a scanner measuring the printed symbol would.
    fn scan(pdf: &[u8]) -> Option<String> {
        let bars = bars_drawn(pdf);
        let module = bars.iter().map(|b| b.1).fold(f32::MAX, f32::min);
        let mut widths = Vec::new();
        for (i, (x, w)) in bars.iter().enumerate() {
            if i > 0 {
                let gap = x - (bars[i - 1].0 + bars[i - 1].1);
                widths.push((gap / module).round() as u8);
            }
            widths.push((w / module).round() as u8);
        }
        code128::decode(&widths)
    }

    #[test]
    fn f2_the_labels_barcode_reads_back_as_its_tracking_number() {
        for tracking in [
            "SB000000004201",
            "1Z999AA10123456784",
            "JD0140000000000000000000000012345",
        ] {
            let pdf = label_pdf(&doc(tracking));
            assert_well_framed(&pdf);
            assert_eq!(page_count(&pdf), 1);
            assert_eq!(scan(&pdf).as_deref(), Some(tracking));
            let Some(text) = text(&pdf) else { return };
            assert!(text.contains(tracking), "printed in clear too");
        }
        let pdf = label_pdf(&doc("SB000000004201"));
        // Printed again, the label is the same file: nothing in it depends on the moment.
        assert_eq!(pdf, label_pdf(&doc("SB000000004201")));
        let Some(text) = text(&pdf) else { return };
        for shown in [
            "Colissimo",
            "Camille Martin",
            "Poids : 0,8 kg",
            "Commande 2026-000042",
        ] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn the_symbol_fits_the_label_with_its_quiet_zones() {
        let pdf = label_pdf(&doc("JD0140000000000000000000000012345"));
        let bars = bars_drawn(&pdf);
        let (first, last) = (bars[0], bars[bars.len() - 1]);
        let module = bars.iter().map(|b| b.1).fold(f32::MAX, f32::min);
        assert!(first.0 - 10.0 * module >= MARGIN + PAD - 0.01);
        assert!(last.0 + last.1 + 10.0 * module <= MARGIN + PAD + INNER + 0.01);
    }
}
