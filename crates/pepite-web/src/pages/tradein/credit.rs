//! T7: the person's store credit per programme, their vouchers and the vouchers waiting for
//! their date (each may be withdrawn), and the form that turns credit into a voucher now or
//! on a chosen day (from midnight, Paris time).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::credit::{self, RequestRow, VoucherInput, Wallet};
use pepite_domain::fields::FieldError;
use pepite_domain::{FieldErrors, Money};
use serde::Deserialize;

use super::conflict_text;
use crate::AppState;
use crate::pages::buy::{parse_id, signed_in};
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

/// The voucher form as sent (and shown again).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VoucherForm {
    programme: String,
    amount: String,
    /// "now" or "later".
    when: String,
    issue_on: String,
}

/// The credit form's errors, in this page's words: the voucher rules' codes get sentences of
/// their own, with the minimum as money rather than in cents.
pub struct CreditErrors {
    list: Vec<(String, String)>,
}

impl CreditErrors {
    fn new(ctx: &PageCtx, errors: &FieldErrors) -> Self {
        let list = errors
            .0
            .iter()
            .map(|e| (e.field.clone(), message(ctx, e)))
            .collect();
        CreditErrors { list }
    }

    pub fn msg(&self, field: &str) -> Option<String> {
        self.list
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }

    pub fn any(&self) -> bool {
        !self.list.is_empty()
    }

    pub fn all(&self) -> Vec<(String, String)> {
        self.list.clone()
    }
}

fn message(ctx: &PageCtx, e: &FieldError) -> String {
    let limit = e.limit.unwrap_or_default();
    match e.code {
        "credit_too_low" => ctx.t("tradein-credit-error-too-low"),
        "amount_too_small" => ctx.t1("tradein-credit-error-too-small", "min", ctx.money(&limit)),
        "too_far" => ctx.t1("tradein-credit-error-too-far", "days", limit),
        _ => crate::i18n::field_message(ctx.lang, e),
    }
}

/// A voucher as the person reads it.
struct VoucherView {
    code: String,
    programme: String,
    initial_cents: i64,
    balance_cents: i64,
    expires_at: i64,
    state: String,
}

/// A voucher waiting for its date, or one already issued or withdrawn.
struct RequestView {
    row: RequestRow,
    programme: String,
    state: String,
}

#[derive(Template)]
#[template(path = "tradein/credit.html")]
struct CreditPage<'a> {
    ctx: &'a PageCtx,
    credits: Vec<(i64, String, i64)>,
    vouchers: Vec<VoucherView>,
    requests: Vec<RequestView>,
    form: VoucherForm,
    errors: CreditErrors,
    notice: Option<String>,
    problem: Option<String>,
    min_cents: i64,
    today: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreditQuery {
    done: String,
}

async fn page(
    s: &AppState,
    ctx: &PageCtx,
    form: VoucherForm,
    errors: FieldErrors,
    notice: Option<String>,
    problem: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let who = signed_in(ctx, "/trade-in/credit")?;
    let Wallet {
        credits,
        vouchers,
        requests,
    } = credit::wallet(&s.app, &who).await.or_page(ctx)?;
    let programmes = pepite_app::tradein::all(&s.app).await.or_page(ctx)?;
    let name = |id: i64| {
        programmes
            .iter()
            .find(|p| p.row.id == id)
            .map(|p| p.row.name.clone())
            .unwrap_or_default()
    };
    let now = s.app.now_us().await.or_page(ctx)?;
    let vouchers = vouchers
        .into_iter()
        .map(|v| {
            let i = &v.instrument;
            let state = if i.expires_at <= now || i.state == "expired" {
                "expired"
            } else if i.balance_cents == 0 {
                "used-up"
            } else {
                "active"
            };
            VoucherView {
                code: i.code.clone(),
                programme: name(v.programme_id),
                initial_cents: i.initial_cents,
                balance_cents: i.balance_cents,
                expires_at: i.expires_at,
                state: ctx.t(&format!("tradein-voucher-state-{state}")),
            }
        })
        .collect();
    let requests = requests
        .into_iter()
        .map(|r| RequestView {
            programme: name(r.programme_id),
            state: ctx.label("tradein-request-state", &r.state),
            row: r,
        })
        .collect();
    let status = match &problem {
        Some((status, _)) => *status,
        None if !errors.is_empty() => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = CreditPage {
        ctx,
        credits: credits
            .into_iter()
            .map(|c| (c.programme_id, c.programme_name, c.balance_cents))
            .collect(),
        vouchers,
        requests,
        form,
        errors: CreditErrors::new(ctx, &errors),
        notice,
        problem: problem.map(|p| p.1),
        min_cents: credit::VOUCHER_MIN_CENTS,
        today: pepite_app::tradein::paris_date(now).to_string(),
    };
    Ok((status, render(&page)).into_response())
}

/// T7: the credit, the vouchers and the form.
pub async fn show(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<CreditQuery>,
) -> Result<Response, PageError> {
    let notice = match q.done.as_str() {
        "issued" | "scheduled" | "withdrawn" => Some(ctx.t(&format!("tradein-credit-{}", q.done))),
        _ => None,
    };
    let form = VoucherForm {
        when: "now".into(),
        ..VoucherForm::default()
    };
    page(&s, &ctx, form, FieldErrors::new(), notice, None).await
}

/// Midnight in Paris at the start of `day`, in microseconds.
fn paris_midnight(day: jiff::civil::Date) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get("Europe/Paris").ok()?;
    let z = day.at(0, 0, 0, 0).to_zoned(tz).ok()?;
    Some(z.timestamp().as_microsecond())
}

/// The use case's input, or the fields this page reads itself (amount, date).
fn input(form: &VoucherForm) -> Result<VoucherInput, FieldErrors> {
    let mut e = FieldErrors::new();
    let programme_id = form.programme.trim().parse::<i64>().ok();
    if programme_id.is_none() {
        e.add("programme", "required");
    }
    let amount = e.take(Money::parse_amount(
        "amount",
        &form.amount,
        pepite_domain::money::MAX_PRICE,
    ));
    let issue_at = if form.when == "later" {
        let day = form.issue_on.trim().parse::<jiff::civil::Date>().ok();
        match day.and_then(paris_midnight) {
            Some(us) => Some(us),
            None => {
                e.add(
                    "issue_on",
                    if form.issue_on.trim().is_empty() {
                        "required"
                    } else {
                        "invalid_date"
                    },
                );
                None
            }
        }
    } else {
        None
    };
    match (programme_id, amount) {
        (Some(programme_id), Some(amount)) if e.is_empty() => Ok(VoucherInput {
            programme_id,
            amount_cents: amount.cents(),
            issue_at,
        }),
        _ => Err(e),
    }
}

/// T7: a voucher now, or on the chosen day.
pub async fn request(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<VoucherForm>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/trade-in/credit")?;
    let input = match input(&form) {
        Ok(input) => input,
        Err(errors) => return page(&s, &ctx, form, errors, None, None).await,
    };
    match credit::request(&s.app, &who, &input).await {
        Ok(r) => {
            let done = if r.state == "issued" {
                "issued"
            } else {
                "scheduled"
            };
            Ok(see_other(&format!("/trade-in/credit?done={done}")))
        }
        Err(AppError::Invalid(errors)) => {
            // The use case names the date `issue_at`; the form's field is `issue_on`.
            let errors = FieldErrors(
                errors
                    .0
                    .into_iter()
                    .map(|mut f| {
                        if f.field == "issue_at" {
                            f.field = "issue_on".into();
                        }
                        f
                    })
                    .collect(),
            );
            page(&s, &ctx, form, errors, None, None).await
        }
        Err(AppError::NotFound) => {
            let errors = FieldErrors(vec![FieldError::new("programme", "unknown_value")]);
            page(&s, &ctx, form, errors, None, None).await
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}

/// T7: withdraws a voucher still waiting for its date; its credit comes back.
pub async fn withdraw(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/trade-in/credit")?;
    let request_id = parse_id(&ctx, &id)?;
    match credit::cancel(&s.app, &who, request_id).await {
        Ok(()) => Ok(see_other("/trade-in/credit?done=withdrawn")),
        Err(AppError::Conflict(code)) => {
            let form = VoucherForm {
                when: "now".into(),
                ..VoucherForm::default()
            };
            let problem = (StatusCode::CONFLICT, conflict_text(&ctx, code));
            page(&s, &ctx, form, FieldErrors::new(), None, Some(problem)).await
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}
