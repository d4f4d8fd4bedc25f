//! Facet counters (C5): how many pieces carry each value of each filter dimension.

use crate::catalog::facets::{Entry, Interner, Keys, Snapshot};
use crate::catalog::search::{Cursor, FacetCount, PRICE_BANDS, SELLER_FACET_LIMIT};
use crate::catalog::tally::Tally;

pub(crate) fn price_band(price: i64) -> usize {
    PRICE_BANDS
        .iter()
        .rposition(|(from, _)| price >= *from)
        .unwrap_or(0)
}

/// Facet counters, one per dimension, indexed like the snapshot's vocabularies.
pub(crate) struct Counts {
    pub(crate) brand: Vec<i64>,
    pub(crate) category: Vec<i64>,
    pub(crate) size: Vec<i64>,
    pub(crate) grade: Vec<i64>,
    pub(crate) colour: Vec<i64>,
    pub(crate) price: [i64; 6],
    /// By seller id (ids are dense and few compared with pieces).
    pub(crate) seller: Vec<i64>,
    pub(crate) offers: [i64; 2],
    pub(crate) available: [i64; 2],
}

/// The dimensions in the order of `Counts`, as the filters a piece may fail.
pub(crate) const BRAND: usize = 0;
pub(crate) const CATEGORY: usize = 1;
pub(crate) const SIZE: usize = 2;
pub(crate) const GRADE: usize = 3;
pub(crate) const COLOUR: usize = 4;
pub(crate) const PRICE: usize = 5;
pub(crate) const SELLER: usize = 6;
pub(crate) const OFFERS: usize = 7;
pub(crate) const AVAILABLE: usize = 8;

impl Counts {
    pub(crate) fn new(s: &Snapshot) -> Self {
        Counts {
            brand: vec![0; s.brands.names.len()],
            category: vec![0; s.categories.names.len()],
            size: vec![0; s.sizes.names.len()],
            grade: vec![0; s.grades.names.len()],
            colour: vec![0; s.colours.names.len()],
            price: [0; 6],
            seller: Vec::new(),
            offers: [0; 2],
            available: [0; 2],
        }
    }

    /// Adds `by` (negative to take away) to the count of `e`, whose current price is `price`,
    /// in dimension `d`.
    pub(crate) fn bump(&mut self, d: usize, e: &Entry, price: i64, by: i64) {
        match d {
            BRAND => self.brand[e.brand as usize] += by,
            CATEGORY => self.category[e.category as usize] += by,
            SIZE => self.size[e.size as usize] += by,
            GRADE => self.grade[e.grade as usize] += by,
            COLOUR => self.colour[e.colour as usize] += by,
            PRICE => self.price[price_band(price)] += by,
            SELLER => {
                let i = usize::try_from(e.seller).unwrap_or(0);
                if i >= self.seller.len() {
                    self.seller.resize(i + 1, 0);
                }
                self.seller[i] += by;
            }
            OFFERS => self.offers[usize::from(e.offers)] += by,
            _ => self.available[usize::from(e.listed)] += by,
        }
    }

    /// Adds `by` to the counts of a piece (its `Keys`, at its list price) in every dimension
    /// of the mask `dims` (bit `1 << d`): the facet count's inner loop, one call per piece and
    /// no dispatch per dimension. Seller slots must already exist (see `count` in
    /// `evaluate.rs`).
    #[inline]
    pub(crate) fn add(&mut self, dims: u16, e: &Keys, by: i64) {
        let on = |d: usize| dims & (1 << d) != 0;
        if on(BRAND) {
            self.brand[e.brand as usize] += by;
        }
        if on(CATEGORY) {
            self.category[e.category as usize] += by;
        }
        if on(SIZE) {
            self.size[e.size as usize] += by;
        }
        if on(GRADE) {
            self.grade[e.grade as usize] += by;
        }
        if on(COLOUR) {
            self.colour[e.colour as usize] += by;
        }
        if on(PRICE) {
            self.price[usize::from(e.band)] += by;
        }
        if on(SELLER)
            && let Some(n) = self.seller.get_mut(e.seller as usize)
        {
            *n += by;
        }
        if on(OFFERS) {
            self.offers[usize::from(e.offers)] += by;
        }
        if on(AVAILABLE) {
            self.available[usize::from(e.listed)] += by;
        }
    }

    /// Adds a tally's counts times `by` (see `Tally`: a price bucket's, a common word's, the
    /// hidden pieces') in every dimension of `dims`, prices at the list price.
    pub(crate) fn add_tally(&mut self, dims: u16, b: &Tally, by: i64) {
        let on = |d: usize| dims & (1 << d) != 0;
        let add = |slots: &mut [i64], counts: &[i64]| {
            for (slot, n) in slots.iter_mut().zip(counts) {
                *slot += n * by;
            }
        };
        for (d, slots) in [
            (BRAND, &mut self.brand),
            (CATEGORY, &mut self.category),
            (SIZE, &mut self.size),
            (GRADE, &mut self.grade),
            (COLOUR, &mut self.colour),
        ] {
            if on(d) {
                add(slots, &b.values[d]);
            }
        }
        if on(PRICE) {
            add(&mut self.price, &b.bands);
        }
        if on(SELLER) {
            add(&mut self.seller, &b.values[5]);
        }
        if on(OFFERS) {
            add(&mut self.offers, &b.offers);
        }
        if on(AVAILABLE) {
            add(&mut self.available, &b.listed);
        }
    }

    /// The non-zero counts as rows: facets in alphabetical order, each by count (highest
    /// first), then value (numbered values by number). The seller facet keeps the
    /// `SELLER_FACET_LIMIT` shops with most matches, and the chosen shop whatever its rank:
    /// a marketplace has thousands of shops, and listing each of them in every answer made it
    /// ten times longer than the rest of the answer put together.
    pub(crate) fn into_rows(self, s: &Snapshot, chosen_seller: Option<i64>) -> Vec<FacetCount> {
        let named = |interner: &Interner, counts: &[i64]| {
            let mut values: Vec<(String, i64)> = counts
                .iter()
                .enumerate()
                // A piece without a brand (C1) is not a brand to filter on.
                .filter(|(i, n)| **n > 0 && !interner.names[*i].is_empty())
                .map(|(i, n)| (interner.names[i].clone(), *n))
                .collect();
            values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values
        };
        let numbered = |counts: &[i64], keep: usize, chosen: Option<usize>| {
            let mut values: Vec<(usize, i64)> = counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (i, *n))
                .collect();
            let order = |a: &(usize, i64), b: &(usize, i64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
            let extra = chosen.filter(|c| counts.get(*c).is_some_and(|n| *n > 0));
            if values.len() > keep {
                values.select_nth_unstable_by(keep, order);
                values.truncate(keep);
                if let Some(c) = extra.filter(|c| values.iter().all(|(v, _)| v != c)) {
                    values.push((c, counts[c]));
                }
            }
            values.sort_unstable_by(order);
            values
                .into_iter()
                .map(|(i, n)| (i.to_string(), n))
                .collect::<Vec<_>>()
        };
        let yes_no = |counts: [i64; 2]| {
            [("false", counts[0]), ("true", counts[1])]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(v, n)| (v.to_owned(), n))
                .collect::<Vec<_>>()
        };
        let chosen = chosen_seller.and_then(|id| usize::try_from(id).ok());
        // Already in alphabetical order of the facet's name.
        let facets: [(&'static str, Vec<(String, i64)>); 9] = [
            ("available", yes_no(self.available)),
            ("brand", named(&s.brands, &self.brand)),
            ("category", named(&s.categories, &self.category)),
            ("colour", named(&s.colours, &self.colour)),
            ("grade", named(&s.grades, &self.grade)),
            ("open_to_offers", yes_no(self.offers)),
            ("price", numbered(&self.price, usize::MAX, None)),
            ("seller", numbered(&self.seller, SELLER_FACET_LIMIT, chosen)),
            ("size", named(&s.sizes, &self.size)),
        ];
        facets
            .into_iter()
            .flat_map(|(facet, values)| {
                values.into_iter().map(move |(value, count)| FacetCount {
                    facet,
                    value,
                    count,
                })
            })
            .collect()
    }
}

/// What the index says a query matches: the next page's ids, the cursor after it, the facets
/// and the total.
pub(crate) struct Outcome {
    pub(crate) ids: Vec<i64>,
    pub(crate) next: Option<Cursor>,
    pub(crate) facets: Vec<FacetCount>,
    pub(crate) total: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sellers(rows: &[FacetCount]) -> Vec<(String, i64)> {
        rows.iter()
            .filter(|r| r.facet == "seller")
            .map(|r| (r.value.clone(), r.count))
            .collect()
    }

    #[test]
    fn c5_seller_facet_lists_the_shops_with_most_matches_and_the_chosen_one() {
        let s = Snapshot::default();
        let mut counts = Counts::new(&s);
        // Shop i has i matching pieces; shop 0 none.
        counts.seller = (0..100).collect();
        let with_chosen = {
            let mut c = Counts::new(&s);
            c.seller.clone_from(&counts.seller);
            sellers(&c.into_rows(&s, Some(5)))
        };
        let top: Vec<(String, i64)> = (70..100).rev().map(|i| (i.to_string(), i)).collect();
        assert_eq!(sellers(&counts.into_rows(&s, Some(0))), top);
        assert_eq!(with_chosen.len(), SELLER_FACET_LIMIT + 1);
        assert_eq!(with_chosen[..SELLER_FACET_LIMIT], top[..]);
        assert_eq!(with_chosen[SELLER_FACET_LIMIT], ("5".to_owned(), 5));
    }
}
