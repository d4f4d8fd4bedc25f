//! CSV import of many pieces at once (C1): every line is checked first, and a file with any
//! refused line writes nothing and reports each refused line with its fields.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use pepite_app::import::{self, ImportOutcome, LineErrors};
use pepite_domain::account::Language;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{problem, upload};
use crate::auth::Lang;
use crate::problem::{Problem, ProblemField, ProblemLine, problem_fields};
use crate::value_names::csv_value;

/// Room for the multipart envelope around the largest file the import accepts.
const ENVELOPE: usize = 64 * 1024;

const CSV_TYPES: &[&str] = &["text/csv", "text/plain", "application/csv"];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_pieces))
        .routes(routes!(template))
        .layer(DefaultBodyLimit::max(import::MAX_BYTES + ENVELOPE))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Imported {
    /// The new drafts, in file order.
    pub imported: Vec<i64>,
}

/// Import pieces from a CSV file as drafts of my shop.
///
/// Comma or semicolon separated, UTF-8, a header line with the template's columns. `price`
/// is in euros (`12.50` or `12,50`); `measurements` reads like `chest=48;length=105.5`
/// (centimetres). Send the file as the body (`text/csv`) or as a `file` part of a multipart
/// form.
#[utoipa::path(post, path = "/sellers/me/imports", tag = "sellers", security(("bearer" = [])),
    request_body(description = "The CSV file, or a multipart form with a `file` part",
        content(("text/csv"), ("multipart/form-data"))),
    responses(
        (status = 201, body = Imported),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`import_rejected` with `lines`, or `invalid_input` for the file as a whole (missing columns, not UTF-8, no lines)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn import_pieces(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    req: Request,
) -> Result<impl IntoResponse, Problem> {
    let bytes = upload(req, "file", CSV_TYPES, lang).await?;
    match import::import_csv(&s.app, &who, &bytes, &csv_value)
        .await
        .map_err(problem(lang))?
    {
        ImportOutcome::Imported(ids) => Ok((StatusCode::CREATED, Json(Imported { imported: ids }))),
        ImportOutcome::Rejected(lines) => {
            let mut p = Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "import_rejected",
                "Some lines were refused; nothing was imported",
            );
            p.lines = refused_lines(&lines, lang);
            Err(p)
        }
    }
}

/// A CSV file's refused lines as the API reports them: each field's error with the cell as
/// the file wrote it, so it can be found there.
pub(crate) fn refused_lines(lines: &[LineErrors], lang: Language) -> Vec<ProblemLine> {
    lines
        .iter()
        .map(|l| ProblemLine {
            line: l.line,
            errors: problem_fields(&l.errors, lang)
                .into_iter()
                .zip(&l.cells)
                .map(|(f, cell)| ProblemField {
                    value: Some(cell.clone()).filter(|c| !c.is_empty()),
                    ..f
                })
                .collect(),
        })
        .collect()
}

/// A CSV template with every column and one example line.
#[utoipa::path(get, path = "/sellers/me/imports/template", tag = "sellers", security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn template(_caller: ApiUser) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"pepite-import.csv\"",
            ),
        ],
        import::template(),
    )
}
