//! The address book (O6): a buyer's saved addresses, offered again at checkout. Also the
//! postal address schema that checkout and orders share.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::addresses::{self, Address};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_addresses, add_address))
        .routes(routes!(delete_address))
}

/// A postal address. A missing text field is reported `required` like an empty one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PostalAddress {
    #[schema(example = "Camille Martin")]
    pub full_name: String,
    #[schema(example = "12 rue des Lilas")]
    pub line1: String,
    pub line2: String,
    #[schema(example = "75011")]
    pub postal_code: String,
    #[schema(example = "Paris")]
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `FR`, `DE`, `GB`.
    #[schema(example = "FR")]
    pub country: String,
    pub phone: String,
}

impl From<PostalAddress> for Address {
    fn from(a: PostalAddress) -> Self {
        Address {
            full_name: a.full_name,
            line1: a.line1,
            line2: a.line2,
            postal_code: a.postal_code,
            city: a.city,
            country: a.country,
            phone: a.phone,
        }
    }
}

impl From<Address> for PostalAddress {
    fn from(a: Address) -> Self {
        PostalAddress {
            full_name: a.full_name,
            line1: a.line1,
            line2: a.line2,
            postal_code: a.postal_code,
            city: a.city,
            country: a.country,
            phone: a.phone,
        }
    }
}

/// An address of my address book.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedAddress {
    pub id: i64,
    #[serde(flatten)]
    pub address: PostalAddress,
}

/// My saved addresses.
#[utoipa::path(get, path = "/addresses", tag = "addresses", security(("bearer" = [])),
    responses(
        (status = 200, body = [SavedAddress]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_addresses(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<SavedAddress>>, Problem> {
    let rows = addresses::list(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|r| SavedAddress {
                id: r.id,
                address: r.address.into(),
            })
            .collect(),
    ))
}

/// Save an address. Fields are reported as `address.<field>`.
#[utoipa::path(post, path = "/addresses", tag = "addresses", security(("bearer" = [])),
    request_body = PostalAddress,
    responses(
        (status = 201, body = SavedAddress),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `address.country` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn add_address(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<PostalAddress>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let id = addresses::add(&s.app, &who, &body.into()).await?;
        let address = addresses::get(&s.app, &who, id).await?;
        Ok(SavedAddress {
            id,
            address: address.into(),
        })
    };
    let saved = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Forget one of my addresses (orders keep their own copy).
#[utoipa::path(delete, path = "/addresses/{id}", tag = "addresses", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn delete_address(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    addresses::delete(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
