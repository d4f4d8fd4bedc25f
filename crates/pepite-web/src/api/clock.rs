//! The clock every time rule reads (DESIGN: time from a `Clock`): admins read it, and move it
//! when it is the manual clock of a demo or an acceptance run.

use axum::Json;
use axum::extract::State;
use pepite_app::{AppError, clock};
use pepite_domain::account::Role;
use pepite_domain::time::DAY_US;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_clock, move_clock))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClockState {
    /// `system` or `manual`.
    pub mode: &'static str,
    pub now: String,
}

/// Exactly one of the three.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ClockChange {
    /// An RFC 3339 instant, e.g. `2026-12-01T09:00:00Z`.
    pub set: Option<String>,
    /// A duration such as `90m`, `24h` or `14d`.
    pub advance: Option<String>,
    pub advance_seconds: Option<i64>,
}

/// The clock every time rule reads.
#[utoipa::path(get, path = "/admin/clock", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = ClockState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read_clock(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
) -> Result<Json<ClockState>, Problem> {
    let run = async {
        who.require(Role::Admin)?;
        s.app.now_us().await
    };
    let now = run.await.map_err(problem(lang))?;
    Ok(Json(clock_state(&s, now)))
}

fn clock_state(s: &AppState, now: i64) -> ClockState {
    ClockState {
        mode: if s.app.clock.is_manual() {
            "manual"
        } else {
            "system"
        },
        now: timestamp(now),
    }
}

/// Set or advance the manual clock (admins; demos and acceptance runs only).
#[utoipa::path(post, path = "/admin/clock", tag = "admin", security(("bearer" = [])),
    request_body = ClockChange,
    responses(
        (status = 200, body = ClockState),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`clock_not_manual`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn move_clock(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiJson(body): ApiJson<ClockChange>,
) -> Result<Json<ClockState>, Problem> {
    let run = async {
        match (body.set, body.advance, body.advance_seconds) {
            (Some(set), None, None) => {
                let at: jiff::Timestamp = set
                    .trim()
                    .parse()
                    .map_err(|_| AppError::field("set", "invalid_date"))?;
                clock::set_manual(&s.app, &who, at.as_microsecond()).await
            }
            (None, Some(text), None) => {
                clock::advance_manual(&s.app, &who, duration_us(&text)?).await
            }
            (None, None, Some(seconds)) => {
                if seconds <= 0 {
                    return Err(AppError::field("advance_seconds", "must_be_positive"));
                }
                let us = seconds
                    .checked_mul(1_000_000)
                    .ok_or_else(|| AppError::field("advance_seconds", "too_large"))?;
                clock::advance_manual(&s.app, &who, us).await
            }
            _ => Err(AppError::field("set", "exactly_one")),
        }
    };
    let now = run.await.map_err(problem(lang))?;
    Ok(Json(clock_state(&s, now)))
}

/// `90m`, `24h`, `14d` or `30s` in microseconds, at most ten years.
fn duration_us(text: &str) -> Result<i64, AppError> {
    let text = text.trim();
    let invalid = || AppError::field("advance", "invalid");
    let (last, _) = text.char_indices().last().ok_or_else(invalid)?;
    let (number, unit) = text.split_at(last);
    let n: i64 = number.trim().parse().map_err(|_| invalid())?;
    if n <= 0 {
        return Err(AppError::field("advance", "must_be_positive"));
    }
    let unit_us = match unit {
        "s" => 1_000_000,
        "m" => 60_000_000,
        "h" => 3_600_000_000,
        "d" => DAY_US,
        _ => return Err(invalid()),
    };
    if n > 3_650 * DAY_US / unit_us {
        return Err(AppError::field("advance", "too_large"));
    }
    Ok(n * unit_us)
}
