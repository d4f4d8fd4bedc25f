//! Delivery estimates (O4): business days after dispatch, by destination and mode.

use serde::{Deserialize, Serialize};

use super::shipping::{ShippingMode, Zone, zone_of};
use crate::policy::Policy;

/// The two regions whose fallback rows cover every country without a row of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Europe,
    World,
}

impl Region {
    pub const ALL: &'static [Region] = &[Region::Europe, Region::World];
}

/// One row of the O4 table. `country: None` is the fallback row of its region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryEstimate {
    pub country: Option<String>,
    pub region: Region,
    pub min_days: i64,
    pub max_days: i64,
}

/// Europe is the Union plus the rest of Europe, as the shipping zones draw it.
pub fn region_of(country: &str) -> Region {
    match zone_of(country) {
        Zone::World => Region::World,
        _ => Region::Europe,
    }
}

/// O4: business days after dispatch (grouped adds `policy.grouped_collect_days`, the days the
/// workshop needs to collect every piece). A country's own row wins; Monaco, which ships as
/// France, takes France's row when it has none; then the fallback row of the region.
/// None if no row applies.
pub fn delivery_estimate(policy: &Policy, country: &str, mode: ShippingMode) -> Option<(i64, i64)> {
    let c = country.trim().to_ascii_uppercase();
    let row_of = |code: &str| {
        policy
            .delivery_days
            .iter()
            .find(|r| r.country.as_deref() == Some(code))
    };
    let row = row_of(&c)
        .or_else(|| {
            (zone_of(&c) == Zone::France)
                .then(|| row_of("FR"))
                .flatten()
        })
        .or_else(|| {
            let region = region_of(&c);
            policy
                .delivery_days
                .iter()
                .find(|r| r.country.is_none() && r.region == region)
        })?;
    let (min, max) = (row.min_days, row.max_days);
    Some(match mode {
        ShippingMode::Direct => (min, max),
        ShippingMode::Grouped => {
            let (cmin, cmax) = policy.grouped_collect_days;
            (min + cmin, max + cmax)
        }
    })
}

/// The table of O4 exactly.
pub fn default_delivery_days() -> Vec<DeliveryEstimate> {
    let rows: [(Option<&str>, Region, i64, i64); 14] = [
        (Some("FR"), Region::Europe, 2, 5),
        (Some("DE"), Region::Europe, 3, 5),
        (Some("BE"), Region::Europe, 3, 4),
        (Some("ES"), Region::Europe, 3, 7),
        (Some("IT"), Region::Europe, 3, 5),
        (Some("GB"), Region::Europe, 4, 5),
        (Some("CH"), Region::Europe, 3, 4),
        (None, Region::Europe, 4, 9),
        (Some("AU"), Region::World, 5, 9),
        (Some("CA"), Region::World, 6, 10),
        (Some("CN"), Region::World, 5, 10),
        (Some("US"), Region::World, 5, 8),
        (Some("JP"), Region::World, 5, 9),
        (None, Region::World, 5, 10),
    ];
    rows.into_iter()
        .map(|(country, region, min_days, max_days)| DeliveryEstimate {
            country: country.map(str::to_owned),
            region,
            min_days,
            max_days,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o4_estimates_follow_the_table_and_its_fallback_rows() {
        let p = Policy::marketplace();
        let direct = |c| delivery_estimate(&p, c, ShippingMode::Direct);
        assert_eq!(direct("FR"), Some((2, 5)));
        assert_eq!(direct("MC"), Some((2, 5)));
        assert_eq!(direct("de"), Some((3, 5)));
        assert_eq!(direct("GB"), Some((4, 5)));
        assert_eq!(direct("NL"), Some((4, 9)), "rest of Europe");
        assert_eq!(direct("NO"), Some((4, 9)), "rest of Europe");
        assert_eq!(direct("US"), Some((5, 8)));
        assert_eq!(direct("BR"), Some((5, 10)), "rest of the world");
    }

    #[test]
    fn o4_grouped_adds_the_days_to_collect_every_piece() {
        let p = Policy::marketplace();
        assert_eq!(
            delivery_estimate(&p, "FR", ShippingMode::Grouped),
            Some((5, 10))
        );
    }

    #[test]
    fn o4_no_row_gives_no_estimate() {
        let mut p = Policy::marketplace();
        p.delivery_days.retain(|r| r.region == Region::Europe);
        assert_eq!(delivery_estimate(&p, "JP", ShippingMode::Direct), None);
        assert_eq!(
            delivery_estimate(&p, "FR", ShippingMode::Direct),
            Some((2, 5))
        );
    }
}
