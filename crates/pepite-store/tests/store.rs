//! The store's guarantees, on SQLite and on PostgreSQL: migrations in step, sales decided by
//! one compare-and-set, throttling counters that never lose a hit, the manual clock.

use pepite_store::catalog::{self, PieceValues};
use pepite_store::{Db, accounts, clock, sellers, throttle};
use pepite_testkit::both_backends;

#[test]
fn migration_folders_list_the_same_steps() {
    let (sqlite, postgres) = Db::migration_steps();
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must list the same steps"
    );
}

fn values(title: &str, price: i64) -> PieceValues {
    PieceValues {
        title: title.into(),
        brand: "Sézane".into(),
        category: "dresses".into(),
        size_system: "FR".into(),
        size_label: "38".into(),
        size_key: "FR 38".into(),
        grade: "excellent".into(),
        colour: "red".into(),
        materials: "soie".into(),
        description: "une robe".into(),
        measurements: "[]".into(),
        price_cents: price,
        weight_g: 300,
        open_to_offers: true,
    }
}

async fn seller(db: &Db, email: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let user = accounts::insert(
        &mut tx,
        &accounts::NewUser {
            email,
            password_hash: "x",
            display_name: "S",
            language: "fr",
            country: "FR",
            birth_date: None,
            now: 1,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let v = sellers::SellerValues {
        shop_name: email,
        shop_key: email,
        country: "FR",
        kind: "individual",
        open_to_offers: true,
        bio: "",
    };
    sellers::insert(db, user, 1, &v, 1).await.unwrap()
}

async fn listed_piece(db: &Db, seller_id: i64, title: &str, price: i64) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = catalog::insert(&mut tx, seller_id, &values(title, price), "listed", 10)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

both_backends!(
    async fn k1_of_many_concurrent_buyers_exactly_one_gets_the_piece(db) {
        let s = seller(&db, "s@x.fr").await;
        let piece = listed_piece(&db, s, "Robe", 5_000).await;
        let attempts: Vec<_> = (0..24)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move { catalog::mark_sold(&db, piece, 100 + i).await.unwrap() })
            })
            .collect();
        let mut winners = 0;
        for a in attempts {
            if a.await.unwrap() {
                winners += 1;
            }
        }
        assert_eq!(winners, 1);
        let row = catalog::by_id(&db, piece).await.unwrap().unwrap();
        assert_eq!(row.state, "sold");
        assert!(!catalog::mark_sold(&db, piece, 999).await.unwrap(), "a sold piece cannot be sold again");
    }
);

both_backends!(
    async fn throttle_counts_every_concurrent_hit_once(db) {
        let hits: Vec<_> = (0..30)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { throttle::hit(&db, "signin:account:a@b.fr", 0).await.unwrap() })
            })
            .collect();
        let mut seen = Vec::new();
        for h in hits {
            seen.push(h.await.unwrap());
        }
        seen.sort();
        assert_eq!(seen, (1..=30).collect::<Vec<i64>>(), "each attempt sees a distinct count");
        throttle::clear(&db, "signin:account:a@b.fr", 0).await.unwrap();
        assert_eq!(throttle::hit(&db, "signin:account:a@b.fr", 0).await.unwrap(), 1);
    }
);

both_backends!(
    async fn manual_clock_is_shared_and_advances_atomically(db) {
        assert_eq!(clock::get(&db).await.unwrap(), None);
        clock::init(&db, 1_000).await.unwrap();
        clock::init(&db, 5_000).await.unwrap();
        assert_eq!(clock::get(&db).await.unwrap(), Some(1_000), "the first instance fixes the start");
        let advances: Vec<_> = (0..10)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { clock::advance(&db, 100).await.unwrap() })
            })
            .collect();
        for a in advances {
            a.await.unwrap();
        }
        assert_eq!(clock::get(&db).await.unwrap(), Some(2_000));
    }
);

both_backends!(
    async fn a4_seller_queries_touch_only_their_own_pieces(db) {
        let a = seller(&db, "a@x.fr").await;
        let b = seller(&db, "b@x.fr").await;
        let piece = listed_piece(&db, a, "Veste", 9_000).await;
        assert!(!catalog::withdraw(&db, piece, b, 50).await.unwrap(), "B cannot withdraw A's piece");
        assert!(!catalog::update(&db, piece, b, None, &values("Hacked", 1), 50).await.unwrap());
        assert_eq!(catalog::by_id(&db, piece).await.unwrap().unwrap().title, "Veste");
        assert!(catalog::of_seller(&db, b, None, None, 10).await.unwrap().is_empty());
        assert!(catalog::withdraw(&db, piece, a, 50).await.unwrap());
    }
);

both_backends!(
    async fn c3_stale_version_cannot_overwrite_a_newer_edit(db) {
        let s = seller(&db, "s@x.fr").await;
        let piece = listed_piece(&db, s, "Jupe", 4_000).await;
        let v1 = catalog::by_id(&db, piece).await.unwrap().unwrap().version;
        assert!(catalog::update(&db, piece, s, Some(v1), &values("Jupe plissée", 4_500), 20).await.unwrap());
        assert!(!catalog::update(&db, piece, s, Some(v1), &values("Jupe droite", 4_000), 21).await.unwrap());
        assert_eq!(catalog::by_id(&db, piece).await.unwrap().unwrap().title, "Jupe plissée");
    }
);

both_backends!(
    async fn a1_email_is_unique_and_reported_as_a_conflict(db) {
        seller(&db, "same@x.fr").await;
        let mut tx = db.begin().await.unwrap();
        let again = accounts::insert(
            &mut tx,
            &accounts::NewUser {
                email: "same@x.fr",
                password_hash: "y",
                display_name: "T",
                language: "en",
                country: "FR",
                birth_date: None,
                now: 2,
            },
        )
        .await;
        assert!(matches!(again, Err(pepite_store::StoreError::Conflict(_))), "{again:?}");
    }
);

/// The instant the two-instance search runs at (nothing sold, no agreed price).
const AT: catalog::Visibility = catalog::Visibility {
    now: 0,
    sold_since: 0,
};

/// Two instances on one PostgreSQL database: what one writes, the other's search index shows at
/// once, because it reads the committed change number before every search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c5_search_index_of_another_instance_sees_every_committed_change() {
    let Some(t) = pepite_testkit::postgres().await else {
        return;
    };
    let other = t
        .another_instance()
        .await
        .expect("PostgreSQL gives a second handle");
    let s = seller(&t.db, "s@x.fr").await;
    let query = catalog::SearchQuery {
        terms: vec!["robe".into()],
        facets: true,
        limit: 10,
        ..Default::default()
    };
    let before = catalog::search(&other, &query, AT).await.unwrap();
    assert_eq!(before.total, Some(0));
    let piece = listed_piece(&t.db, s, "Robe", 5_000).await;
    let after = catalog::search(&other, &query, AT).await.unwrap();
    assert_eq!(
        after.pieces.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![piece]
    );
    assert!(catalog::withdraw(&t.db, piece, s, 20).await.unwrap());
    let withdrawn = catalog::search(&other, &query, AT).await.unwrap();
    assert_eq!(
        withdrawn.total,
        Some(0),
        "a withdrawn piece leaves the other instance's results"
    );
}
