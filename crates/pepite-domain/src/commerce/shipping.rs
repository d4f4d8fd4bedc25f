//! Shipping modes, zones and the rate table (O1, O3).

use serde::{Deserialize, Serialize};

/// O1: how an order travels, chosen per order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippingMode {
    /// Each seller ships its own pieces in one parcel straight to the buyer.
    Direct,
    /// Premium: every piece goes through the workshop, is checked, and leaves in one parcel.
    Grouped,
}

impl ShippingMode {
    pub const ALL: &'static [ShippingMode] = &[ShippingMode::Direct, ShippingMode::Grouped];

    pub fn as_str(self) -> &'static str {
        match self {
            ShippingMode::Direct => "direct",
            ShippingMode::Grouped => "grouped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "direct" => Some(ShippingMode::Direct),
            "grouped" => Some(ShippingMode::Grouped),
            _ => None,
        }
    }
}

impl std::fmt::Display for ShippingMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The zones a rate table prices; carriers price by zone, not by country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    France,
    EuropeanUnion,
    RestOfEurope,
    World,
}

impl Zone {
    pub const ALL: &'static [Zone] = &[
        Zone::France,
        Zone::EuropeanUnion,
        Zone::RestOfEurope,
        Zone::World,
    ];
}

/// One band of the O3 table: parcels to `zone` weighing at most `max_weight_g`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingRate {
    pub zone: Zone,
    pub max_weight_g: i64,
    pub direct_cents: i64,
    pub grouped_cents: i64,
}

/// The 27 member states of the European Union.
const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// European countries outside the Union, priced as "rest of Europe" by carriers.
const REST_OF_EUROPE: &[&str] = &[
    "AD", "AL", "BA", "BY", "CH", "FO", "GB", "GG", "GI", "IM", "IS", "JE", "LI", "MD", "ME", "MK",
    "NO", "RS", "SM", "UA", "VA", "XK",
];

fn canonical(country: &str) -> String {
    country.trim().to_ascii_uppercase()
}

/// EU member states (France included; the United Kingdom, Switzerland and Norway not).
pub fn is_eu(country: &str) -> bool {
    EU.contains(&canonical(country).as_str())
}

/// O5: where no import duties are asked. Monaco is not a member state but lies inside the
/// Union's customs and VAT territory through France, so a parcel to Monaco clears no customs.
pub fn in_eu_customs_territory(country: &str) -> bool {
    is_eu(country) || canonical(country) == "MC"
}

/// The shipping zone of a country (ISO alpha-2). Monaco is served by the French postal network
/// at domestic rates, so it counts as France.
pub fn zone_of(country: &str) -> Zone {
    let c = canonical(country);
    if c == "FR" || c == "MC" {
        Zone::France
    } else if EU.contains(&c.as_str()) {
        Zone::EuropeanUnion
    } else if REST_OF_EUROPE.contains(&c.as_str()) {
        Zone::RestOfEurope
    } else {
        Zone::World
    }
}

/// O3: the charge for one parcel, or None when the table has no band for that zone/weight.
/// The lightest band that holds the parcel applies, whatever order the table lists them in.
pub fn shipping_charge(
    rates: &[ShippingRate],
    country: &str,
    weight_g: i64,
    mode: ShippingMode,
) -> Option<i64> {
    let zone = zone_of(country);
    let weight = weight_g.max(0);
    rates
        .iter()
        .filter(|r| r.zone == zone && r.max_weight_g >= weight)
        .min_by_key(|r| r.max_weight_g)
        .map(|r| match mode {
            ShippingMode::Direct => r.direct_cents,
            ShippingMode::Grouped => r.grouped_cents,
        })
}

/// The marketplace's default table, in euro cents. Bands follow the carriers' (500 g … 30 kg,
/// 30 kg being the heaviest parcel they take). Grouped is dearer than one direct parcel: it is
/// the premium, insured, repacked service.
pub fn default_shipping_rates() -> Vec<ShippingRate> {
    const BANDS: [i64; 6] = [500, 1_000, 2_000, 5_000, 10_000, 30_000];
    let table: [(Zone, [i64; 6], [i64; 6]); 4] = [
        (
            Zone::France,
            [490, 690, 890, 1_290, 1_890, 2_990],
            [690, 890, 1_090, 1_590, 2_290, 3_490],
        ),
        (
            Zone::EuropeanUnion,
            [990, 1_290, 1_690, 2_490, 3_490, 5_490],
            [1_290, 1_590, 1_990, 2_890, 3_990, 5_990],
        ),
        (
            Zone::RestOfEurope,
            [1_290, 1_690, 2_190, 3_190, 4_490, 6_990],
            [1_590, 1_990, 2_590, 3_590, 4_990, 7_490],
        ),
        (
            Zone::World,
            [1_990, 2_690, 3_690, 5_490, 7_990, 12_990],
            [2_490, 3_190, 4_290, 6_190, 8_990, 13_990],
        ),
    ];
    let mut rates = Vec::with_capacity(24);
    for (zone, direct, grouped) in table {
        for i in 0..BANDS.len() {
            rates.push(ShippingRate {
                zone,
                max_weight_g: BANDS[i],
                direct_cents: direct[i],
                grouped_cents: grouped[i],
            });
        }
    }
    rates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o1_modes_round_trip_through_their_keys() {
        for m in ShippingMode::ALL {
            assert_eq!(ShippingMode::parse(m.as_str()), Some(*m));
        }
        assert_eq!(ShippingMode::parse("express"), None);
    }

    #[test]
    fn o3_zones_follow_the_union_and_monaco_ships_as_france() {
        assert_eq!(zone_of("FR"), Zone::France);
        assert_eq!(zone_of("mc"), Zone::France);
        assert_eq!(zone_of("DE"), Zone::EuropeanUnion);
        assert_eq!(zone_of("GB"), Zone::RestOfEurope);
        assert_eq!(zone_of("CH"), Zone::RestOfEurope);
        assert_eq!(zone_of("US"), Zone::World);
        assert!(is_eu("FR") && is_eu("IE"));
        assert!(!is_eu("GB") && !is_eu("CH") && !is_eu("NO") && !is_eu("MC"));
        assert!(in_eu_customs_territory("MC") && !in_eu_customs_territory("GB"));
    }

    #[test]
    fn o3_the_lightest_band_holding_the_parcel_is_charged() {
        let rates = default_shipping_rates();
        let fr = |w, m| shipping_charge(&rates, "FR", w, m);
        assert_eq!(fr(500, ShippingMode::Direct), Some(490));
        assert_eq!(fr(501, ShippingMode::Direct), Some(690));
        assert_eq!(fr(0, ShippingMode::Grouped), Some(690));
        assert_eq!(fr(30_000, ShippingMode::Direct), Some(2_990));
        assert_eq!(fr(30_001, ShippingMode::Direct), None);
        assert_eq!(
            shipping_charge(&rates, "JP", 1_500, ShippingMode::Direct),
            Some(3_690)
        );
        assert_eq!(shipping_charge(&[], "FR", 100, ShippingMode::Direct), None);
    }

    #[test]
    fn o1_grouped_costs_more_than_one_direct_parcel_in_the_default_table() {
        for r in default_shipping_rates() {
            assert!(r.grouped_cents > r.direct_cents, "{r:?}");
        }
    }
}
