//! Where returned pieces are received (R4–R6, P1): sellers in their space for the parcels
//! sent back to them, staff in the back office for the workshop's parcels (and any on a
//! seller's behalf) and for defect claims, whose photos they see before deciding. One page
//! serves both desks; receipt and check are recorded once per piece (a second submission is
//! a conflict page, never a second refund).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::returns::{self, Receipt, ReturnDetail, ReturnRow};
use serde::Deserialize;

use super::forms::{Form, see_other};
use super::{OrPage, PageCtx, PageError, render};
use crate::AppState;
use crate::documents::attachment;
use crate::documents::returns::credit_note_file;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sell/returns", get(seller_list))
        .route("/sell/returns/{id}", get(seller_detail))
        .route(
            "/sell/returns/{id}/pieces/{piece}/receipt",
            post(seller_receive),
        )
        .route("/back-office/returns", get(staff_list))
        .route("/back-office/returns/{id}", get(staff_detail))
        .route("/back-office/returns/{id}/decision", post(staff_decide))
        .route(
            "/back-office/orders/{id}/credit-notes/{refund}",
            get(staff_credit_note),
        )
        .route(
            "/back-office/returns/{id}/pieces/{piece}/receipt",
            post(staff_receive),
        )
}

/// Which desk a page belongs to: its address prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Desk {
    Seller,
    Staff,
}

impl Desk {
    fn base(self) -> &'static str {
        match self {
            Desk::Seller => "/sell/returns",
            Desk::Staff => "/back-office/returns",
        }
    }
}

fn signed_in(ctx: &PageCtx) -> Result<Principal, PageError> {
    ctx.user
        .clone()
        .ok_or_else(|| PageError::new(ctx, AppError::Unauthenticated))
}

fn id_of(ctx: &PageCtx, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| PageError::new(ctx, AppError::NotFound))
}

#[derive(Template)]
#[template(path = "returns/desk_list.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    base: &'static str,
    /// (heading key, returns) sections.
    sections: Vec<(&'static str, Vec<ReturnRow>)>,
}

async fn seller_list(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = signed_in(&ctx)?;
    let all = returns::of_seller(&s.app, &who).await.or_page(&ctx)?;
    let sections = vec![("desk-returns-coming", all)];
    Ok(render(&ListPage {
        ctx: &ctx,
        base: Desk::Seller.base(),
        sections,
    })
    .into_response())
}

async fn staff_list(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = signed_in(&ctx)?;
    let claims = returns::queue(&s.app, &who, "claimed")
        .await
        .or_page(&ctx)?;
    let coming = returns::queue(&s.app, &who, "accepted")
        .await
        .or_page(&ctx)?;
    let sections = vec![
        ("desk-returns-claims", claims),
        ("desk-returns-coming", coming),
    ];
    Ok(render(&ListPage {
        ctx: &ctx,
        base: Desk::Staff.base(),
        sections,
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "returns/desk.html")]
struct DetailPage<'a> {
    ctx: &'a PageCtx,
    base: &'static str,
    d: ReturnDetail,
    staff: bool,
    /// The parcels this person records receipt for.
    receivable: Vec<i64>,
}

async fn detail(s: &AppState, ctx: &PageCtx, raw: &str, desk: Desk) -> Result<Response, PageError> {
    let who = signed_in(ctx)?;
    let id = id_of(ctx, raw)?;
    let staff = desk == Desk::Staff && (ctx.is_staff());
    if desk == Desk::Staff && !staff {
        return Err(PageError::new(ctx, AppError::NotFound));
    }
    let d = returns::get(&s.app, &who, id).await.or_page(ctx)?;
    let receivable = d
        .parcels
        .iter()
        .filter(|p| staff || (p.seller_id.is_some() && p.seller_id == who.seller_id))
        .map(|p| p.parcel)
        .collect();
    Ok(render(&DetailPage {
        ctx,
        base: desk.base(),
        d,
        staff,
        receivable,
    })
    .into_response())
}

async fn seller_detail(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    detail(&s, &ctx, &id, Desk::Seller).await
}

async fn staff_detail(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    detail(&s, &ctx, &id, Desk::Staff).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReceiptForm {
    /// `passed` or `failed`.
    outcome: String,
    note: String,
}

async fn receive(
    s: &AppState,
    ctx: &PageCtx,
    (raw, piece): (String, String),
    form: ReceiptForm,
    desk: Desk,
) -> Result<Response, PageError> {
    let who = signed_in(ctx)?;
    let id = id_of(ctx, &raw)?;
    let piece = id_of(ctx, &piece)?;
    let receipt = Receipt {
        passed: form.outcome == "passed",
        note: form.note,
    };
    returns::receive(&s.app, &who, id, piece, &receipt)
        .await
        .or_page(ctx)?;
    Ok(see_other(&format!("{}/{id}", desk.base())))
}

async fn seller_receive(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(ids): Path<(String, String)>,
    Form(form): Form<ReceiptForm>,
) -> Result<Response, PageError> {
    receive(&s, &ctx, ids, form, Desk::Seller).await
}

async fn staff_receive(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(ids): Path<(String, String)>,
    Form(form): Form<ReceiptForm>,
) -> Result<Response, PageError> {
    receive(&s, &ctx, ids, form, Desk::Staff).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    /// `upheld` or `rejected`.
    decision: String,
}

/// R4: customer service decide a defect claim.
async fn staff_decide(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx)?;
    let id = id_of(&ctx, &id)?;
    returns::decide(&s.app, &who, id, form.decision == "upheld")
        .await
        .or_page(&ctx)?;
    Ok(see_other(&format!("{}/{id}", Desk::Staff.base())))
}

/// R5: staff download a refund's credit note (the buyer's order page offers the same).
async fn staff_credit_note(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, refund)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx)?;
    if !ctx.is_staff() {
        return Err(PageError::new(&ctx, AppError::NotFound));
    }
    let id = id_of(&ctx, &id)?;
    let refund = id_of(&ctx, refund.trim_end_matches(".pdf"))?;
    let (name, pdf) = credit_note_file(&s.app, &who, id, refund, ctx.lang)
        .await
        .or_page(&ctx)?;
    Ok(attachment(&name, pdf))
}
