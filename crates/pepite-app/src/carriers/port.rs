//! The `Carrier` port: what shipping needs from a carrier service (F2, F4): buying a label for
//! a parcel, and reading the delivery events it sends to our webhook.

use super::model::{DeliveryEvent, Label, LabelError, LabelRequest};
use crate::payments::WebhookError;

/// A carrier service (an aggregator speaking for every carrier of the `carriers` table, or
/// the built-in sandbox). Buying a label for the same parcel twice gives the same label.
#[async_trait::async_trait]
pub trait Carrier: Send + Sync + 'static {
    /// "sandbox", or the service's name.
    fn name(&self) -> &'static str;

    /// A prepaid label for one parcel; idempotent per (order, parcel).
    async fn buy_label(&self, req: &LabelRequest) -> Result<Label, LabelError>;

    /// Verifies and reads one delivery-event webhook (signature header, raw body) at
    /// `now_unix_s`.
    fn parse_event(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_unix_s: i64,
    ) -> Result<DeliveryEvent, WebhookError>;
}
