//! Checkout (O1–O12, K1): addresses, both shipping modes priced side by side, gift cards,
//! "needed before", card or PayPal. "Update summary" recomputes; "Pay" places the order once
//! per rendered form (its hidden idempotency key), then shows where the payment stands.

mod form;
mod options;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::addresses::{self, SavedAddress};
use pepite_app::checkout::{self, CheckoutOutcome, PaymentOutcome, Summary};
use pepite_app::{AppError, GonePiece};
use pepite_domain::FieldErrors;
use pepite_domain::commerce::ShippingMode;

use self::form::{FormState, NEW_ADDRESS};
use self::options::ModeOption;
use super::fields::{AddressForm, Fields};
use super::{coded_text, paris_today, random_token, sandbox, signed_in};
use crate::AppState;
use crate::documents::order_invoice::address_lines;
use crate::pages::auth::countries;
use crate::pages::forms::{Form, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// A piece being bought, as listed above the options.
struct LineView {
    piece_id: i64,
    title: String,
    shop_name: String,
    cover_key: Option<String>,
    price_cents: i64,
}

#[derive(Template)]
#[template(path = "buy/checkout.html")]
struct CheckoutPage<'a> {
    ctx: &'a PageCtx,
    form: FormState,
    /// Saved addresses: (id, on one line).
    saved: Vec<(String, String)>,
    delivery_form: AddressForm,
    billing_form: AddressForm,
    countries: Vec<(&'static str, &'static str)>,
    lines: Vec<LineView>,
    /// K1: titles of the cart's pieces someone else bought first.
    gone: Vec<String>,
    options: Vec<ModeOption>,
    /// The cart's discount code, as the options apply it.
    code: Option<String>,
    duties_notice: bool,
    problem: Option<String>,
    errors: FormErrors,
    /// A fresh key per rendered form: two clicks on "Pay" make one order (O7).
    idempotency_key: String,
    sandbox: bool,
    today: String,
}

/// Why the buyer is shown the form again after trying to pay.
enum Problem {
    Declined(String),
    Conflict(&'static str),
    /// K1: sold or withdrawn, or only `held` by another buyer's payment under way.
    Gone {
        held: bool,
    },
    Unavailable,
}

impl Problem {
    fn status(&self) -> StatusCode {
        match self {
            Problem::Declined(_) => StatusCode::PAYMENT_REQUIRED,
            Problem::Conflict(_) | Problem::Gone { .. } => StatusCode::CONFLICT,
            Problem::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn text(&self, ctx: &PageCtx) -> String {
        match self {
            Problem::Declined(code) => coded_text(ctx, "declined", code),
            Problem::Conflict(code) => coded_text(ctx, "checkout-conflict", code),
            Problem::Gone { held: false } => ctx.t("checkout-gone-not-charged"),
            Problem::Gone { held: true } => ctx.t("checkout-held-not-charged"),
            Problem::Unavailable => ctx.t("checkout-unavailable"),
        }
    }
}

pub async fn show(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/checkout")?;
    let saved = addresses::list(&s.app, &who).await.or_page(&ctx)?;
    let form = FormState::first_visit(&s, &who, &saved)
        .await
        .or_page(&ctx)?;
    let shown = Shown {
        saved,
        form,
        errors: FieldErrors::new(),
        problem: None,
    };
    page(&s, &ctx, &who, shown).await
}

pub async fn submit(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/checkout")?;
    let fields = Fields(pairs);
    let saved = addresses::list(&s.app, &who).await.or_page(&ctx)?;
    let (form, errors) = FormState::read(&s, &who, &fields).await.or_page(&ctx)?;
    let mut shown = Shown {
        saved,
        form,
        errors,
        problem: None,
    };
    if fields.get("action") != "pay" || !shown.errors.is_empty() {
        return page(&s, &ctx, &who, shown).await;
    }
    let input = shown.form.input(&s, &ctx, &fields);
    let key = fields.get("idempotency_key");
    match checkout::place(&s.app, &who, key, &input).await {
        Ok(outcome) => match answer(outcome) {
            Ok(done) => return Ok(done),
            Err(code) => shown.problem = Some(Problem::Declined(code)),
        },
        Err(AppError::Invalid(e)) => shown.errors = e,
        Err(AppError::PiecesGone(p)) => {
            let held = GonePiece::all_held(&p);
            shown.problem = Some(Problem::Gone { held });
        }
        Err(AppError::Conflict("empty_cart")) => return Ok(see_other("/cart")),
        Err(AppError::Conflict(code)) => shown.problem = Some(Problem::Conflict(code)),
        Err(AppError::Unavailable(_)) => shown.problem = Some(Problem::Unavailable),
        Err(e) => return Err(e).or_page(&ctx),
    }
    page(&s, &ctx, &who, shown).await
}

/// Where a payment's outcome leads: the order, the bank's page, or back here when declined.
fn answer(outcome: CheckoutOutcome) -> Result<Response, String> {
    let order = outcome.order_id;
    match outcome.payment {
        PaymentOutcome::Paid => Ok(see_other(&format!("/orders/{order}?placed=1"))),
        PaymentOutcome::ActionRequired { redirect_url } => Ok(see_other(&redirect_url)),
        PaymentOutcome::Processing => Ok(see_other(&format!("/orders/{order}"))),
        PaymentOutcome::Declined { code } => Err(code),
    }
}

/// What the page is rendered from.
struct Shown {
    saved: Vec<SavedAddress>,
    form: FormState,
    errors: FieldErrors,
    problem: Option<Problem>,
}

/// Both modes priced for a form, or why they cannot be.
struct Priced {
    options: Vec<ModeOption>,
    /// The first summary made: its lines, the pieces gone, the code.
    summary: Option<Summary>,
    /// K1: titles of pieces gone when nothing is left to price.
    gone: Vec<String>,
    errors: FieldErrors,
    conflict: Option<&'static str>,
}

async fn price(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    form: &FormState,
    today: jiff::civil::Date,
) -> Result<Priced, AppError> {
    let policy = s.app.policy_of(ctx.shop_id()).await?;
    let codes = form.gift_card_codes();
    let mut p = Priced {
        options: Vec::new(),
        summary: None,
        gone: Vec::new(),
        errors: FieldErrors::new(),
        conflict: None,
    };
    for mode in [ShippingMode::Direct, ShippingMode::Grouped] {
        match checkout::summary(
            &s.app,
            who,
            ctx.shop_id(),
            mode,
            &form.delivery.country,
            &codes,
        )
        .await
        {
            Ok(summary) => {
                p.options
                    .push(ModeOption::new(ctx, &policy, &summary, form.mode, today));
                p.summary.get_or_insert(summary);
            }
            // Both modes are refused for the same reasons: the first mode's are enough.
            Err(AppError::Invalid(e)) => p.errors = e,
            Err(AppError::PiecesGone(list)) => {
                p.gone = list.into_iter().map(|g| g.title).collect();
            }
            Err(AppError::Conflict(code)) if code != "empty_cart" => p.conflict = Some(code),
            Err(e) => return Err(e),
        }
    }
    Ok(p)
}

/// The checkout as it stands for the form shown: both modes priced, and what went wrong.
async fn page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    shown: Shown,
) -> Result<Response, PageError> {
    let today = paris_today(s).await.or_page(ctx)?;
    let priced = match price(s, ctx, who, &shown.form, today).await {
        Ok(p) => p,
        Err(AppError::Conflict("empty_cart")) => return Ok(see_other("/cart")),
        Err(e) => return Err(e).or_page(ctx),
    };
    let mut errors = shown.errors;
    for e in priced.errors.0 {
        if errors.for_field(&e.field).is_none() {
            errors.0.push(e);
        }
    }
    let problem = shown.problem.or(priced.conflict.map(Problem::Conflict));
    let status = match &problem {
        Some(p) => p.status(),
        None if !errors.is_empty() => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let (lines, gone, code) = match &priced.summary {
        Some(sum) => (
            sum.lines
                .iter()
                .map(|l| LineView {
                    piece_id: l.row.piece_id,
                    title: l.row.title.clone(),
                    shop_name: l.row.shop_name.clone(),
                    cover_key: l.row.cover_key.clone(),
                    price_cents: l.row.price_cents,
                })
                .collect(),
            sum.gone.iter().map(|l| l.row.title.clone()).collect(),
            sum.code.as_ref().map(|c| c.code.clone()),
        ),
        None => (Vec::new(), priced.gone, None),
    };
    let form = shown.form;
    let page = CheckoutPage {
        ctx,
        saved: shown
            .saved
            .iter()
            .map(|a| {
                let line = address_lines(&a.address, ctx.lang).join(", ");
                (a.id.to_string(), line)
            })
            .collect(),
        delivery_form: AddressForm::new("delivery", &form.typed),
        billing_form: AddressForm::new("billing", &form.billing),
        countries: countries(ctx.lang),
        duties_notice: priced
            .summary
            .as_ref()
            .is_some_and(|sum| sum.quote.customs.duties_notice),
        lines,
        gone,
        code,
        options: priced.options,
        problem: problem.map(|p| p.text(ctx)),
        errors: FormErrors::new(ctx.lang, errors),
        idempotency_key: random_token(),
        sandbox: sandbox(s),
        today: today.to_string(),
        form,
    };
    Ok((status, render(&page)).into_response())
}

impl CheckoutPage<'_> {
    fn new_address(&self) -> bool {
        self.form.address_id == NEW_ADDRESS
    }

    /// Whether the form is worth showing: something can be priced, or fields need fixing.
    /// Without either (every piece gone, one's own piece), only the message and the way back
    /// to the cart are left.
    fn can_fill(&self) -> bool {
        !self.options.is_empty() || self.errors.any()
    }

    fn pays_by_card(&self) -> bool {
        self.form.method == pepite_app::payments::Method::Card
    }
}
