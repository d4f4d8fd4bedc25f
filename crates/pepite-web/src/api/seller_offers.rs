//! Price offers (N4–N6) on the seller's side: the offers made to one's shop, and the answer
//! to each: accept, refuse or counter. Accepting or countering makes the agreed amount the
//! piece's price for everyone for 24 h.

use axum::Json;
use axum::extract::State;
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::offers::{self, Answer};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem};
use crate::api::offers::{BeforeQuery, Offer, OfferPage, amount};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(accept))
        .routes(routes!(refuse))
        .routes(routes!(counter))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CounterBody {
    /// N5: above the buyer's offer, and within N3's bounds.
    #[schema(example = 7500)]
    pub amount_cents: Option<i64>,
}

/// The offers made to my shop, newest first.
#[utoipa::path(get, path = "/seller/offers", tag = "offers", security(("bearer" = [])),
    params(BeforeQuery),
    responses(
        (status = 200, body = OfferPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn inbox(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<BeforeQuery>,
) -> Result<Json<OfferPage>, Problem> {
    let rows = offers::inbox(&s.app, &who, q.before)
        .await
        .map_err(problem(lang))?;
    Ok(Json(OfferPage::new(rows)))
}

async fn answer(
    s: &AppState,
    who: &Principal,
    id: i64,
    answer: Result<Answer, AppError>,
) -> Result<Offer, AppError> {
    Ok(Offer::from(offers::answer(&s.app, who, id, answer?).await?))
}

/// N6: accept an offer made to my shop; its amount becomes the piece's price for everyone
/// for 24 h, and the buyer gets a link to buy at it.
#[utoipa::path(post, path = "/seller/offers/{id}/accept", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Offer),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_not_awaiting_answer`, `offer_agreement_running`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn accept(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Offer>, Problem> {
    let offer = answer(&s, &who, id, Ok(Answer::Accept)).await;
    offer.map(Json).map_err(problem(lang))
}

/// N4: refuse an offer made to my shop; the buyer is told.
#[utoipa::path(post, path = "/seller/offers/{id}/refuse", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Offer),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_not_awaiting_answer`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn refuse(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Offer>, Problem> {
    let offer = answer(&s, &who, id, Ok(Answer::Refuse)).await;
    offer.map(Json).map_err(problem(lang))
}

/// N5/N6: counter an offer made to my shop; the counter-offer becomes the piece's price for
/// everyone for 24 h, and the buyer gets a link to buy at it.
#[utoipa::path(post, path = "/seller/offers/{id}/counter", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = CounterBody,
    responses(
        (status = 200, body = Offer),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_not_awaiting_answer`, `offer_agreement_running`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`amount` `counter_not_above_offer`, `offer_below_minimum` or `offer_not_below_price`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn counter(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CounterBody>,
) -> Result<Json<Offer>, Problem> {
    let counter = amount(body.amount_cents).map(Answer::Counter);
    let offer = answer(&s, &who, id, counter).await;
    offer.map(Json).map_err(problem(lang))
}
