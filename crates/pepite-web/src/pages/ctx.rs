//! What every page template receives: the language, the signed-in person, the current
//! address (for the language switch) and helpers to translate and format.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_domain::account::{Language, Role};
use pepite_domain::{FieldErrors, Money};

use crate::AppState;
use crate::auth::{MaybeUser, language_of};
use crate::i18n;

/// The context of one page view.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Language,
    pub user: Option<Principal>,
    /// Path and query of the current page, to come back to after switching language.
    pub here: String,
    /// Demo accounts shown on the sign-in page in demo mode (e-mail, password).
    pub demo_accounts: Vec<(String, String)>,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        Ok(PageCtx {
            lang: language_of(parts),
            user,
            here,
            demo_accounts: state.config.demo_accounts.clone(),
        })
    }
}

impl PageCtx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }

    pub fn money(&self, cents: &i64) -> String {
        i18n::money(self.lang, Money(*cents))
    }

    pub fn date(&self, us: &i64) -> String {
        i18n::date(self.lang, *us)
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
    pub fn label(&self, prefix: &str, key: &str) -> String {
        self.t(&format!(
            "{prefix}-{}",
            key.replace('_', "-").to_lowercase()
        ))
    }

    pub fn country(&self, code: &str) -> &'static str {
        pepite_domain::country::name(code, self.lang.as_str())
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
        Ok(html) => Html(html).into_response(),
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
