//! The ledger for finance staff (P2): every account with its balance and number of entries,
//! the audit (all entries sum to zero, no journal unbalanced), and one account's entries,
//! newest first. Balances are derived by the store; nothing here computes money.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::finance::{self, EntryRow, Overview};
use pepite_domain::commerce::Account;
use serde::Deserialize;

use super::days::hour_of;
use super::{fail, staff};
use crate::AppState;
use crate::pages::forms::Query;
use crate::pages::{PageCtx, PageError, render};

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
}

impl OverviewPage<'_> {
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

pub(super) async fn overview(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let o = finance::overview(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&OverviewPage { ctx: &ctx, o }))
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
