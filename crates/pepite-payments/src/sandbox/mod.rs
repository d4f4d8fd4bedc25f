//! The built-in sandbox provider: deterministic test cards, no network, so Pépite can be
//! developed and tested end to end without an account anywhere. Like a real provider it keeps
//! its books on its side of the line: in the database (`pepite_store::sandbox`), so its
//! references survive restarts and every instance on one database sees the same payments.

mod cards;
#[cfg(test)]
mod tests;

use cards::Outcome;
use pepite_store::Db;
use pepite_store::sandbox::{self as books, NewSandboxPayment, RefundResult, SandboxPayment};
use sha2::{Digest, Sha256};

use pepite_app::payments::{
    Charge, ChargeRequest, ChargeStatus, ProviderError, Refund, WebhookError, WebhookEvent,
};
use pepite_app::payments::{PaymentProvider, SandboxControls};

/// The sandbox payment provider over its books in `db`.
#[derive(Clone)]
pub struct Sandbox {
    db: Db,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sandbox")
    }
}

const PAYMENT_PREFIX: &str = "sbx_pi_";

/// What must match for a repeated key to be the same request rather than a misuse; hashed so
/// that no card number typed into the sandbox is stored.
fn fingerprint(req: &ChargeRequest) -> String {
    let text = format!(
        "{}\n{}\n{}\n{}",
        req.amount_cents, req.currency, req.token, req.reference
    );
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sandbox's reference of its payment `id`: its row number, unique in the database.
fn reference_of(id: i64) -> String {
    format!("{PAYMENT_PREFIX}{id}")
}

fn id_of(provider_ref: &str) -> Result<i64, ProviderError> {
    provider_ref
        .strip_prefix(PAYMENT_PREFIX)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| ProviderError::Rejected(format!("no such payment: {provider_ref}")))
}

fn unavailable(e: pepite_store::StoreError) -> ProviderError {
    ProviderError::Unavailable(format!("sandbox books: {e}"))
}

fn charge_of(p: &SandboxPayment) -> Charge {
    let provider_ref = reference_of(p.id);
    let status = match p.status.as_str() {
        "succeeded" => ChargeStatus::Succeeded,
        "requires_action" => ChargeStatus::RequiresAction {
            redirect_url: format!("/payments/sandbox/{provider_ref}"),
        },
        "canceled" => ChargeStatus::Canceled,
        _ => ChargeStatus::Declined {
            code: p.decline_code.clone().unwrap_or_default(),
        },
    };
    Charge {
        provider_ref,
        amount_cents: p.amount_cents,
        status,
    }
}

impl Sandbox {
    pub fn new(db: Db) -> Sandbox {
        Sandbox { db }
    }

    async fn payment(&self, provider_ref: &str) -> Result<SandboxPayment, ProviderError> {
        books::by_id(&self.db, id_of(provider_ref)?)
            .await
            .map_err(unavailable)?
            .ok_or_else(|| ProviderError::Rejected(format!("no such payment: {provider_ref}")))
    }
}

#[async_trait::async_trait]
impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn charge(&self, req: &ChargeRequest) -> Result<Charge, ProviderError> {
        if req.amount_cents <= 0 {
            return Err(ProviderError::Rejected("amount must be positive".into()));
        }
        let outcome = cards::outcome(req.method, &req.token);
        let (status, decline_code) = match outcome {
            Outcome::Down => {
                return Err(ProviderError::Unavailable(
                    "sandbox test card: provider down".into(),
                ));
            }
            Outcome::Succeed | Outcome::Timeout => ("succeeded", None),
            Outcome::Decline(code) => ("declined", Some(code)),
            Outcome::Authenticate => ("requires_action", None),
        };
        let fingerprint = fingerprint(req);
        let new = NewSandboxPayment {
            idempotency_key: &req.idempotency_key,
            fingerprint: &fingerprint,
            reference: &req.reference,
            amount_cents: req.amount_cents,
            status,
            decline_code,
        };
        let (payment, _) = books::charge(&self.db, &new).await.map_err(unavailable)?;
        if payment.fingerprint != fingerprint {
            return Err(ProviderError::Rejected(
                "idempotency key reused for a different payment".into(),
            ));
        }
        match outcome {
            // Charged, but the caller never hears it, however often it asks: only `status`
            // and `find` tell the truth.
            Outcome::Timeout => Err(ProviderError::Timeout),
            _ => Ok(charge_of(&payment)),
        }
    }

    async fn status(&self, provider_ref: &str) -> Result<Charge, ProviderError> {
        Ok(charge_of(&self.payment(provider_ref).await?))
    }

    async fn find(&self, reference: &str) -> Result<Option<Charge>, ProviderError> {
        let found = books::for_reference(&self.db, reference)
            .await
            .map_err(unavailable)?;
        Ok(found.as_ref().map(charge_of))
    }

    async fn cancel(
        &self,
        provider_ref: &str,
        _idempotency_key: &str,
    ) -> Result<(), ProviderError> {
        // Cancelling is idempotent by nature here, so the key adds nothing.
        let id = id_of(provider_ref)?;
        let open = ["requires_action", "declined", "canceled"];
        let moved = books::transition(&self.db, id, &open, "canceled", None)
            .await
            .map_err(unavailable)?;
        if moved {
            return Ok(());
        }
        self.payment(provider_ref).await?;
        Err(ProviderError::Rejected(format!(
            "{provider_ref} has succeeded: refund it instead"
        )))
    }

    async fn refund(
        &self,
        provider_ref: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError> {
        let payment = self.payment(provider_ref).await?;
        if amount_cents <= 0 {
            return Err(ProviderError::Rejected(format!(
                "refund of {amount_cents} cents: the amount must be positive"
            )));
        }
        let result = books::refund(&self.db, idempotency_key, payment.id, amount_cents)
            .await
            .map_err(unavailable)?;
        match result {
            RefundResult::Done(id) => Ok(Refund {
                provider_ref: format!("sbx_re_{id}"),
                amount_cents,
            }),
            RefundResult::KeyReused => Err(ProviderError::Rejected(
                "idempotency key reused for a different refund".into(),
            )),
            RefundResult::Refused => Err(ProviderError::Rejected(format!(
                "{provider_ref}: nothing left to refund for {amount_cents} cents"
            ))),
        }
    }

    fn parse_webhook(
        &self,
        _signature: Option<&str>,
        _body: &[u8],
        _now_unix_s: i64,
    ) -> Result<WebhookEvent, WebhookError> {
        Err(WebhookError::NotSupported)
    }

    fn sandbox(&self) -> Option<&dyn SandboxControls> {
        Some(self)
    }
}

#[async_trait::async_trait]
impl SandboxControls for Sandbox {
    /// The buyer's answer on the authentication page: approve → Succeeded, refuse → Declined
    /// "authentication_failed". Only a payment waiting for authentication can be decided, and
    /// only once, whichever instance shows the page.
    async fn decide(&self, provider_ref: &str, approve: bool) -> Result<Charge, ProviderError> {
        let id = id_of(provider_ref)?;
        let (to, code) = if approve {
            ("succeeded", None)
        } else {
            ("declined", Some("authentication_failed"))
        };
        let moved = books::transition(&self.db, id, &["requires_action"], to, code)
            .await
            .map_err(unavailable)?;
        if !moved {
            return Err(ProviderError::Rejected(format!(
                "{provider_ref} is not waiting for authentication"
            )));
        }
        Ok(charge_of(&self.payment(provider_ref).await?))
    }

    /// The payment behind the authentication page, while it still waits for the buyer.
    async fn pending(&self, provider_ref: &str) -> Option<Charge> {
        let payment = self.payment(provider_ref).await.ok()?;
        (payment.status == "requires_action").then(|| charge_of(&payment))
    }

    /// Every payment made, declined ones included, in order (for tests).
    async fn charges(&self) -> Vec<Charge> {
        let all = books::all(&self.db).await.unwrap_or_default();
        all.iter().map(charge_of).collect()
    }

    /// Money actually taken: succeeded payments minus refunds (for tests proving one capture).
    async fn captured_cents(&self) -> i64 {
        let all = books::all(&self.db).await.unwrap_or_default();
        all.iter()
            .filter(|p| p.status == "succeeded")
            .map(|p| p.amount_cents - p.refunded_cents)
            .sum()
    }
}
