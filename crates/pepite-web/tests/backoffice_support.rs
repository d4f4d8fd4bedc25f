//! Customer service's shared inbox in the back office (S1, S2, A3, A4), through the pages on
//! SQLite and PostgreSQL: the filters and the overdue first, assignment and state from a
//! stale page told in a sentence, notes the person never reads, saved answers put in the box
//! in the conversation's language, the collision warning between two agents, and nobody
//! without customer service's role finding the pages.

mod support;

use pepite_app::support::{self as cs, OpenInput};
use pepite_domain::account::Role;
use pepite_domain::commerce::ShippingMode;
use support::orders::{NOW_US, fixed_clock, listed, order};
use support::people;
use support::sell::{Person, Site, open_shop};

const HOUR_US: i64 = 3_600_000_000;

/// A shop with two listed pieces, a buyer and two customer-service agents, on Friday
/// 20 November 2026 at 10:00 in Paris.
struct Desk {
    site: Site,
    camille: Person,
    anne: Person,
    bruno: Person,
    robe: i64,
    veste: i64,
}

impl Desk {
    async fn new(db: pepite_store::Db) -> Desk {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        Desk {
            robe: listed(&site, &lea, "Robe portefeuille", "Sézane", 8_500).await,
            veste: listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await,
            camille: site.person("camille@example.fr", &[]).await,
            anne: site
                .person("anne@pepite.fr", &[Role::CustomerService])
                .await,
            bruno: site
                .person("bruno@pepite.fr", &[Role::CustomerService])
                .await,
            site,
        }
    }

    /// A conversation `who` opens through the use case; its id.
    async fn ask(
        &self,
        who: &Person,
        subject: &str,
        order: Option<i64>,
        piece: Option<i64>,
    ) -> i64 {
        let principal = self.site.principal(who).await;
        let input = OpenInput {
            subject: subject.into(),
            body: format!("Bonjour, {subject} ?"),
            order_id: order,
            piece_id: piece,
            ..OpenInput::default()
        };
        cs::open(&self.site.app, &principal, 1, &input)
            .await
            .unwrap()
            .conversation
            .id
    }

    async fn set_clock(&self, at: i64) {
        pepite_store::clock::set(&self.site.app.db, at)
            .await
            .unwrap();
    }

    async fn inbox(&self, who: &Person, query: &str) -> String {
        self.site
            .get(&who.cookie, &format!("/back-office/support{query}"))
            .await
            .expect(200)
            .body
    }

    async fn conversation(&self, id: i64) -> pepite_store::support::ConversationRow {
        pepite_store::support::by_id(&self.site.app.db, id)
            .await
            .unwrap()
            .unwrap()
    }

    /// The authors of the messages the person reads.
    async fn person_reads(&self, who: &Person, id: i64) -> Vec<String> {
        let principal = self.site.principal(who).await;
        let t = cs::thread(&self.site.app, &principal, id).await.unwrap();
        t.messages.iter().map(|m| m.body.clone()).collect()
    }
}

fn path(id: i64, action: &str) -> String {
    format!("/back-office/support/{id}{action}")
}

/// The last message id the page's answer form carries.
fn seen(page: &str) -> String {
    let field = r#"name="seen" value=""#;
    let at = page.find(field).expect("the answer form") + field.len();
    page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

pepite_testkit::both_backends!(
    async fn s1_s2_the_inbox_filters_by_state_assignee_order_and_piece_and_puts_the_overdue_first(db) {
        let d = Desk::new(db).await;
        let bought = order(&d.site, &d.camille, &[d.veste], ShippingMode::Direct, None).await.order_id;
        let taille = d.ask(&d.camille, "Taille de la robe", None, Some(d.robe)).await;
        d.set_clock(NOW_US + HOUR_US).await;
        let colis = d.ask(&d.camille, "Colis en retard", Some(bought), None).await;
        d.set_clock(NOW_US + 2 * HOUR_US).await;
        let autre = d.ask(&d.camille, "Question sur les retours", None, None).await;
        let anne = d.site.principal(&d.anne).await;
        cs::assign(&d.site.app, &anne, colis, Some(d.anne.user_id), d.conversation(colis).await.version).await.unwrap();
        cs::set_state(&d.site.app, &anne, taille, "closed", d.conversation(taille).await.version).await.unwrap();

        let all = d.inbox(&d.anne, "").await;
        for subject in ["Taille de la robe", "Colis en retard", "Question sur les retours"] {
            assert!(all.contains(subject), "{subject}: {all}");
        }
        assert!(all.contains("camille") && all.contains("camille@example.fr"), "the person");
        assert!(!all.contains("En retard</strong>"), "nothing overdue on Friday morning");
        let only = |page: &str, shown: &[&str], hidden: &[&str]| {
            for s in shown { assert!(page.contains(s), "{s} shown: {page}"); }
            for s in hidden { assert!(!page.contains(s), "{s} hidden: {page}"); }
        };
        only(&d.inbox(&d.anne, "?state=closed").await, &["Taille de la robe"], &["Colis en retard", "Question sur les retours"]);
        only(&d.inbox(&d.anne, "?state=open").await, &["Colis en retard", "Question sur les retours"], &["Taille de la robe"]);
        only(&d.inbox(&d.anne, "?assigned=me").await, &["Colis en retard"], &["Taille de la robe", "Question sur les retours"]);
        only(&d.inbox(&d.anne, "?assigned=none").await, &["Taille de la robe", "Question sur les retours"], &["Colis en retard"]);
        only(&d.inbox(&d.anne, &format!("?order={bought}")).await, &["Colis en retard"], &["Taille de la robe", "Question sur les retours"]);
        only(&d.inbox(&d.anne, &format!("?piece=%23{}", d.robe)).await, &["Taille de la robe"], &["Colis en retard", "Question sur les retours"]);
        assert!(d.inbox(&d.bruno, "?assigned=me").await.contains("Aucune conversation ne correspond."));
        let mut assigned = d.inbox(&d.anne, "?state=open").await;
        assert!(assigned.contains("anne"), "the assignee's name");
        let typo = d.inbox(&d.anne, "?order=abc").await;
        assert!(typo.contains("Indiquez un nombre entier.") && typo.contains(r#"aria-invalid="true""#), "{typo}");

        // Monday: both open answers are late, the oldest due first, marked; in English too.
        d.set_clock(NOW_US + 72 * HOUR_US).await;
        assigned = d.inbox(&d.anne, "?state=open").await;
        assert_eq!(assigned.matches(r#"<tr class="overdue">"#).count(), 2, "{assigned}");
        assert!(assigned.contains("En retard</strong> 20 novembre 2026 à 16:00"), "due in Paris time: {assigned}");
        assert!(assigned.find("Colis en retard") < assigned.find("Question sur les retours"));
        let english = d.site.get(&d.anne.in_english(), "/back-office/support?state=open").await.expect(200);
        assert!(english.has("Late</strong>") && english.has("To answer"), "{}", english.body);
        assert!(english.has(&format!(r#"href="/back-office/support/{autre}""#)), "a link to each conversation");
    }
);

pepite_testkit::both_backends!(
    async fn s1_assignment_and_state_from_a_stale_page_say_someone_changed_the_conversation(db) {
        let d = Desk::new(db).await;
        let id = d.ask(&d.camille, "Taille de la robe", None, Some(d.robe)).await;
        let read = d.conversation(id).await.version.to_string();
        let page = d.site.get(&d.anne.cookie, &path(id, "")).await.expect(200);
        assert!(page.has(&format!(r#"name="version" value="{read}""#)), "{}", page.body);

        let took = d.site.post(&d.bruno.cookie, &path(id, "/assignment"), &[("assignee", "me"), ("version", &read)]).await.expect(303);
        assert!(d.site.get(&d.bruno.cookie, took.location()).await.expect(200).has("Attribution enregistrée."));
        // Anne still has the page she read before Bruno took it.
        let closed = d.site.post(&d.anne.cookie, &path(id, "/state"), &[("state", "closed"), ("version", &read)]).await.expect(303);
        let told = d.site.get(&d.anne.cookie, closed.location()).await.expect(200);
        assert!(told.has("Quelqu’un a modifié cette conversation depuis que vous l’avez ouverte"), "{}", told.body);
        let mine = d.anne.user_id.to_string();
        let again = d.site.post(&d.anne.in_english(), &path(id, "/assignment"), &[("assignee", &mine), ("version", &read)]).await.expect(303);
        let told = d.site.get(&d.anne.in_english(), again.location()).await.expect(200);
        assert!(told.has("Someone changed this conversation since you opened it"), "{}", told.body);
        let now = d.conversation(id).await;
        assert_eq!((now.state.as_str(), now.assignee_id), ("open", Some(d.bruno.user_id)), "nothing changed");

        // From the current version, it works; a person without the role cannot be given it.
        let current = now.version.to_string();
        d.site.post(&d.anne.cookie, &path(id, "/state"), &[("state", "waiting_seller"), ("version", &current)]).await.expect(303);
        assert_eq!(d.conversation(id).await.state, "waiting_seller");
        let current = d.conversation(id).await.version.to_string();
        let camille = d.camille.user_id.to_string();
        let refused = d.site.post(&d.anne.cookie, &path(id, "/assignment"), &[("assignee", &camille), ("version", &current)]).await.expect(303);
        assert!(d.site.get(&d.anne.cookie, refused.location()).await.expect(200).has("n’est pas au service client"));
        assert_eq!(d.conversation(id).await.assignee_id, Some(d.bruno.user_id));
    }
);

pepite_testkit::both_backends!(
    async fn a3_a_note_is_shown_as_a_note_and_never_reaches_the_person(db) {
        let d = Desk::new(db).await;
        let id = d.ask(&d.camille, "Taille de la robe", None, Some(d.robe)).await;
        let page = d.site.get(&d.anne.cookie, &path(id, "")).await.expect(200).body;
        let note = "Cliente fidèle : geste commercial possible";
        let sent = d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", note), ("kind", "note"), ("seen", &seen(&page))]).await.expect(303);
        let page = d.site.get(&d.anne.cookie, sent.location()).await.expect(200);
        assert!(page.has("Note ajoutée."));
        let at = page.body.find(note).expect("the note is on the page");
        let item = &page.body[page.body[..at].rfind("<li").unwrap()..at];
        assert!(item.contains("message-note") && item.contains("Note interne"), "marked as a note: {item}");
        assert_eq!(d.conversation(id).await.state, "open", "a note answers nothing");

        let answer = "Elle taille normalement.";
        d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", answer), ("kind", "answer"), ("seen", &seen(&page.body))]).await.expect(303);
        let read = d.person_reads(&d.camille, id).await;
        assert_eq!(read, ["Bonjour, Taille de la robe ?", answer], "A3: the note stays with staff");
        assert_eq!(d.conversation(id).await.state, "waiting_person");
        // A refused message comes back with its text and the field's sentence.
        let empty = d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", "  "), ("kind", "note")]).await.expect(422);
        assert!(empty.has("Ce champ est obligatoire.") && empty.has(r#"aria-invalid="true""#));
    }
);

/// The conversation's page after Anne asks for saved answer `saved` to go in her box.
async fn fill(d: &Desk, id: i64, typed: &str, saved: &str) -> String {
    let fields = [
        ("message", typed),
        ("kind", "answer"),
        ("saved", saved),
        ("insert", "1"),
    ];
    d.site
        .post(&d.anne.cookie, &path(id, "/messages"), &fields)
        .await
        .expect(200)
        .body
}

pepite_testkit::both_backends!(
    async fn s1_a_saved_answer_goes_in_the_box_in_the_conversation_language(db) {
        let d = Desk::new(db).await;
        let saved = "/back-office/support/saved-answers";
        let fields = [("title", "Délais d’envoi"), ("fr", "Votre colis part sous 48 heures."), ("en", "Your parcel leaves within 48 hours.")];
        let made = d.site.post(&d.anne.cookie, saved, &fields).await.expect(303);
        let list = d.site.get(&d.anne.cookie, made.location()).await.expect(200);
        assert!(list.has("Réponse enregistrée ajoutée.") && list.has("Délais d’envoi"));
        let taken = d.site.post(&d.bruno.cookie, saved, &[("title", "DÉLAIS D’ENVOI"), ("fr", "x"), ("en", "y")]).await.expect(422);
        assert!(taken.has("Déjà utilisé"), "one title, whatever its case: {}", taken.body);
        let missing = d.site.post(&d.bruno.cookie, saved, &[("title", "Retours"), ("fr", "Sous 14 jours.")]).await.expect(422);
        assert!(missing.has("Ce champ est obligatoire.") && missing.has("Sous 14 jours."), "the text is kept");
        let rows = pepite_store::support::saved::all(&d.site.app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        let saved_id = rows[0].id.to_string();

        // John writes in English; Camille in French.
        let input = people::sign_up_input("john@example.com", "john", "en");
        people::register(&d.site.app, &input, &[]).await;
        let secret = people::browser_session(&d.site.app, "john@example.com", "john", "").await;
        let john = people::principal(&d.site.app, &secret).await;
        let question = OpenInput { subject: "Delivery".into(), body: "When will it ship?".into(), ..OpenInput::default() };
        let english = cs::open(&d.site.app, &john, 1, &question).await.unwrap().conversation.id;
        let french = d.ask(&d.camille, "Envoi", None, None).await;

        let page = fill(&d, english, "Hello John,", &saved_id).await;
        assert!(page.contains("Hello John,\n\nYour parcel leaves within 48 hours.</textarea>"), "{page}");
        assert!(page.contains("The person writes in") || page.contains("La personne écrit en anglais"));
        let page = fill(&d, french, "", &saved_id).await;
        assert!(page.contains(">Votre colis part sous 48 heures.</textarea>"), "{page}");
        assert_eq!(d.person_reads(&d.camille, french).await.len(), 1, "nothing sent by inserting");

        // Changed, then deleted.
        let edit = format!("{saved}/{saved_id}");
        assert!(d.site.get(&d.anne.cookie, &edit).await.expect(200).has("Your parcel leaves within 48 hours."));
        let changed = [("title", "Délais"), ("fr", "Sous 24 heures."), ("en", "Within 24 hours.")];
        d.site.post(&d.anne.cookie, &edit, &changed).await.expect(303);
        assert!(fill(&d, english, "", &saved_id).await.contains(">Within 24 hours.</textarea>"));
        d.site.post(&d.anne.cookie, &format!("{edit}/delete"), &[]).await.expect(303);
        assert!(pepite_store::support::saved::all(&d.site.app.db).await.unwrap().is_empty());
        d.site.get(&d.anne.cookie, &edit).await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn s1_collision_an_answer_after_another_agents_is_kept_unsent_until_read(db) {
        let d = Desk::new(db).await;
        let id = d.ask(&d.camille, "Taille de la robe", None, Some(d.robe)).await;
        let annes = d.site.get(&d.anne.cookie, &path(id, "")).await.expect(200).body;
        assert!(!annes.contains("regarde aussi"), "alone so far");
        let brunos = d.site.get(&d.bruno.cookie, &path(id, "")).await.expect(200).body;
        assert!(brunos.contains("anne regarde aussi cette conversation."), "{brunos}");

        let a = "Elle taille normalement.";
        d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", a), ("kind", "answer"), ("seen", &seen(&annes))]).await.expect(303);
        let b = "Prenez une taille au-dessus.";
        let stale = d.site.post(&d.bruno.cookie, &path(id, "/messages"), &[("message", b), ("kind", "answer"), ("seen", &seen(&brunos))]).await.expect(409);
        assert!(stale.has("Un nouveau message est arrivé pendant que vous écriviez"), "{}", stale.body);
        assert!(stale.has(&format!(">{b}</textarea>")), "Bruno's text is kept");
        let at = stale.body.find(a).expect("Anne's answer is shown");
        let item = &stale.body[stale.body[..at].rfind("<li").unwrap()..at];
        assert!(item.contains("message-new") && item.contains("Nouveau"), "{item}");
        assert_eq!(d.person_reads(&d.camille, id).await, ["Bonjour, Taille de la robe ?", a], "B's answer was not sent");

        // Having read it, Bruno sends his text: the form now carries Anne's answer.
        assert_ne!(seen(&stale.body), seen(&brunos));
        d.site.post(&d.bruno.cookie, &path(id, "/messages"), &[("message", b), ("kind", "answer"), ("seen", &seen(&stale.body))]).await.expect(303);
        assert_eq!(d.person_reads(&d.camille, id).await.len(), 3);
        // The person writing again counts too; a note does not.
        let page = d.site.get(&d.anne.cookie, &path(id, "")).await.expect(200).body;
        let camille = d.site.principal(&d.camille).await;
        cs::write(&d.site.app, &camille, id, "Merci !").await.unwrap();
        d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", "Note"), ("kind", "note"), ("seen", &seen(&page))]).await.expect(303);
        d.site.post(&d.anne.cookie, &path(id, "/messages"), &[("message", "Avec plaisir."), ("kind", "answer"), ("seen", &seen(&page))]).await.expect(409);
        // Two minutes later, nobody else is looking.
        d.set_clock(NOW_US + 3 * 60_000_000).await;
        assert!(!d.site.get(&d.bruno.cookie, &path(id, "")).await.expect(200).has("regarde aussi"));
    }
);

pepite_testkit::both_backends!(
    async fn a4_without_customer_service_role_no_inbox_and_no_conversation(db) {
        let d = Desk::new(db).await;
        let id = d.ask(&d.camille, "Taille de la robe", None, Some(d.robe)).await;
        let workshop = d.site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        for who in [&d.camille, &workshop] {
            for page in ["/back-office/support".to_owned(), path(id, ""), "/back-office/support/saved-answers".to_owned()] {
                d.site.get(&who.cookie, &page).await.expect(404);
            }
            d.site.post(&who.cookie, &path(id, "/messages"), &[("message", "Bonjour"), ("kind", "answer")]).await.expect(404);
            d.site.post(&who.cookie, "/back-office/support/saved-answers", &[("title", "t"), ("fr", "a"), ("en", "b")]).await.expect(404);
        }
        let anonymous = d.site.get("", &path(id, "")).await.expect(303);
        assert!(anonymous.location().starts_with("/sign-in?next="));
        assert_eq!(d.person_reads(&d.camille, id).await.len(), 1, "nothing written");
        let admin = d.site.person("admin@pepite.fr", &[Role::Admin]).await;
        assert!(d.site.get(&admin.cookie, &path(id, "")).await.expect(200).has("Taille de la robe"));
        // The back office's navigation and dashboard lead customer service there.
        let home = d.site.get(&d.anne.cookie, "/back-office").await.expect(200);
        assert!(home.has(r#"href="/back-office/support""#) && home.has("conversations à traiter au service client"), "{}", home.body);
        let home = d.site.get(&workshop.cookie, "/back-office").await.expect(200);
        assert!(!home.has(r#"href="/back-office/support""#));
    }
);

pepite_testkit::both_backends!(
    async fn a4_a_visitors_conversation_shows_the_orders_of_the_account_at_that_address_with_a_warning(db) {
        let d = Desk::new(db).await;
        let bought = order(&d.site, &d.camille, &[d.robe], ShippingMode::Direct, None).await;
        let number = bought.number.clone().expect("paid");
        // Someone writes without signing in, giving Camille's address.
        let visitor = cs::visitor_key();
        let input = OpenInput { body: "Où est ma commande ?".into(), ..OpenInput::default() };
        let id = cs::open_as(&d.site.app, cs::Asker::Visitor(&visitor), "camille@example.fr", "fr", 1, &input)
            .await.unwrap().conversation.id;
        let page = d.site.get(&d.anne.cookie, &path(id, "")).await.expect(200).body;
        assert!(page.contains(&number), "the account's order is beside the conversation");
        assert!(page.contains("Une adresse ne prouve rien"), "with the warning: {page}");
        // A signed-in person's own conversation needs no warning; an unknown address shows none.
        let own = d.ask(&d.camille, "Colis", None, None).await;
        let page = d.site.get(&d.anne.cookie, &path(own, "")).await.expect(200).body;
        assert!(page.contains(&number) && !page.contains("Une adresse ne prouve rien"));
        let stranger = cs::open_as(&d.site.app, cs::Asker::Visitor(&cs::visitor_key()), "zoe@example.org", "fr", 1, &input)
            .await.unwrap().conversation.id;
        let page = d.site.get(&d.anne.cookie, &path(stranger, "")).await.expect(200).body;
        assert!(!page.contains(&number) && !page.contains("Une adresse ne prouve rien"));
    }
);
