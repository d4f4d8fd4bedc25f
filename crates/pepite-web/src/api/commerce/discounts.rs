//! Discount codes (O8) as customer service and finance manage them: percent or fixed, minimum
//! order, validity dates, total and per-customer limits, scope, on or off.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::discounts::{self, DiscountRow};
use pepite_domain::FieldErrors;
use pepite_domain::commerce::{self, DiscountRule, DiscountScope, DiscountValue};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_codes, create_code))
        .routes(routes!(get_code, update_code))
}

/// A code's conditions. Errors name the fields without their unit suffix (`min_order`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct DiscountCodeBody {
    /// 3 to 32 of `A–Z 0–9 - _`, any case (stored upper-case). Ignored when editing: a
    /// code's text never changes.
    #[serde(default)]
    #[schema(example = "SUMMER-10")]
    pub code: String,
    /// `percent` or `fixed`.
    #[serde(default)]
    #[schema(example = "percent")]
    pub kind: String,
    /// Basis points for `percent` (1000 = 10 %), cents for `fixed`.
    #[schema(example = 1000)]
    pub value: Option<i64>,
    #[serde(default)]
    pub min_order_cents: i64,
    /// RFC 3339; absent: valid at once.
    #[schema(example = "2026-06-01T00:00:00Z")]
    pub starts_at: Option<String>,
    /// RFC 3339, exclusive; absent: no end.
    pub ends_at: Option<String>,
    /// Uses in all; absent: no limit.
    pub max_uses: Option<i64>,
    /// Uses per customer; absent: no limit.
    pub per_customer: Option<i64>,
    /// `everything` (the default), `brand`, `category` or `seller`.
    #[serde(default)]
    pub scope: String,
    /// With scope `brand`.
    pub brand: Option<String>,
    /// With scope `category`, e.g. `dresses`.
    pub category: Option<String>,
    /// With scope `seller`: the shop's id.
    pub seller_id: Option<i64>,
    /// When editing: switch the code on or off (default on).
    pub active: Option<bool>,
}

/// A discount code with its conditions and how often it was used.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiscountCode {
    pub id: i64,
    pub code: String,
    pub kind: &'static str,
    pub value: i64,
    pub min_order_cents: i64,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub max_uses: Option<i64>,
    pub per_customer: Option<i64>,
    pub scope: &'static str,
    pub brand: Option<String>,
    pub category: Option<String>,
    pub seller_id: Option<i64>,
    pub active: bool,
    /// Paid orders (and orders being paid) that used it.
    pub uses: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl DiscountCode {
    fn new(row: DiscountRow, rule: DiscountRule) -> Self {
        let (kind, value) = match rule.value {
            DiscountValue::Percent(v) => ("percent", v),
            DiscountValue::Fixed(v) => ("fixed", v),
        };
        let (scope, brand, category, seller_id) = match rule.scope {
            DiscountScope::Everything => ("everything", None, None, None),
            DiscountScope::Brand(b) => ("brand", Some(b), None, None),
            DiscountScope::Category(c) => ("category", None, Some(c), None),
            DiscountScope::Seller(s) => ("seller", None, None, Some(s)),
        };
        DiscountCode {
            id: row.id,
            code: row.code,
            kind,
            value,
            min_order_cents: rule.min_order_cents,
            starts_at: rule.starts_at_us.map(timestamp),
            ends_at: rule.ends_at_us.map(timestamp),
            max_uses: rule.max_uses,
            per_customer: rule.per_customer,
            scope,
            brand,
            category,
            seller_id,
            active: row.active,
            uses: row.uses,
            created_at: timestamp(row.created_at),
            updated_at: timestamp(row.updated_at),
        }
    }
}

/// An RFC 3339 instant in microseconds; a field error otherwise.
fn instant(field: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<i64> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
    match raw.parse::<jiff::Timestamp>() {
        Ok(t) => Some(t.as_microsecond()),
        Err(_) => {
            errors.add(field, "invalid_date");
            None
        }
    }
}

impl DiscountCodeBody {
    /// The rule it describes; the domain checks the rest (ranges, dates in order).
    fn rule(self) -> Result<DiscountRule, AppError> {
        let mut errors = FieldErrors::new();
        let value = self.value.unwrap_or_else(|| {
            errors.add("value", "required");
            0
        });
        let value = match self.kind.trim() {
            "percent" => DiscountValue::Percent(value),
            "fixed" => DiscountValue::Fixed(value),
            "" => {
                errors.add("kind", "required");
                DiscountValue::Fixed(value)
            }
            _ => {
                errors.add("kind", "unknown_value");
                DiscountValue::Fixed(value)
            }
        };
        let scope = match self.scope.trim() {
            "" | "everything" => DiscountScope::Everything,
            "brand" => DiscountScope::Brand(self.brand.unwrap_or_default().trim().to_owned()),
            "category" => DiscountScope::Category(self.category.unwrap_or_default()),
            "seller" => DiscountScope::Seller(self.seller_id.unwrap_or(0)),
            _ => {
                errors.add("scope", "unknown_value");
                DiscountScope::Everything
            }
        };
        let starts_at_us = instant("starts_at", self.starts_at.as_deref(), &mut errors);
        let ends_at_us = instant("ends_at", self.ends_at.as_deref(), &mut errors);
        let rule = DiscountRule {
            code: self.code,
            value,
            min_order_cents: self.min_order_cents,
            starts_at_us,
            ends_at_us,
            max_uses: self.max_uses,
            per_customer: self.per_customer,
            scope,
        };
        if !errors.is_empty() {
            // Report the domain's refusals along with these, each field once.
            if let Err(more) = commerce::validate_rule(&rule) {
                for e in more.0 {
                    if errors.for_field(&e.field).is_none() {
                        errors.0.push(e);
                    }
                }
            }
        }
        errors.into_result(rule).map_err(AppError::from)
    }
}

/// Every discount code (customer service, finance).
#[utoipa::path(get, path = "/discount-codes", tag = "discount-codes", security(("bearer" = [])),
    responses(
        (status = 200, body = [DiscountCode]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_codes(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Promotions>,
) -> Result<Json<Vec<DiscountCode>>, Problem> {
    let rows = discounts::list(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|(row, rule)| DiscountCode::new(row, rule))
            .collect(),
    ))
}

/// Create a discount code (customer service, finance).
#[utoipa::path(post, path = "/discount-codes", tag = "discount-codes", security(("bearer" = [])),
    request_body = DiscountCodeBody,
    responses(
        (status = 201, body = DiscountCode),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `code` `already_taken`, `value` `out_of_range`, `ends_at` `invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_code(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Promotions>,
    ApiJson(body): ApiJson<DiscountCodeBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let id = discounts::create(&s.app, &who, body.rule()?).await?;
        discounts::get(&s.app, &who, id).await
    };
    let (row, rule) = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(DiscountCode::new(row, rule))))
}

/// One discount code (customer service, finance).
#[utoipa::path(get, path = "/discount-codes/{id}", tag = "discount-codes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = DiscountCode),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_code(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Promotions>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DiscountCode>, Problem> {
    let (row, rule) = discounts::get(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(DiscountCode::new(row, rule)))
}

/// Rewrite a code's conditions and switch it on or off; its text stays.
#[utoipa::path(put, path = "/discount-codes/{id}", tag = "discount-codes", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = DiscountCodeBody,
    responses(
        (status = 200, body = DiscountCode),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `max_uses` `below_uses`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_code(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Promotions>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DiscountCodeBody>,
) -> Result<Json<DiscountCode>, Problem> {
    let active = body.active.unwrap_or(true);
    let run = async {
        // The text is the stored one: the body's code only has to be well formed.
        let (current, _) = discounts::get(&s.app, &who, id).await?;
        let rule = DiscountCodeBody {
            code: current.code,
            ..body
        }
        .rule()?;
        discounts::update(&s.app, &who, id, rule, active).await?;
        discounts::get(&s.app, &who, id).await
    };
    let (row, rule) = run.await.map_err(problem(lang))?;
    Ok(Json(DiscountCode::new(row, rule)))
}
