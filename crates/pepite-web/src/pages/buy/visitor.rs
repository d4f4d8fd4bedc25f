//! Whose cart a request is (K1, O8): the signed-in person's, or a visitor's named by a random
//! secret in the `pepite_cart` cookie (only its hash is stored). Signing in adopts it.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use pepite_app::carts::{self, CartOwner};

use super::random_token;
use crate::AppState;
use crate::pages::PageCtx;

pub const CART_COOKIE: &str = "pepite_cart";

/// A visitor's cart cookie carrying `secret`: HttpOnly, SameSite=Lax, Secure under HTTPS,
/// like the session cookie, kept a month.
fn cart_cookie(s: &AppState, secret: String) -> Cookie<'static> {
    let mut c = Cookie::new(CART_COOKIE, secret);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(s.config.secure_cookies());
    c.set_max_age(time::Duration::days(30));
    c
}

fn expired_cart_cookie(s: &AppState) -> Cookie<'static> {
    let mut c = cart_cookie(s, String::new());
    c.set_max_age(time::Duration::ZERO);
    c
}

/// The cart this request reads, if it has one yet.
pub fn owner(ctx: &PageCtx, jar: &CookieJar) -> Option<CartOwner> {
    match &ctx.user {
        Some(who) => Some(CartOwner::User(who.user_id)),
        None => jar.get(CART_COOKIE).map(|c| carts::visitor(c.value())),
    }
}

/// The cart this request writes to; a visitor without one gets a new secret, and the cookie
/// to set with the answer.
pub fn owner_or_new(
    s: &AppState,
    ctx: &PageCtx,
    jar: &CookieJar,
) -> (CartOwner, Option<Cookie<'static>>) {
    if let Some(owner) = owner(ctx, jar) {
        return (owner, None);
    }
    let secret = random_token();
    (carts::visitor(&secret), Some(cart_cookie(s, secret)))
}

/// At sign-in: the visitor's cart joins the person's. Returns the expired cookie to send
/// back, or None when there was no cart or joining failed (the cookie then stays, so the
/// cart is not lost and joins at the next sign-in).
pub async fn adopt_visitor_cart(
    s: &AppState,
    jar: &CookieJar,
    user_id: i64,
) -> Option<Cookie<'static>> {
    let secret = jar.get(CART_COOKIE)?.value().to_owned();
    match carts::merge(&s.app, &secret, user_id).await {
        Ok(()) => Some(expired_cart_cookie(s)),
        Err(e) => {
            tracing::warn!(error = %e, "could not merge a visitor's cart at sign-in");
            None
        }
    }
}
