//! The offer and alert parts of a piece's page: which of them the viewer gets (N1, N2, L1),
//! and the forms they post. A refusal shows the piece's page again with the reason beside
//! the field, or above it when it is not about the amount.

use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::catalog::PieceView;
use pepite_app::offers::{self, Offer};
use pepite_app::{App, AppError, alerts};
use pepite_domain::FieldErrors;
use pepite_domain::piece::PieceState;
use serde::Deserialize;

use super::{amount_error, parse_amount};
use crate::AppState;
use crate::pages::buy::{parse_id, signed_in};
use crate::pages::forms::{Form, see_other};
use crate::pages::piece::{Shown, show};
use crate::pages::{PageCtx, PageError};

/// The offer part of a piece's page.
pub(in crate::pages) enum OfferBox {
    /// N1 does not hold and the viewer has made no offer here.
    Hidden,
    /// A visitor: offering needs an account (A2).
    SignIn,
    /// N1: the form, with N3's minimum, the seller's delay, what was typed and why it was
    /// refused.
    Form {
        min_cents: i64,
        answer_hours: i64,
        typed: String,
        error: Option<String>,
    },
    /// N2: the viewer's one offer on this piece, whatever became of it.
    Made(Box<Offer>),
}

/// The alert part of a piece's page (L1): only on a sold piece still shown (C4).
pub(in crate::pages) enum AlertBox {
    Hidden,
    SignIn,
    Bell { set: bool },
}

/// What the viewer of `v` may do about offers and alerts at `now`; `typed` and `errors` are
/// those of an offer just refused.
pub(in crate::pages) async fn boxes(
    app: &App,
    ctx: &PageCtx,
    v: &PieceView,
    now: i64,
    typed: &str,
    errors: &FieldErrors,
) -> Result<(OfferBox, AlertBox), AppError> {
    let p = &v.piece;
    let policy = app.policy_now().await?;
    let offerable = v.state == PieceState::Listed && p.open_to_offers && !v.is_owner;
    let offer = match &ctx.user {
        _ if v.is_owner => OfferBox::Hidden,
        None if offerable => OfferBox::SignIn,
        None => OfferBox::Hidden,
        Some(who) => match offers::on_piece(app, who, p.id).await? {
            Some(o) => OfferBox::Made(Box::new(o)),
            None if offerable => OfferBox::Form {
                min_cents: policy.offers.min_cents(p.price_cents),
                answer_hours: policy.offers.answer_hours,
                typed: typed.to_owned(),
                error: amount_error(ctx, errors),
            },
            None => OfferBox::Hidden,
        },
    };
    // The same window as `alerts::set` checks, so the bell is shown only where it works.
    let watchable = v.state == PieceState::Sold
        && !v.is_owner
        && p.sold_at
            .is_some_and(|at| at >= policy.sold_visible_since(now));
    let alert = match &ctx.user {
        _ if !watchable => AlertBox::Hidden,
        None => AlertBox::SignIn,
        Some(who) if alerts::bought(app, who, p.id).await? => AlertBox::Hidden,
        Some(who) => AlertBox::Bell {
            set: alerts::is_set(app, who, p.id).await?,
        },
    };
    Ok((offer, alert))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AmountForm {
    amount: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct BackForm {
    /// `alerts` to come back to the list of alerts; anything else is the piece's page.
    back: String,
}

/// The piece's page as the answer to a form posted from it: its own address, so that the
/// language switch leads back to the page and not to the form's address.
async fn again(s: &AppState, ctx: &PageCtx, id: i64, shown: Shown) -> Result<Response, PageError> {
    let mut ctx = ctx.clone();
    ctx.here = format!("/pieces/{id}");
    show(s, &ctx, id, shown).await
}

/// N1–N3: the buyer's offer from the piece's page.
pub(super) async fn make(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<AmountForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let who = signed_in(&ctx, &format!("/pieces/{id}"))?;
    let made = match parse_amount(&form.amount) {
        Ok(cents) => offers::make(&s.app, &who, id, cents).await.map(drop),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let shown = match made {
        Ok(()) => return Ok(see_other(&format!("/pieces/{id}?done=offer_made"))),
        Err(AppError::Invalid(errors)) => Shown {
            typed: form.amount,
            errors,
            ..Shown::default()
        },
        Err(AppError::Conflict(code)) => Shown {
            conflict: Some(code),
            ..Shown::default()
        },
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    again(&s, &ctx, id, shown).await
}

/// L1: the bell on a sold piece.
pub(super) async fn set_alert(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let who = signed_in(&ctx, &format!("/pieces/{id}"))?;
    match alerts::set(&s.app, &who, id).await {
        Ok(()) => Ok(see_other(&format!("/pieces/{id}?done=alert_set"))),
        Err(AppError::Conflict(code)) => {
            let shown = Shown {
                conflict: Some(code),
                ..Shown::default()
            };
            again(&s, &ctx, id, shown).await
        }
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

/// Takes one's alert off, from the piece's page or the list of alerts.
pub(super) async fn remove_alert(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<BackForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let back = if form.back == "alerts" {
        "/account/alerts".to_owned()
    } else {
        format!("/pieces/{id}")
    };
    let who = signed_in(&ctx, &back)?;
    match alerts::remove(&s.app, &who, id).await {
        // Already gone (fired, or a second click): the person's wish holds all the same.
        Ok(()) | Err(AppError::NotFound) => Ok(see_other(&format!("{back}?done=alert_removed"))),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
