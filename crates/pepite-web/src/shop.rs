//! P3: the shop a request is for, named by its `Host` header (a reverse proxy passes it on);
//! any host no shop claims reaches the first shop. Read once per request and kept in its
//! extensions, so a page's context and its handler see the same shop.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::shops::{self, Shop};

use crate::AppState;

/// The shop this request is for.
#[derive(Debug, Clone)]
pub struct CurrentShop(pub Arc<Shop>);

impl FromRequestParts<AppState> for CurrentShop {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(shop) = parts.extensions.get::<CurrentShop>() {
            return Ok(shop.clone());
        }
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.host());
        // Serving another shop's pages when the shops cannot be read would be worse than
        // saying so: a visitor of a brand's shop would land in the marketplace.
        let shop = shops::for_host(&state.app, host).await.map_err(|e| {
            tracing::error!(error = %e, "shops unreadable");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        })?;
        let shop = CurrentShop(shop);
        parts.extensions.insert(shop.clone());
        Ok(shop)
    }
}
