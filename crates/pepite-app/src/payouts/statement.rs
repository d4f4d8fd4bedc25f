//! P1: what a seller is owed, line by line with dates, and what every shop is owed for
//! finance, with the platform's commission.

use pepite_domain::account::Role;
use pepite_domain::commerce::Account;
use pepite_domain::time::DAY_US;
use pepite_store::commerce::ledger;
use pepite_store::commerce::payouts::{self as store, Owed, StatementLine};

use crate::accounts::Principal;
use crate::{App, AppError};

/// A seller's statement: totals by status and the lines, newest first.
#[derive(Debug, Clone)]
pub struct Statement {
    pub owed: Owed,
    pub lines: Vec<StatementItem>,
}

/// A line of the statement, with the day it becomes payable while pending.
#[derive(Debug, Clone)]
pub struct StatementItem {
    pub line: StatementLine,
    /// Delivered with no return asked: its window's end (`None` before delivery, or while a
    /// return is in progress).
    pub payable_from: Option<i64>,
}

/// P1/A4: the caller's own shop's statement; only its own lines.
pub async fn statement(
    app: &App,
    who: &Principal,
    before_order: Option<i64>,
) -> Result<Statement, AppError> {
    let seller_id = who.seller_id.ok_or(AppError::Forbidden)?;
    // P3: the return window of the shop the seller sells in.
    let window = crate::shops::policy_of_seller(app, seller_id)
        .await?
        .return_window_days
        * DAY_US;
    let lines = store::statement_lines(&app.db, seller_id, before_order, 100).await?;
    let lines = lines
        .into_iter()
        .map(|line| StatementItem {
            payable_from: match (&line.status[..], line.delivered_at, line.return_asked_at) {
                ("pending", Some(at), None) => Some(at + window),
                _ => None,
            },
            line,
        })
        .collect();
    Ok(Statement {
        owed: store::owed_to(&app.db, seller_id).await?,
        lines,
    })
}

/// The finance page's figures.
#[derive(Debug, Clone)]
pub struct Payables {
    /// The shops owed most, with what they are owed by status.
    pub shops: Vec<Owed>,
    /// Shops with a released balance and no payout account: a run cannot pay them.
    pub waiting: Vec<(i64, String, i64, i64)>,
    /// The platform's commission earned so far (the ledger's balance, as a positive sum).
    pub commission_cents: i64,
}

/// P1/P2: seller payables and the platform's commission (finance).
pub async fn payables(app: &App, who: &Principal) -> Result<Payables, AppError> {
    who.require(Role::Finance)?;
    Ok(Payables {
        shops: store::owed_by_shop(&app.db, 200).await?,
        waiting: store::waiting_for_account(&app.db, 200).await?,
        commission_cents: -ledger::balance(&app.db, &Account::Commission.key()).await?,
    })
}
