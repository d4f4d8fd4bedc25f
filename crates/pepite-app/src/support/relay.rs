//! Asking a seller (S3, A3): customer service asks the seller of a piece a question from a
//! conversation; the seller answers in the seller space; staff pass the answer on, edited or
//! not, as a public answer. Nothing that identifies either side crosses: the question is
//! masked of the buyer's identity before the seller reads it, the answer of both sides'
//! before staff pass it on, and again when staff pass it on. The seller's words never reach
//! the buyer except through that staff step. A question about someone else's piece is not
//! found (A4).

use pepite_domain::account::Role;
use pepite_domain::fields;
use pepite_domain::support::mask::{self, Finding};
use pepite_store::commerce::addresses::Address;
use pepite_store::support::relay::{self as store, QuestionRow};
use pepite_store::support::{self as conversations, ConversationRow};

use super::{MESSAGE_MAX, Thread, answer_due};
use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError};

/// A question with what was masked in it and in its answer, parsed.
#[derive(Debug, Clone)]
pub struct Question {
    pub row: QuestionRow,
    pub question_findings: Vec<Finding>,
    pub answer_findings: Vec<Finding>,
}

impl Question {
    fn from_row(row: QuestionRow) -> Result<Question, AppError> {
        let parse = |json: Option<&str>| -> Result<Vec<Finding>, AppError> {
            json.map_or(Ok(Vec::new()), |j| {
                serde_json::from_str(j)
                    .map_err(|e| AppError::Internal(format!("stored findings unreadable: {e}")))
            })
        };
        Ok(Question {
            question_findings: parse(Some(&row.question_findings))?,
            answer_findings: parse(row.answer_findings.as_deref())?,
            row,
        })
    }
}

fn json(findings: &[Finding]) -> Result<String, AppError> {
    serde_json::to_string(findings).map_err(|e| AppError::Internal(e.to_string()))
}

/// The names that identify the conversation's person: their account's name, their address
/// (also caught as an address; named here for the spelled-out forms), and, when it names an
/// order, the names and street lines it is delivered and billed to, which may be someone
/// else's (a gift, a parent).
async fn buyer_names(app: &App, c: &ConversationRow) -> Result<Vec<String>, AppError> {
    let mut names = vec![c.email.clone()];
    if let Some(user) = c.user_id
        && let Some(u) = pepite_store::accounts::by_id(&app.db, user).await?
    {
        names.extend(mask::person_names(&u.display_name));
    }
    if let Some(order) = c.order_id
        && let Some(o) = pepite_store::commerce::orders::by_id(&app.db, order).await?
    {
        for stored in [&o.delivery_address, &o.billing_address] {
            // An address that does not read is no name to mask; the order's pages say why.
            if let Ok(a) = serde_json::from_str::<Address>(stored) {
                names.extend(mask::person_names(&a.full_name));
                names.extend(
                    [a.line1, a.line2]
                        .into_iter()
                        .filter(|l| !l.trim().is_empty()),
                );
            }
        }
    }
    Ok(names)
}

/// The names that identify a seller: the shop's name and its owner's.
async fn seller_names(app: &App, seller_id: i64) -> Result<Vec<String>, AppError> {
    let mut names = Vec::new();
    if let Some(shop) = pepite_store::sellers::by_id(&app.db, seller_id).await? {
        names.push(shop.shop_name.clone());
        if let Some(u) = pepite_store::accounts::by_id(&app.db, shop.user_id).await? {
            names.extend(mask::person_names(&u.display_name));
            names.push(u.email);
        }
    }
    Ok(names)
}

/// Both sides' names for a question: what must not cross in either direction.
async fn both_names(app: &App, q: &QuestionRow) -> Result<Vec<String>, AppError> {
    let c = conversations::by_id(&app.db, q.conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut names = buyer_names(app, &c).await?;
    names.extend(seller_names(app, q.seller_id).await?);
    Ok(names)
}

/// S3: customer service asks the seller of a piece (`piece_id`, or the piece the
/// conversation names) a question. It is masked of the buyer's identity, the conversation
/// then waits on the seller, and the seller is told by e-mail, all in one transaction.
pub async fn ask(
    app: &App,
    who: &Principal,
    conversation_id: i64,
    piece_id: Option<i64>,
    question: &str,
) -> Result<Question, AppError> {
    who.require(Role::CustomerService)?;
    let question = fields::text("question", question, MESSAGE_MAX)?;
    let c = conversations::by_id(&app.db, conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let piece_id = piece_id
        .or(c.piece_id)
        .ok_or_else(|| AppError::field("piece_id", "required"))?;
    // A draft was never shown to anyone, and its seller may still delete it.
    let piece = pepite_store::catalog::by_id(&app.db, piece_id)
        .await?
        .filter(|p| p.state != "draft")
        .ok_or_else(|| AppError::field("piece_id", "unknown_value"))?;
    let masked = mask::mask(&question, &buyer_names(app, &c).await?);
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let id = store::ask(
        &mut tx,
        &store::NewQuestion {
            conversation_id,
            seller_id: piece.seller_id,
            piece_id,
            asked_by: who.user_id,
            question: &masked.text,
            question_findings: &json(&masked.findings)?,
        },
        now,
    )
    .await?;
    conversations::moved(&mut tx, conversation_id, "waiting_seller", None, now).await?;
    notify::queue(
        &mut tx,
        Recipient::Seller(piece.seller_id),
        &format!("support_question:{id}"),
        &Notice::SellerQuestion {
            question_id: id,
            piece_id,
            title: piece.title.clone(),
            question: masked.text.clone(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    staff_question(app, id).await
}

async fn staff_question(app: &App, id: i64) -> Result<Question, AppError> {
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Question::from_row(row)
}

/// The questions asked in a conversation, with what was masked (customer service).
pub async fn of_conversation(
    app: &App,
    who: &Principal,
    conversation_id: i64,
) -> Result<Vec<Question>, AppError> {
    who.require(Role::CustomerService)?;
    conversations::by_id(&app.db, conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::of_conversation(&app.db, conversation_id)
        .await?
        .into_iter()
        .map(Question::from_row)
        .collect()
}

/// The questions about the seller's pieces, those to answer first (A4: only their own).
/// Someone without a shop is refused.
pub async fn mine(app: &App, who: &Principal) -> Result<Vec<QuestionRow>, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    Ok(store::of_seller(&app.db, seller, 200).await?)
}

/// S3: the seller answers a question about one of their pieces, once. The answer is kept as
/// written and masked; the masked answer joins the conversation as the seller's words, which
/// only staff read, and the conversation is customer service's to answer again. Someone
/// else's question is not found (A4); an answered one is refused (`question_answered`).
pub async fn answer(
    app: &App,
    who: &Principal,
    id: i64,
    text: &str,
) -> Result<QuestionRow, AppError> {
    let q = store::by_id(&app.db, id)
        .await?
        .filter(|q| Some(q.seller_id) == who.seller_id)
        .ok_or(AppError::NotFound)?;
    let raw = fields::text("answer", text, MESSAGE_MAX)?;
    let masked = mask::mask(&raw, &both_names(app, &q).await?);
    let c = conversations::by_id(&app.db, q.conversation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let policy = app.policy_of(c.shop_id).await?;
    let mut tx = app.db.begin().await?;
    let findings = json(&masked.findings)?;
    if !store::answer(&mut tx, id, q.seller_id, &raw, &masked.text, &findings, now).await? {
        return Err(AppError::Conflict("question_answered"));
    }
    conversations::add_message(
        &mut tx,
        q.conversation_id,
        "seller",
        Some(who.user_id),
        &masked.text,
        now,
    )
    .await?;
    let due = answer_due(&policy, now);
    conversations::moved(&mut tx, q.conversation_id, "open", due, now).await?;
    tx.commit().await?;
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)
}

/// S3: customer service passes the seller's answer on to the person, as answered or edited
/// (`edited`), masked again in case staff pasted something; it goes out as a public answer,
/// once (`question_not_answered` before the seller answered or once passed on).
pub async fn pass_on(
    app: &App,
    who: &Principal,
    id: i64,
    edited: Option<&str>,
) -> Result<Thread, AppError> {
    who.require(Role::CustomerService)?;
    let q = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if q.state != "answered" {
        return Err(AppError::Conflict("question_not_answered"));
    }
    let text = match edited {
        Some(e) => e.to_owned(),
        None => q.answer.clone().unwrap_or_default(),
    };
    let text = fields::text("body", &text, MESSAGE_MAX)?;
    let masked = mask::mask(&text, &both_names(app, &q).await?);
    let now = app.now_us().await?;
    if !store::passed(&app.db, id, now).await? {
        return Err(AppError::Conflict("question_not_answered"));
    }
    match super::answer(app, who, q.conversation_id, &masked.text, false, None).await {
        Ok(thread) => Ok(thread),
        Err(e) => {
            // The answer did not go: the question waits to be passed on again.
            store::unpassed(&app.db, id, now).await?;
            Err(e)
        }
    }
}
