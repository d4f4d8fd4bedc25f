//! Jobs, for admins: the jobs in one state (dead by default: attempts spent) and the retry
//! that runs a dead one again.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::jobs;
use pepite_store::jobs::JobRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiPath, ApiQuery, problem, state_filter, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(retry))
}

/// The page size of `jobs::list`.
const PAGE: usize = 50;
const STATES: [&str; 4] = ["queued", "running", "done", "dead"];

/// A background job.
#[derive(Debug, Serialize, ToSchema)]
pub struct Job {
    pub id: i64,
    #[schema(example = "payments.sweep_lapsed")]
    pub kind: String,
    /// `queued`, `running`, `done` or `dead`.
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    /// When it is due (for a running job: when its lease ends).
    pub run_at: String,
    pub created_at: String,
    pub finished_at: Option<String>,
}

impl From<JobRow> for Job {
    fn from(j: JobRow) -> Self {
        Job {
            id: j.id,
            kind: j.kind,
            state: j.state,
            attempts: j.attempts,
            max_attempts: j.max_attempts,
            last_error: j.last_error,
            run_at: timestamp(j.run_at),
            created_at: timestamp(j.created_at),
            finished_at: j.finished_at.map(timestamp),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobPage {
    pub items: Vec<Job>,
    /// Pass as `before` for the next page; null on the last one.
    pub next_before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobsQuery {
    /// `queued`, `running`, `done` or `dead` (the default).
    pub state: Option<String>,
    /// Only jobs older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
}

/// Jobs in one state, newest first (admins).
#[utoipa::path(get, path = "/staff/jobs", tag = "admin", security(("bearer" = [])),
    params(JobsQuery),
    responses(
        (status = 200, body = JobPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`state` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiQuery(q): ApiQuery<JobsQuery>,
) -> Result<Json<JobPage>, Problem> {
    let state = state_filter(q.state.as_deref(), &STATES)
        .map_err(problem(lang))?
        .unwrap_or("dead");
    let rows = jobs::list(&s.app, &who, state, q.before)
        .await
        .map_err(problem(lang))?;
    let next_before = (rows.len() == PAGE)
        .then(|| rows.last().map(|j| j.id))
        .flatten();
    Ok(Json(JobPage {
        items: rows.into_iter().map(Job::from).collect(),
        next_before,
    }))
}

/// Run a dead job again, with fresh attempts (admins).
#[utoipa::path(post, path = "/staff/jobs/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Queued again"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job with this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_dead`: the job is queued, running or done", body = Problem, content_type = "application/problem+json"),
    ))]
async fn retry(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    jobs::retry(&s.app, &who, id).await.map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
