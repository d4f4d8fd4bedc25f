//! The seller space under `/sell` (C1–C3, O13, S3): opening a shop, the dashboard of one's
//! pieces, the piece form, photos, CSV import, the sold orders to send and customer service's
//! questions. Every page needs a signed-in person (A2) and shows only their own shop, pieces,
//! order lines and questions (A4).

mod dashboard;
mod import;
mod orders;
mod payouts;
mod photos;
pub(in crate::pages) mod piece_form;
mod pieces;
mod questions;
mod shop;
mod terms;
pub(in crate::pages) mod upload;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::sellers;
use pepite_store::sellers::SellerRow;

use super::{PageCtx, PageError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sell", get(dashboard::show))
        .route("/sell/shop", post(shop::open))
        .route("/sell/shop/edit", get(shop::edit_form).post(shop::update))
        .route("/sell/pieces/new", get(pieces::new_form))
        .route(
            "/sell/pieces",
            post(pieces::create).layer(DefaultBodyLimit::max(crate::PHOTOS_FORM_LIMIT)),
        )
        .route(
            "/sell/pieces/{id}",
            get(pieces::edit_form).post(pieces::update),
        )
        .route("/sell/pieces/{id}/list", post(pieces::list))
        .route("/sell/pieces/{id}/withdraw", post(pieces::withdraw))
        .route("/sell/pieces/{id}/delete", post(pieces::delete))
        // axum's own 2 MB default would refuse most photos: a form of several photos may
        // reach PHOTOS_FORM_LIMIT, and the use cases check each photo against the policy.
        .route(
            "/sell/pieces/{id}/photos",
            post(photos::upload).layer(DefaultBodyLimit::max(crate::PHOTOS_FORM_LIMIT)),
        )
        .route("/sell/pieces/{id}/photos/order", post(photos::reorder))
        .route(
            "/sell/pieces/{id}/photos/{photo}/cover",
            post(photos::cover),
        )
        .route(
            "/sell/pieces/{id}/photos/{photo}/earlier",
            post(photos::earlier),
        )
        .route(
            "/sell/pieces/{id}/photos/{photo}/later",
            post(photos::later),
        )
        .route(
            "/sell/pieces/{id}/photos/{photo}/remove",
            post(photos::remove),
        )
        .route(
            "/sell/import",
            get(import::form)
                .post(import::upload)
                .layer(DefaultBodyLimit::max(crate::BODY_LIMIT)),
        )
        .route("/sell/import/template.csv", get(import::template))
        .route("/sell/orders", get(orders::list))
        .route("/sell/orders/{id}", get(orders::detail))
        .route(
            "/sell/orders/{id}/parcels/{parcel}/ship",
            post(orders::ship),
        )
        .route("/sell/payouts", get(payouts::show))
        .route("/sell/questions", get(questions::list))
        .route("/sell/questions/{id}/answer", post(questions::answer))
        .route("/sell/payouts/account", post(payouts::save_account))
        .route("/sell/orders/{id}/pieces/{piece}/sent", post(orders::sent))
}

/// The signed-in person; anyone else is sent to sign in and brought back here.
fn person(ctx: &PageCtx) -> Result<Principal, PageError> {
    ctx.user
        .clone()
        .ok_or_else(|| PageError::new(ctx, AppError::Unauthenticated))
}

/// A piece or photo id from the path. Anything that is not a number is simply not found,
/// like an id that does not exist or is someone else's (A4).
fn path_id(ctx: &PageCtx, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| PageError::new(ctx, AppError::NotFound))
}

/// The confirmation shown after a redirect: only known words become a text key, so a crafted
/// link cannot put arbitrary words on the page.
fn done_key(done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "created" => "sell-done-created",
        "saved" => "sell-done-saved",
        "listed" => "sell-done-listed",
        "withdrawn" => "sell-done-withdrawn",
        "deleted" => "sell-done-deleted",
        "photo_added" => "sell-done-photo-added",
        "photo_removed" => "sell-done-photo-removed",
        "cover" => "sell-done-cover",
        "moved" => "sell-done-moved",
        "shop_opened" => "sell-done-shop-opened",
        "shop_saved" => "sell-done-shop-saved",
        _ => return None,
    })
}

/// The sentence for a refusal that is not about one field (C3 moves, stale versions…).
fn conflict_message(ctx: &PageCtx, code: &str) -> String {
    let key = format!("sell-conflict-{}", code.replace('_', "-"));
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("sell-conflict-other")
    }
}

/// The person's shop, or `None` when they have not opened one yet.
async fn shop_of(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
) -> Result<Option<SellerRow>, PageError> {
    match sellers::my_shop(&state.app, who).await {
        Ok(shop) => Ok(Some(shop)),
        Err(AppError::Forbidden) => Ok(None),
        Err(e) => Err(PageError::new(ctx, e)),
    }
}
