//! T1/T2: a programme's reference catalogue: how many styles, a search by name or style id,
//! and a CSV upload (columns `catalogue::STYLE_COLUMNS`, a category in French or English)
//! whose good lines are written and whose refused lines are reported one by one (line,
//! column, value, reason). The import runs within the request; the script names the upload
//! with a token and, while the request runs, fills a progress bar from how many lines the
//! import has written (`progress`, read from the database, so any instance answers). Without
//! the script the page simply waits for its report.

use askama::Template;
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::import::LineErrors;
use pepite_app::tradein::Programme;
use pepite_app::tradein::catalogue::{self, STYLE_COLUMNS, STYLE_MAX_BYTES, StyleImport};
use pepite_domain::FieldErrors;
use pepite_store::tradein::programmes::{StyleRow, count_styles};
use serde::{Deserialize, Serialize};

use super::{fail, programme};
use crate::AppState;
use crate::i18n::field_message;
use crate::pages::forms::Query;
use crate::pages::sell::upload::read_file;
use crate::pages::{PageCtx, PageError, render};
use crate::value_names::csv_value;

/// Styles shown for a search.
const SHOWN: i64 = 50;

/// One refused cell of one line, ready to show.
struct Refusal {
    line: usize,
    column: String,
    /// The cell as the file wrote it, so the partner finds it.
    value: String,
    message: String,
}

#[derive(Template)]
#[template(path = "partner/catalogue.html")]
struct CataloguePage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    count: i64,
    q: String,
    found: Vec<StyleRow>,
    /// After an upload: lines added and updated.
    imported: Option<(usize, usize)>,
    file_errors: Vec<String>,
    refusals: Vec<Refusal>,
}

impl CataloguePage<'_> {
    fn columns(&self) -> &'static [&'static str] {
        STYLE_COLUMNS
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Search {
    q: String,
}

fn refusals(ctx: &PageCtx, lines: &[LineErrors]) -> Vec<Refusal> {
    lines
        .iter()
        .flat_map(|l| {
            l.errors.0.iter().zip(&l.cells).map(|(e, cell)| Refusal {
                line: l.line,
                column: e.field.clone(),
                value: cell.clone(),
                message: field_message(ctx.lang, e),
            })
        })
        .collect()
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(s): Query<Search>,
) -> Result<Response, PageError> {
    let (_, p) = programme(&state, &ctx, &id).await?;
    page(&state, &ctx, p, s.q, None, FieldErrors::new()).await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    p: Programme,
    q: String,
    import: Option<StyleImport>,
    file_errors: FieldErrors,
) -> Result<Response, PageError> {
    let count = count_styles(&state.app.db, p.row.id)
        .await
        .map_err(|e| fail(ctx, e.into()))?;
    let found = if q.trim().is_empty() {
        Vec::new()
    } else {
        catalogue::search(&state.app, &p, &q, SHOWN)
            .await
            .map_err(|e| fail(ctx, e))?
    };
    let refused = import
        .as_ref()
        .map(|i| refusals(ctx, &i.refused))
        .unwrap_or_default();
    let status = if file_errors.is_empty() && refused.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = CataloguePage {
        ctx,
        p,
        count,
        q,
        found,
        imported: import.map(|i| (i.added, i.updated)),
        file_errors: file_errors
            .0
            .iter()
            .map(|e| {
                format!(
                    "{} — {}",
                    e.field.trim_start_matches("column_"),
                    field_message(ctx.lang, e)
                )
            })
            .collect(),
        refusals: refused,
    };
    Ok((status, render(&page)).into_response())
}

/// The upload's token, chosen by the page's script.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Upload {
    progress: Option<String>,
}

/// How far an upload has gone, for the page's progress bar.
#[derive(Serialize)]
struct Progress {
    done: i64,
    total: i64,
}

/// T1: (lines done, lines in the file) of an upload of this programme, as JSON.
pub(super) async fn progress(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, token)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let (done, total) = catalogue::import_progress(&state.app, &who, p.row.id, &token)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(Json(Progress { done, total }).into_response())
}

/// T1: the catalogue file: good lines written, refused lines reported.
pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(upload): Query<Upload>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let max_mb = (STYLE_MAX_BYTES / (1024 * 1024)) as i64;
    let bytes = match read_file(multipart, "file", max_mb).await {
        Ok(bytes) => bytes,
        Err(e) => return page(&state, &ctx, p, String::new(), None, FieldErrors(vec![e])).await,
    };
    let token = upload.progress.as_deref();
    let import = catalogue::import_tracked(&state.app, &who, p.row.id, &bytes, &csv_value, token);
    match import.await {
        Ok(report) => {
            page(
                &state,
                &ctx,
                p,
                String::new(),
                Some(report),
                FieldErrors::new(),
            )
            .await
        }
        Err(AppError::Invalid(errors)) => page(&state, &ctx, p, String::new(), None, errors).await,
        Err(e) => Err(fail(&ctx, e)),
    }
}
