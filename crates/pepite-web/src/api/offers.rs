//! Price offers (N1–N7) on the buyer's side: offering on a piece, following one's offers
//! and, once a price is agreed, putting the piece in the cart at that price (N6) or declining
//! the seller's counter-offer (N5); and the representation of an offer, shared with the
//! seller's side. Amounts are integer cents.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::offers;
use pepite_domain::money::CURRENCY;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::auth::Lang;
use crate::problem::Problem;

/// The page size of the offer lists (fixed by the use cases).
const PAGE: usize = 50;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(make_offer, my_offers))
        .routes(routes!(offer))
        .routes(routes!(buy))
        .routes(routes!(decline))
}

/// An offer, as its buyer or the seller it was made to sees it. Its state is read against
/// the clock: an offer past its deadline is `expired` before any job ran.
#[derive(Debug, Serialize, ToSchema)]
pub struct Offer {
    pub id: i64,
    pub piece_id: i64,
    pub title: String,
    /// The buyer's display name (never a contact detail, A3).
    pub buyer_name: String,
    pub shop_name: String,
    /// The piece's list price when the offer was made.
    #[schema(example = 8500)]
    pub list_price_cents: i64,
    #[schema(example = 6500)]
    pub amount_cents: i64,
    /// N5: the seller's counter-offer.
    pub counter_cents: Option<i64>,
    /// `open`, `accepted`, `countered` (proposed to the buyer), `declined` (the buyer said no
    /// to the counter-offer), `refused`, `expired` (N4), `lapsed` (N6), `bought` or `ended`
    /// (N7).
    #[schema(example = "open")]
    pub state: &'static str,
    /// N6: while accepted or countered and running, the price the buyer may pay.
    pub agreed_cents: Option<i64>,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub created_at: String,
    /// N4: the seller's deadline.
    pub answer_by: String,
    /// N6: when the agreed price ends.
    pub agreed_until: Option<String>,
}

impl From<offers::Offer> for Offer {
    fn from(o: offers::Offer) -> Self {
        Offer {
            id: o.id,
            piece_id: o.piece_id,
            title: o.title,
            buyer_name: o.buyer_name,
            shop_name: o.shop_name,
            list_price_cents: o.list_cents,
            amount_cents: o.amount_cents,
            counter_cents: o.counter_cents,
            state: o.state.as_str(),
            agreed_cents: o.agreed_cents,
            currency: CURRENCY,
            created_at: timestamp(o.created_at),
            answer_by: timestamp(o.answer_by),
            agreed_until: o.agreed_until.map(timestamp),
        }
    }
}

/// A page of offers, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferPage {
    pub items: Vec<Offer>,
    /// Pass as `before` for the next page; absent on the last page.
    pub next_before: Option<i64>,
}

impl OfferPage {
    pub(super) fn new(rows: Vec<offers::Offer>) -> Self {
        OfferPage {
            next_before: (rows.len() == PAGE)
                .then(|| rows.last().map(|o| o.id))
                .flatten(),
            items: rows.into_iter().map(Offer::from).collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BeforeQuery {
    /// Only offers older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OfferBody {
    pub piece_id: i64,
    /// N3: at least 70 % of the list price, and below the current price.
    #[schema(example = 6500)]
    pub amount_cents: Option<i64>,
}

/// The piece a buying link put in the cart.
#[derive(Debug, Serialize, ToSchema)]
pub struct BuyLink {
    pub piece_id: i64,
}

/// A missing amount is a field error like any other, not an unreadable body.
pub(super) fn amount(cents: Option<i64>) -> Result<i64, AppError> {
    cents.ok_or_else(|| AppError::field("amount", "required"))
}

/// Offer a price on a listed piece open to offers (N1–N3). One offer per piece, ever (N2).
/// The seller is told and has 24 h to answer (N4).
#[utoipa::path(post, path = "/offers", tag = "offers", security(("bearer" = [])),
    request_body = OfferBody,
    responses(
        (status = 201, body = Offer),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_piece_not_listed`, `offer_not_open`, `offer_own_piece`, `offer_already_made`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`amount` `offer_below_minimum` (with the minimum in cents as `limit`) or `offer_not_below_price`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many offers made lately", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn make_offer(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<OfferBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let cents = amount(body.amount_cents)?;
        offers::make(&s.app, &who, body.piece_id, cents).await
    };
    let offer = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(Offer::from(offer))))
}

/// The offers I made, newest first.
#[utoipa::path(get, path = "/offers", tag = "offers", security(("bearer" = [])),
    params(BeforeQuery),
    responses(
        (status = 200, body = OfferPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_offers(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<BeforeQuery>,
) -> Result<Json<OfferPage>, Problem> {
    let rows = offers::mine(&s.app, &who, q.before)
        .await
        .map_err(problem(lang))?;
    Ok(Json(OfferPage::new(rows)))
}

/// One offer: one I made, or one made to my shop.
#[utoipa::path(get, path = "/offers/{id}", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Offer),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn offer(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Offer>, Problem> {
    let offer = offers::one(&s.app, &who, id).await.map_err(problem(lang))?;
    Ok(Json(Offer::from(offer)))
}

/// N6: put the piece of my agreed offer in my cart, at the agreed price (the piece's
/// current price for everyone while the agreement runs; nothing is reserved, K1).
#[utoipa::path(post, path = "/offers/{id}/buy", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The piece is in the cart; go on to checkout", body = BuyLink),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_not_agreed`, `piece_not_for_sale`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn buy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BuyLink>, Problem> {
    let piece_id = offers::buy_link(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BuyLink { piece_id }))
}

/// N5: decline the seller's counter-offer on my offer. The agreed price ends at once (the
/// piece is back at its list price for everyone) and the seller is told.
#[utoipa::path(post, path = "/offers/{id}/decline", tag = "offers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "Declined; the piece is back at its list price", body = Offer),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_no_counter_running`: no counter-offer is running (never countered, already declined, lapsed, bought or ended)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn decline(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Offer>, Problem> {
    let offer = offers::decline(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(Offer::from(offer)))
}
