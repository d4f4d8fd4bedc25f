//! E-mail verification and password reset: single-use links sent by e-mail. Only a hash of
//! each link's secret is stored; a link works once, before its deadline.

use pepite_domain::time::DAY_US;
use pepite_store::account_tokens as store;
use pepite_store::{Tx, sessions, throttle};

use crate::accounts::{hash_secret, random_secret};
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError, passwords};

const VERIFY: &str = "verify_email";
const RESET: &str = "reset_password";
const VERIFY_VALID_US: i64 = 7 * DAY_US;
const RESET_VALID_US: i64 = DAY_US / 24;
const RESETS_PER_HOUR: i64 = 3;

/// A1: in the sign-up transaction, the welcome message with its verification link.
pub(crate) async fn welcome(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    now: i64,
) -> Result<(), AppError> {
    let secret = random_secret();
    store::insert(
        tx,
        &hash_secret(&secret),
        user_id,
        VERIFY,
        now,
        now + VERIFY_VALID_US,
    )
    .await?;
    let notice = Notice::Welcome {
        name: name.to_owned(),
        verify_path: format!("/account/verify?token={secret}"),
    };
    notify::queue(
        tx,
        Recipient::User(user_id),
        &format!("welcome:{user_id}"),
        &notice,
        now,
    )
    .await?;
    Ok(())
}

/// Follows a verification link: the address is confirmed. An unknown, used or expired link
/// is refused.
pub async fn verify_email(app: &App, token: &str) -> Result<(), AppError> {
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let user_id = store::take(&mut tx, &hash_secret(token.trim()), VERIFY, now)
        .await?
        .ok_or(AppError::field("token", "link_expired"))?;
    store::set_email_verified(&mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// "Forgot my password": if an account with this address can sign in, it gets a reset link
/// (older links stop working). The answer is the same either way, so nobody learns which
/// addresses have accounts.
pub async fn request_reset(app: &App, email: &str) -> Result<(), AppError> {
    let Ok(email) = pepite_domain::account::email("email", email) else {
        return Err(AppError::field("email", "invalid_email"));
    };
    let Some(user) = pepite_store::accounts::by_email(&app.db, &email).await? else {
        return Ok(());
    };
    if user.disabled {
        return Ok(());
    }
    let now = app.now_us().await?;
    // At most a few messages an hour per account, so nobody can flood someone's inbox; past
    // that the answer stays the same and nothing is sent.
    let hour = now - now.rem_euclid(RESET_VALID_US);
    let asked = throttle::hit(&app.db, &format!("reset:{}", user.id), hour).await?;
    if asked > RESETS_PER_HOUR {
        return Ok(());
    }
    let secret = random_secret();
    let mut tx = app.db.begin().await?;
    store::void(&mut tx, user.id, RESET, now).await?;
    store::insert(
        &mut tx,
        &hash_secret(&secret),
        user.id,
        RESET,
        now,
        now + RESET_VALID_US,
    )
    .await?;
    let notice = Notice::PasswordReset {
        name: user.display_name.clone(),
        reset_path: format!("/account/reset?token={secret}"),
    };
    // Each request is its own event: the dedupe key carries the link's hash.
    let event = format!("reset:{}", &hash_secret(&secret)[..16]);
    notify::queue(&mut tx, Recipient::User(user.id), &event, &notice, now).await?;
    tx.commit().await?;
    app.ring();
    Ok(())
}

/// Whether a reset link can still be used (the page asks for a password only then).
pub async fn reset_link_usable(app: &App, token: &str) -> Result<bool, AppError> {
    let now = app.now_us().await?;
    Ok(store::is_usable(&app.db, &hash_secret(token.trim()), RESET, now).await?)
}

/// Sets a new password through a reset link. Every session of the account ends; the address
/// counts as verified, since the person read a message sent to it.
pub async fn reset_password(app: &App, token: &str, new_password: &str) -> Result<(), AppError> {
    // The error keeps its limit, so the message says how many characters are needed.
    let min = app.policy_now().await?.password_min_chars;
    let password = pepite_domain::account::password("password", new_password, min)?;
    let hash = passwords::hash(app, password).await?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let user_id = store::take(&mut tx, &hash_secret(token.trim()), RESET, now)
        .await?
        .ok_or(AppError::field("token", "link_expired"))?;
    store::set_password_hash_in(&mut tx, user_id, &hash).await?;
    store::set_email_verified(&mut tx, user_id, now).await?;
    tx.commit().await?;
    sessions::delete_all_of(&app.db, user_id).await?;
    Ok(())
}
