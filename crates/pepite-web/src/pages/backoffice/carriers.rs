//! Carriers in the back office (F1, F3; P3: carriers are data): the list with each tracking
//! page, countries and tracking-number format, a form to add one and a form to change one or
//! switch it off. Admins only; a refused form comes back with each problem beside its field.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::carriers::{self, CarrierForm, CarrierRow};
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use serde::Deserialize;

use super::{fail, with_role};
use crate::AppState;
use crate::pages::forms::{Form, checkbox, see_other};
use crate::pages::{FormErrors, PageCtx, PageError, render};

/// The carrier form as typed; `code` only when adding one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct CarrierFields {
    code: String,
    name: String,
    tracking_url: String,
    countries: String,
    tracking_format: String,
    #[serde(deserialize_with = "checkbox")]
    active: bool,
}

impl CarrierFields {
    fn of(row: &CarrierRow) -> Self {
        let f = CarrierForm::of(row);
        CarrierFields {
            code: row.code.clone(),
            name: f.name,
            tracking_url: f.tracking_url,
            countries: f.countries,
            tracking_format: f.tracking_format,
            active: f.active,
        }
    }

    fn form(&self) -> CarrierForm {
        CarrierForm {
            name: self.name.clone(),
            tracking_url: self.tracking_url.clone(),
            countries: self.countries.clone(),
            tracking_format: self.tracking_format.clone(),
            active: self.active,
        }
    }
}

#[derive(Template)]
#[template(path = "backoffice/carriers.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    carriers: Vec<CarrierRow>,
    /// The form to add a carrier, as typed.
    form: CarrierFields,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "backoffice/carrier.html")]
struct EditPage<'a> {
    ctx: &'a PageCtx,
    form: CarrierFields,
    errors: FormErrors,
}

fn status_of(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn list_page(
    state: &AppState,
    ctx: &PageCtx,
    form: CarrierFields,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let carriers = carriers::list(&state.app).await.map_err(|e| fail(ctx, e))?;
    let page = ListPage {
        ctx,
        carriers,
        form,
        errors: FormErrors::new(ctx.lang, errors.clone()),
    };
    Ok((status_of(&errors), render(&page)).into_response())
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    with_role(&ctx, Role::Admin)?;
    let fresh = CarrierFields {
        active: true,
        ..Default::default()
    };
    list_page(&state, &ctx, fresh, FieldErrors::new()).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<CarrierFields>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Admin)?;
    // Adding never overwrites: an existing code is edited on its own page.
    let taken = carriers::get(&state.app, form.code.trim()).await.is_ok();
    let result = if taken {
        Err(AppError::field("code", "taken"))
    } else {
        carriers::save(&state.app, &who, &form.code, &form.form()).await
    };
    match result {
        Ok(_) => Ok(see_other("/back-office/carriers")),
        Err(AppError::Invalid(errors)) => list_page(&state, &ctx, form, errors).await,
        Err(e) => Err(fail(&ctx, e)),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    with_role(&ctx, Role::Admin)?;
    let row = carriers::get(&state.app, &code)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let page = EditPage {
        ctx: &ctx,
        form: CarrierFields::of(&row),
        errors: FormErrors::default(),
    };
    Ok(render(&page))
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(code): Path<String>,
    Form(form): Form<CarrierFields>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Admin)?;
    let row = carriers::get(&state.app, &code)
        .await
        .map_err(|e| fail(&ctx, e))?;
    match carriers::save(&state.app, &who, &row.code, &form.form()).await {
        Ok(_) => Ok(see_other("/back-office/carriers")),
        Err(AppError::Invalid(errors)) => {
            let page = EditPage {
                ctx: &ctx,
                form: CarrierFields {
                    code: row.code,
                    ..form
                },
                errors: FormErrors::new(ctx.lang, errors),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}
