//! P3: each shop's policy as data. An admin edits it; every instance reads the saved version
//! (cached for a second) through `App::policy_of`, and the first shop's default only while
//! none was ever saved: there is no start-up copy to read by mistake. Another shop's policy is
//! saved when the shop is opened.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use pepite_domain::account::Role;
use pepite_domain::policy::Policy;
use pepite_store::Db;
use pepite_store::commerce::policies as store;
use tokio::sync::Mutex;

use crate::accounts::Principal;
use crate::{App, AppError};

const FRESH_FOR: Duration = Duration::from_secs(1);

/// The last policy read of each shop and when; one per process, never the source of truth.
pub struct PolicyCache {
    default: Arc<Policy>,
    last: Mutex<HashMap<i64, (Instant, Arc<Policy>)>>,
}

impl PolicyCache {
    pub fn new(default: Arc<Policy>) -> Self {
        PolicyCache {
            default,
            last: Mutex::new(HashMap::new()),
        }
    }

    pub async fn get(&self, db: &Db, shop_id: i64) -> Result<Arc<Policy>, AppError> {
        let mut last = self.last.lock().await;
        if let Some((at, policy)) = last.get(&shop_id)
            && at.elapsed() < FRESH_FOR
        {
            return Ok(policy.clone());
        }
        let policy = match store::load(db, shop_id).await? {
            Some((body, _)) => Arc::new(parse(&body)?),
            None => self.default.clone(),
        };
        last.insert(shop_id, (Instant::now(), policy.clone()));
        Ok(policy)
    }

    /// Forgets the cached copy of a shop's policy (this instance saved a new one).
    async fn forget(&self, shop_id: i64) {
        self.last.lock().await.remove(&shop_id);
    }
}

fn parse(body: &str) -> Result<Policy, AppError> {
    serde_json::from_str(body)
        .map_err(|e| AppError::Internal(format!("saved policy unreadable: {e}")))
}

/// A shop's policy in force and its version (0 when none was saved), for the admin's form.
pub async fn current(app: &App, who: &Principal, shop_id: i64) -> Result<(Policy, i64), AppError> {
    who.require(Role::Admin)?;
    if app.shops().await?.by_id(shop_id).is_none() {
        return Err(AppError::NotFound);
    }
    Ok(match store::load(&app.db, shop_id).await? {
        Some((body, version)) => (parse(&body)?, version),
        None => ((*app.policy_cache.default).clone(), 0),
    })
}

/// Saves a shop's new policy after validating it; refused with a conflict if someone saved
/// another version since `expected_version` was read.
pub async fn save(
    app: &App,
    who: &Principal,
    shop_id: i64,
    policy: &Policy,
    expected_version: i64,
) -> Result<i64, AppError> {
    who.require(Role::Admin)?;
    if app.shops().await?.by_id(shop_id).is_none() {
        return Err(AppError::NotFound);
    }
    policy.validate()?;
    let body = serde_json::to_string(policy).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = app.now_us().await?;
    if !store::save(
        &app.db,
        shop_id,
        &body,
        expected_version,
        Some(who.user_id),
        now,
    )
    .await?
    {
        return Err(AppError::Conflict("policy_changed"));
    }
    app.policy_cache.forget(shop_id).await;
    Ok(expected_version + 1)
}
