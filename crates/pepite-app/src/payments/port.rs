//! The `PaymentProvider` port: what checkout, cancellation and refunds need from a provider.

use super::model::{Charge, ChargeRequest, ProviderError, Refund, WebhookError, WebhookEvent};

/// A payment provider. Every money-moving call takes an idempotency key so that a retried
/// request (double click, network retry, job re-run) never moves money twice (rule O7).
#[async_trait::async_trait]
pub trait PaymentProvider: Send + Sync + 'static {
    /// "sandbox" or "stripe".
    fn name(&self) -> &'static str;

    /// Creates and confirms a payment; the same idempotency_key returns the same charge, never a second one.
    async fn charge(&self, req: &ChargeRequest) -> Result<Charge, ProviderError>;

    /// The current state of a payment (after an authentication step, or to settle an unknown outcome).
    async fn status(&self, provider_ref: &str) -> Result<Charge, ProviderError>;

    /// The payment made for our `reference` (see [`ChargeRequest::reference`]), found by the
    /// metadata the provider keeps: how an outcome that never arrived is settled. A succeeded
    /// payment if there is one, else the latest attempt; None if none was made.
    async fn find(&self, reference: &str) -> Result<Option<Charge>, ProviderError>;

    /// Cancels a payment that has not succeeded (releases an authorisation); idempotent.
    async fn cancel(&self, provider_ref: &str, idempotency_key: &str) -> Result<(), ProviderError>;

    /// Refunds part or all of a succeeded payment; the same key never refunds twice.
    async fn refund(
        &self,
        provider_ref: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError>;

    /// Verifies and parses a webhook delivery (signature header value, raw body) at `now_unix_s`.
    fn parse_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_unix_s: i64,
    ) -> Result<WebhookEvent, WebhookError>;

    /// The sandbox's own controls (the web layer shows its authentication page); None for real providers.
    fn sandbox(&self) -> Option<&dyn SandboxControls> {
        None
    }
}

/// What only the built-in sandbox offers: the buyer's answer on its authentication page, and
/// what it has taken (for tests and the demo). Declared here so the app needs no adapter.
#[async_trait::async_trait]
pub trait SandboxControls: Send + Sync {
    /// The buyer's answer on the authentication page: approve → Succeeded, refuse → Declined.
    async fn decide(&self, provider_ref: &str, approve: bool) -> Result<Charge, ProviderError>;

    /// A payment waiting for the buyer's authentication, if `provider_ref` is one.
    async fn pending(&self, provider_ref: &str) -> Option<Charge>;

    /// Every payment the sandbox has recorded, oldest first.
    async fn charges(&self) -> Vec<Charge>;

    /// The total taken and not refunded, in cents.
    async fn captured_cents(&self) -> i64;
}
