//! Questions customer service asks a seller about a piece (S3, A3): asked in the transaction
//! that moves the conversation and tells the seller; answered once and passed on once, each
//! step by compare-and-set on the state, so two answers or two pass-ons cannot both land.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub conversation_id: i64,
    pub seller_id: i64,
    pub piece_id: i64,
    pub piece_title: String,
    pub asked_by: i64,
    /// As sent to the seller: masked of the buyer's identity.
    pub question: String,
    /// What was masked in the question, as JSON (staff only).
    pub question_findings: String,
    /// The seller's answer as written, kept for audit (staff and the seller only).
    pub answer_raw: Option<String>,
    /// The answer masked, and what was masked (JSON).
    pub answer: Option<String>,
    pub answer_findings: Option<String>,
    /// `asked`, `answered` (staff to pass on), `passed`.
    pub state: String,
    pub version: i64,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub passed_at: Option<i64>,
    pub updated_at: i64,
}

const QUESTION: &str = "SELECT q.id, q.conversation_id, q.seller_id, q.piece_id,
    p.title AS piece_title, q.asked_by, q.question, q.question_findings, q.answer_raw, q.answer,
    q.answer_findings, q.state, q.version, q.created_at, q.answered_at, q.passed_at, q.updated_at
    FROM support_seller_questions q JOIN pieces p ON p.id = q.piece_id";

/// What a new question records.
pub struct NewQuestion<'a> {
    pub conversation_id: i64,
    pub seller_id: i64,
    pub piece_id: i64,
    pub asked_by: i64,
    pub question: &'a str,
    pub question_findings: &'a str,
}

/// A question to a seller; its id.
pub async fn ask(tx: &mut Tx, q: &NewQuestion<'_>, now: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, t => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_seller_questions (conversation_id, seller_id, piece_id, asked_by,
             question, question_findings, state, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'asked', 1, $7, $7) RETURNING id")
        .bind(q.conversation_id).bind(q.seller_id).bind(q.piece_id).bind(q.asked_by)
        .bind(q.question).bind(q.question_findings).bind(now)
        .fetch_one(t).await)?)
}

/// The seller's answer, as written and masked, if the question is theirs and still asked.
pub async fn answer(
    tx: &mut Tx,
    id: i64,
    seller_id: i64,
    raw: &str,
    masked: &str,
    findings: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, t => sqlx::query(
        "UPDATE support_seller_questions SET state = 'answered', answer_raw = $3, answer = $4,
             answer_findings = $5, answered_at = $6, updated_at = $6, version = version + 1
         WHERE id = $1 AND seller_id = $2 AND state = 'asked'")
        .bind(id).bind(seller_id).bind(raw).bind(masked).bind(findings).bind(now)
        .execute(t).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks an answered question as passed on to the buyer, if it still is answered.
pub async fn passed(db: &Db, id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_seller_questions SET state = 'passed', passed_at = $2, updated_at = $2,
             version = version + 1
         WHERE id = $1 AND state = 'answered'")
        .bind(id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Undoes [`passed`] when the answer could not be sent, so staff can try again.
pub async fn unpassed(db: &Db, id: i64, now: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE support_seller_questions SET state = 'answered', passed_at = NULL,
             updated_at = $2, version = version + 1
         WHERE id = $1 AND state = 'passed'")
        .bind(id).bind(now).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<QuestionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{QUESTION} WHERE q.id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, QuestionRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The questions asked in a conversation, in order.
pub async fn of_conversation(
    db: &Db,
    conversation_id: i64,
) -> Result<Vec<QuestionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{QUESTION} WHERE q.conversation_id = $1 ORDER BY q.id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, QuestionRow>(sql)
        .bind(conversation_id).fetch_all(p).await)?)
}

/// A seller's questions: those awaiting an answer first, then the latest.
pub async fn of_seller(
    db: &Db,
    seller_id: i64,
    limit: i64,
) -> Result<Vec<QuestionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{QUESTION} WHERE q.seller_id = $1
         ORDER BY CASE WHEN q.state = 'asked' THEN 0 ELSE 1 END, q.id DESC LIMIT $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, QuestionRow>(sql)
        .bind(seller_id).bind(limit).fetch_all(p).await)?)
}
