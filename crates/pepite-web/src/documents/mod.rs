//! Printable PDFs (invoices O11, gift cards G1), rendered from already-translated text: the
//! caller fills the structs in the reader's language; this module only lays them out.

mod csv;
mod embed;
mod finance_csv;
mod fonts;
mod gift_card;
mod invoice;
mod label;
pub mod order_invoice;
pub mod returns;
mod sepa;
pub mod tradein;
mod writer;

pub use csv::Csv;
pub use finance_csv::{journal_csv, payables_csv};
pub use gift_card::{gift_card_doc, gift_card_pdf};
pub use invoice::invoice_pdf;
pub use label::label_pdf;
pub use sepa::sepa_download;

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A PDF answered as a download named `filename`, kept out of shared caches.
pub fn attachment(filename: &str, pdf: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response()
}

/// An order's invoice; the order number is the invoice number (O11).
#[derive(Debug, Clone, Default)]
pub struct InvoiceDoc {
    /// "Facture" / "Invoice".
    pub title: String,
    /// "N° 2026-000123".
    pub number_line: String,
    /// Label/value rows: date, order date, payment method, needed before…
    pub meta: Vec<(String, String)>,
    /// The platform's legal identity lines (name, address, VAT id).
    pub seller_block: Vec<String>,
    /// ("Facturé à", address lines).
    pub billing: (String, Vec<String>),
    /// ("Livré à", address lines).
    pub delivery: (String, Vec<String>),
    /// Column headings: "Article", "Vendeur", "Montant".
    pub columns: [String; 3],
    /// One row per piece, the amount already formatted ("120,00 €").
    pub lines: Vec<[String; 3]>,
    /// Label, amount, bold? (goods, shipping, QC fee, discounts, gift cards, paid, total).
    pub totals: Vec<(String, String, bool)>,
    /// Customs notice, legal mentions; wrapped.
    pub notes: Vec<String>,
}

/// A parcel's shipping label (F2, and R2's prepaid return labels), already in the reader's
/// language.
#[derive(Debug, Clone, Default)]
pub struct LabelDoc {
    /// The file's title ("Étiquette 2026-000123").
    pub title: String,
    /// The carrier's name, printed large.
    pub carrier: String,
    /// The tracking number, as bars and in clear.
    pub tracking: String,
    /// "Poids : 0,8 kg".
    pub weight_line: String,
    /// "Commande 2026-000123".
    pub reference_line: String,
    /// ("Expéditeur", lines), ("Destinataire", lines).
    pub from: (String, Vec<String>),
    pub to: (String, Vec<String>),
}

/// The printable version of a gift card (G1).
#[derive(Debug, Clone, Default)]
pub struct GiftCardDoc {
    /// "Carte cadeau Pépite".
    pub title: String,
    /// "50,00 €", printed large.
    pub amount: String,
    /// "Code".
    pub code_label: String,
    /// The code, printed in large bold letters.
    pub code: String,
    /// "Pour : Camille".
    pub to_line: String,
    /// "De la part de : Léa".
    pub from_line: String,
    /// The buyer's free text; wrapped, and cut with "…" when longer than its box.
    pub message: String,
    /// "Valable jusqu'au 21 novembre 2027".
    pub expiry_line: String,
    /// How to use the card, one paragraph per entry.
    pub how_to: Vec<String>,
}

/// Helpers the documents' tests share: the raw bytes of the file, and its text as a reader
/// extracts it.
#[cfg(test)]
mod test_support {
    /// The file's text as poppler extracts it; `None` (after a loud skip, a failure in CI)
    /// when poppler-utils is not installed.
    pub(super) fn text(pdf: &[u8]) -> Option<String> {
        pepite_testkit::pdf::text(pdf)
    }

    /// Whether `needle` occurs in `haystack`.
    pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// Number of page objects (`/Type /Page`, not the `/Type /Pages` tree).
    pub(super) fn page_count(pdf: &[u8]) -> usize {
        let needle = b"/Type /Page";
        pdf.windows(needle.len() + 1)
            .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
            .count()
    }

    /// The file has a PDF header and ends with the end-of-file marker.
    pub(super) fn assert_well_framed(pdf: &[u8]) {
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF"));
    }
}
