//! A3/S3: what crosses between a buyer and a seller through customer service carries nothing
//! that identifies either side. E-mail addresses (also spelled out, "name at domain dot com"),
//! phone numbers (French and international forms), links, bare domains and @handles, and the
//! names the caller gives (the buyer's, the seller's, the shop's) are replaced by a mark, and
//! each finding is kept so staff see what was masked. Prices, dates, sizes and order numbers
//! are left alone: a phone number needs a leading `0`, `00` or `+` and enough digits.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::search::fold;

/// What replaces each finding: the same in French and English ("[…]" reads as an omission
/// in both).
pub const MARK: &str = "[…]";

/// What a finding was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Email,
    Phone,
    Link,
    Name,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Link => "link",
            Kind::Name => "name",
        }
    }
}

/// One thing masked, as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    pub text: String,
}

/// A text with its identifying parts replaced by [`MARK`], and what they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    pub findings: Vec<Finding>,
}

/// Top-level domains a bare domain or a spelled-out address must end with: a closed list, so
/// that "12.03.2026" or "e.g." never look like a site.
const TLDS: &str =
    "com|fr|net|org|eu|be|ch|de|es|it|uk|io|co|info|biz|shop|store|me|app|link|ly|lu|ca|us";

/// E-mail addresses as written, and spelled out: "name (at) domain.com", "name at domain dot
/// com", "nom arobase domaine point fr".
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let local = r"[a-z0-9._%+-]+";
    let at_bracket = r"\s?(?:\(at\)|\[at\]|\(arobase\)|\[arobase\]|\(a\))\s?";
    let at_word = r"\s+(?:at|arobase)\s+";
    let dot_word = r"\s?(?:\(dot\)|\[dot\]|\(point\)|\[point\])\s?|\s+(?:dot|point)\s+";
    regex(&format!(
        "(?i-u:{local}@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{{2,}}\
         |\\b{local}(?:{at_bracket})[a-z0-9-]+(?:\\.|{dot_word})(?:{TLDS})\\b\
         |\\b{local}{at_word}[a-z0-9-]+(?:{dot_word})(?:{TLDS})\\b)"
    ))
});

/// Links: a scheme or `www.`, or a bare domain with a known ending, with its path.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r#"(?i-u:https?://|www\.)[^\s<>"]+|(?i-u:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{TLDS})\b)(?:/[^\s<>"]*)?"#
    ))
});

/// Social handles: `@name` not inside an address (the character before is checked by hand:
/// the regex crate has no look-behind).
static HANDLE: LazyLock<Regex> = LazyLock::new(|| regex(r"@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}"));

/// A run of digits that might be a phone number: an optional `+`, then at least eight digits
/// with spaces, dots, dashes or brackets between them. [`is_phone`] decides.
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\+?\(?\d(?:[\x20\u{a0}.\-()]{0,2}\d){7,16}"));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the masking patterns are fixed and valid")
}

/// A run of digits is a phone number when it is French (ten digits from `0` then 1 to 9) or
/// international (`+` with 8 to 15 digits, or `00` with 10 to 17).
fn is_phone(run: &str) -> bool {
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    if run.starts_with('+') {
        (8..=15).contains(&n)
    } else if digits.starts_with("00") {
        (10..=17).contains(&n)
    } else {
        n == 10 && digits.starts_with('0') && !digits.starts_with("00")
    }
}

/// Masks `text`: addresses, phone numbers, links and handles, and each of `names` as a whole
/// word, whatever its case and accents. Names shorter than two letters are ignored.
pub fn mask(text: &str, names: &[String]) -> Masked {
    let mut spans: Vec<(usize, usize, Kind)> = Vec::new();
    spans.extend(
        EMAIL
            .find_iter(text)
            .map(|m| (m.start(), m.end(), Kind::Email)),
    );
    spans.extend(LINK.find_iter(text).map(|m| link(m.start(), m.as_str())));
    spans.extend(
        HANDLE
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_')
            })
            .map(|m| link(m.start(), m.as_str())),
    );
    spans.extend(
        DIGITS
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric()) && is_phone(m.as_str())
            })
            .map(|m| (m.start(), m.end(), Kind::Phone)),
    );
    for name in names {
        spans.extend(name_spans(text, name).map(|(s, e)| (s, e, Kind::Name)));
    }
    // The earliest finding wins, the longest among those starting together: an address
    // holds a domain, a link may hold a handle.
    spans.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut out = String::with_capacity(text.len());
    let mut findings = Vec::new();
    let mut at = 0;
    for (start, end, kind) in spans {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(MARK);
        findings.push(Finding {
            kind,
            text: text[start..end].to_owned(),
        });
        at = end;
    }
    out.push_str(&text[at..]);
    Masked {
        text: out,
        findings,
    }
}

/// A link or handle found at `start`, without the sentence's punctuation after it.
fn link(start: usize, found: &str) -> (usize, usize, Kind) {
    let trimmed = found.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    (start, start + trimmed.len(), Kind::Link)
}

/// The names to mask for a person: the whole name and each of its words of three letters or
/// more ("Marie Dupont" → "Marie Dupont", "Marie", "Dupont"), so a first name alone is found
/// too. A shop's name is passed whole: its words may be ordinary ones.
pub fn person_names(full: &str) -> Vec<String> {
    let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = full
        .split([' ', '-'])
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .map(str::to_owned)
        .collect();
    if !full.is_empty() {
        out.push(full);
    }
    out
}

/// Where `name` occurs in `text` as a whole word, compared folded (case and accents aside):
/// byte ranges in `text`.
fn name_spans<'a>(text: &'a str, name: &str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let needle: Vec<char> = fold(name.trim()).chars().collect();
    // Each folded character with the byte range of the character it came from.
    let folded: Vec<(char, usize, usize)> = text
        .char_indices()
        .flat_map(|(i, c)| {
            let end = i + c.len_utf8();
            fold(c.encode_utf8(&mut [0; 4]))
                .chars()
                .map(move |f| (f, i, end))
                .collect::<Vec<_>>()
        })
        .collect();
    let letters = needle.iter().filter(|c| c.is_alphanumeric()).count();
    let word = |k: usize| folded.get(k).is_some_and(|(c, _, _)| c.is_alphanumeric());
    let mut found = Vec::new();
    if letters >= 2 {
        let mut k = 0;
        while k + needle.len() <= folded.len() {
            let here = folded[k..k + needle.len()].iter().map(|(c, _, _)| *c);
            if (k == 0 || !word(k - 1))
                && !word(k + needle.len())
                && here.eq(needle.iter().copied())
            {
                found.push((folded[k].1, folded[k + needle.len() - 1].2));
                k += needle.len();
            } else {
                k += 1;
            }
        }
    }
    found.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(m: &Masked) -> Vec<(Kind, &str)> {
        m.findings
            .iter()
            .map(|f| (f.kind, f.text.as_str()))
            .collect()
    }

    fn none(text: &str) -> Masked {
        mask(text, &[])
    }

    #[test]
    fn a3_email_addresses_are_masked_also_spelled_out() {
        let m = none("Écrivez-moi à marie.dupont+vente@exemple.fr demain");
        assert_eq!(m.text, "Écrivez-moi à […] demain");
        assert_eq!(
            kinds(&m),
            vec![(Kind::Email, "marie.dupont+vente@exemple.fr")]
        );
        for spelled in [
            "marie at gmail dot com",
            "marie (at) gmail.com",
            "marie [at] gmail [dot] com",
            "marie arobase orange point fr",
            "MARIE AT GMAIL DOT COM",
        ] {
            let m = none(&format!("contact : {spelled} merci"));
            assert_eq!(m.text, "contact : […] merci", "{spelled}");
            assert_eq!(m.findings[0].kind, Kind::Email);
        }
    }

    #[test]
    fn a3_french_and_international_phone_numbers_are_masked() {
        for phone in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "+336 12 34 56 78",
            "0033 6 12 34 56 78",
            "+32 470 12 34 56",
            "+1 (415) 555-0132",
            "+44 20 7946 0958",
        ] {
            let m = none(&format!("Appelez le {phone}. Merci"));
            assert_eq!(m.text, "Appelez le […]. Merci", "{phone}");
            assert_eq!(kinds(&m), vec![(Kind::Phone, phone)]);
        }
    }

    #[test]
    fn a3_links_domains_and_handles_are_masked() {
        let m = none(
            "Voir https://boutique.example.com/robe?id=3, www.vinted.fr/membre, \
             monsite.fr ou @marie_vintage.",
        );
        assert_eq!(m.text, "Voir […], […], […] ou […].");
        assert_eq!(
            kinds(&m),
            vec![
                (Kind::Link, "https://boutique.example.com/robe?id=3"),
                (Kind::Link, "www.vinted.fr/membre"),
                (Kind::Link, "monsite.fr"),
                (Kind::Link, "@marie_vintage"),
            ]
        );
    }

    #[test]
    fn a3_given_names_are_masked_as_whole_words_whatever_their_case_and_accents() {
        let mut names = person_names("Hélène  Dupont");
        names.push("Atelier Rose".to_owned());
        let m = mask(
            "Bonjour HELENE, ici l'atelier rose ; Dupont ou Dupontel, Héléne dupont.",
            &names,
        );
        assert_eq!(m.text, "Bonjour […], ici l'[…] ; […] ou Dupontel, […].");
        assert_eq!(
            kinds(&m),
            vec![
                (Kind::Name, "HELENE"),
                (Kind::Name, "atelier rose"),
                (Kind::Name, "Dupont"),
                (Kind::Name, "Héléne dupont"),
            ]
        );
    }

    #[test]
    fn a3_prices_dates_sizes_and_order_numbers_are_left_alone() {
        for text in [
            "Taille 38, soit un M, tour de taille 72 cm.",
            "Envoyée le 12/03/2026, reçue le 14.03.2026 ou 2026-03-16.",
            "Prix 45,00 € (1 250,00 € neuve), 45.00 EUR.",
            "Commande #1234, numéro PEP-2026-000123.",
            "Mesures : 38 40 42 44 46, 1 2 3 4 5 6 7 8.",
            "Suivi 6A12345678901, le 03.12.2026 à 10 h 30.",
            "Lavage à 30°, e.g. à la main, etc.",
        ] {
            let m = none(text);
            assert_eq!(m.text, text);
            assert!(m.findings.is_empty(), "{text}: {:?}", m.findings);
        }
    }

    #[test]
    fn a3_several_findings_keep_the_text_between_them() {
        let m = mask(
            "Marie: 06 12 34 56 78 ou marie@exemple.fr, taille 38",
            &person_names("Marie Curie"),
        );
        assert_eq!(m.text, "[…]: […] ou […], taille 38");
        assert_eq!(m.findings.len(), 3);
    }

    #[test]
    fn a3_short_or_empty_names_mask_nothing() {
        let m = mask("Le prix de la robe", &["".to_owned(), "a".to_owned()]);
        assert_eq!(m.text, "Le prix de la robe");
        assert_eq!(person_names("  "), Vec::<String>::new());
    }
}
