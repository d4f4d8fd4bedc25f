//! Customer service (S1, S2, A3, A4): a signed-in person opens a conversation, which may name
//! one of their orders or a piece they can see, and writes in it; customer service answers in
//! public or leaves internal notes, assigns conversations and changes their state by
//! compare-and-set. Each message from the person sets when the next answer is due, counted in
//! opening minutes (S2), and outside opening hours the person is told when staff are back.
//! Someone else's conversation is not found, like a missing one.

pub mod desk;
pub mod saved;

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::fields;
use pepite_domain::policy::Policy;
use pepite_store::support::{self as store, ConversationRow, InboxFilter, MessageRow};
use serde::Deserialize;

use crate::accounts::{Principal, random_secret};
use crate::throttle::{self, Limit};
use crate::{App, AppError, catalog};

/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 5_000;
/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 120;
/// Messages one person may write in an hour: a conversation's worth, not a flood.
pub const MESSAGES_PER_PERSON: Limit = Limit {
    attempts: 30,
    window_us: 3_600_000_000,
};
/// The states staff may set.
pub const STATES: &[&str] = &["open", "waiting_person", "waiting_seller", "closed"];

/// What a person writes to open a conversation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OpenInput {
    #[serde(default)]
    pub subject: String,
    pub body: String,
    #[serde(default)]
    pub order_id: Option<i64>,
    #[serde(default)]
    pub piece_id: Option<i64>,
}

/// A conversation with the messages its reader may see.
#[derive(Debug, Clone)]
pub struct Thread {
    pub conversation: ConversationRow,
    pub messages: Vec<MessageRow>,
    /// S2: when staff are next there, if they are not now.
    pub back_at: Option<i64>,
}

fn message(raw: &str) -> Result<String, AppError> {
    Ok(fields::text("body", raw, MESSAGE_MAX)?)
}

/// S1/S2: when an answer to a message written at `now` is due: after the policy's opening
/// minutes.
fn answer_due(policy: &Policy, now: i64) -> Option<i64> {
    policy
        .support_hours
        .due_after(now, policy.support_answer_minutes)
}

/// S2: when staff are back, if they are not there at `now`.
fn back_at(policy: &Policy, now: i64) -> Option<i64> {
    let hours = &policy.support_hours;
    (!hours.is_open(now))
        .then(|| hours.next_opening(now))
        .flatten()
}

/// S1/S2: the person's question; a conversation naming an order must name one of theirs, a
/// piece one they can see (A4: anything else is not found).
pub async fn open(
    app: &App,
    who: &Principal,
    shop_id: i64,
    input: &OpenInput,
) -> Result<Thread, AppError> {
    let mut e = FieldErrors::new();
    let body = e.take(fields::text("body", &input.body, MESSAGE_MAX));
    let subject = e.take(fields::optional_text(
        "subject",
        &input.subject,
        SUBJECT_MAX,
    ));
    e.into_result(())?;
    let (body, subject) = (body.unwrap_or_default(), subject.unwrap_or_default());
    if let Some(order) = input.order_id {
        pepite_store::commerce::orders::by_id(&app.db, order)
            .await?
            .filter(|o| o.buyer_id == who.user_id)
            .ok_or(AppError::NotFound)?;
    }
    if let Some(piece) = input.piece_id {
        catalog::visible(app, Some(who), piece).await?;
    }
    let now = app.now_us().await?;
    throttle::count(
        app,
        &format!("support:{}", who.user_id),
        MESSAGES_PER_PERSON,
        now,
    )
    .await?;
    let policy = app.policy_of(shop_id).await?;
    let due = answer_due(&policy, now);
    let token = random_secret();
    let mut tx = app.db.begin().await?;
    let id = store::open(
        &mut tx,
        &store::NewConversation {
            shop_id,
            user_id: Some(who.user_id),
            email: &who.email,
            language: who.language.as_str(),
            subject: &subject,
            order_id: input.order_id,
            piece_id: input.piece_id,
            reply_token: &token,
            due_at: due,
        },
        &body,
        now,
    )
    .await?;
    tx.commit().await?;
    thread(app, who, id).await
}

/// The person's conversation (A4: someone else's is not found).
async fn theirs(app: &App, who: &Principal, id: i64) -> Result<ConversationRow, AppError> {
    store::by_id(&app.db, id)
        .await?
        .filter(|c| c.user_id == Some(who.user_id))
        .ok_or(AppError::NotFound)
}

/// The person's conversation with its public messages, and when staff are back.
pub async fn thread(app: &App, who: &Principal, id: i64) -> Result<Thread, AppError> {
    let conversation = theirs(app, who, id).await?;
    view(app, conversation, false).await
}

/// A conversation with the messages its reader may see (`internal`: notes and the seller's
/// words too), and when staff are back.
async fn view(
    app: &App,
    conversation: ConversationRow,
    internal: bool,
) -> Result<Thread, AppError> {
    let now = app.now_us().await?;
    let policy = app.policy_of(conversation.shop_id).await?;
    Ok(Thread {
        messages: store::messages(&app.db, conversation.id, internal).await?,
        back_at: back_at(&policy, now),
        conversation,
    })
}

/// The person's conversations, latest first.
pub async fn mine(app: &App, who: &Principal) -> Result<Vec<ConversationRow>, AppError> {
    Ok(store::of_user(&app.db, who.user_id).await?)
}

/// S1: the person writes again; a closed conversation opens again and staff owe an answer.
pub async fn write(app: &App, who: &Principal, id: i64, body: &str) -> Result<Thread, AppError> {
    let body = message(body)?;
    let c = theirs(app, who, id).await?;
    let now = app.now_us().await?;
    throttle::count(
        app,
        &format!("support:{}", who.user_id),
        MESSAGES_PER_PERSON,
        now,
    )
    .await?;
    let policy = app.policy_of(c.shop_id).await?;
    let due = answer_due(&policy, now);
    let mut tx = app.db.begin().await?;
    store::add_message(&mut tx, id, "person", Some(who.user_id), &body, now).await?;
    // An answer already due stays due when it was; a new question starts the clock.
    let due = if c.state == "open" {
        c.due_at.or(due)
    } else {
        due
    };
    store::moved(&mut tx, id, "open", due, now).await?;
    tx.commit().await?;
    thread(app, who, id).await
}

/// The shared inbox, for customer service.
pub async fn inbox(
    app: &App,
    who: &Principal,
    filter: &InboxFilter,
) -> Result<Vec<ConversationRow>, AppError> {
    who.require(Role::CustomerService)?;
    if let Some(state) = &filter.state
        && !STATES.contains(&state.as_str())
    {
        return Err(AppError::field("state", "unknown_value"));
    }
    Ok(store::inbox(&app.db, filter, 200).await?)
}

/// A conversation as customer service sees it: every message, notes and the seller's
/// included.
pub async fn for_staff(app: &App, who: &Principal, id: i64) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    let conversation = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    view(app, conversation, true).await
}

/// S1: a public answer (the conversation then waits on the person) or an internal note
/// (nothing changes for the person). A public answer written after reading message `seen` is
/// refused (`conversation_moved`) if a public message came since: another agent answered, or
/// the person wrote again.
pub async fn answer(
    app: &App,
    who: &Principal,
    id: i64,
    body: &str,
    internal: bool,
    seen: Option<i64>,
) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    let body = message(body)?;
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if internal {
        store::add_message(&mut tx, id, "note", Some(who.user_id), &body, now).await?;
    } else {
        // The row is locked first, so of two answers from the same `seen` one waits and then
        // sees the other's.
        store::moved(&mut tx, id, "waiting_person", None, now).await?;
        if let Some(seen) = seen
            && store::desk::public_since(&mut tx, id, seen).await?
        {
            return Err(AppError::Conflict("conversation_moved"));
        }
        store::add_message(&mut tx, id, "staff", Some(who.user_id), &body, now).await?;
    }
    tx.commit().await?;
    for_staff(app, who, id).await
}

/// Gives a conversation to an agent with the customer-service role, or to nobody; refused
/// (`conversation_changed`) if someone changed it since `expected_version` was read.
pub async fn assign(
    app: &App,
    who: &Principal,
    id: i64,
    assignee: Option<i64>,
    expected_version: i64,
) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    if let Some(agent) = assignee {
        let roles = pepite_store::accounts::roles(&app.db, agent).await?;
        let is_agent = roles
            .iter()
            .any(|r| r == Role::CustomerService.as_str() || r == Role::Admin.as_str());
        if !is_agent {
            return Err(AppError::field("assignee_id", "not_an_agent"));
        }
    }
    let now = app.now_us().await?;
    if !store::assign(&app.db, id, assignee, expected_version, now).await? {
        store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
        return Err(AppError::Conflict("conversation_changed"));
    }
    for_staff(app, who, id).await
}

/// Sets a conversation's state; `open` starts the answer clock again, the others stop it.
pub async fn set_state(
    app: &App,
    who: &Principal,
    id: i64,
    state: &str,
    expected_version: i64,
) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    if !STATES.contains(&state) {
        return Err(AppError::field("state", "unknown_value"));
    }
    let c = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let policy = app.policy_of(c.shop_id).await?;
    let due = (state == "open")
        .then(|| answer_due(&policy, now))
        .flatten();
    if !store::set_state(&app.db, id, state, due, expected_version, now).await? {
        return Err(AppError::Conflict("conversation_changed"));
    }
    for_staff(app, who, id).await
}
