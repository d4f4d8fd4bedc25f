//! Issue 12, item 9: a programme's dashboard for its partner: the boxes by state and how long
//! those at the warehouse have waited, and over the last 30 days the pieces accepted and
//! refused (with the reasons), the credit given, the vouchers issued and what each sales
//! channel redeemed; daily figures as the back office's server-drawn charts, each with its
//! table of numbers.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::tradein::Programme;
use pepite_app::tradein::dashboard::{self, AGE_BUCKETS, ProgrammeDashboard};

use super::charts::{Chart, amounts, chart, counts};
use super::{fail, programme};
use crate::AppState;
use crate::i18n;
use crate::pages::backoffice::dashboard::{line, money, number};
use crate::pages::{PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "partner/dashboard.html")]
struct DashboardPage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    d: ProgrammeDashboard,
    charts: Vec<Chart>,
}

impl DashboardPage<'_> {
    /// An age bucket in words: "0–5 days", "16 days or more".
    fn bucket(&self, i: &usize) -> String {
        match AGE_BUCKETS[*i] {
            (from, Some(to)) => self.ctx.t2("partner-age-range", "from", from, "to", to),
            (from, None) => self.ctx.t1("partner-age-more", "from", from),
        }
    }
}

fn charts(ctx: &PageCtx, d: &ProgrammeDashboard) -> Vec<Chart> {
    let days: Vec<String> = d
        .days
        .iter()
        .map(|us| i18n::day_month(ctx.lang, *us))
        .collect();
    vec![
        chart(
            ctx,
            "pieces",
            ctx.t("partner-chart-pieces"),
            &days,
            vec![
                line(ctx, "partner-series-accepted", counts(&d.accepted), number),
                line(ctx, "partner-series-refused", counts(&d.refused), number),
            ],
        ),
        chart(
            ctx,
            "credit",
            ctx.t("partner-chart-credit"),
            &days,
            vec![line(
                ctx,
                "partner-series-credit",
                amounts(&d.accepted),
                money,
            )],
        ),
        chart(
            ctx,
            "vouchers",
            ctx.t("partner-chart-vouchers"),
            &days,
            vec![
                line(ctx, "partner-series-issued", amounts(&d.vouchers), money),
                line(ctx, "partner-series-redeemed", amounts(&d.redeemed), money),
            ],
        ),
    ]
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let d = dashboard::dashboard(&state.app, &who, p.row.id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&DashboardPage {
        charts: charts(&ctx, &d),
        ctx: &ctx,
        p,
        d,
    }))
}
