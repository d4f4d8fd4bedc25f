//! French and English texts (Fluent files under `locales/`), field-error messages in the
//! person's language, and the formatting of money and dates for each language.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use pepite_domain::account::Language;
use pepite_domain::{FieldError, Money};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: they end up inside attributes and e-mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LazyLock<LanguageIdentifier> =
    LazyLock::new(|| "fr".parse().expect("fr is a language tag"));
static EN: LazyLock<LanguageIdentifier> =
    LazyLock::new(|| "en".parse().expect("en is a language tag"));

fn id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

/// The text of `key` in `lang`.
pub fn t(lang: Language, key: &str) -> String {
    LOCALES.lookup(id(lang), key)
}

/// Whether `key` has a text (for optional keys such as a category's description).
pub fn has(lang: Language, key: &str) -> bool {
    LOCALES.try_lookup(id(lang), key).is_some()
}

/// The text of `key` in `lang` with named arguments.
pub fn t_args(lang: Language, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// A field error as a sentence in the person's language: `error-<code>`, with `{ $limit }`.
pub fn field_message(lang: Language, e: &FieldError) -> String {
    let key = format!("error-{}", e.code.replace('_', "-"));
    let limit = e.limit.map(|l| l.to_string()).unwrap_or_default();
    if has(lang, &key) {
        t_args(lang, &key, &[("limit", limit)])
    } else {
        t(lang, "error-invalid")
    }
}

/// An amount as the person reads it.
pub fn money(lang: Language, m: Money) -> String {
    match lang {
        Language::Fr => m.format_fr(),
        Language::En => m.format_en(),
    }
}

/// A date (from microseconds) in the person's language, Europe/Paris calendar.
pub fn date(lang: Language, us: i64) -> String {
    let zoned = pepite_domain::time::from_micros(us)
        .to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC));
    let month = t(lang, &format!("month-{}", zoned.month()));
    match lang {
        Language::Fr => format!("{} {} {}", zoned.day(), month, zoned.year()),
        Language::En => format!("{} {}, {}", month, zoned.day(), zoned.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let keys = |path: &str| -> Vec<String> {
            std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap().trim().to_owned())
                .collect()
        };
        let mut fr = keys(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/fr/main.ftl"));
        let mut en = keys(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/main.ftl"));
        fr.sort();
        en.sort();
        let only_fr: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        assert!(
            only_fr.is_empty() && only_en.is_empty(),
            "only in fr: {only_fr:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn field_errors_read_in_each_language() {
        let e = FieldError::with_limit("password", "too_short", 12);
        assert!(field_message(Language::Fr, &e).contains("12"));
        assert_ne!(
            field_message(Language::Fr, &e),
            field_message(Language::En, &e)
        );
    }
}
