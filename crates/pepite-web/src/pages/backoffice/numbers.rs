//! Numbers as staff type them into forms: "12,5" %, "0,85" £ for 1 €, "5,00" €, whole counts.
//! Everything is read into scaled integers (basis points, cents, millionths), never a float.

use pepite_domain::account::Language;
use pepite_domain::{FieldError, Money};

/// `raw` with at most `decimals` decimals, as an integer scaled by 10^decimals ("12,5" with 2
/// gives 1250). A comma or a point marks the decimals; spaces and a trailing "%" are allowed.
/// None for anything else, a negative number included.
pub(in crate::pages) fn parse_scaled(raw: &str, decimals: u32) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .collect();
    let normalised = cleaned.replace(',', ".");
    let (units, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() && fraction.is_empty()
        || !digits(units)
        || !digits(fraction)
        || fraction.len() > decimals as usize
        || units.len() > 12
    {
        return None;
    }
    let scale = 10_i64.pow(decimals);
    let units: i64 = if units.is_empty() {
        0
    } else {
        units.parse().ok()?
    };
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().ok()?
    };
    units.checked_mul(scale)?.checked_add(fraction)
}

/// The reverse of [`parse_scaled`] with the person's decimal mark and no useless zeros:
/// 1250 with 2 decimals reads "12,5" in French, "12.5" in English.
pub(in crate::pages) fn format_scaled(value: i64, decimals: u32, lang: Language) -> String {
    let scale = 10_i64.pow(decimals);
    let whole = value.div_euclid(scale);
    let fraction = format!(
        "{:0width$}",
        value.rem_euclid(scale),
        width = decimals as usize
    );
    let fraction = fraction.trim_end_matches('0');
    match (fraction.is_empty(), lang) {
        (true, _) => whole.to_string(),
        (false, Language::Fr) => format!("{whole},{fraction}"),
        (false, Language::En) => format!("{whole}.{fraction}"),
    }
}

/// An amount as a form shows it back: always two decimals, no currency sign ("5,00").
pub(super) fn format_amount(cents: i64, lang: Language) -> String {
    let mark = match lang {
        Language::Fr => ',',
        Language::En => '.',
    };
    format!(
        "{}{mark}{:02}",
        cents.div_euclid(100),
        cents.rem_euclid(100)
    )
}

/// An amount in euros (or pounds) where zero is a real answer ("no minimum", "no cap");
/// anything else is read by `Money::parse_amount`, with its messages.
pub(super) fn amount_or_zero(field: &str, raw: &str) -> Result<i64, FieldError> {
    if parse_scaled(raw, 2) == Some(0) {
        return Ok(0);
    }
    Money::parse_amount(field, raw, Money(i64::MAX / 100)).map(Money::cents)
}

/// A whole number, zero included.
pub(in crate::pages) fn whole(field: &str, raw: &str) -> Result<i64, FieldError> {
    raw.trim()
        .parse::<u32>()
        .map(i64::from)
        .map_err(|_| FieldError::new(field, "invalid_number"))
}

/// A whole number the person may leave empty ("no limit").
pub(super) fn optional_whole(field: &str, raw: &str) -> Result<Option<i64>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        whole(field, raw).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_rates_read_as_people_type_them() {
        assert_eq!(parse_scaled("10", 2), Some(1_000));
        assert_eq!(parse_scaled("12,5 %", 2), Some(1_250));
        assert_eq!(parse_scaled("0.85", 6), Some(850_000));
        assert_eq!(parse_scaled(",5", 2), Some(50));
        for bad in ["", "-3", "dix", "1,234", "1.2.3", "%"] {
            assert_eq!(parse_scaled(bad, 2), None, "{bad:?}");
        }
        assert_eq!(format_scaled(1_250, 2, Language::Fr), "12,5");
        assert_eq!(format_scaled(1_000, 2, Language::En), "10");
        assert_eq!(format_scaled(850_000, 6, Language::En), "0.85");
        assert_eq!(format_amount(500, Language::Fr), "5,00");
        assert_eq!(amount_or_zero("cap", "0"), Ok(0));
        assert_eq!(amount_or_zero("cap", "15,00"), Ok(1_500));
        assert_eq!(
            amount_or_zero("cap", "quinze").unwrap_err().code,
            "invalid_amount"
        );
        assert_eq!(optional_whole("n", " "), Ok(None));
        assert_eq!(
            optional_whole("n", "-1").unwrap_err().code,
            "invalid_number"
        );
    }
}
