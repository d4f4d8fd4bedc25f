//! The invoice (O11): header with the platform's identity, order details, addresses, one
//! table row per piece (header repeated on every page it spills onto), totals and notes.

use super::InvoiceDoc;
use super::fonts::{Font, text_width};
use super::writer::{CONTENT_WIDTH, MARGIN, Page, TOP, assemble, wrap};

const RIGHT: f32 = MARGIN + CONTENT_WIDTH;
/// Lowest baseline for body text; the footer sits below it.
const BOTTOM: f32 = MARGIN + 18.0;
const BODY: f32 = 9.0;
const LEADING: f32 = 12.0;
const CELL_PAD: f32 = 4.0;
// Table columns: article and seller take these widths, the amount gets the rest.
const ARTICLE_WIDTH: f32 = CONTENT_WIDTH * 0.52;
const SELLER_X: f32 = MARGIN + ARTICLE_WIDTH;
const SELLER_WIDTH: f32 = CONTENT_WIDTH * 0.28;

/// Renders the invoice as an A4 PDF, over as many pages as its lines need.
pub fn invoice_pdf(doc: &InvoiceDoc) -> Vec<u8> {
    let mut flow = Flow {
        done: Vec::new(),
        page: Page::default(),
        y: TOP,
    };
    header(&mut flow, doc);
    meta(&mut flow, &doc.meta);
    addresses(&mut flow, doc);
    table(&mut flow, doc);
    totals(&mut flow, &doc.totals);
    notes(&mut flow, &doc.notes);
    let mut pages = flow.finish();
    // Page numbers need the total, so footers go on once everything is laid out.
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = format!("{} · {}/{count}", doc.number_line, i + 1);
        page.text_right(RIGHT, MARGIN, Font::Regular, 7.5, &footer);
    }
    assemble(&doc.title, &pages)
}

/// Top-down layout: a cursor on the current page, and the pages already filled.
struct Flow {
    done: Vec<Page>,
    page: Page,
    y: f32,
}

impl Flow {
    fn fits(&self, height: f32) -> bool {
        self.y - height >= BOTTOM
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = TOP;
    }

    fn finish(mut self) -> Vec<Page> {
        self.done.push(self.page);
        self.done
    }
}

/// Title and number on the left, the platform's identity on the right.
fn header(flow: &mut Flow, doc: &InvoiceDoc) {
    let mut left = TOP - 20.0;
    flow.page.text(MARGIN, left, Font::Bold, 20.0, &doc.title);
    left -= 18.0;
    flow.page
        .text(MARGIN, left, Font::Bold, 11.0, &doc.number_line);

    let mut right = TOP - 8.0;
    for (i, line) in doc.seller_block.iter().enumerate() {
        // The first line is the company name: it reads as a heading.
        let font = if i == 0 { Font::Bold } else { Font::Regular };
        for part in wrap(line, font, 8.5, CONTENT_WIDTH * 0.45) {
            flow.page.text_right(RIGHT, right, font, 8.5, &part);
            right -= 11.0;
        }
    }
    flow.y = left.min(right + 11.0) - 22.0;
}

/// Label/value rows (dates, payment method…), values aligned on one column.
fn meta(flow: &mut Flow, rows: &[(String, String)]) {
    let label_width = rows
        .iter()
        .map(|(label, _)| text_width(label, Font::Regular, BODY))
        .fold(0.0, f32::max)
        .min(CONTENT_WIDTH * 0.4);
    let value_x = MARGIN + label_width + 12.0;
    for (label, value) in rows {
        let labels = wrap(label, Font::Regular, BODY, label_width);
        let values = wrap(value, Font::Bold, BODY, RIGHT - value_x);
        flow.page
            .lines(MARGIN, flow.y, Font::Regular, BODY, LEADING, &labels);
        flow.page
            .lines(value_x, flow.y, Font::Bold, BODY, LEADING, &values);
        flow.y -= labels.len().max(values.len()).max(1) as f32 * LEADING;
    }
    flow.y -= 14.0;
}

/// Billing and delivery addresses side by side.
fn addresses(flow: &mut Flow, doc: &InvoiceDoc) {
    let gap = 24.0;
    let width = (CONTENT_WIDTH - gap) / 2.0;
    let mut lowest = flow.y;
    for (i, (heading, lines)) in [&doc.billing, &doc.delivery].into_iter().enumerate() {
        let x = MARGIN + i as f32 * (width + gap);
        let mut y = flow.y;
        flow.page.text(x, y, Font::Bold, 9.5, heading);
        y -= LEADING + 2.0;
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|l| wrap(l, Font::Regular, BODY, width))
            .collect();
        flow.page.lines(x, y, Font::Regular, BODY, LEADING, &lines);
        y -= lines.len() as f32 * LEADING;
        lowest = lowest.min(y);
    }
    flow.y = lowest - 14.0;
}

/// One row per piece; a row that does not fit goes to a new page under a repeated header.
fn table(flow: &mut Flow, doc: &InvoiceDoc) {
    table_header(flow, &doc.columns);
    for [article, seller, amount] in &doc.lines {
        let article = wrap(article, Font::Regular, BODY, ARTICLE_WIDTH - 2.0 * CELL_PAD);
        let seller = wrap(seller, Font::Regular, BODY, SELLER_WIDTH - 2.0 * CELL_PAD);
        let height = article.len().max(seller.len()).max(1) as f32 * LEADING + 6.0;
        if !flow.fits(height) {
            flow.new_page();
            table_header(flow, &doc.columns);
        }
        let y = flow.y - BODY - 3.0;
        flow.page
            .lines(MARGIN + CELL_PAD, y, Font::Regular, BODY, LEADING, &article);
        flow.page.lines(
            SELLER_X + CELL_PAD,
            y,
            Font::Regular,
            BODY,
            LEADING,
            &seller,
        );
        // Amounts are short and preformatted: one line, aligned on the last digit.
        flow.page
            .text_right(RIGHT - CELL_PAD, y, Font::Regular, BODY, amount);
        flow.y -= height;
        flow.page.rule(MARGIN, RIGHT, flow.y, 0.8);
    }
    flow.y -= 14.0;
}

/// The grey band with the column headings.
fn table_header(flow: &mut Flow, headings: &[String; 3]) {
    let height = 18.0;
    flow.page
        .fill_rect(MARGIN, flow.y - height, CONTENT_WIDTH, height, 0.9);
    let y = flow.y - 12.5;
    flow.page
        .text(MARGIN + CELL_PAD, y, Font::Bold, BODY, &headings[0]);
    flow.page
        .text(SELLER_X + CELL_PAD, y, Font::Bold, BODY, &headings[1]);
    flow.page
        .text_right(RIGHT - CELL_PAD, y, Font::Bold, BODY, &headings[2]);
    flow.y -= height;
}

/// Totals in a right-hand block, kept together on one page; a rule sets off the bold rows.
fn totals(flow: &mut Flow, rows: &[(String, String, bool)]) {
    let left = MARGIN + CONTENT_WIDTH * 0.45;
    let label_width = (RIGHT - left) * 0.62;
    let laid: Vec<(Vec<String>, &str, Font)> = rows
        .iter()
        .map(|(label, amount, bold)| {
            let font = if *bold { Font::Bold } else { Font::Regular };
            (wrap(label, font, BODY, label_width), amount.as_str(), font)
        })
        .collect();
    let height: f32 = laid
        .iter()
        .map(|(labels, _, _)| labels.len().max(1) as f32 * LEADING + 4.0)
        .sum();
    if !flow.fits(height) {
        flow.new_page();
    }
    for (labels, amount, font) in laid {
        if font == Font::Bold {
            flow.page.rule(left, RIGHT, flow.y, 0.4);
        }
        let baseline = flow.y - BODY - 2.0;
        flow.page
            .lines(left + CELL_PAD, baseline, font, BODY, LEADING, &labels);
        flow.page
            .text_right(RIGHT - CELL_PAD, baseline, font, BODY, amount);
        flow.y -= labels.len().max(1) as f32 * LEADING + 4.0;
    }
    flow.y -= 16.0;
}

/// Legal mentions and notices in small print, flowing onto new pages when needed.
fn notes(flow: &mut Flow, notes: &[String]) {
    let (size, leading) = (8.0, 10.5);
    for note in notes {
        for line in wrap(note, Font::Regular, size, CONTENT_WIDTH) {
            if !flow.fits(leading) {
                flow.new_page();
            }
            flow.y -= leading;
            flow.page.text(MARGIN, flow.y, Font::Regular, size, &line);
        }
        flow.y -= 4.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::test_support::{assert_well_framed, contains, page_count, text};

    fn sample(lines: usize) -> InvoiceDoc {
        InvoiceDoc {
            title: "Facture".into(),
            number_line: "N° 2026-000123".into(),
            meta: vec![
                ("Date".into(), "21 novembre 2026".into()),
                ("Paiement".into(), "Carte bancaire".into()),
            ],
            seller_block: vec!["Pépite SAS".into(), "12 rue des Lilas, 75011 Paris".into()],
            billing: (
                "Facturé à".into(),
                vec!["Camille Durand".into(), "Lyon".into()],
            ),
            delivery: (
                "Livré à".into(),
                vec!["Camille Durand".into(), "Lyon".into()],
            ),
            columns: ["Article".into(), "Vendeur".into(), "Montant".into()],
            lines: (0..lines)
                .map(|i| {
                    [
                        format!("Veste en laine n°{i}"),
                        "Léa".into(),
                        "120,00 €".into(),
                    ]
                })
                .collect(),
            totals: vec![
                ("Articles".into(), "120,00 €".into(), false),
                ("Total".into(), "120,00 €".into(), true),
            ],
            notes: vec!["Détails : TVA sur la marge, article 297 A du CGI. ".repeat(8)],
        }
    }

    #[test]
    fn invoice_is_a_pdf_whose_text_reads_back() {
        let pdf = invoice_pdf(&sample(3));
        assert_well_framed(&pdf);
        assert_eq!(page_count(&pdf), 1);
        assert!(
            contains(&pdf, b"+DejaVuSans-Bold"),
            "the bold face is embedded"
        );
        assert!(contains(&pdf, b"/FontFile2"));
        let Some(text) = text(&pdf) else { return };
        for shown in [
            "N° 2026-000123",
            "Montant",
            "120,00 €",
            "Détails",
            "Pépite SAS",
        ] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn invoice_with_120_lines_spans_pages_with_the_header_repeated() {
        let pdf = invoice_pdf(&sample(120));
        let pages = page_count(&pdf);
        assert!(pages >= 3, "{pages} pages");
        pepite_testkit::pdf::assert_sound(&pdf);
        let Some(text) = text(&pdf) else { return };
        let headers = text.matches("Montant").count();
        // Every page holding rows repeats the header; totals and notes may end alone.
        assert!(headers >= 2 && headers <= pages, "{headers} headers");
        assert!(
            text.contains(&format!("N° 2026-000123 · 1/{pages}")),
            "{text}"
        );
    }

    #[test]
    fn characters_the_font_lacks_print_as_question_marks() {
        let mut doc = sample(1);
        doc.lines[0][0] = "Écharpe 東京".into();
        let pdf = invoice_pdf(&doc);
        let Some(text) = text(&pdf) else { return };
        assert!(text.contains("Écharpe ??"), "{text}");
    }
}
