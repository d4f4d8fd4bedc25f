//! The back office's landing page (A1, A4): for the roles the staff member holds, the queues
//! waiting now with links to handle them, and the last 30 days as server-drawn charts, each
//! with a table of the same numbers. Anyone else finds no such page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use pepite_app::dashboard::{self, Dashboard};
use pepite_store::dashboard::Day;

use super::charts::{Chart, Line, amounts, chart, counts};
use super::{fail, staff};
use crate::AppState;
use crate::i18n;
use crate::pages::{PageCtx, PageError, render};

/// One queue: its label, how many wait, and where they are handled (if a page lists them).
pub(super) struct Queue {
    pub label: String,
    pub count: i64,
    pub href: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "backoffice/overview.html")]
struct Overview<'a> {
    ctx: &'a PageCtx,
    d: Dashboard,
    queues: Vec<Queue>,
    charts: Vec<Chart>,
}

pub(in crate::pages) fn number(_: &PageCtx, v: i64) -> String {
    v.to_string()
}

pub(in crate::pages) fn money(ctx: &PageCtx, cents: i64) -> String {
    ctx.money(&cents)
}

/// The queues the person's roles open, in the order they are usually handled.
fn queues(ctx: &PageCtx, d: &Dashboard) -> Vec<Queue> {
    let q = &d.queues;
    let mut list = Vec::new();
    let mut add = |open: bool, key: &str, count: i64, href: Option<&'static str>| {
        if open {
            list.push(Queue {
                label: ctx.t(key),
                count,
                href,
            });
        }
    };
    let support = d.support;
    let floor = d.support || d.workshop;
    add(
        support,
        "bo-queue-to-ship",
        q.orders_to_ship,
        Some("/back-office/orders"),
    );
    add(
        floor,
        "bo-queue-late",
        q.late_lines,
        Some("/back-office/workshop/late"),
    );
    add(
        d.workshop,
        "bo-queue-workshop",
        q.workshop_orders,
        Some("/back-office/workshop"),
    );
    add(
        floor,
        "bo-queue-returns",
        q.returns_to_receive,
        Some("/back-office/returns"),
    );
    add(
        support,
        "bo-queue-lost",
        q.lost_parcels,
        Some("/back-office/parcel-reports"),
    );
    add(
        support,
        "bo-queue-support",
        q.support_open,
        Some("/back-office/support?state=open"),
    );
    add(support, "bo-queue-offers", q.offers_waiting, None);
    add(
        support,
        "bo-queue-mails",
        q.failed_mails,
        Some("/back-office/mailbox?state=dead"),
    );
    add(
        d.admin,
        "bo-queue-jobs",
        q.failed_jobs,
        Some("/back-office/jobs?state=dead"),
    );
    add(
        d.finance,
        "bo-queue-payouts",
        q.payouts_to_confirm,
        Some("/back-office/payouts"),
    );
    list
}

pub(in crate::pages) fn line(
    ctx: &PageCtx,
    key: &str,
    values: Vec<i64>,
    show: fn(&PageCtx, i64) -> String,
) -> Line {
    Line {
        label: ctx.t(key),
        values,
        show,
    }
}

/// The charts the person's roles open.
fn charts(ctx: &PageCtx, d: &Dashboard) -> Vec<Chart> {
    let days: Vec<String> = d
        .days
        .iter()
        .map(|us| i18n::day_month(ctx.lang, *us))
        .collect();
    let pair = |id, title: &str, keys: [&str; 2], (a, b): &(Vec<Day>, Vec<Day>)| {
        let lines = vec![
            line(ctx, keys[0], counts(a), number),
            line(ctx, keys[1], counts(b), number),
        ];
        chart(ctx, id, ctx.t(title), &days, lines)
    };
    let mut list = Vec::new();
    if let Some(sales) = &d.sales {
        let amount = vec![line(ctx, "bo-series-sales-amount", amounts(sales), money)];
        list.push(chart(
            ctx,
            "sales-amount",
            ctx.t("bo-chart-sales-amount"),
            &days,
            amount,
        ));
        let count = vec![line(ctx, "bo-series-sales", counts(sales), number)];
        list.push(chart(ctx, "sales", ctx.t("bo-chart-sales"), &days, count));
    }
    let orders = vec![line(ctx, "bo-series-orders", counts(&d.orders), number)];
    list.push(chart(
        ctx,
        "orders",
        ctx.t("bo-chart-orders"),
        &days,
        orders,
    ));
    if let Some(offers) = &d.offers {
        let keys = ["bo-series-offers-made", "bo-series-offers-accepted"];
        list.push(pair("offers", "bo-chart-offers", keys, offers));
    }
    if let Some(mails) = &d.mails {
        let keys = ["bo-series-mails-sent", "bo-series-mails-failed"];
        list.push(pair("mails", "bo-chart-mails", keys, mails));
    }
    if let Some(jobs) = &d.jobs {
        let failed = vec![line(ctx, "bo-series-jobs-failed", counts(jobs), number)];
        list.push(chart(ctx, "jobs", ctx.t("bo-chart-jobs"), &days, failed));
    }
    list
}

pub(super) async fn overview(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let d = dashboard::dashboard(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&Overview {
        ctx: &ctx,
        queues: queues(&ctx, &d),
        charts: charts(&ctx, &d),
        d,
    }))
}
