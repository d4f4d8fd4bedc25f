//! Fine price buckets (C6): the price filter, sorts and facets start from whole buckets
//! rather than from each piece.

/// Fine price buckets (by list price) whose edges include every facet band's edges, so a
/// price range is mostly a union of whole buckets: up to 1,000 €, each 5 € step is two
/// buckets, the round price alone (50.00 €) and the rest of the step (50.01–54.99 €); then
/// 100 € wide up to 10,000 €, then one last bucket. Sellers mostly ask round prices and
/// buyers mostly ask round ranges, so a range's edges are whole buckets too, where the
/// pieces at exactly its top price (one in seventy at a popular price) would otherwise be
/// read one by one.
pub(crate) fn bucket(price: i64) -> usize {
    match price.max(0) {
        p if p < 100_000 => (p / 500 * 2 + i64::from(p % 500 != 0)) as usize,
        p if p < 1_000_000 => FINE_BUCKETS + ((p - 100_000) / 10_000) as usize,
        _ => LAST_BUCKET,
    }
}

/// Buckets below 1,000 €: two per 5 € step.
const FINE_BUCKETS: usize = 2 * 100_000 / 500;

/// The bucket of every price from 10,000 €, after the 100 € buckets.
pub(crate) const LAST_BUCKET: usize = FINE_BUCKETS + (1_000_000 - 100_000) / 10_000;

/// The lowest price of bucket `b`.
pub(crate) fn bucket_floor(b: usize) -> i64 {
    if b < FINE_BUCKETS {
        (b / 2) as i64 * 500 + (b % 2) as i64
    } else {
        100_000 + (b - FINE_BUCKETS) as i64 * 10_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c6_every_price_falls_in_the_bucket_whose_floor_and_next_floor_bound_it() {
        for price in (0..1_200_000)
            .step_by(7)
            .chain([0, 1, 499, 500, 501, 99_999, 100_000])
        {
            let b = bucket(price);
            assert!(bucket_floor(b) <= price, "{price} below its bucket {b}");
            if b < LAST_BUCKET {
                assert!(price < bucket_floor(b + 1), "{price} beyond its bucket {b}");
            }
        }
        // A round price is a bucket of its own.
        assert_eq!(bucket_floor(bucket(5_000)), 5_000);
        assert_eq!(bucket_floor(bucket(5_000) + 1), 5_001);
    }
}
