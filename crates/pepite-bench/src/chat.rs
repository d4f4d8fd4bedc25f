//! The chat across two instances (issue 13, S1): `chats` conversations are opened through
//! instance A by people ten conversations each, and each one's live feed is held open on
//! instance B (server-sent events). Then one message per conversation is written through A,
//! `rate` per second, and the time from just before the write is sent to the moment B's feed
//! delivers it is recorded: p50/p99 of that delivery latency, with B's resident memory before
//! and after the feeds opened (memory per open chat) when its pid is given.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::buyers::{self, percentile};

/// Conversations per person: the per-person flood limit (30 messages an hour) allows ten
/// openings and ten messages.
const PER_PERSON: usize = 10;

type Arrivals = Arc<Mutex<HashMap<String, Instant>>>;

/// The resident memory of process `pid`, in kB (Linux).
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Holds one conversation's feed open on `b`, noting when each message's marker arrives.
async fn hold(
    client: reqwest::Client,
    url: String,
    token: String,
    arrivals: Arrivals,
    ready: tokio::sync::mpsc::Sender<()>,
) -> anyhow::Result<()> {
    let mut r = client.get(&url).bearer_auth(&token).send().await?;
    if !r.status().is_success() {
        bail!("feed {url}: {}", r.status());
    }
    ready.send(()).await.ok();
    let mut pending = String::new();
    while let Some(chunk) = r.chunk().await? {
        let now = Instant::now();
        pending.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = pending.find("\n\n") {
            let event: String = pending.drain(..end + 2).collect();
            if let Some(at) = event.find("bench-m-") {
                let marker: String = event[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                arrivals.lock().unwrap().entry(marker).or_insert(now);
            }
        }
    }
    Ok(())
}

pub async fn run(
    client: &reqwest::Client,
    a: &str,
    b: &str,
    chats: usize,
    rate: u64,
    b_pid: Option<u32>,
) -> anyhow::Result<()> {
    let people = buyers::sign_up(client, a, chats.div_ceil(PER_PERSON), "chat").await?;
    let mut conversations = Vec::with_capacity(chats);
    for i in 0..chats {
        let token = people[i / PER_PERSON].token.clone();
        let r = client
            .post(format!("{a}/api/v1/support/conversations"))
            .bearer_auth(&token)
            .json(&json!({"subject": "Bench", "body": format!("Question {i}")}))
            .send()
            .await?;
        if !r.status().is_success() {
            bail!("open {i}: {} {}", r.status(), r.text().await?);
        }
        let body: Value = r.json().await?;
        let id = body["conversation"]["id"].as_i64().context("id")?;
        let last = body["messages"][0]["id"].as_i64().context("message id")?;
        conversations.push((id, last, token));
    }
    eprintln!("{chats} conversations opened on A");
    let before = b_pid.and_then(rss_kb);
    let arrivals: Arrivals = Arc::default();
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(chats);
    let feeds = reqwest::Client::builder()
        .pool_max_idle_per_host(chats + 16)
        .build()?;
    let mut holders = tokio::task::JoinSet::new();
    for (id, last, token) in &conversations {
        holders.spawn(hold(
            feeds.clone(),
            format!("{b}/support/conversations/{id}/events?after={last}"),
            token.clone(),
            arrivals.clone(),
            ready_tx.clone(),
        ));
    }
    for _ in 0..chats {
        tokio::time::timeout(Duration::from_secs(60), ready_rx.recv())
            .await
            .context("feeds did not open")?;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = b_pid.and_then(rss_kb);
    eprintln!("{chats} feeds open on B");
    // One message per conversation through A, `rate` a second.
    let gap = Duration::from_micros(1_000_000 / rate.max(1));
    let mut sent = HashMap::new();
    let mut writes = tokio::task::JoinSet::new();
    let start = Instant::now();
    for (n, (id, _, token)) in conversations.iter().enumerate() {
        let marker = format!("bench-m-{n}");
        let due = start + gap * n as u32;
        tokio::time::sleep_until(due.into()).await;
        sent.insert(marker.clone(), Instant::now());
        let request = client
            .post(format!("{a}/api/v1/support/conversations/{id}/messages"))
            .bearer_auth(token)
            .json(&json!({"body": format!("Message {marker}")}));
        writes.spawn(async move { request.send().await.map(|r| r.status().as_u16()) });
    }
    let mut failed = 0;
    while let Some(done) = writes.join_next().await {
        if !matches!(done?, Ok(201)) {
            failed += 1;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while arrivals.lock().unwrap().len() < chats - failed && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    holders.abort_all();
    let got = arrivals.lock().unwrap().clone();
    let mut ms: Vec<f64> = sent
        .iter()
        .filter_map(|(m, t0)| {
            got.get(m)
                .map(|t1| t1.duration_since(*t0).as_secs_f64() * 1e3)
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    let per_chat_kb = match (before, after) {
        (Some(x), Some(y)) => json!((y.saturating_sub(x)) as f64 / chats as f64),
        _ => Value::Null,
    };
    println!(
        "{}",
        json!({"scenario": "chat_across_instances", "open_chats": chats, "messages": chats,
            "rate_per_s": rate, "write_failures": failed, "delivered": ms.len(),
            "latency_ms_p50": percentile(&ms, 50.0), "latency_ms_p90": percentile(&ms, 90.0),
            "latency_ms_p99": percentile(&ms, 99.0), "latency_ms_max": ms.last().copied().unwrap_or(0.0),
            "b_rss_kb_before": before, "b_rss_kb_after": after, "b_kb_per_open_chat": per_chat_kb})
    );
    Ok(())
}
