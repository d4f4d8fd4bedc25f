//! The JSON API under `/api/v1`, its OpenAPI document and its documentation page. Every route
//! is registered with `routes!`, which reads the handler's `#[utoipa::path]`: a route cannot
//! exist without its documentation, nor the documentation without its route.

mod accounts;
mod admin;
mod alerts;
mod answers;
mod auth;
mod auth_links;
mod carriers;
mod clock;
mod commerce;
mod docs;
mod imports;
mod jobs;
mod json;
mod notifications;
mod offers;
pub(crate) mod photos;
mod pieces;
pub(crate) mod privacy;
mod search;
mod seller_offers;
mod sellers;
mod shops;
mod staff;
mod strict_json;
mod support;
mod tradein;
mod vocabulary;

use axum::Router;
use axum::http::StatusCode;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::problem::Problem;

pub fn router(state: AppState) -> Router {
    let v1 = OpenApiRouter::new()
        .merge(auth::routes())
        .merge(auth_links::routes())
        .merge(accounts::routes())
        .merge(sellers::routes())
        .merge(shops::routes())
        .merge(support::routes())
        .merge(support::relay::routes())
        .merge(search::routes())
        .merge(pieces::routes())
        .merge(photos::routes())
        .merge(imports::routes())
        .merge(admin::routes())
        .merge(clock::routes())
        .merge(commerce::routes())
        .merge(carriers::routes())
        .merge(notifications::routes())
        .merge(jobs::routes())
        .merge(offers::routes())
        .merge(seller_offers::routes())
        .merge(alerts::routes())
        .merge(privacy::routes())
        .merge(tradein::routes())
        .fallback(|| async { json::not_found().detail("There is no such address in this API.") });
    let (routes, document) = OpenApiRouter::with_openapi(docs::ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    let document = answers::complete(document);
    routes
        .method_not_allowed_fallback(|| async {
            Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This address does not accept this method",
            )
        })
        .with_state(state)
        // Serves the document itself at OPENAPI_PATH and the page with its vendored assets.
        .merge(SwaggerUi::new(docs::DOCS_PATH).url(docs::OPENAPI_PATH, document))
}
