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

/// The text of `key` in `lang` with named arguments. A `count` goes in as a number, so the
/// text can choose its plural form (`[one]`, `[0]`); anything else as text.
pub fn t_args(lang: Language, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match (*k, v.parse::<i64>()) {
                ("count", Ok(n)) => FluentValue::from(n),
                _ => FluentValue::from(v.clone()),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// A field error as a sentence in the person's language: `error-<code>`, with `{ $limit }`.
pub fn field_message(lang: Language, e: &FieldError) -> String {
    let key = format!("error-{}", e.code.replace('_', "-"));
    let limit = e.limit.map(|l| l.to_string()).unwrap_or_default();
    // Looked up with its argument: without it, a message using `{ $limit }` reads as missing.
    let args = HashMap::from([(Cow::Borrowed("limit"), FluentValue::from(limit))]);
    LOCALES
        .try_lookup_with_args(id(lang), &key, &args)
        .unwrap_or_else(|| t(lang, "error-invalid"))
}

/// An amount as the person reads it.
pub fn money(lang: Language, m: Money) -> String {
    match lang {
        Language::Fr => m.format_fr(),
        Language::En => m.format_en(),
    }
}

/// Pence as the person reads pounds: "£135.00", "135,00 £" (O5's UK figures).
pub fn pounds(lang: Language, pence: i64) -> String {
    let (whole, part) = (pence / 100, (pence % 100).abs());
    match lang {
        Language::Fr => format!("{whole},{part:02} £"),
        Language::En => format!("£{whole}.{part:02}"),
    }
}

/// An instant on the Europe/Paris calendar, whatever the server's own time zone.
fn in_paris(us: i64) -> jiff::Zoned {
    pepite_domain::time::from_micros(us)
        .to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC))
}

/// A date (from microseconds) in the person's language, Europe/Paris calendar.
pub fn date(lang: Language, us: i64) -> String {
    let zoned = in_paris(us);
    let month = t(lang, &format!("month-{}", zoned.month()));
    match lang {
        Language::Fr => format!("{} {} {}", zoned.day(), month, zoned.year()),
        Language::En => format!("{} {}, {}", month, zoned.day(), zoned.year()),
    }
}

/// A month and its year, Paris time: since when a shop sells here.
pub fn month(lang: Language, us: i64) -> String {
    let zoned = in_paris(us);
    let month = t(lang, &format!("month-{}", zoned.month()));
    format!("{month} {}", zoned.year())
}

/// A day without its year, Paris time: the days of a chart ("3 décembre", "December 3").
pub fn day_month(lang: Language, us: i64) -> String {
    let zoned = in_paris(us);
    let month = t(lang, &format!("month-{}", zoned.month()));
    match lang {
        Language::Fr => format!("{} {}", zoned.day(), month),
        Language::En => format!("{} {}", month, zoned.day()),
    }
}

/// A date with its time of day, Paris time: when a message left, when a job failed.
pub fn date_time(lang: Language, us: i64) -> String {
    let time = in_paris(us).strftime("%H:%M").to_string();
    t_args(
        lang,
        "date-at-time",
        &[("date", date(lang, us)), ("time", time)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids of every `.ftl` file of one language, by file name.
    fn keys_by_file(lang: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .map(|path| {
                let mut keys: Vec<String> = std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                    .map(|l| l.split(" =").next().unwrap().trim().to_owned())
                    .collect();
                keys.sort();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, keys)
            })
            .collect()
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let (fr, en) = (keys_by_file("fr"), keys_by_file("en"));
        assert_eq!(
            fr.keys().collect::<Vec<_>>(),
            en.keys().collect::<Vec<_>>(),
            "each .ftl file must exist in both languages"
        );
        for (file, fr_keys) in &fr {
            let en_keys = &en[file];
            let only_fr: Vec<_> = fr_keys.iter().filter(|k| !en_keys.contains(k)).collect();
            let only_en: Vec<_> = en_keys.iter().filter(|k| !fr_keys.contains(k)).collect();
            assert!(
                only_fr.is_empty() && only_en.is_empty(),
                "{file}: only in fr: {only_fr:?}; only in en: {only_en:?}"
            );
        }
    }

    #[test]
    fn no_key_is_defined_twice_in_one_language() {
        // All files of a language share one bundle: a key written twice would clash.
        for lang in ["fr", "en"] {
            let mut all: Vec<String> = keys_by_file(lang).into_values().flatten().collect();
            all.sort();
            let twice: Vec<_> = all
                .windows(2)
                .filter(|w| w[0] == w[1])
                .map(|w| &w[0])
                .collect();
            assert!(
                twice.is_empty(),
                "{lang}: defined more than once: {twice:?}"
            );
        }
    }

    #[test]
    fn pounds_read_in_each_language() {
        assert_eq!(pounds(Language::En, 13_500), "£135.00");
        assert_eq!(pounds(Language::Fr, 1_205), "12,05 £");
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
