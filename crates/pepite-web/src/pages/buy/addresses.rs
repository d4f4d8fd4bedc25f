//! The address book (O6): addresses saved for the next checkouts; orders keep their own copy,
//! so deleting one here changes no order.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal};
use pepite_app::addresses::{self, Address};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::fields::{AddressForm, Fields, blank};
use super::{parse_id, signed_in};
use crate::AppState;
use crate::documents::order_invoice::address_lines;
use crate::pages::auth::countries;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

const BACK: &str = "/account/addresses";

#[derive(Template)]
#[template(path = "buy/addresses.html")]
struct AddressesPage<'a> {
    ctx: &'a PageCtx,
    /// (id, lines) of each saved address.
    saved: Vec<(i64, Vec<String>)>,
    af: AddressForm,
    countries: Vec<(&'static str, &'static str)>,
    errors: FormErrors,
    notice: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
}

async fn page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    typed: Address,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let saved = addresses::list(&s.app, who).await.or_page(ctx)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AddressesPage {
        ctx,
        saved: saved
            .iter()
            .map(|a| (a.id, address_lines(&a.address, ctx.lang)))
            .collect(),
        af: AddressForm::new("address", &typed),
        countries: countries(ctx.lang),
        errors: FormErrors::new(ctx.lang, errors),
        notice,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn list(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, BACK)?;
    let user = accounts::me(&s.app, &who).await.or_page(&ctx)?;
    let typed = Address {
        full_name: who.display_name.clone(),
        country: user.country,
        ..blank()
    };
    let notice = match q.done.as_str() {
        "added" => Some("addresses-added"),
        "deleted" => Some("addresses-deleted"),
        _ => None,
    };
    page(&s, &ctx, &who, typed, FieldErrors::new(), notice).await
}

pub async fn add(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, BACK)?;
    let typed = Fields(pairs).address("address");
    match addresses::add(&s.app, &who, &typed).await {
        Ok(_) => Ok(see_other("/account/addresses?done=added")),
        Err(AppError::Invalid(errors)) => page(&s, &ctx, &who, typed, errors, None).await,
        Err(e) => Err(e).or_page(&ctx),
    }
}

pub async fn delete(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, BACK)?;
    let id = parse_id(&ctx, &id)?;
    addresses::delete(&s.app, &who, id).await.or_page(&ctx)?;
    Ok(see_other("/account/addresses?done=deleted"))
}
