//! Facet counts kept by the index (C5): per price bucket, per common word, and for the pieces
//! a search does not show, so that counting starts from a few tallies instead of reading
//! each piece.

use std::sync::Arc;

use roaring::RoaringBitmap;

use crate::catalog::counts::price_band;
use crate::catalog::facets::Entry;

/// The dimensions that have a set per value, as numbered in `Postings::values`.
pub(crate) const VALUE_DIMS: usize = 6;

/// How many of a set's pieces (a price bucket's, a common word's) carry each value of each
/// dimension. Kept with the sets, so that counting the facets of a price range or of a
/// broad word adds a few tallies instead of reading each of their pieces.
#[derive(Default, Clone)]
pub(crate) struct Tally {
    /// As `Postings::values`: a count per value number.
    pub(crate) values: [Vec<i64>; VALUE_DIMS],
    /// By `open_to_offers`, then by listed (false: sold).
    pub(crate) offers: [i64; 2],
    pub(crate) listed: [i64; 2],
    /// By band (`counts::price_band`) of the list price.
    pub(crate) bands: [i64; 6],
}

impl Tally {
    pub(crate) fn add(&mut self, e: &Entry, by: i64) {
        for (d, v) in value_numbers(e).into_iter().enumerate() {
            let counts = &mut self.values[d];
            if v >= counts.len() {
                counts.resize(v + 1, 0);
            }
            counts[v] += by;
        }
        self.offers[usize::from(e.offers)] += by;
        self.listed[usize::from(e.listed)] += by;
        self.bands[price_band(e.price)] += by;
    }
}

/// A kept `Shown`, with the first sale it holds (none when it holds no sale).
pub(crate) type KeptShown = (Option<(i64, u32)>, Arc<Shown>);

/// What a search shows (C4) at one instant: the listed pieces and the recent sales.
pub(crate) struct Shown {
    pub(crate) set: RoaringBitmap,
    /// The tally of the index's other pieces (older sales), which a count over most of the
    /// index takes away from the index's totals.
    pub(crate) hidden: Tally,
}

/// A word is tallied once this many pieces carry it: one in 64 of the index, and never
/// fewer than `TALLY_FLOOR` (below that, reading its pieces costs less than adding a tally).
/// Tallies are few (each is a few kilobytes, mostly the seller counts), and stay until the
/// word's last piece goes.
pub(crate) fn common(word_pieces: u64, present: u64) -> bool {
    word_pieces >= (present / 64).max(TALLY_FLOOR)
}

/// Unit tests compare the index with reading every piece on catalogues of a few thousand
/// pieces, whose words must be tallied too.
const TALLY_FLOOR: u64 = if cfg!(test) { 64 } else { 1024 };

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
