//! Staff's actions on an order (issue 11, item 6): internal notes (staff only, A4), cancelling
//! for the platform until the first dispatch (F5, the buyer's own cancellation with staff as
//! the actor) and refunding some lines (R5) after a confirmation page. Each action comes back
//! to the order page with what it did, or why it was refused: a second click or a race reads
//! as a sentence, never as an error page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::order_notes::{self, NoteRow};
use pepite_app::orders::{self, LineRow, OrderRow};
use pepite_app::refunds::{self, RefundMade};
use pepite_app::staff_refunds::{self, StaffReason};
use pepite_app::{AppError, cancellation};
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use serde::Deserialize;

use super::orders::page;
use super::problems::Problems;
use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::forms::{Form, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The order page's part that the actions fill: a refused note comes back with its text.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub message: Option<(bool, String)>,
    pub note: String,
    pub errors: Problems,
}

/// What the order page shows of the actions, for this staff member.
pub(super) struct Actions {
    pub message: Option<(bool, String)>,
    pub notes: Vec<NoteRow>,
    pub note: String,
    pub errors: Problems,
    /// F5: customer service cancels; the button is there only while the order row would
    /// accept it.
    pub canceller: bool,
    pub cancellable: bool,
    /// R5: whether this person refunds at all, and the pieces still refundable.
    pub refunder: bool,
    pub refundable: Vec<i64>,
    pub refunds: Vec<RefundMade>,
}

impl Actions {
    pub(super) async fn of(
        state: &AppState,
        who: &Principal,
        order: &OrderRow,
        draft: Draft,
    ) -> Result<Actions, AppError> {
        let app = &state.app;
        Ok(Actions {
            message: draft.message,
            notes: order_notes::of_order(app, who, order.id).await?,
            note: draft.note,
            errors: draft.errors,
            canceller: who.has(Role::CustomerService),
            cancellable: who.has(Role::CustomerService)
                && order.state == "paid"
                && order.cancelled_at.is_none()
                && order.dispatched_at.is_none()
                && order.refunded_count == 0,
            refunder: staff_refunds::may_refund(who),
            refundable: staff_refunds::refundable(app, who, order.id).await?,
            refunds: refunds::of_order(app, order.id).await?,
        })
    }
}

/// Back to the order's page, at what the action said.
fn back(id: i64, said: &str) -> Response {
    see_other(&format!("/back-office/orders/{id}?{said}#said"))
}

/// An action's outcome as the order's page says it: `done`, or the refusal's sentence.
fn answer<T>(
    ctx: &PageCtx,
    id: i64,
    done: &str,
    outcome: Result<T, AppError>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(_) => Ok(back(id, &format!("done={done}"))),
        Err(AppError::Conflict(code)) => Ok(back(id, &format!("error={code}"))),
        Err(e) => Err(fail(ctx, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NoteForm {
    /// Named `message` so that its line breaks pass the form gate (`input_text`).
    message: String,
}

/// A4: a staff member adds a note; a refused one comes back on the page with its text.
pub(super) async fn note(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    match order_notes::add(&state.app, &who, id, &form.message).await {
        Ok(_) => Ok(back(id, "done=note_added")),
        Err(AppError::Invalid(errors)) => {
            let draft = Draft {
                message: None,
                note: form.message,
                errors: Problems::new(&ctx, &errors),
            };
            page(
                &state,
                &ctx,
                &who,
                id,
                draft,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

/// F5 for the platform: the order row decides; a refusal (already cancelled, dispatched…)
/// comes back as a sentence.
pub(super) async fn cancel(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let cancelled = cancellation::cancel_by_staff(&state.app, &who, id).await;
    answer(&ctx, id, "cancelled", cancelled)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RefundForm {
    /// The ticked pieces (a checkbox group).
    piece: Vec<String>,
    reason: String,
    /// Sent by the confirmation page's button only.
    confirmed: String,
}

impl RefundForm {
    /// The pieces and the reason, or the fields refused.
    fn read(&self) -> Result<(Vec<i64>, StaffReason), FieldErrors> {
        let mut errors = FieldErrors::new();
        let pieces: Vec<i64> = self.piece.iter().filter_map(|p| p.parse().ok()).collect();
        if pieces.is_empty() || pieces.len() != self.piece.len() {
            errors.add("piece", "no_piece_chosen");
        }
        let reason = match self.reason.as_str() {
            "goodwill" => Some(StaffReason::Goodwill),
            "defect" => Some(StaffReason::Defect),
            _ => {
                errors.add("reason", "unknown_value");
                None
            }
        };
        match reason {
            Some(r) if errors.is_empty() => Ok((pieces, r)),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "backoffice/order_refund.html")]
struct ConfirmPage<'a> {
    ctx: &'a PageCtx,
    order: OrderRow,
    lines: Vec<LineRow>,
    reason: &'static str,
}

/// R5: the ticked lines are shown for confirmation first; the confirmation's button refunds
/// them. The same lines sent twice (a double click, two tabs) are one refund.
pub(super) async fn refund(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RefundForm>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    if !staff_refunds::may_refund(&who) {
        return Err(fail(&ctx, AppError::Forbidden));
    }
    let (pieces, reason) = match form.read() {
        Ok(read) => read,
        Err(errors) => {
            let draft = Draft {
                errors: Problems::new(&ctx, &errors),
                ..Draft::default()
            };
            return page(
                &state,
                &ctx,
                &who,
                id,
                draft,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if form.confirmed.is_empty() {
        let (d, _) = orders::detail(&state.app, &who, id)
            .await
            .map_err(|e| fail(&ctx, e))?;
        let lines = d
            .lines
            .into_iter()
            .filter(|l| pieces.contains(&l.piece_id))
            .collect();
        let confirm = ConfirmPage {
            ctx: &ctx,
            order: d.order,
            lines,
            reason: reason.code(),
        };
        return Ok((StatusCode::OK, render(&confirm)).into_response());
    }
    let refunded = staff_refunds::refund(&state.app, &who, id, &pieces, reason).await;
    answer(&ctx, id, "refunded", refunded)
}
