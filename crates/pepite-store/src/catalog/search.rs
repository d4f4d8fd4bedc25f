//! Catalogue search (C4, C5): the database finds the pieces containing every word (FTS5 on
//! SQLite, a (term, piece) B-tree on PostgreSQL); the facet index (`facets.rs`) then applies the filters,
//! counts disjunctive facets and picks the page in one pass; the page's rows come from the
//! database.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use sqlx::FromRow;

use crate::catalog::facets::{Entry, Interner, Snapshot};
use crate::catalog::pieces::{PIECE_COLUMNS, PieceRow};
use crate::db::{Pool, on_db};
use crate::{Db, StoreError};

/// The three orders of C5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Newest,
    PriceAsc,
    PriceDesc,
}

impl Sort {
    pub fn parse(raw: &str) -> Option<Sort> {
        match raw {
            "newest" => Some(Sort::Newest),
            "price_asc" => Some(Sort::PriceAsc),
            "price_desc" => Some(Sort::PriceDesc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::PriceAsc => "price_asc",
            Sort::PriceDesc => "price_desc",
        }
    }
}

/// Where the previous page ended: the sort key and id of its last piece. Opaque to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub sort: Sort,
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}:{}:{}", self.sort.as_str(), self.key, self.id))
    }

    /// `None` for anything that is not a cursor this code made.
    pub fn decode(raw: &str) -> Option<Cursor> {
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split(':');
        let sort = Sort::parse(parts.next()?)?;
        let key = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(Cursor { sort, key, id })
    }
}

/// Price bands offered as a facet, in cents: [from, to).
pub const PRICE_BANDS: &[(i64, Option<i64>)] = &[
    (0, Some(2_000)),
    (2_000, Some(5_000)),
    (5_000, Some(10_000)),
    (10_000, Some(20_000)),
    (20_000, Some(50_000)),
    (50_000, None),
];

/// A catalogue query. Terms are already normalised (`pepite_domain::search::query_terms`).
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub terms: Vec<String>,
    pub brands: Vec<String>,
    pub categories: Vec<String>,
    pub sizes: Vec<String>,
    pub grades: Vec<String>,
    pub colours: Vec<String>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub seller_id: Option<i64>,
    pub open_to_offers: bool,
    pub available_only: bool,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
    pub facets: bool,
}

/// One value of a facet and how many visible pieces carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct FacetCount {
    pub facet: String,
    pub value: String,
    pub count: i64,
}

/// A page of results.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub pieces: Vec<PieceRow>,
    pub next: Option<Cursor>,
    /// Facet counts (empty unless asked); each facet ignores its own filter, so a buyer sees
    /// how many pieces each other choice would give.
    pub facets: Vec<FacetCount>,
    /// How many pieces match the whole query (given with facets).
    pub total: Option<i64>,
}

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

fn price_band(price: i64) -> usize {
    PRICE_BANDS
        .iter()
        .rposition(|(from, _)| price >= *from)
        .unwrap_or(0)
}

/// Facet counters, one per dimension, indexed like the snapshot's vocabularies.
struct Counts {
    brand: Vec<i64>,
    category: Vec<i64>,
    size: Vec<i64>,
    grade: Vec<i64>,
    colour: Vec<i64>,
    price: [i64; 6],
    /// By seller id (ids are dense and few compared with pieces).
    seller: Vec<i64>,
    offers: [i64; 2],
    available: [i64; 2],
}

/// The dimensions in the order of `Counts`, as the filters a piece may fail.
const BRAND: usize = 0;
const CATEGORY: usize = 1;
const SIZE: usize = 2;
const GRADE: usize = 3;
const COLOUR: usize = 4;
const PRICE: usize = 5;
const SELLER: usize = 6;
const OFFERS: usize = 7;
const AVAILABLE: usize = 8;

impl Counts {
    fn new(s: &Snapshot) -> Self {
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

    /// Counts `e` in dimension `d`.
    fn add(&mut self, d: usize, e: &Entry) {
        match d {
            BRAND => self.brand[e.brand as usize] += 1,
            CATEGORY => self.category[e.category as usize] += 1,
            SIZE => self.size[e.size as usize] += 1,
            GRADE => self.grade[e.grade as usize] += 1,
            COLOUR => self.colour[e.colour as usize] += 1,
            PRICE => self.price[price_band(e.price)] += 1,
            SELLER => {
                let i = usize::try_from(e.seller).unwrap_or(0);
                if i >= self.seller.len() {
                    self.seller.resize(i + 1, 0);
                }
                self.seller[i] += 1;
            }
            OFFERS => self.offers[usize::from(e.offers)] += 1,
            _ => self.available[usize::from(e.listed)] += 1,
        }
    }

    fn into_rows(self, s: &Snapshot) -> Vec<FacetCount> {
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
struct Outcome {
    ids: Vec<i64>,
    next: Option<Cursor>,
    facets: Vec<FacetCount>,
    total: i64,
}

fn evaluate(
    s: &Snapshot,
    q: &SearchQuery,
    visible_since: i64,
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
        if !(e.listed || e.sold_at > visible_since) {
            return;
        }
        let pass = [
            passes(&brands, e.brand),
            passes(&categories, e.category),
            passes(&sizes, e.size),
            passes(&grades, e.grade),
            passes(&colours, e.colour),
            q.price_min.is_none_or(|m| e.price >= m) && q.price_max.is_none_or(|m| e.price <= m),
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
                    counts.add(d, e);
                }
                let key = if q.sort == Sort::Newest {
                    e.listed_at
                } else {
                    e.price
                };
                matches.push((key, id));
            }
            // Fails only one filter: it still counts in that filter's own facet.
            (Some(d), None) => counts.add(d, e),
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
            counts.into_rows(s)
        } else {
            Vec::new()
        },
        total,
    }
}

/// The latest catalogue change number and the ids of every piece containing all the words
/// (drafts included; the index drops them), in one round trip. The ids come back as one text
/// value: far cheaper than one row per match.
async fn matching_ids(db: &Db, terms: &[String]) -> Result<(i64, Vec<i64>), StoreError> {
    // The two backends match words differently, so each arm has its own SQL.
    let (seq, joined): (i64, Option<String>) = match &db.pool {
        Pool::Sqlite(p) => {
            let q: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
            sqlx::query_as(
                "SELECT (SELECT seq FROM catalog_version WHERE id = 1),
                        (SELECT group_concat(rowid) FROM pieces_fts WHERE pieces_fts MATCH $1)",
            )
            .bind(q.join(" "))
            .fetch_one(p)
            .await?
        }
        // One word, the usual case, is one range of the (term, piece) index; several words
        // keep the pieces found under each of them.
        Pool::Postgres(p) if terms.len() == 1 => {
            sqlx::query_as(
                "SELECT (SELECT seq FROM catalog_version WHERE id = 1),
                        (SELECT string_agg(piece_id::text, ',') FROM piece_terms WHERE term = $1)",
            )
            .bind(&terms[0])
            .fetch_one(p)
            .await?
        }
        Pool::Postgres(p) => {
            sqlx::query_as(
                "SELECT (SELECT seq FROM catalog_version WHERE id = 1),
                        (SELECT string_agg(piece_id::text, ',') FROM (
                            SELECT piece_id FROM piece_terms WHERE term = ANY($1)
                            GROUP BY piece_id HAVING COUNT(*) = $2) AS m)",
            )
            .bind(terms)
            .bind(terms.len() as i64)
            .fetch_one(p)
            .await?
        }
    };
    let ids = joined
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse().ok())
        .collect();
    Ok((seq, ids))
}

/// The full rows of a page, in the page's order. A piece withdrawn since the index was read is
/// left out rather than shown.
async fn rows_in_order(db: &Db, ids: &[i64]) -> Result<Vec<PieceRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {PIECE_COLUMNS} FROM pieces p JOIN sellers s ON s.id = p.seller_id
         WHERE p.state IN ('listed', 'sold') AND p.id IN ({})",
        marks.join(", ")
    );
    let mut rows: Vec<PieceRow> = on_db!(db, p => {
        let mut query = sqlx::query_as::<_, PieceRow>(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(p).await
    })?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}

/// Loads this process's facet index now rather than on the first search (a server start-up
/// step: on 100,000 pieces the first load reads every visible piece once).
pub async fn warm_index(db: &Db) -> Result<(), StoreError> {
    db.facets.current(db).await.map(|_| ())
}

/// Runs a catalogue search at `visible_since` (C4: pieces sold after it are still shown).
pub async fn search(
    db: &Db,
    q: &SearchQuery,
    visible_since: i64,
) -> Result<SearchPage, StoreError> {
    let outcome = if q.terms.is_empty() {
        let snapshot = db.facets.current(db).await?;
        evaluate(&snapshot, q, visible_since, None)
    } else {
        let (seq, candidates) = matching_ids(db, &q.terms).await?;
        let snapshot = db.facets.at_least(db, seq).await?;
        evaluate(&snapshot, q, visible_since, Some(&candidates))
    };
    let pieces = rows_in_order(db, &outcome.ids).await?;
    Ok(SearchPage {
        pieces,
        next: outcome.next,
        facets: outcome.facets,
        total: q.facets.then_some(outcome.total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = Cursor {
            sort: Sort::PriceDesc,
            key: 12_000,
            id: 42,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("not a cursor"), None);
        assert_eq!(
            Cursor::decode(&URL_SAFE_NO_PAD.encode("newest:1:2:3")),
            None
        );
    }
}
