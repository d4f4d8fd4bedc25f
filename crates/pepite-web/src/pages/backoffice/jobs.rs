//! Jobs, for admins: how many are in each state, the jobs of one state (dead by default:
//! those that used up their attempts) with what went wrong, and the button that runs a dead
//! job again once its cause is fixed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::{AppError, jobs};
use pepite_domain::account::Role;
use pepite_store::jobs::JobRow;
use serde::Deserialize;

use super::{conflict_message, fail, path_id, with_role};
use crate::AppState;
use crate::pages::forms::{Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The page size of `jobs::list`.
const PAGE: usize = 50;
const STATES: [&str; 4] = ["queued", "running", "done", "dead"];
const DEAD: &str = "dead";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct JobsQuery {
    state: String,
    before: Option<i64>,
    done: String,
}

#[derive(Template)]
#[template(path = "backoffice/jobs.html")]
struct JobsPage<'a> {
    ctx: &'a PageCtx,
    /// Jobs per state, every state listed (zero included).
    counts: Vec<(&'static str, i64)>,
    state: &'static str,
    jobs: Vec<JobRow>,
    next: Option<String>,
    done: Option<&'static str>,
    problem: Option<String>,
}

impl JobsPage<'_> {
    fn states(&self) -> [&'static str; 4] {
        STATES
    }
}

/// The list of `state`, with the outcome of the retry just tried.
async fn page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    q: &JobsQuery,
    refusal: Option<&'static str>,
) -> Result<Response, PageError> {
    let state = STATES.into_iter().find(|st| *st == q.state).unwrap_or(DEAD);
    let rows = jobs::list(&s.app, who, state, q.before)
        .await
        .map_err(|e| fail(ctx, e))?;
    let counted = jobs::counts(&s.app, who).await.map_err(|e| fail(ctx, e))?;
    let counts = STATES
        .into_iter()
        .map(|st| {
            let n = counted.iter().find(|(c, _)| c == st).map_or(0, |(_, n)| *n);
            (st, n)
        })
        .collect();
    let next = (rows.len() == PAGE)
        .then(|| rows.last())
        .flatten()
        .map(|last| format!("/back-office/jobs?state={state}&before={}", last.id));
    let status = match refusal {
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::OK,
    };
    let page = JobsPage {
        ctx,
        counts,
        state,
        jobs: rows,
        next,
        done: (q.done == "retried").then_some("bo-jobs-done-retried"),
        problem: refusal.map(|code| conflict_message(ctx, code)),
    };
    Ok((status, render(&page)).into_response())
}

pub(super) async fn list(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<JobsQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Admin)?;
    page(&s, &ctx, &who, &q, None).await
}

pub(super) async fn retry(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Admin)?;
    let id = path_id(&ctx, &id)?;
    match jobs::retry(&s.app, &who, id).await {
        Ok(()) => Ok(see_other("/back-office/jobs?done=retried")),
        // Already sent round by someone else, or no such job: the dead list says which remain.
        Err(AppError::Conflict(code)) => {
            let dead = JobsQuery::default();
            page(&s, &ctx, &who, &dead, Some(code)).await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}
