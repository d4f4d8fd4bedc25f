//! CSV import of many pieces as drafts (C1): the columns explained, a template to download,
//! and after an upload either the drafts or every refused line — in which case nothing was
//! written.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::import::{self, COLUMNS, ImportOutcome, LineErrors, MAX_BYTES};
use pepite_domain::FieldErrors;
use pepite_domain::piece::{Category, Colour, Grade, SizeSystem};

use super::upload::read_file;
use super::{person, shop_of};
use crate::AppState;
use crate::i18n::{self, field_message};
use crate::pages::forms::see_other;
use crate::pages::{PageCtx, PageError, render};
use crate::value_names::csv_value;

/// One refused field of one line, ready to show.
struct Refusal {
    line: usize,
    field: String,
    /// The cell as the file wrote it, so the seller finds it.
    value: String,
    message: String,
}

#[derive(Template)]
#[template(path = "sell/import.html")]
struct ImportPage<'a> {
    ctx: &'a PageCtx,
    /// Problems with the file as a whole (not UTF-8, a column missing…).
    file_errors: Vec<String>,
    /// Problems line by line.
    refusals: Vec<Refusal>,
}

impl ImportPage<'_> {
    fn columns(&self) -> &'static [&'static str] {
        COLUMNS
    }

    /// The accepted codes of a column that takes one of a closed list, else nothing.
    fn codes(&self, column: &str) -> String {
        let keys: Vec<&str> = match column {
            "category" => Category::keys().collect(),
            "size_system" => SizeSystem::keys().collect(),
            "grade" => Grade::keys().collect(),
            "colour" => Colour::keys().collect(),
            _ => return String::new(),
        };
        keys.join(", ")
    }
}

/// A field's name in the person's language; a missing column is named as the file names it.
fn field_name(ctx: &PageCtx, field: &str) -> String {
    if let Some(column) = field.strip_prefix("column_") {
        return column.to_owned();
    }
    if let Some(kind) = field.strip_prefix("measurement_") {
        return format!(
            "{} ({})",
            ctx.t("sell-field-measurements"),
            ctx.label("measurement", kind)
        );
    }
    let key = format!("sell-field-{}", field.replace('_', "-"));
    if i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        field.to_owned()
    }
}

fn page(ctx: &PageCtx, file_errors: FieldErrors, lines: Vec<LineErrors>) -> Response {
    let file_errors: Vec<String> = file_errors
        .0
        .iter()
        .map(|e| {
            let args = [
                ("field", field_name(ctx, &e.field)),
                ("message", field_message(ctx.lang, e)),
            ];
            i18n::t_args(ctx.lang, "sell-field-problem", &args)
        })
        .collect();
    let refusals: Vec<Refusal> = lines
        .iter()
        .flat_map(|l| {
            l.errors.0.iter().zip(&l.cells).map(|(e, cell)| Refusal {
                line: l.line,
                field: field_name(ctx, &e.field),
                value: cell.clone(),
                message: field_message(ctx.lang, e),
            })
        })
        .collect();
    let status = if file_errors.is_empty() && refusals.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ImportPage {
        ctx,
        file_errors,
        refusals,
    };
    (status, render(&page)).into_response()
}

pub(super) async fn form(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    if shop_of(&state, &ctx, &who).await?.is_none() {
        return Ok(see_other("/sell"));
    }
    Ok(page(&ctx, FieldErrors::new(), Vec::new()))
}

pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let max_mb = (MAX_BYTES / (1024 * 1024)) as i64;
    let bytes = match read_file(multipart, "file", max_mb).await {
        Ok(bytes) => bytes,
        Err(e) => return Ok(page(&ctx, FieldErrors(vec![e]), Vec::new())),
    };
    match import::import_csv(&state.app, &who, &bytes, &csv_value).await {
        // The drafts tab lists them, newest first, each with its link.
        Ok(ImportOutcome::Imported(ids)) => Ok(see_other(&format!(
            "/sell?state=draft&imported={}",
            ids.len()
        ))),
        Ok(ImportOutcome::Rejected(lines)) => Ok(page(&ctx, FieldErrors::new(), lines)),
        Err(AppError::Invalid(errors)) => Ok(page(&ctx, errors, Vec::new())),
        Err(AppError::Forbidden) => Ok(see_other("/sell")),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

/// The template file: the header line and one example piece.
pub(super) async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"pepite-pieces.csv\"",
            ),
        ],
        import::template(),
    )
        .into_response()
}
