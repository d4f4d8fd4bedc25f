//! T4–T6: the person's box: its state, each piece as declared and quoted, then as inspected
//! (accepted at a grade for an amount, or refused with the reason and the return tracking
//! number), the label, the arrival and the date to expect an answer by; the acceptance, once;
//! and the two documents.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::boxes::{self, BoxRow, ItemRow};
use serde::Deserialize;

use super::conflict_text;
use crate::AppState;
use crate::documents::attachment;
use crate::documents::tradein::{box_label_file, transfer_form_file};
use crate::pages::buy::{parse_id, signed_in};
use crate::pages::forms::{Query, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "tradein/box.html")]
struct BoxPage<'a> {
    ctx: &'a PageCtx,
    b: BoxRow,
    items: Vec<ItemRow>,
    programme: String,
    carrier: String,
    /// A message after an action (accepted; a second acceptance).
    notice: Option<String>,
    problem: Option<String>,
}

impl BoxPage<'_> {
    fn state(&self) -> String {
        self.ctx.label("tradein-state", &self.b.state)
    }

    fn accepted(&self) -> bool {
        self.b.accepted_at.is_some()
    }

    fn due(&self) -> String {
        self.b
            .due_on
            .as_deref()
            .map(|d| crate::pages::buy::iso_date(self.ctx, d))
            .unwrap_or_default()
    }

    /// What inspection decided for a piece, in words (empty before it).
    fn outcome(&self, i: &ItemRow) -> String {
        match (i.outcome.as_deref(), &i.final_grade, i.credited_cents) {
            (Some("accepted"), Some(grade), Some(cents)) => self.ctx.t2(
                "tradein-box-piece-accepted",
                "grade",
                self.ctx.label("grade", grade),
                "amount",
                self.ctx.money(&cents),
            ),
            (Some("refused"), _, _) => self.ctx.t1(
                "tradein-box-piece-refused",
                "reason",
                i.refusal_reason.clone().unwrap_or_default(),
            ),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BoxQuery {
    accepted: Option<String>,
}

/// The box page, with a message after an action.
async fn page(
    s: &AppState,
    ctx: &PageCtx,
    raw_id: &str,
    notice: Option<String>,
    problem: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let who = signed_in(ctx, &format!("/trade-in/boxes/{raw_id}"))?;
    let id = parse_id(ctx, raw_id)?;
    let (b, items) = boxes::mine(&s.app, &who, id).await.or_page(ctx)?;
    let programme = pepite_app::tradein::programme(&s.app, b.programme_id)
        .await
        .or_page(ctx)?
        .row
        .name;
    let code = b.carrier.clone().unwrap_or_default();
    let carrier = if code.is_empty() {
        code
    } else {
        pepite_app::carriers::list(&s.app)
            .await
            .or_page(ctx)?
            .into_iter()
            .find(|c| c.code == code)
            .map_or(code, |c| c.name)
    };
    let status = problem.as_ref().map_or(StatusCode::OK, |p| p.0);
    let page = BoxPage {
        ctx,
        b,
        items,
        programme,
        carrier,
        notice,
        problem: problem.map(|p| p.1),
    };
    Ok((status, render(&page)).into_response())
}

/// T4–T6: the person's box (A4: anyone else's is not found).
pub async fn show(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<BoxQuery>,
) -> Result<Response, PageError> {
    let notice = q.accepted.map(|_| ctx.t("tradein-box-accepted-notice"));
    page(&s, &ctx, &id, notice, None).await
}

/// T4: the person accepts the offer; a second acceptance says it was already done.
pub async fn accept(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &format!("/trade-in/boxes/{id}"))?;
    let box_id = parse_id(&ctx, &id)?;
    match boxes::accept(&s.app, &who, box_id).await {
        Ok(_) => Ok(see_other(&format!("/trade-in/boxes/{box_id}?accepted=1"))),
        // Accepted, but the carrier did not answer: the label page buys it later.
        Err(AppError::Unavailable(_)) => {
            Ok(see_other(&format!("/trade-in/boxes/{box_id}?accepted=1")))
        }
        Err(AppError::Conflict(code)) => {
            let text = conflict_text(&ctx, code);
            page(&s, &ctx, &id, None, Some((StatusCode::CONFLICT, text))).await
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}

/// T4: a document of the person's box, once the offer is accepted.
async fn document<F>(s: &AppState, ctx: &PageCtx, id: &str, make: F) -> Result<Response, PageError>
where
    F: AsyncFnOnce(
        &pepite_app::App,
        &pepite_app::accounts::Principal,
        i64,
        pepite_domain::account::Language,
    ) -> Result<(String, Vec<u8>), AppError>,
{
    let who = signed_in(ctx, &format!("/trade-in/boxes/{id}"))?;
    let box_id = parse_id(ctx, id)?;
    let (name, pdf) = make(&s.app, &who, box_id, ctx.lang).await.or_page(ctx)?;
    Ok(attachment(&name, pdf))
}

/// T4: the transfer form.
pub async fn transfer_form(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    document(&s, &ctx, &id, async |app, who, b, lang| {
        transfer_form_file(app, who, b, lang).await
    })
    .await
}

/// T4: the box's prepaid label.
pub async fn label(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    document(&s, &ctx, &id, async |app, who, b, lang| {
        box_label_file(app, who, b, lang).await
    })
    .await
}
