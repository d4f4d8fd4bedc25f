//! The parts of Stripe's JSON we read, and how they map onto our model. Only the fields we
//! use are declared, so Stripe adding fields never breaks us.

use serde::Deserialize;

use pepite_app::payments::{Charge, ChargeStatus, ProviderError};

/// A PaymentIntent, as returned by create, retrieve and cancel.
#[derive(Debug, Deserialize)]
pub(super) struct Intent {
    pub id: String,
    pub amount: i64,
    pub status: String,
    pub next_action: Option<NextAction>,
    pub last_payment_error: Option<PaymentError>,
}

#[derive(Debug, Deserialize)]
pub(super) struct NextAction {
    pub redirect_to_url: Option<RedirectToUrl>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RedirectToUrl {
    pub url: String,
}

/// Why the last attempt failed (`last_payment_error`), or a webhook object's failure.
#[derive(Debug, Deserialize)]
pub(super) struct PaymentError {
    pub code: Option<String>,
    pub decline_code: Option<String>,
}

impl PaymentError {
    /// The most precise reason: the issuer's decline code ("insufficient_funds") when there
    /// is one, else Stripe's error code ("card_declined", "expired_card").
    pub fn reason(&self) -> String {
        self.decline_code
            .clone()
            .or_else(|| self.code.clone())
            .unwrap_or_else(|| "payment_failed".to_owned())
    }
}

/// Stripe's error envelope: `{"error": {...}}`.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorEnvelope {
    pub error: ApiError,
}

#[derive(Debug, Deserialize)]
pub(super) struct ApiError {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub code: Option<String>,
    pub decline_code: Option<String>,
    pub message: Option<String>,
    /// On a declined confirmation, the PaymentIntent that was created.
    pub payment_intent: Option<Intent>,
}

impl ApiError {
    pub fn reason(&self) -> String {
        PaymentError {
            code: self.code.clone(),
            decline_code: self.decline_code.clone(),
        }
        .reason()
    }

    /// The human message, for logs and `Rejected`.
    pub fn describe(&self) -> String {
        self.message
            .clone()
            .or_else(|| self.code.clone())
            .unwrap_or_else(|| "no message".to_owned())
    }
}

/// A page of PaymentIntents from the search endpoint.
#[derive(Debug, Deserialize)]
pub(super) struct SearchResult {
    pub data: Vec<Intent>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RefundBody {
    pub id: String,
    pub amount: i64,
}

impl Intent {
    pub fn into_charge(self) -> Result<Charge, ProviderError> {
        let status = match self.status.as_str() {
            "succeeded" => ChargeStatus::Succeeded,
            "requires_action" => ChargeStatus::RequiresAction {
                redirect_url: self
                    .next_action
                    .and_then(|a| a.redirect_to_url)
                    .map(|r| r.url)
                    .ok_or_else(|| {
                        ProviderError::BadResponse(format!(
                            "{} requires an action without a redirect URL",
                            self.id
                        ))
                    })?,
            },
            // We never capture manually; these only mean "not decided yet".
            "processing" | "requires_capture" | "requires_confirmation" => ChargeStatus::Processing,
            "requires_payment_method" => ChargeStatus::Declined {
                code: self
                    .last_payment_error
                    .map(|e| e.reason())
                    .unwrap_or_else(|| "requires_payment_method".to_owned()),
            },
            "canceled" => ChargeStatus::Canceled,
            other => {
                return Err(ProviderError::BadResponse(format!(
                    "unknown PaymentIntent status {other:?}"
                )));
            }
        };
        Ok(Charge {
            provider_ref: self.id,
            amount_cents: self.amount,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(json: serde_json::Value) -> Result<Charge, ProviderError> {
        serde_json::from_value::<Intent>(json)
            .unwrap()
            .into_charge()
    }

    #[test]
    fn payment_intent_statuses_map_onto_charge_statuses() {
        let base =
            |status: &str| serde_json::json!({"id": "pi_1", "amount": 900, "status": status});
        assert_eq!(
            intent(base("succeeded")).unwrap().status,
            ChargeStatus::Succeeded
        );
        assert_eq!(
            intent(base("processing")).unwrap().status,
            ChargeStatus::Processing
        );
        assert_eq!(
            intent(base("canceled")).unwrap().status,
            ChargeStatus::Canceled
        );
        assert!(matches!(
            intent(base("requires_action")),
            Err(ProviderError::BadResponse(_))
        ));
        assert!(matches!(
            intent(base("weird")),
            Err(ProviderError::BadResponse(_))
        ));

        let mut failed = base("requires_payment_method");
        failed["last_payment_error"] =
            serde_json::json!({"code": "card_declined", "decline_code": "do_not_honor"});
        assert_eq!(
            intent(failed).unwrap().status,
            ChargeStatus::Declined {
                code: "do_not_honor".into()
            }
        );
    }
}
