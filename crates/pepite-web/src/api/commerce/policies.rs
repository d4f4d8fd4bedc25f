//! Each shop's policy (P3) as data: admins read it with its version and save a new one,
//! refused if someone saved another version since they read it. `/policy` is the policy of the
//! shop the request's host serves; `/shops/{id}/policy` names the shop.

use axum::Json;
use axum::extract::State;
use pepite_app::policies;
use pepite_domain::policy::Policy;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::api::staff::{self, ApiStaff};
use crate::api::vocabulary;
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;
use pepite_app::accounts::Principal;
use pepite_domain::account::Language;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read_policy, save_policy))
        .routes(routes!(read_shop_policy, save_shop_policy))
}

/// The policy in force and its version (0: the start-up policy, never saved).
#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyState {
    pub version: i64,
    /// Every value of the policy: fees and commission in basis points, amounts in cents,
    /// the shipping rate table, delivery days, bulk tiers, gift-card limits, return window…
    #[schema(schema_with = vocabulary::policy)]
    pub policy: Policy,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PolicyUpdate {
    /// The `version` read; another saved since is a 409 `policy_changed`.
    pub expected_version: i64,
    /// The whole policy, as read, with the changes.
    #[schema(schema_with = vocabulary::policy)]
    pub policy: Policy,
}

/// The policy of the shop this host serves (admins).
#[utoipa::path(get, path = "/policy", tag = "policy", security(("bearer" = [])),
    responses(
        (status = 200, body = PolicyState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read_policy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    CurrentShop(shop): CurrentShop,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
) -> Result<Json<PolicyState>, Problem> {
    read(&s, lang, &who, shop.id).await
}

/// A shop's policy (admins).
#[utoipa::path(get, path = "/shops/{id}/policy", tag = "policy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    responses(
        (status = 200, body = PolicyState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read_shop_policy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PolicyState>, Problem> {
    read(&s, lang, &who, id).await
}

async fn read(
    s: &AppState,
    lang: Language,
    who: &Principal,
    shop_id: i64,
) -> Result<Json<PolicyState>, Problem> {
    let (policy, version) = policies::current(&s.app, who, shop_id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PolicyState { version, policy }))
}

async fn save(
    s: &AppState,
    lang: Language,
    who: &Principal,
    shop_id: i64,
    body: PolicyUpdate,
) -> Result<Json<PolicyState>, Problem> {
    let version = policies::save(&s.app, who, shop_id, &body.policy, body.expected_version)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PolicyState {
        version,
        policy: body.policy,
    }))
}

/// Save a shop's policy (admins); every instance follows within a second.
#[utoipa::path(put, path = "/shops/{id}/policy", tag = "policy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    request_body = PolicyUpdate,
    responses(
        (status = 200, body = PolicyState),
        (status = 400, description = "Malformed body or policy", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`policy_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `qc_fee_bps` `out_of_range`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn save_shop_policy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PolicyUpdate>,
) -> Result<Json<PolicyState>, Problem> {
    save(&s, lang, &who, id, body).await
}

/// Save the policy of the shop this host serves (admins); every instance follows within a
/// second.
#[utoipa::path(put, path = "/policy", tag = "policy", security(("bearer" = [])),
    request_body = PolicyUpdate,
    responses(
        (status = 200, body = PolicyState),
        (status = 400, description = "Malformed body or policy", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`policy_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `qc_fee_bps` `out_of_range`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn save_policy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    CurrentShop(shop): CurrentShop,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiJson(body): ApiJson<PolicyUpdate>,
) -> Result<Json<PolicyState>, Problem> {
    save(&s, lang, &who, shop.id, body).await
}
