//! Carriers as data (F1, F3): what staff may type for a carrier (its tracking page with a
//! `{tracking}` placeholder, the countries it serves, the format of its tracking numbers where
//! one is known), how a tracking number is read, and the link a buyer follows.

use regex::Regex;

use crate::country;
use crate::fields::{FieldError, FieldErrors, text};

/// Where the tracking number goes in a carrier's tracking-page address.
pub const TRACKING_PLACEHOLDER: &str = "{tracking}";

/// A carrier as staff edit it, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierInput {
    pub name: String,
    pub tracking_url: String,
    /// ISO codes, upper case, in the order typed, without repeats.
    pub countries: Vec<String>,
    /// A regular expression a whole tracking number must match; None when the format is not
    /// known (every plausible number is then accepted).
    pub tracking_format: Option<String>,
}

/// A carrier's code (the path segment of its webhook): lower-case letters, digits and `_`.
pub fn parse_code(field: &str, raw: &str) -> Result<String, FieldError> {
    let code = raw.trim();
    let ok = (2..=30).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(code.to_owned())
    } else {
        Err(FieldError::new(field, "invalid"))
    }
}

/// Checks what staff typed for a carrier; every problem is reported at once.
pub fn validate_carrier(
    name: &str,
    tracking_url: &str,
    countries: &str,
    tracking_format: &str,
) -> Result<CarrierInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = errors.take(text("name", name, 80));
    let url = errors.take(tracking_page("tracking_url", tracking_url));
    let countries = errors.take(country_list("countries", countries));
    let format = errors.take(format_pattern("tracking_format", tracking_format));
    match (name, url, countries, format) {
        (Some(name), Some(tracking_url), Some(countries), Some(tracking_format)) => errors
            .into_result(CarrierInput {
                name,
                tracking_url,
                countries,
                tracking_format,
            }),
        _ => Err(errors),
    }
}

/// F3: an https address holding `{tracking}` exactly once, so every link leads somewhere.
fn tracking_page(field: &str, raw: &str) -> Result<String, FieldError> {
    let url = text(field, raw, 300)?;
    let plain = url.bytes().all(|b| b.is_ascii_graphic());
    if !plain || !url.starts_with("https://") || url.matches(TRACKING_PLACEHOLDER).count() != 1 {
        return Err(FieldError::new(field, "tracking_url"));
    }
    Ok(url)
}

/// Country codes separated by commas or spaces, at least one, each known.
fn country_list(field: &str, raw: &str) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let code = country::parse(field, part)?;
        if !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    }
    if out.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    Ok(out)
}

/// An optional regular expression, which must compile and stay small.
fn format_pattern(field: &str, raw: &str) -> Result<Option<String>, FieldError> {
    let pattern = raw.trim();
    if pattern.is_empty() {
        return Ok(None);
    }
    if pattern.chars().count() > 200 {
        return Err(FieldError::with_limit(field, "too_long", 200));
    }
    anchored(pattern).map_err(|_| FieldError::new(field, "invalid_pattern"))?;
    Ok(Some(pattern.to_owned()))
}

/// The pattern matching whole numbers only; a size limit keeps a hostile pattern cheap.
fn anchored(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(1 << 16)
        .build()
}

/// F1: a tracking number as a person types it: spaces and dashes dropped, letters upper
/// case; 6 to 40 letters and digits.
pub fn normalise_tracking(field: &str, raw: &str) -> Result<String, FieldError> {
    let number: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if number.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if !(6..=40).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(FieldError::new(field, "tracking_number"));
    }
    Ok(number)
}

/// F1: whether `number` (normalised) has the carrier's format; any number does when none is
/// known, and a stored format that no longer compiles refuses nothing.
pub fn matches_format(format: Option<&str>, number: &str) -> bool {
    match format.map(anchored) {
        Some(Ok(re)) => re.is_match(number),
        _ => true,
    }
}

/// F3: the carrier's tracking page for `number` (letters and digits only, nothing to escape).
pub fn tracking_link(tracking_url: &str, number: &str) -> String {
    tracking_url.replace(TRACKING_PLACEHOLDER, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLISSIMO: &str = "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}";

    #[test]
    fn f1_tracking_numbers_are_read_as_typed_and_checked_against_the_format() {
        let n = normalise_tracking("tracking", " 6a 1234-5678 901 ").unwrap();
        assert_eq!(n, "6A12345678901");
        assert!(matches_format(Some("[0-9A-Z]{11,15}"), &n));
        assert!(!matches_format(Some("1Z[0-9A-Z]{16}"), &n));
        // Anchored: a matching part is not enough.
        assert!(!matches_format(Some("[0-9]{3}"), "12345678"));
        assert!(matches_format(None, &n));
        for bad in ["", "12345", "ABC\u{0}DEFGH", "ÉÉÉÉÉÉÉ", &"9".repeat(41)] {
            assert!(normalise_tracking("tracking", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn f3_tracking_link_puts_the_number_in_the_carriers_page() {
        assert_eq!(
            tracking_link(COLISSIMO, "6A12345678901"),
            "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"
        );
    }

    #[test]
    fn carriers_are_validated_field_by_field() {
        let ok = validate_carrier("Colissimo", COLISSIMO, "fr, mc FR", "[0-9A-Z]{11,15}").unwrap();
        assert_eq!(ok.countries, ["FR", "MC"]);
        assert_eq!(ok.tracking_format.as_deref(), Some("[0-9A-Z]{11,15}"));
        let none = validate_carrier("Colis Privé", COLISSIMO, "FR", " ").unwrap();
        assert_eq!(none.tracking_format, None);

        let err = validate_carrier("", "http://x.fr/{tracking}", "FR, ZZ", "([0-9]").unwrap_err();
        for (field, code) in [
            ("name", "required"),
            ("tracking_url", "tracking_url"),
            ("countries", "unknown_value"),
            ("tracking_format", "invalid_pattern"),
        ] {
            assert_eq!(err.for_field(field).map(|e| e.code), Some(code), "{field}");
        }
        let no_placeholder = validate_carrier("X", "https://x.fr/track", "FR", "").unwrap_err();
        assert!(no_placeholder.for_field("tracking_url").is_some());
        assert!(parse_code("code", "mondial_relay").is_ok());
        assert!(parse_code("code", "DHL").is_err() && parse_code("code", "a\u{0}b").is_err());
    }
}
