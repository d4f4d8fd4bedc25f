//! Customer service's saved answers (S1): a title and a French and an English text, written
//! once and inserted in the conversation's language. Only customer service (and admins)
//! read and change them; a title names one answer, whatever its case.

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::fields;
pub use pepite_store::support::saved::SavedAnswerRow;
use pepite_store::support::saved::{self as store, SavedAnswer};
use serde::Deserialize;

use super::MESSAGE_MAX;
use crate::accounts::Principal;
use crate::{App, AppError};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 120;

/// What staff write for a saved answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SavedInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fr: String,
    #[serde(default)]
    pub en: String,
}

/// The checked title and texts.
struct Checked {
    title: String,
    fr: String,
    en: String,
}

impl Checked {
    fn saved(&self) -> SavedAnswer<'_> {
        SavedAnswer {
            title: &self.title,
            body_fr: &self.fr,
            body_en: &self.en,
        }
    }
}

/// The checked title and texts, every refused field named at once.
fn checked(input: &SavedInput) -> Result<Checked, AppError> {
    let mut e = FieldErrors::new();
    let title = e.take(fields::text("title", &input.title, TITLE_MAX));
    let fr = e.take(fields::text("fr", &input.fr, MESSAGE_MAX));
    let en = e.take(fields::text("en", &input.en, MESSAGE_MAX));
    e.into_result(())?;
    Ok(Checked {
        title: title.unwrap_or_default(),
        fr: fr.unwrap_or_default(),
        en: en.unwrap_or_default(),
    })
}

/// A title another saved answer has is a field error, not a failure.
fn taken(e: pepite_store::StoreError) -> AppError {
    if e.is_conflict_on("title") {
        AppError::field("title", "taken")
    } else {
        e.into()
    }
}

/// Every saved answer, by title.
pub async fn list(app: &App, who: &Principal) -> Result<Vec<SavedAnswerRow>, AppError> {
    who.require(Role::CustomerService)?;
    Ok(store::all(&app.db).await?)
}

pub async fn get(app: &App, who: &Principal, id: i64) -> Result<SavedAnswerRow, AppError> {
    who.require(Role::CustomerService)?;
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)
}

/// A new saved answer; its id.
pub async fn create(app: &App, who: &Principal, input: &SavedInput) -> Result<i64, AppError> {
    who.require(Role::CustomerService)?;
    let answer = checked(input)?;
    let now = app.now_us().await?;
    store::insert(&app.db, &answer.saved(), who.user_id, now)
        .await
        .map_err(taken)
}

pub async fn update(
    app: &App,
    who: &Principal,
    id: i64,
    input: &SavedInput,
) -> Result<(), AppError> {
    who.require(Role::CustomerService)?;
    let answer = checked(input)?;
    let now = app.now_us().await?;
    if store::update(&app.db, id, &answer.saved(), now)
        .await
        .map_err(taken)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn delete(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    who.require(Role::CustomerService)?;
    if store::delete(&app.db, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The saved answer's text in the conversation's language, to put in the answer box.
pub async fn text_for(
    app: &App,
    who: &Principal,
    saved_id: i64,
    conversation_id: i64,
) -> Result<String, AppError> {
    let saved = get(app, who, saved_id).await?;
    let conversation = pepite_store::support::by_id(&app.db, conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(saved.body_in(&conversation.language).to_owned())
}
