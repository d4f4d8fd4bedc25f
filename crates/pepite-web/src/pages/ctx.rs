//! What every page template receives: the language, the signed-in person, the current
//! address (for the language switch) and helpers to translate and format.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use pepite_app::accounts::Principal;
use pepite_app::carts::{self, CartOwner};
use pepite_domain::account::{Language, Role};
use pepite_domain::shop::{FIRST_SHOP, language_in};
use pepite_domain::{FieldErrors, Money};
use std::sync::Arc;

use crate::AppState;
use crate::auth::{MaybeUser, language_of, wanted_language};
use crate::i18n;
use crate::pages::buy::visitor::CART_COOKIE;
use crate::shop::CurrentShop;

/// The context of one page view.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Language,
    pub user: Option<Principal>,
    /// Path and query of the current page, to come back to after switching language.
    pub here: String,
    /// Demo accounts shown on the sign-in page in demo mode (e-mail, password).
    pub demo_accounts: Vec<(String, String)>,
    /// Pieces in this person's or visitor's cart in this shop, for the header (0 without a
    /// cart).
    pub cart_count: i64,
    /// P3: the shop the page belongs to (none on a bare error page drawn without a lookup).
    pub shop: Option<Arc<pepite_app::shops::Shop>>,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        // A page whose shop cannot be read is drawn as the first shop's; its own reads will
        // say what failed.
        let shop = CurrentShop::from_request_parts(parts, state)
            .await
            .ok()
            .map(|s| s.0);
        let shop_id = shop.as_ref().map_or(FIRST_SHOP, |s| s.id);
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        let owner = match &user {
            Some(who) => Some(CartOwner::User(who.user_id)),
            None => CookieJar::from_headers(&parts.headers)
                .get(CART_COOKIE)
                .map(|c| carts::visitor(c.value())),
        };
        // A header count is not worth an error page: a failed read shows none.
        let cart_count = match owner {
            Some(owner) => carts::count(&state.app, &owner, shop_id).await.unwrap_or(0),
            None => 0,
        };
        let wanted = wanted_language(&parts.headers);
        Ok(PageCtx {
            lang: match &shop {
                Some(s) => language_in(&s.languages, wanted),
                None => language_of(parts),
            },
            user,
            here,
            demo_accounts: state.config.demo_accounts.clone(),
            cart_count,
            shop,
        })
    }
}

impl PageCtx {
    /// The context of a page drawn without looking anyone up (bare error pages, media).
    pub fn anonymous(lang: Language, here: String) -> PageCtx {
        PageCtx {
            lang,
            user: None,
            here,
            demo_accounts: vec![],
            cart_count: 0,
            shop: None,
        }
    }

    /// P3: the shop's id, for its catalogue, cart and policy.
    pub fn shop_id(&self) -> i64 {
        self.shop.as_ref().map_or(FIRST_SHOP, |s| s.id)
    }

    /// The shop's name, for the header and the page title.
    pub fn shop_name(&self) -> &str {
        self.shop.as_ref().map_or("Pépite", |s| s.name.as_str())
    }

    /// Whether people may open a seller's shop here: not in a brand's resale shop, where
    /// only its programme sells (the header leaves out "Sell").
    pub fn takes_sellers(&self) -> bool {
        self.shop
            .as_ref()
            .is_none_or(|s| s.kind == pepite_domain::shop::ShopKind::Marketplace)
    }

    /// Whether the page is drawn inside the chat panel (S1): the chat's pages with `frame=1`,
    /// without the site's header and footer.
    pub fn framed(&self) -> bool {
        self.here.starts_with("/support") && self.here.contains("frame=1")
    }

    /// Whether the page offers the chat panel: not inside it, on the chat's own pages or in
    /// the back office, where staff answer rather than ask.
    pub fn offers_chat(&self) -> bool {
        !(self.here.starts_with("/support") || self.here.starts_with("/back-office"))
    }

    /// Whether the shop speaks both languages, so the switch is offered.
    pub fn bilingual(&self) -> bool {
        self.shop.as_ref().is_none_or(|s| s.languages.len() > 1)
    }

    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }

    pub fn t2(
        &self,
        key: &str,
        n1: &'static str,
        v1: impl ToString,
        n2: &'static str,
        v2: impl ToString,
    ) -> String {
        i18n::t_args(
            self.lang,
            key,
            &[(n1, v1.to_string()), (n2, v2.to_string())],
        )
    }

    pub fn money(&self, cents: &i64) -> String {
        i18n::money(self.lang, Money(*cents))
    }

    /// A rate in basis points as a percentage number, in the person's notation ("12,5").
    pub fn percent(&self, bps: &i64) -> String {
        super::backoffice::numbers::format_scaled(*bps, 2, self.lang)
    }

    /// The month and year of an instant, Paris time ("mars 2026", "March 2026").
    pub fn month(&self, us: &i64) -> String {
        i18n::month(self.lang, *us)
    }

    pub fn date(&self, us: &i64) -> String {
        i18n::date(self.lang, *us)
    }

    pub fn date_time(&self, us: &i64) -> String {
        i18n::date_time(self.lang, *us)
    }

    /// An instant for a `<time datetime>`, which `pepite.js` shows in the reader's own zone.
    pub fn iso_time(&self, us: &i64) -> String {
        jiff::Timestamp::from_microsecond(*us)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }

    /// The other language, offered by the switch.
    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Language::Fr => "en",
            Language::En => "fr",
        }
    }

    /// The link that switches language and comes back here.
    pub fn switch_href(&self) -> String {
        format!(
            "/language/{}?next={}",
            self.other_lang(),
            urlencode(&self.here)
        )
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn is_seller(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.seller_id.is_some())
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_staff())
    }

    /// A brand partner, who has the partner console (T1).
    pub fn is_partner(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.roles.contains(&Role::BrandPartner))
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.has(Role::Admin))
    }

    pub fn display_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    }

    /// The name of a closed-vocabulary value: `category-dresses`, `grade-excellent`…
    /// A value outside the vocabulary (typed into a URL) is shown as it came.
    pub fn label(&self, prefix: &str, key: &str) -> String {
        let id = format!("{prefix}-{}", key.replace('_', "-").to_lowercase());
        if i18n::has(self.lang, &id) {
            self.t(&id)
        } else {
            key.to_owned()
        }
    }

    /// The explanation of a vocabulary value: `grade-very-good-help`.
    pub fn help(&self, prefix: &str, key: &str) -> String {
        self.label(prefix, &format!("{key}-help"))
    }

    pub fn country(&self, code: &str) -> &'static str {
        pepite_domain::country::name(code, self.lang.as_str())
    }

    /// A size key as buyers read it: "FR 38" stays, "INT M" becomes "M", "ONE" is spelled out.
    pub fn size(&self, key: &str) -> String {
        match key {
            "ONE" => self.t("size-one"),
            _ => key.strip_prefix("INT ").unwrap_or(key).to_owned(),
        }
    }

    /// Millimetres as centimetres with the language's decimal mark: "48,5 cm", "48.5 cm".
    pub fn cm(&self, mm: &i64) -> String {
        format!("{} cm", self.decimal(*mm, 10))
    }

    /// Grams, or kilograms from one kilo: "350 g", "1,2 kg".
    pub fn weight(&self, grams: &i64) -> String {
        if *grams < 1000 {
            format!("{grams} g")
        } else {
            format!("{} kg", self.decimal(*grams, 1000))
        }
    }

    /// `value / unit` with only the decimals that are not zero.
    fn decimal(&self, value: i64, unit: i64) -> String {
        let digits = unit.ilog10() as usize;
        let fraction = format!("{:0digits$}", value.rem_euclid(unit));
        let fraction = fraction.trim_end_matches('0');
        let whole = value.div_euclid(unit);
        match (fraction.is_empty(), self.lang) {
            (true, _) => whole.to_string(),
            (false, Language::Fr) => format!("{whole},{fraction}"),
            (false, Language::En) => format!("{whole}.{fraction}"),
        }
    }
}

/// Percent-encodes a value for a query string.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Field errors of a form, translated on demand.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    pub lang: Language,
    pub errors: FieldErrors,
}

impl FormErrors {
    pub fn new(lang: Language, errors: FieldErrors) -> Self {
        FormErrors { lang, errors }
    }

    /// The message for a field, if it was refused.
    pub fn msg(&self, field: &str) -> Option<String> {
        self.errors
            .for_field(field)
            .map(|e| i18n::field_message(self.lang, e))
    }

    pub fn any(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every message, for a summary at the top of the form.
    pub fn all(&self) -> Vec<(String, String)> {
        self.errors
            .0
            .iter()
            .map(|e| (e.field.clone(), i18n::field_message(self.lang, e)))
            .collect()
    }
}

/// Renders a template to an HTML response (a template error is logged and becomes a 500).
pub fn render<T: askama::Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(super::error_summary::name_fields(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: Language) -> PageCtx {
        PageCtx::anonymous(lang, "/search?q=robe rouge".into())
    }

    #[test]
    fn sizes_lengths_and_weights_read_as_people_write_them() {
        let (fr, en) = (ctx(Language::Fr), ctx(Language::En));
        assert_eq!(fr.size("FR 38"), "FR 38");
        assert_eq!(fr.size("INT M"), "M");
        assert_eq!(fr.size("ONE"), "Taille unique");
        assert_eq!(en.size("ONE"), "One size");
        assert_eq!(fr.cm(&1_055), "105,5 cm");
        assert_eq!(en.cm(&1_055), "105.5 cm");
        assert_eq!(en.cm(&480), "48 cm");
        assert_eq!(fr.weight(&350), "350 g");
        assert_eq!(fr.weight(&1_250), "1,25 kg");
        assert_eq!(en.weight(&2_000), "2 kg");
    }

    #[test]
    fn labels_fall_back_to_the_raw_value_and_the_switch_comes_back_here() {
        let fr = ctx(Language::Fr);
        assert_eq!(fr.label("grade", "very_good"), "Très bon état");
        assert_eq!(fr.label("category", "spaceship"), "spaceship");
        assert_eq!(
            fr.switch_href(),
            "/language/en?next=%2Fsearch%3Fq%3Drobe%20rouge"
        );
    }
}
