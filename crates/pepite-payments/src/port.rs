//! The `PaymentProvider` port: what checkout, cancellation and refunds need from a provider.

use crate::model::{Charge, ChargeRequest, ProviderError, Refund, WebhookError, WebhookEvent};
use crate::sandbox::Sandbox;

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
    fn sandbox(&self) -> Option<&Sandbox> {
        None
    }
}
