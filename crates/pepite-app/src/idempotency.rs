//! O7: exactly-once answers. A money-moving request carries a key; the same key and request get
//! the first answer back, the same key with another request is refused, a key still running
//! (a double click) is waited for, and a key whose request died is taken over once its lease
//! ends.

use std::future::Future;
use std::time::Duration;

use pepite_store::commerce::idempotency::{self as store, Claim};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::{App, AppError};

/// How long a repeated request waits for the first one to finish before giving up.
const WAIT_STEPS: u32 = 100;
const WAIT_STEP: Duration = Duration::from_millis(100);
/// How long a claim holds its key: twice the web layer's 30 s request timeout, so the request
/// that claimed it has surely finished or been dropped before a retry may take the key over.
pub const LEASE_US: i64 = 60_000_000;

/// Runs `run` once per (person, scope, key). Errors leave nothing stored, so the same key may
/// be sent again; a success is stored and replayed.
pub async fn once<I, T, F, Fut>(
    app: &App,
    user_id: i64,
    scope: &str,
    key: &str,
    request: &I,
    run: F,
) -> Result<T, AppError>
where
    I: Serialize,
    T: Serialize + DeserializeOwned,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let key = key.trim();
    if key.is_empty() || key.len() > 200 {
        return Err(AppError::field("idempotency_key", "invalid"));
    }
    let body = serde_json::to_vec(request).map_err(|e| AppError::Internal(e.to_string()))?;
    let hash: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for _ in 0..WAIT_STEPS {
        let now = app.now_us().await?;
        let claim = store::claim(&app.db, user_id, scope, key, &hash, now, now + LEASE_US);
        match claim.await? {
            Claim::New(attempt) => {
                let result = run().await;
                return match result {
                    Ok(value) => {
                        let json = serde_json::to_string(&value)
                            .map_err(|e| AppError::Internal(e.to_string()))?;
                        store::finish(&app.db, user_id, scope, key, attempt, &json).await?;
                        Ok(value)
                    }
                    Err(e) => {
                        store::release(&app.db, user_id, scope, key, attempt).await?;
                        Err(e)
                    }
                };
            }
            Claim::Replay(json) => {
                return serde_json::from_str(&json)
                    .map_err(|e| AppError::Internal(format!("stored answer unreadable: {e}")));
            }
            Claim::Mismatch => return Err(AppError::Conflict("idempotency_key_reused")),
            Claim::InFlight => tokio::time::sleep(WAIT_STEP).await,
        }
    }
    Err(AppError::Conflict("request_in_progress"))
}
