//! O11: an order's invoice as a PDF, numbered like the order, for its buyer and staff.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::orders::{self, Viewer};
use pepite_domain::account::Language;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiPath, problem};
use crate::auth::Lang;
use crate::documents::invoice_pdf;
use crate::documents::order_invoice::invoice_doc;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(invoice))
}

/// The bytes of a PDF file.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(Vec<u8>);

impl IntoResponse for PdfFile {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

/// O11: the invoice of a paid order (its number is the invoice number), as a PDF in the
/// language of `Accept-Language`. For its buyer and staff; an unpaid order has none.
#[utoipa::path(get, path = "/orders/{id}/invoice", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The invoice", content_type = "application/pdf", body = PdfFile,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"invoice-2026-000001.pdf\"`"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order of mine, or not paid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn invoice(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, Problem> {
    let (detail, viewer) = orders::detail(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    // A seller sees only their lines: the invoice of the whole order is not theirs.
    let number = match (&detail.order.number, viewer) {
        (Some(n), Viewer::Buyer | Viewer::Staff) => n.clone(),
        _ => return Err(Problem::from_app(AppError::NotFound, lang)),
    };
    let issuer = orders::invoice_issuer(&s.app, &detail)
        .await
        .map_err(problem(lang))?;
    let pdf = invoice_pdf(&invoice_doc(&detail, lang, &issuer));
    let stem = match lang {
        Language::Fr => "facture",
        Language::En => "invoice",
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}-{number}.pdf\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        PdfFile(pdf),
    )
        .into_response())
}
