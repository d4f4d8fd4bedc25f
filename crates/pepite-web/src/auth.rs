//! Who is calling: the session cookie of a browser or the bearer token of a program, the
//! language of the person, and their network address (for sign-in throttling).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use pepite_app::accounts::{self, Principal};
use pepite_domain::account::Language;

use crate::AppState;

/// The name of the session cookie; with HTTPS it carries the `__Host-` prefix, which pins it
/// to this host and path.
pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies() {
        "__Host-pepite_session"
    } else {
        "pepite_session"
    }
}

/// The cookie holding a person's chosen language.
pub const LANG_COOKIE: &str = "pepite_lang";

/// A session cookie carrying `secret` (HttpOnly, SameSite=Lax, Secure under HTTPS).
pub fn session_cookie(state: &AppState, secret: String) -> Cookie<'static> {
    let mut c = Cookie::new(session_cookie_name(state), secret);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.config.secure_cookies());
    c.set_max_age(time_days(30));
    c
}

/// The same cookie, expired: signing out.
pub fn expired_session_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = session_cookie(state, String::new());
    c.set_max_age(time_days(0));
    c
}

/// A cookie remembering the chosen language for a year.
pub fn lang_cookie(state: &AppState, lang: Language) -> Cookie<'static> {
    let mut c = Cookie::new(LANG_COOKIE, lang.as_str());
    c.set_path("/");
    c.set_same_site(SameSite::Lax);
    c.set_secure(state.config.secure_cookies());
    c.set_max_age(time_days(365));
    c
}

fn time_days(days: i64) -> time::Duration {
    time::Duration::days(days)
}

/// The secret presented by the request: `Authorization: Bearer …` first, then the cookie.
pub fn presented_secret(parts: &Parts, state: &AppState) -> Option<String> {
    if let Some(value) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        return value.strip_prefix("Bearer ").map(|t| t.trim().to_owned());
    }
    CookieJar::from_headers(&parts.headers)
        .get(session_cookie_name(state))
        .map(|c| c.value().to_owned())
}

/// The signed-in person, if any. A broken or expired secret is simply nobody.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<Principal>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(cached) = parts.extensions.get::<MaybeUser>() {
            return Ok(cached.clone());
        }
        let user = match presented_secret(parts, state) {
            None => None,
            Some(secret) => accounts::authenticate(&state.app, &secret)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "session lookup failed");
                    None
                }),
        };
        let found = MaybeUser(user);
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// The language of the page: the `pepite_lang` cookie, else the browser's preference, else French.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(language_of(parts)))
    }
}

/// Reads the language from the cookie, then `Accept-Language`.
pub fn language_of(parts: &Parts) -> Language {
    language_of_headers(&parts.headers)
}

/// [`language_of`] from the headers alone.
pub fn language_of_headers(headers: &axum::http::HeaderMap) -> Language {
    wanted_language(headers).unwrap_or(Language::Fr)
}

/// The language the person chose (the switch's cookie) or their browser asks for, if any.
pub fn wanted_language(headers: &axum::http::HeaderMap) -> Option<Language> {
    if let Some(l) = CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| Language::parse(c.value()))
    {
        return Some(l);
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    for part in accept.split(',') {
        let tag = part
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if tag.starts_with("fr") {
            return Some(Language::Fr);
        }
        if tag.starts_with("en") {
            return Some(Language::En);
        }
    }
    None
}

/// The caller's network address, used to throttle attempts per address: the connection's,
/// or behind our own proxies the one they forwarded for (`forwarded`).
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let addr = match (peer, &state.config.trusted_proxies) {
            (Some(peer), Some(proxies)) => {
                let forwarded = parts.headers.get_all("x-forwarded-for").into_iter();
                proxies.client(peer, forwarded.filter_map(|v| v.to_str().ok()))
            }
            (Some(peer), None) => peer.to_canonical().to_string(),
            (None, _) => "local".to_owned(),
        };
        Ok(ClientAddr(addr))
    }
}
