//! E1: every notice renders in French and English, text and HTML, with absolute links, and
//! the gift card travels with its PDF.

use pepite_app::notify::{Compose, Notice, NoticeLine};
use pepite_domain::account::Language;
use pepite_web::emails::Composer;

fn every_notice() -> Vec<Notice> {
    let line = NoticeLine {
        title: "Veste <Chanel> & co".into(),
        price_cents: 12_000,
    };
    let (title, when) = ("Veste <Chanel> & co".to_owned(), 1_795_000_000_000_000);
    // F5: a cancellation reads differently when the platform made it.
    let cancelled = |by_platform| {
        [
            Notice::OrderCancelled {
                order_id: 7,
                number: "2026-000001".into(),
                card_cents: 7_990,
                gift_cards_cents: 5_000,
                lines: vec![line_again()],
                by_platform,
            },
            Notice::SaleCancelled {
                order_id: 7,
                number: "2026-000001".into(),
                lines: vec![line_again()],
                by_platform,
            },
        ]
    };
    let mut notices = vec![
        Notice::Welcome {
            name: "Léa".into(),
            verify_path: "/account/verify?token=abc".into(),
        },
        Notice::PasswordReset {
            name: "Léa".into(),
            reset_path: "/account/reset?token=abc".into(),
        },
        Notice::OrderConfirmed {
            order_id: 7,
            number: "2026-000001".into(),
            total_cents: 12_990,
            grouped: true,
            lines: vec![line.clone()],
        },
        Notice::NewOrder {
            order_id: 7,
            number: "2026-000001".into(),
            to_workshop: false,
            lines: vec![line],
        },
        Notice::GiftCardReceived {
            gift_card_id: 3,
            from_name: "Léa".into(),
            recipient_name: "Camille".into(),
            message: "Bon anniversaire !".into(),
            amount_cents: 5_000,
            code: "ABCD-EFGH-JKLM".into(),
            expires_at: when,
        },
        Notice::OfferReceived {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            amount_cents: 8_000,
            list_cents: 10_000,
            answer_by: when,
        },
        Notice::OfferAccepted {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            agreed_cents: 8_000,
            agreed_until: when,
        },
        Notice::OfferCountered {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            amount_cents: 7_500,
            agreed_cents: 9_000,
            agreed_until: when,
        },
        Notice::OfferRefused {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            amount_cents: 8_000,
        },
        Notice::CounterDeclined {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            amount_cents: 7_500,
            counter_cents: 9_000,
        },
        Notice::OfferExpired {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            amount_cents: 8_000,
        },
        Notice::OfferEnded {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
        },
        Notice::AgreedPriceEnding {
            offer_id: 1,
            piece_id: 2,
            title: title.clone(),
            agreed_cents: 8_000,
            agreed_until: when,
        },
        Notice::AlertFired {
            piece_id: 2,
            title,
            price_cents: 10_000,
        },
        Notice::ParcelShipped {
            order_id: 7,
            number: "2026-000001".into(),
            carrier: "Colissimo".into(),
            tracking: "6A12345678901".into(),
            tracking_link: "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"
                .into(),
            lines: vec![line_again()],
        },
        Notice::ParcelDelivered {
            order_id: 7,
            number: "2026-000001".into(),
            delivered_at: when,
            lines: vec![line_again()],
        },
        Notice::PayoutSent {
            payout_id: 3,
            amount_cents: 10_625,
            pieces: 2,
            iban_masked: "•••• 0189".into(),
            paid_at: when,
        },
        Notice::ReturnAccepted {
            order_id: 7,
            return_id: 2,
            number: "2026-000001".into(),
            buyer_pays: true,
            charge_cents: 990,
            labels: 1,
            upheld: Some(false),
            lines: vec![line_again()],
        },
        Notice::ReturnComing {
            order_id: 7,
            return_id: 2,
            number: "2026-000001".into(),
            lines: vec![line_again()],
        },
        Notice::ReturnRefused {
            order_id: 7,
            return_id: 2,
            number: "2026-000001".into(),
            note: "Tache <large>".into(),
            lines: vec![line_again()],
        },
        Notice::RefundMade {
            order_id: 7,
            refund_id: 4,
            number: "2026-000001".into(),
            credit_note: "AV-2026-000004".into(),
            card_cents: 9_000,
            gift_cards_cents: 3_000,
            deducted_cents: 0,
            lines: vec![line_again()],
        },
    ];
    notices.extend([false, true].into_iter().flat_map(cancelled));
    notices.extend(tradein_notices());
    notices.push(support_answer(true));
    notices.push(seller_question());
    notices
}

/// S1: customer service's answer to a person with an account (or, `false`, known by an
/// address only).
fn support_answer(account: bool) -> Notice {
    Notice::SupportAnswer {
        conversation_id: 12,
        message_id: 0,
        subject: "Taille de la <veste>".into(),
        answer: "Bonjour,\n\nElle taille grand : prenez une taille en dessous.".into(),
        reply_token: "Ab-_9".into(),
        account,
    }
}

/// S3: customer service's question to a seller, already masked.
fn seller_question() -> Notice {
    Notice::SellerQuestion {
        question_id: 5,
        piece_id: 2,
        title: "Veste <Chanel> & co".into(),
        question: "[…] demande si elle taille petit.".into(),
    }
}

#[test]
fn e1_the_support_answer_carries_the_answer_and_asks_for_a_reply_by_e_mail() {
    let c = Composer::new("https://shop.example");
    let fr = c.compose(Language::Fr, &support_answer(true)).unwrap();
    assert_eq!(
        fr.subject,
        "Le service client vous répond : Taille de la <veste>"
    );
    assert!(fr.text.contains("Elle taille grand"), "{}", fr.text);
    assert!(
        fr.text.contains("répondez simplement à cet e-mail"),
        "{}",
        fr.text
    );
    assert!(
        fr.html
            .contains("https://shop.example/support/conversations/12"),
        "{}",
        fr.html
    );
    assert!(!fr.html.contains("<veste>"), "escaped: {}", fr.html);
    // Someone known by an address alone has no conversation page to open.
    let en = c.compose(Language::En, &support_answer(false)).unwrap();
    assert!(en.text.contains("just reply to this e-mail"), "{}", en.text);
    assert!(!en.text.contains("/support/conversations/"), "{}", en.text);
}

#[test]
fn s3_the_sellers_question_links_to_the_seller_space_and_names_no_buyer() {
    let c = Composer::new("https://shop.example");
    let fr = c.compose(Language::Fr, &seller_question()).unwrap();
    assert_eq!(
        fr.subject,
        "Une question du service client sur « Veste <Chanel> & co »"
    );
    let en = c.compose(Language::En, &seller_question()).unwrap();
    for m in [&fr, &en] {
        assert!(
            m.text.contains("[…] demande si elle taille petit."),
            "{}",
            m.text
        );
        assert!(
            m.text.contains("https://shop.example/sell/questions"),
            "{}",
            m.text
        );
    }
}

/// T4–T7: the trade-in programme's notices.
fn tradein_notices() -> Vec<Notice> {
    let programme = "Maison Lune".to_owned();
    vec![
        Notice::TradeInAccepted {
            box_id: 4,
            programme: programme.clone(),
            total_cents: 10_500,
            lines: vec![line_again()],
            form: None,
        },
        Notice::TradeInBoxReceived {
            box_id: 4,
            programme: programme.clone(),
            due_on: "2026-12-11".into(),
        },
        Notice::TradeInPieceAccepted {
            box_id: 4,
            programme: programme.clone(),
            name: "Manteau <Lune>".into(),
            declared_grade: "excellent".into(),
            grade: "very_good".into(),
            amount_cents: 7_500,
            balance_cents: 7_500,
        },
        Notice::TradeInPieceRefused {
            box_id: 4,
            programme: programme.clone(),
            name: "Robe".into(),
            reason: "tache".into(),
        },
        Notice::VoucherIssued {
            voucher_id: 9,
            programme: programme.clone(),
            amount_cents: 4_000,
            code: "7K3M-Q9XD-2HWN-4PLR".into(),
            expires_at: 1_826_701_200_000_000,
        },
        Notice::VoucherEnding {
            voucher_id: 9,
            programme,
            balance_cents: 3_000,
            code: "7K3M-Q9XD-2HWN-4PLR".into(),
            expires_at: 1_826_701_200_000_000,
        },
    ]
}

#[test]
fn t6_t7_trade_in_messages_give_the_date_to_expect_an_answer_and_the_vouchers_end() {
    let c = Composer::new("https://pepite.example");
    let n = tradein_notices();
    let fr = c.compose(Language::Fr, &n[1]).unwrap();
    assert!(fr.text.contains("11 décembre 2026"), "{}", fr.text);
    let en = c.compose(Language::En, &n[2]).unwrap();
    assert_eq!(en.subject, "\"Manteau <Lune>\" accepted: €75.00 of credit");
    assert!(
        en.text.contains("You described it as Excellent"),
        "{}",
        en.text
    );
    let voucher = c.compose(Language::Fr, &n[4]).unwrap();
    assert!(
        voucher.text.contains("7K3M-Q9XD-2HWN-4PLR") && voucher.text.contains("2027"),
        "{}",
        voucher.text
    );
}

fn line_again() -> NoticeLine {
    NoticeLine {
        title: "Veste <Chanel> & co".into(),
        price_cents: 12_000,
    }
}

#[test]
fn f3_the_shipping_message_gives_the_tracking_number_and_the_carriers_link() {
    let composer = Composer::new("https://shop.example");
    let shipped = every_notice()
        .into_iter()
        .find(|n| n.kind() == "parcel_shipped")
        .unwrap();
    let fr = composer.compose(Language::Fr, &shipped).unwrap();
    let en = composer.compose(Language::En, &shipped).unwrap();
    assert_eq!(fr.subject, "Commande 2026-000001 : un colis est en route");
    assert_eq!(en.subject, "Order 2026-000001: a parcel is on its way");
    for m in [&fr, &en] {
        assert!(m.text.contains("6A12345678901") && m.text.contains("Colissimo"));
        assert!(
            m.html
                .contains("https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"),
            "{}",
            m.html
        );
    }
    assert!(fr.text.contains("Suivre le colis") && en.text.contains("Track the parcel"));
}

#[test]
fn r5_the_refund_message_links_to_its_credit_note() {
    let composer = Composer::new("https://shop.example");
    let refund = every_notice()
        .into_iter()
        .find(|n| n.kind() == "refund_made")
        .unwrap();
    for lang in [Language::Fr, Language::En] {
        let m = composer.compose(lang, &refund).unwrap();
        assert!(m.text.contains("AV-2026-000004"), "{}", m.text);
        assert!(
            m.html
                .contains("https://shop.example/orders/7/credit-notes/4.pdf"),
            "{}",
            m.html
        );
    }
}

#[test]
fn e1_every_notice_renders_in_both_languages_with_absolute_links() {
    let composer = Composer::new("https://shop.example/");
    for notice in every_notice() {
        for lang in [Language::Fr, Language::En] {
            let m = composer.compose(lang, &notice).unwrap();
            let all = format!("{}\n{}\n{}", m.subject, m.text, m.html);
            assert!(!m.subject.is_empty(), "{} has a subject", notice.kind());
            assert!(
                !all.contains("Unknown localization"),
                "{} in {lang:?}: a text is missing:\n{all}",
                notice.kind()
            );
            assert!(
                m.text.contains("https://shop.example/"),
                "{}: links are absolute",
                notice.kind()
            );
            assert!(
                !m.html.contains("<Chanel>"),
                "{}: titles are escaped in HTML",
                notice.kind()
            );
        }
    }
}

#[test]
fn e1_the_order_confirmation_reads_in_the_buyers_language() {
    let composer = Composer::new("https://shop.example");
    let notice = &every_notice()[2];
    let fr = composer.compose(Language::Fr, notice).unwrap();
    let en = composer.compose(Language::En, notice).unwrap();
    assert_eq!(fr.subject, "Commande 2026-000001 confirmée");
    assert_eq!(en.subject, "Order 2026-000001 confirmed");
    assert!(fr.text.contains("129,90"), "French amounts: {}", fr.text);
    assert!(en.text.contains("https://shop.example/orders/7"));
}

#[test]
fn g1_the_gift_card_message_carries_its_printable_pdf() {
    let composer = Composer::new("https://shop.example");
    let m = composer.compose(Language::Fr, &every_notice()[4]).unwrap();
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].content_type, "application/pdf");
    assert!(m.attachments[0].bytes.starts_with(b"%PDF"));
    assert!(
        m.text.contains("ABCD-EFGH-JKLM"),
        "the code is in the message"
    );
}
