//! Customer service (S1, S2, A3, A4): a signed-in person opens a conversation, which may name
//! one of their orders or a piece they can see, and writes in it; customer service answers in
//! public or leaves internal notes, assigns conversations and changes their state by
//! compare-and-set. Each message from the person sets when the next answer is due, counted in
//! opening minutes (S2), and outside opening hours the person is told when staff are back.
//! Someone else's conversation is not found, like a missing one. A visitor without an
//! account writes with an e-mail address; their browser's key, not the address, lets them read
//! the conversation again. Any message may carry photos and PDFs (`attachments`).

pub mod live;

pub mod inbound;

pub mod relay;

pub mod address;
pub mod attachments;
pub mod desk;
pub mod saved;
pub mod set_aside;

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::fields;
use pepite_domain::policy::Policy;
use pepite_store::support::attachments::{self as attachment_rows, AttachmentRow};
use pepite_store::support::{self as store, ConversationRow, InboxFilter, MessageRow};
use serde::Deserialize;

use self::attachments::{Prepared, Upload};
use crate::accounts::{Principal, hash_secret, random_secret};
use crate::notify::{self, Notice, Recipient};
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
    /// Photos or PDFs sent with the first message (forms and the API read them apart).
    #[serde(skip)]
    pub files: Vec<Upload>,
}

/// A conversation with the messages its reader may see.
#[derive(Debug, Clone)]
pub struct Thread {
    pub conversation: ConversationRow,
    pub messages: Vec<MessageRow>,
    /// The files of those messages.
    pub attachments: Vec<AttachmentRow>,
    /// S2: when staff are next there, if they are not now.
    pub back_at: Option<i64>,
}

/// A message's text; it may be left empty when files carry what is said.
fn message(raw: &str, with_files: bool) -> Result<String, pepite_domain::FieldError> {
    if with_files && raw.trim().is_empty() {
        return Ok(String::new());
    }
    fields::text("body", raw, MESSAGE_MAX)
}

/// The outcome of writing a message whose files were stored first: on failure no row names
/// them, so they are deleted.
async fn kept<T>(
    app: &App,
    prepared: Vec<Prepared>,
    written: Result<T, AppError>,
) -> Result<T, AppError> {
    if written.is_err() {
        attachments::discard(app, prepared).await;
    }
    written
}

/// S1/S2: when an answer to a message written at `now` is due: after the policy's opening
/// minutes.
fn answer_due(policy: &Policy, now: i64) -> Option<i64> {
    policy
        .support_hours
        .due_after(now, policy.support_answer_minutes)
}

/// S1/S2: when an answer is due after the person wrote again at `now`: an answer already due
/// stays due when it was; a new question starts the clock.
async fn due_after_person(
    app: &App,
    c: &ConversationRow,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let policy = app.policy_of(c.shop_id).await?;
    let due = answer_due(&policy, now);
    Ok(if c.state == "open" {
        c.due_at.or(due)
    } else {
        due
    })
}

/// S2: when staff are back, if they are not there at `now`.
fn back_at(policy: &Policy, now: i64) -> Option<i64> {
    let hours = &policy.support_hours;
    (!hours.is_open(now))
        .then(|| hours.next_opening(now))
        .flatten()
}

/// Who writes from the site: a signed-in person, or a visitor's browser by its key.
#[derive(Debug, Clone, Copy)]
pub enum Asker<'a> {
    Person(&'a Principal),
    /// The raw key from the visitor's cookie.
    Visitor(&'a str),
}

/// A new key for a visitor's browser, kept in a cookie.
pub fn visitor_key() -> String {
    random_secret()
}

/// S2: when staff are back in `shop_id`'s customer service, if they are away now.
pub async fn away_until(app: &App, shop_id: i64) -> Result<Option<i64>, AppError> {
    let now = app.now_us().await?;
    Ok(back_at(&*app.policy_of(shop_id).await?, now))
}

/// S1/S2: the person's question; a conversation naming an order must name one of theirs, a
/// piece one they can see (A4: anything else is not found).
pub async fn open(
    app: &App,
    who: &Principal,
    shop_id: i64,
    input: &OpenInput,
) -> Result<Thread, AppError> {
    open_as(
        app,
        Asker::Person(who),
        "",
        who.language.as_str(),
        shop_id,
        input,
    )
    .await
}

/// S1: a question from the site's chat. A visitor gives the `email` answers go to and names no
/// order (orders are read signed in); a signed-in person's own address is used. The address is
/// never linked to an account: only the browser's key reads the conversation again.
pub async fn open_as(
    app: &App,
    asker: Asker<'_>,
    email: &str,
    language: &str,
    shop_id: i64,
    input: &OpenInput,
) -> Result<Thread, AppError> {
    let mut e = FieldErrors::new();
    let body = e.take(message(&input.body, !input.files.is_empty()));
    let subject = e.take(fields::optional_text(
        "subject",
        &input.subject,
        SUBJECT_MAX,
    ));
    let (user, email) = match asker {
        Asker::Person(who) => (Some(who), Some(who.email.clone())),
        Asker::Visitor(_) => (None, e.take(pepite_domain::account::email("email", email))),
    };
    e.into_result(())?;
    let (body, subject) = (body.unwrap_or_default(), subject.unwrap_or_default());
    let email = email.unwrap_or_default();
    if let Some(order) = input.order_id {
        pepite_store::commerce::orders::by_id(&app.db, order)
            .await?
            .filter(|o| user.is_some_and(|who| o.buyer_id == who.user_id))
            .ok_or(AppError::NotFound)?;
    }
    if let Some(piece) = input.piece_id {
        catalog::visible(app, user, piece).await?;
    }
    let now = app.now_us().await?;
    let who = throttle_key(asker, &email);
    throttle::count(app, &who, MESSAGES_PER_PERSON, now).await?;
    attachments::count_sent(app, &who, &input.files, now).await?;
    let policy = app.policy_of(shop_id).await?;
    let due = answer_due(&policy, now);
    let token = random_secret();
    let prepared = attachments::prepare(app, &input.files).await?;
    let written = async {
        let mut tx = app.db.begin().await?;
        let (id, first) = store::open(
            &mut tx,
            &store::NewConversation {
                shop_id,
                user_id: user.map(|who| who.user_id),
                email: &email,
                language,
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
        attachments::record(&mut tx, id, first, &prepared, now).await?;
        if let Asker::Visitor(key) = asker {
            store::keep_for_visitor(&mut tx, id, &hash_secret(key)).await?;
        }
        tx.commit().await?;
        Ok(id)
    }
    .await;
    let id = kept(app, prepared, written).await?;
    app.support_live.ring(id);
    thread_as(app, asker, id).await
}

/// Floods are counted per account, or per address for visitors (S1, issue 13 item 9).
fn throttle_key(asker: Asker<'_>, email: &str) -> String {
    match asker {
        Asker::Person(who) => format!("support:{}", who.user_id),
        Asker::Visitor(_) => format!("support:{}", email.to_lowercase()),
    }
}

/// The asker's conversation (A4: someone else's is not found).
pub async fn theirs(app: &App, asker: Asker<'_>, id: i64) -> Result<ConversationRow, AppError> {
    let found = match asker {
        Asker::Person(who) => store::by_id(&app.db, id)
            .await?
            .filter(|c| c.user_id == Some(who.user_id)),
        Asker::Visitor(key) => store::kept_for(&app.db, id, &hash_secret(key)).await?,
    };
    found.ok_or(AppError::NotFound)
}

/// The person's conversation with its public messages, and when staff are back.
pub async fn thread(app: &App, who: &Principal, id: i64) -> Result<Thread, AppError> {
    thread_as(app, Asker::Person(who), id).await
}

/// The asker's conversation with its public messages, and when staff are back.
pub async fn thread_as(app: &App, asker: Asker<'_>, id: i64) -> Result<Thread, AppError> {
    let conversation = theirs(app, asker, id).await?;
    view(app, conversation, false).await
}

/// A message with its files, as a live chat draws it.
#[derive(Debug, Clone)]
pub struct Said {
    pub message: MessageRow,
    pub files: Vec<AttachmentRow>,
}

impl Thread {
    /// The files of one of the thread's messages.
    pub fn files_of(&self, message_id: &i64) -> Vec<&AttachmentRow> {
        self.attachments
            .iter()
            .filter(|a| a.message_id == *message_id)
            .collect()
    }
}

/// The public messages after `after_id` of the asker's conversation, with their files, for
/// a live chat.
pub async fn since(
    app: &App,
    asker: Asker<'_>,
    id: i64,
    after_id: i64,
) -> Result<Vec<Said>, AppError> {
    theirs(app, asker, id).await?;
    let messages = store::public_after(&app.db, id, after_id).await?;
    let files = match messages.first() {
        Some(_) => attachment_rows::of_conversation(&app.db, id, after_id, false).await?,
        None => vec![],
    };
    Ok(messages
        .into_iter()
        .map(|message| Said {
            files: files
                .iter()
                .filter(|a| a.message_id == message.id)
                .cloned()
                .collect(),
            message,
        })
        .collect())
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
        attachments: attachment_rows::of_conversation(&app.db, conversation.id, 0, internal)
            .await?,
        back_at: back_at(&policy, now),
        conversation,
    })
}

/// The person's conversations, latest first.
pub async fn mine(app: &App, who: &Principal) -> Result<Vec<ConversationRow>, AppError> {
    mine_as(app, Asker::Person(who)).await
}

/// The asker's conversations, latest first.
pub async fn mine_as(app: &App, asker: Asker<'_>) -> Result<Vec<ConversationRow>, AppError> {
    Ok(match asker {
        Asker::Person(who) => store::of_user(&app.db, who.user_id).await?,
        Asker::Visitor(key) => store::of_visitor(&app.db, &hash_secret(key)).await?,
    })
}

/// S1: the person writes again; a closed conversation opens again and staff owe an answer.
pub async fn write(app: &App, who: &Principal, id: i64, body: &str) -> Result<Thread, AppError> {
    write_as(app, Asker::Person(who), id, body).await
}

/// S1: the asker writes again (see [`write`]).
pub async fn write_as(
    app: &App,
    asker: Asker<'_>,
    id: i64,
    body: &str,
) -> Result<Thread, AppError> {
    write_with(app, asker, id, body, &[]).await
}

/// S1: the asker writes again, with photos or PDFs.
pub async fn write_with(
    app: &App,
    asker: Asker<'_>,
    id: i64,
    body: &str,
    files: &[Upload],
) -> Result<Thread, AppError> {
    let body = message(body, !files.is_empty())?;
    let c = theirs(app, asker, id).await?;
    let now = app.now_us().await?;
    let who = throttle_key(asker, &c.email);
    throttle::count(app, &who, MESSAGES_PER_PERSON, now).await?;
    attachments::count_sent(app, &who, files, now).await?;
    let due = due_after_person(app, &c, now).await?;
    let author = match asker {
        Asker::Person(who) => Some(who.user_id),
        Asker::Visitor(_) => None,
    };
    let prepared = attachments::prepare(app, files).await?;
    let written = async {
        let mut tx = app.db.begin().await?;
        let message = store::add_message(&mut tx, id, "person", author, &body, now).await?;
        attachments::record(&mut tx, id, message, &prepared, now).await?;
        store::moved(&mut tx, id, "open", due, now).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    kept(app, prepared, written).await?;
    app.support_live.ring(id);
    thread_as(app, asker, id).await
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
    answer_with(app, who, id, body, &[], internal, seen).await
}

/// S1: an answer or a note with photos or PDFs (see [`answer`]); the answer's e-mail
/// carries them (E1).
pub async fn answer_with(
    app: &App,
    who: &Principal,
    id: i64,
    body: &str,
    files: &[Upload],
    internal: bool,
    seen: Option<i64>,
) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    let body = message(body, !files.is_empty())?;
    let c = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let prepared = attachments::prepare(app, files).await?;
    let written = async {
        let mut tx = app.db.begin().await?;
        if internal {
            let note =
                store::add_message(&mut tx, id, "note", Some(who.user_id), &body, now).await?;
            attachments::record(&mut tx, id, note, &prepared, now).await?;
        } else {
            // The row is locked first, so of two answers from the same `seen` one waits and
            // then sees the other's.
            store::moved(&mut tx, id, "waiting_person", None, now).await?;
            if let Some(seen) = seen
                && store::desk::public_since(&mut tx, id, seen).await?
            {
                return Err(AppError::Conflict("conversation_moved"));
            }
            let message =
                store::add_message(&mut tx, id, "staff", Some(who.user_id), &body, now).await?;
            attachments::record(&mut tx, id, message, &prepared, now).await?;
            // E1: the person hears of the answer by e-mail, whether or not they have an
            // account.
            let to = match c.user_id {
                Some(user) => Recipient::User(user),
                None => Recipient::Address {
                    address: &c.email,
                    language: &c.language,
                },
            };
            let notice = Notice::SupportAnswer {
                conversation_id: id,
                message_id: message,
                subject: c.subject.clone(),
                answer: body.clone(),
                reply_token: c.reply_token.clone(),
                account: c.user_id.is_some(),
            };
            notify::queue(&mut tx, to, &format!("support:{message}"), &notice, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    kept(app, prepared, written).await?;
    app.support_live.ring(id);
    if !internal {
        app.ring();
    }
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
