//! P3: a shop is data. One program serves several shops (the vintage marketplace of many
//! sellers, a brand's resale shop); each has a name, the host it answers on, its languages
//! and its own policy. A request names its shop by its host; the first shop answers any host
//! no other shop claims.

use serde::{Deserialize, Serialize};

use crate::account::Language;
use crate::fields::FieldErrors;

/// The first shop: the one every existing row belongs to and every unclaimed host reaches.
pub const FIRST_SHOP: i64 = 1;

/// Longest shop name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest host name (RFC 1035: 253 characters).
pub const HOST_MAX: usize = 253;

/// What a shop sells and who lists in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShopKind {
    /// Many sellers list their own pieces (the vintage marketplace).
    Marketplace,
    /// A brand's trade-in programme resells its refurbished pieces (T8); the programme is the
    /// only seller.
    BrandResale,
}

impl ShopKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ShopKind::Marketplace => "marketplace",
            ShopKind::BrandResale => "brand_resale",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "marketplace" => Some(ShopKind::Marketplace),
            "brand_resale" => Some(ShopKind::BrandResale),
            _ => None,
        }
    }
}

/// What an admin gives to open or change a shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopInput {
    /// A short name for addresses and exports: `a-z`, `0-9` and `-`, 2 to 40 characters.
    pub slug: String,
    pub name: String,
    pub kind: ShopKind,
    /// The host name this shop answers on (`maison-lune.example.com`), without a port; none
    /// only for the first shop, which answers every host no other shop claims.
    pub host: Option<String>,
    /// The languages its pages speak, the first the default; French, English or both.
    pub languages: Vec<Language>,
    /// The trade-in programme whose refurbished pieces a brand's resale shop sells.
    pub programme_id: Option<i64>,
}

impl ShopInput {
    /// The input with its host folded (lower case, no trailing dot), or every field's error.
    pub fn validate(mut self) -> Result<ShopInput, FieldErrors> {
        let mut e = FieldErrors::new();
        self.slug = self.slug.trim().to_owned();
        if !(2..=40).contains(&self.slug.len())
            || !self
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            e.add("slug", "invalid");
        }
        self.name = self.name.trim().to_owned();
        if self.name.is_empty() {
            e.add("name", "required");
        } else if self.name.chars().count() > NAME_MAX || self.name.chars().any(char::is_control) {
            e.add_limit("name", "too_long", NAME_MAX as i64);
        }
        self.host = match self.host.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => match host_name(raw) {
                Some(host) => Some(host),
                None => {
                    e.add("host", "invalid");
                    None
                }
            },
        };
        if self.languages.is_empty() {
            e.add("languages", "required");
        }
        let mut seen = self.languages.clone();
        seen.sort_by_key(|l| l.as_str());
        seen.dedup();
        if seen.len() != self.languages.len() {
            e.add("languages", "invalid");
        }
        match (self.kind, self.programme_id) {
            (ShopKind::BrandResale, None) => e.add("programme_id", "required"),
            (ShopKind::Marketplace, Some(_)) => e.add("programme_id", "not_allowed"),
            _ => {}
        }
        e.into_result(self)
    }
}

/// A host name as a request's `Host` names it, folded: lower case, without its port or a
/// trailing dot; None unless it is a valid DNS name (labels of letters, digits and `-`).
pub fn host_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // An IPv6 literal has no shop of its own.
    if raw.starts_with('[') {
        return None;
    }
    let host = raw.split(':').next()?.trim_end_matches('.');
    let host = host.to_ascii_lowercase();
    let valid_label = |l: &str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    (!host.is_empty() && host.len() <= HOST_MAX && host.split('.').all(valid_label)).then_some(host)
}

/// The language a page speaks in a shop: the person's choice if the shop speaks it, else the
/// shop's first language (French for a shop without any).
pub fn language_in(languages: &[Language], wanted: Option<Language>) -> Language {
    match wanted {
        Some(w) if languages.contains(&w) => w,
        _ => languages.first().copied().unwrap_or(Language::Fr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ShopInput {
        ShopInput {
            slug: "maison-lune".into(),
            name: "Maison Lune · seconde main".into(),
            kind: ShopKind::BrandResale,
            host: Some("Maison-Lune.Example.com.".into()),
            languages: vec![Language::Fr, Language::En],
            programme_id: Some(3),
        }
    }

    #[test]
    fn p3_a_shop_input_is_folded_and_checked() {
        let ok = input().validate().unwrap();
        assert_eq!(ok.host.as_deref(), Some("maison-lune.example.com"));
        let bad = ShopInput {
            slug: "Maison Lune".into(),
            name: " ".into(),
            host: Some("-bad-.example".into()),
            languages: vec![Language::Fr, Language::Fr],
            programme_id: None,
            ..input()
        };
        let e = bad.validate().unwrap_err();
        for field in ["slug", "name", "host", "languages", "programme_id"] {
            assert!(e.for_field(field).is_some(), "{field}: {e:?}");
        }
        let market = ShopInput {
            kind: ShopKind::Marketplace,
            ..input()
        };
        assert_eq!(
            market
                .validate()
                .unwrap_err()
                .for_field("programme_id")
                .unwrap()
                .code,
            "not_allowed"
        );
    }

    #[test]
    fn p3_hosts_are_read_without_their_port_and_case() {
        assert_eq!(
            host_name("Shop.Example.com:8080").as_deref(),
            Some("shop.example.com")
        );
        assert_eq!(host_name("localhost").as_deref(), Some("localhost"));
        assert_eq!(host_name("[::1]:8080"), None);
        assert_eq!(host_name("a b.example"), None);
        assert_eq!(host_name(""), None);
    }

    #[test]
    fn p3_a_page_speaks_a_language_of_its_shop() {
        assert_eq!(
            language_in(&[Language::Fr], Some(Language::En)),
            Language::Fr
        );
        assert_eq!(
            language_in(&[Language::Fr, Language::En], Some(Language::En)),
            Language::En
        );
        assert_eq!(
            language_in(&[Language::En, Language::Fr], None),
            Language::En
        );
    }
}
