//! The person's trade-in pages (T1–T4, A4, E1) on both databases: a programme's page and its
//! catalogue search, a quote refused in French words for a 17-year-old and field errors on
//! the form, a quote accepted once through the pages, another person's box looking missing,
//! and the transfer form (download and e-mail attachment) naming the pieces and the total.

mod support;

use pepite_app::notify::{Compose, Notice};
use pepite_app::tradein::catalogue;
use pepite_domain::account::{Language, Role};
use support::outbox;
use support::pages::Site;
use support::people;

/// Friday 20 November 2026, 10:00 in Paris: the autumn-winter 2026 season is on sale.
const T0: i64 = 1_795_165_200_000_000;

const CATALOGUE: &str = "style_id;name;brand;category;season;reference_price;photo_url
ML-100;Manteau Lune;Maison Lune;coats;AW24;300,00;
ML-200;Robe Soleil;Maison Lune;dresses;SS25;150;
ML-300;Culotte dentelle;Maison Lune;underwear;SS25;40;
";

/// A programme with its catalogue, and a person signed in; their cookie.
async fn setup(site: &Site) -> (i64, String) {
    pepite_store::clock::set(&site.app.db, T0).await.unwrap();
    for (email, role) in [
        ("admin@x.fr", Role::Admin),
        ("marque@x.fr", Role::BrandPartner),
    ] {
        let input = people::sign_up_input(email, "Équipe", "fr");
        people::register(&site.app, &input, &[role]).await;
    }
    let (admin, _) = site.session("admin@x.fr").await;
    let (partner, _) = site.session("marque@x.fr").await;
    let id = catalogue::create(
        &site.app,
        &admin,
        "maison-lune",
        "Maison Lune",
        Some(partner.user_id),
        &["Maison Lune".into()],
    )
    .await
    .unwrap();
    let none = |_: &str, _: &str| None;
    catalogue::import_styles(&site.app, &partner, id, CATALOGUE.as_bytes(), &none)
        .await
        .unwrap();
    let (_, cookie) = site.account("camille@x.fr", "Camille Martin").await;
    (id, cookie)
}

/// The style ids of the catalogue, by reference.
async fn style(site: &Site, programme: i64, reference: &str) -> i64 {
    let p = pepite_app::tradein::programme(&site.app, programme)
        .await
        .unwrap();
    catalogue::search(&site.app, &p, reference, 5)
        .await
        .unwrap()[0]
        .id
}

/// The quote form's body for these pieces (style, grade, defects).
fn quote_body(birth: &str, pieces: &[(i64, &str, &[&str])]) -> String {
    let mut body = format!(
        "birth_date={birth}&full_name=Camille+Martin&address=12+rue+des+Lilas&postal_code=75011&city=Paris&country=FR"
    );
    for (id, grade, defects) in pieces {
        body.push_str(&format!("&style={id}&grade={grade}"));
        for d in *defects {
            body.push_str(&format!("&defect={id}%3A{d}"));
        }
    }
    body
}

/// The box number in an answer page's accept button.
fn box_id(body: &str) -> i64 {
    let (_, rest) = body.split_once("/trade-in/boxes/").expect("an accept form");
    rest.split('/').next().unwrap().parse().unwrap()
}

/// Camille's quote for the coat, "excellent", through the form: its box number.
async fn coat_quoted(site: &Site, programme: i64, cookie: &str) -> i64 {
    let coat = style(site, programme, "ML-100").await;
    let body = quote_body("1990-05-01", &[(coat, "excellent", &[])]);
    let answer = site
        .post("/trade-in/maison-lune/quote", cookie, &body)
        .await
        .expect(200);
    box_id(&answer.body)
}

pepite_testkit::both_backends!(
    async fn t1_a_seventeen_year_old_is_refused_in_french_words_and_fields_are_checked(db) {
        let site = Site::new(db).await;
        let (programme, cookie) = setup(&site).await;
        // Signed out: to the sign-in page, like every account page.
        assert!(site.get("/trade-in/maison-lune").await.expect(303).location().starts_with("/sign-in"));
        let list = site.get_as("/trade-in", &cookie).await.expect(200);
        assert!(list.has(r#"href="/trade-in/maison-lune""#));
        let page = site.get_as("/trade-in/maison-lune?q=manteau", &cookie).await.expect(200);
        assert!(page.has("Manteau Lune") && page.has("À partir de 18 ans."), "{}", page.body);
        assert!(page.has("Sauf ces catégories : Lingerie"), "{}", page.body);
        let coat = style(&site, programme, "ML-100").await;
        let added = site.get_as(&format!("/trade-in/maison-lune?q=manteau&pick={coat}"), &cookie).await.expect(200);
        assert!(added.has(&format!(r#"name="style" value="{coat}""#)) && added.has("Elle est tachée"));

        // Eighteen tomorrow: refused with the minimum and the age, nothing saved.
        let young = site
            .post("/trade-in/maison-lune/quote", &cookie, &quote_body("2008-11-21", &[(coat, "excellent", &[])]))
            .await
            .expect(200);
        assert!(young.has("Il faut avoir au moins 18 ans ; vous en avez 17."), "{}", young.body);
        assert!(!young.has("tradein-accept"));
        // A stained piece is refused with its defect named; the grid line priced the other.
        let dress = style(&site, programme, "ML-200").await;
        let mixed = site
            .post("/trade-in/maison-lune/quote", &cookie, &quote_body("1990-05-01", &[(coat, "excellent", &[]), (dress, "very_good", &["stained"])]))
            .await
            .expect(200);
        assert!(mixed.has("Pièce non reprise à cause de : Elle est tachée."), "{}", mixed.body);
        assert!(mixed.has("Grille : toutes catégories, collection de 2 an(s) au plus, Excellent état, 35 %"), "{}", mixed.body);
        assert!(mixed.has("105,00"));
        // Bad fields come back on the form in French, with what was typed.
        let bad = site
            .post("/trade-in/maison-lune/quote", &cookie, &quote_body("", &[(coat, "excellent", &[])]).replace("city=Paris", "city="))
            .await
            .expect(422);
        assert!(bad.has("Ce champ est obligatoire.") && bad.has(r#"aria-describedby="birth_date-error""#), "{}", bad.body);
        assert!(bad.has(r#"value="12 rue des Lilas""#));
        let english = site.get_as("/trade-in/maison-lune", &format!("{cookie}; pepite_lang=en")).await.expect(200);
        assert!(english.has("From the age of 18."));
    }
);

pepite_testkit::both_backends!(
    async fn t4_an_offer_is_accepted_once_and_another_persons_box_is_not_found(db) {
        let site = Site::new(db).await;
        let (programme, cookie) = setup(&site).await;
        let id = coat_quoted(&site, programme, &cookie).await;
        let path = format!("/trade-in/boxes/{id}");
        // No documents before the offer is accepted.
        site.get_as(&format!("{path}/transfer-form.pdf"), &cookie).await.expect(404);
        let done = site.post(&format!("{path}/accept"), &cookie, "").await.expect(303);
        let page = site.get_as(done.location(), &cookie).await.expect(200);
        assert!(page.has("Offre acceptée, colis à envoyer") && page.has(&format!("SBT{id:010}")), "{}", page.body);
        let again = site.post(&format!("{path}/accept"), &cookie, "").await.expect(409);
        assert!(again.has("Vous avez déjà accepté cette offre"), "{}", again.body);
        // A4: someone else sees nothing of it, documents included.
        let (_, other) = site.account("autre@x.fr", "Autre").await;
        site.get_as(&path, &other).await.expect(404);
        site.get_as(&format!("{path}/transfer-form.pdf"), &other).await.expect(404);
        site.get_as(&format!("{path}/label.pdf"), &other).await.expect(404);
        site.post(&format!("{path}/accept"), &other, "").await.expect(404);
        // The person finds the box again from the programmes' page; the other person does not.
        assert!(site.get_as("/trade-in", &cookie).await.expect(200).has(&format!(r#"href="{path}""#)));
        assert!(!site.get_as("/trade-in", &other).await.expect(200).has(&format!(r#"href="{path}""#)));
    }
);

pepite_testkit::both_backends!(
    async fn t4_the_transfer_form_names_the_pieces_and_the_total_on_the_page_and_in_the_email(db) {
        let site = Site::new(db).await;
        let (programme, cookie) = setup(&site).await;
        let coat = style(&site, programme, "ML-100").await;
        let dress = style(&site, programme, "ML-200").await;
        let answer = site
            .post("/trade-in/maison-lune/quote", &cookie, &quote_body("1990-05-01", &[(coat, "excellent", &[]), (dress, "new_with_tags", &[])]))
            .await
            .expect(200);
        // 35 % of 300 € and 45 % of 150 €.
        assert!(answer.has("172,50"), "{}", answer.body);
        let id = box_id(&answer.body);
        site.post(&format!("/trade-in/boxes/{id}/accept"), &cookie, "").await.expect(303);
        let form = site.get_as(&format!("/trade-in/boxes/{id}/transfer-form.pdf"), &cookie).await.expect(200);
        assert_eq!(form.content_type(), "application/pdf");
        let label = site.get_as(&format!("/trade-in/boxes/{id}/label.pdf"), &cookie).await.expect(200);
        let Some(text) = pepite_testkit::pdf::text(&form.bytes) else { return };
        for shown in ["ML-100", "Manteau Lune", "ML-200", "Robe Soleil", "Neuve avec étiquette", "172,50 €", "Camille Martin", "1 mai 1990", "Signature"] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
        let label = pepite_testkit::pdf::text(&label.bytes).unwrap();
        assert!(label.contains(&format!("SBT{id:010}")) && label.contains("12 rue des Lilas"), "{label}");
        // E1: the acceptance e-mail carries the same form.
        let row = outbox::newest(&site.app, "camille@x.fr", "tradein_accepted").await;
        let notice = Notice::from_json(&row.params).unwrap();
        let message = pepite_web::emails::Composer::new("https://pepite.test").compose(Language::Fr, &notice).unwrap();
        assert_eq!(message.attachments.len(), 1);
        let attached = pepite_testkit::pdf::text(&message.attachments[0].bytes).unwrap();
        assert!(attached.contains("Robe Soleil") && attached.contains("172,50 €"), "{attached}");
        // The history keeps the offer, not the person's address and birth date.
        assert!(matches!(notice.redacted(), Notice::TradeInAccepted { form: None, .. }));
    }
);

pepite_testkit::both_backends!(
    async fn t6_t7_the_box_shows_its_outcome_and_the_credit_page_explains_each_refused_voucher(db) {
        let site = Site::new(db).await;
        let (programme, cookie) = setup(&site).await;
        let id = coat_quoted(&site, programme, &cookie).await;
        site.post(&format!("/trade-in/boxes/{id}/accept"), &cookie, "").await.expect(303);
        let input = people::sign_up_input("expert@x.fr", "Expert", "fr");
        people::register(&site.app, &input, &[Role::Workshop]).await;
        let (expert, _) = site.session("expert@x.fr").await;
        pepite_app::tradein::boxes::arrive(&site.app, &expert, id).await.unwrap();
        // T6: arrived Friday 20 November: 15 business days later is Friday 11 December.
        let arrived = site.get_as(&format!("/trade-in/boxes/{id}"), &cookie).await.expect(200);
        assert!(arrived.has("Réponse attendue au plus tard le 11 décembre 2026"), "{}", arrived.body);
        let (_, items) = pepite_app::tradein::boxes::mine(&site.app, &site.session("camille@x.fr").await.0, id).await.unwrap();
        let keep = pepite_app::tradein::boxes::VerdictInput { accept: true, grade: None, reason: None };
        pepite_app::tradein::boxes::inspect(&site.app, &expert, items[0].id, &keep).await.unwrap();
        let handled = site.get_as(&format!("/trade-in/boxes/{id}"), &cookie).await.expect(200);
        assert!(handled.has("Acceptée en Excellent état pour 105,00"), "{}", handled.body);

        let credit = site.get_as("/trade-in/credit", &cookie).await.expect(200);
        assert!(credit.has("105,00"), "{}", credit.body);
        let ask = |amount: &str, later: &str| {
            let when = if later.is_empty() { "now" } else { "later" };
            format!("programme={programme}&amount={amount}&when={when}&issue_on={later}")
        };
        for (body, said) in [
            (ask("200", ""), "Votre crédit ne suffit pas pour ce montant."),
            (ask("2", ""), "Un bon d’achat vaut au moins 5,00"),
            (ask("10", "2028-06-01"), "Choisissez une date dans les 366 jours."),
            (ask("10", "01/12/2026"), "Indiquez une date au format AAAA-MM-JJ."),
        ] {
            let refused = site.post("/trade-in/credit/vouchers", &cookie, &body).await.expect(422);
            assert!(refused.has(said), "{said}: {}", refused.body);
        }
        // A voucher for a later day, withdrawn (once); then one now.
        let later = site.post("/trade-in/credit/vouchers", &cookie, &ask("30", "2026-12-24")).await.expect(303);
        assert!(later.location().ends_with("done=scheduled"));
        let page = site.get_as(later.location(), &cookie).await.expect(200);
        assert!(page.has("75,00") && page.has("24 décembre 2026"), "{}", page.body);
        let (_, before) = page.body.split_once("/trade-in/credit/requests/").expect("a withdraw button");
        let request: i64 = before.split('/').next().unwrap().parse().unwrap();
        let withdraw = format!("/trade-in/credit/requests/{request}/withdraw");
        site.post(&withdraw, &cookie, "").await.expect(303);
        let again = site.post(&withdraw, &cookie, "").await.expect(409);
        assert!(again.has("Ce bon a déjà été émis ou retiré."), "{}", again.body);
        let now = site.post("/trade-in/credit/vouchers", &cookie, &ask("40", "")).await.expect(303);
        let page = site.get_as(now.location(), &cookie).await.expect(200);
        assert!(page.has("Votre bon d’achat est prêt") && page.has("Actif") && page.has("65,00"), "{}", page.body);
        // A4: another person cannot withdraw Camille's requests.
        let (_, other) = site.account("autre@x.fr", "Autre").await;
        site.post(&withdraw, &other, "").await.expect(404);
    }
);
