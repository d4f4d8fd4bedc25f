//! Stripe webhooks: `Stripe-Signature` checked by the scheme in `pepite_app::webhook_signature`
//! (HMAC-SHA256 of "{t}.{raw body}", constant-time, 300 s tolerance), then the event read.

use pepite_app::webhook_signature;
use serde::Deserialize;

use super::wire::PaymentError;
use pepite_app::payments::{WebhookError, WebhookEvent, WebhookKind};

pub use webhook_signature::TOLERANCE_S;

/// The `Stripe-Signature` header value Stripe would send for `body` signed at `t`.
pub fn sign_webhook(secret: &str, t: i64, body: &[u8]) -> String {
    webhook_signature::sign(secret, t, body)
}

/// Checks the signature, then the age, then reads the event.
pub(super) fn verify(
    secret: &str,
    header: Option<&str>,
    body: &[u8],
    now_unix_s: i64,
) -> Result<WebhookEvent, WebhookError> {
    webhook_signature::check(secret, header, body, now_unix_s)?;
    parse_event(body)
}

#[derive(Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: serde_json::Value,
}

#[derive(Deserialize)]
struct IntentObject {
    id: String,
    last_payment_error: Option<PaymentError>,
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    reference: Option<String>,
}

fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    let malformed = |e: serde_json::Error| WebhookError::Malformed(e.to_string());
    let event: Event = serde_json::from_slice(body).map_err(malformed)?;
    let intent = || serde_json::from_value::<IntentObject>(event.data.object.clone());
    let mut reference = None;
    let kind = match event.kind.as_str() {
        "payment_intent.succeeded" => {
            let object = intent().map_err(malformed)?;
            reference = object.metadata.and_then(|m| m.reference);
            WebhookKind::PaymentSucceeded {
                provider_ref: object.id,
            }
        }
        "payment_intent.payment_failed" => {
            let object = intent().map_err(malformed)?;
            reference = object.metadata.and_then(|m| m.reference);
            WebhookKind::PaymentFailed {
                code: object
                    .last_payment_error
                    .map(|e| e.reason())
                    .unwrap_or_else(|| "payment_failed".to_owned()),
                provider_ref: object.id,
            }
        }
        _ => WebhookKind::Other(event.kind.clone()),
    };
    Ok(WebhookEvent {
        id: event.id,
        kind,
        reference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] =
        br#"{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_9"}}}"#;

    #[test]
    fn signature_matches_a_known_hmac_sha256_vector() {
        // Computed independently with Python: hmac.new(b"whsec_x", b"1700000000.{}", sha256).
        assert_eq!(
            sign_webhook("whsec_x", 1_700_000_000, b"{}"),
            "t=1700000000,v1=be8cb8325f2202445260a855532f967e30ad2a9394ce28da66ee02880ddcb661"
        );
    }

    #[test]
    fn signed_event_within_tolerance_is_accepted() {
        let header = sign_webhook("whsec_x", 1_000, BODY);
        let event = verify("whsec_x", Some(&header), BODY, 1_000 + 300).unwrap();
        assert_eq!(event.id, "evt_1");
        assert_eq!(
            event.kind,
            WebhookKind::PaymentSucceeded {
                provider_ref: "pi_9".into()
            }
        );
    }

    #[test]
    fn header_without_timestamp_or_signature_is_refused() {
        assert_eq!(
            verify("s", None, BODY, 0),
            Err(WebhookError::MissingSignature)
        );
        assert_eq!(
            verify("s", Some(" "), BODY, 0),
            Err(WebhookError::MissingSignature)
        );
        assert_eq!(
            verify("s", Some("v1=ab"), BODY, 0),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify("s", Some("t=5"), BODY, 5),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn signed_garbage_is_malformed() {
        let header = sign_webhook("s", 5, b"not json");
        assert!(matches!(
            verify("s", Some(&header), b"not json", 5),
            Err(WebhookError::Malformed(_))
        ));
    }
}
