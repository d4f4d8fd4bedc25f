//! Policies are data (P3): the values a shop runs with. The marketplace's defaults live here;
//! another shop (the generic store, the trade-in resale shop) runs the same engine with others.

use serde::{Deserialize, Serialize};

use crate::commerce::{
    BulkTier, DeliveryEstimate, LegalIdentity, ShippingRate, default_delivery_days,
    default_shipping_rates,
};
use crate::country::COUNTRIES;
use crate::fields::FieldErrors;
use crate::legal_texts::LegalTexts;
use crate::money::MAX_PRICE;
use crate::offers::OfferRules;
use crate::support::hours::OpeningHours;
use crate::time::DAY_US;

/// The largest amount any policy value may hold (fees, caps, gift cards, shipping, the UK
/// threshold): the largest piece price. Sums of a few thousand such amounts stay far inside
/// `i64`, so no order total or ledger posting derived from the policy can overflow.
pub const AMOUNT_MAX: i64 = MAX_PRICE.0;
/// The largest photo a policy may allow: 10 MiB, no larger than a request body may be (11 MB
/// with the multipart envelope).
pub const PHOTO_MAX_BYTES: i64 = 10 * 1024 * 1024;
/// The heaviest band of a shipping rate table, in grams (a 1-tonne parcel).
pub const WEIGHT_MAX_G: i64 = 1_000_000;
/// The longest delivery or collection time, in business days.
pub const DAYS_MAX: i64 = 365;
/// The most pieces a bulk tier may ask for.
pub const TIER_PIECES_MAX: i64 = 10_000;

/// A shop's policy. Stored whole as JSON and edited by an admin, hence [`Policy::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// C4: how long a sold piece stays visible, marked sold.
    pub sold_visible_days: i64,
    /// Minimum length of a password (A-rules, OWASP ASVS 2.1.1).
    pub password_min_chars: usize,
    /// Sign-in attempts allowed per account in one window before it is locked for the window.
    pub signin_attempts_per_account: i64,
    /// Sign-in attempts allowed per network address in one window.
    pub signin_attempts_per_address: i64,
    /// Length of the throttling window, in minutes.
    pub signin_window_minutes: i64,
    /// Largest photo accepted, in bytes.
    pub photo_max_bytes: usize,
    /// Most photos per piece.
    pub photos_per_piece: usize,
    /// O2: quality-control fee rate on a grouped order's goods, basis points.
    pub qc_fee_bps: i64,
    /// O2: the fee's cap, cents.
    pub qc_fee_cap_cents: i64,
    /// P1: the platform's commission on each piece's sale price, basis points.
    pub commission_bps: i64,
    /// K1/O7: how long pieces are held while their payment is under way.
    pub hold_minutes: i64,
    /// O3: the rate table.
    pub shipping_rates: Vec<ShippingRate>,
    /// O4: business days after dispatch, by destination.
    pub delivery_days: Vec<DeliveryEstimate>,
    /// O4: business days the workshop needs to collect every piece (min, max), for grouped.
    pub grouped_collect_days: (i64, i64),
    /// O9: reductions by number of pieces.
    pub bulk_tiers: Vec<BulkTier>,
    /// G1: smallest and largest gift card, cents, and how long one is valid.
    pub gift_card_min_cents: i64,
    pub gift_card_max_cents: i64,
    pub gift_card_validity_days: i64,
    /// O5: above this value of goods (pence) the United Kingdom asks import VAT.
    pub uk_vat_threshold_pence: i64,
    /// O5: pounds per euro in parts per million, configured by staff (not a live rate).
    pub gbp_per_eur_ppm: i64,
    /// O5: the United Kingdom's VAT rate, basis points.
    pub uk_vat_bps: i64,
    /// R1: days after delivery during which a return may be asked.
    pub return_window_days: i64,
    /// O1: where grouped orders are checked and packed (ISO alpha-2).
    pub workshop_country: String,
    /// N3–N6: price offers. Defaulted when absent, so a policy saved before offers existed
    /// still loads.
    #[serde(default)]
    pub offers: OfferRules,
    /// O11: who issues the invoices. Defaulted when absent, like `offers`.
    #[serde(default = "LegalIdentity::marketplace")]
    pub legal_identity: LegalIdentity,
    /// F6: days the buyer has to choose for a piece that failed its check; no answer drops it.
    #[serde(default = "default_qc_choice_days")]
    pub qc_choice_days: i64,
    /// F2: days after payment after which a grouped piece not received at the workshop is late.
    #[serde(default = "default_workshop_late_days")]
    pub workshop_late_days: i64,
    /// The terms of sale, privacy notice and legal notice. Defaulted when absent, like `offers`.
    #[serde(default = "LegalTexts::marketplace")]
    pub legal_texts: LegalTexts,
    /// S2: customer service's opening hours. Defaulted when absent, like `offers`.
    #[serde(default)]
    pub support_hours: OpeningHours,
    /// S1/S2: opening minutes within which a message is to be answered (the inbox's due time).
    #[serde(default = "default_support_answer_minutes")]
    pub support_answer_minutes: i64,
}

fn default_support_answer_minutes() -> i64 {
    240
}

fn default_qc_choice_days() -> i64 {
    3
}

fn default_workshop_late_days() -> i64 {
    5
}

impl Policy {
    /// The vintage marketplace's values (RULES.md, bold defaults).
    pub fn marketplace() -> Self {
        Policy {
            sold_visible_days: 14,
            password_min_chars: 12,
            signin_attempts_per_account: 5,
            signin_attempts_per_address: 30,
            signin_window_minutes: 15,
            photo_max_bytes: 10 * 1024 * 1024,
            photos_per_piece: 12,
            qc_fee_bps: 1_000,
            qc_fee_cap_cents: 1_500,
            commission_bps: 1_500,
            hold_minutes: 10,
            shipping_rates: default_shipping_rates(),
            delivery_days: default_delivery_days(),
            grouped_collect_days: (3, 5),
            bulk_tiers: vec![
                BulkTier {
                    min_pieces: 3,
                    bps: 500,
                },
                BulkTier {
                    min_pieces: 5,
                    bps: 1_000,
                },
            ],
            gift_card_min_cents: 2_500,
            gift_card_max_cents: 50_000,
            gift_card_validity_days: 365,
            uk_vat_threshold_pence: 13_500,
            gbp_per_eur_ppm: 850_000,
            uk_vat_bps: 2_000,
            return_window_days: 14,
            workshop_country: "FR".into(),
            offers: OfferRules::default(),
            legal_identity: LegalIdentity::marketplace(),
            qc_choice_days: default_qc_choice_days(),
            workshop_late_days: default_workshop_late_days(),
            legal_texts: LegalTexts::marketplace(),
            support_hours: OpeningHours::default(),
            support_answer_minutes: default_support_answer_minutes(),
        }
    }

    /// A brand's resale shop's starting values (T8): the marketplace's, except that its
    /// refurbished pieces were already checked in the brand's own workshop (no QC fee) and a
    /// brand gives a month to return them.
    pub fn brand_resale() -> Self {
        Policy {
            qc_fee_bps: 0,
            qc_fee_cap_cents: 0,
            return_window_days: 30,
            ..Policy::marketplace()
        }
    }

    /// C4: pieces sold after this instant are still shown in the catalogue at `now_us`.
    pub fn sold_visible_since(&self, now_us: i64) -> i64 {
        now_us - self.sold_visible_days * DAY_US
    }

    /// P3: checks a policy an admin edits before it is stored; every problem at once, under
    /// the name of the field that has it.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        let mut range = |field: &str, v: i64, lo: i64, hi: i64| {
            if !(lo..=hi).contains(&v) {
                e.add(field, "out_of_range");
            }
        };
        range("sold_visible_days", self.sold_visible_days, 0, 3_650);
        // A `usize` beyond `i64::MAX` reads as out of range, never as a wrapped number.
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let bytes = count(self.photo_max_bytes);
        range("password_min_chars", count(self.password_min_chars), 8, 128);
        range(
            "signin_attempts_per_account",
            self.signin_attempts_per_account,
            1,
            1_000,
        );
        range(
            "signin_attempts_per_address",
            self.signin_attempts_per_address,
            1,
            100_000,
        );
        range(
            "signin_window_minutes",
            self.signin_window_minutes,
            1,
            1_440,
        );
        range("photo_max_bytes", bytes, 1, PHOTO_MAX_BYTES);
        range("photos_per_piece", count(self.photos_per_piece), 1, 100);
        range("qc_fee_bps", self.qc_fee_bps, 0, 10_000);
        range("qc_fee_cap_cents", self.qc_fee_cap_cents, 0, AMOUNT_MAX);
        range("commission_bps", self.commission_bps, 0, 10_000);
        range("hold_minutes", self.hold_minutes, 1, 60);
        range("qc_choice_days", self.qc_choice_days, 1, DAYS_MAX);
        range("workshop_late_days", self.workshop_late_days, 1, DAYS_MAX);
        range(
            "gift_card_min_cents",
            self.gift_card_min_cents,
            1,
            AMOUNT_MAX,
        );
        range(
            "gift_card_max_cents",
            self.gift_card_max_cents,
            1,
            AMOUNT_MAX,
        );
        range(
            "gift_card_validity_days",
            self.gift_card_validity_days,
            1,
            36_500,
        );
        range(
            "uk_vat_threshold_pence",
            self.uk_vat_threshold_pence,
            0,
            AMOUNT_MAX,
        );
        range("gbp_per_eur_ppm", self.gbp_per_eur_ppm, 1, 100_000_000);
        range("uk_vat_bps", self.uk_vat_bps, 0, 10_000);
        range("return_window_days", self.return_window_days, 0, 3_650);
        range(
            "support_answer_minutes",
            self.support_answer_minutes,
            1,
            10_000,
        );
        if self.gift_card_min_cents > self.gift_card_max_cents {
            e.add("gift_card_max_cents", "invalid");
        }
        let (cmin, cmax) = self.grouped_collect_days;
        if cmin < 0 || cmax > DAYS_MAX {
            e.add("grouped_collect_days", "out_of_range");
        } else if cmin > cmax {
            e.add("grouped_collect_days", "invalid");
        }
        self.validate_tables(&mut e);
        self.offers.validate(&mut e);
        self.legal_identity.validate(&mut e);
        self.legal_texts.validate(&mut e);
        if let Err(hours) = self.support_hours.validate() {
            e.0.extend(hours.0);
        }
        if !COUNTRIES
            .iter()
            .any(|(c, _, _)| *c == self.workshop_country)
        {
            e.add("workshop_country", "invalid");
        }
        e.into_result(())
    }

    fn validate_tables(&self, e: &mut FieldErrors) {
        let rates = &self.shipping_rates;
        if rates.is_empty() {
            e.add("shipping_rates", "required");
        } else if rates.iter().enumerate().any(|(i, r)| {
            !(1..=WEIGHT_MAX_G).contains(&r.max_weight_g)
                || !(0..=AMOUNT_MAX).contains(&r.direct_cents)
                || !(0..=AMOUNT_MAX).contains(&r.grouped_cents)
                || rates[..i]
                    .iter()
                    .any(|o| o.zone == r.zone && o.max_weight_g == r.max_weight_g)
        }) {
            e.add("shipping_rates", "invalid");
        }
        let days = &self.delivery_days;
        if days.is_empty() {
            e.add("delivery_days", "required");
        } else if days.iter().enumerate().any(|(i, d)| {
            let bad_country = d
                .country
                .as_deref()
                .is_some_and(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()));
            bad_country
                || d.min_days < 0
                || d.min_days > d.max_days
                || d.max_days > DAYS_MAX
                || days[..i].iter().any(|o| {
                    o.country == d.country && (d.country.is_some() || o.region == d.region)
                })
        }) {
            e.add("delivery_days", "invalid");
        }
        // Tiers must climb: more pieces, a larger reduction, never above 100 %.
        let tiers = &self.bulk_tiers;
        let climbing = tiers
            .windows(2)
            .all(|w| w[0].min_pieces < w[1].min_pieces && w[0].bps < w[1].bps);
        let sane = tiers.iter().all(|t| {
            (1..=TIER_PIECES_MAX).contains(&t.min_pieces) && (1..=10_000).contains(&t.bps)
        });
        if !climbing || !sane {
            e.add("bulk_tiers", "invalid");
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self::marketplace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commerce::Zone;

    #[test]
    fn c4_sold_pieces_stay_visible_fourteen_days() {
        let p = Policy::marketplace();
        let now = 100 * DAY_US;
        assert_eq!(p.sold_visible_since(now), 86 * DAY_US);
    }

    #[test]
    fn p3_the_marketplace_policy_is_valid() {
        assert_eq!(Policy::marketplace().validate(), Ok(()));
    }

    #[test]
    fn p3_an_edited_policy_names_each_field_it_refuses() {
        let mut p = Policy::marketplace();
        p.qc_fee_bps = 10_001;
        p.commission_bps = -1;
        p.hold_minutes = 0;
        p.gift_card_min_cents = 60_000;
        p.grouped_collect_days = (5, 3);
        p.shipping_rates.clear();
        p.delivery_days[0].min_days = 9;
        p.bulk_tiers[1].min_pieces = 2;
        p.workshop_country = "XX".into();
        let e = p.validate().unwrap_err();
        for (field, code) in [
            ("qc_fee_bps", "out_of_range"),
            ("commission_bps", "out_of_range"),
            ("hold_minutes", "out_of_range"),
            ("gift_card_max_cents", "invalid"),
            ("grouped_collect_days", "invalid"),
            ("shipping_rates", "required"),
            ("delivery_days", "invalid"),
            ("bulk_tiers", "invalid"),
            ("workshop_country", "invalid"),
        ] {
            assert_eq!(e.for_field(field).map(|f| f.code), Some(code), "{field}");
        }
    }

    #[test]
    fn p3_policy_values_are_bounded_so_no_amount_can_overflow() {
        let mut p = Policy::marketplace();
        p.qc_fee_cap_cents = i64::MAX;
        p.gift_card_max_cents = AMOUNT_MAX + 1;
        p.uk_vat_threshold_pence = i64::MAX;
        p.photo_max_bytes = usize::MAX;
        p.password_min_chars = usize::MAX;
        p.shipping_rates[0].direct_cents = i64::MAX;
        p.delivery_days[0].max_days = i64::MAX;
        p.bulk_tiers[1].min_pieces = i64::MAX;
        let e = p.validate().unwrap_err();
        for (field, code) in [
            ("qc_fee_cap_cents", "out_of_range"),
            ("gift_card_max_cents", "out_of_range"),
            ("uk_vat_threshold_pence", "out_of_range"),
            ("photo_max_bytes", "out_of_range"),
            ("password_min_chars", "out_of_range"),
            ("shipping_rates", "invalid"),
            ("delivery_days", "invalid"),
            ("bulk_tiers", "invalid"),
        ] {
            assert_eq!(e.for_field(field).map(|f| f.code), Some(code), "{field}");
        }
        // The largest values allowed still add up inside i64 many times over.
        assert!(AMOUNT_MAX.checked_mul(10_000).is_some());
    }

    #[test]
    fn p3_duplicate_bands_are_refused() {
        let mut p = Policy::marketplace();
        let band = p.shipping_rates[0].clone();
        assert_eq!(band.zone, Zone::France);
        p.shipping_rates.push(band);
        let e = p.validate().unwrap_err();
        assert_eq!(e.for_field("shipping_rates").unwrap().code, "invalid");
    }
}
