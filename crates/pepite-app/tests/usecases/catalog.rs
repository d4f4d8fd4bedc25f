//! Catalogue use cases (C1–C5, A4) on SQLite and PostgreSQL.

use crate::support::*;
use pepite_app::catalog::{self, SearchParams};
use pepite_app::{AppError, photos};
use pepite_domain::Money;
use pepite_domain::time::DAY_US;
use pepite_testkit::both_backends;

fn code(e: AppError) -> String {
    match e {
        AppError::Invalid(f) => format!("{}:{}", f.0[0].field, f.0[0].code),
        AppError::Conflict(c) => c.to_owned(),
        other => format!("{other:?}"),
    }
}

both_backends!(
    async fn c3_a_piece_needs_a_photo_before_it_is_listed(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let draft = catalog::create_piece(&app, &s, &piece_input("Robe", "Dior", "dresses", 30_000)).await.unwrap();
        assert_eq!(draft.piece.state, "draft");
        let refused = catalog::list_piece(&app, &s, draft.piece.id).await.unwrap_err();
        assert_eq!(code(refused), "photos:photo_required");
        photos::add_photo(&app, &s, draft.piece.id, png()).await.unwrap();
        let listed = catalog::list_piece(&app, &s, draft.piece.id).await.unwrap();
        assert_eq!(listed.piece.state, "listed");
        assert_eq!(listed.photos.len(), 1);
        assert!(listed.piece.cover_key.is_some());
        let withdrawn = catalog::withdraw_piece(&app, &s, draft.piece.id).await.unwrap();
        assert_eq!(withdrawn.piece.state, "withdrawn");
        let anonymous = catalog::piece_for(&app, None, draft.piece.id).await.unwrap_err();
        assert!(matches!(anonymous, AppError::NotFound));
    }
);

both_backends!(
    async fn a4_seller_cannot_edit_another_sellers_piece(db) {
        let app = app(db);
        let a = seller(&app, "a@x.fr", "Shop A").await;
        let b = seller(&app, "b@x.fr", "Shop B").await;
        let id = listed(&app, &a, &piece_input("Veste", "Chanel", "jackets", 90_000)).await;
        let edit = catalog::update_piece(&app, &b, id, None, &piece_input("Mine", "X", "jackets", 100)).await;
        assert!(matches!(edit, Err(AppError::NotFound)));
        let unknown = catalog::update_piece(&app, &b, 999_999, None, &piece_input("Mine", "X", "jackets", 100)).await;
        assert!(matches!(unknown, Err(AppError::NotFound)), "someone else's piece looks like no piece");
        assert!(matches!(catalog::withdraw_piece(&app, &b, id).await, Err(AppError::NotFound)));
        assert!(matches!(photos::add_photo(&app, &b, id, png()).await, Err(AppError::NotFound)));
        assert_eq!(catalog::piece_for(&app, None, id).await.unwrap().piece.title, "Veste");
    }
);

both_backends!(
    async fn c5_search_folds_accents_and_word_forms(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let scarf = listed(&app, &s, &piece_input("Écharpe en laine", "Hermès", "scarves", 12_000)).await;
        let dress = listed(&app, &s, &piece_input("Robes d'été", "Sézane", "dresses", 8_000)).await;
        let jacket = listed(&app, &s, &piece_input("Vestes en jean", "A.P.C.", "jackets", 9_000)).await;
        let find = |q: &str| {
            let app = app.clone();
            let q = q.to_owned();
            async move {
                let page = catalog::search(&app, &SearchParams { q, ..Default::default() }).await.unwrap();
                page.pieces.iter().map(|p| p.id).collect::<Vec<_>>()
            }
        };
        assert_eq!(find("echarpe").await, vec![scarf]);
        assert_eq!(find("ÉCHARPE").await, vec![scarf]);
        assert_eq!(find("robe").await, vec![dress]);
        assert_eq!(find("veste").await, vec![jacket]);
        assert_eq!(find("hermes").await, vec![scarf], "brands are searched too");
        assert_eq!(find("sezane robe").await, vec![dress], "every word must match");
        assert!(find("manteau").await.is_empty());
    }
);

both_backends!(
    async fn c5_filters_facets_sorts_and_stable_pagination(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let mut ids = Vec::new();
        for (i, (brand, category)) in
            [("Dior", "dresses"), ("Dior", "coats"), ("Kenzo", "dresses"), ("Kenzo", "dresses"), ("Maje", "skirts")]
                .iter()
                .enumerate()
        {
            ids.push(listed(&app, &s, &piece_input(&format!("Pièce {i}"), brand, category, 1_000 * (i as i64 + 1))).await);
        }
        let page = catalog::search(
            &app,
            &SearchParams { categories: vec!["dresses".into()], facets: true, ..Default::default() },
        )
        .await
        .unwrap();
        assert_eq!(page.total, Some(3));
        let count = |facet: &str, value: &str| {
            page.facets.iter().find(|f| f.facet == facet && f.value == value).map(|f| f.count).unwrap_or(0)
        };
        assert_eq!(count("brand", "Kenzo"), 2);
        assert_eq!(count("brand", "Dior"), 1);
        assert_eq!(count("brand", "Maje"), 0, "brand counts respect the category filter");
        assert_eq!(count("category", "coats"), 1, "a facet ignores its own filter");
        assert_eq!(count("category", "dresses"), 3);
        // With words, facets are counted from the matching pieces gathered once: same answer.
        let with_words = catalog::search(
            &app,
            &SearchParams { q: "piece".into(), categories: vec!["dresses".into()], facets: true, ..Default::default() },
        )
        .await
        .unwrap();
        assert_eq!(with_words.facets, page.facets);
        assert_eq!(with_words.total, Some(3));
        // Price ascending, two per page: every piece once, in order.
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let p = catalog::search(
                &app,
                &SearchParams { sort: Some("price_asc".into()), limit: Some(2), cursor: cursor.clone(), ..Default::default() },
            )
            .await
            .unwrap();
            seen.extend(p.pieces.iter().map(|x| x.price_cents));
            match p.next {
                Some(c) => cursor = Some(c.encode()),
                None => break,
            }
        }
        assert_eq!(seen, vec![1_000, 2_000, 3_000, 4_000, 5_000]);
        let desc = catalog::search(&app, &SearchParams { sort: Some("price_desc".into()), ..Default::default() })
            .await
            .unwrap();
        assert_eq!(desc.pieces.first().map(|p| p.price_cents), Some(5_000));
        let newest = catalog::search(&app, &SearchParams::default()).await.unwrap();
        assert_eq!(newest.pieces.len(), 5);
        let ranged = catalog::search(
            &app,
            &SearchParams { price_min: Some(Money(2_000)), price_max: Some(Money(3_000)), ..Default::default() },
        )
        .await
        .unwrap();
        assert_eq!(ranged.pieces.len(), 2);
        let bad = catalog::search(&app, &SearchParams { categories: vec!["rockets".into()], ..Default::default() }).await;
        assert_eq!(code(bad.unwrap_err()), "category:unknown_value");
        let bad_cursor = catalog::search(&app, &SearchParams { cursor: Some("zzz".into()), ..Default::default() }).await;
        assert_eq!(code(bad_cursor.unwrap_err()), "cursor:invalid");
    }
);

both_backends!(
    async fn c4_sold_piece_stays_visible_fourteen_days_then_leaves(db) {
        let app = app(db.clone());
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let id = listed(&app, &s, &piece_input("Trench", "Burberry", "coats", 20_000)).await;
        assert!(catalog::mark_sold(&app, id).await.unwrap());
        let search = |app: pepite_app::App| async move {
            catalog::search(&app, &SearchParams { q: "trench".into(), ..Default::default() }).await.unwrap().pieces
        };
        let visible = search(app.clone()).await;
        assert_eq!(visible.len(), 1);
        assert_eq!(visible[0].state, "sold");
        let view = catalog::piece_for(&app, None, id).await.unwrap();
        assert!(!view.purchasable, "a sold piece is shown but not purchasable");
        let available = catalog::search(&app, &SearchParams { q: "trench".into(), available_only: true, ..Default::default() })
            .await
            .unwrap();
        assert!(available.pieces.is_empty());
        pepite_store::clock::advance(&db, 13 * DAY_US).await.unwrap();
        assert_eq!(search(app.clone()).await.len(), 1, "still there on day 13");
        pepite_store::clock::advance(&db, DAY_US + 1).await.unwrap();
        assert!(search(app.clone()).await.is_empty(), "gone after 14 days");
        assert!(matches!(catalog::piece_for(&app, None, id).await, Err(AppError::NotFound)));
        assert!(catalog::piece_for(&app, Some(&s), id).await.is_ok(), "its seller still sees it");
    }
);

both_backends!(
    async fn c1_csv_import_is_all_or_nothing_with_a_report_per_line(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let header = pepite_app::import::COLUMNS.join(",");
        let bad = format!(
            "{header}\nRobe,Dior,dresses,FR,38,excellent,red,soie,Belle robe,120,300,\nVeste,\u{0}x,spaceship,FR,38,mint,red,laine,x,-5,300,\n"
        );
        // The web layer reads names in French and English; here one name stands for them.
        let names = |column: &str, raw: &str| (column == "category" && raw == "Robes").then_some("dresses");
        match pepite_app::import::import_csv(&app, &s, bad.as_bytes(), &names).await.unwrap() {
            pepite_app::import::ImportOutcome::Rejected(lines) => {
                assert_eq!(lines.len(), 1);
                assert_eq!(lines[0].line, 3);
                let fields: Vec<_> = lines[0].errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
                // Each refusal carries the cell it is about, so the report can name the value.
                let cells: Vec<_> = lines[0].errors.0.iter().zip(&lines[0].cells).map(|(e, c)| (e.field.as_str(), c.as_str())).collect();
                assert!(cells.contains(&("category", "spaceship")), "{cells:?}");
                assert!(cells.contains(&("grade", "mint")), "{cells:?}");
                assert!(cells.contains(&("price", "-5")), "{cells:?}");
                assert!(fields.contains(&("brand", "invalid")));
                assert!(fields.contains(&("category", "unknown_value")));
                assert!(fields.contains(&("grade", "unknown_value")));
                assert!(fields.contains(&("price", "must_be_positive")));
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
        assert!(catalog::my_pieces(&app, &s, None, None, 50).await.unwrap().is_empty(), "nothing was written");
        let good = format!("{header}\nRobe,Dior,Robes,FR,38,excellent,red,soie,Belle robe,\"120,50\",300,length=105\n");
        match pepite_app::import::import_csv(&app, &s, good.as_bytes(), &names).await.unwrap() {
            pepite_app::import::ImportOutcome::Imported(ids) => {
                let view = catalog::piece_for(&app, Some(&s), ids[0]).await.unwrap();
                assert_eq!(view.piece.price_cents, 12_050);
                assert_eq!(view.piece.category, "dresses", "the name was read as its key");
                assert_eq!(view.piece.state, "draft");
                assert_eq!(view.measurements[0].mm, 1_050);
            }
            other => panic!("expected an import, got {other:?}"),
        }
    }
);

both_backends!(
    async fn c1_photos_refused_by_the_photo_limit_leave_no_files(db) {
        let dir = std::env::temp_dir().join(format!("pepite-c1-files-{}-{:?}", std::process::id(), db.backend()));
        let _ = std::fs::remove_dir_all(&dir);
        let policy = pepite_domain::policy::Policy { photos_per_piece: 2, ..pepite_domain::policy::Policy::marketplace() };
        let files = std::sync::Arc::new(pepite_app::LocalFiles::new(&dir));
        let sandbox = std::sync::Arc::new(pepite_payments::Sandbox::new(db.clone()));
        let app = pepite_app::App::new(db, pepite_app::Clock::Manual, files, policy, sandbox);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = catalog::create_piece(&app, &s, &piece_input("Robe", "Dior", "dresses", 30_000)).await.unwrap().piece.id;
        photos::add_photo(&app, &s, piece, png()).await.unwrap();
        // Eight uploads race for the one place left: each passes the count read at its start,
        // stores its files, and only one is let in by the database.
        let uploads: Vec<_> = (0..8)
            .map(|_| {
                let (app, s) = (app.clone(), s.clone());
                tokio::spawn(async move { photos::add_photo(&app, &s, piece, png()).await.map(drop).map_err(code) })
            })
            .collect();
        let mut outcomes = Vec::new();
        for upload in uploads {
            outcomes.push(upload.await.unwrap());
        }
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{outcomes:?}");
        assert!(outcomes.iter().all(|o| o.as_ref().err().is_none_or(|c| c == "too_many_photos")), "{outcomes:?}");
        let rows = catalog::owned_piece(&app, &s, piece).await.unwrap().photos.len();
        assert_eq!(rows, 2);
        let stored = app.files.list("photos").await.unwrap();
        assert_eq!(stored.len(), rows * photos::VARIANTS.len(), "{stored:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
);
