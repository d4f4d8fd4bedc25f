//! Facet counters (C5): how many pieces carry each value of each filter dimension.

use crate::catalog::facets::{Entry, Snapshot};
use crate::catalog::search::{Cursor, FacetCount, PRICE_BANDS};

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

    /// Adds `by` to the counts of `e` (at its list price) in every dimension of the mask
    /// `dims` (bit `1 << d`): the facet count's inner loop, one call per piece and no dispatch
    /// per dimension. Seller slots must already exist (see `count` in `evaluate.rs`).
    #[inline]
    pub(crate) fn add(&mut self, dims: u16, e: &Entry, by: i64) {
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
            self.price[price_band(e.price)] += by;
        }
        if on(SELLER)
            && let Some(n) = usize::try_from(e.seller)
                .ok()
                .and_then(|i| self.seller.get_mut(i))
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

    pub(crate) fn into_rows(self, s: &Snapshot) -> Vec<FacetCount> {
        let mut rows = Vec::new();
        let mut push = |facet: &str, value: String, count: i64| {
            if count > 0 {
                rows.push(FacetCount {
                    facet: facet.to_owned(),
                    value,
                    count,
                });
            }
        };
        for (name, counts, interner) in [
            ("brand", &self.brand, &s.brands),
            ("category", &self.category, &s.categories),
            ("size", &self.size, &s.sizes),
            ("grade", &self.grade, &s.grades),
            ("colour", &self.colour, &s.colours),
        ] {
            for (i, n) in counts.iter().enumerate() {
                push(name, interner.names[i].clone(), *n);
            }
        }
        for (i, n) in self.price.iter().enumerate() {
            push("price", i.to_string(), *n);
        }
        for (seller, n) in self.seller.iter().enumerate() {
            push("seller", seller.to_string(), *n);
        }
        for (name, counts) in [
            ("open_to_offers", self.offers),
            ("available", self.available),
        ] {
            push(name, "false".into(), counts[0]);
            push(name, "true".into(), counts[1]);
        }
        rows.sort_by(|a, b| {
            a.facet
                .cmp(&b.facet)
                .then(b.count.cmp(&a.count))
                .then(a.value.cmp(&b.value))
        });
        rows
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
