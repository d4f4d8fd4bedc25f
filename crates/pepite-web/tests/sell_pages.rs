//! The seller space through its HTML forms (C1, C3, A4): opening a shop, the piece form and
//! its errors in the person's language, photos, listing, and the CSV import.

mod support;

use pepite_app::{catalog, photos};
use pepite_domain::piece::{MeasurementKind, PieceState};
use support::png;
use support::sell::{Site, new_piece, open_shop, piece_fields, piece_id, with};

pepite_testkit::both_backends!(
    async fn c1_seller_opens_shop_creates_piece_with_photo_and_lists_it(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;

        // Someone without a shop is offered to open one, open to offers by default.
        let page = site.get(&lea.cookie, "/sell").await.expect(200);
        assert!(page.has("Ouvrir votre boutique"), "{}", page.body);
        assert!(page.has(r#"action="/sell/shop""#));
        assert!(page.has(r#"name="open_to_offers" value="on" aria-describedby="h-open_to_offers" checked"#));
        open_shop(&site, &lea, "Chez Léa").await;
        let page = site.get(&lea.cookie, "/sell?done=shop_opened").await.expect(200);
        assert!(page.has("Chez Léa") && page.has("Votre boutique est ouverte"));
        assert!(page.has(r#"href="/sell/pieces/new""#) && page.has(r#"href="/sell/import""#));

        // The piece form: euros and centimetres typed the French way.
        let form = site.get(&lea.cookie, "/sell/pieces/new").await.expect(200);
        assert!(form.has(r#"<option value="dresses">Robes</option>"#) || form.has(r#"value="dresses""#));
        assert!(form.has("Neuf avec étiquettes") || form.has(r#"value="new_with_tags""#));
        let created = site.create_piece(&lea.cookie, &piece_fields(), &[]).await.expect(303);
        assert!(created.location().starts_with("/sell/pieces/"), "{}", created.location());
        let id = piece_id(created.location());
        let who = site.principal(&lea).await;
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(view.state, PieceState::Draft);
        assert_eq!(view.piece.price_cents, 8_550);
        assert!(view.piece.open_to_offers);
        assert_eq!(view.measurements.len(), 1);
        assert_eq!((view.measurements[0].kind, view.measurements[0].mm), (MeasurementKind::Chest, 485));
        let edit = site.get(&lea.cookie, created.location()).await.expect(200);
        assert!(edit.has("Brouillon créé"));
        assert!(edit.has(r#"value="85,50""#) && edit.has(r#"value="48,5""#));
        assert!(edit.has(&format!(r#"name="version" value="{}""#, view.piece.version)));

        // Saving from a page read before another change is refused, with the reason.
        let read_at = view.piece.version;
        let stale = (read_at - 1).to_string();
        let old = with(with(piece_fields(), "title", "Titre d’un autre onglet"), "version", &stale);
        let refused = site.post(&lea.cookie, &format!("/sell/pieces/{id}"), &old).await.expect(409);
        assert!(refused.has("modifiée ailleurs") && refused.has("Titre d’un autre onglet"));
        let current = read_at.to_string();
        let edit = with(with(piece_fields(), "title", "Robe portefeuille en soie"), "version", &current);
        let saved = site.post(&lea.cookie, &format!("/sell/pieces/{id}"), &edit).await.expect(303);
        assert_eq!(saved.location(), format!("/sell/pieces/{id}?done=saved"));
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(view.piece.version, read_at + 1);

        // A photo, sent as a browser sends a file.
        let sent = site
            .upload(&lea.cookie, &format!("/sell/pieces/{id}/photos"), "photo", "robe.png", &png(400, 300))
            .await
            .expect(303);
        assert_eq!(sent.location(), format!("/sell/pieces/{id}?done=photo_added"));
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(view.photos.len(), 1);
        let key = photos::variant_key(&view.photos[0].storage_key, "thumb");
        assert!(site.app.files.get(&key).await.unwrap().is_some(), "thumbnail stored");
        let edit = site.get(&lea.cookie, sent.location()).await.expect(200);
        assert!(edit.has(&format!("/media/{}-thumb.jpg", view.photos[0].storage_key)));

        // Listed: the dashboard's tab and the public search both show it.
        let listed = site.post(&lea.cookie, &format!("/sell/pieces/{id}/list"), &[]).await.expect(303);
        assert_eq!(listed.location(), format!("/sell/pieces/{id}?done=listed"));
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(view.state, PieceState::Listed);
        let tab = site.get(&lea.cookie, "/sell?state=listed").await.expect(200);
        assert!(tab.has("Robe portefeuille en soie") && tab.has("En vente"));
        assert!(tab.has(&format!("/media/{}-thumb.jpg", view.photos[0].storage_key)));
        assert!(tab.has("85,50"), "{}", tab.body);
        let drafts = site.get(&lea.cookie, "/sell?state=draft").await.expect(200);
        assert!(!drafts.has("Robe portefeuille en soie"));
        let search = site.get("", "/search?q=robe").await.expect(200);
        assert!(search.has("Robe portefeuille en soie"), "{}", search.body);
    }
);

pepite_testkit::both_backends!(
    async fn c3_listing_without_photo_shows_message(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let id = new_piece(&site, &lea, "Veste en tweed").await;

        let refused = site.post(&lea.cookie, &format!("/sell/pieces/{id}/list"), &[]).await.expect(422);
        assert!(refused.has(r#"role="alert""#));
        assert!(refused.has("Ajoutez au moins une photo avant de mettre en vente."), "{}", refused.body);
        let refused = site.post(&lea.in_english(), &format!("/sell/pieces/{id}/list"), &[]).await.expect(422);
        assert!(refused.has("Add at least one photo before listing."));
        let who = site.principal(&lea).await;
        assert_eq!(catalog::owned_piece(&site.app, &who, id).await.unwrap().state, PieceState::Draft);
    }
);

pepite_testkit::both_backends!(
    async fn a4_seller_cannot_see_or_edit_another_sellers_piece(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        let max = site.person("max@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        open_shop(&site, &max, "Max Vintage").await;
        let id = new_piece(&site, &lea, "Veste en tweed").await;
        let who = site.principal(&lea).await;
        let before = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        let unknown = id + 1_000_000;

        // Someone else's piece answers exactly like a piece that does not exist.
        let page = |id: i64| format!("/sell/pieces/{id}");
        let theirs = site.get(&max.cookie, &page(id)).await.expect(404);
        let missing = site.get(&max.cookie, &page(unknown)).await.expect(404);
        let neutral = |body: &str, id: i64| {
            body.replace(&page(id), "/sell/pieces/N").replace(&format!("%2Fsell%2Fpieces%2F{id}"), "%2Fsell%2Fpieces%2FN")
        };
        assert_eq!(neutral(&theirs.body, id), neutral(&missing.body, unknown));
        assert!(!theirs.has("Veste en tweed"));

        // Every change is refused the same way, and nothing moves.
        let edit = with(piece_fields(), "title", "Volée");
        site.post(&max.cookie, &page(id), &edit).await.expect(404);
        site.post(&max.cookie, &page(unknown), &edit).await.expect(404);
        for action in ["list", "withdraw", "delete"] {
            site.post(&max.cookie, &format!("/sell/pieces/{id}/{action}"), &[]).await.expect(404);
        }
        site.upload(&max.cookie, &format!("/sell/pieces/{id}/photos"), "photo", "x.png", &png(400, 300))
            .await
            .expect(404);
        let after = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(after.piece.title, "Veste en tweed");
        assert_eq!(after.piece.version, before.piece.version);
        assert_eq!(after.state, PieceState::Draft);
        assert!(after.photos.is_empty());
        let dashboard = site.get(&max.cookie, "/sell").await.expect(200);
        assert!(!dashboard.has("Veste en tweed"));
        // Signed out, the seller space asks to sign in first.
        let anonymous = site.get("", &page(id)).await.expect(303);
        assert!(anonymous.location().starts_with("/sign-in?next="), "{}", anonymous.location());
    }
);

pepite_testkit::both_backends!(
    async fn c1_piece_form_errors_in_persons_language(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let long_title = "x".repeat(121);
        let bad = with(with(with(with(piece_fields(), "price", "-5"), "weight", "1000000"), "title", &long_title), "category", "spaceship");
        let bad = with(bad, "measurement_waist", "12,34");

        let en = site.create_piece(&lea.in_english(), &bad, &[]).await.expect(422);
        for message in [
            "Enter a number above zero.",
            "Too large (at most 30000).",
            "At most 120 characters.",
            "Choose a value from the list.",
            "Enter a length in centimetres",
        ] {
            assert!(en.has(message), "{message} missing from {}", en.body);
        }
        // What was typed comes back, and the field says it is wrong.
        assert!(en.has(&format!(r#"value="{long_title}""#)));
        assert!(en.has(r#"value="-5""#) && en.has(r#"aria-invalid="true""#));

        let fr = site.create_piece(&lea.cookie, &bad, &[]).await.expect(422);
        for message in [
            "Indiquez un nombre supérieur à zéro.",
            "Valeur trop grande (au plus 30000).",
            "120 caractères au plus.",
            "Choisissez une valeur de la liste.",
        ] {
            assert!(fr.has(message), "{message} missing from {}", fr.body);
        }
        let unreadable = site.create_piece(&lea.cookie, &with(piece_fields(), "price", "douze"), &[]).await.expect(422);
        assert!(unreadable.has("Indiquez un montant, par exemple 12,50."));

        let who = site.principal(&lea).await;
        assert!(catalog::my_pieces(&site.app, &who, None, None, 10).await.unwrap().is_empty());
    }
);

pepite_testkit::both_backends!(
    async fn c1_broken_photo_upload_is_a_message_not_a_500(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let id = new_piece(&site, &lea, "Veste en tweed").await;
        let path = format!("/sell/pieces/{id}/photos");

        let mut truncated = png(400, 300);
        truncated.truncate(80);
        let too_big = vec![0xFF; 10 * 1024 * 1024 + 1];
        for (bytes, message) in [
            (truncated, "Cette image est illisible ou abîmée."),
            (b"GIF89a, not a photo".to_vec(), "Formats acceptés : JPEG, PNG ou WebP."),
            (Vec::new(), "Ce champ est obligatoire."),
            (too_big, "Fichier trop lourd (10 Mo au plus)."),
        ] {
            let reply = site.upload(&lea.cookie, &path, "photo", "photo.png", &bytes).await.expect(422);
            assert!(reply.has(message), "{message} missing from {}", reply.body);
            assert!(reply.has(r#"id="e-photo""#));
        }
        let english = site
            .upload(&lea.in_english(), &path, "photo", "photo.gif", b"GIF89a")
            .await
            .expect(422);
        assert!(english.has("Accepted formats: JPEG, PNG or WebP."));
        let who = site.principal(&lea).await;
        assert!(catalog::owned_piece(&site.app, &who, id).await.unwrap().photos.is_empty());
    }
);

pepite_testkit::both_backends!(
    async fn c1_csv_import_page_reports_lines_and_writes_nothing(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let who = site.principal(&lea).await;

        let page = site.get(&lea.cookie, "/sell/import").await.expect(200);
        assert!(page.has("<code>measurements</code>") && page.has("/sell/import/template.csv"));
        let template = site.get(&lea.cookie, "/sell/import/template.csv").await.expect(200);
        assert!(template.content_type().starts_with("text/csv"));
        assert!(template.body.starts_with("title,brand,category"));

        let header = "title,brand,category,size_system,size_label,grade,colour,materials,description,price,weight_g,measurements";
        let bad = format!(
            "{header}\n\
             Veste en tweed,Chanel,jackets,FR,38,excellent,beige,laine,Veste courte,450,600,chest=46\n\
             Robe,Sézane,spaceship,FR,38,excellent,red,soie,Jolie,douze,300,\n\
             Jupe,Rouje,skirts,FR,36,good,black,,Plissée,40,-3,\n"
        );
        let report = site.upload(&lea.cookie, "/sell/import", "file", "pieces.csv", bad.as_bytes()).await.expect(422);
        assert!(report.has("Rien n’a été importé"), "{}", report.body);
        for cell in ["<td class=\"num\">3</td>", "<td class=\"num\">4</td>", "Catégorie", "Prix", "Poids en grammes"] {
            assert!(report.has(cell), "{cell} missing from {}", report.body);
        }
        assert!(report.has("Indiquez un montant, par exemple 12,50."));
        assert!(report.has("« spaceship »") && report.has("« douze »"), "each refusal names the value");
        assert!(!report.has("<td class=\"num\">2</td>"), "line 2 is fine");
        assert!(catalog::my_pieces(&site.app, &who, None, None, 10).await.unwrap().is_empty());

        let english = site.upload(&lea.in_english(), "/sell/import", "file", "pieces.csv", bad.as_bytes()).await.expect(422);
        assert!(english.has("Nothing was imported") && english.has("Enter an amount, for example 12.50."));
        let no_header = site.upload(&lea.cookie, "/sell/import", "file", "x.csv", b"nom;prix\nRobe;12\n").await.expect(422);
        assert!(no_header.has("Colonne manquante"), "{}", no_header.body);

        let good = format!(
            "{header}\n\
             Veste en tweed,Chanel,jackets,FR,38,excellent,beige,laine,Veste courte,450,600,chest=46\n\
             Jupe plissée,Rouje,Jupe,Taille unique,,Bon état,Noir,,Plissée,40,300,\n"
        );
        // Closed-list values may be written as their French or English names.
        let done = site.upload(&lea.cookie, "/sell/import", "file", "pieces.csv", good.as_bytes()).await.expect(303);
        assert_eq!(done.location(), "/sell?state=draft&imported=2");
        let drafts = site.get(&lea.cookie, done.location()).await.expect(200);
        assert!(drafts.has("Pièces importées comme brouillons : 2."), "{}", drafts.body);
        assert!(drafts.has("Veste en tweed") && drafts.has("Jupe plissée"));
        let pieces = catalog::my_pieces(&site.app, &who, Some(PieceState::Draft), None, 10).await.unwrap();
        assert_eq!(pieces.len(), 2);
        for p in &pieces {
            assert!(drafts.has(&format!(r#"href="/sell/pieces/{}""#, p.id)));
        }
    }
);

pepite_testkit::both_backends!(
    async fn c1_photos_chosen_with_a_new_piece_are_kept_in_order_and_reordered(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let who = site.principal(&lea).await;

        // P1: what selling costs is said on the form, before the first listing.
        let form = site.get(&lea.cookie, "/sell/pieces/new").await.expect(200);
        assert!(form.has("commission de 15"), "{}", form.body);
        assert!(form.has(r#"enctype="multipart/form-data""#) && form.has(r#"name="photo" multiple"#));

        // Three photos in one go, with the piece: they keep the order they were chosen in.
        let (a, b, c) = (png(400, 300), png(300, 400), png(500, 500));
        let created = site
            .create_piece(&lea.cookie, &piece_fields(), &[("a.png", &a), ("b.png", &b), ("c.png", &c)])
            .await
            .expect(303);
        let id = piece_id(created.location());
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        let ids: Vec<i64> = view.photos.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!((view.photos[0].width, view.photos[2].width), (400, 500), "the order chosen is kept");

        // Without JavaScript: one step later, one step earlier, the cover.
        let base = format!("/sell/pieces/{id}/photos");
        let moved = site.post(&lea.cookie, &format!("{base}/{}/later", ids[0]), &[]).await.expect(303);
        assert_eq!(moved.location(), format!("/sell/pieces/{id}?done=moved#photo-{}", ids[0]));
        let order = |v: &pepite_app::catalog::PieceView| v.photos.iter().map(|p| p.id).collect::<Vec<_>>();
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(order(&view), [ids[1], ids[0], ids[2]]);
        site.post(&lea.cookie, &format!("{base}/{}/cover", ids[2]), &[]).await.expect(303);
        let view = catalog::owned_piece(&site.app, &who, id).await.unwrap();
        assert_eq!(order(&view), [ids[2], ids[1], ids[0]]);

        // The drag's form sends the whole order; an order read before a change is refused.
        let whole = format!("{},{},{}", ids[0], ids[1], ids[2]);
        site.post(&lea.cookie, &format!("{base}/order"), &[("order", &whole)]).await.expect(303);
        assert_eq!(order(&catalog::owned_piece(&site.app, &who, id).await.unwrap()), ids);
        let stale = format!("{},{}", ids[1], ids[0]);
        let refused = site.post(&lea.cookie, &format!("{base}/order"), &[("order", &stale)]).await.expect(409);
        assert!(refused.has("Rien n’a été déplacé"), "{}", refused.body);
        assert_eq!(order(&catalog::owned_piece(&site.app, &who, id).await.unwrap()), ids);
        let page = site.get(&lea.cookie, &format!("/sell/pieces/{id}")).await.expect(200);
        assert!(page.has(r#"data-reorder="photo-order""#) && page.has(r#"class="danger-zone""#));
    }
);

pepite_testkit::both_backends!(
    async fn c1_a_refused_photo_is_named_and_nothing_is_created(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let who = site.principal(&lea).await;

        let good = png(400, 300);
        let refused = site
            .create_piece(&lea.cookie, &piece_fields(), &[("ok.png", &good), ("notes.gif", b"GIF89a")])
            .await
            .expect(422);
        assert!(refused.has("« notes.gif » : Formats acceptés : JPEG, PNG ou WebP."), "{}", refused.body);
        assert!(refused.has("choisissez à nouveau vos photos"));
        assert!(refused.has(r#"value="Robe portefeuille en soie""#), "what was typed is kept");
        assert!(catalog::my_pieces(&site.app, &who, None, None, 10).await.unwrap().is_empty());

        // A NUL byte in a text field is a field error, not a 500, and nothing is written.
        let nul = with(piece_fields(), "title", "Robe\u{0}en soie");
        site.create_piece(&lea.cookie, &nul, &[("ok.png", &good)]).await.expect(422);
        assert!(catalog::my_pieces(&site.app, &who, None, None, 10).await.unwrap().is_empty());

        // No brand is a valid choice (C1), and the piece says so.
        let created = site.create_piece(&lea.cookie, &with(piece_fields(), "brand", ""), &[]).await.expect(303);
        let id = piece_id(created.location());
        assert_eq!(catalog::owned_piece(&site.app, &who, id).await.unwrap().piece.brand, "");
    }
);
