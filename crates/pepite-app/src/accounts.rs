//! Accounts (A1, A2, A4): sign-up, sign-in with throttling, sessions and API tokens, roles
//! and the back office's management of people.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pepite_domain::account::{Language, Role, SignUp, SignUpInput};
use pepite_domain::time::{DAY_US, from_micros};
use pepite_store::StoreError;
use pepite_store::accounts::{self as store, NewUser, UserRow};
use pepite_store::sessions::{self, NewSession, TokenRow};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::throttle::{self, Limit, SIGN_UPS_PER_ADDRESS};
use crate::{App, AppError, passwords};

/// A browser session lasts 30 days; an API token 90.
const BROWSER_SESSION_DAYS: i64 = 30;
const API_TOKEN_DAYS: i64 = 90;

/// Who is making a request, as every use case sees it.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub language: Language,
    pub roles: Vec<Role>,
    pub seller_id: Option<i64>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role) || (self.roles.contains(&Role::Admin) && role.is_staff())
    }

    pub fn is_staff(&self) -> bool {
        self.roles.iter().any(|r| r.is_staff())
    }

    /// A4: refuses with `Forbidden` unless the person holds `role` (admins hold every staff role).
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.has(role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// How a new session will be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Browser,
    Api,
}

/// A secret handed to the client once (cookie value or bearer token); only its hash is stored.
#[derive(Debug, Clone)]
pub struct Secret(pub String);

pub(crate) fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a session secret: SHA-256 is enough for 256 random bits.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn today(now_us: i64) -> jiff::civil::Date {
    from_micros(now_us).to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// Opens an account. A taken e-mail is reported on the field, like any other refusal. Valid
/// sign-ups are counted per network `address` before any password is hashed.
pub async fn sign_up(app: &App, input: &SignUpInput, address: &str) -> Result<i64, AppError> {
    let now = app.now_us().await?;
    let min = app.policy_now().await?.password_min_chars;
    let s: SignUp = input.validate(min, today(now))?;
    let bucket = format!("signup:address:{address}");
    throttle::count(app, &bucket, SIGN_UPS_PER_ADDRESS, now).await?;
    create_user(app, &s, &[], now).await
}

async fn create_user(app: &App, s: &SignUp, roles: &[Role], now: i64) -> Result<i64, AppError> {
    let hash = passwords::hash(app, s.password.clone()).await?;
    let mut tx = app.db.begin().await?;
    let id = store::insert(
        &mut tx,
        &NewUser {
            email: &s.email,
            password_hash: &hash,
            display_name: &s.display_name,
            language: s.language.as_str(),
            country: s.country,
            birth_date: s.birth_date.map(|d| d.to_string()),
            now,
        },
    )
    .await
    .map_err(|e| match e {
        StoreError::Conflict(_) => AppError::field("email", "taken"),
        other => other.into(),
    })?;
    for role in roles {
        store::grant_role(&mut tx, id, role.as_str(), now).await?;
    }
    crate::account_tokens::welcome(&mut tx, id, &s.display_name, now).await?;
    tx.commit().await?;
    app.ring();
    Ok(id)
}

/// `admin create-staff`: opens a staff account with its roles, or gives the roles to an
/// existing account with that e-mail (the password is then left unchanged).
pub async fn create_staff(app: &App, input: &SignUpInput, roles: &[Role]) -> Result<i64, AppError> {
    let now = app.now_us().await?;
    let email = pepite_domain::account::email("email", &input.email)
        .map_err(|e| AppError::field("email", e.code))?;
    if let Some(existing) = store::by_email(&app.db, &email).await? {
        let mut tx = app.db.begin().await?;
        for role in roles {
            store::grant_role(&mut tx, existing.id, role.as_str(), now).await?;
        }
        tx.commit().await?;
        return Ok(existing.id);
    }
    let s = input.validate(app.policy_now().await?.password_min_chars, today(now))?;
    create_user(app, &s, roles, now).await
}

/// Signs a person in: counts the attempt against the account and the network address (in the
/// database, so the limit holds across instances), then checks the password.
pub async fn sign_in(
    app: &App,
    email: &str,
    password: &str,
    address: &str,
    kind: SessionKind,
    label: &str,
) -> Result<(Secret, Principal), AppError> {
    let now = app.now_us().await?;
    let policy = app.policy_now().await?;
    let minutes = policy.signin_window_minutes;
    let per_address = Limit::per_minutes(policy.signin_attempts_per_address, minutes);
    let per_account = Limit::per_minutes(policy.signin_attempts_per_account, minutes);
    let email = email.trim().to_lowercase();
    let account_bucket = throttle::account_bucket(&email);
    throttle::count(app, &format!("signin:address:{address}"), per_address, now).await?;
    let window = throttle::count(app, &account_bucket, per_account, now).await?;
    let user = store::by_email(&app.db, &email).await?;
    let ok = passwords::verify(
        app,
        password.to_owned(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let user = match user {
        Some(u) if ok && !u.disabled => u,
        _ => return Err(AppError::Unauthenticated),
    };
    throttle::clear(app, &account_bucket, window).await?;
    let secret = open_session(app, user.id, kind, label, now).await?;
    let principal = principal_of(app, &user).await?;
    Ok((secret, principal))
}

async fn open_session(
    app: &App,
    user_id: i64,
    kind: SessionKind,
    label: &str,
    now: i64,
) -> Result<Secret, AppError> {
    let secret = random_secret();
    let (kind_text, days) = match kind {
        SessionKind::Browser => ("browser", BROWSER_SESSION_DAYS),
        SessionKind::Api => ("api", API_TOKEN_DAYS),
    };
    let label: String = label.trim().chars().take(60).collect();
    sessions::insert(
        &app.db,
        &NewSession {
            token_hash: &hash_secret(&secret),
            user_id,
            kind: kind_text,
            label: &label,
            now,
            expires_at: now + days * DAY_US,
        },
    )
    .await?;
    Ok(Secret(secret))
}

/// Creates another API token for a signed-in person.
pub async fn create_api_token(app: &App, who: &Principal, label: &str) -> Result<Secret, AppError> {
    let now = app.now_us().await?;
    open_session(app, who.user_id, SessionKind::Api, label, now).await
}

pub async fn api_tokens(app: &App, who: &Principal) -> Result<Vec<TokenRow>, AppError> {
    let now = app.now_us().await?;
    Ok(sessions::api_tokens_of(&app.db, who.user_id, now).await?)
}

/// Revokes one of the caller's tokens, named by the first characters of its hash.
pub async fn revoke_api_token(
    app: &App,
    who: &Principal,
    token_hash: &str,
) -> Result<(), AppError> {
    if sessions::delete_token_of(&app.db, who.user_id, token_hash).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The person behind a cookie or bearer secret, if the session is live.
pub async fn authenticate(app: &App, secret: &str) -> Result<Option<Principal>, AppError> {
    if secret.is_empty() || secret.len() > 100 {
        return Ok(None);
    }
    let now = app.now_us().await?;
    let Some(s) = sessions::lookup(&app.db, &hash_secret(secret), now).await? else {
        return Ok(None);
    };
    let roles = store::roles(&app.db, s.user_id)
        .await?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect();
    Ok(Some(Principal {
        user_id: s.user_id,
        email: s.email,
        display_name: s.display_name,
        language: Language::parse(&s.language).unwrap_or_default(),
        roles,
        seller_id: s.seller_id,
    }))
}

pub async fn sign_out(app: &App, secret: &str) -> Result<(), AppError> {
    Ok(sessions::delete(&app.db, &hash_secret(secret)).await?)
}

async fn principal_of(app: &App, u: &UserRow) -> Result<Principal, AppError> {
    let roles = store::roles(&app.db, u.id)
        .await?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect();
    let seller_id = pepite_store::sellers::by_user(&app.db, u.id)
        .await?
        .map(|s| s.id);
    Ok(Principal {
        user_id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        language: Language::parse(&u.language).unwrap_or_default(),
        roles,
        seller_id,
    })
}

/// The caller's own account.
pub async fn me(app: &App, who: &Principal) -> Result<UserRow, AppError> {
    store::by_id(&app.db, who.user_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Profile changes a person may make on their own account.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub display_name: String,
    pub language: String,
    pub country: String,
}

pub async fn update_profile(
    app: &App,
    who: &Principal,
    input: &ProfileInput,
) -> Result<(), AppError> {
    let mut errors = pepite_domain::FieldErrors::new();
    let name = errors.take(pepite_domain::fields::text(
        "display_name",
        &input.display_name,
        pepite_domain::account::DISPLAY_NAME_MAX,
    ));
    let language = errors.take(
        Language::parse(&input.language)
            .ok_or_else(|| pepite_domain::FieldError::new("language", "unknown_value")),
    );
    let country = errors.take(pepite_domain::country::parse("country", &input.country));
    match (name, language, country) {
        (Some(n), Some(l), Some(c)) => {
            Ok(store::update_profile(&app.db, who.user_id, &n, l.as_str(), c).await?)
        }
        _ => Err(errors.into()),
    }
}

/// Changes the caller's password after checking the current one; every other session ends.
/// The check is a password guess like a sign-in, and counts against the same account limit:
/// a stolen session cannot be used to guess the password at leisure.
pub async fn change_password(
    app: &App,
    who: &Principal,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    confirm_password(app, who, "current_password", current).await?;
    let policy = app.policy_now().await?;
    // The error keeps its limit, so the message says how many characters are needed.
    let new = pepite_domain::account::password("new_password", new, policy.password_min_chars)?;
    let hash = passwords::hash(app, new).await?;
    store::set_password_hash(&app.db, who.user_id, &hash).await?;
    sessions::delete_all_of(&app.db, who.user_id).await?;
    Ok(())
}

/// Checks the caller's own password before a grave change (a new password, closing the
/// account). The check is a password guess like a sign-in, and counts against the same account
/// limit: a stolen session cannot be used to guess the password at leisure. A wrong one is an
/// error on `field`.
pub(crate) async fn confirm_password(
    app: &App,
    who: &Principal,
    field: &str,
    password: &str,
) -> Result<(), AppError> {
    let user = me(app, who).await?;
    let now = app.now_us().await?;
    let policy = app.policy_now().await?;
    let per_account = Limit::per_minutes(
        policy.signin_attempts_per_account,
        policy.signin_window_minutes,
    );
    let bucket = throttle::account_bucket(&user.email);
    let window = throttle::count(app, &bucket, per_account, now).await?;
    if !passwords::verify(app, password.to_owned(), Some(user.password_hash)).await? {
        return Err(AppError::field(field, "wrong_password"));
    }
    throttle::clear(app, &bucket, window).await?;
    Ok(())
}

/// Back office: accounts, newest first (admins and customer service).
pub async fn list_users(
    app: &App,
    who: &Principal,
    filter: &str,
    before: Option<i64>,
) -> Result<Vec<UserRow>, AppError> {
    who.require(Role::CustomerService)?;
    Ok(store::list(&app.db, filter, before, 50).await?)
}

/// Back office: an account and its roles.
pub async fn user_detail(
    app: &App,
    who: &Principal,
    id: i64,
) -> Result<(UserRow, Vec<Role>), AppError> {
    who.require(Role::CustomerService)?;
    let user = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let roles = store::roles(&app.db, id)
        .await?
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect();
    Ok((user, roles))
}

/// Back office: everyone with a role.
pub async fn staff(app: &App, who: &Principal) -> Result<Vec<(UserRow, Vec<Role>)>, AppError> {
    who.require(Role::Admin)?;
    Ok(store::with_roles(&app.db)
        .await?
        .into_iter()
        .map(|(u, r)| (u, r.iter().filter_map(|x| Role::parse(x)).collect()))
        .collect())
}

/// Admin grants a role to an account.
pub async fn grant_role(
    app: &App,
    who: &Principal,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    who.require(Role::Admin)?;
    let now = app.now_us().await?;
    store::by_id(&app.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = app.db.begin().await?;
    store::grant_role(&mut tx, user_id, role.as_str(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Admin takes a role back; the last admin cannot be removed.
pub async fn revoke_role(
    app: &App,
    who: &Principal,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    who.require(Role::Admin)?;
    let removed = if role == Role::Admin {
        store::revoke_admin_keeping_one(&app.db, user_id).await?
    } else {
        store::revoke_role(&app.db, user_id, role.as_str()).await?
    };
    if removed {
        Ok(())
    } else if role == Role::Admin
        && store::roles(&app.db, user_id)
            .await?
            .iter()
            .any(|r| r == "admin")
    {
        Err(AppError::Conflict("last_admin"))
    } else {
        Err(AppError::NotFound)
    }
}

/// Admin disables (or enables again) an account; a disabled account's sessions end at once.
pub async fn set_disabled(
    app: &App,
    who: &Principal,
    user_id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    who.require(Role::Admin)?;
    if user_id == who.user_id {
        return Err(AppError::Conflict("cannot_disable_self"));
    }
    if !store::set_disabled(&app.db, user_id, disabled).await? {
        return Err(AppError::NotFound);
    }
    if disabled {
        sessions::delete_all_of(&app.db, user_id).await?;
    }
    Ok(())
}
