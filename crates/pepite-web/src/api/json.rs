//! The API's request extractors and shared representations: every way a request can be
//! malformed answers with a problem document, never axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use pepite_app::AppError;
use pepite_domain::account::Language;
use pepite_domain::money::CURRENCY;
use pepite_domain::time::from_micros;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::ToSchema;

use super::strict_json;
use crate::input_text;
use crate::problem::Problem;

/// A JSON body. Bad JSON, wrong types, an array or a scalar where an object is expected and a
/// missing body are a 400 `malformed_body` naming what was wrong, so a client developer sees
/// the cause rather than a bare status. A text with a control character is a 422 on its field
/// (see `input_text`).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let lang = crate::auth::language_of_headers(req.headers());
        let mut value = match axum::Json::<Value>::from_request(req, state).await {
            Ok(axum::Json(value)) => value,
            Err(rejection) => return Err(body_problem(rejection.status(), rejection.body_text())),
        };
        integral_numbers_as_integers(&mut value);
        // Texts are judged where the type reads them: a property it ignores is never stored,
        // so a control character there is no one's concern (the document allows extras).
        let refused = |skip: &dyn Fn(&Value) -> bool| {
            let errors = input_text::json_errors(&value, skip);
            (!errors.is_empty()).then(|| Problem::from_app(AppError::Invalid(errors), lang))
        };
        match strict_json::from_value(&value) {
            Ok((read, ignored)) => match refused(&|part| ignored.contains(part)) {
                Some(problem) => Err(problem),
                None => Ok(ApiJson(read)),
            },
            // An unreadable body still names its control characters first, as a field error.
            Err(e) => Err(refused(&|_| false)
                .unwrap_or_else(|| body_problem(StatusCode::BAD_REQUEST, e.to_string()))),
        }
    }
}

/// JSON Schema, which the OpenAPI document speaks, counts `2.0` as an integer; serde does
/// not. Rewriting such numbers as integers makes every `integer` the document declares
/// accept what the document promises (a client writing `8500.0` for cents is not wrong).
fn integral_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                // i64::MAX as f64 rounds up to 2^63, which is already out of range.
                && f >= i64::MIN as f64
                && f < i64::MAX as f64
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// A query string (repeated keys such as `brand=A&brand=B` become lists). A value of the
/// wrong type is a 400 `malformed_query`; a control character is a 422 on its field.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let refused = input_text::form_errors(parts.uri.query().unwrap_or("").as_bytes());
        if !refused.is_empty() {
            let lang = crate::auth::language_of_headers(&parts.headers);
            return Err(Problem::from_app(AppError::Invalid(refused), lang));
        }
        match axum_extra::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum_extra::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "malformed_query",
                "The query string could not be read",
            )
            .detail(rejection.body_text())),
        }
    }
}

/// Path parameters. An id that is not a number names nothing: 404, like any unknown id (A4).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(_) => Err(not_found()),
        }
    }
}

pub fn not_found() -> Problem {
    Problem::from_app(AppError::NotFound, Language::En)
}

fn body_problem(status: StatusCode, detail: String) -> Problem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(status, "body_too_large", "The request body is too large").detail(detail)
    } else {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed_body",
            "The request body could not be read",
        )
        .detail(detail)
    }
}

/// Turns a use case's error into the problem document the client receives:
/// `.map_err(problem(lang))?`.
/// A `?state=` filter: blank means none; anything not in `allowed` is a field error.
pub fn state_filter<'a>(
    raw: Option<&'a str>,
    allowed: &[&str],
) -> Result<Option<&'a str>, AppError> {
    let state = raw.map(str::trim).filter(|st| !st.is_empty());
    if state.is_some_and(|st| !allowed.contains(&st)) {
        return Err(AppError::field("state", "unknown_value"));
    }
    Ok(state)
}

pub fn problem(lang: Language) -> impl Fn(AppError) -> Problem {
    move |e| Problem::from_app(e, lang)
}

/// An instant as RFC 3339 text in UTC, e.g. `2026-11-21T09:30:00Z`.
pub fn timestamp(us: i64) -> String {
    from_micros(us).to_string()
}

/// An amount of money: integer minor units, never a float.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Price {
    #[schema(example = 8500)]
    pub amount_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

impl Price {
    pub fn cents(amount_cents: i64) -> Self {
        Price {
            amount_cents,
            currency: CURRENCY,
        }
    }
}

/// The bytes of an uploaded file: the part named `field` of a `multipart/form-data` body, or
/// the whole body when it is sent with one of the `raw_types` (for `curl --data-binary`).
/// A multipart body without that part is a 422 on the field, like any missing field.
pub async fn upload(
    req: Request,
    field: &str,
    raw_types: &[&str],
    lang: Language,
) -> Result<Vec<u8>, Problem> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "multipart/form-data" {
        let mut multipart = Multipart::from_request(req, &())
            .await
            .map_err(|r| body_problem(r.status(), r.body_text()))?;
        loop {
            match multipart.next_field().await {
                Ok(Some(part)) if part.name() == Some(field) => {
                    return part
                        .bytes()
                        .await
                        .map(|b| b.to_vec())
                        .map_err(|e| body_problem(e.status(), e.body_text()));
                }
                Ok(Some(_)) => {}
                Ok(None) => {
                    return Err(Problem::from_app(AppError::field(field, "required"), lang));
                }
                Err(e) => return Err(body_problem(e.status(), e.body_text())),
            }
        }
    }
    if raw_types.contains(&essence.as_str()) {
        return Bytes::from_request(req, &())
            .await
            .map(|b| b.to_vec())
            .map_err(|r| body_problem(r.status(), r.body_text()));
    }
    Err(Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "This content type is not accepted here",
    )
    .detail(format!(
        "Send multipart/form-data with a `{field}` part, or a body of type {}.",
        raw_types.join(", ")
    )))
}
