//! Last-piece races: every buyer puts the same piece in their cart (K1: nothing reserved),
//! then all pay at once. Exactly one may win; any second paid order is an oversell.

use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{Barrier, Semaphore};

use crate::buyers::{self, Buyer};

pub async fn run(
    client: &reqwest::Client,
    base: &str,
    people: &[Buyer],
    pieces: usize,
    first_piece: i64,
) -> anyhow::Result<()> {
    let gate = Arc::new(Semaphore::new(64));
    let (mut raced, mut oversells, mut refused, mut other, mut wins) = (0, 0, 0u64, 0u64, 0u64);
    let mut race_ms = Vec::new();
    let mut piece = first_piece;
    while raced < pieces {
        piece += 1;
        // Everyone's cart gets the piece; skip ids that are not for sale.
        let mut adds = tokio::task::JoinSet::new();
        for buyer in people {
            let (client, base, gate, buyer) =
                (client.clone(), base.to_owned(), gate.clone(), buyer.clone());
            adds.spawn(async move {
                let _p = gate.acquire_owned().await?;
                buyers::add_to_cart(&client, &base, &buyer, piece).await
            });
        }
        let mut added = 0;
        while let Some(r) = adds.join_next().await {
            added += usize::from(r??);
        }
        if added < people.len() {
            continue;
        }
        raced += 1;
        let barrier = Arc::new(Barrier::new(people.len()));
        let started = Instant::now();
        let mut pays = tokio::task::JoinSet::new();
        for (i, buyer) in people.iter().cloned().enumerate() {
            let (client, base, barrier) = (client.clone(), base.to_owned(), barrier.clone());
            pays.spawn(async move {
                barrier.wait().await;
                let r = buyers::pay(&client, &base, &buyer, &format!("race-{piece}-{i}")).await;
                (buyer, r)
            });
        }
        let mut paid_here = 0;
        let mut losers = Vec::new();
        while let Some(done) = pays.join_next().await {
            let (buyer, r) = done?;
            match r? {
                (_, true) => paid_here += 1,
                (409, false) => {
                    refused += 1;
                    losers.push(buyer);
                }
                (status, false) => {
                    other += 1;
                    if other <= 3 {
                        eprintln!("race checkout answered {status}");
                    }
                    losers.push(buyer);
                }
            }
        }
        race_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        wins += paid_here;
        if paid_here > 1 {
            oversells += paid_here - 1;
        }
        // Losers empty their cart of the gone piece, as a buyer told "gone" would.
        let mut removes = tokio::task::JoinSet::new();
        for buyer in losers {
            let (client, base, gate) = (client.clone(), base.to_owned(), gate.clone());
            removes.spawn(async move {
                let _p = gate.acquire_owned().await?;
                buyers::remove_from_cart(&client, &base, &buyer, piece).await
            });
        }
        while let Some(r) = removes.join_next().await {
            r??;
        }
        if raced % 50 == 0 {
            eprintln!("{raced} races run");
        }
    }
    race_ms.sort_by(f64::total_cmp);
    println!(
        "{{\"scenario\":\"race\",\"buyers\":{},\"pieces\":{raced},\"attempts\":{},\"paid\":{wins},\"refused_409\":{refused},\"other\":{other},\"oversells\":{oversells},\"race_p50_ms\":{:.1},\"race_p99_ms\":{:.1}}}",
        people.len(),
        raced * people.len(),
        buyers::percentile(&race_ms, 50.0),
        buyers::percentile(&race_ms, 99.0),
    );
    Ok(())
}
