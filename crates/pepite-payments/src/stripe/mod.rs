//! A thin hand-written Stripe client covering only what we call (PaymentIntents, Refunds,
//! webhooks). The API version is pinned so Stripe's changes reach us only when we choose, and
//! every POST carries an `Idempotency-Key` so a retry never moves money twice.

mod webhook;
mod wire;

use std::fmt;
use std::time::Duration;

use reqwest::RequestBuilder;
pub use webhook::{TOLERANCE_S, sign_webhook};
use wire::{ApiError, ErrorEnvelope, Intent, RefundBody, SearchResult};

use pepite_app::payments::PaymentProvider;
use pepite_app::payments::{
    Charge, ChargeRequest, ChargeStatus, ProviderError, Refund, WebhookError, WebhookEvent,
};

/// The Stripe API version every request asks for.
pub const STRIPE_VERSION: &str = "2025-03-31.basil";

/// How to reach Stripe. `Debug` never shows the secrets.
#[derive(Clone)]
pub struct StripeConfig {
    /// "https://api.stripe.com", or a local fake in tests.
    pub api_base: String,
    /// "sk_live_…" or "sk_test_…".
    pub secret_key: String,
    /// "whsec_…", the signing secret of our webhook endpoint.
    pub webhook_secret: String,
    pub timeout: Duration,
}

impl Default for StripeConfig {
    /// Stripe's real API with a 10 s timeout; the keys still have to be given.
    fn default() -> StripeConfig {
        StripeConfig {
            api_base: "https://api.stripe.com".into(),
            secret_key: String::new(),
            webhook_secret: String::new(),
            timeout: Duration::from_secs(10),
        }
    }
}

impl fmt::Debug for StripeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StripeConfig")
            .field("api_base", &self.api_base)
            .field("secret_key", &"[redacted]")
            .field("webhook_secret", &"[redacted]")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The Stripe payment provider.
pub struct Stripe {
    http: reqwest::Client,
    config: StripeConfig,
}

impl fmt::Debug for Stripe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stripe")
            .field("config", &self.config)
            .finish()
    }
}

/// A Stripe answer we can act on: a 2xx body, or a 4xx error for the caller to interpret.
enum Reply {
    Success(Vec<u8>),
    // Boxed: an error may carry a whole PaymentIntent, and most replies are successes.
    Failed { status: u16, error: Box<ApiError> },
}

impl Stripe {
    pub fn new(config: StripeConfig) -> Result<Stripe, ProviderError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| ProviderError::Unavailable(format!("cannot build HTTP client: {e}")))?;
        Ok(Stripe { http, config })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.api_base.trim_end_matches('/'))
    }

    async fn post(
        &self,
        path: &str,
        idempotency_key: &str,
        form: &[(&str, String)],
    ) -> Result<Reply, ProviderError> {
        let request = self
            .http
            .post(self.url(path))
            .header("Idempotency-Key", idempotency_key)
            .form(form);
        self.send(request).await
    }

    async fn send(&self, request: RequestBuilder) -> Result<Reply, ProviderError> {
        let response = request
            .bearer_auth(&self.config.secret_key)
            .header("Stripe-Version", STRIPE_VERSION)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(transport)?.to_vec();
        match status {
            200..=299 => Ok(Reply::Success(body)),
            // 409: the same key is in flight; 429: rate limited. Both pass if retried later.
            409 | 429 | 500.. => Err(ProviderError::Unavailable(format!(
                "Stripe answered HTTP {status}"
            ))),
            _ => {
                let envelope: ErrorEnvelope = parse(&body)?;
                Ok(Reply::Failed {
                    status,
                    error: Box::new(envelope.error),
                })
            }
        }
    }

    async fn intent(&self, provider_ref: &str) -> Result<Charge, ProviderError> {
        let path = format!("/v1/payment_intents/{}", intent_id(provider_ref)?);
        match self.send(self.http.get(self.url(&path))).await? {
            Reply::Success(body) => parse::<Intent>(&body)?.into_charge(),
            Reply::Failed { error, .. } => Err(ProviderError::Rejected(error.describe())),
        }
    }
}

fn transport(e: reqwest::Error) -> ProviderError {
    if e.is_timeout() {
        ProviderError::Timeout
    } else {
        ProviderError::Unavailable(e.to_string())
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ProviderError> {
    serde_json::from_slice(body).map_err(|e| {
        let start = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        ProviderError::BadResponse(format!("{e} in {start:?}"))
    })
}

/// `text` as a URL query value: everything but unreserved characters percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Our refs go into URL paths: only Stripe's id alphabet may, so nothing can escape the path.
fn intent_id(provider_ref: &str) -> Result<&str, ProviderError> {
    let valid = provider_ref.starts_with("pi_")
        && provider_ref
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid
        .then_some(provider_ref)
        .ok_or_else(|| ProviderError::Rejected(format!("not a PaymentIntent id: {provider_ref:?}")))
}

#[async_trait::async_trait]
impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    async fn charge(&self, req: &ChargeRequest) -> Result<Charge, ProviderError> {
        let form = [
            ("amount", req.amount_cents.to_string()),
            ("currency", req.currency.to_lowercase()),
            ("payment_method", req.token.clone()),
            ("confirm", "true".to_owned()),
            ("payment_method_types[]", req.method.as_str().to_owned()),
            ("return_url", req.return_url.clone()),
            ("metadata[reference]", req.reference.clone()),
            ("description", req.description.clone()),
        ];
        match self
            .post("/v1/payment_intents", &req.idempotency_key, &form)
            .await?
        {
            Reply::Success(body) => parse::<Intent>(&body)?.into_charge(),
            Reply::Failed { status: 402, error } if error.kind.as_deref() == Some("card_error") => {
                let code = error.reason();
                // Stripe names the PaymentIntent it created; without one, nothing to look up.
                let (provider_ref, amount_cents) = error
                    .payment_intent
                    .map_or((String::new(), req.amount_cents), |pi| (pi.id, pi.amount));
                Ok(Charge {
                    provider_ref,
                    amount_cents,
                    status: ChargeStatus::Declined { code },
                })
            }
            Reply::Failed { error, .. } => Err(ProviderError::Rejected(error.describe())),
        }
    }

    async fn status(&self, provider_ref: &str) -> Result<Charge, ProviderError> {
        self.intent(provider_ref).await
    }

    async fn find(&self, reference: &str) -> Result<Option<Charge>, ProviderError> {
        // The reference is quoted inside Stripe's query language: only our own alphabet may be.
        if reference.is_empty()
            || !reference
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(ProviderError::Rejected(format!(
                "not one of our references: {reference:?}"
            )));
        }
        let query = format!("metadata['reference']:'{reference}'");
        let path = format!(
            "/v1/payment_intents/search?limit=100&query={}",
            percent_encode(&query)
        );
        let request = self.http.get(self.url(&path));
        match self.send(request).await? {
            Reply::Success(body) => {
                let found: SearchResult = parse(&body)?;
                let mut charges = found
                    .data
                    .into_iter()
                    .map(Intent::into_charge)
                    .collect::<Result<Vec<_>, _>>()?;
                let succeeded = charges
                    .iter()
                    .position(|c| c.status == ChargeStatus::Succeeded);
                Ok(succeeded
                    .or((!charges.is_empty()).then_some(0))
                    .map(|i| charges.swap_remove(i)))
            }
            Reply::Failed { error, .. } => Err(ProviderError::Rejected(error.describe())),
        }
    }

    async fn cancel(&self, provider_ref: &str, idempotency_key: &str) -> Result<(), ProviderError> {
        let path = format!("/v1/payment_intents/{}/cancel", intent_id(provider_ref)?);
        match self.post(&path, idempotency_key, &[]).await? {
            Reply::Success(_) => Ok(()),
            // Stripe refuses to cancel twice; already canceled is what the caller wanted.
            Reply::Failed { error, .. }
                if error.code.as_deref() == Some("payment_intent_unexpected_state")
                    && self.intent(provider_ref).await?.status == ChargeStatus::Canceled =>
            {
                Ok(())
            }
            Reply::Failed { error, .. } => Err(ProviderError::Rejected(error.describe())),
        }
    }

    async fn refund(
        &self,
        provider_ref: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError> {
        let form = [
            ("payment_intent", intent_id(provider_ref)?.to_owned()),
            ("amount", amount_cents.to_string()),
        ];
        match self.post("/v1/refunds", idempotency_key, &form).await? {
            Reply::Success(body) => {
                let refund: RefundBody = parse(&body)?;
                Ok(Refund {
                    provider_ref: refund.id,
                    amount_cents: refund.amount,
                })
            }
            Reply::Failed { error, .. } => Err(ProviderError::Rejected(error.describe())),
        }
    }

    fn parse_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_unix_s: i64,
    ) -> Result<WebhookEvent, WebhookError> {
        webhook::verify(&self.config.webhook_secret, signature, body, now_unix_s)
    }
}
