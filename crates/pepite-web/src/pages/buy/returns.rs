//! The buyer's returns (R1–R4) from their order's page: which pieces may still go back and
//! until when, then a page that shows how they would travel and what it would cost before
//! the buyer confirms (R2), with the defect's note and photos (R4); each return's state,
//! slip and labels as PDFs, and withdrawing it. No exchanges (R3): the pages say so.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::orders::{self, OrderDetail, Viewer};
use pepite_app::returns::{self, ReturnAsk, ReturnDetail};
use pepite_app::{App, AppError};
use pepite_domain::FieldErrors;
use pepite_domain::commerce::{ReturnReason, ReturnRoute};
use pepite_domain::time::DAY_US;
use serde::Deserialize;

use super::{parse_id, signed_in};
use crate::AppState;
use crate::documents::attachment;
use crate::documents::returns::{credit_note_file, label_file, slip_file};
use crate::pages::forms::{Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// The returns part of the order page.
pub(super) struct ReturnsSection {
    /// Pieces that may still be asked back: (piece id, title, last day).
    pub pieces: Vec<(i64, String, String)>,
    pub returns: Vec<ReturnCard>,
    /// R5: each refund's credit note: (refund id, its number).
    pub credit_notes: Vec<(i64, String)>,
}

/// One return as the buyer follows it.
pub(super) struct ReturnCard {
    pub id: i64,
    pub state: String,
    pub reason: String,
    /// R2: what is deducted from the refund, when the buyer pays.
    pub charge_cents: Option<i64>,
    /// (title, where the piece stands).
    pub lines: Vec<(String, String)>,
    /// Labels to print: (parcel, its number in the return, destination).
    pub labels: Vec<(i64, usize, String)>,
    pub withdrawable: bool,
}

/// R1: what the order page shows of returns: the pieces whose window is open and not under
/// return, and every return of the order.
pub(super) async fn section(
    app: &App,
    who: &Principal,
    ctx: &PageCtx,
    d: &OrderDetail,
) -> Result<ReturnsSection, AppError> {
    let all = returns::of_order(app, who, d.order.id).await?;
    let now = app.now_us().await?;
    let days = app.policy_of(d.order.shop_id).await?.return_window_days;
    let taken = |piece: i64| {
        all.iter()
            .any(|r| r.ret.state != "withdrawn" && r.lines.iter().any(|l| l.piece_id == piece))
    };
    let pieces = d
        .lines
        .iter()
        .filter_map(|l| {
            let delivered = d
                .parcels
                .iter()
                .find(|p| p.parcel == l.parcel)?
                .delivered_at?;
            let end = delivered.saturating_add(days.saturating_mul(DAY_US));
            (now < end && !taken(l.piece_id) && d.order.cancelled_at.is_none())
                .then(|| (l.piece_id, l.title.clone(), ctx.date_time(&(end - 1))))
        })
        .collect();
    let credit_notes = returns::credit_notes(app, who, d.order.id)
        .await?
        .into_iter()
        .map(|n| (n.id, n.credit_note_number))
        .collect();
    Ok(ReturnsSection {
        pieces,
        returns: all.iter().map(|r| card(ctx, r)).collect(),
        credit_notes,
    })
}

fn card(ctx: &PageCtx, r: &ReturnDetail) -> ReturnCard {
    let lines = r
        .lines
        .iter()
        .map(|l| {
            let status = match (l.outcome.as_deref(), l.refund_id) {
                (Some(o), _) => ctx.label("return-outcome", o),
                (None, _) => ctx.label("return-state", &r.ret.state),
            };
            (l.title.clone(), status)
        })
        .collect();
    let labels = if matches!(r.ret.state.as_str(), "accepted" | "closed") {
        r.parcels
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let to = match p.seller_id {
                    Some(_) => r
                        .lines
                        .iter()
                        .find(|l| l.parcel == p.parcel)
                        .map(|l| l.shop_name.clone())
                        .unwrap_or_default(),
                    None => ctx.t("return-page-to-workshop"),
                };
                (p.parcel, i + 1, to)
            })
            .collect()
    } else {
        Vec::new()
    };
    ReturnCard {
        id: r.ret.id,
        state: r.ret.state.clone(),
        reason: r.ret.reason.clone(),
        charge_cents: (r.ret.buyer_pays && r.ret.charge_cents > 0).then_some(r.ret.charge_cents),
        lines,
        labels,
        withdrawable: matches!(r.ret.state.as_str(), "claimed" | "accepted")
            && r.lines.iter().all(|l| l.received_at.is_none()),
    }
}

#[derive(Template)]
#[template(path = "buy/return.html")]
struct AskPage<'a> {
    ctx: &'a PageCtx,
    order_id: i64,
    number: String,
    /// The chosen pieces: (id, title).
    chosen: Vec<(i64, String)>,
    reason: String,
    /// R2: how they travel and what it costs; None when the choice itself was refused.
    route: Option<ReturnRoute>,
    /// Destination of each parcel, in the route's order.
    destinations: Vec<String>,
    note: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AskQuery {
    pieces: Vec<i64>,
    reason: String,
}

/// The buyer's own order (A4).
async fn mine(
    s: &AppState,
    ctx: &PageCtx,
    raw: &str,
) -> Result<(Principal, OrderDetail), PageError> {
    let who = signed_in(ctx, &ctx.here)?;
    let id = parse_id(ctx, raw)?;
    match orders::detail(&s.app, &who, id).await.or_page(ctx)? {
        (d, Viewer::Buyer) => Ok((who, d)),
        _ => Err(PageError::new(ctx, AppError::NotFound)),
    }
}

/// R2: the page between choosing and confirming: where each parcel goes, what it costs.
#[allow(clippy::too_many_arguments)]
async fn ask_page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    d: &OrderDetail,
    pieces: &[i64],
    reason: &str,
    note: &str,
    mut errors: FieldErrors,
) -> Result<Response, PageError> {
    let route = match returns::preview(&s.app, who, d.order.id, pieces).await {
        Ok(r) => Some(r),
        Err(AppError::Invalid(e)) => {
            errors.0.extend(e.0);
            None
        }
        Err(e) => return Err(PageError::new(ctx, e)),
    };
    if ReturnReason::parse(reason).is_none() && errors.for_field("reason").is_none() {
        errors.add("reason", "required");
    }
    let title = |id: &i64| {
        d.lines
            .iter()
            .find(|l| l.piece_id == *id)
            .map(|l| l.title.clone())
    };
    let destinations = route
        .iter()
        .flat_map(|r| &r.parcels)
        .map(|p| match p.seller_id {
            Some(seller) => d
                .lines
                .iter()
                .find(|l| l.seller_id == seller)
                .map(|l| ctx.t1("return-page-to-shop", "shop", &l.shop_name))
                .unwrap_or_default(),
            None => ctx.t("return-page-to-workshop"),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AskPage {
        ctx,
        order_id: d.order.id,
        number: d.order.number.clone().unwrap_or_default(),
        chosen: pieces
            .iter()
            .filter_map(|id| title(id).map(|t| (*id, t)))
            .collect(),
        reason: reason.to_owned(),
        route,
        destinations,
        note: note.to_owned(),
        errors: FormErrors::new(ctx.lang, errors),
    };
    Ok((status, render(&page)).into_response())
}

/// GET `/orders/{id}/return?pieces=…&reason=…`: the confirmation page.
pub async fn new(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<AskQuery>,
) -> Result<Response, PageError> {
    let (who, d) = mine(&s, &ctx, &id).await?;
    ask_page(
        &s,
        &ctx,
        &who,
        &d,
        &q.pieces,
        &q.reason,
        "",
        FieldErrors::new(),
    )
    .await
}

/// What the confirmation form sends (multipart: the photos are files).
#[derive(Default)]
struct Sent {
    ask: ReturnAsk,
    unreadable: bool,
}

async fn read_form(multipart: Result<Multipart, MultipartRejection>) -> Sent {
    let mut sent = Sent::default();
    let Ok(mut multipart) = multipart else {
        sent.unreadable = true;
        return sent;
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                sent.unreadable = true;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let Ok(bytes) = field.bytes().await else {
            sent.unreadable = true;
            break;
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "pieces" => sent.ask.pieces.extend(text().trim().parse::<i64>().ok()),
            "reason" => sent.ask.reason = text(),
            "note" => sent.ask.note = text(),
            "expected_charge_cents" => sent.ask.expected_charge_cents = text().trim().parse().ok(),
            // A form sent without choosing a file still carries the field, empty.
            "photos" if !bytes.is_empty() => sent.ask.photos.push(bytes.to_vec()),
            _ => {}
        }
    }
    sent
}

/// POST `/orders/{id}/return`: asks the return; back to the order, or the page with the
/// field errors beside their fields.
pub async fn submit(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let (who, d) = mine(&s, &ctx, &id).await?;
    let sent = read_form(multipart).await;
    let ask = &sent.ask;
    if sent.unreadable {
        let mut e = FieldErrors::new();
        e.add("photos", "unreadable_upload");
        return ask_page(&s, &ctx, &who, &d, &ask.pieces, &ask.reason, &ask.note, e).await;
    }
    match returns::ask(&s.app, &who, d.order.id, ask).await {
        Ok(_) => Ok(see_other(&format!("/orders/{}#returns", d.order.id))),
        Err(AppError::Invalid(mut e)) => {
            // The photo checks name the single `photo` field; the form's field is `photos`.
            for f in &mut e.0 {
                if f.field == "photo" {
                    f.field = "photos".into();
                }
            }
            ask_page(&s, &ctx, &who, &d, &ask.pieces, &ask.reason, &ask.note, e).await
        }
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

/// The buyer keeps the pieces after all.
pub async fn withdraw(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, rid)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (who, d) = mine(&s, &ctx, &id).await?;
    let rid = parse_id(&ctx, &rid)?;
    returns::withdraw(&s.app, &who, rid).await.or_page(&ctx)?;
    Ok(see_other(&format!("/orders/{}#returns", d.order.id)))
}

/// The return slip, as a PDF.
pub async fn slip(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, rid)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (who, _) = mine(&s, &ctx, &id).await?;
    let rid = parse_id(&ctx, &rid)?;
    let (name, pdf) = slip_file(&s.app, &who, rid, ctx.lang).await.or_page(&ctx)?;
    Ok(attachment(&name, pdf))
}

/// A parcel's prepaid label, as a PDF.
pub async fn label(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, rid, parcel)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let (who, _) = mine(&s, &ctx, &id).await?;
    let rid = parse_id(&ctx, &rid)?;
    let parcel = parse_id(&ctx, parcel.trim_end_matches(".pdf"))?;
    let (name, pdf) = label_file(&s.app, &who, rid, parcel, ctx.lang)
        .await
        .or_page(&ctx)?;
    Ok(attachment(&name, pdf))
}

/// R5: a refund's credit note, as a PDF.
pub async fn credit_note(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, refund)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (who, d) = mine(&s, &ctx, &id).await?;
    let refund = parse_id(&ctx, refund.trim_end_matches(".pdf"))?;
    let (name, pdf) = credit_note_file(&s.app, &who, d.order.id, refund, ctx.lang)
        .await
        .or_page(&ctx)?;
    Ok(attachment(&name, pdf))
}
