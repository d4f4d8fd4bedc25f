//! Issue 11, item 7: every PDF Pépite draws (invoice O11, return slip and label R2, credit
//! note R5, gift card G1) prints names in any alphabet the documents' font covers, Polish,
//! Romanian, Greek, Cyrillic, and a reader gets them back exactly when extracting the text.
//! The files are read by the tools a reader's machine has: poppler's `pdftotext` and
//! `pdffonts`, and `qpdf --check` for their structure.

mod support;

use pepite_app::checkout::Address;
use pepite_app::returns::{self, Receipt, ReturnAsk};
use pepite_app::shipping;
use pepite_domain::account::{Language, Role};
use pepite_domain::commerce::ShippingMode;
use pepite_testkit::pdf;
use pepite_web::documents::{gift_card_doc, gift_card_pdf};
use support::orders::{NOW_US, fixed_clock, listed, order_to};
use support::sell::{Site, open_shop};

/// A Polish buyer with a Romanian and a Russian name and a Greek city on the address, a Greek
/// shop, a piece named in Cyrillic.
const BUYER: &str = "Łukasz Wiśniewski";
const CITY: &str = "Łódź";
const CARE_OF: &str = "Ştefan i Дмитрий (Θεσσαλονίκη)";
const SHOP: &str = "Θεσσαλονίκη Vintage";
const PIECE: &str = "Пальто из шерсти";
const NAMES: [&str; 5] = ["Łukasz", "Łódź", "Ştefan", "Θεσσαλονίκη", "Дмитрий"];

fn polish_address() -> Address {
    Address {
        full_name: BUYER.into(),
        line1: "ul. Piotrkowska 104".into(),
        line2: CARE_OF.into(),
        postal_code: "75011".into(),
        city: CITY.into(),
        country: "FR".into(),
        phone: "+33 6 12 34 56 78".into(),
    }
}

/// `pdf` is sound for qpdf, its fonts are embedded subsets with a Unicode map, and its text
/// holds each of `names` exactly. False when the tools are missing (outside CI).
fn reads_back(what: &str, file: &[u8], names: &[&str]) -> bool {
    if !pdf::assert_sound(file) {
        return false;
    }
    let Some(fonts) = pdf::fonts(file) else {
        return false;
    };
    assert!(!fonts.is_empty(), "{what}: no font");
    for font in &fonts {
        assert!(
            font.embedded && font.subset && font.unicode,
            "{what}: {font:?}"
        );
        assert!(font.name.contains("+DejaVuSans"), "{what}: {font:?}");
    }
    let Some(text) = pdf::text(file) else {
        return false;
    };
    for name in names {
        assert!(text.contains(name), "{what}: {name} missing from\n{text}");
    }
    true
}

pepite_testkit::both_backends!(
    async fn o11_r2_r5_the_invoice_slip_labels_and_credit_note_print_every_alphabet(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let seller = site.person("seller@example.gr", &[]).await;
        open_shop(&site, &seller, SHOP).await;
        let buyer = site.person("lukasz@example.pl", &[]).await;
        let coat = listed(&site, &seller, PIECE, "Sézane", 8_500).await;
        let id = order_to(&site, &buyer, &[coat], ShippingMode::Direct, None, polish_address())
            .await
            .order_id;
        let every = [&NAMES[..], &[PIECE]].concat();

        let invoice = site.get(&buyer.cookie, &format!("/orders/{id}/invoice.pdf")).await.expect(200);
        if !reads_back("invoice", &invoice.bytes, &every) {
            return;
        }

        // F2: the parcel's label, as staff print it, is addressed to the buyer.
        let ship = format!("/sell/orders/{id}/parcels/1/ship");
        site.post(&seller.cookie, &ship, &[("carrier", "colissimo"), ("tracking", "6A12345678901")])
            .await
            .expect(303);
        let staff = site.person("atelier@example.fr", &[Role::Workshop]).await;
        let label = format!("/back-office/orders/{id}/parcels/1/label.pdf");
        let printed = site.get(&staff.cookie, &label).await.expect(200);
        reads_back("label", &printed.bytes, &[BUYER, CITY, CARE_OF]);

        shipping::deliver_parcel(&site.app, &site.principal(&staff).await, id, 1).await.unwrap();

        // R2: the slip and the prepaid return label carry the buyer's and the shop's names.
        let ask = ReturnAsk {
            pieces: vec![coat],
            reason: "change_of_mind".into(),
            note: String::new(),
            photos: Vec::new(),
            expected_charge_cents: None,
        };
        let rid = returns::ask(&site.app, &site.principal(&buyer).await, id, &ask)
            .await
            .expect("return asked")
            .return_id;
        let slip = site.get(&buyer.cookie, &format!("/orders/{id}/returns/{rid}/slip.pdf")).await.expect(200);
        reads_back("return slip", &slip.bytes, &every);
        let back = format!("/orders/{id}/returns/{rid}/labels/{}.pdf", rid * 100 + 1);
        let back = site.get(&buyer.cookie, &back).await.expect(200);
        reads_back("return label", &back.bytes, &[BUYER, CITY, CARE_OF, SHOP]);

        // R5: the piece back, the refund's credit note. It lists no pieces (its table is
        // empty), so its names are the addresses'.
        let receipt = Receipt { passed: true, note: String::new() };
        returns::receive(&site.app, &site.principal(&seller).await, rid, coat, &receipt)
            .await
            .expect("received");
        let notes = returns::credit_notes(&site.app, &site.principal(&buyer).await, id).await.unwrap();
        let note = format!("/orders/{id}/credit-notes/{}.pdf", notes[0].id);
        let note = site.get(&buyer.cookie, &note).await.expect(200);
        reads_back("credit note", &note.bytes, &[BUYER, CITY, CARE_OF]);
    }
);

#[test]
fn g1_the_gift_card_prints_every_alphabet() {
    for lang in [Language::Fr, Language::En] {
        let doc = gift_card_doc(
            lang,
            5_000,
            "PEP-7K2M-9QXA",
            "Łukasz z Łodzi",
            "Ştefan",
            "Από τη Θεσσαλονίκη, с любовью — Дмитрий. Łódź!",
            NOW_US + 365 * 86_400_000_000,
        );
        let file = gift_card_pdf(&doc);
        if !reads_back("gift card", &file, &NAMES) {
            return;
        }
    }
}
