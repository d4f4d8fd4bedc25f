//! Customer service's shared inbox (S1, S2, A4): conversations filtered by state, by who has
//! them and by the order or piece they name; the overdue first, marked, with when each
//! answer is due in Paris time. Only customer service (and admins) find the page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use pepite_app::support::STATES;
use pepite_app::support::desk::{self, InboxLine};
use pepite_domain::account::Role;
use pepite_domain::{FieldError, FieldErrors};
use pepite_store::support::InboxFilter;
use serde::Deserialize;

use super::problems::Problems;
use super::{fail, with_role};
use crate::AppState;
use crate::pages::forms::Query;
use crate::pages::{PageCtx, PageError, render};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct InboxQuery {
    /// One of the states, or empty for all.
    state: String,
    /// `me`, `none` (unassigned), or empty for anyone.
    assigned: String,
    order: String,
    piece: String,
}

/// A number typed in a filter (a leading `#` allowed); empty is no filter.
fn number(field: &str, raw: &str) -> Result<Option<i64>, FieldError> {
    match raw.trim().trim_start_matches('#') {
        "" => Ok(None),
        n => n
            .parse()
            .map(Some)
            .map_err(|_| FieldError::new(field, "invalid_number")),
    }
}

impl InboxQuery {
    /// What to list for agent `me`; a number that is not one is refused beside its field.
    fn filter(&self, me: i64) -> Result<InboxFilter, FieldErrors> {
        let mut e = FieldErrors::new();
        let order_id = e.take(number("order", &self.order)).flatten();
        let piece_id = e.take(number("piece", &self.piece)).flatten();
        e.into_result(InboxFilter {
            state: Some(self.state.clone()).filter(|s| STATES.contains(&s.as_str())),
            assignee: match self.assigned.as_str() {
                "me" => Some(Some(me)),
                "none" => Some(None),
                _ => None,
            },
            order_id,
            piece_id,
        })
    }
}

#[derive(Template)]
#[template(path = "backoffice/support_inbox.html")]
struct InboxPage<'a> {
    ctx: &'a PageCtx,
    q: InboxQuery,
    lines: Vec<InboxLine>,
    errors: Problems,
    now: i64,
}

impl InboxPage<'_> {
    fn states(&self) -> &'static [&'static str] {
        STATES
    }

    /// Whether the answer was due before now.
    fn overdue(&self, line: &InboxLine) -> bool {
        line.due_at.is_some_and(|due| due < self.now)
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<InboxQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let (lines, errors) = match q.filter(who.user_id) {
        Ok(filter) => {
            let lines = desk::lines(&state.app, &who, &filter)
                .await
                .map_err(|e| fail(&ctx, e))?;
            (lines, Problems::default())
        }
        Err(e) => (Vec::new(), Problems::new(&ctx, &e)),
    };
    let now = state.app.now_us().await.map_err(|e| fail(&ctx, e))?;
    Ok(render(&InboxPage {
        ctx: &ctx,
        q,
        lines,
        errors,
        now,
    }))
}
