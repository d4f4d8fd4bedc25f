//! Bench buyers: accounts created through the API, each with its own bearer token. Each
//! buyer signs in from its own forwarded address (the server runs with `--trust-proxy`), so
//! the per-address sign-in limit sees distinct people, as it would in production.

use std::sync::Arc;

use anyhow::{Context, bail};
use serde_json::json;
use tokio::sync::Semaphore;

/// A signed-in buyer.
#[derive(Clone)]
pub struct Buyer {
    pub token: String,
}

pub async fn sign_up(
    client: &reqwest::Client,
    base: &str,
    n: usize,
    tag: &str,
) -> anyhow::Result<Vec<Buyer>> {
    let run = std::process::id();
    let gate = Arc::new(Semaphore::new(8));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let (client, base, gate) = (client.clone(), base.to_owned(), gate.clone());
        let email = format!("bench-{tag}-{run}-{i}@bench.test");
        tasks.spawn(async move {
            let _permit = gate.acquire().await?;
            let password = "bench-password-2026";
            let forwarded = format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255);
            let r = client
                .post(format!("{base}/api/v1/accounts"))
                .header("X-Forwarded-For", &forwarded)
                .json(
                    &json!({"email": email, "password": password, "display_name": "Bench",
                    "language": "fr", "country": "FR"}),
                )
                .send()
                .await?;
            if !r.status().is_success() {
                bail!("sign-up {}: {}", r.status(), r.text().await?);
            }
            let r = client
                .post(format!("{base}/api/v1/auth/tokens"))
                .header("X-Forwarded-For", &forwarded)
                .json(&json!({"email": email, "password": password, "label": "bench"}))
                .send()
                .await?;
            if !r.status().is_success() {
                bail!("sign-in {}: {}", r.status(), r.text().await?);
            }
            let body: serde_json::Value = r.json().await?;
            let token = body["token"].as_str().context("no token")?.to_owned();
            Ok::<_, anyhow::Error>((i, Buyer { token }))
        });
    }
    let mut out = Vec::with_capacity(n);
    while let Some(done) = tasks.join_next().await {
        out.push(done??);
    }
    out.sort_by_key(|(i, _)| *i);
    eprintln!("{n} buyers signed in");
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

/// Puts a piece in the buyer's cart; false if it is not for sale.
pub async fn add_to_cart(
    client: &reqwest::Client,
    base: &str,
    buyer: &Buyer,
    piece: i64,
) -> anyhow::Result<bool> {
    let r = client
        .post(format!("{base}/api/v1/cart/lines"))
        .bearer_auth(&buyer.token)
        .json(&json!({ "piece_id": piece }))
        .send()
        .await?;
    Ok(r.status().is_success())
}

pub async fn remove_from_cart(
    client: &reqwest::Client,
    base: &str,
    buyer: &Buyer,
    piece: i64,
) -> anyhow::Result<()> {
    client
        .delete(format!("{base}/api/v1/cart/lines/{piece}"))
        .bearer_auth(&buyer.token)
        .send()
        .await?;
    Ok(())
}

/// Pays the cart with the sandbox's success card, direct shipping to Paris. Returns the HTTP
/// status and whether the order was paid.
pub async fn pay(
    client: &reqwest::Client,
    base: &str,
    buyer: &Buyer,
    key: &str,
) -> anyhow::Result<(u16, bool)> {
    let address = json!({"full_name": "Bench Buyer", "line1": "1 rue de Rivoli",
        "postal_code": "75001", "city": "Paris", "country": "FR"});
    let r = client
        .post(format!("{base}/api/v1/checkout"))
        .bearer_auth(&buyer.token)
        .header("Idempotency-Key", key)
        .json(
            &json!({"mode": "direct", "billing": address, "delivery": address,
            "method": "card", "token": "4242424242424242"}),
        )
        .send()
        .await?;
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap_or_default();
    let paid = body["status"] == "paid";
    Ok((status, paid))
}

/// The percentile `p` (0–100) of sorted latencies, in milliseconds.
pub fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted_ms.len() - 1) as f64).round() as usize;
    sorted_ms[rank.min(sorted_ms.len() - 1)]
}
