//! The trade-in programme through the warehouse's station and the partner console (T1, T5,
//! T6, T7, issue 12 item 9), on SQLite and PostgreSQL: a partner sees only their own
//! programmes; a rules save against a stale version is refused and says so; a catalogue
//! file's bad line is reported with its value while the others are imported; the station
//! lists a late box first and refuses a grade above the declared one on its form; the
//! dashboard counts what was inspected.

mod support;

use pepite_app::accounts::Principal;
use pepite_app::tradein::boxes::{self, PieceInput, QuoteInput, VerdictInput};
use pepite_app::tradein::{self, catalogue};
use pepite_domain::account::Role;
use support::pages::position;
use support::sell::{Person, Site};

/// Friday 20 November 2026, 10:00 in Paris.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;

const CATALOGUE: &str = "style_id;name;brand;category;season;reference_price;photo_url
ML-100;Manteau Lune;Maison Lune;coats;AW24;300,00;
ML-200;Robe Soleil;Maison Lune;dresses;SS25;150;
";

struct Setup {
    site: Site,
    programme: i64,
    partner: Person,
    bench: Person,
    person: Principal,
    admin: Person,
}

/// Maison Lune's programme run by its partner, with two styles; an expert and a person.
async fn setup(db: pepite_store::Db) -> Setup {
    let site = Site::new(db).await;
    pepite_store::clock::set(&site.app.db, T0).await.unwrap();
    let admin = site.person("admin@x.fr", &[Role::Admin]).await;
    let partner = site.person("marque@x.fr", &[Role::BrandPartner]).await;
    let bench = site.person("expert@x.fr", &[Role::Workshop]).await;
    let someone = site.person("camille@x.fr", &[]).await;
    let admin_p = site.principal(&admin).await;
    let partner_p = site.principal(&partner).await;
    let programme = catalogue::create(
        &site.app,
        &admin_p,
        "maison-lune",
        "Maison Lune",
        Some(partner.user_id),
        &["Maison Lune".into()],
    )
    .await
    .unwrap();
    let none = |_: &str, _: &str| None;
    catalogue::import_styles(
        &site.app,
        &partner_p,
        programme,
        CATALOGUE.as_bytes(),
        &none,
    )
    .await
    .unwrap();
    let person = site.principal(&someone).await;
    Setup {
        site,
        programme,
        partner,
        bench,
        person,
        admin,
    }
}

async fn style(s: &Setup, style_ref: &str) -> i64 {
    let p = tradein::programme(&s.site.app, s.programme).await.unwrap();
    catalogue::search(&s.site.app, &p, style_ref, 5)
        .await
        .unwrap()[0]
        .id
}

/// A box of the coat (declared excellent) and the dress (new with tags), accepted.
async fn accepted_box(s: &Setup) -> i64 {
    let pieces = vec![
        PieceInput {
            style_id: style(s, "ML-100").await,
            grade: "excellent".into(),
            defects: vec![],
        },
        PieceInput {
            style_id: style(s, "ML-200").await,
            grade: "new_with_tags".into(),
            defects: vec![],
        },
    ];
    let input = QuoteInput {
        birth_date: "1990-05-01".into(),
        full_name: "Camille Martin".into(),
        address: "12 rue des Lilas".into(),
        postal_code: "75011".into(),
        city: "Paris".into(),
        country: "FR".into(),
        pieces,
    };
    let q = boxes::quote(&s.site.app, &s.person, s.programme, &input)
        .await
        .unwrap();
    let id = q.box_id.expect("the quote is saved");
    boxes::accept(&s.site.app, &s.person, id).await.unwrap();
    id
}

/// The rules form as the page fills it, with `changes`.
fn rules_form<'a>(version: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("version", version),
        ("name", "Maison Lune"),
        ("brands", "Maison Lune\nLune Kids"),
        ("countries", "FR, BE"),
        ("earliest_year", "2018"),
        ("min_age", "18"),
        ("handling_business_days", "10"),
        ("voucher_validity_months", "12"),
        ("exclude.underwear", "on"),
        ("grid.0.category", ""),
        ("grid.0.max_age_years", ""),
        ("grid.0.grade", "excellent"),
        ("grid.0.percent", "30"),
        ("grid.1.category", "coats"),
        ("grid.1.max_age_years", "3"),
        ("grid.1.grade", "new_with_tags"),
        ("grid.1.percent", "45,5"),
        ("grid.2.category", ""),
        ("grid.2.max_age_years", ""),
        ("grid.2.grade", "very_good"),
        ("grid.2.percent", ""),
    ];
    for (k, v) in changes {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

pepite_testkit::both_backends!(
    async fn t1_a_partner_sees_only_the_programmes_they_run(db) {
        let s = setup(db).await;
        let admin_p = s.site.principal(&s.admin).await;
        let other = s.site.person("autre@x.fr", &[Role::BrandPartner]).await;
        let theirs = catalogue::create(&s.site.app, &admin_p, "autre", "Autre Maison", Some(other.user_id), &["Autre".into()]).await.unwrap();
        let home = s.site.get(&s.partner.cookie, "/partner").await.expect(200);
        assert!(home.has("Maison Lune") && !home.has("Autre Maison"), "{}", home.body);
        for page in ["", "/catalogue", "/channels", "/dashboard"] {
            s.site.get(&s.partner.cookie, &format!("/partner/programmes/{theirs}{page}")).await.expect(404);
            s.site.get(&other.cookie, &format!("/partner/programmes/{}{page}", s.programme)).await.expect(404);
            s.site.get(&s.partner.cookie, &format!("/partner/programmes/{}{page}", s.programme)).await.expect(200);
            s.site.get(&s.admin.cookie, &format!("/partner/programmes/{theirs}{page}")).await.expect(200);
        }
        // A4: a posted form to another brand's programme changes nothing.
        s.site.post(&s.partner.cookie, &format!("/partner/programmes/{theirs}"), &rules_form("1", &[])).await.expect(404);
        s.site.post(&s.partner.cookie, &format!("/partner/programmes/{theirs}/channels"), &[("name", "Caisse"), ("kind", "boutique")]).await.expect(404);
        // Nobody else gets the console; the admin sees every programme.
        s.site.get(&s.bench.cookie, "/partner").await.expect(404);
        let all = s.site.get(&s.admin.cookie, "/partner").await.expect(200);
        assert!(all.has("Maison Lune") && all.has("Autre Maison"));
    }
);

pepite_testkit::both_backends!(
    async fn t1_a_rules_save_against_a_stale_version_is_refused_and_check_errors_land_on_their_fields(db) {
        let s = setup(db).await;
        let path = format!("/partner/programmes/{}", s.programme);
        let page = s.site.get(&s.partner.cookie, &path).await.expect(200);
        assert!(page.has("name=\"version\" value=\"1\""), "{}", page.body);
        assert!(page.has("name=\"grid.0.percent\""), "the grid is a table of inputs");
        // ProgrammeRules::check: a 12-year-old minimum and an unknown country are refused.
        let bad = s.site.post(&s.partner.cookie, &path, &rules_form("1", &[("min_age", "12"), ("countries", "FR, XX")])).await.expect(422);
        assert!(bad.has("id=\"e-min_age\"") && bad.has("id=\"e-countries\""), "{}", bad.body);
        assert!(bad.has("FR, XX"), "what was typed stays");
        let unread = s.site.post(&s.partner.cookie, &path, &rules_form("1", &[("grid.1.percent", "beaucoup")])).await.expect(422);
        assert!(unread.has("id=\"e-grid\""), "{}", unread.body);
        // Saved once against version 1…
        s.site.post(&s.partner.cookie, &path, &rules_form("1", &[])).await.expect(303);
        let p = tradein::programme(&s.site.app, s.programme).await.unwrap();
        assert_eq!(p.row.version, 2);
        assert_eq!(p.rules.brands, ["Maison Lune", "Lune Kids"]);
        assert_eq!(p.rules.countries, ["FR", "BE"]);
        assert_eq!(p.rules.excluded_categories, [pepite_domain::piece::Category::Underwear]);
        assert_eq!(p.rules.handling_business_days, 10);
        let rates: Vec<i64> = p.rules.grid.iter().map(|l| l.rate_bps).collect();
        assert_eq!(rates, [3_000, 4_550], "the blank third row adds nothing");
        assert_eq!(p.rules.grid[1].max_age_years, Some(3));
        // …a second save from the same page (version 1) is refused: someone saved meanwhile.
        let stale = s.site.post(&s.partner.cookie, &path, &rules_form("1", &[("min_age", "21")])).await.expect(409);
        assert!(stale.has("id=\"stale\""), "{}", stale.body);
        let p = tradein::programme(&s.site.app, s.programme).await.unwrap();
        assert_eq!((p.row.version, p.rules.min_age), (2, 18), "nothing overwritten");
    }
);

pepite_testkit::both_backends!(
    async fn t1_a_catalogue_file_with_one_bad_line_reports_it_with_its_value_and_imports_the_others(db) {
        let s = setup(db).await;
        let path = format!("/partner/programmes/{}/catalogue", s.programme);
        let page = s.site.get(&s.partner.cookie, &path).await.expect(200);
        assert!(page.has("2 modèles au catalogue"), "{}", page.body);
        assert!(page.has("<progress"), "a progress bar while the file is sent");
        let file = "style_id,name,brand,category,season,reference_price\n\
                    ML-100,Manteau Lune long,Maison Lune,Manteaux,AW24,320\n\
                    ML-700,Veste Étoile,Maison Lune,soucoupe,SS24,210\n\
                    ML-800,Jupe Nuit,Maison Lune,Skirts,SS23,95\n";
        // The page's script names the upload, and the bar reads how far it has gone.
        let token = "0123456789abcdef0123";
        let progress = format!("{path}/progress/{token}");
        assert!(page.has(&format!("data-progress=\"{path}/progress/{{token}}\"")), "{}", page.body);
        s.site.get(&s.partner.cookie, &progress).await.expect(404);
        let report = s.site.upload(&s.partner.cookie, &format!("{path}?progress={token}"), "file", "catalogue.csv", file.as_bytes()).await.expect(422);
        assert!(report.has("id=\"import-report\""), "{}", report.body);
        let done = s.site.get(&s.partner.cookie, &progress).await.expect(200);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&done.body).unwrap(), serde_json::json!({"done": 3, "total": 3}));
        let row = &report.body[position(&report.body, "id=\"import-report\"")..];
        assert!(row.contains("<td class=\"num\">3</td><td><code>category</code></td><td>« soucoupe »</td>"), "{row}");
        assert!(report.has("1 ajouté(s), 1 mis à jour"), "{}", report.body);
        assert!(report.has("3 modèles au catalogue"));
        let p = tradein::programme(&s.site.app, s.programme).await.unwrap();
        let coat = catalogue::search(&s.site.app, &p, "ML-100", 5).await.unwrap();
        assert_eq!((coat[0].name.as_str(), coat[0].reference_cents), ("Manteau Lune long", 32_000));
        assert!(catalogue::search(&s.site.app, &p, "ML-700", 5).await.unwrap().is_empty());
        // T2: the search finds a style by its name.
        let found = s.site.get(&s.partner.cookie, &format!("{path}?q=jupe")).await.expect(200);
        assert!(found.has("ML-800") && !found.has("ML-200"), "{}", found.body);
        // A file without the needed columns is refused as a whole.
        let bad = s.site.upload(&s.partner.cookie, &path, "file", "x.csv", b"style_id,name\nA,B\n").await.expect(422);
        assert!(bad.has("category"), "{}", bad.body);
    }
);

pepite_testkit::both_backends!(
    async fn t6_t5_the_station_lists_a_late_box_first_and_refuses_a_grade_above_the_declared_one(db) {
        let s = setup(db).await;
        let bench = &s.bench.cookie;
        let first = accepted_box(&s).await;
        let second = accepted_box(&s).await;
        let travelling = accepted_box(&s).await;
        // The first box arrives by the button, the second by its scanned tracking number
        // three weeks later: the first is then past its 15 business days (11 December).
        let expert = s.site.principal(&s.bench).await;
        s.site.post(bench, &format!("/back-office/trade-in/boxes/{first}/arrival"), &[]).await.expect(303);
        pepite_store::clock::set(&s.site.app.db, T0 + 22 * DAY).await.unwrap();
        let tracking = boxes::for_staff(&s.site.app, &expert, second).await.unwrap().0.tracking.unwrap();
        let scan = s.site.get(bench, &format!("/back-office/trade-in/scan?code={tracking}")).await.expect(303);
        assert_eq!(scan.location(), format!("/back-office/trade-in/boxes/{second}"));
        s.site.post(bench, &format!("/back-office/trade-in/boxes/{second}/arrival"), &[]).await.expect(303);
        let again = s.site.post(bench, &format!("/back-office/trade-in/boxes/{second}/arrival"), &[]).await.expect(303);
        let said = s.site.get(bench, again.location()).await.expect(200);
        assert!(said.has("déjà enregistré comme arrivé"), "{}", said.body);
        let queue = s.site.get(bench, "/back-office/trade-in").await.expect(200);
        let at = |id: i64| position(&queue.body, &format!(">B{id}</a>"));
        assert!(at(first) < at(second) && at(second) < at(travelling), "{}", queue.body);
        assert_eq!(queue.body.matches("badge problem").count(), 1, "only the first is late");
        assert!(position(&queue.body, "En retard") < at(second));
        let unknown = s.site.get(bench, "/back-office/trade-in/scan?code=XX999").await.expect(303);
        assert!(s.site.get(bench, unknown.location()).await.expect(200).has("Aucun colis ne porte ce numéro"));
        // T5: the coat was declared "excellent": the form offers no higher grade, and a
        // forged one is refused on its form.
        let path = format!("/back-office/trade-in/boxes/{first}");
        let page = s.site.get(bench, &path).await.expect(200);
        let items = boxes::for_staff(&s.site.app, &expert, first).await.unwrap().1;
        let coat_form = &page.body[position(&page.body, &format!("grade-{}", items[0].id))..];
        let coat_select = &coat_form[..coat_form.find("</select>").unwrap()];
        assert!(coat_select.contains("value=\"excellent\"") && !coat_select.contains("new_with_tags"), "{coat_select}");
        let verdict = format!("{path}/items/{}/verdict", items[0].id);
        let above = s.site.post(bench, &verdict, &[("decision", "accept"), ("grade", "new_with_tags")]).await.expect(422);
        assert!(above.has(&format!("id=\"e-grade-{}\"", items[0].id)), "{}", above.body);
        assert!(above.has("état déclaré ou à un état inférieur"));
        let no_reason = s.site.post(bench, &format!("{path}/items/{}/verdict", items[1].id), &[("decision", "refuse"), ("reason", " ")]).await.expect(422);
        assert!(no_reason.has(&format!("id=\"e-reason-{}\"", items[1].id)), "{}", no_reason.body);
        s.site.post(bench, &verdict, &[("decision", "accept"), ("grade", "excellent")]).await.expect(303);
        let twice = s.site.post(bench, &verdict, &[("decision", "accept"), ("grade", "excellent")]).await.expect(303);
        assert!(s.site.get(bench, twice.location()).await.expect(200).has("déjà reçu son verdict"));
        // T5: the dress is refused with its reason; its free return label prints.
        s.site.post(bench, &format!("{path}/items/{}/verdict", items[1].id), &[("decision", "refuse"), ("reason", "Accroc dans le dos")]).await.expect(303);
        let done = s.site.get(bench, &path).await.expect(200);
        let label = format!("{path}/items/{}/return-label.pdf", items[1].id);
        assert!(done.has("Accroc dans le dos") && done.has(&label) && done.has("Traité"), "{}", done.body);
        let pdf = s.site.get(bench, &label).await.expect(200);
        assert_eq!(pdf.content_type(), "application/pdf");
        s.site.get(bench, &format!("{path}/items/{}/return-label.pdf", items[0].id)).await.expect(404);
        // Only quality experts (and admins) open the station.
        s.site.get(&s.partner.cookie, "/back-office/trade-in").await.expect(404);
        let en = s.site.get(&s.admin.in_english(), "/back-office/trade-in").await.expect(200);
        assert!(en.has("Boxes to handle") && en.has("On its way"), "{}", en.body);
    }
);

pepite_testkit::both_backends!(
    async fn item9_the_dashboard_counts_the_pieces_accepted_and_refused_and_the_reasons(db) {
        let s = setup(db).await;
        let bench = s.site.principal(&s.bench).await;
        let id = accepted_box(&s).await;
        accepted_box(&s).await;
        boxes::arrive(&s.site.app, &bench, id).await.unwrap();
        let items = boxes::for_staff(&s.site.app, &bench, id).await.unwrap().1;
        let accept = VerdictInput { accept: true, grade: None, reason: None };
        boxes::inspect(&s.site.app, &bench, items[0].id, &accept).await.unwrap();
        let refuse = VerdictInput { accept: false, grade: None, reason: Some("Tache sur le col".into()) };
        boxes::inspect(&s.site.app, &bench, items[1].id, &refuse).await.unwrap();
        let credited = boxes::for_staff(&s.site.app, &bench, id).await.unwrap().1[0].credited_cents.unwrap();
        let d = s.site.get(&s.partner.cookie, &format!("/partner/programmes/{}/dashboard", s.programme)).await.expect(200);
        assert!(d.has("id=\"total-accepted\">1<"), "{}", d.body);
        assert!(d.has("id=\"total-refused\">1<"));
        assert!(d.has("<td>Tache sur le col</td><td class=\"num\">1</td>"));
        let money = pepite_web_money(credited);
        assert!(d.has(&format!("id=\"total-credit\">{money}<")), "{money} in {}", d.body);
        // Boxes by state: one handled, one still on its way.
        let states = &d.body[position(&d.body, "id=\"boxes-by-state\"")..];
        assert!(states.contains("Traité</th><td class=\"num\">1<") && states.contains("En route</th><td class=\"num\">1<"), "{states}");
        assert!(d.has("id=\"chart-pieces\""), "the daily chart is drawn");
        assert!(d.has("href=\"/partner\""), "the partner finds the console from every page");
        let en = s.site.get(&s.partner.in_english(), &format!("/partner/programmes/{}/dashboard", s.programme)).await.expect(200);
        assert!(en.has("Pieces accepted") && en.has("Reasons for refusal"), "{}", en.body);
    }
);

/// An amount as the French pages write it.
fn pepite_web_money(cents: i64) -> String {
    pepite_domain::Money(cents).format_fr()
}

pepite_testkit::both_backends!(
    async fn t7_a_channel_token_is_shown_once_works_as_a_bearer_and_stops_when_revoked(db) {
        let s = setup(db).await;
        let path = format!("/partner/programmes/{}/channels", s.programme);
        s.site.post(&s.partner.cookie, &path, &[("name", " "), ("kind", "boutique")]).await.expect(422);
        s.site.post(&s.partner.cookie, &path, &[("name", "Caisse Marais"), ("kind", "kiosk")]).await.expect(422);
        let opened = s.site.post(&s.partner.cookie, &path, &[("name", "Caisse Marais"), ("kind", "boutique")]).await.expect(200);
        let at = position(&opened.body, "<code class=\"token\">") + "<code class=\"token\">".len();
        let token = &opened.body[at..at + opened.body[at..].find('<').unwrap()];
        assert!(token.starts_with("pch_"), "{token}");
        assert!(opened.has(&format!("Authorization: Bearer {token}")));
        assert!(pepite_app::tradein::channels::authenticate(&s.site.app, token).await.is_ok());
        // Shown once: the list never shows it again.
        let list = s.site.get(&s.partner.cookie, &path).await.expect(200);
        assert!(list.has("Caisse Marais") && !list.has(token), "{}", list.body);
        let channel = pepite_app::tradein::channels::authenticate(&s.site.app, token).await.unwrap().id;
        s.site.post(&s.partner.cookie, &format!("{path}/{channel}/revoke"), &[]).await.expect(303);
        assert!(pepite_app::tradein::channels::authenticate(&s.site.app, token).await.is_err());
        assert!(s.site.get(&s.partner.cookie, &path).await.expect(200).has("Révoqué le"));
    }
);

pepite_testkit::both_backends!(
    async fn t8_the_station_refurbishes_an_accepted_piece_step_by_step_then_describes_photographs_and_lists_it(db) {
        let s = setup(db).await;
        let bench = &s.bench.cookie;
        let first = accepted_box(&s).await;
        let path = format!("/back-office/trade-in/boxes/{first}");
        s.site.post(bench, &format!("{path}/arrival"), &[]).await.expect(303);
        let expert = s.site.principal(&s.bench).await;
        let coat = boxes::for_staff(&s.site.app, &expert, first).await.unwrap().1[0].id;
        s.site.post(bench, &format!("{path}/items/{coat}/verdict"), &[("decision", "accept"), ("grade", "excellent")]).await.expect(303);
        let item = format!("/back-office/trade-in/items/{coat}");
        assert!(s.site.get(bench, &path).await.expect(200).has(&format!("href=\"{item}\"")));
        // Steps come in order, each once.
        let page = s.site.get(bench, &item).await.expect(200);
        assert!(page.has("Enregistrer : Nettoyage") && !page.has("Enregistrer : Repassage"), "{}", page.body);
        assert!(page.has("une fois les quatre étapes enregistrées"));
        let early = s.site.post(bench, &format!("{item}/steps"), &[("step", "pressed")]).await.expect(303);
        assert!(s.site.get(bench, early.location()).await.expect(200).has("Les étapes se font dans l’ordre"));
        for step in ["cleaned", "pressed", "relabelled", "authenticated"] {
            s.site.post(bench, &format!("{item}/steps"), &[("step", step)]).await.expect(303);
        }
        let twice = s.site.post(bench, &format!("{item}/steps"), &[("step", "authenticated")]).await.expect(303);
        assert!(s.site.get(bench, twice.location()).await.expect(200).has("déjà enregistrée"));
        // The description: a refused field comes back on its form, as typed.
        let fields = support::sell::with(support::sell::piece_fields(), "title", "");
        let refused = s.site.post(bench, &format!("{item}/piece"), &fields).await.expect(422);
        assert!(refused.has("id=\"e-title\"") && refused.has("Portée deux fois"), "{}", refused.body);
        let fields = support::sell::with(support::sell::piece_fields(), "title", "Manteau Lune remis à neuf");
        let described = s.site.post(bench, &format!("{item}/piece"), &fields).await.expect(303);
        let page = s.site.get(bench, described.location()).await.expect(200);
        assert!(page.has("Brouillon créé") && page.has("Aucune photo pour l’instant"), "{}", page.body);
        // Listing needs a photo; then the piece is on sale in the brand's shop.
        let early = s.site.post(bench, &format!("{item}/listing"), &[]).await.expect(303);
        assert!(s.site.get(bench, early.location()).await.expect(200).has("au moins une photo"));
        let photo = s.site.upload(bench, &format!("{item}/photos"), "photo", "coat.png", &support::png(800, 1000)).await.expect(303);
        assert!(s.site.get(bench, photo.location()).await.expect(200).has("Une photo."));
        let listed = s.site.post(bench, &format!("{item}/listing"), &[]).await.expect(303);
        assert!(s.site.get(bench, listed.location()).await.expect(200).has("En vente dans la boutique de revente"));
        let piece = tradein::refurb::at_station(&s.site.app, &expert, coat).await.unwrap().item.piece_id.unwrap();
        let row = pepite_store::catalog::by_id(&s.site.app.db, piece).await.unwrap().unwrap();
        assert_eq!((row.state.as_str(), row.brand.as_str(), row.grade.as_str()), ("listed", "Maison Lune", "excellent"));
        // Only quality experts open it; a refused or unknown piece is not found.
        s.site.get(&s.partner.cookie, &item).await.expect(404);
        s.site.get(bench, "/back-office/trade-in/items/999999").await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn item9_t7_the_dashboard_counts_each_channels_redemptions_without_the_reversed_ones(db) {
        let s = setup(db).await;
        let bench = s.site.principal(&s.bench).await;
        let partner = s.site.principal(&s.partner).await;
        let id = accepted_box(&s).await;
        boxes::arrive(&s.site.app, &bench, id).await.unwrap();
        let coat = boxes::for_staff(&s.site.app, &bench, id).await.unwrap().1[0].id;
        let accept = VerdictInput { accept: true, grade: None, reason: None };
        boxes::inspect(&s.site.app, &bench, coat, &accept).await.unwrap();
        let ask = tradein::credit::VoucherInput { programme_id: s.programme, amount_cents: 5_000, issue_at: None };
        tradein::credit::request(&s.site.app, &s.person, &ask).await.unwrap();
        let code = tradein::credit::wallet(&s.site.app, &s.person).await.unwrap().vouchers[0].instrument.code.clone();
        let mut tills = Vec::new();
        for (name, kind) in [("Caisse Marais", "boutique"), ("E-shop Maison Lune", "eshop")] {
            let (_, secret) = tradein::channels::create(&s.site.app, &partner, s.programme, name, kind).await.unwrap();
            tills.push(tradein::channels::authenticate(&s.site.app, &secret.0).await.unwrap());
        }
        tradein::channels::redeem(&s.site.app, &tills[0], &code, 2_000, "k1", "T-1").await.unwrap();
        tradein::channels::redeem(&s.site.app, &tills[1], &code, 1_000, "k2", "W-1").await.unwrap();
        let refunded = tradein::channels::redeem(&s.site.app, &tills[0], &code, 500, "k3", "T-2").await.unwrap();
        tradein::channels::reverse(&s.site.app, &tills[0], refunded.redemption.id).await.unwrap();
        let d = s.site.get(&s.partner.cookie, &format!("/partner/programmes/{}/dashboard", s.programme)).await.expect(200);
        let table = &d.body[position(&d.body, "id=\"by-channel\"")..];
        let table = &table[..table.find("</table>").unwrap()];
        let row = |name: &str, kind: &str, count: i64, cents: i64| {
            format!("<tr><td>{name}</td><td>{kind}</td><td class=\"num\">{count}</td><td class=\"num\">{}</td></tr>", pepite_web_money(cents))
        };
        assert!(table.contains(&row("Caisse Marais", "Boutique", 1, 2_000)), "{table}");
        assert!(table.contains(&row("E-shop Maison Lune", "Boutique en ligne", 1, 1_000)), "{table}");
    }
);
