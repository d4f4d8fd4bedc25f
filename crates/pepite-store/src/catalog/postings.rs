//! The search index's postings (C5, C6): for each word and each filter value, the compressed
//! set (a roaring bitmap of piece ids) of the pieces that carry it, and the pieces in the
//! order of each sort. A search then intersects a few sets and walks one order instead of
//! reading every piece, so its cost grows with what it returns, not with the catalogue.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use roaring::{MultiOps, RoaringBitmap};

use crate::catalog::buckets::{LAST_BUCKET, bucket};
use crate::catalog::facets::Entry;
use crate::catalog::tally::{KeptShown, Shown, Tally, VALUE_DIMS, common, value_numbers};

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
    /// The facet counts of each common word's pieces (see `common`): counting the facets of
    /// a broad word then starts from them and takes away the word's few pieces not shown,
    /// instead of reading each of its hundreds of thousands of pieces.
    pub(crate) tallies: HashMap<String, Tally>,
    /// Words grown common since the last batch, tallied at its end (`tally_new_words`).
    untallied: HashSet<String>,
    /// Brand, category, size, grade, colour, seller: a set per value number (the seller's id).
    pub(crate) values: [Vec<RoaringBitmap>; VALUE_DIMS],
    /// By list price bucket (`bucket`).
    pub(crate) buckets: Vec<RoaringBitmap>,
    /// By runs of buckets: `spans[l][i]` holds buckets `i << (l + 1)` up to the next run's
    /// first, so any run of whole buckets is the union of at most two sets per level
    /// (`whole_buckets`) instead of one per bucket: tens of large unions per search made
    /// most of the cost of a wide price range.
    spans: Vec<Vec<RoaringBitmap>>,
    /// The facet counts of each bucket's pieces (see `Tally`).
    pub(crate) bucket_counts: Vec<Tally>,
    /// The last `shown` set, with the first sale it holds: a search reuses it until a piece
    /// changes or that sale leaves the window.
    shown: Mutex<Option<KeptShown>>,
    /// Ascending by (listed_at, id) and by (list price, id).
    pub(crate) by_newest: Vec<u32>,
    pub(crate) by_price: Vec<u32>,
}

fn set(sets: &mut Vec<RoaringBitmap>, value: usize) -> &mut RoaringBitmap {
    if value >= sets.len() {
        sets.resize_with(value + 1, RoaringBitmap::new);
    }
    &mut sets[value]
}

impl Postings {
    /// C4: the pieces a search shows when sales after `since` are still shown (every listed
    /// piece and the recent sales), and the tally of the others. Building them reads each
    /// sale, which cost more than the rest of a search without words, so they are kept until
    /// a piece changes or a sale leaves the window.
    pub(crate) fn shown(&self, since: i64, entries: &[Option<Entry>]) -> Arc<Shown> {
        let recent = || self.sold.range((since.saturating_add(1), 0)..);
        let first = recent().next().copied();
        let kept = {
            let cache = self.shown.lock().unwrap_or_else(PoisonError::into_inner);
            cache
                .as_ref()
                .filter(|(from, _)| *from == first)
                .map(|(_, shown)| Arc::clone(shown))
        };
        kept.unwrap_or_else(|| {
            let mut set = self.listed.clone();
            set |= ascending(recent().map(|(_, id)| *id).collect());
            let mut hidden = Tally::default();
            for id in &(&self.present - &set) {
                if let Some(e) = entries.get(id as usize).and_then(Option::as_ref) {
                    hidden.add(e, 1);
                }
            }
            let shown = Arc::new(Shown { set, hidden });
            *self.shown.lock().unwrap_or_else(PoisonError::into_inner) =
                Some((first, Arc::clone(&shown)));
            shown
        })
    }

    /// Forgets the kept `shown` set: a piece is coming or going.
    fn changing(&mut self) {
        *self.shown.get_mut().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Adds a visible piece to every set (the sort orders are kept by `Snapshot`).
    pub(crate) fn insert(&mut self, id: u32, e: &Entry, words: &[String]) {
        self.changing();
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
            let set = self.words.entry(w.clone()).or_default();
            set.insert(id);
            if let Some(tally) = self.tallies.get_mut(w) {
                tally.add(e, 1);
            } else if common(set.len(), self.present.len()) && !self.untallied.contains(w) {
                self.untallied.insert(w.clone());
            }
        }
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            set(&mut self.values[d], v).insert(id);
        }
        set(&mut self.buckets, bucket(e.price)).insert(id);
        for (level, sets) in self.spans_mut().iter_mut().enumerate() {
            set(sets, bucket(e.price) >> (level + 1)).insert(id);
        }
        self.bucket_counts_mut(e.price).add(e, 1);
    }

    /// Tallies the words grown common (`common`) during a batch, from `entries` as they are
    /// now that every piece of the batch is in.
    pub(crate) fn tally_new_words(&mut self, entries: &[Option<Entry>]) {
        for w in std::mem::take(&mut self.untallied) {
            let Some(set) = self.words.get(&w) else {
                continue;
            };
            if self.tallies.contains_key(&w) || !common(set.len(), self.present.len()) {
                continue;
            }
            let mut tally = Tally::default();
            for id in set {
                if let Some(e) = entries.get(id as usize).and_then(Option::as_ref) {
                    tally.add(e, 1);
                }
            }
            self.tallies.insert(w, tally);
        }
    }

    fn spans_mut(&mut self) -> &mut Vec<Vec<RoaringBitmap>> {
        if self.spans.is_empty() {
            // Enough levels for one run to cover every bucket.
            let levels = (usize::BITS - LAST_BUCKET.leading_zeros()) as usize;
            self.spans.resize_with(levels, Vec::new);
        }
        &mut self.spans
    }

    /// The pieces of buckets `first..=last`: from the largest runs that fit, at most two per
    /// level.
    pub(crate) fn whole_buckets(&self, first: usize, last: usize) -> RoaringBitmap {
        let mut parts: Vec<&RoaringBitmap> = Vec::new();
        let none = RoaringBitmap::new();
        let at = |level: usize, i: usize| -> &RoaringBitmap {
            let sets = if level == 0 {
                &self.buckets
            } else {
                match self.spans.get(level - 1) {
                    Some(sets) => sets,
                    None => return &none,
                }
            };
            sets.get(i).unwrap_or(&none)
        };
        let (mut lo, mut hi, mut level) = (first, last + 1, 0);
        while lo < hi {
            if lo & 1 == 1 {
                parts.push(at(level, lo));
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                parts.push(at(level, hi));
            }
            (lo, hi, level) = (lo >> 1, hi >> 1, level + 1);
        }
        parts.into_iter().union()
    }

    fn bucket_counts_mut(&mut self, price: i64) -> &mut Tally {
        let b = bucket(price);
        if b >= self.bucket_counts.len() {
            self.bucket_counts.resize_with(b + 1, Tally::default);
        }
        &mut self.bucket_counts[b]
    }

    /// Removes a piece as `e` described it, except from the word sets (`forget_words`).
    pub(crate) fn remove(&mut self, id: u32, e: &Entry) {
        self.changing();
        self.present.remove(id);
        self.listed.remove(id);
        self.sold.remove(&(e.sold_at, id));
        self.offers.remove(id);
        self.agreed.remove(id);
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            set(&mut self.values[d], v).remove(id);
        }
        set(&mut self.buckets, bucket(e.price)).remove(id);
        for (level, sets) in self.spans_mut().iter_mut().enumerate() {
            set(sets, bucket(e.price) >> (level + 1)).remove(id);
        }
        self.bucket_counts_mut(e.price).add(e, -1);
    }

    /// Drops `ids` from every word set and its tally (their words are about to be read
    /// again), while `entries` still describe them as the tally counted them.
    pub(crate) fn forget_words(&mut self, ids: &RoaringBitmap, entries: &[Option<Entry>]) {
        if ids.is_empty() {
            return;
        }
        let tallies = &mut self.tallies;
        self.words.retain(|word, set| {
            if !set.is_disjoint(ids) {
                if let Some(tally) = tallies.get_mut(word) {
                    for id in &(&*set & ids) {
                        if let Some(e) = entries.get(id as usize).and_then(Option::as_ref) {
                            tally.add(e, -1);
                        }
                    }
                }
                *set -= ids;
            }
            if set.is_empty() {
                tallies.remove(word);
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

/// The set of `ids` given in any order (by sale, by price), sorted first: a bitmap fed in
/// id order appends, where one fed at random shifts its arrays at each insertion.
pub(crate) fn ascending(mut ids: Vec<u32>) -> RoaringBitmap {
    ids.sort_unstable();
    ids.into_iter().collect()
}

/// The sort key of piece `id` in `entries`: (listed_at, id) or (list price, id).
pub(crate) fn entry_key(entries: &[Option<Entry>], id: u32, newest: bool) -> (i64, u32) {
    match entries.get(id as usize).and_then(Option::as_ref) {
        Some(e) if newest => (e.listed_at, id),
        Some(e) => (e.price, id),
        None => (i64::MIN, id),
    }
}
