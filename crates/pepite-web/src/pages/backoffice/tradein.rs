//! The trade-in station at the warehouse (T5, T6): the boxes to work on, late ones first and
//! marked, then those on their way; a scan field (box number or tracking number) leading to
//! a box; on the box's page its arrival, and for each piece not yet decided a verdict:
//! accepted at the declared grade or a lower one, or refused with a reason. Every button posts
//! and comes back to the box (post, redirect, get); a refused field is shown on its form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::tradein::boxes::{self, BoxRow, ItemRow, VerdictInput};
use pepite_app::tradein::paris_date;
use pepite_domain::account::Role;
use pepite_domain::piece::Grade;
use pepite_domain::tradein::{GridLine, accepted_grades, may_accept_at};
use serde::Deserialize;

use super::problems::Problems;
use super::workshop::{Said, ScanQuery};
use super::{fail, path_id, with_role};
use crate::AppState;
use crate::pages::ctx::urlencode;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// A refusal of the station in words: its own sentence, or the back office's general one.
pub(super) fn said(ctx: &PageCtx, s: &Said) -> Option<(bool, String)> {
    let own = s.error_code().map(|code| {
        let key = format!("bo-tradein-conflict-{}", code.replace('_', "-"));
        (false, crate::i18n::has(ctx.lang, &key).then(|| ctx.t(&key)))
    });
    match own {
        Some((ok, Some(text))) => Some((ok, text)),
        _ => s.message_of(ctx, "bo-tradein-done"),
    }
}

#[derive(Template)]
#[template(path = "backoffice/tradein_queue.html")]
struct QueuePage<'a> {
    ctx: &'a PageCtx,
    boxes: Vec<BoxRow>,
    message: Option<(bool, String)>,
    code: String,
    today: jiff::civil::Date,
}

impl QueuePage<'_> {
    fn late(&self, b: &BoxRow) -> bool {
        boxes::is_late(b, self.today)
    }
}

/// T6: the queue: arrived boxes by due date, late ones first; then boxes on their way.
pub(super) async fn queue(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said_q): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let mut list = boxes::queue(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let today = paris_date(state.app.now_us().await.map_err(|e| fail(&ctx, e))?);
    // The store orders arrived boxes by due date: the late ones are already first; a stable
    // sort keeps that order and only makes sure of it.
    list.sort_by_key(|b| (!boxes::is_late(b, today), b.state != "arrived"));
    Ok(render(&QueuePage {
        message: said(&ctx, &said_q),
        code: said_q.code_typed().to_owned(),
        ctx: &ctx,
        boxes: list,
        today,
    }))
}

/// A scanned box number (`B12`, `12`) or tracking number opens the box; anything else comes
/// back to the queue with the code kept in the field.
pub(super) async fn scan(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ScanQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    match boxes::find(&state.app, &who, &q.code).await {
        Ok(b) => Ok(see_other(&format!("/back-office/trade-in/boxes/{}", b.id))),
        Err(AppError::NotFound) => Ok(see_other(&format!(
            "/back-office/trade-in?error=scan_unknown&code={}",
            urlencode(q.code.trim())
        ))),
        Err(e) => Err(fail(&ctx, e)),
    }
}

#[derive(Template)]
#[template(path = "backoffice/tradein_box.html")]
struct BoxPage<'a> {
    ctx: &'a PageCtx,
    b: BoxRow,
    items: Vec<ItemRow>,
    message: Option<(bool, String)>,
    late: bool,
    /// The piece whose verdict was refused, and why.
    refused: Option<(i64, Problems)>,
    /// What the refused form carried, shown back.
    typed: VerdictForm,
}

impl BoxPage<'_> {
    /// T5: the grades a piece may be accepted at: the declared one and those below it.
    fn grades(&self, declared: &str) -> Vec<&'static str> {
        let Some(declared) = Grade::parse(declared) else {
            return Vec::new();
        };
        accepted_grades()
            .into_iter()
            .filter(|g| may_accept_at(declared, *g))
            .map(Grade::as_str)
            .collect()
    }

    /// The message of `field` on the form of piece `item`, if it was refused.
    fn error(&self, item: &i64, field: &str) -> Option<String> {
        self.refused
            .as_ref()
            .filter(|(id, _)| id == item)
            .and_then(|(_, p)| p.msg(field))
    }

    fn typed_reason(&self, item: &i64) -> &str {
        match &self.refused {
            Some((id, _)) if id == item => &self.typed.reason,
            _ => "",
        }
    }

    /// The grid line that priced a piece, in words.
    fn line(&self, i: &ItemRow) -> String {
        let Ok(l) = serde_json::from_str::<GridLine>(&i.grid_line) else {
            return String::new();
        };
        grid_line_text(self.ctx, &l)
    }
}

/// A grid line as a sentence: category (or all), age bound, grade and rate.
pub(in crate::pages) fn grid_line_text(ctx: &PageCtx, l: &GridLine) -> String {
    let category = l.category.map_or_else(
        || ctx.t("bo-tradein-all-categories"),
        |c| ctx.label("category", c.as_str()),
    );
    let age = l.max_age_years.map_or_else(
        || ctx.t("bo-tradein-any-age"),
        |a| ctx.t1("bo-tradein-max-age", "years", a),
    );
    format!(
        "{category} · {age} · {} · {}",
        ctx.label("grade", l.grade.as_str()),
        ctx.percent(&l.rate_bps)
    )
}

async fn box_page(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    id: i64,
    message: Option<(bool, String)>,
    refused: Option<(i64, Problems)>,
    typed: VerdictForm,
) -> Result<Response, PageError> {
    let (b, items) = boxes::for_staff(&state.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let today = paris_date(state.app.now_us().await.map_err(|e| fail(ctx, e))?);
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = BoxPage {
        ctx,
        late: boxes::is_late(&b, today),
        b,
        items,
        message,
        refused,
        typed,
    };
    Ok((status, render(&page)).into_response())
}

/// One box: the person, the pieces, the arrival button and the verdict forms.
pub(super) async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(said_q): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let message = said(&ctx, &said_q);
    box_page(
        &state,
        &ctx,
        &who,
        id,
        message,
        None,
        VerdictForm::default(),
    )
    .await
}

/// Back to the box with what happened.
fn back<T>(
    ctx: &PageCtx,
    id: i64,
    done: &str,
    r: Result<T, AppError>,
) -> Result<Response, PageError> {
    match r {
        Ok(_) => Ok(see_other(&format!(
            "/back-office/trade-in/boxes/{id}?done={done}"
        ))),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!(
            "/back-office/trade-in/boxes/{id}?error={code}"
        ))),
        Err(e) => Err(fail(ctx, e)),
    }
}

/// T6: the box reached the warehouse (its due date is set).
pub(super) async fn arrive(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    back(
        &ctx,
        id,
        "arrived",
        boxes::arrive(&state.app, &who, id).await,
    )
}

/// A verdict form: `decision` `accept` (at `grade`) or `refuse` (for `reason`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct VerdictForm {
    decision: String,
    grade: String,
    reason: String,
}

/// T5: one piece's verdict.
pub(super) async fn verdict(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, item)): Path<(String, String)>,
    Form(form): Form<VerdictForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let (id, item) = (path_id(&ctx, &id)?, path_id(&ctx, &item)?);
    // The piece must be of this box: another box's piece looks missing.
    let (_, items) = boxes::for_staff(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    if !items.iter().any(|i| i.id == item) {
        return Err(fail(&ctx, AppError::NotFound));
    }
    let input = VerdictInput {
        accept: form.decision != "refuse",
        grade: (!form.grade.trim().is_empty()).then(|| form.grade.trim().to_owned()),
        reason: Some(form.reason.clone()),
    };
    match boxes::inspect(&state.app, &who, item, &input).await {
        Err(AppError::Invalid(errors)) => {
            let problems = Problems::new(&ctx, &errors);
            box_page(&state, &ctx, &who, id, None, Some((item, problems)), form).await
        }
        r => back(
            &ctx,
            id,
            if input.accept { "accepted" } else { "refused" },
            r,
        ),
    }
}

/// T5: the free return label of a refused piece as a PDF (the labels' own layout): from the
/// warehouse to the person, under the tracking number bought at the verdict.
pub(super) async fn return_label(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, item)): Path<(String, String)>,
) -> Result<Response, PageError> {
    use crate::documents::{LabelDoc, label_pdf};
    use crate::i18n::{t, t_args};
    use axum::http::header;
    let who = with_role(&ctx, Role::Workshop)?;
    let (id, item) = (path_id(&ctx, &id)?, path_id(&ctx, &item)?);
    let (b, items) = boxes::for_staff(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let piece = items
        .into_iter()
        .find(|i| i.id == item)
        .ok_or_else(|| fail(&ctx, AppError::NotFound))?;
    let (Some(code), Some(tracking)) = (piece.return_carrier, piece.return_tracking) else {
        return Err(fail(&ctx, AppError::NotFound));
    };
    let carrier = pepite_app::carriers::list(&state.app)
        .await
        .map_err(|e| fail(&ctx, e))?
        .into_iter()
        .find(|c| c.code == code)
        .map_or(code, |c| c.name);
    let issuer = state
        .app
        .policy_now()
        .await
        .map_err(|e| fail(&ctx, e))?
        .legal_identity
        .clone();
    let lang = ctx.lang;
    let reference = format!("B{id}-{item}");
    let doc = LabelDoc {
        title: t_args(
            lang,
            "bo-tradein-label-title",
            &[("reference", reference.clone())],
        ),
        carrier,
        tracking,
        // One folded piece, as the label was bought (carriers weigh to 100 g).
        weight_line: t_args(
            lang,
            "label-weight",
            &[(
                "weight",
                if lang == pepite_domain::account::Language::Fr {
                    "0,6 kg"
                } else {
                    "0.6 kg"
                }
                .to_owned(),
            )],
        ),
        reference_line: t_args(
            lang,
            "bo-tradein-label-reference",
            &[("reference", reference.clone())],
        ),
        from: (
            t(lang, "label-from"),
            vec![
                t_args(lang, "label-workshop", &[("name", issuer.name)]),
                issuer.address,
            ],
        ),
        to: (
            t(lang, "label-to"),
            vec![
                b.full_name,
                b.address,
                format!("{} {}", b.postal_code, b.city),
                ctx.country(&b.country).to_owned(),
            ],
        ),
    };
    let file = format!("attachment; filename=\"return-{reference}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, file),
        ],
        label_pdf(&doc),
    )
        .into_response())
}
