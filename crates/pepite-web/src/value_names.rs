//! Closed-list values read in French or English (C1 import): a CSV cell may hold the key
//! ("jackets") or the value's name in either language, singular or plural ("Vestes",
//! "veste", "Jacket"), whatever the case and accents.

use pepite_domain::account::Language;
use pepite_domain::piece::{Category, Colour, Grade, SizeSystem};
use pepite_domain::search::{fold, stem};

use crate::i18n;

/// A text reduced to what a match ignores: case, accents, punctuation, plural endings.
fn comparable(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key a cell of a closed-list column names, if it names one.
pub fn csv_value(column: &str, raw: &str) -> Option<&'static str> {
    let (prefix, keys): (&str, Vec<&'static str>) = match column {
        "category" => ("category", Category::keys().collect()),
        "size_system" => ("size-system", SizeSystem::keys().collect()),
        "grade" => ("grade", Grade::keys().collect()),
        "colour" => ("colour", Colour::keys().collect()),
        _ => return None,
    };
    let wanted = comparable(raw);
    if wanted.is_empty() {
        return None;
    }
    keys.into_iter().find(|key| {
        let label = format!("{prefix}-{}", key.replace('_', "-").to_lowercase());
        comparable(key) == wanted
            || [Language::Fr, Language::En]
                .into_iter()
                .any(|lang| comparable(&i18n::t(lang, &label)) == wanted)
    })
}

#[cfg(test)]
mod tests {
    use super::csv_value;

    #[test]
    fn c1_import_values_are_read_in_french_english_or_as_keys() {
        assert_eq!(csv_value("category", "Vestes"), Some("jackets"));
        assert_eq!(csv_value("category", "veste"), Some("jackets"));
        assert_eq!(csv_value("category", "Jacket"), Some("jackets"));
        assert_eq!(csv_value("category", "jackets"), Some("jackets"));
        assert_eq!(csv_value("colour", "Écru"), Some("ecru"));
        assert_eq!(csv_value("colour", "bleu marine"), Some("navy"));
        assert_eq!(csv_value("grade", "Très bon état"), Some("very_good"));
        assert_eq!(csv_value("grade", "new with tags"), Some("new_with_tags"));
        assert_eq!(csv_value("size_system", "Taille unique"), Some("ONE"));
        assert_eq!(csv_value("size_system", "fr"), Some("FR"));
        assert_eq!(csv_value("category", "Vestee"), None);
        assert_eq!(csv_value("title", "Vestes"), None);
    }
}
