//! The ledger for finance staff (P2): every account with its balance and number of entries,
//! the audit (all entries sum to zero, no journal unbalanced), and one account's entries,
//! newest first, seller accounts named by their shops; and the ledger's entries of a date
//! range exported as CSV. Balances are derived by the store; nothing here computes money.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::finance::{self, EntryRow, Overview, seller_of};
use pepite_domain::FieldErrors;
use pepite_domain::commerce::Account;
use serde::Deserialize;

use super::days::{day_of, hour_of};
use super::{conflict_message, fail, staff};
use crate::AppState;
use crate::documents::journal_csv;
use crate::pages::forms::Query;
use crate::pages::{FormErrors, PageCtx, PageError, render};

const PAGE: i64 = 100;

/// The text key explaining what an account holds.
fn about(key: &str) -> &'static str {
    match Account::parse(key) {
        Some(Account::PspClearing) => "bo-ledger-psp-clearing",
        Some(Account::GiftCard(_)) => "bo-ledger-gift-card",
        Some(Account::SellerPending(_)) => "bo-ledger-seller-pending",
        Some(Account::SellerPayable(_)) => "bo-ledger-seller-payable",
        Some(Account::Commission) => "bo-ledger-commission",
        Some(Account::ShippingIncome) => "bo-ledger-shipping",
        Some(Account::QcFees) => "bo-ledger-qc-fees",
        Some(Account::Discounts) => "bo-ledger-discounts",
        Some(Account::Refunds) => "bo-ledger-refunds",
        Some(Account::OrderHold(_)) => "bo-ledger-hold",
        Some(Account::UnsoldCharge(_)) => "bo-ledger-unsold",
        Some(Account::Refund(_)) => "bo-ledger-refund-owed",
        Some(Account::PayoutsClearing) => "bo-ledger-payouts",
        Some(Account::StoreCredit { .. }) => "bo-ledger-store-credit",
        Some(Account::TradeInCost(_)) => "bo-ledger-tradein-cost",
        Some(Account::VoucherRequest(_)) => "bo-ledger-voucher-request",
        Some(Account::ChannelRedeemed(_)) => "bo-ledger-channel-redeemed",
        Some(Account::VoucherExpired(_)) => "bo-ledger-voucher-expired",
        None => "bo-ledger-unknown",
    }
}

/// Which side a balance stands on: debit (positive), credit (negative), or settled.
fn side(balance: i64) -> &'static str {
    match balance.signum() {
        1 => "bo-ledger-debit",
        -1 => "bo-ledger-credit",
        _ => "bo-ledger-settled",
    }
}

#[derive(Template)]
#[template(path = "backoffice/finance.html")]
struct OverviewPage<'a> {
    ctx: &'a PageCtx,
    o: Overview,
    /// The export form: its days, and why they were refused.
    range: RangeQuery,
    errors: FormErrors,
    message: Option<String>,
}

impl OverviewPage<'_> {
    /// The shop a seller account belongs to.
    fn shop(&self, key: &str) -> Option<&String> {
        seller_of(key).and_then(|id| self.o.shops.get(&id))
    }

    fn balanced(&self) -> bool {
        self.o.total_cents == 0 && self.o.unbalanced_journals == 0
    }

    fn about(&self, key: &str) -> String {
        self.ctx.t(about(key))
    }

    fn side(&self, balance: &i64) -> String {
        self.ctx.t(side(*balance))
    }
}

/// The days of an export, as the date inputs hold them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RangeQuery {
    from: String,
    to: String,
}

pub(super) async fn overview(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    page(
        &state,
        &ctx,
        RangeQuery::default(),
        FieldErrors::new(),
        None,
    )
    .await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    mut range: RangeQuery,
    errors: FieldErrors,
    message: Option<String>,
) -> Result<Response, PageError> {
    let who = staff(ctx)?;
    let o = finance::overview(&state.app, &who)
        .await
        .map_err(|e| fail(ctx, e))?;
    if range.from.is_empty() && range.to.is_empty() {
        // This month so far: the export most often asked for.
        let today = day_of(state.app.now_us().await.map_err(|e| fail(ctx, e))?);
        range.from = format!("{}-01", &today[..7]);
        range.to = today;
    }
    let refused = !errors.is_empty() || message.is_some();
    let page = OverviewPage {
        ctx,
        o,
        range,
        errors: FormErrors::new(ctx.lang, errors),
        message,
    };
    if refused {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
    } else {
        Ok(render(&page))
    }
}

/// P2: the entries of a range of Paris days as CSV; refused days come back to the finance
/// page with the reason beside the field.
pub(super) async fn journal(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<RangeQuery>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    match finance::journal(&state.app, &who, &q.from, &q.to).await {
        Ok((rows, shops)) => {
            let name = format!("ledger-{}-{}.csv", q.from.trim(), q.to.trim());
            Ok(journal_csv(&rows, &shops).download(&name))
        }
        Err(AppError::Invalid(errors)) => page(&state, &ctx, q, errors, None).await,
        Err(AppError::Conflict(code)) => {
            let message = Some(conflict_message(&ctx, code));
            page(&state, &ctx, q, FieldErrors::new(), message).await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct EntriesQuery {
    before: String,
}

#[derive(Template)]
#[template(path = "backoffice/finance_account.html")]
struct AccountPage<'a> {
    ctx: &'a PageCtx,
    key: String,
    balance: i64,
    entries: Vec<EntryRow>,
    next: Option<String>,
}

impl AccountPage<'_> {
    fn about(&self) -> String {
        self.ctx.t(about(&self.key))
    }

    fn side(&self) -> String {
        self.ctx.t(side(self.balance))
    }

    fn hour(&self, us: &i64) -> String {
        hour_of(*us)
    }

    /// The amount without its sign: the column says debit or credit.
    fn amount(&self, cents: &i64) -> String {
        self.ctx.money(&cents.abs())
    }
}

pub(super) async fn account(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(key): Path<String>,
    Query(q): Query<EntriesQuery>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let (balance, entries) = finance::account(&state.app, &who, &key, q.before.parse().ok(), PAGE)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let next = (entries.len() as i64 == PAGE)
        .then(|| entries.last())
        .flatten()
        .map(|last| format!("/back-office/finance/accounts/{key}?before={}", last.id));
    Ok(render(&AccountPage {
        ctx: &ctx,
        key,
        balance,
        entries,
        next,
    }))
}
