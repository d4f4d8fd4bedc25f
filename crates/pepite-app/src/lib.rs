//! Pépite's use cases, one module per capability, over the store and the ports (Clock,
//! FileStore, PaymentProvider, Carrier, Mailer). Transactions and access rules (A4) live here; HTTP and HTML
//! do not.

pub mod account_tokens;
pub mod accounts;
pub mod addresses;
pub mod alerts;
pub mod cancellation;
pub mod carriers;
pub mod carts;
pub mod catalog;
pub mod checkout;
pub mod clock;
pub mod dashboard;
pub mod discounts;
pub mod error;
pub mod files;
pub mod finance;
pub mod gift_cards;
pub mod idempotency;
pub mod import;
pub mod jobs;
pub mod lost_parcels;
pub mod mail;
pub mod notify;
pub mod offers;
pub mod order_notes;
pub mod orders;
pub mod passwords;
pub mod payments;
pub mod payouts;
pub mod photos;
pub mod policies;
pub mod privacy;
pub mod refunds;
pub mod returns;
pub mod sellers;
pub mod shipping;
pub mod shops;
pub mod staff_refunds;
pub mod support;
pub mod throttle;
pub mod tradein;
pub mod webhook_signature;
pub mod workshop;

use std::sync::Arc;

pub use clock::Clock;
pub use error::{AppError, GonePiece};
pub use files::{FileStore, LocalFiles, is_safe_key};
pub use mail::Mailer;
pub use payments::PaymentProvider;
use pepite_domain::policy::Policy;
use pepite_store::Db;

/// Everything a use case needs, built once at start-up and shared by every request.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Clock,
    pub files: Arc<dyn FileStore>,
    pub payments: Arc<dyn PaymentProvider>,
    /// F2/F4: labels and delivery events; the sandbox (no webhook secret) unless the binary
    /// configures one.
    pub carrier: Arc<dyn carriers::Carrier>,
    /// The gate in front of password hashing (bounded CPU and memory).
    pub hashing: Arc<passwords::Hashing>,
    pub(crate) policy_cache: Arc<policies::PolicyCache>,
    pub(crate) shop_cache: Arc<shops::ShopCache>,
    /// Rung after a commit that queued work, so this process's workers start at once.
    bell: Arc<tokio::sync::watch::Sender<u64>>,
    /// S1: the chats open in this process, woken when their conversation moves.
    pub support_live: Arc<support::live::Live>,
}

impl App {
    /// An app over `db` taking payments through `payments` (the binary picks the adapter).
    /// `default_policy` is the first shop's until an admin saves one (P3); nothing reads it
    /// directly.
    pub fn new(
        db: Db,
        clock: Clock,
        files: Arc<dyn FileStore>,
        default_policy: Policy,
        payments: Arc<dyn PaymentProvider>,
    ) -> Self {
        App {
            payments,
            carrier: Arc::new(carriers::SandboxCarrier::new(None)),
            db,
            clock,
            files,
            policy_cache: Arc::new(policies::PolicyCache::new(Arc::new(default_policy))),
            shop_cache: Arc::new(shops::ShopCache::default()),
            hashing: Arc::new(passwords::Hashing::for_this_machine()),
            bell: Arc::new(tokio::sync::watch::Sender::new(0)),
            support_live: Arc::new(support::live::Live::default()),
        }
    }

    /// Wakes this process's workers (jobs and outbox) now rather than at their next poll.
    pub fn ring(&self) {
        self.bell.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// What the workers wait on between polls.
    pub fn bell(&self) -> tokio::sync::watch::Receiver<u64> {
        self.bell.subscribe()
    }

    pub fn with_payments(mut self, payments: Arc<dyn PaymentProvider>) -> Self {
        self.payments = payments;
        self
    }

    pub fn with_carrier(mut self, carrier: Arc<dyn carriers::Carrier>) -> Self {
        self.carrier = carrier;
        self
    }

    pub fn with_hashing(mut self, hashing: passwords::Hashing) -> Self {
        self.hashing = Arc::new(hashing);
        self
    }

    /// The current instant in microseconds, from the configured clock.
    pub async fn now_us(&self) -> Result<i64, AppError> {
        Ok(self.clock.now_us(&self.db).await?)
    }

    /// P3: the first shop's policy in force. It also holds what the platform decides once for
    /// every shop (accounts, sign-in, photos, the workshop); a rule about an order, a piece or
    /// a cart reads its own shop's, [`App::policy_of`].
    pub async fn policy_now(&self) -> Result<Arc<Policy>, AppError> {
        self.policy_of(pepite_domain::shop::FIRST_SHOP).await
    }

    /// P3: a shop's policy in force, the only way any rule reads one: the one an admin saved,
    /// else (first shop only) the default. Re-read from the database at most once a second (at
    /// once on the instance that saved it), so every instance follows an edit within a second,
    /// without a restart.
    pub async fn policy_of(&self, shop_id: i64) -> Result<Arc<Policy>, AppError> {
        self.policy_cache.get(&self.db, shop_id).await
    }

    /// P3: every shop, as read within the last second.
    pub async fn shops(&self) -> Result<Arc<shops::Shops>, AppError> {
        self.shop_cache.get(&self.db).await
    }
}
