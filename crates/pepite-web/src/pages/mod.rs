//! Server-rendered pages in French and English. Every page works without JavaScript:
//! forms post, then redirect (303) to a page that shows the result.

mod account;
mod account_links;
mod auth;
mod backoffice;
pub(crate) mod buy;
mod ctx;
mod error;
mod error_summary;
pub mod forms;
mod home;
pub(crate) mod labels;
mod language;
mod legal;
mod media;
mod notifications;
mod offers;
mod partner;
mod piece;
mod piece_trust;
pub mod price;
mod privacy;
mod returns_desk;
mod search;
mod sell;
mod shop;
mod static_files;
mod support;
mod tradein;

pub use ctx::{FormErrors, PageCtx, render};
pub use error::{OrPage, PageError, dress_bare_errors, not_found};
pub(crate) use support::files::response as support_file;

use axum::Router;

use crate::AppState;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(static_files::router())
        .merge(home::router())
        .merge(search::router())
        .merge(piece::router())
        .merge(offers::router())
        .merge(shop::router())
        .merge(auth::router())
        .merge(account::router())
        .merge(account_links::router())
        .merge(privacy::router())
        .merge(legal::router())
        .merge(notifications::router())
        .merge(language::router())
        .merge(media::router())
        .merge(sell::router())
        .merge(backoffice::router())
        .merge(partner::router())
        .merge(buy::router())
        .merge(returns_desk::router())
        .merge(tradein::router())
        .merge(support::router())
        .with_state(state)
}
