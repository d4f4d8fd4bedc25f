//! Examples of O8: codes, rules and the amounts they take off.

use super::*;

fn line(piece_id: i64, seller_id: i64, price_cents: i64, brand: &str, category: &str) -> QuoteLine {
    QuoteLine {
        piece_id,
        seller_id,
        price_cents,
        weight_g: 400,
        brand: brand.into(),
        category: category.into(),
    }
}

fn rule(value: DiscountValue, scope: DiscountScope) -> DiscountRule {
    DiscountRule {
        code: "SUMMER-10".into(),
        value,
        min_order_cents: 0,
        starts_at_us: None,
        ends_at_us: None,
        max_uses: None,
        per_customer: None,
        scope,
    }
}

fn cart() -> Vec<QuoteLine> {
    vec![
        line(1, 7, 10_000, "Hermès", "scarves"),
        line(2, 8, 5_005, "Agnès b.", "dresses"),
    ]
}

#[test]
fn o8_codes_are_normalised_from_what_people_type() {
    assert_eq!(normalise_code("  summer-10 ").as_deref(), Some("SUMMER-10"));
    assert_eq!(normalise_code("ab_9").as_deref(), Some("AB_9"));
    assert_eq!(normalise_code("  "), None);
    assert_eq!(normalise_code("AB"), None);
    assert_eq!(normalise_code("SUMMER 10"), None);
    assert_eq!(normalise_code("ÉTÉ-10"), None);
    assert_eq!(normalise_code(&"A".repeat(33)), None);
}

#[test]
fn o8_a_percentage_applies_to_the_lines_in_scope_half_up() {
    let r = rule(DiscountValue::Percent(1_000), DiscountScope::Everything);
    assert_eq!(discount_amount(&r, &cart(), 0, 0, 0), Ok(1_501));
    let r = rule(
        DiscountValue::Percent(1_000),
        DiscountScope::Brand("HERMES".into()),
    );
    assert_eq!(discount_amount(&r, &cart(), 0, 0, 0), Ok(1_000));
    let r = rule(
        DiscountValue::Percent(5_000),
        DiscountScope::Category("dresses".into()),
    );
    assert_eq!(discount_amount(&r, &cart(), 0, 0, 0), Ok(2_503));
}

#[test]
fn o8_a_fixed_amount_never_exceeds_the_eligible_lines() {
    let r = rule(DiscountValue::Fixed(8_000), DiscountScope::Seller(8));
    assert_eq!(discount_amount(&r, &cart(), 0, 0, 0), Ok(5_005));
    let r = rule(DiscountValue::Fixed(1_000), DiscountScope::Seller(8));
    assert_eq!(discount_amount(&r, &cart(), 0, 0, 0), Ok(1_000));
}

#[test]
fn o8_a_code_outside_its_scope_is_not_applicable() {
    let r = rule(DiscountValue::Fixed(1_000), DiscountScope::Seller(99));
    assert_eq!(
        discount_amount(&r, &cart(), 0, 0, 0),
        Err(DiscountRefusal::NotApplicable)
    );
}

#[test]
fn o8_validity_dates_limits_and_minimum_are_enforced() {
    let mut r = rule(DiscountValue::Percent(1_000), DiscountScope::Everything);
    r.starts_at_us = Some(100);
    r.ends_at_us = Some(200);
    assert_eq!(
        discount_amount(&r, &cart(), 99, 0, 0),
        Err(DiscountRefusal::NotYetValid)
    );
    assert!(discount_amount(&r, &cart(), 100, 0, 0).is_ok());
    assert_eq!(
        discount_amount(&r, &cart(), 200, 0, 0),
        Err(DiscountRefusal::Expired)
    );
    r.max_uses = Some(10);
    r.per_customer = Some(1);
    assert_eq!(
        discount_amount(&r, &cart(), 150, 10, 0),
        Err(DiscountRefusal::UsedUp)
    );
    assert_eq!(
        discount_amount(&r, &cart(), 150, 9, 1),
        Err(DiscountRefusal::AlreadyUsed)
    );
    // The minimum compares the whole order, not only the lines in scope.
    r.scope = DiscountScope::Seller(8);
    r.min_order_cents = 15_005;
    assert_eq!(discount_amount(&r, &cart(), 150, 9, 0), Ok(501));
    r.min_order_cents = 15_006;
    assert_eq!(
        discount_amount(&r, &cart(), 150, 9, 0),
        Err(DiscountRefusal::BelowMinimum)
    );
    assert_eq!(
        DiscountRefusal::BelowMinimum.code(),
        "discount_below_minimum"
    );
}

#[test]
fn o8_staff_rules_are_validated_field_by_field() {
    let ok = rule(DiscountValue::Percent(1_000), DiscountScope::Everything);
    assert_eq!(validate_rule(&ok), Ok(()));
    let bad = DiscountRule {
        code: "x y".into(),
        value: DiscountValue::Percent(10_001),
        min_order_cents: -1,
        starts_at_us: Some(10),
        ends_at_us: Some(10),
        max_uses: Some(0),
        per_customer: Some(0),
        scope: DiscountScope::Brand("  ".into()),
    };
    let errors = validate_rule(&bad).unwrap_err();
    for (field, code) in [
        ("code", "invalid"),
        ("value", "out_of_range"),
        ("min_order", "out_of_range"),
        ("ends_at", "invalid"),
        ("max_uses", "out_of_range"),
        ("per_customer", "out_of_range"),
        ("scope", "required"),
    ] {
        assert_eq!(
            errors.for_field(field).map(|e| e.code),
            Some(code),
            "{field}"
        );
    }
    let fixed_zero = rule(
        DiscountValue::Fixed(0),
        DiscountScope::Category("robes".into()),
    );
    let errors = validate_rule(&fixed_zero).unwrap_err();
    assert_eq!(errors.for_field("value").unwrap().code, "out_of_range");
    assert_eq!(errors.for_field("scope").unwrap().code, "unknown_value");
}
