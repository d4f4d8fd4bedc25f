//! The seller's inbox, `/sell/offers` (N4–N6): offers awaiting an answer first, soonest
//! deadline first, each with its accept, refuse and counter-offer forms; then the offers
//! already handled. A refused counter-offer is shown beside its own field.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::offers::{self, Answer, Offer};
use pepite_app::{App, AppError};
use pepite_domain::FieldErrors;
use pepite_domain::offers::OfferState;
use serde::Deserialize;

use super::{amount_error, conflict_text, parse_amount};
use crate::AppState;
use crate::pages::buy::{parse_id, signed_in};
use crate::pages::error::bad_request;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

/// The page size of `offers::inbox`: a full page means there may be older ones.
const PAGE: usize = 50;

/// How many offers await the seller's answer, for the link on the seller's dashboard.
pub(in crate::pages) async fn open_count(app: &App, who: &Principal) -> Result<usize, AppError> {
    Ok(offers::awaiting_count(app, who).await? as usize)
}

/// One offer awaiting an answer, with its counter-offer field.
struct OpenLine {
    offer: Offer,
    /// "Camille offers 60 € (listed at 85 €)".
    line: String,
    /// N5's lowest counter-offer: above the offer, and N3's minimum.
    min_cents: i64,
    typed: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "offers/inbox.html")]
struct InboxPage<'a> {
    ctx: &'a PageCtx,
    answer_hours: i64,
    agreed_hours: i64,
    open: Vec<OpenLine>,
    past: Vec<Offer>,
    older: Option<i64>,
    notice: Option<&'static str>,
    problem: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct InboxQuery {
    before: String,
    done: String,
}

/// What the inbox shows besides the offers.
#[derive(Default)]
struct Shown {
    before: Option<i64>,
    notice: Option<&'static str>,
    conflict: Option<&'static str>,
    /// A counter-offer just refused: the offer, what was typed and why.
    refused: Option<(i64, String, FieldErrors)>,
}

async fn page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    shown: Shown,
) -> Result<Response, PageError> {
    let rules = s.app.policy_now().await.or_page(ctx)?.offers.clone();
    let open = offers::awaiting(&s.app, who).await.or_page(ctx)?;
    let handled = offers::inbox(&s.app, who, shown.before)
        .await
        .or_page(ctx)?;
    let older = (handled.len() == PAGE)
        .then(|| handled.last().map(|o| o.id))
        .flatten();
    let past = handled
        .into_iter()
        .filter(|o| o.state != OfferState::Open)
        .collect();
    let open = open
        .into_iter()
        .map(|offer| {
            let (typed, error) = match &shown.refused {
                Some((id, typed, errors)) if *id == offer.id => {
                    (typed.clone(), amount_error(ctx, errors))
                }
                _ => (String::new(), None),
            };
            let line = crate::i18n::t_args(
                ctx.lang,
                "sell-offers-line",
                &[
                    ("buyer", offer.buyer_name.clone()),
                    ("amount", ctx.money(&offer.amount_cents)),
                    ("list", ctx.money(&offer.list_cents)),
                ],
            );
            OpenLine {
                min_cents: rules.counter_min_cents(offer.list_cents, offer.amount_cents),
                line,
                offer,
                typed,
                error,
            }
        })
        .collect();
    let status = if shown.conflict.is_some() {
        StatusCode::CONFLICT
    } else if shown.refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = InboxPage {
        ctx,
        answer_hours: rules.answer_hours,
        agreed_hours: rules.agreed_hours,
        open,
        past,
        older,
        notice: shown.notice,
        problem: shown.conflict.map(|c| conflict_text(ctx, c)),
    };
    Ok((status, render(&page)).into_response())
}

pub(super) async fn inbox(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<InboxQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/sell/offers")?;
    if who.seller_id.is_none() {
        // No shop yet: the seller space offers to open one.
        return Ok(see_other("/sell"));
    }
    let notice = match q.done.as_str() {
        "accepted" => Some("sell-offers-done-accepted"),
        "refused" => Some("sell-offers-done-refused"),
        "countered" => Some("sell-offers-done-countered"),
        _ => None,
    };
    let shown = Shown {
        before: q.before.parse().ok(),
        notice,
        ..Shown::default()
    };
    page(&s, &ctx, &who, shown).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AnswerForm {
    /// `accept`, `refuse` or `counter`.
    action: String,
    /// The counter-offer in euros.
    amount: String,
}

pub(super) async fn answer(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let who = signed_in(&ctx, "/sell/offers")?;
    let (answer, done) = match form.action.as_str() {
        "accept" => (Ok(Answer::Accept), "accepted"),
        "refuse" => (Ok(Answer::Refuse), "refused"),
        "counter" => (parse_amount(&form.amount).map(Answer::Counter), "countered"),
        _ => return Ok(bad_request(&ctx)),
    };
    let answered = match answer {
        Ok(a) => offers::answer(&s.app, &who, id, a).await.map(drop),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let shown = match answered {
        Ok(()) => return Ok(see_other(&format!("/sell/offers?done={done}"))),
        Err(AppError::Invalid(errors)) => Shown {
            refused: Some((id, form.amount, errors)),
            ..Shown::default()
        },
        Err(AppError::Conflict(code)) => Shown {
            conflict: Some(code),
            ..Shown::default()
        },
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    let mut ctx = ctx;
    ctx.here = "/sell/offers".into();
    page(&s, &ctx, &who, shown).await
}
