//! The built-in sandbox provider: deterministic test cards, in memory, no network, so Pépite
//! can be developed and tested end to end without an account anywhere.

mod cards;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use cards::Outcome;

use crate::model::{
    Charge, ChargeRequest, ChargeStatus, ProviderError, Refund, WebhookError, WebhookEvent,
};
use crate::port::PaymentProvider;

/// The sandbox payment provider. State lives as long as the value: a restart forgets it.
#[derive(Debug, Default)]
pub struct Sandbox {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    payments: Vec<Payment>,
    /// Idempotency key → what the request was and the payment it made.
    charge_keys: HashMap<String, (Fingerprint, usize)>,
    refund_keys: HashMap<String, (String, Refund)>,
}

#[derive(Debug)]
struct Payment {
    charge: Charge,
    reference: String,
    refunded_cents: i64,
}

/// What must match for a repeated key to be the same request rather than a misuse.
type Fingerprint = (i64, String, String, String);

fn fingerprint(req: &ChargeRequest) -> Fingerprint {
    (
        req.amount_cents,
        req.currency.clone(),
        req.token.clone(),
        req.reference.clone(),
    )
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked mid-call leaves consistent data: every change is one push or assignment.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The buyer's answer on the authentication page: approve → Succeeded, refuse → Declined
    /// "authentication_failed". Only a payment waiting for authentication can be decided.
    pub fn decide(&self, provider_ref: &str, approve: bool) -> Result<Charge, ProviderError> {
        let mut state = self.lock();
        let payment = state.find_mut(provider_ref)?;
        if !matches!(payment.charge.status, ChargeStatus::RequiresAction { .. }) {
            return Err(ProviderError::Rejected(format!(
                "{provider_ref} is not waiting for authentication"
            )));
        }
        payment.charge.status = if approve {
            ChargeStatus::Succeeded
        } else {
            ChargeStatus::Declined {
                code: "authentication_failed".into(),
            }
        };
        Ok(payment.charge.clone())
    }

    /// The payment behind the authentication page, while it still waits for the buyer.
    pub fn pending(&self, provider_ref: &str) -> Option<Charge> {
        let state = self.lock();
        let payment = state
            .payments
            .iter()
            .find(|p| p.charge.provider_ref == provider_ref)?;
        matches!(payment.charge.status, ChargeStatus::RequiresAction { .. })
            .then(|| payment.charge.clone())
    }

    /// Every payment made, declined ones included, in order (for tests).
    pub fn charges(&self) -> Vec<Charge> {
        self.lock()
            .payments
            .iter()
            .map(|p| p.charge.clone())
            .collect()
    }

    /// Money actually taken: succeeded payments minus refunds (for tests proving one capture).
    pub fn captured_cents(&self) -> i64 {
        self.lock()
            .payments
            .iter()
            .filter(|p| p.charge.status == ChargeStatus::Succeeded)
            .map(|p| p.charge.amount_cents - p.refunded_cents)
            .sum()
    }

    /// The payment made for our `reference`, as Stripe's search by metadata would find it, to
    /// settle a timed-out charge: a succeeded one if any, else the latest attempt.
    pub fn find_by_reference(&self, reference: &str) -> Option<Charge> {
        let state = self.lock();
        let mut mine = state.payments.iter().filter(|p| p.reference == reference);
        let latest = mine.clone().next_back();
        mine.find(|p| p.charge.status == ChargeStatus::Succeeded)
            .or(latest)
            .map(|p| p.charge.clone())
    }
}

impl State {
    fn find_mut(&mut self, provider_ref: &str) -> Result<&mut Payment, ProviderError> {
        self.payments
            .iter_mut()
            .find(|p| p.charge.provider_ref == provider_ref)
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
        let mut state = self.lock();
        if let Some((seen, index)) = state.charge_keys.get(&req.idempotency_key) {
            if *seen != fingerprint(req) {
                return Err(ProviderError::Rejected(
                    "idempotency key reused for a different payment".into(),
                ));
            }
            return Ok(state.payments[*index].charge.clone());
        }
        // Payments are never removed, so their count numbers them.
        let provider_ref = format!("sbx_pi_{}", state.payments.len() + 1);
        let outcome = cards::outcome(req.method, &req.token);
        let status = match outcome {
            Outcome::Down => {
                return Err(ProviderError::Unavailable(
                    "sandbox test card: provider down".into(),
                ));
            }
            Outcome::Succeed | Outcome::Timeout => ChargeStatus::Succeeded,
            Outcome::Decline(code) => ChargeStatus::Declined { code: code.into() },
            Outcome::Authenticate => ChargeStatus::RequiresAction {
                redirect_url: format!("/payments/sandbox/{provider_ref}"),
            },
        };
        let charge = Charge {
            provider_ref,
            amount_cents: req.amount_cents,
            status,
        };
        state.payments.push(Payment {
            charge: charge.clone(),
            reference: req.reference.clone(),
            refunded_cents: 0,
        });
        let index = state.payments.len() - 1;
        state
            .charge_keys
            .insert(req.idempotency_key.clone(), (fingerprint(req), index));
        match outcome {
            // Charged, but the caller never hears it: `status` must later tell the truth.
            Outcome::Timeout => Err(ProviderError::Timeout),
            _ => Ok(charge),
        }
    }

    async fn status(&self, provider_ref: &str) -> Result<Charge, ProviderError> {
        Ok(self.lock().find_mut(provider_ref)?.charge.clone())
    }

    async fn cancel(
        &self,
        provider_ref: &str,
        _idempotency_key: &str,
    ) -> Result<(), ProviderError> {
        // Cancelling is idempotent by nature here, so the key adds nothing.
        let mut state = self.lock();
        let payment = state.find_mut(provider_ref)?;
        if payment.charge.status == ChargeStatus::Succeeded {
            return Err(ProviderError::Rejected(format!(
                "{provider_ref} has succeeded: refund it instead"
            )));
        }
        payment.charge.status = ChargeStatus::Canceled;
        Ok(())
    }

    async fn refund(
        &self,
        provider_ref: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError> {
        let mut state = self.lock();
        if let Some((for_ref, refund)) = state.refund_keys.get(idempotency_key) {
            if for_ref != provider_ref || refund.amount_cents != amount_cents {
                return Err(ProviderError::Rejected(
                    "idempotency key reused for a different refund".into(),
                ));
            }
            return Ok(refund.clone());
        }
        let payment = state.find_mut(provider_ref)?;
        if payment.charge.status != ChargeStatus::Succeeded {
            return Err(ProviderError::Rejected(format!(
                "{provider_ref} has not succeeded: nothing to refund"
            )));
        }
        let refundable = payment.charge.amount_cents - payment.refunded_cents;
        if amount_cents <= 0 || amount_cents > refundable {
            return Err(ProviderError::Rejected(format!(
                "refund of {amount_cents} cents: {refundable} cents remain refundable"
            )));
        }
        payment.refunded_cents += amount_cents;
        let refund = Refund {
            // Each refund has its own key, so their count numbers them.
            provider_ref: format!("sbx_re_{}", state.refund_keys.len() + 1),
            amount_cents,
        };
        state.refund_keys.insert(
            idempotency_key.to_owned(),
            (provider_ref.to_owned(), refund.clone()),
        );
        Ok(refund)
    }

    fn parse_webhook(
        &self,
        _signature: Option<&str>,
        _body: &[u8],
        _now_unix_s: i64,
    ) -> Result<WebhookEvent, WebhookError> {
        Err(WebhookError::NotSupported)
    }

    fn sandbox(&self) -> Option<&Sandbox> {
        Some(self)
    }
}
