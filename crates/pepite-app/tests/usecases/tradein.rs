//! The trade-in programme (T1–T7, O10, P2) on SQLite and PostgreSQL with the manual clock:
//! a quote's refusals, its acceptance once with a label, the box's arrival and inspection
//! (a piece accepted at a lower grade, one refused), 15 business days across a holiday,
//! vouchers now and later, their 12-month end, a voucher paying part of an order, and the
//! boutique API under 50 concurrent redemptions; after every step the store credit and
//! voucher liabilities in the ledger equal the stored balances.

use std::sync::Arc;

use crate::offers::{advance, notice};
use crate::support::*;
use pepite_app::accounts::Principal;
use pepite_app::carriers::SandboxCarrier;
use pepite_app::tradein::boxes::{self, PieceInput, QuoteInput, VerdictInput};
use pepite_app::tradein::channels::{self, ChannelRow};
use pepite_app::tradein::credit::{self, VoucherInput};
use pepite_app::tradein::{catalogue, refurb};
use pepite_app::{App, AppError, carts, checkout};
use pepite_domain::account::Role;
use pepite_domain::commerce::Account;
use pepite_domain::tradein::Refusal;
use pepite_store::commerce::{instruments, ledger};
use pepite_store::tradein::credit as credit_store;
use pepite_testkit::both_backends;

/// Friday 20 November 2026, 10:00 in Paris: the autumn-winter 2026 season is on sale.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
const CARD: &str = "4242424242424242";

const CATALOGUE: &str = "style_id;name;brand;category;season;reference_price;photo_url
ML-100;Manteau Lune;Maison Lune;Manteaux;AW24;300,00;
ML-200;Robe Soleil;Maison Lune;dresses;SS25;150;
ML-300;Culotte dentelle;Maison Lune;underwear;SS25;40;
ML-400;Veste 2015;Maison Lune;jackets;AW15;200;
ML-500;Pull de la saison;Maison Lune;knitwear;AW26;120;
ML-600;Chemise;Maison Lune;shirts;SS22;90;
bad;;Maison Lune;spaceship;ZZ;-3;
";

pub(crate) struct Setup {
    pub(crate) app: App,
    pub(crate) programme: i64,
    pub(crate) partner: Principal,
    pub(crate) person: Principal,
    pub(crate) bench: Principal,
    pub(crate) style: std::collections::HashMap<String, i64>,
}

pub(crate) async fn setup(db: pepite_store::Db) -> Setup {
    let app = app(db).with_carrier(Arc::new(SandboxCarrier::new(None)));
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let admin = staff(&app, "admin@x.fr", Role::Admin).await;
    let partner = staff(&app, "marque@x.fr", Role::BrandPartner).await;
    let programme = catalogue::create(
        &app,
        &admin,
        "maison-lune",
        "Maison Lune",
        Some(partner.user_id),
        &["Maison Lune".into()],
    )
    .await
    .unwrap();
    let names =
        |column: &str, raw: &str| (column == "category" && raw == "Manteaux").then_some("coats");
    let report = catalogue::import_styles(&app, &partner, programme, CATALOGUE.as_bytes(), &names)
        .await
        .unwrap();
    assert_eq!(
        (report.added, report.updated, report.refused.len()),
        (6, 0, 1)
    );
    let refused: Vec<&str> = report.refused[0]
        .errors
        .0
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        refused,
        ["name", "category", "season", "reference_price"],
        "t1: each refused cell is named"
    );
    let p = pepite_app::tradein::programme(&app, programme)
        .await
        .unwrap();
    let style = catalogue::search(&app, &p, "", 50)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.style_ref, s.id))
        .collect();
    let person = person(&app, "camille@x.fr").await;
    let bench = staff(&app, "expert@x.fr", Role::Workshop).await;
    Setup {
        app,
        programme,
        partner,
        person,
        bench,
        style,
    }
}

pub(crate) fn quote_input(birth: &str, country: &str, pieces: Vec<PieceInput>) -> QuoteInput {
    QuoteInput {
        birth_date: birth.into(),
        full_name: "Camille Martin".into(),
        address: "12 rue des Lilas".into(),
        postal_code: "75011".into(),
        city: "Paris".into(),
        country: country.into(),
        pieces,
    }
}

pub(crate) fn piece(s: &Setup, style: &str, grade: &str, defects: &[&str]) -> PieceInput {
    PieceInput {
        style_id: s.style[style],
        grade: grade.into(),
        defects: defects.iter().map(|d| d.to_string()).collect(),
    }
}

fn conflict<T: std::fmt::Debug>(r: Result<T, AppError>) -> &'static str {
    match r {
        Err(AppError::Conflict(code)) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn field_code<T: std::fmt::Debug>(r: Result<T, AppError>) -> (String, &'static str) {
    match r {
        Err(AppError::Invalid(e)) => (e.0[0].field.clone(), e.0[0].code),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// P2/T7: the ledger's store-credit and voucher liabilities equal the stored balances.
pub(crate) async fn liabilities_match(app: &App) {
    let accounts = ledger::accounts(&app.db).await.unwrap();
    let mut credit_ledger = 0;
    for (key, balance, _) in &accounts {
        if let Some(Account::StoreCredit { .. }) = Account::parse(key) {
            credit_ledger += balance;
        }
        if let Some(Account::GiftCard(id)) = Account::parse(key) {
            let i = instruments::by_id(&app.db, id).await.unwrap().unwrap();
            assert_eq!(-balance, i.balance_cents, "instrument {id}");
        }
    }
    assert_eq!(
        -credit_ledger,
        credit_store::total(&app.db).await.unwrap(),
        "store credit"
    );
    assert_eq!(
        ledger::audit(&app.db).await.unwrap(),
        (0, 0),
        "the ledger balances"
    );
}

/// A quote for the coat (excellent) and the dress (new with tags), accepted and arrived.
async fn arrived_box(s: &Setup) -> i64 {
    let q = boxes::quote(
        &s.app,
        &s.person,
        s.programme,
        &quote_input(
            "1990-05-01",
            "FR",
            vec![
                piece(s, "ML-100", "excellent", &[]),
                piece(s, "ML-200", "new_with_tags", &[]),
            ],
        ),
    )
    .await
    .unwrap();
    let id = q.box_id.unwrap();
    boxes::accept(&s.app, &s.person, id).await.unwrap();
    advance(&s.app, 2 * DAY).await;
    boxes::arrive(&s.app, &s.bench, id).await.unwrap();
    id
}

both_backends!(
    async fn t1_t2_t3_an_instant_quote_prices_each_piece_and_says_why_others_are_refused(db) {
        let s = setup(db).await;
        let input = quote_input("1990-05-01", "fr", vec![
            piece(&s, "ML-100", "excellent", &[]),
            piece(&s, "ML-300", "excellent", &[]),
            piece(&s, "ML-400", "excellent", &[]),
            piece(&s, "ML-500", "excellent", &[]),
            piece(&s, "ML-600", "very_good", &["stained"]),
        ]);
        let q = boxes::quote(&s.app, &s.person, s.programme, &input).await.unwrap();
        assert!(q.person_refusals.is_empty());
        // T3: AW24 is two years old on 20 November 2026: 35 % of 300 € for "excellent".
        let coat = q.pieces[0].quoted.as_ref().unwrap();
        assert_eq!((coat.amount_cents, coat.line.max_age_years), (10_500, Some(2)));
        assert_eq!(q.total_cents, 10_500);
        let reasons: Vec<&Refusal> = q.pieces[1..].iter().map(|p| &p.refusals[0]).collect();
        assert!(matches!(reasons[0], Refusal::Category { .. }), "underwear");
        assert!(matches!(reasons[1], Refusal::SeasonTooOld { earliest_year: 2016, .. }), "2015");
        assert!(matches!(reasons[2], Refusal::SeasonCurrent { .. }), "this season");
        assert!(matches!(reasons[3], Refusal::Condition { .. }), "stained");
        let saved = q.box_id.expect("a quote with one piece taken is saved");
        let (b, items) = boxes::mine(&s.app, &s.person, saved).await.unwrap();
        assert_eq!((b.state.as_str(), b.quoted_cents, items.len()), ("quoted", 10_500, 1));

        // T1: a 17-year-old (18 tomorrow) and a resident of Portugal are told why; nothing saved.
        let young = boxes::quote(&s.app, &s.person, s.programme, &quote_input("2008-11-21", "FR", vec![piece(&s, "ML-100", "excellent", &[])])).await.unwrap();
        assert_eq!(young.person_refusals, vec![Refusal::TooYoung { min_age: 18, age: 17 }]);
        assert_eq!(young.box_id, None);
        let abroad = boxes::quote(&s.app, &s.person, s.programme, &quote_input("1990-05-01", "PT", vec![piece(&s, "ML-100", "excellent", &[])])).await.unwrap();
        assert_eq!(abroad.person_refusals, vec![Refusal::Country { country: "PT".into() }]);
        assert_eq!(boxes::list_mine(&s.app, &s.person).await.unwrap().len(), 1);
        // Bad input is a field error, never a half-written quote.
        let bad = quote_input("01/05/1990", "FR", vec![piece(&s, "ML-100", "mint", &[])]);
        assert_eq!(field_code(boxes::quote(&s.app, &s.person, s.programme, &bad).await).0, "birth_date");
        // T2: the catalogue is searched by name or style id, whatever the accents and case.
        let p = pepite_app::tradein::programme(&s.app, s.programme).await.unwrap();
        let found = catalogue::search(&s.app, &p, "manteau LUNE", 10).await.unwrap();
        assert_eq!(found.iter().map(|x| x.style_ref.as_str()).collect::<Vec<_>>(), ["ML-100"]);
        assert_eq!(catalogue::search(&s.app, &p, "ml-20", 10).await.unwrap()[0].style_ref, "ML-200");
    }
);

both_backends!(
    async fn t4_a_quote_is_accepted_once_with_one_prepaid_label_and_a_notice(db) {
        let s = setup(db).await;
        let q = boxes::quote(&s.app, &s.person, s.programme, &quote_input("1990-05-01", "FR", vec![piece(&s, "ML-100", "excellent", &[])])).await.unwrap();
        let id = q.box_id.unwrap();
        // A4: another person's box looks missing.
        let other = person(&s.app, "autre@x.fr").await;
        assert!(matches!(boxes::accept(&s.app, &other, id).await, Err(AppError::NotFound)));
        let (a, b) = tokio::join!(boxes::accept(&s.app, &s.person, id), boxes::accept(&s.app, &s.person, id));
        let outcomes = [a.is_ok(), b.is_ok()];
        assert_eq!(outcomes.iter().filter(|x| **x).count(), 1, "accepted once: {outcomes:?}");
        let accepted = a.or(b).unwrap();
        assert_eq!(accepted.state, "accepted");
        assert_eq!(accepted.tracking.as_deref(), Some(format!("SBT{id:010}").as_str()));
        assert_eq!(conflict(boxes::accept(&s.app, &s.person, id).await), "already_accepted");
        let pepite_app::notify::Notice::TradeInAccepted { total_cents, lines, .. } = notice(&s.app, "camille@x.fr", "tradein_accepted").await else { panic!() };
        assert_eq!((total_cents, lines.len()), (10_500, 1));
    }
);

both_backends!(
    async fn t5_t6_inspection_credits_each_accepted_piece_once_and_returns_the_refused_free(db) {
        let s = setup(db).await;
        let id = arrived_box(&s).await;
        let (b, items) = boxes::mine(&s.app, &s.person, id).await.unwrap();
        assert_eq!(b.state, "arrived");
        // T6: arrived Sunday 22 November... the clock says Sunday: 15 business days later.
        assert_eq!(b.due_on.as_deref(), Some("2026-12-11"));
        let (coat, dress) = (items[0].id, items[1].id);
        // T5: the coat is graded lower than declared: the grid's amount for "very good".
        let lower = VerdictInput { accept: true, grade: Some("very_good".into()), reason: None };
        let higher = VerdictInput { accept: true, grade: Some("new_with_tags".into()), reason: None };
        assert_eq!(field_code(boxes::inspect(&s.app, &s.bench, coat, &higher).await).1, "grade_above_declared");
        // Two experts record the same piece at once: one verdict, one credit.
        let (x, y) = tokio::join!(boxes::inspect(&s.app, &s.bench, coat, &lower), boxes::inspect(&s.app, &s.bench, coat, &lower));
        assert_eq!([x.is_ok(), y.is_ok()].iter().filter(|v| **v).count(), 1);
        let graded = x.or(y).unwrap();
        assert_eq!((graded.final_grade.as_deref(), graded.credited_cents), (Some("very_good"), Some(7_500)));
        assert_eq!(credit_store::balance(&s.app.db, s.programme, s.person.user_id).await.unwrap(), 7_500);
        let pepite_app::notify::Notice::TradeInPieceAccepted { amount_cents, balance_cents, grade, .. } = notice(&s.app, "camille@x.fr", "tradein_piece_accepted").await else { panic!() };
        assert_eq!((amount_cents, balance_cents, grade.as_str()), (7_500, 7_500, "very_good"));
        // T5: the dress is refused (a reason is required) and goes back under its own label.
        let no_reason = VerdictInput { accept: false, grade: None, reason: None };
        assert_eq!(field_code(boxes::inspect(&s.app, &s.bench, dress, &no_reason).await).0, "reason");
        let refuse = VerdictInput { accept: false, grade: None, reason: Some("tache sur le col".into()) };
        let refused = boxes::inspect(&s.app, &s.bench, dress, &refuse).await.unwrap();
        assert_eq!(refused.return_tracking, Some(format!("SBR{dress:010}")));
        assert_eq!(conflict(boxes::inspect(&s.app, &s.bench, dress, &refuse).await), "already_inspected");
        let (b, _) = boxes::mine(&s.app, &s.person, id).await.unwrap();
        assert_eq!(b.state, "handled");
        // Only quality experts inspect.
        assert!(matches!(boxes::inspect(&s.app, &s.person, dress, &refuse).await, Err(AppError::Forbidden)));
        liabilities_match(&s.app).await;
    }
);

both_backends!(
    async fn t6_a_box_is_due_fifteen_business_days_after_arrival_and_late_boxes_come_first(db) {
        let s = setup(db).await;
        let first = arrived_box(&s).await;
        // The second box arrives on Thursday 24 December: Christmas and New Year's Day do
        // not count, so the fifteenth business day is Monday 18 January.
        let later = boxes::quote(&s.app, &s.person, s.programme, &quote_input("1990-05-01", "FR", vec![piece(&s, "ML-600", "excellent", &[])])).await.unwrap().box_id.unwrap();
        boxes::accept(&s.app, &s.person, later).await.unwrap();
        pepite_store::clock::set(&s.app.db, T0 + 34 * DAY).await.unwrap();
        let b = boxes::arrive(&s.app, &s.bench, later).await.unwrap();
        assert_eq!(b.due_on.as_deref(), Some("2027-01-18"));
        let today = pepite_app::tradein::paris_date(s.app.now_us().await.unwrap());
        let queue = boxes::queue(&s.app, &s.bench).await.unwrap();
        assert_eq!(queue.iter().map(|b| b.id).collect::<Vec<_>>(), [first, later]);
        assert!(boxes::is_late(&queue[0], today), "due 11 December, it is 24 December");
        assert!(!boxes::is_late(&queue[1], today));
        assert_eq!(conflict(boxes::arrive(&s.app, &s.bench, later).await), "already_arrived");
    }
);

/// The person's credit after the coat is accepted at "excellent" (105 €).
async fn with_credit(s: &Setup) -> i64 {
    let id = arrived_box(s).await;
    let (_, items) = boxes::mine(&s.app, &s.person, id).await.unwrap();
    let keep = VerdictInput {
        accept: true,
        grade: None,
        reason: None,
    };
    boxes::inspect(&s.app, &s.bench, items[0].id, &keep)
        .await
        .unwrap();
    credit_store::balance(&s.app.db, s.programme, s.person.user_id)
        .await
        .unwrap()
}

async fn voucher(s: &Setup, amount_cents: i64) -> (i64, String) {
    let r = credit::request(
        &s.app,
        &s.person,
        &VoucherInput {
            programme_id: s.programme,
            amount_cents,
            issue_at: None,
        },
    )
    .await
    .unwrap();
    let i = instruments::by_id(&s.app.db, r.instrument_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    (i.id, i.code)
}

pub(crate) async fn till(s: &Setup, name: &str) -> ChannelRow {
    let (_, token) = channels::create(&s.app, &s.partner, s.programme, name, "boutique")
        .await
        .unwrap();
    channels::authenticate(&s.app, &token.0).await.unwrap()
}

both_backends!(
    async fn t7_vouchers_come_from_credit_now_or_later_and_last_twelve_months_to_the_microsecond(db) {
        let s = setup(db).await;
        assert_eq!(with_credit(&s).await, 10_500);
        let ask = |amount_cents, issue_at| VoucherInput { programme_id: s.programme, amount_cents, issue_at };
        assert_eq!(field_code(credit::request(&s.app, &s.person, &ask(20_000, None)).await).1, "credit_too_low");
        let (id, code) = voucher(&s, 4_000).await;
        let v = instruments::by_id(&s.app.db, id).await.unwrap().unwrap();
        let issued = s.app.now_us().await.unwrap();
        // 22 November 2026 + 12 months, same Paris time.
        assert_eq!(v.expires_at - issued, 365 * DAY);
        let pepite_app::notify::Notice::VoucherIssued { amount_cents, .. } = notice(&s.app, "camille@x.fr", "voucher_issued").await else { panic!() };
        assert_eq!(amount_cents, 4_000);
        // A voucher for a later date takes the credit now and is issued when the date comes;
        // another one is withdrawn before its date and its credit comes back.
        let later = credit::request(&s.app, &s.person, &ask(3_000, Some(issued + 10 * DAY))).await.unwrap();
        let withdrawn = credit::request(&s.app, &s.person, &ask(1_000, Some(issued + 10 * DAY))).await.unwrap();
        credit::cancel(&s.app, &s.person, withdrawn.id).await.unwrap();
        assert_eq!(conflict(credit::cancel(&s.app, &s.person, withdrawn.id).await), "already_issued");
        assert_eq!(credit_store::balance(&s.app.db, s.programme, s.person.user_id).await.unwrap(), 3_500);
        assert_eq!(credit::run_timers(&s.app).await.unwrap(), 0);
        advance(&s.app, 10 * DAY).await;
        assert_eq!(credit::run_timers(&s.app).await.unwrap(), 1);
        let later = credit_store::request(&s.app.db, later.id).await.unwrap().unwrap();
        assert_eq!(later.state, "issued");
        liabilities_match(&s.app).await;

        // T7: the month-before notice, once; then the boundary: a microsecond before the end
        // the voucher pays, at the end it does not, and the expiry closes what is left.
        let t = till(&s, "Boutique Marais").await;
        pepite_store::clock::set(&s.app.db, v.expires_at - 20 * DAY).await.unwrap();
        credit::run_timers(&s.app).await.unwrap();
        credit::run_timers(&s.app).await.unwrap();
        let all = pepite_store::notifications::list(&s.app.db, None, None, None, 1000).await.unwrap();
        // Both vouchers end within the month (the second ten days after the first): each is
        // announced once, however often the tick runs.
        assert_eq!(all.iter().filter(|n| n.kind == "voucher_ending").count(), 2);
        pepite_store::clock::set(&s.app.db, v.expires_at - 1).await.unwrap();
        channels::redeem(&s.app, &t, &code, 1_000, "k1", "").await.unwrap();
        pepite_store::clock::set(&s.app.db, v.expires_at).await.unwrap();
        assert_eq!(conflict(channels::redeem(&s.app, &t, &code, 1_000, "k2", "").await), "voucher_expired");
        assert_eq!(channels::check(&s.app, &t, &code).await.unwrap().status, "expired");
        credit::run_timers(&s.app).await.unwrap();
        assert_eq!(instruments::by_id(&s.app.db, id).await.unwrap().unwrap().balance_cents, 0);
        assert_eq!(ledger::balance(&s.app.db, &Account::VoucherExpired(s.programme).key()).await.unwrap(), -3_000);
        liabilities_match(&s.app).await;
    }
);

both_backends!(
    async fn o10_t7_a_voucher_pays_part_of_an_order_in_its_brands_shop_and_nowhere_else(db) {
        let s = setup(db).await;
        with_credit(&s).await;
        let (id, code) = voucher(&s, 5_000).await;
        // The brand's resale shop and one of its pieces; a marketplace seller's piece.
        let admin = staff(&s.app, "admin2@x.fr", Role::Admin).await;
        let resale = pepite_app::shops::open(&s.app, &admin, pepite_domain::shop::ShopInput {
            slug: "maison-lune".into(),
            name: "Maison Lune · seconde main".into(),
            kind: pepite_domain::shop::ShopKind::BrandResale,
            host: Some("lune.example".into()),
            languages: vec![pepite_domain::account::Language::Fr],
            programme_id: Some(s.programme),
        }).await.unwrap();
        let mut brand = s.partner.clone();
        let input = pepite_domain::piece::SellerInput { shop_name: "Maison Lune SH".into(), country: "FR".into(), kind: "professional".into(), open_to_offers: true, bio: String::new() };
        brand.seller_id = Some(pepite_app::sellers::open_shop(&s.app, &brand, resale.id, &input).await.unwrap().id);
        let veste = listed(&s.app, &brand, &piece_input("Veste", "Maison Lune", "coats", 8_500)).await;
        let lea = seller(&s.app, "lea@x.fr", "Chez Léa").await;
        let robe = listed(&s.app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_500)).await;
        let cart = carts::CartOwner::User(s.person.user_id);
        carts::add(&s.app, &cart, robe).await.unwrap();
        carts::add(&s.app, &cart, veste).await.unwrap();
        // In the marketplace it is refused by name, and nothing is taken from it.
        match checkout::place(&s.app, &s.person, "voucher-0", &checkout_input(CARD, std::slice::from_ref(&code))).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.for_field("gift_cards").map(|f| f.code), Some("voucher_other_shop")),
            other => panic!("{other:?}"),
        }
        assert_eq!(instruments::by_id(&s.app.db, id).await.unwrap().unwrap().balance_cents, 5_000);
        let input = pepite_app::checkout::CheckoutInput { shop_id: resale.id, ..checkout_input(CARD, std::slice::from_ref(&code)) };
        let out = checkout::place(&s.app, &s.person, "voucher-1", &input).await.unwrap();
        let order = pepite_store::commerce::orders::by_id(&s.app.db, out.order_id).await.unwrap().unwrap();
        assert_eq!(order.state, "paid");
        assert_eq!(instruments::by_id(&s.app.db, id).await.unwrap().unwrap().balance_cents, 0);
        liabilities_match(&s.app).await;
    }
);

both_backends!(
    async fn t7_fifty_tills_redeeming_one_voucher_at_once_never_take_it_below_zero(db) {
        let s = setup(db).await;
        with_credit(&s).await;
        let (id, code) = voucher(&s, 10_000).await;
        let tills = [till(&s, "Marais").await, till(&s, "Lyon").await];
        // 50 redemptions of 3 € from two tills: 33 fit in 100 €, 17 are refused.
        let runs = (0..50).map(|n| {
            let (app, t, code) = (s.app.clone(), tills[n % 2].clone(), code.clone());
            tokio::spawn(async move { channels::redeem(&app, &t, &code, 300, &format!("sale-{n}"), "").await })
        });
        let results: Vec<_> = futures_join(runs).await;
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 33);
        assert!(results.iter().filter_map(|r| r.as_ref().err()).all(|e| matches!(e, AppError::Conflict("insufficient_balance"))));
        assert_eq!(instruments::by_id(&s.app.db, id).await.unwrap().unwrap().balance_cents, 100);
        // A retried request answers the first redemption; the key for another amount is refused.
        let again = channels::redeem(&s.app, &tills[0], &code, 300, "sale-0", "").await;
        let first = results[0].as_ref().ok().or_else(|| results.iter().step_by(2).find_map(|r| r.as_ref().ok())).unwrap();
        if let Ok(again) = &again {
            assert!(!again.created);
        }
        assert_eq!(conflict(channels::redeem(&s.app, &tills[0], &code, 999, &first.redemption.idempotency_key, "").await), "idempotency_key_reused");
        // A refund in the boutique: reversed once, the money back on the voucher.
        let r = first.redemption.id;
        let channel = tills.iter().find(|t| t.id == first.redemption.channel_id).unwrap();
        let back = channels::reverse(&s.app, channel, r).await.unwrap();
        assert_eq!(back.balance_cents, 400);
        assert_eq!(conflict(channels::reverse(&s.app, channel, r).await), "already_reversed");
        // Another programme's channel does not see this voucher (A4).
        let admin = staff(&s.app, "admin2@x.fr", Role::Admin).await;
        let other = catalogue::create(&s.app, &admin, "autre", "Autre Marque", None, &["Autre".into()]).await.unwrap();
        let (_, token) = channels::create(&s.app, &admin, other, "Ailleurs", "eshop").await.unwrap();
        let elsewhere = channels::authenticate(&s.app, &token.0).await.unwrap();
        assert!(matches!(channels::check(&s.app, &elsewhere, &code).await, Err(AppError::NotFound)));
        liabilities_match(&s.app).await;
    }
);

/// Awaits every task, in order.
async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for t in tasks.collect::<Vec<_>>() {
        out.push(t.await.unwrap());
    }
    out
}

both_backends!(
    async fn t8_an_accepted_piece_is_refurbished_in_order_then_listed_in_the_resale_shop(db) {
        let s = setup(db).await;
        let id = arrived_box(&s).await;
        let (_, items) = boxes::mine(&s.app, &s.person, id).await.unwrap();
        let (coat, dress) = (items[0].id, items[1].id);
        let keep = VerdictInput { accept: true, grade: None, reason: None };
        boxes::inspect(&s.app, &s.bench, coat, &keep).await.unwrap();
        let refuse = VerdictInput { accept: false, grade: None, reason: Some("trou".into()) };
        boxes::inspect(&s.app, &s.bench, dress, &refuse).await.unwrap();
        // A refused piece is not refurbished (it goes back to its person).
        assert!(matches!(refurb::step(&s.app, &s.bench, dress, "cleaned").await, Err(AppError::NotFound)));
        assert_eq!(conflict(refurb::step(&s.app, &s.bench, coat, "pressed").await), "step_out_of_order");
        let mut draft = piece_input("Manteau Lune reconditionné", "ignored", "dresses", 19_000);
        assert_eq!(conflict(refurb::describe(&s.app, &s.bench, coat, &draft).await), "not_refurbished");
        for step in refurb::STEPS {
            refurb::step(&s.app, &s.bench, coat, step).await.unwrap();
        }
        assert_eq!(conflict(refurb::step(&s.app, &s.bench, coat, "cleaned").await), "step_already_done");
        assert!(matches!(refurb::step(&s.app, &s.person, coat, "cleaned").await, Err(AppError::Forbidden)));
        draft.description = "Nettoyé, repassé, étiquettes neuves ; authentifié par nos experts.".into();
        let piece = refurb::describe(&s.app, &s.bench, coat, &draft).await.unwrap();
        assert_eq!(refurb::describe(&s.app, &s.bench, coat, &draft).await.unwrap(), piece, "described once");
        assert_eq!(field_code(refurb::publish(&s.app, &s.bench, coat).await).1, "photo_required");
        refurb::add_photo(&s.app, &s.bench, coat, png()).await.unwrap();
        let listed = refurb::publish(&s.app, &s.bench, coat).await.unwrap();
        // T8: listed in the brand's resale shop, with what inspection found.
        assert_eq!(listed.state, pepite_domain::piece::PieceState::Listed);
        assert_eq!((listed.piece.brand.as_str(), listed.piece.category.as_str(), listed.piece.grade.as_str()), ("Maison Lune", "coats", "excellent"));
        let shop = pepite_store::sellers::by_id(&s.app.db, listed.piece.seller_id).await.unwrap().unwrap();
        assert_eq!(shop.user_id, s.partner.user_id);
        assert_eq!(shop.shop_name, "Maison Lune · seconde main");
    }
);
