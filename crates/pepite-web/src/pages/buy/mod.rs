//! The buyer's pages: cart, checkout, orders and invoices, gift cards, the address book.

mod addresses;
mod cart;
mod checkout;
mod fields;
mod gift_cards;
mod orders;
mod payments;
mod returns;
pub(crate) mod visitor;

pub(super) use visitor::adopt_visitor_cart;

use axum::Router;
use axum::http::Request;
use axum::routing::{get, post};
use jiff::civil::Date;
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_domain::account::Language;
use tower_http::request_id::{MakeRequestId, MakeRequestUuid};

use super::{PageCtx, PageError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cart", get(cart::show))
        .route("/cart/add", post(cart::add))
        .route("/cart/remove", post(cart::remove))
        .route("/cart/code", post(cart::code))
        .route("/checkout", get(checkout::show).post(checkout::submit))
        .route(
            "/payments/sandbox/{provider_ref}",
            get(payments::sandbox_page).post(payments::sandbox_decide),
        )
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::detail))
        .route("/orders/{id}/payment-return", get(payments::order_return))
        .route("/orders/{id}/invoice.pdf", get(orders::invoice))
        .route("/orders/{id}/cancel", post(orders::cancel))
        .route("/orders/{id}/pieces/{piece}/choice", post(orders::choose))
        .route("/orders/{id}/parcels/{parcel}/report", post(orders::report))
        .route(
            "/orders/{id}/return",
            get(returns::new).post(returns::submit),
        )
        .route(
            "/orders/{id}/returns/{rid}/withdraw",
            post(returns::withdraw),
        )
        .route("/orders/{id}/returns/{rid}/slip.pdf", get(returns::slip))
        .route(
            "/orders/{id}/credit-notes/{refund}",
            get(returns::credit_note),
        )
        .route(
            "/orders/{id}/returns/{rid}/labels/{parcel}",
            get(returns::label),
        )
        .route("/gift-cards", get(gift_cards::show).post(gift_cards::buy))
        .route("/gift-cards/balance", get(gift_cards::balance))
        .route("/gift-cards/{id}", get(gift_cards::card))
        .route("/gift-cards/{id}/card.pdf", get(gift_cards::card_pdf))
        .route(
            "/account/addresses",
            get(addresses::list).post(addresses::add),
        )
        .route("/account/addresses/{id}/delete", post(addresses::delete))
}

/// The signed-in person; anyone else goes to sign in and comes back to `back` (a page, not
/// the address of a form that only takes posts).
pub(in crate::pages) fn signed_in(ctx: &PageCtx, back: &str) -> Result<Principal, PageError> {
    ctx.user.clone().ok_or_else(|| {
        let mut here = ctx.clone();
        here.here = back.to_owned();
        PageError::new(&here, AppError::Unauthenticated)
    })
}

/// An id from the address; a malformed one is answered like an unknown one (A4).
pub(in crate::pages) fn parse_id(ctx: &PageCtx, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| PageError::new(ctx, AppError::NotFound))
}

/// 64 hex characters from the operating system's secure generator. The web crate reaches it
/// through the v4 UUIDs it already makes for request ids: two of them hold 244 random bits.
fn random_token() -> String {
    let mut maker = MakeRequestUuid;
    let request = Request::new(());
    (0..2)
        .filter_map(|_| maker.make_request_id(&request))
        .filter_map(|id| id.header_value().to_str().ok().map(str::to_owned))
        .collect::<String>()
        .replace('-', "")
}

/// The sentence for a stable code (`declined-card-declined`), or the prefix's general one
/// (`declined-other`) for a code without its own.
fn coded_text(ctx: &PageCtx, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}-{}", code.replace('_', "-"));
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t(&format!("{prefix}-other"))
    }
}

/// Whether the built-in sandbox takes the payments (its test cards are then listed).
fn sandbox(s: &AppState) -> bool {
    s.app.payments.sandbox().is_some()
}

/// Today in Paris, the calendar business days are counted in.
async fn paris_today(s: &AppState) -> Result<Date, AppError> {
    Ok(paris_date(s.app.now_us().await?))
}

fn paris_date(us: i64) -> Date {
    let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    pepite_domain::time::from_micros(us).to_zoned(tz).date()
}

/// A calendar date as the person reads it: "12 mars 2026", "March 12, 2026".
fn civil_date(ctx: &PageCtx, d: Date) -> String {
    let month = ctx.t(&format!("month-{}", d.month()));
    match ctx.lang {
        Language::Fr => format!("{} {} {}", d.day(), month, d.year()),
        Language::En => format!("{} {}, {}", month, d.day(), d.year()),
    }
}

/// A `YYYY-MM-DD` date as the person reads it (left as typed if it is not one).
pub(in crate::pages) fn iso_date(ctx: &PageCtx, raw: &str) -> String {
    raw.parse::<Date>()
        .map(|d| civil_date(ctx, d))
        .unwrap_or_else(|_| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_unlike() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
