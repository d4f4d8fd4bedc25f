//! T1: a programme's rules as one form: its name, brands one per line, excluded categories
//! as checkboxes, the person's conditions, the handling time and the vouchers' validity, and
//! the price grid as a table of inputs (the policy tables' helpers: blank rows add lines, an
//! emptied row is removed). Saved against the version read, so a partner who saved meanwhile
//! is never overwritten unseen: the second one is told, and keeps what they typed.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::{Programme, catalogue};
use pepite_domain::FieldErrors;
use pepite_domain::piece::{Category, Grade};
use pepite_domain::tradein::{GridLine, ProgrammeRules, accepted_grades};
use serde::Deserialize;

use super::{fail, programme};
use crate::AppState;
use crate::pages::backoffice::numbers::{format_scaled, parse_scaled, whole};
use crate::pages::backoffice::policy_tables::{Spec, Table};
use crate::pages::backoffice::problems::Problems;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The grid's table: a blank category is every category, a blank age any age.
const GRID: Spec = Spec {
    field: "grid",
    columns: &["category", "max_age_years", "grade", "percent"],
    select: Some(2),
};

/// Field names are the rules' own, so that `ProgrammeRules::check` errors land beside them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct RulesForm {
    version: String,
    name: String,
    brands: String,
    countries: String,
    earliest_year: String,
    min_age: String,
    handling_business_days: String,
    voucher_validity_months: String,
    /// The grid's cells (`grid.0.grade`…) and the ticked categories (`exclude.coats`).
    #[serde(flatten)]
    cells: HashMap<String, String>,
}

impl RulesForm {
    fn from_programme(ctx: &PageCtx, p: &Programme) -> Self {
        let r = &p.rules;
        let mut cells = HashMap::new();
        for c in &r.excluded_categories {
            cells.insert(format!("exclude.{}", c.as_str()), "on".to_owned());
        }
        let table = grid_table(ctx, &r.grid);
        for (i, row) in table.rows.iter().enumerate() {
            for (c, v) in GRID.columns.iter().zip(row) {
                cells.insert(format!("grid.{i}.{c}"), v.clone());
            }
        }
        RulesForm {
            version: p.row.version.to_string(),
            name: p.row.name.clone(),
            brands: r.brands.join("\n"),
            countries: r.countries.join(", "),
            earliest_year: r.earliest_year.to_string(),
            min_age: r.min_age.to_string(),
            handling_business_days: r.handling_business_days.to_string(),
            voucher_validity_months: r.voucher_validity_months.to_string(),
            cells,
        }
    }

    fn grid(&self) -> Table {
        Table::from_cells(GRID, &self.cells)
    }

    fn excluded(&self, c: &str) -> bool {
        self.cells.contains_key(&format!("exclude.{c}"))
    }

    /// The rules typed, or every field that could not be read.
    fn rules(&self) -> Result<ProgrammeRules, FieldErrors> {
        let mut e = FieldErrors::new();
        let small = |field: &str, raw: &str, e: &mut FieldErrors| {
            e.take(whole(field, raw))
                .and_then(|v| i16::try_from(v).ok())
                .unwrap_or(-1)
        };
        let earliest_year = small("earliest_year", &self.earliest_year, &mut e);
        let min_age = small("min_age", &self.min_age, &mut e);
        let handling_business_days = e
            .take(whole(
                "handling_business_days",
                &self.handling_business_days,
            ))
            .unwrap_or(-1);
        let voucher_validity_months = i8::try_from(small(
            "voucher_validity_months",
            &self.voucher_validity_months,
            &mut e,
        ))
        .unwrap_or(-1);
        let grid = self
            .grid()
            .read(&mut e, |r| {
                let category = match r[0].trim() {
                    "" => None,
                    c => Some(Category::parse(c)?),
                };
                let max_age_years = match r[1].trim() {
                    "" => None,
                    a => Some(a.parse::<i16>().ok()?),
                };
                Some(GridLine {
                    category,
                    max_age_years,
                    grade: Grade::parse(&r[2])?,
                    rate_bps: parse_scaled(&r[3], 2)?,
                })
            })
            .unwrap_or_default();
        let rules = ProgrammeRules {
            brands: self
                .brands
                .lines()
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty())
                .collect(),
            excluded_categories: Category::ALL
                .iter()
                .copied()
                .filter(|c| self.excluded(c.as_str()))
                .collect(),
            earliest_year,
            countries: self
                .countries
                .split([',', ' ', ';', '\n'])
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty())
                .collect(),
            min_age,
            handling_business_days,
            voucher_validity_months,
            grid,
        };
        e.into_result(rules)
    }
}

fn grid_table(ctx: &PageCtx, grid: &[GridLine]) -> Table {
    let rows = grid
        .iter()
        .map(|l| {
            vec![
                l.category
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default(),
                l.max_age_years.map(|a| a.to_string()).unwrap_or_default(),
                l.grade.as_str().to_owned(),
                format_scaled(l.rate_bps, 2, ctx.lang),
            ]
        })
        .collect();
    Table::new(GRID, rows)
}

#[derive(Template)]
#[template(path = "partner/rules.html")]
struct RulesPage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    form: RulesForm,
    errors: Problems,
    done: bool,
    /// Someone saved the programme since this form was read.
    stale: bool,
}

impl RulesPage<'_> {
    fn categories(&self) -> impl Iterator<Item = &'static str> {
        Category::ALL.iter().map(|c| c.as_str())
    }

    fn grades(&self) -> Vec<&'static str> {
        accepted_grades().iter().map(|g| g.as_str()).collect()
    }

    /// The refusal of one grid line (`ProgrammeRules::check` names lines `grid.N`).
    fn row_error(&self, r: &usize) -> Option<String> {
        self.errors.msg(&format!("grid.{r}"))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    done: String,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let (_, p) = programme(&state, &ctx, &id).await?;
    Ok(render(&RulesPage {
        form: RulesForm::from_programme(&ctx, &p),
        ctx: &ctx,
        p,
        errors: Problems::default(),
        done: q.done == "saved",
        stale: false,
    }))
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RulesForm>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let version = form.version.trim().parse().unwrap_or(-1);
    let result = match form.rules() {
        Ok(rules) => {
            catalogue::save_rules(&state.app, &who, p.row.id, &form.name, &rules, version).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let (status, errors, stale) = match result {
        Ok(()) => {
            return Ok(see_other(&format!(
                "/partner/programmes/{}?done=saved",
                p.row.id
            )));
        }
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, false),
        Err(AppError::Conflict("programme_changed")) => {
            (StatusCode::CONFLICT, FieldErrors::new(), true)
        }
        Err(e) => return Err(fail(&ctx, e)),
    };
    let page = RulesPage {
        errors: Problems::new(&ctx, &errors),
        ctx: &ctx,
        p,
        form,
        done: false,
        stale,
    };
    Ok((status, render(&page)).into_response())
}
