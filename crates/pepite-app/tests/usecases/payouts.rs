//! Seller payouts (P1, P2, A4) on SQLite and PostgreSQL: an earning becomes payable when the
//! return window closes with no return (at t + 14 d exactly, not before), never while a return
//! is asked nor once refunded; the timer and a return request at the deadline race on the
//! line's row; payout accounts need a valid IBAN; a payout run takes each line once, even two
//! runs at once, and its SEPA file adds up; the ledger balances after a run and its
//! confirmation; sellers read only their statement, and only finance runs payouts.

use pepite_app::accounts::Principal;
use pepite_app::payouts::{self, Payout};
use pepite_app::{App, AppError, carts, checkout, shipping};
use pepite_domain::account::Role;
use pepite_domain::commerce::{Account, PayoutAccountInput};
use pepite_store::commerce::ledger;
use pepite_store::commerce::orders::{self as store, LineRow};
use pepite_store::{Db, Tx};
use pepite_testkit::both_backends;

use crate::support::*;

/// 20 November 2026, 10:00 in Paris.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
/// Delivered two days after the sale.
const DELIVERED: i64 = T0 + 2 * DAY;
/// The marketplace's return window closes 14 days after delivery.
const WINDOW_ENDS: i64 = DELIVERED + 14 * DAY;
const CARD: &str = "4242424242424242";
const LEA_IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
const MAX_IBAN: &str = "DE89 3704 0044 0532 0130 00";

/// One paid, shipped and delivered order: two pieces of Léa's shop (earning 72.25 € and
/// 34.00 € after the 15 % commission), one of Max's (51.00 €).
struct World {
    app: App,
    lea: Principal,
    max: Principal,
    buyer: Principal,
    finance: Principal,
    order_id: i64,
    lines: Vec<LineRow>,
}

async fn world(db: Db) -> World {
    let app = app(db);
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let max = seller(&app, "max@x.fr", "Max Vintage").await;
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_500)).await;
    let jupe = listed(&app, &lea, &piece_input("Jupe", "Sandro", "skirts", 4_000)).await;
    let sac = listed(&app, &max, &piece_input("Sac", "Longchamp", "bags", 6_000)).await;
    let buyer = buyers(&app, 1).await.remove(0);
    let cart = carts::CartOwner::User(buyer.user_id);
    for piece in [robe, jupe, sac] {
        carts::add(&app, &cart, piece).await.unwrap();
    }
    let order_id = checkout::place(&app, &buyer, "k", &checkout_input(CARD, &[]))
        .await
        .unwrap()
        .order_id;
    let finance = staff(&app, "finance@x.fr", Role::Finance).await;
    let workshop = staff(&app, "workshop@x.fr", Role::Workshop).await;
    let parcels = store::parcels(&app.db, order_id).await.unwrap();
    for (who, tracking) in [(&lea, "6A12345678901"), (&max, "6A12345678902")] {
        let p = parcels
            .iter()
            .find(|p| p.seller_id == who.seller_id)
            .unwrap();
        shipping::ship_parcel(&app, who, order_id, p.parcel, "colissimo", tracking)
            .await
            .unwrap();
    }
    pepite_store::clock::set(&app.db, DELIVERED).await.unwrap();
    for p in &parcels {
        shipping::deliver_parcel(&app, &workshop, order_id, p.parcel)
            .await
            .unwrap();
    }
    let lines = store::lines(&app.db, order_id).await.unwrap();
    World {
        app,
        lea,
        max,
        buyer,
        finance,
        order_id,
        lines,
    }
}

impl World {
    async fn at(&self, t: i64) {
        pepite_store::clock::set(&self.app.db, t).await.unwrap();
    }

    fn line(&self, title: &str) -> &LineRow {
        self.lines.iter().find(|l| l.title == title).unwrap()
    }

    /// A line's (payable_at, payout_id) as stored.
    async fn stored(&self, title: &str) -> (Option<i64>, Option<i64>) {
        let piece = self.line(title).piece_id;
        let st = payouts::statement(&self.app, &self.owner(title), None)
            .await
            .unwrap();
        st.lines
            .into_iter()
            .find(|i| i.line.piece_id == piece)
            .map(|i| (i.line.payable_at, i.line.payout_id))
            .unwrap_or((None, None))
    }

    fn owner(&self, title: &str) -> Principal {
        if self.line(title).seller_id == self.lea.seller_id.unwrap() {
            self.lea.clone()
        } else {
            self.max.clone()
        }
    }

    async fn balance(&self, account: Account) -> i64 {
        ledger::balance(&self.app.db, &account.key()).await.unwrap()
    }

    /// R1 (the returns capability's compare-and-set, run as it runs it): a return of the
    /// piece is asked at `now`, if its earning was neither released nor refunded.
    async fn ask_return(&self, title: &str, now: i64) -> bool {
        let sql = "UPDATE order_lines SET return_asked_at = $3
             WHERE order_id = $1 AND piece_id = $2 AND return_asked_at IS NULL
               AND payable_at IS NULL AND refunded_at IS NULL";
        raw(
            &self.app.db,
            sql,
            self.order_id,
            self.line(title).piece_id,
            now,
        )
        .await
            == 1
    }

    /// R5 (the refunds capability's compare-and-set on the line): the piece is refunded.
    async fn refund(&self, title: &str, now: i64) -> bool {
        let sql = "UPDATE order_lines SET refunded_at = $3
             WHERE order_id = $1 AND piece_id = $2 AND refunded_at IS NULL AND payable_at IS NULL";
        raw(
            &self.app.db,
            sql,
            self.order_id,
            self.line(title).piece_id,
            now,
        )
        .await
            == 1
    }

    async fn give_accounts(&self) {
        for (who, iban, holder) in [
            (&self.lea, LEA_IBAN, "Léa Martin"),
            (&self.max, MAX_IBAN, "Max Müller"),
        ] {
            let input = PayoutAccountInput {
                iban: iban.into(),
                holder: holder.into(),
                bic: String::new(),
            };
            payouts::set_account(&self.app, who, &input).await.unwrap();
        }
    }
}

/// Runs one statement of another capability on a line, in its own transaction.
async fn raw(db: &Db, sql: &'static str, order_id: i64, piece_id: i64, now: i64) -> u64 {
    let mut tx = db.begin().await.unwrap();
    let n = match &mut tx {
        Tx::Sqlite(t) => sqlx::query(sql)
            .bind(order_id)
            .bind(piece_id)
            .bind(now)
            .execute(&mut **t)
            .await
            .unwrap()
            .rows_affected(),
        Tx::Postgres(t) => sqlx::query(sql)
            .bind(order_id)
            .bind(piece_id)
            .bind(now)
            .execute(&mut **t)
            .await
            .unwrap()
            .rows_affected(),
    };
    tx.commit().await.unwrap();
    n
}

both_backends!(
    async fn p1_payable_at_t_plus_14_days_exactly_when_no_return_not_before(db) {
        let w = world(db).await;
        w.at(WINDOW_ENDS - 1).await;
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 0, "P1: not a microsecond early");
        let st = payouts::statement(&w.app, &w.lea, None).await.unwrap();
        assert_eq!(st.owed.pending_cents, 7_225 + 3_400);
        assert_eq!(st.owed.payable_cents, 0);
        assert!(st.lines.iter().all(|i| i.payable_from == Some(WINDOW_ENDS)), "the date shown");
        w.at(WINDOW_ENDS).await;
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 3);
        assert_eq!(w.stored("Robe").await, (Some(WINDOW_ENDS), None));
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 0, "released once");
        let (lea, max) = (w.lea.seller_id.unwrap(), w.max.seller_id.unwrap());
        assert_eq!(w.balance(Account::SellerPayable(lea)).await, -(7_225 + 3_400));
        assert_eq!(w.balance(Account::SellerPending(lea)).await, 0);
        assert_eq!(w.balance(Account::SellerPayable(max)).await, -5_100);
        assert_eq!(ledger::audit(&w.app.db).await.unwrap(), (0, 0));
        let st = payouts::statement(&w.app, &w.lea, None).await.unwrap();
        assert_eq!((st.owed.pending_cents, st.owed.payable_cents), (0, 10_625));
    }
);

both_backends!(
    async fn p1_no_release_for_a_line_with_a_return_asked_or_refunded(db) {
        let w = world(db).await;
        assert!(w.ask_return("Robe", WINDOW_ENDS - DAY).await);
        assert!(w.refund("Sac", WINDOW_ENDS - DAY).await);
        w.at(WINDOW_ENDS + 30 * DAY).await;
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 1, "only the Jupe");
        assert_eq!(w.stored("Robe").await.0, None, "a return holds the payable");
        assert_eq!(w.stored("Jupe").await.0, Some(WINDOW_ENDS + 30 * DAY));
        let max = w.max.seller_id.unwrap();
        assert_eq!(w.balance(Account::SellerPayable(max)).await, 0, "never for a refunded piece");
        // The refunded piece is not on Max's statement at all; the returned one shows held.
        let st = payouts::statement(&w.app, &w.max, None).await.unwrap();
        assert!(st.lines.is_empty());
        let st = payouts::statement(&w.app, &w.lea, None).await.unwrap();
        let robe = st.lines.iter().find(|i| i.line.title == "Robe").unwrap();
        assert_eq!((robe.line.status.as_str(), robe.payable_from), ("pending", None));
    }
);

both_backends!(
    async fn p1_a_return_asked_at_the_deadline_races_the_timer_and_the_row_decides(db) {
        let w = world(db).await;
        w.at(WINDOW_ENDS).await;
        let (released, asked) = tokio::join!(
            payouts::release_due(&w.app),
            w.ask_return("Robe", WINDOW_ENDS)
        );
        let released = released.unwrap();
        let (payable_at, _) = w.stored("Robe").await;
        // Exactly one of them has the line: released (the return finds it payable) or held.
        assert_ne!(asked, payable_at.is_some(), "asked {asked}, payable {payable_at:?}");
        assert_eq!(released, if asked { 2 } else { 3 });
        let lea = w.lea.seller_id.unwrap();
        let robe_paid = if asked { 0 } else { 7_225 };
        assert_eq!(w.balance(Account::SellerPayable(lea)).await, -(3_400 + robe_paid));
        assert_eq!(ledger::audit(&w.app.db).await.unwrap(), (0, 0));
    }
);

/// P1 on PostgreSQL: two instances run the window timer at once; every line is released by
/// exactly one of them, with one journal entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn p1_two_instances_running_the_timer_release_each_line_once() {
    let Some(t) = pepite_testkit::postgres().await else {
        return;
    };
    let w = world(t.db.clone()).await;
    let other = app(t.another_instance().await.unwrap());
    w.at(WINDOW_ENDS).await;
    let (a, b, asked) = tokio::join!(
        payouts::release_due(&w.app),
        payouts::release_due(&other),
        w.ask_return("Sac", WINDOW_ENDS)
    );
    let released = a.unwrap() + b.unwrap();
    assert_eq!(released, if asked { 2 } else { 3 }, "each line once");
    let lea = w.lea.seller_id.unwrap();
    assert_eq!(
        w.balance(Account::SellerPayable(lea)).await,
        -(7_225 + 3_400)
    );
    assert_eq!(ledger::audit(&w.app.db).await.unwrap(), (0, 0));
}

both_backends!(
    async fn p1_an_iban_with_a_wrong_checksum_is_refused_and_nothing_is_stored(db) {
        let w = world(db).await;
        let bad = PayoutAccountInput {
            iban: "FR76 3000 6000 0112 3456 7890 188".into(),
            holder: "Léa Martin".into(),
            bic: String::new(),
        };
        match payouts::set_account(&w.app, &w.lea, &bad).await {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.for_field("iban").map(|f| f.code), Some("iban_invalid"))
            }
            other => panic!("expected iban_invalid, got {other:?}"),
        }
        assert!(payouts::account(&w.app, &w.lea).await.unwrap().is_none(), "nothing half-written");
        w.give_accounts().await;
        let shown = payouts::account(&w.app, &w.lea).await.unwrap().unwrap();
        assert_eq!(shown.iban_masked, "•••• 0189", "masked but the last four");
        assert_eq!(shown.holder, "Léa Martin");
        // A change is recorded, with the last four characters only.
        let again = PayoutAccountInput { iban: MAX_IBAN.into(), holder: "Léa M.".into(), bic: "bnpafrpp".into() };
        payouts::set_account(&w.app, &w.lea, &again).await.unwrap();
        let changes = payouts::account_changes(&w.app, &w.lea).await.unwrap();
        let last4: Vec<&str> = changes.iter().map(|c| c.iban_last4.as_str()).collect();
        assert_eq!(last4, ["3000", "0189"]);
        // A buyer without a shop has no payout account to set.
        let no_shop = payouts::set_account(&w.app, &w.buyer, &again).await;
        assert!(matches!(no_shop, Err(AppError::Forbidden)), "{no_shop:?}");
    }
);

/// Released, accounts given: ready for a run.
async fn released(db: Db) -> World {
    let w = world(db).await;
    w.at(WINDOW_ENDS).await;
    assert_eq!(payouts::release_due(&w.app).await.unwrap(), 3);
    w.give_accounts().await;
    w
}

both_backends!(
    async fn p1_two_payout_runs_at_once_pay_each_line_once(db) {
        let w = released(db).await;
        let (a, b) = tokio::join!(
            payouts::run_payout(&w.app, &w.finance),
            payouts::run_payout(&w.app, &w.finance)
        );
        let runs: Vec<Payout> = [a, b]
            .into_iter()
            .filter_map(|r| match r {
                Ok(p) => Some(p),
                Err(AppError::Conflict("nothing_to_pay")) => None,
                Err(e) => panic!("{e:?}"),
            })
            .collect();
        let paid: i64 = runs.iter().flat_map(|p| &p.items).map(|i| i.amount_cents).sum();
        let pieces: i64 = runs.iter().flat_map(|p| &p.items).map(|i| i.lines).sum();
        assert_eq!((paid, pieces), (7_225 + 3_400 + 5_100, 3), "every line once");
        let again = payouts::run_payout(&w.app, &w.finance).await;
        assert!(matches!(again, Err(AppError::Conflict("nothing_to_pay"))), "{again:?}");
    }
);

/// The values of every `<tag>` in `xml`, in order.
fn values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.match_indices(&open)
        .map(|(i, _)| {
            let rest = &xml[i + open.len()..];
            &rest[..rest.find(&close).unwrap()]
        })
        .collect()
}

both_backends!(
    async fn p1_a_runs_pain_001_file_adds_up_to_its_transfers(db) {
        let w = released(db).await;
        let run = payouts::run_payout(&w.app, &w.finance).await.unwrap();
        assert_eq!((run.run.transfers, run.run.total_cents), (2, 15_725));
        let (name, xml) = payouts::file(&w.app, &w.finance, run.run.id).await.unwrap();
        assert_eq!(name, format!("{}.xml", run.run.msg_id.clone().unwrap()));
        assert!(xml.contains("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"));
        assert_eq!(values(&xml, "NbOfTxs"), ["2", "2"]);
        assert_eq!(values(&xml, "CtrlSum"), ["157.25", "157.25"]);
        let amounts: Vec<&str> = xml
            .match_indices("<InstdAmt Ccy=\"EUR\">")
            .map(|(i, m)| &xml[i + m.len()..i + m.len() + xml[i + m.len()..].find('<').unwrap()])
            .collect();
        assert_eq!(amounts, ["106.25", "51.00"], "Léa's two pieces in one transfer, then Max");
        // The platform pays from the policy's account; each shop to its own, holder as SEPA
        // writes it.
        assert_eq!(values(&xml, "IBAN"), ["FR7630006000011234567890189", "FR7630006000011234567890189", "DE89370400440532013000"]);
        assert_eq!(values(&xml, "Nm")[2..], ["Lea Martin", "Max Muller"]);
        assert_eq!(values(&xml, "EndToEndId").len(), 2);
    }
);

both_backends!(
    async fn p1_p2_ledger_balanced_after_a_run_and_its_confirmation_and_sellers_told(db) {
        let w = released(db).await;
        let run = payouts::run_payout(&w.app, &w.finance).await.unwrap();
        assert_eq!(run.run.state, "exported");
        let st = payouts::statement(&w.app, &w.lea, None).await.unwrap();
        assert_eq!((st.owed.payable_cents, st.owed.in_payout_cents), (0, 10_625));
        w.at(WINDOW_ENDS + DAY).await;
        let paid = payouts::confirm_paid(&w.app, &w.finance, run.run.id).await.unwrap();
        assert_eq!((paid.run.state.as_str(), paid.run.paid_at), ("paid", Some(WINDOW_ENDS + DAY)));
        let again = payouts::confirm_paid(&w.app, &w.finance, run.run.id).await;
        assert!(matches!(again, Err(AppError::Conflict("already_paid"))), "{again:?}");
        let (lea, max) = (w.lea.seller_id.unwrap(), w.max.seller_id.unwrap());
        assert_eq!(w.balance(Account::SellerPayable(lea)).await, 0);
        assert_eq!(w.balance(Account::SellerPayable(max)).await, 0);
        assert_eq!(w.balance(Account::PayoutsClearing).await, -15_725);
        assert_eq!(ledger::audit(&w.app.db).await.unwrap(), (0, 0));
        let st = payouts::statement(&w.app, &w.lea, None).await.unwrap();
        assert_eq!(st.owed.paid_cents, 10_625);
        assert!(st.lines.iter().all(|i| i.line.paid_at == Some(WINDOW_ENDS + DAY)));
        // E1: each seller is told once, in the outbox.
        for who in [&w.lea, &w.max] {
            let mine = pepite_store::notifications::list(&w.app.db, Some(who.user_id), None, None, 100)
                .await
                .unwrap();
            let sent = mine.iter().filter(|n| n.kind == "payout_sent").count();
            assert_eq!(sent, 1, "{}", who.email);
        }
    }
);

both_backends!(
    async fn p1_a_shop_without_an_account_waits_and_a_return_in_progress_holds_only_its_piece(db) {
        let w = world(db).await;
        assert!(w.ask_return("Robe", DELIVERED + DAY).await);
        w.at(WINDOW_ENDS).await;
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 2);
        // Only Léa gives an account: Max waits, listed for finance.
        let input = PayoutAccountInput { iban: LEA_IBAN.into(), holder: "Léa Martin".into(), bic: String::new() };
        payouts::set_account(&w.app, &w.lea, &input).await.unwrap();
        let run = payouts::run_payout(&w.app, &w.finance).await.unwrap();
        assert_eq!(run.items.len(), 1);
        assert_eq!((run.items[0].seller_id, run.items[0].amount_cents), (w.lea.seller_id.unwrap(), 3_400), "the rest, not the Robe");
        let p = payouts::payables(&w.app, &w.finance).await.unwrap();
        assert_eq!(p.waiting.len(), 1);
        assert_eq!((p.waiting[0].0, p.waiting[0].2), (w.max.seller_id.unwrap(), 5_100));
        assert_eq!(p.commission_cents, 1_275 + 600 + 900);
    }
);

both_backends!(
    async fn a4_a_seller_sees_only_their_statement_and_only_finance_runs_payouts(db) {
        let w = released(db).await;
        let st = payouts::statement(&w.app, &w.max, None).await.unwrap();
        let titles: Vec<&str> = st.lines.iter().map(|i| i.line.title.as_str()).collect();
        assert_eq!(titles, ["Sac"]);
        let buyer = payouts::statement(&w.app, &w.buyer, None).await;
        assert!(matches!(buyer, Err(AppError::Forbidden)), "{buyer:?}");
        let support = staff(&w.app, "cs@x.fr", Role::CustomerService).await;
        for who in [&support, &w.lea, &w.buyer] {
            let run = payouts::run_payout(&w.app, who).await;
            assert!(matches!(run, Err(AppError::Forbidden)), "{run:?}");
            let p = payouts::payables(&w.app, who).await;
            assert!(matches!(p, Err(AppError::Forbidden)));
        }
        let run = payouts::run_payout(&w.app, &w.finance).await.unwrap();
        for who in [&support, &w.max] {
            let c = payouts::confirm_paid(&w.app, who, run.run.id).await;
            assert!(matches!(c, Err(AppError::Forbidden)), "{c:?}");
            assert!(matches!(payouts::file(&w.app, who, run.run.id).await, Err(AppError::Forbidden)));
        }
    }
);

both_backends!(
    async fn p1_a_shop_that_sold_nothing_yet_reads_its_name_and_its_account(db) {
        let app = app(db);
        let new = seller(&app, "new@x.fr", "Tout Neuf").await;
        let st = payouts::statement(&app, &new, None).await.unwrap();
        assert_eq!((st.owed.shop_name.as_str(), st.owed.has_account), ("Tout Neuf", false));
        assert!(st.lines.is_empty());
        let input = PayoutAccountInput {
            iban: LEA_IBAN.into(),
            holder: "Inès Neuf".into(),
            bic: String::new(),
        };
        payouts::set_account(&app, &new, &input).await.unwrap();
        let st = payouts::statement(&app, &new, None).await.unwrap();
        assert!(st.owed.has_account, "the account given shows before any sale");
        assert_eq!(st.owed.pending_cents + st.owed.payable_cents, 0);
    }
);
