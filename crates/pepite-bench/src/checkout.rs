//! Throughput: each buyer takes the next piece id, puts it in the cart and pays, until time
//! is up. Only the checkout request is timed (the cart add is the buyer's earlier click).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use crate::buyers::{self, Buyer};

pub async fn run(
    client: &reqwest::Client,
    base: &str,
    people: &[Buyer],
    seconds: u64,
    first_piece: i64,
) -> anyhow::Result<()> {
    let next = Arc::new(AtomicI64::new(first_piece));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for (n, buyer) in people.iter().cloned().enumerate() {
        let (client, base, next) = (client.clone(), base.to_owned(), next.clone());
        tasks.spawn(async move {
            let (mut latencies, mut failures, mut k) = (Vec::new(), 0u64, 0u64);
            while Instant::now() < deadline {
                let piece = next.fetch_add(1, Ordering::Relaxed);
                if !buyers::add_to_cart(&client, &base, &buyer, piece).await? {
                    continue;
                }
                k += 1;
                let t0 = Instant::now();
                let (status, paid) =
                    buyers::pay(&client, &base, &buyer, &format!("tp-{n}-{k}")).await?;
                if paid {
                    latencies.push(t0.elapsed().as_secs_f64() * 1000.0);
                } else {
                    failures += 1;
                    if failures <= 3 {
                        eprintln!("checkout answered {status} for piece {piece}");
                    }
                }
            }
            Ok::<_, anyhow::Error>((latencies, failures))
        });
    }
    let (mut all, mut failures) = (Vec::new(), 0);
    while let Some(done) = tasks.join_next().await {
        let (l, f) = done??;
        all.extend(l);
        failures += f;
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    println!(
        "{{\"scenario\":\"checkout\",\"buyers\":{},\"seconds\":{elapsed:.1},\"paid\":{},\"failed\":{failures},\"per_second\":{:.1},\"p50_ms\":{:.1},\"p90_ms\":{:.1},\"p99_ms\":{:.1},\"max_ms\":{:.1}}}",
        people.len(),
        all.len(),
        all.len() as f64 / elapsed,
        buyers::percentile(&all, 50.0),
        buyers::percentile(&all, 90.0),
        buyers::percentile(&all, 99.0),
        all.last().copied().unwrap_or(0.0),
    );
    Ok(())
}
