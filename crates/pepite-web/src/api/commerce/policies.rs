//! The shop's policy (P3) as data: admins read it with its version and save a new one, refused
//! if someone saved another version since they read it.

use axum::Json;
use axum::extract::State;
use pepite_app::policies;
use pepite_domain::policy::Policy;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, problem};
use crate::api::staff::{self, ApiStaff};
use crate::api::vocabulary;
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_policy, save_policy))
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

/// The shop's policy (admins).
#[utoipa::path(get, path = "/policy", tag = "policy", security(("bearer" = [])),
    responses(
        (status = 200, body = PolicyState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read_policy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
) -> Result<Json<PolicyState>, Problem> {
    let (policy, version) = policies::current(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PolicyState { version, policy }))
}

/// Save the shop's policy (admins); every instance follows within a second.
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
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiJson(body): ApiJson<PolicyUpdate>,
) -> Result<Json<PolicyState>, Problem> {
    let version = policies::save(&s.app, &who, &body.policy, body.expected_version)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PolicyState {
        version,
        policy: body.policy,
    }))
}
