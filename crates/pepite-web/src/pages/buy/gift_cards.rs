//! Gift cards (G1, G2): buying one for someone (25–500 €, a message, paid by card or PayPal,
//! once per rendered form), the cards one bought with their printable version, and the
//! balance check anyone holding a code may make.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::checkout::PaymentOutcome;
use pepite_app::gift_cards::{self, Balance, GiftCardInput};
use pepite_app::payments::Method;
use pepite_domain::{FieldErrors, Money};
use pepite_store::commerce::instruments::InstrumentRow;
use serde::Deserialize;

use super::{coded_text, parse_id, random_token, sandbox, signed_in};
use crate::AppState;
use crate::auth::ClientAddr;
use crate::documents::{gift_card_doc, gift_card_pdf};
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// What the buy form sends (and shows again, the card number excepted).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BuyForm {
    amount: String,
    recipient_name: String,
    recipient_email: String,
    sender_name: String,
    message: String,
    method: String,
    card_number: String,
    idempotency_key: String,
}

#[derive(Template)]
#[template(path = "buy/gift_cards.html")]
struct GiftCardsPage<'a> {
    ctx: &'a PageCtx,
    form: BuyForm,
    errors: FormErrors,
    problem: Option<String>,
    mine: Vec<InstrumentRow>,
    min_cents: i64,
    max_cents: i64,
    idempotency_key: String,
    sandbox: bool,
}

impl GiftCardsPage<'_> {
    fn pays_by_card(&self) -> bool {
        self.form.method != Method::Paypal.as_str()
    }
}

/// The buy form, the person's cards and the balance check.
async fn page(
    s: &AppState,
    ctx: &PageCtx,
    form: BuyForm,
    errors: FieldErrors,
    problem: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let policy = s.app.policy_now().await.or_page(ctx)?;
    let mine = match &ctx.user {
        Some(who) => gift_cards::list_mine(&s.app, who).await.or_page(ctx)?,
        None => Vec::new(),
    };
    let status = match &problem {
        Some((status, _)) => *status,
        None if !errors.is_empty() => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = GiftCardsPage {
        ctx,
        form,
        errors: FormErrors::new(ctx.lang, errors),
        problem: problem.map(|p| p.1),
        mine,
        min_cents: policy.gift_card_min_cents,
        max_cents: policy.gift_card_max_cents,
        idempotency_key: random_token(),
        sandbox: sandbox(s),
    };
    Ok((status, render(&page)).into_response())
}

pub async fn show(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let form = BuyForm {
        amount: "50".into(),
        sender_name: ctx.display_name(),
        ..BuyForm::default()
    };
    page(&s, &ctx, form, FieldErrors::new(), None).await
}

pub async fn buy(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<BuyForm>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/gift-cards")?;
    let input = input(&s, &form);
    let problem = match gift_cards::buy(&s.app, &who, &form.idempotency_key, &input).await {
        Ok(outcome) => {
            let card = outcome.gift_card_id;
            match outcome.payment {
                PaymentOutcome::Paid => {
                    return Ok(see_other(&format!("/gift-cards/{card}?bought=1")));
                }
                PaymentOutcome::ActionRequired { redirect_url } => {
                    return Ok(see_other(&redirect_url));
                }
                PaymentOutcome::Processing => return Ok(see_other(&format!("/gift-cards/{card}"))),
                PaymentOutcome::Declined { code } => (
                    StatusCode::PAYMENT_REQUIRED,
                    coded_text(&ctx, "declined", &code),
                ),
            }
        }
        Err(AppError::Invalid(errors)) => {
            return page(
                &s,
                &ctx,
                BuyForm {
                    card_number: String::new(),
                    ..form
                },
                errors,
                None,
            )
            .await;
        }
        Err(AppError::Unavailable(_)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            ctx.t("checkout-unavailable"),
        ),
        Err(AppError::Conflict(code)) => (
            StatusCode::CONFLICT,
            coded_text(&ctx, "checkout-conflict", code),
        ),
        Err(e) => return Err(e).or_page(&ctx),
    };
    let form = BuyForm {
        card_number: String::new(),
        ..form
    };
    page(&s, &ctx, form, FieldErrors::new(), Some(problem)).await
}

/// The use case's input; an amount that cannot be read counts as none, which the use case
/// refuses with its range.
fn input(s: &AppState, form: &BuyForm) -> GiftCardInput {
    let amount = Money::parse_amount("amount", &form.amount, pepite_domain::money::MAX_PRICE)
        .map_or(0, |m| m.cents());
    let method = Method::parse(&form.method).unwrap_or(Method::Card);
    GiftCardInput {
        amount_cents: amount,
        recipient_name: form.recipient_name.clone(),
        recipient_email: form.recipient_email.clone(),
        sender_name: form.sender_name.clone(),
        message: form.message.clone(),
        method,
        token: match method {
            Method::Card => form.card_number.clone(),
            Method::Paypal => "paypal".into(),
        },
        return_url: format!(
            "{}/gift-cards/{{card}}",
            s.config.public_url.trim_end_matches('/')
        ),
    }
}

#[derive(Template)]
#[template(path = "buy/gift_card.html")]
struct GiftCardPage<'a> {
    ctx: &'a PageCtx,
    card: InstrumentRow,
    bought: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CardQuery {
    bought: Option<String>,
}

/// One of the person's own cards (A4: anyone else's is not found).
async fn mine(s: &AppState, ctx: &PageCtx, raw_id: &str) -> Result<InstrumentRow, PageError> {
    let who = signed_in(ctx, &ctx.here)?;
    let id = parse_id(ctx, raw_id)?;
    gift_cards::mine(&s.app, &who, id).await.or_page(ctx)
}

/// A card the person bought: its code, what is left on it, until when.
pub async fn card(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<CardQuery>,
) -> Result<Response, PageError> {
    let card = mine(&s, &ctx, &id).await?;
    Ok(render(&GiftCardPage {
        ctx: &ctx,
        bought: q.bought.is_some() && card.state == "active",
        card,
    }))
}

/// G1: the printable card, in the buyer's language.
pub async fn card_pdf(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let card = mine(&s, &ctx, &id).await?;
    if card.state != "active" {
        return Err(PageError::new(&ctx, AppError::NotFound));
    }
    let doc = gift_card_doc(
        ctx.lang,
        card.initial_cents,
        &card.code,
        &card.recipient_name,
        &card.sender_name,
        &card.message,
        card.expires_at,
    );
    let disposition = format!(
        "attachment; filename=\"{}-{}.pdf\"",
        ctx.t("gift-card-file"),
        card.id
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        gift_card_pdf(&doc),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "buy/balance.html")]
struct BalancePage<'a> {
    ctx: &'a PageCtx,
    code: String,
    balance: Option<Balance>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BalanceQuery {
    code: String,
}

/// G2: what is left on a code (unknown, unpaid and failed cards all look unknown).
pub async fn balance(
    State(s): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    Query(q): Query<BalanceQuery>,
) -> Result<Response, PageError> {
    let (balance, errors) = if q.code.trim().is_empty() {
        (None, FieldErrors::new())
    } else {
        match gift_cards::balance(&s.app, &q.code, &addr).await {
            Ok(b) => (Some(b), FieldErrors::new()),
            Err(AppError::Invalid(e)) => (None, e),
            Err(e) => return Err(e).or_page(&ctx),
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = BalancePage {
        ctx: &ctx,
        code: q.code.trim().to_owned(),
        balance,
        errors: FormErrors::new(ctx.lang, errors),
    };
    Ok((status, render(&page)).into_response())
}
