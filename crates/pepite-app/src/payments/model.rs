//! What a payment provider is asked and what it answers, independent of any provider.

use serde::{Deserialize, Serialize};

/// How the buyer pays (rule O7): a card (Visa, Mastercard, American Express) or PayPal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Paypal,
}

impl Method {
    /// The stable name, as stored and as Stripe's `payment_method_types[]` expects it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Card => "card",
            Method::Paypal => "paypal",
        }
    }

    /// The method named by [`Method::as_str`], or `None`.
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "card" => Some(Method::Card),
            "paypal" => Some(Method::Paypal),
            _ => None,
        }
    }
}

/// One payment to create and confirm.
#[derive(Debug, Clone)]
pub struct ChargeRequest {
    pub amount_cents: i64,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    pub method: Method,
    /// Sandbox: a test card number (spaces allowed) or a PayPal sandbox token.
    /// Stripe: a PaymentMethod id "pm_…" made by Stripe's own page, so no card data reaches us.
    pub token: String,
    /// The same key never charges twice, however often the request is retried.
    pub idempotency_key: String,
    /// Our reference, e.g. "order-42", kept by the provider as metadata.
    pub reference: String,
    pub description: String,
    /// Where the buyer comes back after an authentication step.
    pub return_url: String,
}

/// Where a payment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ChargeStatus {
    Succeeded,
    /// The buyer must authenticate (3-D Secure, PayPal approval) at `redirect_url` first.
    RequiresAction {
        redirect_url: String,
    },
    /// The provider has not decided yet; ask again with `status`.
    Processing,
    Declined {
        code: String,
    },
    Canceled,
}

/// A payment as the provider knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub provider_ref: String,
    pub amount_cents: i64,
    pub status: ChargeStatus,
}

/// Money given back on a succeeded payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub provider_ref: String,
    pub amount_cents: i64,
}

/// Why a provider call gave no answer we can act on.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The outcome is unknown: the payment may have been made; settle it with `status`.
    #[error("payment provider timed out")]
    Timeout,
    /// Nothing was done; trying again later is safe.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
    #[error("payment provider answered something unreadable: {0}")]
    BadResponse(String),
    #[error("payment provider refused the request: {0}")]
    Rejected(String),
}

/// A verified notification from the provider. `id` is unique per event: deliveries repeat,
/// so the receiver keeps the ids it has handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    pub id: String,
    pub kind: WebhookKind,
    /// Our reference ("order-42") from the payment's metadata, so an event is matched to its
    /// order even when the provider's reference was never recorded (an unanswered charge).
    pub reference: Option<String>,
}

/// What a webhook event says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookKind {
    PaymentSucceeded {
        provider_ref: String,
    },
    PaymentFailed {
        provider_ref: String,
        code: String,
    },
    /// An event type we do not act on, by its provider name.
    Other(String),
}

/// Why a webhook delivery was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookError {
    #[error("webhook has no signature")]
    MissingSignature,
    #[error("webhook signature does not match")]
    BadSignature,
    /// Signed more than 300 s away from now: possibly a replay.
    #[error("webhook signature is too old or from the future")]
    Stale,
    #[error("webhook body is malformed: {0}")]
    Malformed(String),
    #[error("this payment provider sends no webhooks")]
    NotSupported,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip() {
        for m in [Method::Card, Method::Paypal] {
            assert_eq!(Method::parse(m.as_str()), Some(m));
        }
        assert_eq!(Method::parse("cash"), None);
    }

    #[test]
    fn charge_status_serialises_with_a_status_tag() {
        let json = serde_json::to_value(ChargeStatus::Declined {
            code: "card_declined".into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": "declined", "code": "card_declined"})
        );
    }
}
