//! Closed-list values read in French or English (C1 import): a CSV cell may hold the key
//! ("jackets") or the value's name in either language, singular or plural ("Vestes",
//! "veste", "Jacket"), whatever the case and accents.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Every name each closed-list column accepts, reduced by [`comparable`], with its key: built
/// once, since an import reads up to a thousand lines of four such cells.
static NAMES: LazyLock<HashMap<&'static str, HashMap<String, &'static str>>> =
    LazyLock::new(|| {
        let columns: [(&str, &str, Vec<&'static str>); 4] = [
            ("category", "category", Category::keys().collect()),
            ("size_system", "size-system", SizeSystem::keys().collect()),
            ("grade", "grade", Grade::keys().collect()),
            ("colour", "colour", Colour::keys().collect()),
        ];
        let mut names = HashMap::new();
        for (column, prefix, keys) in columns {
            let column_names: &mut HashMap<String, &'static str> = names.entry(column).or_default();
            for key in keys {
                let label = format!("{prefix}-{}", key.replace('_', "-").to_lowercase());
                let spelled = [
                    key.to_owned(),
                    i18n::t(Language::Fr, &label),
                    i18n::t(Language::En, &label),
                ];
                for name in spelled {
                    column_names.entry(comparable(&name)).or_insert(key);
                }
            }
        }
        names
    });

/// The key a cell of a closed-list column names, if it names one.
pub fn csv_value(column: &str, raw: &str) -> Option<&'static str> {
    NAMES.get(column)?.get(&comparable(raw)).copied()
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
