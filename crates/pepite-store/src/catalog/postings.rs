//! The search index's postings (C5, C6): for each word and each filter value, the compressed
//! set (a roaring bitmap of piece ids) of the pieces that carry it, and the pieces in the
//! order of each sort. A search then intersects a few sets and walks one order instead of
//! reading every piece, so its cost grows with what it returns, not with the catalogue.

use std::collections::{BTreeSet, HashMap};

use roaring::RoaringBitmap;

use crate::catalog::facets::Entry;

/// The dimensions that have a set per value, as numbered in `Postings::values`.
pub(crate) const VALUE_DIMS: usize = 6;

/// Fine price buckets (by list price) whose edges include every facet band's edges, so a
/// price range is mostly a union of whole buckets: 5 € wide up to 1,000 €, then 100 € wide
/// up to 10,000 €, then one last bucket.
pub(crate) fn bucket(price: i64) -> usize {
    match price.max(0) {
        p if p < 100_000 => (p / 500) as usize,
        p if p < 1_000_000 => 200 + ((p - 100_000) / 10_000) as usize,
        _ => LAST_BUCKET,
    }
}

pub(crate) const LAST_BUCKET: usize = 290;

/// The lowest price of bucket `b`.
pub(crate) fn bucket_floor(b: usize) -> i64 {
    let b = b as i64;
    if b < 200 {
        b * 500
    } else {
        100_000 + (b - 200) * 10_000
    }
}

#[derive(Default)]
pub(crate) struct Postings {
    /// Every listed or sold piece in the index.
    pub(crate) present: RoaringBitmap,
    pub(crate) listed: RoaringBitmap,
    /// C4: sold pieces by the instant of their sale, to find those still shown.
    pub(crate) sold: BTreeSet<(i64, u32)>,
    pub(crate) offers: RoaringBitmap,
    /// C6: pieces carrying an agreed price, running or not (compared with now when read).
    pub(crate) agreed: RoaringBitmap,
    pub(crate) words: HashMap<String, RoaringBitmap>,
    /// Brand, category, size, grade, colour, seller: a set per value number (the seller's id).
    pub(crate) values: [Vec<RoaringBitmap>; VALUE_DIMS],
    /// By list price bucket (`bucket`).
    pub(crate) buckets: Vec<RoaringBitmap>,
    /// The facet counts of each bucket's pieces (see `BucketCounts`).
    pub(crate) bucket_counts: Vec<BucketCounts>,
    /// Ascending by (listed_at, id) and by (list price, id).
    pub(crate) by_newest: Vec<u32>,
    pub(crate) by_price: Vec<u32>,
}

/// How many of one price bucket's pieces carry each value of each dimension (price apart:
/// a bucket lies in one band). Kept with the sets, so that counting the facets of a price
/// range adds the counts of its whole buckets instead of reading each of their pieces.
#[derive(Default, Clone)]
pub(crate) struct BucketCounts {
    /// As `Postings::values`: a count per value number.
    pub(crate) values: [Vec<i64>; VALUE_DIMS],
    /// By `open_to_offers`, then by listed (false: sold).
    pub(crate) offers: [i64; 2],
    pub(crate) listed: [i64; 2],
}

impl BucketCounts {
    fn add(&mut self, e: &Entry, by: i64) {
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            let counts = &mut self.values[d];
            if v >= counts.len() {
                counts.resize(v + 1, 0);
            }
            counts[v] += by;
        }
        self.offers[usize::from(e.offers)] += by;
        self.listed[usize::from(e.listed)] += by;
    }
}

/// The value numbers of an entry, in the order of `Postings::values`.
pub(crate) fn value_numbers(e: &Entry) -> [usize; VALUE_DIMS] {
    [
        e.brand as usize,
        e.category as usize,
        e.size as usize,
        e.grade as usize,
        e.colour as usize,
        usize::try_from(e.seller).unwrap_or(0),
    ]
}

fn set(sets: &mut Vec<RoaringBitmap>, value: usize) -> &mut RoaringBitmap {
    if value >= sets.len() {
        sets.resize_with(value + 1, RoaringBitmap::new);
    }
    &mut sets[value]
}

impl Postings {
    /// Adds a visible piece to every set (the sort orders are kept by `Snapshot`).
    pub(crate) fn insert(&mut self, id: u32, e: &Entry, words: &[String]) {
        self.present.insert(id);
        if e.listed {
            self.listed.insert(id);
        } else {
            self.sold.insert((e.sold_at, id));
        }
        if e.offers {
            self.offers.insert(id);
        }
        if e.agreed_until > 0 {
            self.agreed.insert(id);
        }
        for w in words {
            self.words.entry(w.clone()).or_default().insert(id);
        }
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            set(&mut self.values[d], v).insert(id);
        }
        set(&mut self.buckets, bucket(e.price)).insert(id);
        self.bucket_counts_mut(e.price).add(e, 1);
    }

    fn bucket_counts_mut(&mut self, price: i64) -> &mut BucketCounts {
        let b = bucket(price);
        if b >= self.bucket_counts.len() {
            self.bucket_counts.resize_with(b + 1, BucketCounts::default);
        }
        &mut self.bucket_counts[b]
    }

    /// Removes a piece as `e` described it, except from the word sets (`forget_words`).
    pub(crate) fn remove(&mut self, id: u32, e: &Entry) {
        self.present.remove(id);
        self.listed.remove(id);
        self.sold.remove(&(e.sold_at, id));
        self.offers.remove(id);
        self.agreed.remove(id);
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            set(&mut self.values[d], v).remove(id);
        }
        set(&mut self.buckets, bucket(e.price)).remove(id);
        self.bucket_counts_mut(e.price).add(e, -1);
    }

    /// Drops `ids` from every word set (their words are about to be read again).
    pub(crate) fn forget_words(&mut self, ids: &RoaringBitmap) {
        if ids.is_empty() {
            return;
        }
        self.words.retain(|_, set| {
            if !set.is_disjoint(ids) {
                *set -= ids;
            }
            !set.is_empty()
        });
    }

    /// Rebuilds both sort orders from `entries` (after a large batch).
    pub(crate) fn reorder(&mut self, entries: &[Option<Entry>]) {
        self.by_newest = self.present.iter().collect();
        self.by_newest
            .sort_unstable_by_key(|id| entry_key(entries, *id, true));
        self.by_price = self.present.iter().collect();
        self.by_price
            .sort_unstable_by_key(|id| entry_key(entries, *id, false));
    }

    /// Places piece `id`, already in `entries`, in both orders (a small batch).
    pub(crate) fn order_insert(&mut self, entries: &[Option<Entry>], id: u32) {
        for (order, newest) in [(&mut self.by_newest, true), (&mut self.by_price, false)] {
            let key = entry_key(entries, id, newest);
            let at = order.partition_point(|x| entry_key(entries, *x, newest) < key);
            order.insert(at, id);
        }
    }

    /// Takes piece `id` out of both orders while `entries` still holds its old state.
    pub(crate) fn order_remove(&mut self, entries: &[Option<Entry>], id: u32) {
        for (order, newest) in [(&mut self.by_newest, true), (&mut self.by_price, false)] {
            let key = entry_key(entries, id, newest);
            let at = order.partition_point(|x| entry_key(entries, *x, newest) < key);
            if order.get(at) == Some(&id) {
                order.remove(at);
            }
        }
    }
}

/// The sort key of piece `id` in `entries`: (listed_at, id) or (list price, id).
pub(crate) fn entry_key(entries: &[Option<Entry>], id: u32, newest: bool) -> (i64, u32) {
    match entries.get(id as usize).and_then(Option::as_ref) {
        Some(e) if newest => (e.listed_at, id),
        Some(e) => (e.price, id),
        None => (i64::MIN, id),
    }
}
