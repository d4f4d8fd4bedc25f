//! The built-in sandbox carrier: no network, no account. Its tracking numbers are derived from
//! the order and parcel (the same label every time, as a real service keyed by our reference
//! answers), and its delivery events are signed with the configured secret like a real
//! carrier's (`webhook_signature`); with no secret, every event is refused.

use super::model::{Consignment, DeliveryEvent, Label, LabelError, LabelRequest};
use super::port::Carrier;
use crate::payments::WebhookError;
use crate::webhook_signature;

pub struct SandboxCarrier {
    webhook_secret: Option<String>,
}

impl std::fmt::Debug for SandboxCarrier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.write_str("SandboxCarrier")
    }
}

impl SandboxCarrier {
    /// A sandbox taking delivery events signed with `webhook_secret` (none: events refused).
    pub fn new(webhook_secret: Option<String>) -> Self {
        SandboxCarrier {
            webhook_secret: webhook_secret.filter(|s| !s.trim().is_empty()),
        }
    }
}

/// The sandbox's tracking number of an order's parcel: "SB", the order on ten digits, the
/// parcel on two.
pub fn sandbox_tracking(order_id: i64, parcel: i64) -> String {
    format!("SB{order_id:010}{parcel:02}")
}

#[async_trait::async_trait]
impl Carrier for SandboxCarrier {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn buy_label(&self, req: &LabelRequest) -> Result<Label, LabelError> {
        if req.weight_g <= 0 {
            return Err(LabelError::Rejected("a parcel weighs something".into()));
        }
        Ok(Label {
            carrier: req.carrier.clone(),
            tracking: match req.consignment {
                Consignment::Parcel { order_id, parcel } => sandbox_tracking(order_id, parcel),
                Consignment::TradeInBox(id) => format!("SBT{id:010}"),
                Consignment::TradeInReturn(id) => format!("SBR{id:010}"),
            },
        })
    }

    fn parse_event(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_unix_s: i64,
    ) -> Result<DeliveryEvent, WebhookError> {
        let secret = self
            .webhook_secret
            .as_deref()
            .ok_or(WebhookError::NotSupported)?;
        webhook_signature::check(secret, signature, body, now_unix_s)?;
        serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::DeliveryEventKind;

    fn request(order_id: i64, parcel: i64) -> LabelRequest {
        LabelRequest {
            carrier: "colissimo".into(),
            consignment: Consignment::Parcel { order_id, parcel },
            weight_g: 400,
            to_country: "FR".into(),
        }
    }

    #[tokio::test]
    async fn sandbox_labels_are_deterministic_per_parcel() {
        let sandbox = SandboxCarrier::new(None);
        let first = sandbox.buy_label(&request(42, 1)).await.unwrap();
        assert_eq!(first.tracking, "SB000000004201");
        assert_eq!(sandbox.buy_label(&request(42, 1)).await.unwrap(), first);
        assert_ne!(sandbox.buy_label(&request(42, 2)).await.unwrap(), first);
        let mut weightless = request(1, 1);
        weightless.weight_g = 0;
        assert!(sandbox.buy_label(&weightless).await.is_err());
    }

    #[test]
    fn f4_sandbox_events_need_the_secret() {
        let body = br#"{"id":"e1","type":"delivered","tracking":"SB1","occurred_at":10}"#;
        let header = webhook_signature::sign("s3cret", 10, body);
        let sandbox = SandboxCarrier::new(Some("s3cret".into()));
        let event = sandbox.parse_event(Some(&header), body, 10).unwrap();
        assert_eq!(event.kind, DeliveryEventKind::Delivered);
        assert_eq!(event.tracking, "SB1");
        let other = br#"{"id":"e2","type":"in_transit","tracking":"SB1","occurred_at":10}"#;
        let signed = webhook_signature::sign("s3cret", 10, other);
        assert_eq!(
            sandbox.parse_event(Some(&signed), other, 10).unwrap().kind,
            DeliveryEventKind::Other
        );
        let forged = webhook_signature::sign("guess", 10, body);
        assert_eq!(
            sandbox.parse_event(Some(&forged), body, 10),
            Err(WebhookError::BadSignature)
        );
        let off = SandboxCarrier::new(Some(" ".into()));
        assert_eq!(
            off.parse_event(Some(&header), body, 10),
            Err(WebhookError::NotSupported)
        );
    }
}
