//! `GET /sell`: the shop form for someone without a shop, else the dashboard: how many pieces
//! are in each state (C3) and the pieces of the chosen tab, newest first.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use pepite_app::catalog;
use pepite_domain::piece::PieceState;
use pepite_store::catalog::PieceRow;
use pepite_store::sellers::SellerRow;
use serde::Deserialize;

use super::{done_key, person, shop, shop_of};
use crate::AppState;
use crate::pages::forms::Query;
use crate::pages::offers;
use crate::pages::{OrPage, PageCtx, PageError, render};

/// Pieces per page of the dashboard.
const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DashQuery {
    state: String,
    before: String,
    done: Option<String>,
    imported: Option<String>,
}

/// One tab: the state's key (empty for every piece), its name and how many pieces it has.
struct Tab {
    state: &'static str,
    label: String,
    count: i64,
    current: bool,
}

#[derive(Template)]
#[template(path = "sell/dashboard.html")]
struct Dashboard<'a> {
    ctx: &'a PageCtx,
    shop: SellerRow,
    tabs: Vec<Tab>,
    pieces: Vec<PieceRow>,
    notice: Option<String>,
    /// The link to the next page, when this one is full.
    next: Option<String>,
    /// Offers awaiting the seller's answer (N4).
    open_offers: usize,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<DashQuery>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let Some(shop) = shop_of(&state, &ctx, &who).await? else {
        return shop::open_form(&state, &ctx).await;
    };
    let tab = PieceState::parse(&q.state);
    let tab_key = tab.map_or("", PieceState::as_str);
    let pieces = catalog::my_pieces(&state.app, &who, tab, q.before.parse().ok(), PAGE)
        .await
        .or_page(&ctx)?;
    let counts = catalog::my_counts(&state.app, &who).await.or_page(&ctx)?;
    let count_of = |s: &str| {
        counts
            .iter()
            .filter(|(state, _)| s.is_empty() || state == s)
            .map(|(_, n)| n)
            .sum()
    };
    let tabs = std::iter::once(("", ctx.t("sell-tab-all")))
        .chain(
            PieceState::ALL
                .iter()
                .map(|s| (s.as_str(), ctx.label("sell-tab", s.as_str()))),
        )
        .map(|(s, label)| Tab {
            state: s,
            label,
            count: count_of(s),
            current: tab_key == s,
        })
        .collect();
    let notice = match q.imported.and_then(|n| n.parse::<usize>().ok()) {
        Some(n) => Some(ctx.t1("sell-imported", "count", n)),
        None => done_key(q.done.as_deref()).map(|k| ctx.t(k)),
    };
    let next = (pieces.len() as i64 == PAGE)
        .then(|| pieces.last())
        .flatten()
        .map(|last| format!("/sell?state={tab_key}&before={}", last.id));
    let open_offers = offers::open_count(&state.app, &who).await.or_page(&ctx)?;
    Ok(render(&Dashboard {
        ctx: &ctx,
        shop,
        tabs,
        pieces,
        notice,
        next,
        open_offers,
    }))
}
