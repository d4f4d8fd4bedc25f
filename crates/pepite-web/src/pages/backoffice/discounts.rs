//! Discount codes in the back office (O8): the list with their uses and limits, the form to
//! create one and the form to change one's conditions or switch it off. A refused form comes
//! back with what was typed and each problem beside its field, in the person's language.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::catalog::{self, SearchParams};
use pepite_app::discounts::{self, DiscountRow};
use pepite_app::sellers;
use pepite_domain::account::Role;
use pepite_domain::commerce::{DiscountRule, DiscountScope, DiscountValue};
use pepite_domain::piece::Category;
use pepite_domain::search::fold;
use serde::Deserialize;

use super::discount_form::DiscountForm;
use super::numbers::format_scaled;
use super::problems::Problems;
use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// Customer service and finance manage codes (the use cases check it again on every write).
fn manager(ctx: &PageCtx) -> Result<Principal, PageError> {
    let who = staff(ctx)?;
    if who.has(Role::CustomerService) || who.has(Role::Finance) {
        Ok(who)
    } else {
        Err(fail(ctx, AppError::Forbidden))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    done: Option<String>,
}

fn done_key(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "created" => Some("bo-discount-done-created"),
        "saved" => Some("bo-discount-done-saved"),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "backoffice/discounts.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    codes: Vec<(DiscountRow, DiscountRule)>,
    done: Option<&'static str>,
}

impl ListPage<'_> {
    fn value(&self, rule: &DiscountRule) -> String {
        match rule.value {
            DiscountValue::Percent(bps) => {
                self.ctx
                    .t1("bo-percent", "value", format_scaled(bps, 2, self.ctx.lang))
            }
            DiscountValue::Fixed(cents) => self.ctx.money(&cents),
        }
    }

    fn scope(&self, rule: &DiscountRule) -> String {
        let ctx = self.ctx;
        match &rule.scope {
            DiscountScope::Everything => ctx.t("bo-scope-everything"),
            DiscountScope::Brand(b) => ctx.t1("bo-scope-brand-is", "brand", b),
            DiscountScope::Category(c) => {
                ctx.t1("bo-scope-category-is", "category", ctx.label("category", c))
            }
            DiscountScope::Seller(id) => ctx.t1("bo-scope-seller-is", "id", id),
        }
    }

    /// The last day a code works: its exclusive end is the midnight after.
    fn until(&self, end_us: &i64) -> String {
        self.ctx.date(&(end_us - 1))
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let who = manager(&ctx)?;
    let codes = discounts::list(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&ListPage {
        ctx: &ctx,
        codes,
        done: done_key(q.done.as_deref()),
    }))
}

#[derive(Template)]
#[template(path = "backoffice/discount_form.html")]
struct FormPage<'a> {
    ctx: &'a PageCtx,
    form: DiscountForm,
    errors: Problems,
    /// The code being edited; `None` for a new one.
    row: Option<DiscountRow>,
    done: Option<&'static str>,
    pickers: Pickers,
}

/// Most shops the seller picker offers; a shop beyond them is still chosen by its number.
const SHOPS_PICKED: i64 = 500;

/// What the scope's pickers offer, so nobody types a brand or a shop number from memory: the
/// brands of the pieces on sale or sold (from the search index) and the shops.
struct Pickers {
    brands: Vec<String>,
    shops: Vec<(i64, String)>,
}

async fn pickers(state: &AppState, ctx: &PageCtx) -> Result<Pickers, PageError> {
    let everything = SearchParams {
        facets: true,
        limit: Some(1),
        ..SearchParams::default()
    };
    let found = catalog::search(&state.app, &everything)
        .await
        .map_err(|e| fail(ctx, e))?;
    let mut brands: Vec<String> = found
        .facets
        .into_iter()
        .filter(|f| f.facet == "brand")
        .map(|f| f.value)
        .collect();
    brands.sort_by_cached_key(|b| fold(b));
    let shops = sellers::shops(&state.app, None, SHOPS_PICKED)
        .await
        .map_err(|e| fail(ctx, e))?
        .into_iter()
        .map(|s| (s.id, s.shop_name))
        .collect();
    Ok(Pickers { brands, shops })
}

impl FormPage<'_> {
    fn categories(&self) -> impl Iterator<Item = &'static str> {
        Category::keys()
    }

    fn respond(&self, status: StatusCode) -> Response {
        (status, render(self)).into_response()
    }
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    manager(&ctx)?;
    let page = FormPage {
        pickers: pickers(&state, &ctx).await?,
        ctx: &ctx,
        form: DiscountForm::default(),
        errors: Problems::default(),
        row: None,
        done: None,
    };
    Ok(page.respond(StatusCode::OK))
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<DiscountForm>,
) -> Result<Response, PageError> {
    let who = manager(&ctx)?;
    let result = match form.to_rule() {
        Ok(rule) => discounts::create(&state.app, &who, rule).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(_) => Ok(see_other("/back-office/discount-codes?done=created")),
        Err(AppError::Invalid(errors)) => {
            let page = FormPage {
                pickers: pickers(&state, &ctx).await?,
                ctx: &ctx,
                errors: Problems::new(&ctx, &errors),
                form,
                row: None,
                done: None,
            };
            Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let who = manager(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let (row, rule) = discounts::get(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let page = FormPage {
        pickers: pickers(&state, &ctx).await?,
        ctx: &ctx,
        form: DiscountForm::from_rule(&ctx, &rule, row.active),
        errors: Problems::default(),
        row: Some(row),
        done: done_key(q.done.as_deref()),
    };
    Ok(page.respond(StatusCode::OK))
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(mut form): Form<DiscountForm>,
) -> Result<Response, PageError> {
    let who = manager(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let (row, _) = discounts::get(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    // The code's text never changes once people may have it.
    form.code = row.code.clone();
    let result = match form.to_rule() {
        Ok(rule) => discounts::update(&state.app, &who, id, rule, form.active).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/back-office/discount-codes/{id}?done=saved"
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = FormPage {
                pickers: pickers(&state, &ctx).await?,
                ctx: &ctx,
                errors: Problems::new(&ctx, &errors),
                form,
                row: Some(row),
                done: None,
            };
            Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}
