//! Trade-in benchmarks (issue 12): instant quotes of 20-piece boxes over a 50,000-style
//! reference catalogue, and voucher redemptions from 32 tills at once through the channel API,
//! checking afterwards that no voucher went below zero and that what each gave equals what
//! its tills were told they took. Works on the demo shop (`serve --demo`): its brand partner
//! imports the catalogue, its workshop inspects a box, a bench person turns the credit into
//! vouchers.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::buyers::{self, Buyer, percentile};

const PASSWORD: &str = "pepite-demo-2026";
const CATEGORIES: &[&str] = &[
    "coats", "jackets", "dresses", "knitwear", "shirts", "trousers", "bags",
];

/// Signs a demo account in from its own forwarded address.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    n: u8,
) -> anyhow::Result<String> {
    let r = client
        .post(format!("{base}/api/v1/auth/tokens"))
        .header("X-Forwarded-For", format!("10.250.0.{n}"))
        .json(&json!({"email": email, "password": PASSWORD, "label": "bench"}))
        .send()
        .await?;
    if !r.status().is_success() {
        bail!("sign-in of {email}: {}", r.status());
    }
    Ok(r.json::<Value>().await?["token"]
        .as_str()
        .context("token")?
        .to_owned())
}

async fn call(req: reqwest::RequestBuilder, expect: u16) -> anyhow::Result<Value> {
    let r = req.send().await?;
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap_or_default();
    if status != expect {
        bail!("expected {expect}, got {status}: {body}");
    }
    Ok(body)
}

/// `n` styles BN-000000… spread over seasons 2016–2025 and seven categories.
fn catalogue(n: usize) -> String {
    let mut csv = String::from("style_id,name,brand,category,season,reference_price\n");
    for i in 0..n {
        let half = if i % 2 == 0 { "SS" } else { "AW" };
        csv.push_str(&format!(
            "BN-{i:06},Pièce {i},Maison Lune,{},{half}{},{}\n",
            CATEGORIES[i % CATEGORIES.len()],
            16 + (i / 7) % 10,
            80 + (i * 37) % 500
        ));
    }
    csv
}

fn quote_body(styles: &[i64]) -> Value {
    let pieces: Vec<Value> = styles
        .iter()
        .map(|s| json!({"style": s, "grade": "excellent"}))
        .collect();
    json!({"birth_date": "1988-04-12", "full_name": "Bench Person", "address": "1 rue de Rivoli",
           "postal_code": "75001", "city": "Paris", "country": "FR", "pieces": pieces})
}

/// Quotes per second and their latency, then redemptions per second at `tills` tills.
pub async fn run(
    client: &reqwest::Client,
    base: &str,
    quoters: usize,
    tills: usize,
    styles: usize,
    seconds: u64,
) -> anyhow::Result<()> {
    let programmes = call(
        client.get(format!("{base}/api/v1/trade-in/programmes")),
        200,
    )
    .await?;
    let programme = programmes[0]["id"].as_i64().context("the demo programme")?;
    let partner = sign_in(client, base, "marque@pepite.demo", 1).await?;
    let workshop = sign_in(client, base, "atelier@pepite.demo", 2).await?;
    let t0 = Instant::now();
    let report = call(
        client
            .post(format!(
                "{base}/api/v1/partner/programmes/{programme}/styles"
            ))
            .bearer_auth(&partner)
            .header("Content-Type", "text/csv")
            .body(catalogue(styles)),
        200,
    )
    .await?;
    eprintln!(
        "catalogue: {} added, {} updated in {:.1} s",
        report["added"],
        report["updated"],
        t0.elapsed().as_secs_f64()
    );
    let mut ids = Vec::new();
    for prefix in 0..50 {
        let found = call(
            client.get(format!(
                "{base}/api/v1/trade-in/programmes/{programme}/styles?q=bn-{prefix:03}&limit=100"
            )),
            200,
        )
        .await?;
        ids.extend(
            found
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["id"].as_i64()),
        );
    }
    if ids.len() < 40 {
        bail!("only {} bench styles found", ids.len());
    }
    let people = buyers::sign_up(client, base, quoters, "tradein").await?;
    quotes(client, base, programme, &people, &ids, seconds).await?;
    let codes = vouchers(client, base, programme, &people[0], &workshop, &ids).await?;
    redemptions(client, base, programme, &partner, &codes, tills, seconds).await
}

/// Each quoter asks for quotes of 20 pieces in a loop; every answer is timed.
async fn quotes(
    client: &reqwest::Client,
    base: &str,
    programme: i64,
    people: &[Buyer],
    ids: &[i64],
    seconds: u64,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for (n, person) in people.iter().cloned().enumerate() {
        let (client, base, ids) = (client.clone(), base.to_owned(), ids.to_vec());
        tasks.spawn(async move {
            let (mut latencies, mut k) = (Vec::new(), n * 7919);
            while Instant::now() < deadline {
                let box_: Vec<i64> = (0..20)
                    .map(|j| ids[(k * 31 + j * 977) % ids.len()])
                    .collect();
                k += 1;
                let t = Instant::now();
                call(
                    client
                        .post(format!(
                            "{base}/api/v1/trade-in/programmes/{programme}/quotes"
                        ))
                        .bearer_auth(&person.token)
                        .json(&quote_body(&box_)),
                    201,
                )
                .await?;
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            Ok::<_, anyhow::Error>(latencies)
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done??);
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    println!(
        "{{\"scenario\":\"quote_20_pieces\",\"clients\":{},\"seconds\":{elapsed:.1},\"quotes\":{},\"per_second\":{:.1},\"p50_ms\":{:.1},\"p90_ms\":{:.1},\"p99_ms\":{:.1},\"max_ms\":{:.1}}}",
        people.len(),
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 50.0),
        percentile(&all, 90.0),
        percentile(&all, 99.0),
        all.last().copied().unwrap_or(0.0),
    );
    Ok(())
}

/// A 30-piece box accepted, received and accepted piece by piece, its credit turned into
/// eight vouchers; their codes and amounts.
async fn vouchers(
    client: &reqwest::Client,
    base: &str,
    programme: i64,
    person: &Buyer,
    workshop: &str,
    ids: &[i64],
) -> anyhow::Result<Vec<(String, i64)>> {
    let box_: Vec<i64> = ids.iter().copied().take(30).collect();
    let q = call(
        client
            .post(format!(
                "{base}/api/v1/trade-in/programmes/{programme}/quotes"
            ))
            .bearer_auth(&person.token)
            .json(&quote_body(&box_)),
        201,
    )
    .await?;
    let id = q["box_id"].as_i64().context("box")?;
    call(
        client
            .post(format!("{base}/api/v1/trade-in/boxes/{id}/accept"))
            .bearer_auth(&person.token),
        200,
    )
    .await?;
    let b = call(
        client
            .post(format!("{base}/api/v1/staff/trade-in/boxes/{id}/arrival"))
            .bearer_auth(workshop),
        200,
    )
    .await?;
    for item in b["items"].as_array().into_iter().flatten() {
        let item = item["id"].as_i64().context("item")?;
        call(
            client
                .post(format!("{base}/api/v1/staff/trade-in/items/{item}/verdict"))
                .bearer_auth(workshop)
                .json(&json!({"accept": true})),
            200,
        )
        .await?;
    }
    let wallet = call(
        client
            .get(format!("{base}/api/v1/trade-in/credit"))
            .bearer_auth(&person.token),
        200,
    )
    .await?;
    let credit = wallet["credits"][0]["balance"]["amount_cents"]
        .as_i64()
        .context("credit")?;
    for _ in 0..8 {
        call(
            client
                .post(format!("{base}/api/v1/trade-in/vouchers"))
                .bearer_auth(&person.token)
                .json(&json!({"programme_id": programme, "amount_cents": credit / 8})),
            201,
        )
        .await?;
    }
    let wallet = call(
        client
            .get(format!("{base}/api/v1/trade-in/credit"))
            .bearer_auth(&person.token),
        200,
    )
    .await?;
    let codes = wallet["vouchers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| {
            Some((
                v["code"].as_str()?.to_owned(),
                v["balance"]["amount_cents"].as_i64()?,
            ))
        })
        .collect();
    eprintln!("credit {credit} cents in 8 vouchers");
    Ok(codes)
}

/// `tills` tills redeem 5 cents at a time from the eight vouchers, for `seconds`; then every
/// voucher's balance is read back and compared with what its tills were given.
async fn redemptions(
    client: &reqwest::Client,
    base: &str,
    programme: i64,
    partner: &str,
    codes: &[(String, i64)],
    tills: usize,
    seconds: u64,
) -> anyhow::Result<()> {
    let mut tokens = Vec::new();
    for t in 0..tills {
        let c = call(
            client
                .post(format!(
                    "{base}/api/v1/partner/programmes/{programme}/channels"
                ))
                .bearer_auth(partner)
                .json(&json!({"name": format!("Till {t}"), "kind": "boutique"})),
            201,
        )
        .await?;
        tokens.push(c["token"].as_str().context("token")?.to_owned());
    }
    const AMOUNT: i64 = 5;
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for (t, token) in tokens.iter().cloned().enumerate() {
        let (client, base, codes) = (client.clone(), base.to_owned(), codes.to_vec());
        tasks.spawn(async move {
            let (mut latencies, mut taken, mut refused, mut k) =
                (Vec::new(), vec![0i64; codes.len()], 0u64, 0usize);
            while Instant::now() < deadline {
                let v = (t + k) % codes.len();
                k += 1;
                let tick = Instant::now();
                let r = client
                    .post(format!("{base}/api/v1/channel/redemptions"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", format!("till{t}-{k}"))
                    .json(&json!({"code": codes[v].0, "amount_cents": AMOUNT}))
                    .send()
                    .await?;
                match r.status().as_u16() {
                    201 => {
                        latencies.push(tick.elapsed().as_secs_f64() * 1000.0);
                        taken[v] += AMOUNT;
                    }
                    409 => refused += 1,
                    s => bail!("redemption answered {s}: {}", r.text().await?),
                }
            }
            Ok::<_, anyhow::Error>((latencies, taken, refused))
        });
    }
    let (mut all, mut taken, mut refused) = (Vec::new(), vec![0i64; codes.len()], 0);
    while let Some(done) = tasks.join_next().await {
        let (l, t, r) = done??;
        all.extend(l);
        taken.iter_mut().zip(t).for_each(|(a, b)| *a += b);
        refused += r;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let (mut negative, mut mismatched) = (0, 0);
    for ((code, initial), took) in codes.iter().zip(&taken) {
        let c = call(
            client
                .get(format!("{base}/api/v1/channel/vouchers/{code}"))
                .bearer_auth(&tokens[0]),
            200,
        )
        .await?;
        let balance = c["balance"]["amount_cents"].as_i64().context("balance")?;
        negative += usize::from(balance < 0);
        mismatched += usize::from(initial - took != balance);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "{{\"scenario\":\"voucher_redemptions\",\"tills\":{tills},\"seconds\":{elapsed:.1},\"redeemed\":{},\"refused\":{refused},\"per_second\":{:.1},\"p50_ms\":{:.1},\"p90_ms\":{:.1},\"p99_ms\":{:.1},\"max_ms\":{:.1},\"negative_balances\":{negative},\"mismatched_balances\":{mismatched}}}",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 50.0),
        percentile(&all, 90.0),
        percentile(&all, 99.0),
        all.last().copied().unwrap_or(0.0),
    );
    Ok(())
}
