//! Countries of residence and shipping (ISO 3166-1 alpha-2), with names in both languages.

use crate::fields::FieldError;

/// Code, English name, French name. The markets Pépite serves; more can be added freely.
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("FR", "France", "France"),
    ("BE", "Belgium", "Belgique"),
    ("DE", "Germany", "Allemagne"),
    ("ES", "Spain", "Espagne"),
    ("IT", "Italy", "Italie"),
    ("NL", "Netherlands", "Pays-Bas"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("PT", "Portugal", "Portugal"),
    ("AT", "Austria", "Autriche"),
    ("IE", "Ireland", "Irlande"),
    ("DK", "Denmark", "Danemark"),
    ("SE", "Sweden", "Suède"),
    ("FI", "Finland", "Finlande"),
    ("PL", "Poland", "Pologne"),
    ("CZ", "Czechia", "Tchéquie"),
    ("GR", "Greece", "Grèce"),
    ("HU", "Hungary", "Hongrie"),
    ("RO", "Romania", "Roumanie"),
    ("BG", "Bulgaria", "Bulgarie"),
    ("HR", "Croatia", "Croatie"),
    ("SI", "Slovenia", "Slovénie"),
    ("SK", "Slovakia", "Slovaquie"),
    ("EE", "Estonia", "Estonie"),
    ("LV", "Latvia", "Lettonie"),
    ("LT", "Lithuania", "Lituanie"),
    ("CY", "Cyprus", "Chypre"),
    ("MT", "Malta", "Malte"),
    ("MC", "Monaco", "Monaco"),
    ("GB", "United Kingdom", "Royaume-Uni"),
    ("CH", "Switzerland", "Suisse"),
    ("NO", "Norway", "Norvège"),
    ("US", "United States", "États-Unis"),
    ("CA", "Canada", "Canada"),
    ("AU", "Australia", "Australie"),
    ("JP", "Japan", "Japon"),
    ("CN", "China", "Chine"),
    ("KR", "South Korea", "Corée du Sud"),
    ("SG", "Singapore", "Singapour"),
    ("HK", "Hong Kong", "Hong Kong"),
    ("AE", "United Arab Emirates", "Émirats arabes unis"),
    ("IL", "Israel", "Israël"),
    ("BR", "Brazil", "Brésil"),
    ("MX", "Mexico", "Mexique"),
    ("NZ", "New Zealand", "Nouvelle-Zélande"),
    ("MA", "Morocco", "Maroc"),
    ("TN", "Tunisia", "Tunisie"),
];

/// Parses a country code (any case) into its canonical static form.
pub fn parse(field: &str, raw: &str) -> Result<&'static str, FieldError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(c, _, _)| *c)
        .ok_or_else(|| FieldError::new(field, "unknown_value"))
}

/// The country's name in the given language ("fr" or anything else for English).
pub fn name(code: &str, language: &str) -> &'static str {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, fr)| if language == "fr" { *fr } else { *en })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_in_any_case_and_unknown_ones_are_refused() {
        assert_eq!(parse("country", " fr ").unwrap(), "FR");
        assert_eq!(parse("country", "ZZ").unwrap_err().code, "unknown_value");
        assert_eq!(name("DE", "fr"), "Allemagne");
    }
}
