//! The index's answer to a query (C4–C6): the word and filter sets are intersected, each
//! facet is counted over the pieces that pass every other filter (from that set, or from its
//! complement when the set is most of the catalogue), and the page is walked from the
//! pre-sorted order until it is full. The result is the one `reference.rs` computes by
//! reading every piece; only the cost differs.

use roaring::{MultiOps, RoaringBitmap};

use crate::catalog::buckets::{LAST_BUCKET, bucket_floor};
use crate::catalog::counts::{
    AVAILABLE, BRAND, CATEGORY, COLOUR, Counts, GRADE, OFFERS, Outcome, PRICE, SELLER, SIZE,
    price_band,
};
use crate::catalog::facets::{Entry, Interner, Snapshot};
use crate::catalog::postings::{Postings, ascending, entry_key};
use crate::catalog::search::{Cursor, SearchQuery, ShopScope, Sort, Visibility};
use crate::catalog::tally::{Shown, Tally};

/// A sorted walk is tried when at least one piece in this many matches; sparser results
/// are gathered and sorted instead. Gathering reads the entry of every match (random reads
/// over the whole index), so even a walk over a few thousand pieces of the sorted order costs
/// less: at one in 32, a word carried by 20,000 of 1,000,000 pieces was gathered, and that
/// was most of its search.
const WALK_DENSITY: u64 = 256;

pub(crate) fn evaluate(s: &Snapshot, q: &SearchQuery, at: Visibility) -> Outcome {
    let p = &s.postings;
    let shown = p.shown(at.sold_since, &s.entries);
    let base = scoped(s, &q.scope, with_words(s, q, &shown.set));
    let (filters, whole) = filters(s, q, at);
    let short = Shortcuts {
        shown: &shown,
        whole: whole.as_ref(),
        word: q
            .terms
            .iter()
            .filter_map(|t| Some((p.words.get(t)?, p.tallies.get(t)?)))
            .min_by_key(|(set, _)| set.len()),
    };
    // Filters narrowest first, and the base's intersection with the narrowest shared: after
    // it every set is small, and each later intersection costs what is left, not what the
    // base holds (a broad word with six filters made 36 intersections of large sets).
    let mut used: Vec<(usize, &RoaringBitmap)> = filters
        .iter()
        .enumerate()
        .filter_map(|(d, f)| Some((d, f.as_ref()?)))
        .collect();
    used.sort_by_key(|(_, f)| f.len());
    let within = used.first().map(|(_, f)| &base & *f);
    // The pieces passing every filter but `skip`'s.
    let passing = |skip: Option<usize>| {
        let (mut out, from) = match (&within, used.first()) {
            (Some(within), Some((d, _))) if Some(*d) != skip => (within.clone(), 1),
            _ => (base.clone(), 0),
        };
        for (d, f) in &used[from..] {
            if Some(*d) != skip {
                out &= *f;
            }
        }
        out
    };
    let matching = passing(None);
    let mut counts = Counts::new(s);
    if q.facets {
        let unfiltered: Vec<usize> = (0..=AVAILABLE).filter(|d| filters[*d].is_none()).collect();
        count(s, &matching, &unfiltered, at, short, &mut counts);
        // A filtered dimension counts the pieces that pass every other filter.
        for (d, _) in &used {
            count(s, &passing(Some(*d)), &[*d], at, short, &mut counts);
        }
    }
    let (ids, next) = page(s, q, at, &matching);
    debug_assert!(matching.is_subset(&p.present));
    Outcome {
        ids,
        next,
        facets: if q.facets {
            counts.into_rows(s, q.seller_id)
        } else {
            Vec::new()
        },
        total: matching.len() as i64,
    }
}

/// P3: `base` less the pieces of sellers outside the shop searched. Every count below stays
/// exact: each way of counting works for any subset of the shown pieces.
fn scoped(s: &Snapshot, scope: &ShopScope, base: RoaringBitmap) -> RoaringBitmap {
    let sellers = |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| usize::try_from(*id).ok())
            .filter_map(|i| s.postings.values[5].get(i))
            .union()
    };
    match scope {
        ShopScope::Every => base,
        ShopScope::Only(ids) => base & sellers(ids),
        ShopScope::Without(ids) => base - sellers(ids),
    }
}

fn entry(s: &Snapshot, id: u32) -> Option<&Entry> {
    s.entry(i64::from(id))
}

/// C4 and C5: the pieces shown at `at` (listed, or sold within the window) that carry every
/// word of the query.
fn with_words(s: &Snapshot, q: &SearchQuery, shown: &RoaringBitmap) -> RoaringBitmap {
    let p = &s.postings;
    let mut words = Vec::with_capacity(q.terms.len());
    for term in &q.terms {
        match p.words.get(term) {
            Some(set) => words.push(set),
            None => return RoaringBitmap::new(),
        }
    }
    words.sort_by_key(|w| w.len());
    match words.split_first() {
        None => shown.clone(),
        Some((first, rest)) => {
            let mut out = *first & shown;
            for w in rest {
                out &= *w;
            }
            out
        }
    }
}

/// The set each filter keeps, in the dimensions' order (`counts.rs`); `None` when unused.
/// With a price range, also the price buckets it holds whole.
fn filters(
    s: &Snapshot,
    q: &SearchQuery,
    at: Visibility,
) -> (Vec<Option<RoaringBitmap>>, Option<Whole>) {
    let p = &s.postings;
    let seller = q.seller_id.map(|id| {
        usize::try_from(id)
            .ok()
            .and_then(|i| p.values[5].get(i))
            .cloned()
            .unwrap_or_default()
    });
    let (price, whole) = match priced(s, q, at) {
        Some((set, whole)) => (Some(set), Some(whole)),
        None => (None, None),
    };
    let sets = vec![
        chosen(&q.brands, &s.brands, &p.values[0]),
        chosen(&q.categories, &s.categories, &p.values[1]),
        chosen(&q.sizes, &s.sizes, &p.values[2]),
        chosen(&q.grades, &s.grades, &p.values[3]),
        chosen(&q.colours, &s.colours, &p.values[4]),
        price,
        seller,
        q.open_to_offers.then(|| p.offers.clone()),
        q.available_only.then(|| p.listed.clone()),
    ];
    (sets, whole)
}

/// The price buckets a price range holds whole, and their pieces: every piece of the range's
/// set is either among them or found piece by piece, so the range's facets are those
/// buckets' counts corrected by the few pieces on either side (`count`).
pub(crate) struct Whole {
    buckets: Vec<usize>,
    pieces: RoaringBitmap,
}

/// The pieces carrying any of `values` (an unknown value matches nothing).
fn chosen(values: &[String], names: &Interner, sets: &[RoaringBitmap]) -> Option<RoaringBitmap> {
    (!values.is_empty()).then(|| {
        values
            .iter()
            .filter_map(|v| names.get(v))
            .filter_map(|v| sets.get(v as usize))
            .union()
    })
}

/// C6: the pieces whose current price at `at` is within the query's range: whole price
/// buckets, the buckets at the edges checked piece by piece, and running agreed prices.
fn priced(s: &Snapshot, q: &SearchQuery, at: Visibility) -> Option<(RoaringBitmap, Whole)> {
    if q.price_min.is_none() && q.price_max.is_none() {
        return None;
    }
    let (min, max) = (
        q.price_min.unwrap_or(i64::MIN),
        q.price_max.unwrap_or(i64::MAX),
    );
    let inside = |price: i64| price >= min && price <= max;
    let p = &s.postings;
    let mut buckets = Vec::new();
    let mut edges = Vec::new();
    for b in 0..p.buckets.len() {
        let floor = bucket_floor(b);
        let top = if b >= LAST_BUCKET {
            i64::MAX
        } else {
            bucket_floor(b + 1) - 1
        };
        if top < min || floor > max {
            continue;
        }
        if floor >= min && top <= max {
            buckets.push(b);
        } else {
            // A bucket at an edge: its pieces within the range are a run of the price order,
            // found by two binary searches instead of reading each piece of the bucket.
            let (lo, hi) = (floor.max(min), top.min(max));
            let list = &p.by_price;
            let price = |id: &u32| entry_key(&s.entries, *id, false).0;
            let from = list.partition_point(|id| price(id) < lo);
            let to = list.partition_point(|id| price(id) <= hi);
            edges.extend_from_slice(&list[from..to.max(from)]);
        }
    }
    let mut out = ascending(edges);
    // Whole buckets are a run: the first and last of a range's buckets are its edges.
    let pieces = match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) => p.whole_buckets(*first, *last),
        _ => RoaringBitmap::new(),
    };
    out |= &pieces;
    for id in &p.agreed {
        if let Some(e) = entry(s, id).filter(|e| e.agreed_until > at.now) {
            if inside(e.agreed) {
                out.insert(id);
            } else {
                out.remove(id);
            }
        }
    }
    Some((out, Whole { buckets, pieces }))
}

/// What may spare a facet count from reading each piece of its set: the price buckets a
/// range holds whole, and the query's rarest word that has a tally.
#[derive(Clone, Copy)]
struct Shortcuts<'a> {
    /// Every counted set is within it.
    shown: &'a Shown,
    whole: Option<&'a Whole>,
    word: Option<(&'a RoaringBitmap, &'a Tally)>,
}

/// Counts the pieces of `set` in each of `dims` the cheapest of four ways: one pass over
/// `set`; the index's totals less the tally of the pieces not shown and one pass over the
/// shown pieces outside `set`; when a price range
/// bounds `set` and price is not counted, the whole buckets' tallies less the pieces of
/// those buckets outside `set`, plus the pieces of `set` outside them; or, when the query has
/// a common word, that word's tally less its pieces outside `set` (every piece of `set`
/// carries it). Prices are counted at the list price, then running agreed prices move their
/// pieces to their band (C6).
fn count(
    s: &Snapshot,
    set: &RoaringBitmap,
    dims: &[usize],
    at: Visibility,
    short: Shortcuts,
    c: &mut Counts,
) {
    if dims.is_empty() {
        return;
    }
    let p = &s.postings;
    let mask = dims.iter().fold(0u16, |m, d| m | (1 << d));
    if dims.contains(&SELLER) {
        c.seller.resize(c.seller.len().max(p.values[5].len()), 0);
    }
    let shown = &short.shown.set;
    debug_assert!(set.is_subset(shown));
    let pass_cost = set.len().min(shown.len() - set.len());
    // Adding a tally costs about one piece per 16 values added.
    let values: usize = dims.iter().map(|d| value_count(p, *d)).sum();
    let adding = |tallies: usize| (tallies * values / 16) as u64;
    let by_word = short
        .word
        .map(|(w, t)| (adding(1) + w.len() - set.len(), w, t))
        .filter(|(cost, ..)| *cost < pass_cost);
    let best = by_word.map_or(pass_cost, |(cost, ..)| cost);
    // A range's buckets never serve a count of prices: that count's set is taken without
    // the price filter, which the buckets stand for.
    let by_buckets = short
        .whole
        .filter(|_| !dims.contains(&PRICE))
        .and_then(|w| {
            let adding = adding(w.buckets.len());
            // At least this many of the buckets' pieces are outside `set`: a bound that spares
            // computing both differences when the buckets hold far more than `set`.
            if adding + w.pieces.len().saturating_sub(set.len()) >= best {
                return None;
            }
            let missing = &w.pieces - set;
            let extra = set - &w.pieces;
            (adding + missing.len() + extra.len() < best).then_some((w, missing, extra))
        });
    let each = |ids: &RoaringBitmap, by: i64, c: &mut Counts| {
        for id in ids {
            if let Some(k) = s.keys.get(id as usize) {
                c.add(mask, k, by);
            }
        }
    };
    if let Some((w, missing, extra)) = by_buckets {
        for b in &w.buckets {
            if let Some(counts) = p.bucket_counts.get(*b) {
                c.add_tally(mask, counts, 1);
            }
        }
        each(&missing, -1, c);
        each(&extra, 1, c);
    } else if let Some((_, w, tally)) = by_word {
        debug_assert!(set.is_subset(w));
        c.add_tally(mask, tally, 1);
        each(&(w - set), -1, c);
    } else {
        let rest;
        let (pass, by) = if set.len() * 2 <= shown.len() {
            (set, 1)
        } else {
            for d in dims {
                totals(p, *d, c);
            }
            c.add_tally(mask, &short.shown.hidden, -1);
            rest = shown - set;
            (&rest, -1)
        };
        each(pass, by, c);
    }
    if dims.contains(&PRICE) {
        for id in &(&p.agreed & set) {
            if let Some(e) = entry(s, id).filter(|e| e.agreed_until > at.now) {
                c.bump(PRICE, e, e.price, -1);
                c.bump(PRICE, e, e.agreed, 1);
            }
        }
    }
}

/// How many values dimension `d` has in the index.
fn value_count(p: &Postings, d: usize) -> usize {
    match d {
        BRAND..=COLOUR => p.values[d].len(),
        SELLER => p.values[5].len(),
        _ => 2,
    }
}

/// Adds how many indexed pieces carry each value of dimension `d`.
fn totals(p: &Postings, d: usize, c: &mut Counts) {
    let present = p.present.len() as i64;
    match d {
        PRICE => {
            for (b, set) in p.buckets.iter().enumerate() {
                c.price[price_band(bucket_floor(b))] += set.len() as i64;
            }
        }
        OFFERS => {
            let yes = p.offers.len() as i64;
            c.offers[0] += present - yes;
            c.offers[1] += yes;
        }
        AVAILABLE => {
            let yes = p.listed.len() as i64;
            c.available[0] += present - yes;
            c.available[1] += yes;
        }
        _ => {
            let (sets, slots) = match d {
                SELLER => {
                    c.seller.resize(c.seller.len().max(p.values[5].len()), 0);
                    (&p.values[5], &mut c.seller)
                }
                BRAND => (&p.values[0], &mut c.brand),
                CATEGORY => (&p.values[1], &mut c.category),
                SIZE => (&p.values[2], &mut c.size),
                GRADE => (&p.values[3], &mut c.grade),
                _ => (&p.values[4], &mut c.colour),
            };
            for (v, set) in sets.iter().enumerate() {
                slots[v] += set.len() as i64;
            }
        }
    }
}

/// The sort key of C5's orders: newest by listing instant, prices by current price (C6).
fn sort_key(sort: Sort, e: &Entry, now: i64) -> i64 {
    match sort {
        Sort::Newest => e.listed_at,
        Sort::PriceAsc | Sort::PriceDesc => e.price_at(now),
    }
}

type Keyed = (i64, i64);

/// The page after the query's cursor: its ids and the cursor after it, if more follow.
fn page(
    s: &Snapshot,
    q: &SearchQuery,
    at: Visibility,
    matching: &RoaringBitmap,
) -> (Vec<i64>, Option<Cursor>) {
    let limit = q.limit.clamp(1, 100) as usize;
    let want = limit + 1;
    let cursor = q.cursor.filter(|c| c.sort == q.sort);
    let dense = matching.len() * WALK_DENSITY >= s.postings.present.len();
    let ask = Ask {
        s,
        q,
        at,
        matching,
        cursor,
        want,
    };
    let walked = (dense && matching.len() as usize > want)
        .then(|| walk(ask))
        .flatten();
    let mut picked = walked.unwrap_or_else(|| gather(ask));
    let next = (picked.len() > limit).then(|| {
        picked.truncate(limit);
        let (key, id) = picked[limit - 1];
        Cursor {
            sort: q.sort,
            key,
            id,
        }
    });
    (picked.into_iter().map(|(_, id)| id).collect(), next)
}

fn order(sort: Sort) -> impl Fn(&Keyed, &Keyed) -> std::cmp::Ordering {
    move |a, b| {
        if sort == Sort::PriceAsc {
            a.cmp(b)
        } else {
            b.cmp(a)
        }
    }
}

/// What a page is picked from: the matching pieces, the cursor and how many to keep.
#[derive(Clone, Copy)]
struct Ask<'a> {
    s: &'a Snapshot,
    q: &'a SearchQuery,
    at: Visibility,
    matching: &'a RoaringBitmap,
    cursor: Option<Cursor>,
    want: usize,
}

/// Sorts every matching piece and keeps the first `want` after the cursor.
fn gather(ask: Ask) -> Vec<Keyed> {
    let Ask {
        s,
        q,
        at,
        matching,
        cursor,
        want,
    } = ask;
    let order = order(q.sort);
    let mut m: Vec<Keyed> = matching
        .iter()
        .filter_map(|id| entry(s, id).map(|e| (sort_key(q.sort, e, at.now), i64::from(id))))
        .filter(|k| cursor.is_none_or(|c| order(&(c.key, c.id), k).is_lt()))
        .collect();
    if m.len() > want {
        m.select_nth_unstable_by(want - 1, &order);
        m.truncate(want);
    }
    m.sort_unstable_by(order);
    m
}

/// Walks the pre-sorted order from the cursor (and the price range's edge), keeping matching
/// pieces until `want` are found. Pieces under a running agreed price are left out of the
/// list-price order and merged at their agreed price (C6). `None` if the walk runs long
/// (matches bunched far from the start): gathering is then cheaper.
fn walk(ask: Ask) -> Option<Vec<Keyed>> {
    let Ask {
        s,
        q,
        at,
        matching,
        cursor,
        want,
    } = ask;
    let p = &s.postings;
    let newest = q.sort == Sort::Newest;
    let ascending = q.sort == Sort::PriceAsc;
    let order = order(q.sort);
    let key = |id: u32| {
        let (k, id) = entry_key(&s.entries, id, newest);
        (k, i64::from(id))
    };
    let live = |id: u32| {
        !newest && p.agreed.contains(id) && entry(s, id).is_some_and(|e| e.agreed_until > at.now)
    };
    let list = if newest { &p.by_newest } else { &p.by_price };
    // The slice of the order that can hold the page: after the cursor, within the range.
    let mut from = 0;
    let mut to = list.len();
    let after = |k: &Keyed| cursor.is_none_or(|c| order(&(c.key, c.id), k).is_lt());
    if ascending {
        from = list.partition_point(|x| !after(&key(*x)));
    } else {
        to = list.partition_point(|x| after(&key(*x)));
    }
    if !newest {
        if let Some(min) = q.price_min {
            from = from.max(list.partition_point(|x| key(*x).0 < min));
        }
        if let Some(max) = q.price_max {
            to = to.min(list.partition_point(|x| key(*x).0 <= max));
        }
    }
    let to = to.max(from);
    let budget = want * WALK_DENSITY as usize * 2 + 4096;
    let mut out = Vec::with_capacity(want);
    let steps: Box<dyn Iterator<Item = &u32>> = if ascending {
        Box::new(list[from..to].iter())
    } else {
        Box::new(list[from..to].iter().rev())
    };
    for (n, id) in steps.enumerate() {
        if n > budget {
            return None;
        }
        if live(*id) || !matching.contains(*id) {
            continue;
        }
        out.push(key(*id));
        if out.len() == want {
            break;
        }
    }
    if !newest {
        for id in &(&p.agreed & matching) {
            if let Some(e) = entry(s, id).filter(|e| e.agreed_until > at.now) {
                let k = (e.agreed, i64::from(id));
                if after(&k) {
                    out.push(k);
                }
            }
        }
        out.sort_unstable_by(&order);
        out.truncate(want);
    }
    Some(out)
}
