//! Data for the notify benchmarks, written straight through the store: buyers, offers on the
//! demo catalogue's pieces, queued messages.

use pepite_app::App;
use pepite_app::notify::{self, Notice, Recipient};
use pepite_store::accounts::{self, NewUser};
use pepite_store::offers::{self, NewOffer};

/// How many notifications exist (to count what a run queued).
pub async fn notifications(app: &App) -> anyhow::Result<i64> {
    let counts = pepite_store::notifications::counts(&app.db).await?;
    Ok(counts.iter().map(|(_, n)| n).sum())
}

/// `n` open offers, 70–90 % of each piece's list price, from as many buyers as needed so that
/// no buyer offers twice on a piece (N2): every listed piece gets an offer from each buyer.
pub async fn offers(app: &App, n: usize) -> anyhow::Result<()> {
    let pieces = pepite_store::catalog::all(&app.db, Some("listed"), None, 100_000).await?;
    anyhow::ensure!(
        !pieces.is_empty(),
        "no listed pieces: run `pepite demo` first"
    );
    let buyers = buyers(app, n.div_ceil(pieces.len())).await?;
    let now = app.now_us().await?;
    let answer_by = app.policy_now().await?.offers.answer_by(now);
    let mut tx = app.db.begin().await?;
    for i in 0..n {
        let piece = &pieces[i % pieces.len()];
        let offer = NewOffer {
            piece_id: piece.id,
            buyer_id: buyers[i / pieces.len()],
            seller_id: piece.seller_id,
            list_cents: piece.price_cents,
            amount_cents: piece.price_cents * (70 + (i % 20) as i64) / 100,
            now,
            answer_by,
        };
        offers::insert(&mut tx, &offer).await?;
        if i % 5_000 == 4_999 {
            tx.commit().await?;
            tx = app.db.begin().await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn buyers(app: &App, n: usize) -> anyhow::Result<Vec<i64>> {
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("bench-buyer-{i}-{now}@pepite.test");
        let user = NewUser {
            email: &email,
            password_hash: "not a hash: nobody signs in",
            display_name: "Bench",
            language: if i % 2 == 0 { "fr" } else { "en" },
            country: "FR",
            birth_date: None,
            now,
        };
        ids.push(accounts::insert(&mut tx, &user).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

/// `n` welcome messages to distinct addresses, queued as sign-ups would queue them.
pub async fn welcomes(app: &App, n: usize) -> anyhow::Result<()> {
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    for i in 0..n {
        let address = format!("reader-{i}-{now}@pepite.test");
        let to = Recipient::Address {
            address: &address,
            language: if i % 2 == 0 { "fr" } else { "en" },
        };
        let notice = Notice::Welcome {
            name: format!("Lecteur {i}"),
            verify_path: format!("/account/verify?token=bench{i}"),
        };
        notify::queue(&mut tx, to, &format!("bench:{now}:{i}"), &notice, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A running agreed price on the first listed piece (as an accepted offer would set);
/// returns its id and the next listed piece's.
pub async fn agree(app: &App, cents: i64) -> anyhow::Result<(i64, i64)> {
    let listed = pepite_store::catalog::all(&app.db, Some("listed"), None, 2).await?;
    anyhow::ensure!(listed.len() == 2, "two listed pieces are needed");
    let now = app.now_us().await?;
    let until = now + 24 * 3_600_000_000;
    let mut tx = app.db.begin().await?;
    let ok = offers::set_piece_agreement(&mut tx, listed[0].id, 0, cents, now, until).await?;
    tx.commit().await?;
    anyhow::ensure!(ok, "piece {} already has an agreed price", listed[0].id);
    Ok((listed[0].id, listed[1].id))
}
