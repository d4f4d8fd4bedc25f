//! CSV files for finance (RFC 4180): a header row, CRLF line ends, a field quoted when it holds
//! a comma, a quote or a line break (quotes doubled), so any shop name survives. Text a person
//! typed is guarded against formula injection: a spreadsheet would run a cell beginning with
//! `=`, `+`, `-`, `@` (or a tab or carriage return), so such text gets a leading `'`. Amounts
//! are euros with a dot and exactly two decimals, written from integer cents.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A CSV document being written, header first.
pub struct Csv {
    out: String,
}

impl Csv {
    pub fn new(header: &[&str]) -> Self {
        let mut csv = Csv { out: String::new() };
        csv.row(header.iter().map(|h| (*h).to_owned()));
        csv
    }

    /// One record; each field is quoted if it must be. Text from people goes through
    /// [`text`] first, numbers through [`euros`] or `to_string`.
    pub fn row(&mut self, fields: impl IntoIterator<Item = String>) {
        let fields: Vec<String> = fields.into_iter().map(|f| quoted(&f)).collect();
        self.out.push_str(&fields.join(","));
        self.out.push_str("\r\n");
    }

    pub fn into_string(self) -> String {
        self.out
    }

    /// The file as a download named `name`.
    pub fn download(self, name: &str) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            self.out,
        )
            .into_response()
    }
}

/// RFC 4180: quoted (inner quotes doubled) when it holds a separator, quote or line break.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Text someone typed, made inert for spreadsheets: a leading `'` before a formula sign.
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// Cents as euros, dot decimal, cents exact: `-1250` → `-12.50`.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let mut csv = Csv::new(&["shop", "amount"]);
        csv.row([text("Chez \"Léa\", Paris\nRive gauche"), euros(1250)]);
        csv.row([text("Plain"), euros(-5)]);
        assert_eq!(
            csv.into_string(),
            "shop,amount\r\n\"Chez \"\"Léa\"\", Paris\nRive gauche\",12.50\r\nPlain,-0.05\r\n"
        );
    }

    #[test]
    fn formula_signs_are_made_inert() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx"] {
            assert!(text(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(text("Atelier 12"), "Atelier 12");
    }

    #[test]
    fn euros_keep_every_cent() {
        assert_eq!(euros(0), "0.00");
        assert_eq!(euros(7), "0.07");
        assert_eq!(euros(123_456_789), "1234567.89");
        assert_eq!(euros(-100), "-1.00");
        assert_eq!(euros(i64::MIN), "-92233720368547758.08");
    }
}
