//! Examples of the quote: parcels, fees, discounts, estimates and customs (O1–O5, O8, O9).

use super::*;

fn line(piece_id: i64, seller_id: i64, price_cents: i64, weight_g: i64) -> QuoteLine {
    QuoteLine {
        piece_id,
        seller_id,
        price_cents,
        weight_g,
        brand: "Céline".into(),
        category: "coats".into(),
    }
}

fn cart() -> Vec<QuoteLine> {
    vec![
        line(1, 7, 3_000, 400),
        line(2, 8, 5_000, 1_200),
        line(3, 7, 4_000, 300),
    ]
}

fn identity_holds(q: &Quote) {
    assert_eq!(
        q.total_cents,
        q.goods_cents - q.discount_cents - q.bulk_discount_cents
            + q.shipping_cents
            + q.qc_fee_cents
    );
    assert!(q.total_cents >= q.shipping_cents + q.qc_fee_cents);
}

#[test]
fn o1_direct_makes_one_charged_parcel_per_seller() {
    let q = quote(
        &Policy::marketplace(),
        &cart(),
        "fr",
        ShippingMode::Direct,
        0,
    )
    .unwrap();
    assert_eq!(q.country, "FR");
    assert_eq!(q.parcels.len(), 2);
    assert_eq!(q.parcels[0].seller_id, Some(7));
    assert_eq!(q.parcels[0].piece_ids, vec![1, 3]);
    assert_eq!(
        (q.parcels[0].weight_g, q.parcels[0].shipping_cents),
        (700, 690)
    );
    assert_eq!(
        (q.parcels[1].weight_g, q.parcels[1].shipping_cents),
        (1_200, 890)
    );
    assert_eq!(q.goods_cents, 12_000);
    assert_eq!(q.shipping_cents, 1_580);
    assert_eq!(q.qc_fee_cents, 0);
    assert_eq!(q.bulk_discount_cents, 600, "O9: three pieces, 5 %");
    assert_eq!(q.total_cents, 12_980);
    assert_eq!(q.estimate_days, (2, 5));
    assert!(!q.customs.duties_notice);
    identity_holds(&q);
}

#[test]
fn o2_grouped_makes_one_workshop_parcel_and_pays_the_qc_fee() {
    let q = quote(
        &Policy::marketplace(),
        &cart(),
        "FR",
        ShippingMode::Grouped,
        1_000,
    )
    .unwrap();
    assert_eq!(q.parcels.len(), 1);
    assert_eq!(q.parcels[0].seller_id, None);
    assert_eq!(q.parcels[0].piece_ids, vec![1, 2, 3]);
    assert_eq!(q.shipping_cents, 1_090);
    assert_eq!(q.qc_fee_cents, 1_200, "on the goods before discounts");
    assert_eq!(q.discount_cents, 1_000);
    assert_eq!(
        q.bulk_discount_cents, 550,
        "on goods minus the code discount"
    );
    assert_eq!(q.total_cents, 12_740);
    assert_eq!(q.estimate_days, (5, 10), "O4: plus the days to collect");
    identity_holds(&q);
}

#[test]
fn o8_discounts_never_take_the_goods_below_zero() {
    let q = quote(
        &Policy::marketplace(),
        &cart(),
        "FR",
        ShippingMode::Direct,
        99_999,
    )
    .unwrap();
    assert_eq!(q.discount_cents, 12_000);
    assert_eq!(q.bulk_discount_cents, 0);
    assert_eq!(q.total_cents, q.shipping_cents);
    let q = quote(
        &Policy::marketplace(),
        &cart(),
        "FR",
        ShippingMode::Direct,
        -5,
    )
    .unwrap();
    assert_eq!(q.discount_cents, 0);
    identity_holds(&q);
}

#[test]
fn o3_no_quote_for_an_empty_cart_an_unknown_country_or_an_overweight_parcel() {
    let p = Policy::marketplace();
    let err = |lines: &[QuoteLine], c, m| quote(&p, lines, c, m, 0).unwrap_err();
    assert_eq!(err(&[], "FR", ShippingMode::Direct), QuoteError::EmptyCart);
    assert_eq!(
        err(&cart(), "ZZ", ShippingMode::Direct),
        QuoteError::UnknownDestination
    );
    let heavy = [line(1, 7, 1_000, 20_000), line(2, 8, 1_000, 20_000)];
    assert!(
        quote(&p, &heavy, "FR", ShippingMode::Direct, 0).is_ok(),
        "two parcels"
    );
    assert_eq!(
        err(&heavy, "FR", ShippingMode::Grouped),
        QuoteError::TooHeavy
    );
    let mut france_only = Policy::marketplace();
    france_only
        .shipping_rates
        .retain(|r| r.zone == crate::commerce::Zone::France);
    assert_eq!(
        quote(&france_only, &cart(), "DE", ShippingMode::Direct, 0).unwrap_err(),
        QuoteError::UnknownDestination
    );
    assert_eq!(QuoteError::TooHeavy.code(), "too_heavy");
}

#[test]
fn o5_duties_notice_outside_the_eu_customs_territory() {
    let p = Policy::marketplace();
    assert!(customs(&p, "US", 10_000, 0).duties_notice);
    assert!(customs(&p, "CH", 10_000, 0).duties_notice);
    assert!(!customs(&p, "DE", 10_000, 0).duties_notice);
    assert!(!customs(&p, "MC", 10_000, 0).duties_notice);
    assert_eq!(customs(&p, "US", 10_000, 0).uk_vat_pence, 0);
}

#[test]
fn o5_uk_import_vat_above_135_pounds_on_goods_shipping_and_handling() {
    let p = Policy::marketplace();
    // 158.82 € → £134.997 → 13 500 p: not more than £135.
    let c = customs(&p, "GB", 15_882, 1_690);
    assert!(c.duties_notice && !c.uk_import_vat);
    assert_eq!((c.uk_goods_pence, c.uk_vat_pence), (13_500, 0));
    // 158.83 € → 13 501 p; base (158.83 + 16.90) € → 14 937 p; VAT 20 % → 2 987 p.
    let c = customs(&p, "GB", 15_883, 1_690);
    assert!(c.uk_import_vat);
    assert_eq!(c.uk_goods_pence, 13_501);
    assert_eq!(c.uk_vat_base_pence, 14_937);
    assert_eq!(c.uk_vat_pence, 2_987);
}

#[test]
fn o5_uk_threshold_is_tested_per_parcel() {
    let p = Policy::marketplace();
    let lines = [line(1, 7, 10_000, 400), line(2, 8, 10_000, 400)];
    let direct = quote(&p, &lines, "GB", ShippingMode::Direct, 0).unwrap();
    assert!(!direct.customs.uk_import_vat, "two parcels of £85 each");
    assert_eq!(direct.customs.uk_goods_pence, 17_000);
    let grouped = quote(&p, &lines, "GB", ShippingMode::Grouped, 0).unwrap();
    assert!(grouped.customs.uk_import_vat, "one parcel of £170");
    assert_eq!(grouped.estimate_days, (7, 10));
    // Base: goods 200 € + shipping 19.90 € + QC fee 15 € = 234.90 € → 19 966.5 p → 19 967 p.
    assert_eq!(grouped.customs.uk_vat_base_pence, 19_967);
    assert_eq!(grouped.customs.uk_vat_pence, 3_993);
}
