//! Passwords: argon2id hashes made and checked on the blocking threads, a few at a time. Each
//! one costs tens of milliseconds of CPU and 19 MiB of memory, so a burst of sign-ins must
//! neither queue without bound nor starve the rest of the shop: past a short waiting line the
//! answer is "busy, try again in a second" (503 with `Retry-After`).

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use tokio::sync::Semaphore;

use crate::{App, AppError};

/// How long a caller turned away should wait before trying again.
const RETRY_AFTER_S: i64 = 1;

/// The gate in front of password hashing: `parallel` run at once, `waiting` more wait for
/// their turn, anyone else is turned away at once.
#[derive(Debug)]
pub struct Hashing {
    running: Semaphore,
    admitted: Semaphore,
}

impl Hashing {
    pub fn new(parallel: usize, waiting: usize) -> Self {
        let parallel = parallel.max(1);
        Hashing {
            running: Semaphore::new(parallel),
            admitted: Semaphore::new(parallel + waiting),
        }
    }

    /// One hash per core, and a line of four per core (a few hundred milliseconds of wait).
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hashing::new(cores, 4 * cores)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let Ok(_admitted) = self.admitted.try_acquire() else {
            return Err(AppError::Busy {
                retry_after_s: RETRY_AFTER_S,
            });
        };
        let _running = self
            .running
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}

fn new_salt() -> SaltString {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    SaltString::encode_b64(&bytes).expect("16 bytes is a valid salt length")
}

/// Hashes a password with argon2id.
pub async fn hash(app: &App, password: String) -> Result<String, AppError> {
    app.hashing
        .run(move || {
            Argon2::default()
                .hash_password(password.as_bytes(), &new_salt())
                .map(|h| h.to_string())
                .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
        })
        .await?
}

/// Whether `password` matches `hash`. Without a hash (unknown e-mail) a decoy is checked, so
/// that the answer takes as long as for a real account (no existence leak through timing).
pub async fn verify(app: &App, password: String, hash: Option<String>) -> Result<bool, AppError> {
    app.hashing
        .run(move || {
            let hash = hash.unwrap_or_else(|| DECOY_HASH.clone());
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
}

/// A hash of a random password nobody knows.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(crate::accounts::random_secret().as_bytes(), &new_salt())
        .map(|h| h.to_string())
        .unwrap_or_default()
});
