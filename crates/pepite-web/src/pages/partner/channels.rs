//! T7: a programme's sales channels (boutiques, the brand's e-shop). Opening one shows its
//! token this once, on the answer to the form (never in an address), with how a till uses
//! it; the list shows each channel and whether it still works; a revoked token is refused
//! for good.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::Programme;
use pepite_app::tradein::channels::{self, CHANNEL_KINDS, ChannelRow};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::{fail, programme};
use crate::AppState;
use crate::pages::backoffice::problems::Problems;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "partner/channels.html")]
struct ChannelsPage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    channels: Vec<ChannelRow>,
    /// The channel just opened and its token, shown once.
    opened: Option<(String, String)>,
    revoked: bool,
    form: ChannelForm,
    errors: Problems,
}

impl ChannelsPage<'_> {
    fn kinds(&self) -> &'static [&'static str] {
        CHANNEL_KINDS
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct ChannelForm {
    name: String,
    kind: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    done: String,
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &PageCtx,
    p: Programme,
    who: &pepite_app::accounts::Principal,
    opened: Option<(String, String)>,
    revoked: bool,
    form: ChannelForm,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let list = channels::list(&state.app, who, p.row.id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ChannelsPage {
        ctx,
        p,
        channels: list,
        opened,
        revoked,
        form,
        errors: Problems::new(ctx, &errors),
    };
    Ok((status, render(&page)).into_response())
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let form = ChannelForm {
        kind: "boutique".into(),
        ..ChannelForm::default()
    };
    let revoked = q.done == "revoked";
    page(
        &state,
        &ctx,
        p,
        &who,
        None,
        revoked,
        form,
        FieldErrors::new(),
    )
    .await
}

/// T7: opens a channel and shows its token once.
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ChannelForm>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    match channels::create(&state.app, &who, p.row.id, &form.name, form.kind.trim()).await {
        Ok((_, token)) => {
            let opened = Some((form.name.trim().to_owned(), token.0));
            let blank = ChannelForm {
                kind: "boutique".into(),
                ..ChannelForm::default()
            };
            page(
                &state,
                &ctx,
                p,
                &who,
                opened,
                false,
                blank,
                FieldErrors::new(),
            )
            .await
        }
        Err(AppError::Invalid(errors)) => {
            page(&state, &ctx, p, &who, None, false, form, errors).await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

/// T7: revokes a channel's token for good.
pub(super) async fn revoke(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, channel)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (who, p) = programme(&state, &ctx, &id).await?;
    let channel: i64 = channel
        .parse()
        .map_err(|_| PageError::new(&ctx, AppError::NotFound))?;
    match channels::revoke(&state.app, &who, p.row.id, channel).await {
        // Revoked already (a double click) reads the same as revoked now.
        Ok(()) | Err(AppError::NotFound) => Ok(see_other(&format!(
            "/partner/programmes/{}/channels?done=revoked",
            p.row.id
        ))),
        Err(e) => Err(fail(&ctx, e)),
    }
}
