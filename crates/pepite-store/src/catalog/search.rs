//! Catalogue search (C4–C6): the process's index (`facets.rs`, brought up to the database's
//! latest change first) matches the words, applies the filters, counts disjunctive facets and
//! picks the page (`evaluate.rs`); the page's rows come from the database.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use crate::catalog::counts::Outcome;
use crate::catalog::evaluate::evaluate;
use crate::catalog::pieces::{PIECE_COLUMNS, PieceRow};
use crate::db::on_db;
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

/// How many shops the seller facet lists: those with most matching pieces (and the chosen one).
pub const SELLER_FACET_LIMIT: usize = 30;

/// Price bands offered as a facet, in cents: [from, to).
pub const PRICE_BANDS: &[(i64, Option<i64>)] = &[
    (0, Some(2_000)),
    (2_000, Some(5_000)),
    (5_000, Some(10_000)),
    (10_000, Some(20_000)),
    (20_000, Some(50_000)),
    (50_000, None),
];

/// P3: the pieces a shop shows, by their sellers. A brand's resale shop lists its one seller;
/// the first shop leaves out the few sellers of the other shops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ShopScope {
    /// Every seller's pieces (a single-shop platform, staff tools).
    #[default]
    Every,
    Only(Vec<i64>),
    Without(Vec<i64>),
}

impl ShopScope {
    pub fn admits(&self, seller_id: i64) -> bool {
        match self {
            ShopScope::Every => true,
            ShopScope::Only(ids) => ids.contains(&seller_id),
            ShopScope::Without(ids) => !ids.contains(&seller_id),
        }
    }
}

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
    /// P3: the sellers of the shop searched; applied before any filter, so its facets count
    /// only the shop's pieces.
    pub scope: ShopScope,
    pub open_to_offers: bool,
    pub available_only: bool,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
    pub facets: bool,
}

/// One value of a facet and how many visible pieces carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub facet: &'static str,
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

/// The instant a search is answered at.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// C6: prices are the current prices at this instant.
    pub now: i64,
    /// C4: pieces sold after this instant are still shown.
    pub sold_since: i64,
}

/// Runs a catalogue search as the catalogue stands `at` an instant.
pub async fn search(db: &Db, q: &SearchQuery, at: Visibility) -> Result<SearchPage, StoreError> {
    let outcome: Outcome = {
        let snapshot = db.facets.current(db).await?;
        evaluate(&snapshot, q, at)
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
