//! A local HTTP fake of the slice of Stripe's API that `pepite-payments` calls, so the real
//! Stripe adapter is tested over HTTP without the network. Magic PaymentMethod ids choose the
//! outcome (see `create`). Stricter than Stripe on one point: a POST without an
//! `Idempotency-Key` is refused, so a forgotten key fails tests instead of passing silently.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Form, Path, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// The only secret key the fake accepts.
pub const SECRET_KEY: &str = "sk_test_fake";

/// A running fake. Its server lives as long as the test's Tokio runtime.
pub struct FakeStripe {
    pub base_url: String,
    state: Shared,
}

/// A PaymentIntent as the fake holds it, for assertions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeIntent {
    pub id: String,
    pub amount: i64,
    pub status: String,
    /// `metadata[reference]`.
    pub reference: String,
}

/// A refund the fake made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeRefund {
    pub id: String,
    pub payment_intent: String,
    pub amount: i64,
}

type Shared = Arc<Mutex<FakeState>>;
type Fields = Form<HashMap<String, String>>;
type Saved = (StatusCode, Vec<u8>);

#[derive(Default)]
struct FakeState {
    base_url: String,
    next_id: u64,
    posts: usize,
    intents: Vec<Value>,
    refunds: Vec<FakeRefund>,
    /// How many of the next refund requests are turned away before reaching the API.
    refunds_turned_away: usize,
    /// Idempotency key → (request fingerprint, the reply once the request has finished).
    replies: HashMap<String, (String, Option<Saved>)>,
}

impl FakeState {
    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_fake{:04}", self.next_id)
    }

    fn intent(&mut self, id: &str) -> Option<&mut Value> {
        self.intents.iter_mut().find(|i| i["id"] == id)
    }
}

fn lock(state: &Shared) -> MutexGuard<'_, FakeState> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn hex_hmac_sha256(secret: &str, message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(message);
    let bytes = mac.finalize().into_bytes();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl FakeStripe {
    /// Starts the fake on 127.0.0.1 with a free port.
    pub async fn start() -> FakeStripe {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await;
        let listener = listener.expect("bind fake Stripe");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let state = FakeState {
            base_url: base_url.clone(),
            ..FakeState::default()
        };
        let state: Shared = Arc::new(Mutex::new(state));
        let app = Router::new()
            .route("/v1/payment_intents", post(create))
            .route("/v1/payment_intents/search", get(search))
            .route("/v1/payment_intents/{id}", get(retrieve))
            .route("/v1/payment_intents/{id}/cancel", post(cancel))
            .route("/v1/refunds", post(refund))
            .layer(middleware::from_fn_with_state(state.clone(), gate))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeStripe { base_url, state }
    }

    pub fn intents(&self) -> Vec<FakeIntent> {
        let state = lock(&self.state);
        let intents = state.intents.iter().map(|i| FakeIntent {
            id: text(&i["id"]),
            amount: i["amount"].as_i64().unwrap_or_default(),
            status: text(&i["status"]),
            reference: text(&i["metadata"]["reference"]),
        });
        intents.collect()
    }

    /// Every POST received, replays and refusals included.
    pub fn post_count(&self) -> usize {
        lock(&self.state).posts
    }

    pub fn refunds(&self) -> Vec<FakeRefund> {
        lock(&self.state).refunds.clone()
    }

    /// The next `n` refund requests answer 503 at the front door, as an outage does: nothing
    /// is refunded and nothing is saved under their idempotency key.
    pub fn turn_away_refunds(&self, n: usize) {
        lock(&self.state).refunds_turned_away = n;
    }

    /// The buyer passes (approve) or fails the authentication step of intent `id`.
    pub fn complete_action(&self, id: &str, approve: bool) {
        let mut state = lock(&self.state);
        let intent = state.intent(id).expect("no such intent");
        assert_eq!(
            intent["status"], "requires_action",
            "{id} waits for nothing"
        );
        intent["next_action"] = Value::Null;
        if approve {
            intent["status"] = json!("succeeded");
        } else {
            intent["status"] = json!("requires_payment_method");
            intent["last_payment_error"] = json!({"type": "invalid_request_error",
                "code": "payment_intent_authentication_failure"});
        }
    }

    /// A webhook event about `intent_id` signed with `secret` at `t`: (header, body). Signed
    /// here independently of the adapter's code, so one mistake in both cannot hide.
    pub fn webhook(&self, secret: &str, kind: &str, intent_id: &str, t: i64) -> (String, Vec<u8>) {
        let mut state = lock(&self.state);
        let id = state.id("evt");
        let object = state.intent(intent_id).cloned();
        let object = object.unwrap_or_else(|| json!({"id": intent_id}));
        let event = json!({"id": id, "object": "event", "type": kind, "created": t,
            "data": {"object": object}});
        let body = serde_json::to_vec(&event).expect("event JSON");
        let signed = [format!("{t}.").as_bytes(), &body].concat();
        let header = format!("t={t},v1={}", hex_hmac_sha256(secret, &signed));
        (header, body)
    }
}

/// Stripe's error envelope; the error type follows from the status and code as Stripe's does.
fn err(status: u16, code: &str, message: &str) -> Response {
    let kind = match status {
        500.. => "api_error",
        _ if code == "idempotency_key_in_use" => "idempotency_error",
        _ => "invalid_request_error",
    };
    let status = StatusCode::from_u16(status).expect("valid status");
    let body = json!({"error": {"type": kind, "code": code, "message": message}});
    (status, Json(body)).into_response()
}

/// Authentication, version pin and idempotency, as Stripe applies them to every request.
async fn gate(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if header("authorization") != Some(format!("Bearer {SECRET_KEY}")) {
        return err(401, "api_key_invalid", "Invalid API Key");
    }
    if header("stripe-version").is_none() {
        return err(400, "version_missing", "Stripe-Version missing");
    }
    let key = header("idempotency-key");
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    {
        let mut guard = lock(&state);
        guard.posts += 1;
        if request.uri().path() == "/v1/refunds" && guard.refunds_turned_away > 0 {
            guard.refunds_turned_away -= 1;
            return err(503, "api_connection_error", "Service Unavailable");
        }
    }
    let Some(key) = key else {
        return err(400, "idempotency_key_missing", "Idempotency-Key missing");
    };
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap_or_default();
    let fingerprint = format!("{} {}", parts.uri.path(), String::from_utf8_lossy(&bytes));
    if let Some(early) = claim(&state, &key, &fingerprint) {
        return early;
    }
    // Spawned so that, like Stripe, the work finishes and is saved even if the client gave up.
    let request = Request::from_parts(parts, Body::from(bytes));
    let work = tokio::spawn(async move {
        let (parts, body) = next.run(request).await.into_parts();
        let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
        let saved = Some((parts.status, body.to_vec()));
        lock(&state).replies.insert(key, (fingerprint, saved));
        Response::from_parts(parts, Body::from(body))
    });
    let done = work.await;
    done.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Reserves `key` for this request, or answers as Stripe does when the key was used before:
/// the saved reply for the same request, an error for a different one or one still running.
fn claim(state: &Shared, key: &str, fingerprint: &str) -> Option<Response> {
    let mut guard = lock(state);
    let Some((seen, reply)) = guard.replies.get(key) else {
        let reserved = (fingerprint.to_owned(), None);
        guard.replies.insert(key.to_owned(), reserved);
        return None;
    };
    let in_use = "idempotency_key_in_use";
    Some(match reply {
        _ if seen != fingerprint => err(400, in_use, "key reused with other parameters"),
        None => err(409, in_use, "key in use by a request in progress"),
        Some((status, body)) => {
            let headers = [
                ("content-type", "application/json"),
                ("idempotent-replayed", "true"),
            ];
            (*status, headers, body.clone()).into_response()
        }
    })
}

/// Creates and confirms a PaymentIntent; the PaymentMethod id decides what happens.
async fn create(State(state): State<Shared>, Form(form): Fields) -> Response {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let amount: i64 = field("amount").parse().unwrap_or(0);
    if amount <= 0 {
        return err(400, "parameter_invalid_integer", "amount must be positive");
    }
    let method = field("payment_method");
    let declined = "requires_payment_method";
    let (status, decline) = match method.as_str() {
        "pm_card_visa" | "pm_card_mastercard" | "pm_paypal" | "pm_slow" => ("succeeded", None),
        "pm_card_chargeDeclined" => (declined, Some("generic_decline")),
        "pm_card_chargeDeclinedInsufficientFunds" => (declined, Some("insufficient_funds")),
        "pm_card_authenticationRequired" => ("requires_action", None),
        "pm_garbage" => return (StatusCode::OK, "<html>proxy error</html>").into_response(),
        "pm_down" => return err(500, "api_error", "Stripe is down"),
        // The charge is made, then the API fails before answering: the client sees an error.
        "pm_charged_then_down" => {
            record_intent(&state, &form, amount, "succeeded", None);
            return err(500, "api_error", "An error occurred after the charge");
        }
        _ => return err(400, "resource_missing", "No such PaymentMethod"),
    };
    let intent = record_intent(&state, &form, amount, status, decline);
    if !intent["last_payment_error"].is_null() {
        let mut error = intent["last_payment_error"].clone();
        error["payment_intent"] = intent;
        return (StatusCode::PAYMENT_REQUIRED, Json(json!({"error": error}))).into_response();
    }
    if method == "pm_slow" {
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
    Json(intent).into_response()
}

/// Stores a new PaymentIntent as Stripe would describe it, and returns it.
fn record_intent(
    state: &Shared,
    form: &HashMap<String, String>,
    amount: i64,
    status: &str,
    decline: Option<&str>,
) -> Value {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let mut guard = lock(state);
    let id = guard.id("pi");
    let error = decline.map(|d| {
        json!({"type": "card_error", "code": "card_declined",
        "decline_code": d, "message": "Your card was declined."})
    });
    let url = format!("{}/fake/authenticate/{id}", guard.base_url);
    let next_action = (status == "requires_action").then(|| {
        json!({"type": "redirect_to_url",
        "redirect_to_url": {"url": url, "return_url": field("return_url")}})
    });
    let intent = json!({"id": id, "object": "payment_intent", "amount": amount,
        "currency": field("currency"), "status": status, "payment_method": field("payment_method"),
        "description": field("description"),
        "metadata": {"reference": field("metadata[reference]")},
        "next_action": next_action, "last_payment_error": error});
    guard.intents.push(intent.clone());
    intent
}

/// Search by metadata, the one query shape the adapter sends:
/// `metadata['reference']:'order-42'`. Newest first, as Stripe lists.
async fn search(
    State(state): State<Shared>,
    axum::extract::Query(params): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let query = params.get("query").cloned().unwrap_or_default();
    let Some(wanted) = query
        .strip_prefix("metadata['reference']:'")
        .and_then(|q| q.strip_suffix('\''))
    else {
        return err(400, "parameter_invalid", "unsupported search query");
    };
    let guard = lock(&state);
    let found = guard.intents.iter().rev();
    let data: Vec<Value> = found
        .filter(|i| i["metadata"]["reference"] == wanted)
        .cloned()
        .collect();
    Json(json!({"object": "search_result", "data": data, "has_more": false})).into_response()
}

async fn retrieve(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    match lock(&state).intent(&id) {
        Some(intent) => Json(intent.clone()).into_response(),
        None => err(404, "resource_missing", "No such payment_intent"),
    }
}

async fn cancel(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let mut guard = lock(&state);
    let Some(intent) = guard.intent(&id) else {
        return err(404, "resource_missing", "No such payment_intent");
    };
    let status = text(&intent["status"]);
    if status == "succeeded" || status == "canceled" {
        let message = format!("You cannot cancel this PaymentIntent: its status is {status}.");
        return err(400, "payment_intent_unexpected_state", &message);
    }
    intent["status"] = json!("canceled");
    intent["next_action"] = Value::Null;
    Json(intent.clone()).into_response()
}

async fn refund(State(state): State<Shared>, Form(form): Fields) -> Response {
    let mut guard = lock(&state);
    let pi = form.get("payment_intent").cloned().unwrap_or_default();
    let Some(intent) = guard.intent(&pi) else {
        return err(404, "resource_missing", "No such payment_intent");
    };
    if intent["status"] != "succeeded" {
        return err(400, "charge_not_succeeded", "nothing to refund");
    }
    let paid = intent["amount"].as_i64().unwrap_or_default();
    let mine = guard.refunds.iter().filter(|r| r.payment_intent == pi);
    let left = paid - mine.map(|r| r.amount).sum::<i64>();
    let amount = form
        .get("amount")
        .and_then(|a| a.parse().ok())
        .unwrap_or(left);
    if amount <= 0 || amount > left {
        return err(
            400,
            "amount_too_large",
            "refund exceeds the unrefunded amount",
        );
    }
    let id = guard.id("re");
    let payment_intent = pi.clone();
    guard.refunds.push(FakeRefund {
        id: id.clone(),
        payment_intent,
        amount,
    });
    let body = json!({"id": id, "object": "refund", "amount": amount, "payment_intent": pi});
    Json(body).into_response()
}
