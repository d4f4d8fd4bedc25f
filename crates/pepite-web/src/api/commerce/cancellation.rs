//! F5 in the API: the buyer cancels an order until its first parcel is dispatched. Money is
//! refunded under a key fixed by the order, so a repeat never refunds twice (it is a 409); the
//! request carries an `Idempotency-Key` (O7), and a retry with the same key answers the first
//! outcome again.

use axum::Json;
use axum::extract::State;
use pepite_app::cancellation;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{CURRENCY, IdempotencyKey};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiPath, problem};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cancel))
}

/// What the cancellation gives back.
#[derive(Debug, Serialize, ToSchema)]
pub struct CancelOutcome {
    /// Refunded to the card or PayPal account.
    pub card_cents: i64,
    /// Credited back to the gift cards that paid part of the order.
    pub gift_cards_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    /// False when the payment provider did not answer: the refund is owed and made later
    /// under the same key.
    pub refunded: bool,
}

/// F5: cancels my order before its first parcel leaves: full refund (shipping and fees
/// included), pieces on sale again, sellers told. One cancellation per `Idempotency-Key`: the
/// same key for the same order answers the first outcome again.
#[utoipa::path(post, path = "/orders/{id}/cancel", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path),
        ("Idempotency-Key" = String, Header, pattern = r"\S", max_length = 200, description = "Unique per cancellation; the same when retrying")),
    responses(
        (status = 200, body = CancelOutcome),
        (status = 400, description = "`idempotency_key_missing`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`dispatched` (a parcel has left: only a return is possible), `already_cancelled`, `not_paid`, `partly_refunded` (a piece was already refunded: the rest is returned after delivery), `idempotency_key_reused` (the key was used to cancel another order), `request_in_progress`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`idempotency_key` `invalid` (longer than 200 characters)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn cancel(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CancelOutcome>, Problem> {
    let done = cancellation::cancel_once(&s.app, &who, &key, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(CancelOutcome {
        card_cents: done.card_cents,
        gift_cards_cents: done.gift_cards_cents,
        currency: CURRENCY,
        refunded: done.refunded,
    }))
}
