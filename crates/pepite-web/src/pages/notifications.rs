//! A person's notification history (E1): every message Pépite sent them or is about to, in
//! the language it was written in, and the text of one. Only one's own (A4); staff read
//! everyone's in the back office's mailbox.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use pepite_app::{AppError, notify};
use serde::Deserialize;

use super::buy::{parse_id, signed_in};
use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::Query;
use crate::AppState;
use crate::notices::Reader;

/// The page size of `notify::history`.
const PAGE: usize = 50;
const HISTORY: &str = "/account/notifications";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(HISTORY, get(list))
        .route("/account/notifications/{id}", get(detail))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    before: Option<i64>,
}

/// One message of the list.
struct Line {
    id: i64,
    created_at: i64,
    subject: String,
    state: String,
}

#[derive(Template)]
#[template(path = "account/notifications.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    lines: Vec<Line>,
    /// The cursor of the next page, when there may be one.
    older: Option<i64>,
}

async fn list(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, HISTORY)?;
    let rows = notify::history(&s.app, &who, q.before)
        .await
        .or_page(&ctx)?;
    let older = (rows.len() == PAGE)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let reader = Reader::new(&s.config.public_url);
    let lines = rows
        .into_iter()
        .map(|r| Line {
            subject: reader
                .subject(&r)
                .unwrap_or_else(|| ctx.label("notice-kind", &r.kind)),
            id: r.id,
            created_at: r.created_at,
            state: r.state,
        })
        .collect();
    Ok(render(&ListPage {
        ctx: &ctx,
        lines,
        older,
    }))
}

#[derive(Template)]
#[template(path = "account/notification.html")]
struct DetailPage<'a> {
    ctx: &'a PageCtx,
    subject: String,
    /// The plain-text version, as the person received it (links and codes left out).
    text: Option<String>,
    state: String,
    created_at: i64,
    sent_at: Option<i64>,
}

async fn detail(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, HISTORY)?;
    let id = parse_id(&ctx, &id)?;
    let row = notify::one(&s.app, &who, id).await.or_page(&ctx)?;
    // Staff may read anyone's message, but in the back office: this page is one's own history.
    if row.user_id != Some(who.user_id) {
        return Err(PageError::new(&ctx, AppError::NotFound));
    }
    let message = Reader::new(&s.config.public_url).message(&row);
    let page = DetailPage {
        ctx: &ctx,
        subject: message
            .as_ref()
            .map(|m| m.subject.clone())
            .unwrap_or_else(|| ctx.label("notice-kind", &row.kind)),
        text: message.map(|m| m.text),
        state: row.state,
        created_at: row.created_at,
        sent_at: row.sent_at,
    };
    Ok(render(&page))
}
