//! The straightforward search the index must agree with: one pass over every piece, each
//! filter checked in turn (the index's former algorithm). Tests compare the two on random
//! catalogues and queries.

use crate::catalog::counts::*;
use crate::catalog::facets::{Entry, Interner, Snapshot};
use crate::catalog::search::{Cursor, SearchQuery, Sort, Visibility};

/// The filter of one facet dimension as a table indexed by value number: `None` filters
/// nothing; `Some(table)` keeps the values marked true (an unknown value matches no piece).
fn resolve(values: &[String], interner: &Interner) -> Option<Vec<bool>> {
    (!values.is_empty()).then(|| {
        let mut table = vec![false; interner.names.len()];
        for id in values.iter().filter_map(|v| interner.get(v)) {
            table[id as usize] = true;
        }
        table
    })
}

fn passes(filter: &Option<Vec<bool>>, value: u32) -> bool {
    filter.as_ref().is_none_or(|table| table[value as usize])
}

pub(crate) fn scan(
    s: &Snapshot,
    q: &SearchQuery,
    at: Visibility,
    candidates: Option<&[i64]>,
) -> Outcome {
    let brands = resolve(&q.brands, &s.brands);
    let categories = resolve(&q.categories, &s.categories);
    let sizes = resolve(&q.sizes, &s.sizes);
    let grades = resolve(&q.grades, &s.grades);
    let colours = resolve(&q.colours, &s.colours);
    let mut counts = Counts::new(s);
    let mut matches: Vec<(i64, i64)> = Vec::new();
    let mut visit = |id: i64, e: &Entry| {
        // C4: a sold piece stays in the catalogue for a while, marked sold.
        if !(e.listed || e.sold_at > at.sold_since) || !q.scope.admits(e.seller) {
            return;
        }
        let price = e.price_at(at.now);
        let pass = [
            passes(&brands, e.brand),
            passes(&categories, e.category),
            passes(&sizes, e.size),
            passes(&grades, e.grade),
            passes(&colours, e.colour),
            q.price_min.is_none_or(|m| price >= m) && q.price_max.is_none_or(|m| price <= m),
            q.seller_id.is_none_or(|sid| e.seller == sid),
            !q.open_to_offers || e.offers,
            !q.available_only || e.listed,
        ];
        let mut missed = pass
            .iter()
            .enumerate()
            .filter(|(_, ok)| !**ok)
            .map(|(d, _)| d);
        match (missed.next(), missed.next()) {
            (None, _) => {
                for d in 0..=AVAILABLE {
                    counts.bump(d, e, price, 1);
                }
                let key = if q.sort == Sort::Newest {
                    e.listed_at
                } else {
                    price
                };
                matches.push((key, id));
            }
            // Fails only one filter: it still counts in that filter's own facet.
            (Some(d), None) => counts.bump(d, e, price, 1),
            _ => {}
        }
    };
    match candidates {
        Some(ids) => {
            for id in ids {
                if let Some(e) = s.entry(*id) {
                    visit(*id, e);
                }
            }
        }
        None => {
            for (id, e) in s.entries.iter().enumerate() {
                if let Some(e) = e {
                    visit(id as i64, e);
                }
            }
        }
    }
    let total = matches.len() as i64;
    let ascending = q.sort == Sort::PriceAsc;
    let order = |a: &(i64, i64), b: &(i64, i64)| if ascending { a.cmp(b) } else { b.cmp(a) };
    if let Some(c) = q.cursor.filter(|c| c.sort == q.sort) {
        matches.retain(|m| order(&(c.key, c.id), m).is_lt());
    }
    let limit = q.limit.clamp(1, 100) as usize;
    if matches.len() > limit + 1 {
        matches.select_nth_unstable_by(limit, order);
        matches.truncate(limit + 1);
    }
    matches.sort_unstable_by(order);
    let next = (matches.len() > limit).then(|| {
        matches.truncate(limit);
        let (key, id) = matches[limit - 1];
        Cursor {
            sort: q.sort,
            key,
            id,
        }
    });
    Outcome {
        ids: matches.into_iter().map(|(_, id)| id).collect(),
        next,
        facets: if q.facets {
            counts.into_rows(s, q.seller_id)
        } else {
            Vec::new()
        },
        total,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use pepite_domain::search::terms;

    use super::scan;
    use crate::catalog::evaluate::evaluate;
    use crate::catalog::facets::{Row, Snapshot};
    use crate::catalog::search::{SearchQuery, ShopScope, Sort, Visibility};

    /// A small deterministic generator (xorshift), so a failure replays.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }

        fn pick(&mut self, from: &[&'static str]) -> &'static str {
            from[self.below(from.len() as u64) as usize]
        }

        fn some(&mut self, from: &[&'static str], most: u64) -> Vec<String> {
            (0..self.below(most + 1))
                .map(|_| self.pick(from).to_owned())
                .collect()
        }
    }

    const NOW: i64 = 1_000_000;
    const WORDS: &[&str] = &[
        "robe", "veste", "laine", "soie", "noir", "long", "court", "sac",
    ];
    const BRANDS: &[&str] = &["Dior", "Maje", "Kenzo", "Sandro", "Chloé"];
    const CATEGORIES: &[&str] = &["dresses", "coats", "skirts", "bags"];
    const SIZES: &[&str] = &["FR:36", "FR:38", "FR:40", "INT:M"];
    const GRADES: &[&str] = &["excellent", "very_good", "good"];
    const COLOURS: &[&str] = &["black", "red", "blue"];
    const STATES: &[&str] = &["listed", "listed", "listed", "sold", "draft", "withdrawn"];
    const PRICES: &[i64] = &[
        500, 1_999, 2_000, 2_001, 4_950, 5_000, 9_999, 15_000, 49_999, 50_000,
    ];

    fn row(d: &mut Dice, id: i64) -> Row {
        let price = if d.below(3) == 0 {
            PRICES[d.below(PRICES.len() as u64) as usize]
        } else {
            100 + d.below(120_000) as i64
        };
        let agreed = d.below(8) == 0;
        Row {
            id,
            state: d.pick(STATES).to_owned(),
            sold_at: Some(NOW - 1_000 + d.below(2_000) as i64),
            listed_at: Some(d.below(50) as i64),
            price_cents: price,
            seller_id: 1 + d.below(12) as i64,
            brand: d.pick(BRANDS).to_owned(),
            size_key: d.pick(SIZES).to_owned(),
            category: d.pick(CATEGORIES).to_owned(),
            grade: d.pick(GRADES).to_owned(),
            colour: d.pick(COLOURS).to_owned(),
            open_to_offers: d.below(2) == 0,
            agreed_cents: agreed.then(|| price * 8 / 10),
            agreed_until: agreed.then(|| NOW - 50 + d.below(100) as i64),
            title: d.some(WORDS, 3).join(" "),
            description: d.some(WORDS, 2).join(" "),
        }
    }

    fn query(d: &mut Dice) -> SearchQuery {
        let price = |d: &mut Dice| {
            (d.below(2) == 0).then(|| match d.below(3) {
                0 => PRICES[d.below(PRICES.len() as u64) as usize],
                _ => d.below(130_000) as i64,
            })
        };
        let (mut min, mut max) = (price(d), price(d));
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            (min, max) = (Some(b), Some(a));
        }
        let mut terms = d.some(WORDS, 2);
        if d.below(20) == 0 {
            terms.push("absent".into());
        }
        terms.dedup();
        let unknown = |d: &mut Dice, mut values: Vec<String>| {
            if d.below(15) == 0 {
                values.push("nowhere".into());
            }
            values
        };
        let brands = d.some(BRANDS, 2);
        SearchQuery {
            terms,
            brands: unknown(d, brands),
            categories: if d.below(2) == 0 {
                d.some(CATEGORIES, 2)
            } else {
                vec![]
            },
            sizes: if d.below(3) == 0 {
                d.some(SIZES, 2)
            } else {
                vec![]
            },
            grades: if d.below(3) == 0 {
                d.some(GRADES, 2)
            } else {
                vec![]
            },
            colours: if d.below(3) == 0 {
                d.some(COLOURS, 1)
            } else {
                vec![]
            },
            price_min: min,
            price_max: max,
            seller_id: (d.below(5) == 0).then(|| d.below(14) as i64),
            scope: match d.below(4) {
                0 => ShopScope::Only(vec![d.below(14) as i64, d.below(14) as i64]),
                1 => ShopScope::Without(vec![d.below(14) as i64]),
                _ => ShopScope::Every,
            },
            open_to_offers: d.below(4) == 0,
            available_only: d.below(4) == 0,
            sort: [Sort::Newest, Sort::PriceAsc, Sort::PriceDesc][d.below(3) as usize],
            cursor: None,
            limit: 1 + d.below(40) as i64,
            facets: true,
        }
    }

    /// Every page of `q` from both, compared, until the last page.
    fn compare(
        s: &Snapshot,
        words: &HashMap<i64, Vec<String>>,
        q: &SearchQuery,
        at: Visibility,
        seed: u64,
    ) {
        let mut candidates: Vec<i64> = words
            .iter()
            .filter(|(_, w)| q.terms.iter().all(|t| w.contains(t)))
            .map(|(id, _)| *id)
            .collect();
        candidates.sort();
        let candidates = (!q.terms.is_empty()).then_some(&candidates[..]);
        let mut q = q.clone();
        for page in 0..1_000 {
            let expected = scan(s, &q, at, candidates);
            let got = evaluate(s, &q, at);
            let context = format!("seed {seed}, page {page}, {q:?}");
            assert_eq!(got.ids, expected.ids, "{context}");
            assert_eq!(got.next, expected.next, "{context}");
            assert_eq!(got.total, expected.total, "{context}");
            let missing: Vec<_> = expected
                .facets
                .iter()
                .filter(|f| !got.facets.contains(f))
                .collect();
            let extra: Vec<_> = got
                .facets
                .iter()
                .filter(|f| !expected.facets.contains(f))
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{context}: index lacks {missing:?}, has extra {extra:?}"
            );
            match got.next {
                Some(c) => q.cursor = Some(c),
                None => return,
            }
        }
    }

    #[test]
    fn c5_c6_the_index_answers_what_reading_every_piece_answers() {
        for seed in 1..=12u64 {
            let mut d = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut s = Snapshot::default();
            let mut words = HashMap::new();
            let keep = |s: &mut Snapshot,
                        rows: Vec<Row>,
                        first: bool,
                        words: &mut HashMap<i64, Vec<String>>| {
                for r in &rows {
                    words.remove(&r.id);
                    if r.state == "listed" || r.state == "sold" {
                        words.insert(
                            r.id,
                            terms(&format!("{} {} {}", r.title, r.brand, r.description)),
                        );
                    }
                }
                s.apply_all(rows, first);
            };
            // A first load in pages, then small batches (orders edited in place) and a large
            // one (orders rebuilt), each change possibly revisiting a piece.
            let n = 1_500 + d.below(1_500) as i64;
            let all: Vec<Row> = (1..=n).map(|id| row(&mut d, id)).collect();
            for page in all.chunks(700) {
                keep(&mut s, page.to_vec(), true, &mut words);
            }
            let loaded = &mut s;
            loaded.postings.reorder(&loaded.entries);
            for batch in [3, 40, 1, 600, 20] {
                // The database gives each changed piece once.
                let mut ids: Vec<i64> = (0..batch)
                    .map(|_| 1 + d.below(n as u64 + 50) as i64)
                    .collect();
                ids.sort();
                ids.dedup();
                let rows = ids.into_iter().map(|id| row(&mut d, id)).collect();
                keep(&mut s, rows, false, &mut words);
                for _ in 0..15 {
                    // C4: sales leave the shown window between searches of one index.
                    let at = Visibility {
                        now: NOW,
                        sold_since: NOW - 1_200 + d.below(1_500) as i64,
                    };
                    compare(&s, &words, &query(&mut d), at, seed);
                }
            }
        }
    }
}
