//! The legal pages (terms of sale, privacy notice, legal notice), read from the policy in
//! force (P3) in the reader's language. The texts are plain paragraphs, escaped like any other
//! value: an admin's text can hold no markup.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use pepite_domain::legal_texts::{Bilingual, LegalTexts, paragraphs};

use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/terms",
            get(|s: State<AppState>, c: PageCtx| page(s, c, "legal-terms", |t| &t.terms)),
        )
        .route(
            "/privacy",
            get(|s: State<AppState>, c: PageCtx| page(s, c, "legal-privacy", |t| &t.privacy)),
        )
        .route(
            "/legal",
            get(|s: State<AppState>, c: PageCtx| page(s, c, "legal-notice", |t| &t.notice)),
        )
}

#[derive(Template)]
#[template(path = "legal.html")]
struct LegalPage<'a> {
    ctx: &'a PageCtx,
    title_key: &'static str,
    paragraphs: Vec<String>,
}

async fn page(
    State(s): State<AppState>,
    ctx: PageCtx,
    title_key: &'static str,
    text: fn(&LegalTexts) -> &Bilingual,
) -> Result<Response, PageError> {
    let policy = s.app.policy_of(ctx.shop_id()).await.or_page(&ctx)?;
    let page = LegalPage {
        ctx: &ctx,
        title_key,
        paragraphs: paragraphs(text(&policy.legal_texts).of(ctx.lang)),
    };
    Ok(render(&page))
}
