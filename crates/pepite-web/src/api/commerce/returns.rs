//! Returns in the API (R1–R6): the buyer sees what a return would cost (R2), asks one with an
//! `Idempotency-Key` (a retry answers the first outcome), lists and withdraws them; customer
//! service decide defect claims (R4); the receiver records each piece's receipt and check.
//! Every state move is a compare-and-set: a repeat or a race is a 409, never a second refund.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pepite_app::returns::{self, Receipt, ReturnAsk, ReturnDetail};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::invoices::PdfFile;
use super::{CURRENCY, IdempotencyKey};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::documents::attachment;
use crate::documents::returns::{label_file, slip_file};
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, ask))
        .routes(routes!(quote))
        .routes(routes!(withdraw))
        .routes(routes!(decide))
        .routes(routes!(receive))
        .routes(routes!(slip))
        .routes(routes!(label))
}

/// One returned piece.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnLineView {
    pub piece_id: i64,
    pub title: String,
    pub price_cents: i64,
    /// R2: its share of the return charge, deducted from its refund.
    pub deduct_cents: i64,
    /// The return parcel it travels in.
    pub parcel: i64,
    pub received_at: Option<String>,
    /// `passed` or `failed`, once checked.
    pub outcome: Option<String>,
    /// R5: the refund that paid it back (its credit note is on the order page).
    pub refund_id: Option<i64>,
}

/// One parcel travelling back, with its prepaid label.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnParcelView {
    pub parcel: i64,
    /// `seller` (its own shop) or `workshop`.
    pub to: &'static str,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
}

/// A return and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnView {
    pub id: i64,
    pub order_id: i64,
    /// `claimed` (a defect claim awaiting staff), `accepted`, `withdrawn` or `closed`.
    pub state: String,
    #[schema(schema_with = crate::api::vocabulary::return_reason)]
    pub reason: String,
    /// R4: `upheld` or `rejected`, once decided.
    pub decision: Option<String>,
    /// R2: whether the buyer pays the return shipping, and how much (deducted from the refund).
    pub buyer_pays: bool,
    pub charge_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub created_at: String,
    pub lines: Vec<ReturnLineView>,
    pub parcels: Vec<ReturnParcelView>,
}

impl From<&ReturnDetail> for ReturnView {
    fn from(d: &ReturnDetail) -> Self {
        ReturnView {
            id: d.ret.id,
            order_id: d.ret.order_id,
            state: d.ret.state.clone(),
            reason: d.ret.reason.clone(),
            decision: d.ret.decision.clone(),
            buyer_pays: d.ret.buyer_pays,
            charge_cents: d.ret.charge_cents,
            currency: CURRENCY,
            created_at: timestamp(d.ret.created_at),
            lines: d
                .lines
                .iter()
                .map(|l| ReturnLineView {
                    piece_id: l.piece_id,
                    title: l.title.clone(),
                    price_cents: l.price_cents,
                    deduct_cents: l.deduct_cents,
                    parcel: l.parcel,
                    received_at: l.received_at.map(timestamp),
                    outcome: l.outcome.clone(),
                    refund_id: l.refund_id,
                })
                .collect(),
            parcels: d
                .parcels
                .iter()
                .map(|p| ReturnParcelView {
                    parcel: p.parcel,
                    to: if p.seller_id.is_some() {
                        "seller"
                    } else {
                        "workshop"
                    },
                    carrier: p.carrier.clone(),
                    tracking: p.tracking.clone(),
                })
                .collect(),
        }
    }
}

/// The returns of my order, newest first.
#[utoipa::path(get, path = "/orders/{id}/returns", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Vec<ReturnView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order of mine", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ReturnView>>, Problem> {
    let all = returns::of_order(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(all.iter().map(ReturnView::from).collect()))
}

/// Which pieces a quote or a request names.
#[derive(Debug, Deserialize, IntoParams)]
pub struct QuoteQuery {
    /// Piece ids of the order (repeat the parameter).
    #[param(min_items = 1, max_items = 100)]
    pub pieces: Vec<i64>,
}

/// R2: how the pieces would travel back and what the buyer would pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnQuote {
    /// False in metropolitan France (each piece to its seller, free).
    pub buyer_pays: bool,
    /// Deducted from the refund when the buyer pays (waived if a defect claim is upheld).
    pub charge_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    /// Each parcel: `seller` or `workshop`, and its pieces.
    pub parcels: Vec<QuotedParcel>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuotedParcel {
    pub to: &'static str,
    pub pieces: Vec<i64>,
}

/// R2: what a return of these pieces of my order would cost, before asking it.
#[utoipa::path(get, path = "/orders/{id}/returns/quote", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path), QuoteQuery),
    responses(
        (status = 200, body = ReturnQuote),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`no_return_rate` (the rate table has no band for this parcel)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`pieces` `invalid` (not pieces of this order) or `required`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn quote(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<QuoteQuery>,
) -> Result<Json<ReturnQuote>, Problem> {
    let route = returns::preview(&s.app, &who, id, &q.pieces)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ReturnQuote {
        buyer_pays: route.buyer_pays,
        charge_cents: route.charge_cents,
        currency: CURRENCY,
        parcels: route
            .parcels
            .iter()
            .map(|p| QuotedParcel {
                to: if p.seller_id.is_some() {
                    "seller"
                } else {
                    "workshop"
                },
                pieces: p.piece_ids.clone(),
            })
            .collect(),
    }))
}

/// R1/R4: what the buyer asks back.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReturnBody {
    /// Piece ids of the order, each delivered less than the return window ago.
    #[schema(min_items = 1, max_items = 100)]
    pub pieces: Vec<i64>,
    #[schema(schema_with = crate::api::vocabulary::return_reason)]
    pub reason: String,
    /// What is wrong (a defect claim).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
    /// R4: photos of the defect, base64 (JPEG, PNG or WebP); required for `defective`.
    #[serde(default)]
    #[schema(max_items = 12)]
    pub photos: Vec<String>,
    /// R2: the charge the quote showed; a different one now is a 409 `charge_changed`.
    pub expected_charge_cents: Option<i64>,
}

/// R1: asks a return of pieces of my delivered order, within the return window, for a change
/// of mind (accepted at once, labels bought) or a defect (photos; customer service decide).
/// No exchanges (R3): every piece is unique, a return is refunded. One request per
/// `Idempotency-Key`: the same key and body answer the first outcome again.
#[utoipa::path(post, path = "/orders/{id}/returns", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path),
        ("Idempotency-Key" = String, Header, pattern = r"\S", max_length = 200, description = "Unique per return request; the same when retrying")),
    request_body = ReturnBody,
    responses(
        (status = 201, body = ReturnView),
        (status = 400, description = "`idempotency_key_missing`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`return_window_closed`, `return_already_asked`, `not_delivered`, `not_returnable` (refunded, or already paid to its seller), `order_cancelled`, `charge_changed`, `no_return_rate`, `idempotency_key_reused`, `request_in_progress`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`pieces` `invalid` (not of this order) or `required`; `reason` `unknown_value`; `photos` `required` or `too_many`; `photo` `unreadable_image`, `unsupported_format`, `too_small`, `file_too_large`; `note` `too_long`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn ask(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReturnBody>,
) -> Result<(StatusCode, Json<ReturnView>), Problem> {
    let photos = crate::api::photos::from_base64(&body.photos).map_err(problem(lang))?;
    let req = ReturnAsk {
        pieces: body.pieces,
        reason: body.reason,
        note: body.note,
        photos,
        expected_charge_cents: body.expected_charge_cents,
    };
    let asked = returns::ask_once(&s.app, &who, &key, id, &req)
        .await
        .map_err(problem(lang))?;
    let d = returns::get(&s.app, &who, asked.return_id)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(ReturnView::from(&d))))
}

/// I keep the pieces after all: withdraws my return before anything of it was received.
#[utoipa::path(post, path = "/returns/{id}/withdrawal", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such return of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_withdrawable` (a piece was received, or it is closed or withdrawn)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn withdraw(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    returns::withdraw(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// R4: customer service's decision on a defect claim.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// True: free return anywhere, everything paid for the pieces refunded (shipping
    /// included); false: it stands as a change of mind.
    pub upheld: bool,
}

/// R4: decides a defect claim (customer service); the buyer gets the labels.
#[utoipa::path(post, path = "/staff/returns/{id}/decision", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = DecisionBody,
    responses(
        (status = 204, description = "Decided; the buyer and sellers are told"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_decided` (or not a claim)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn decide(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<StatusCode, Problem> {
    returns::decide(&s.app, &who, id, body.upheld)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// R5/R6: what the receiver found.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReceiptBody {
    /// True: as it was sent (refunded, listed again); false: the return is refused.
    pub passed: bool,
    /// Required when it failed: what is wrong.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

/// R5/R6/P1: records receipt and check of a returned piece, once: the seller it came back
/// to, or staff. Passed: refunded to the original means and listed again (its alerts fire
/// once); failed: the return is refused, the seller's earning released, the buyer told.
#[utoipa::path(post, path = "/returns/{id}/pieces/{piece}/receipt", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    request_body = ReceiptBody,
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such piece coming back to me", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_received`, `not_expected` (a claim awaiting staff, or withdrawn), `not_refundable`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` `required` (a failed check says why) or `too_long`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn receive(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ReceiptBody>,
) -> Result<StatusCode, Problem> {
    let receipt = Receipt {
        passed: body.passed,
        note: body.note,
    };
    returns::receive(&s.app, &who, id, piece, &receipt)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The return slip (order, pieces, where to send each parcel), as a PDF.
#[utoipa::path(get, path = "/returns/{id}/slip", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The slip", content_type = "application/pdf", body = PdfFile),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such return of mine", body = Problem, content_type = "application/problem+json"),
    ))]
async fn slip(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, Problem> {
    let (name, pdf) = slip_file(&s.app, &who, id, lang)
        .await
        .map_err(problem(lang))?;
    Ok(attachment(&name, pdf))
}

/// R2: a return parcel's prepaid label, as a PDF with a scannable barcode.
#[utoipa::path(get, path = "/returns/{id}/parcels/{parcel}/label", tag = "returns", security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    responses(
        (status = 200, description = "The label", content_type = "application/pdf", body = PdfFile),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parcel of a return of mine, or a claim awaiting staff", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`carrier`: the carrier did not answer; try again", body = Problem, content_type = "application/problem+json"),
    ))]
async fn label(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
) -> Result<Response, Problem> {
    let (name, pdf) = label_file(&s.app, &who, id, parcel, lang)
        .await
        .map_err(problem(lang))?;
    Ok(attachment(&name, pdf))
}
