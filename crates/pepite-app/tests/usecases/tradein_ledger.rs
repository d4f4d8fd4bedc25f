//! P2/T6/T7 as a property: random sequences of the trade-in money steps (pieces credited or
//! refused, vouchers asked for now or later, withdrawn, issued by the timer, redeemed at two
//! tills, reversed, expired as the clock runs for a year) on SQLite and PostgreSQL; after
//! every step the store-credit and voucher liabilities in the ledger equal the stored
//! balances and the ledger balances. Seeded and replayable with `TRADEIN_SEEDS` (e.g. `7,8`).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::offers::advance;
use crate::tradein::{Setup, liabilities_match, piece, quote_input, setup, till};
use pepite_app::AppError;
use pepite_app::tradein::boxes::{self, VerdictInput};
use pepite_app::tradein::channels::{self, ChannelRow};
use pepite_app::tradein::credit::{self, VoucherInput};
use pepite_store::tradein::credit as credit_store;
use pepite_testkit::both_backends;

const DAY: i64 = 86_400_000_000;
const STEPS: usize = 30;

fn seeds() -> Vec<u64> {
    std::env::var("TRADEIN_SEEDS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 2, 3])
}

/// Three boxes of three pieces each, arrived: the stock of pieces the steps inspect.
async fn stock(s: &Setup) -> Vec<i64> {
    let mut items = Vec::new();
    for _ in 0..3 {
        let pieces = ["ML-100", "ML-200", "ML-600"]
            .map(|st| piece(s, st, "new_with_tags", &[]))
            .to_vec();
        let q = boxes::quote(
            &s.app,
            &s.person,
            s.programme,
            &quote_input("1990-05-01", "FR", pieces),
        )
        .await
        .unwrap();
        let id = q.box_id.unwrap();
        boxes::accept(&s.app, &s.person, id).await.unwrap();
        boxes::arrive(&s.app, &s.bench, id).await.unwrap();
        items.extend(
            boxes::mine(&s.app, &s.person, id)
                .await
                .unwrap()
                .1
                .into_iter()
                .map(|i| i.id),
        );
    }
    items
}

/// A refusal the step may meet; anything else fails the test.
fn expected(r: Result<(), AppError>, allowed: &[&str]) {
    match r {
        Ok(()) => {}
        Err(AppError::Conflict(c)) if allowed.contains(&c) => {}
        Err(AppError::Invalid(f)) if allowed.contains(&f.0[0].code) => {}
        Err(e) => panic!("unexpected {e:?}"),
    }
}

async fn step(
    s: &Setup,
    rng: &mut StdRng,
    items: &mut Vec<i64>,
    tills: &[ChannelRow],
    log: &mut Vec<String>,
) {
    let wallet = credit::wallet(&s.app, &s.person).await.unwrap();
    let vouchers = wallet.vouchers;
    match rng.random_range(0..7) {
        0 if !items.is_empty() => {
            let item = items.remove(rng.random_range(0..items.len()));
            let grades = ["new_with_tags", "excellent", "very_good"];
            let v = if rng.random_bool(0.8) {
                VerdictInput {
                    accept: true,
                    grade: Some(grades[rng.random_range(0..3)].into()),
                    reason: None,
                }
            } else {
                VerdictInput {
                    accept: false,
                    grade: None,
                    reason: Some("taché".into()),
                }
            };
            log.push(format!("inspect {item} {v:?}"));
            boxes::inspect(&s.app, &s.bench, item, &v).await.unwrap();
        }
        1 | 2 => {
            let amount = rng.random_range(300..8_000);
            let later = rng.random_bool(0.3).then(|| rng.random_range(1..60) * DAY);
            let now = s.app.now_us().await.unwrap();
            log.push(format!("voucher {amount} later {later:?}"));
            let input = VoucherInput {
                programme_id: s.programme,
                amount_cents: amount,
                issue_at: later.map(|l| now + l),
            };
            expected(
                credit::request(&s.app, &s.person, &input).await.map(|_| ()),
                &["credit_too_low", "amount_too_small"],
            );
        }
        3 => {
            if let Some(r) = wallet.requests.iter().find(|r| r.state == "scheduled") {
                log.push(format!("withdraw {}", r.id));
                credit::cancel(&s.app, &s.person, r.id).await.unwrap();
            }
        }
        4 => {
            let days = rng.random_range(1..40);
            log.push(format!("advance {days} days"));
            advance(&s.app, days * DAY).await;
            credit::run_timers(&s.app).await.unwrap();
        }
        5 if !vouchers.is_empty() => {
            let v = &vouchers[rng.random_range(0..vouchers.len())].instrument;
            let amount = rng.random_range(1..3_000);
            let t = &tills[rng.random_range(0..tills.len())];
            let key = format!("sale-{}", rng.random::<u32>());
            log.push(format!("redeem {amount} of {} at {}", v.id, t.id));
            let r = channels::redeem(&s.app, t, &v.code, amount, &key, "")
                .await
                .map(|_| ());
            expected(r, &["insufficient_balance", "voucher_expired"]);
        }
        _ if !vouchers.is_empty() => {
            let v = &vouchers[rng.random_range(0..vouchers.len())].instrument;
            let done = pepite_store::tradein::channels::of_instrument(&s.app.db, v.id)
                .await
                .unwrap();
            if let Some(r) = done.first() {
                let t = tills.iter().find(|t| t.id == r.channel_id).unwrap();
                log.push(format!("reverse {}", r.id));
                expected(
                    channels::reverse(&s.app, t, r.id).await.map(|_| ()),
                    &["already_reversed"],
                );
            }
        }
        _ => {}
    }
}

both_backends!(
    async fn p2_t7_after_any_sequence_credit_and_vouchers_equal_their_ledger_accounts(db) {
        let s = setup(db).await;
        let tills = [till(&s, "Marais").await, till(&s, "Lyon").await];
        let mut items = stock(&s).await;
        for seed in seeds() {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut log = vec![format!("seed {seed}")];
            for _ in 0..STEPS {
                step(&s, &mut rng, &mut items, &tills, &mut log).await;
                liabilities_match(&s.app).await;
                let credit = credit_store::balance(&s.app.db, s.programme, s.person.user_id).await.unwrap();
                assert!(credit >= 0, "{log:?}");
            }
        }
        // The sequences did reach every kind of movement they claim to test.
        let accounts = pepite_store::commerce::ledger::accounts(&s.app.db).await.unwrap();
        for prefix in ["store_credit:", "voucher_request:", "channel:", "tradein:"] {
            assert!(accounts.iter().any(|(k, _, _)| k.starts_with(prefix)), "no {prefix} entry");
        }
    }
);
