//! Opening a shop and editing its profile (C1, A3: a shop shows no contact detail).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::{AppError, accounts, sellers};
use pepite_domain::FieldErrors;
use pepite_domain::country::COUNTRIES;
use pepite_domain::piece::SellerInput;
use pepite_store::sellers::SellerRow;
use serde::Deserialize;

use super::{person, shop_of};
use crate::AppState;
use crate::pages::forms::{Form, checkbox, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// The shop form as typed. Derived `Default` leaves the checkbox unticked, as a browser
/// sends it when unticked; a fresh form ticks it with [`ShopForm::fresh`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct ShopForm {
    shop_name: String,
    country: String,
    kind: String,
    #[serde(deserialize_with = "checkbox")]
    open_to_offers: bool,
    bio: String,
}

impl ShopForm {
    /// A new shop: the person's country, an individual seller, open to offers.
    fn fresh(country: String) -> Self {
        ShopForm {
            country,
            kind: "individual".into(),
            open_to_offers: true,
            ..Default::default()
        }
    }

    fn from_row(s: &SellerRow) -> Self {
        ShopForm {
            shop_name: s.shop_name.clone(),
            country: s.country.clone(),
            kind: s.kind.clone(),
            open_to_offers: s.open_to_offers,
            bio: s.bio.clone(),
        }
    }

    fn input(&self) -> SellerInput {
        SellerInput {
            shop_name: self.shop_name.clone(),
            country: self.country.clone(),
            kind: self.kind.clone(),
            open_to_offers: self.open_to_offers,
            bio: self.bio.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "sell/shop_form.html")]
struct ShopPage<'a> {
    ctx: &'a PageCtx,
    /// Opening a shop, or editing the one the person has.
    opening: bool,
    form: ShopForm,
    errors: FormErrors,
}

impl ShopPage<'_> {
    /// Every country, named in the page's language.
    fn countries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        COUNTRIES
            .iter()
            .map(|(code, _, _)| (*code, self.ctx.country(code)))
    }

    fn kinds(&self) -> [&'static str; 2] {
        ["individual", "professional"]
    }
}

fn page(ctx: &PageCtx, opening: bool, form: ShopForm, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ShopPage {
        ctx,
        opening,
        form,
        errors: FormErrors::new(ctx.lang, errors),
    };
    (status, render(&page)).into_response()
}

/// The seller space of someone without a shop: the form to open one.
pub(super) async fn open_form(state: &AppState, ctx: &PageCtx) -> Result<Response, PageError> {
    let who = person(ctx)?;
    let me = accounts::me(&state.app, &who).await.or_page(ctx)?;
    Ok(page(
        ctx,
        true,
        ShopForm::fresh(me.country),
        FieldErrors::new(),
    ))
}

pub(super) async fn open(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ShopForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    match sellers::open_shop(&state.app, &who, ctx.shop_id(), &form.input()).await {
        Ok(_) => Ok(see_other("/sell?done=shop_opened")),
        Err(AppError::Invalid(errors)) => Ok(page(&ctx, true, form, errors)),
        // A second tab already opened it: show the shop there is.
        Err(AppError::Conflict("already_a_seller")) => Ok(see_other("/sell")),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    match shop_of(&state, &ctx, &who).await? {
        Some(shop) => Ok(page(
            &ctx,
            false,
            ShopForm::from_row(&shop),
            FieldErrors::new(),
        )),
        None => Ok(see_other("/sell")),
    }
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ShopForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    match sellers::update_shop(&state.app, &who, &form.input()).await {
        Ok(_) => Ok(see_other("/sell?done=shop_saved")),
        Err(AppError::Invalid(errors)) => Ok(page(&ctx, false, form, errors)),
        Err(AppError::Forbidden) => Ok(see_other("/sell")),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
