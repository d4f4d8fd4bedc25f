//! Catalogue search (C4, C5): full-text over normalised words, filters, disjunctive facet
//! counts and keyset pagination. The SQL is built once for both backends; only the full-text
//! clause differs (FTS5 on SQLite, a `tsvector` on PostgreSQL).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use sqlx::FromRow;

use crate::catalog::pieces::{PIECE_COLUMNS, PieceRow};
use crate::db::{Backend, on_db};
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
    /// How many pieces match the whole query (only computed with facets).
    pub total: Option<i64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Brand,
    Category,
    Size,
    Grade,
    Colour,
    Price,
    Offers,
    Available,
    Seller,
}

enum Bind {
    Int(i64),
    Text(String),
}

/// Accumulates a WHERE clause and its binds with consecutive `$N` placeholders.
struct Sql {
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    fn push_bind(&mut self, b: Bind) -> String {
        self.binds.push(b);
        format!("${}", self.binds.len())
    }

    fn in_list(&mut self, column: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        let marks: Vec<String> = values
            .iter()
            .map(|v| self.push_bind(Bind::Text(v.clone())))
            .collect();
        self.text
            .push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
    }
}

fn fts_clause(backend: Backend, sql: &mut Sql, terms: &[String]) {
    if terms.is_empty() {
        return;
    }
    match backend {
        Backend::Sqlite => {
            let q: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
            let m = sql.push_bind(Bind::Text(q.join(" ")));
            sql.text.push_str(&format!(
                " AND p.id IN (SELECT rowid FROM pieces_fts WHERE pieces_fts MATCH {m})"
            ));
        }
        Backend::Postgres => {
            let m = sql.push_bind(Bind::Text(terms.join(" & ")));
            sql.text.push_str(&format!(
                " AND p.search_vector @@ to_tsquery('simple', {m})"
            ));
        }
    }
}

/// The clause every part of a search shares: visible pieces (C4: sold ones stay visible for a
/// while) that contain every word of the query.
fn base(backend: Backend, q: &SearchQuery, visible_since: i64, sql: &mut Sql) {
    let since = sql.push_bind(Bind::Int(visible_since));
    sql.text.push_str(&format!(
        " WHERE (p.state = 'listed' OR (p.state = 'sold' AND p.sold_at > {since}))"
    ));
    fts_clause(backend, sql, &q.terms);
}

/// The buyer's filters, leaving out the one of `except` (for that facet's own counts).
fn narrowing(q: &SearchQuery, except: Option<Facet>, sql: &mut Sql) {
    if q.available_only && except != Some(Facet::Available) {
        sql.text.push_str(" AND p.state = 'listed'");
    }
    if except != Some(Facet::Brand) {
        sql.in_list("p.brand", &q.brands);
    }
    if except != Some(Facet::Category) {
        sql.in_list("p.category", &q.categories);
    }
    if except != Some(Facet::Size) {
        sql.in_list("p.size_key", &q.sizes);
    }
    if except != Some(Facet::Grade) {
        sql.in_list("p.grade", &q.grades);
    }
    if except != Some(Facet::Colour) {
        sql.in_list("p.colour", &q.colours);
    }
    if except != Some(Facet::Price) {
        if let Some(min) = q.price_min {
            let m = sql.push_bind(Bind::Int(min));
            sql.text.push_str(&format!(" AND p.price_cents >= {m}"));
        }
        if let Some(max) = q.price_max {
            let m = sql.push_bind(Bind::Int(max));
            sql.text.push_str(&format!(" AND p.price_cents <= {m}"));
        }
    }
    if except != Some(Facet::Seller)
        && let Some(seller) = q.seller_id
    {
        let m = sql.push_bind(Bind::Int(seller));
        sql.text.push_str(&format!(" AND p.seller_id = {m}"));
    }
    if q.open_to_offers && except != Some(Facet::Offers) {
        sql.text.push_str(" AND p.open_to_offers = TRUE");
    }
}

/// Runs a catalogue search at `visible_since` (C4: sold pieces sold after it are shown).
pub async fn search(
    db: &Db,
    q: &SearchQuery,
    visible_since: i64,
) -> Result<SearchPage, StoreError> {
    let backend = db.backend();
    let mut sql = Sql {
        text: format!("SELECT {PIECE_COLUMNS} FROM pieces p JOIN sellers s ON s.id = p.seller_id"),
        binds: vec![],
    };
    base(backend, q, visible_since, &mut sql);
    narrowing(q, None, &mut sql);
    let (key_col, dir, cmp) = match q.sort {
        Sort::Newest => ("p.listed_at", "DESC", "<"),
        Sort::PriceAsc => ("p.price_cents", "ASC", ">"),
        Sort::PriceDesc => ("p.price_cents", "DESC", "<"),
    };
    if let Some(c) = q.cursor.filter(|c| c.sort == q.sort) {
        let k = sql.push_bind(Bind::Int(c.key));
        let i = sql.push_bind(Bind::Int(c.id));
        sql.text.push_str(&format!(
            " AND ({key_col} {cmp} {k} OR ({key_col} = {k} AND p.id {cmp} {i}))"
        ));
    }
    let limit = q.limit.clamp(1, 100);
    let l = sql.push_bind(Bind::Int(limit + 1));
    sql.text
        .push_str(&format!(" ORDER BY {key_col} {dir}, p.id {dir} LIMIT {l}"));

    let mut pieces: Vec<PieceRow> = on_db!(db, p => {
        let mut query = sqlx::query_as::<_, PieceRow>(sqlx::AssertSqlSafe(sql.text));
        for b in sql.binds {
            query = match b { Bind::Int(v) => query.bind(v), Bind::Text(v) => query.bind(v) };
        }
        query.fetch_all(p).await
    })?;
    let next = if pieces.len() as i64 > limit {
        pieces.truncate(limit as usize);
        pieces.last().map(|last| Cursor {
            sort: q.sort,
            key: match q.sort {
                Sort::Newest => last.listed_at.unwrap_or(0),
                _ => last.price_cents,
            },
            id: last.id,
        })
    } else {
        None
    };
    let (facets, total) = if q.facets {
        let (facets, total) = facet_counts(db, q, visible_since).await?;
        (facets, Some(total))
    } else {
        (Vec::new(), None)
    };
    Ok(SearchPage {
        pieces,
        next,
        facets,
        total,
    })
}

/// Every facet in one round trip (a UNION ALL of GROUP BYs), plus the total. With words to
/// match, the matching pieces are gathered once into a materialised CTE that every facet then
/// scans; without words the parts read the indexed table directly.
async fn facet_counts(
    db: &Db,
    q: &SearchQuery,
    visible_since: i64,
) -> Result<(Vec<FacetCount>, i64), StoreError> {
    let backend = db.backend();
    let mut sql = Sql {
        text: String::new(),
        binds: vec![],
    };
    let mut band = String::from("CASE");
    for (i, (from, to)) in PRICE_BANDS.iter().enumerate() {
        match to {
            Some(to) => band.push_str(&format!(
                " WHEN p.price_cents >= {from} AND p.price_cents < {to} THEN '{i}'"
            )),
            None => band.push_str(&format!(" WHEN p.price_cents >= {from} THEN '{i}'")),
        }
    }
    band.push_str(" END");
    let parts: [(Facet, &str, String); 9] = [
        (Facet::Brand, "brand", "p.brand".into()),
        (Facet::Category, "category", "p.category".into()),
        (Facet::Size, "size", "p.size_key".into()),
        (Facet::Grade, "grade", "p.grade".into()),
        (Facet::Colour, "colour", "p.colour".into()),
        (Facet::Price, "price", band),
        (Facet::Seller, "seller", "CAST(p.seller_id AS TEXT)".into()),
        (
            Facet::Offers,
            "open_to_offers",
            "CASE WHEN p.open_to_offers THEN 'true' ELSE 'false' END".into(),
        ),
        (
            Facet::Available,
            "available",
            "CASE WHEN p.state = 'listed' THEN 'true' ELSE 'false' END".into(),
        ),
    ];
    let shared = !q.terms.is_empty();
    if shared {
        sql.text.push_str(
            "WITH m AS MATERIALIZED (SELECT p.brand, p.category, p.size_key, p.grade, p.colour,
                 p.price_cents, p.seller_id, p.open_to_offers, p.state FROM pieces p",
        );
        base(backend, q, visible_since, &mut sql);
        sql.text.push_str(") ");
    }
    for (i, (facet, name, expr)) in parts.iter().enumerate() {
        if i > 0 {
            sql.text.push_str(" UNION ALL ");
        }
        sql.text.push_str(&format!(
            "SELECT CAST('{name}' AS TEXT) AS facet, {expr} AS value, COUNT(*) AS count"
        ));
        if shared {
            sql.text.push_str(" FROM m p WHERE TRUE");
        } else {
            sql.text.push_str(" FROM pieces p");
            base(backend, q, visible_since, &mut sql);
        }
        narrowing(q, Some(*facet), &mut sql);
        sql.text.push_str(&format!(" GROUP BY {expr}"));
    }
    let mut rows: Vec<FacetCount> = on_db!(db, p => {
        let mut query = sqlx::query_as::<_, FacetCount>(sqlx::AssertSqlSafe(sql.text));
        for b in sql.binds {
            query = match b { Bind::Int(v) => query.bind(v), Bind::Text(v) => query.bind(v) };
        }
        query.fetch_all(p).await
    })?;
    // Every piece has exactly one category: the total is the sum of the selected categories'
    // counts (or of all of them), which spares a separate COUNT over the same rows.
    let total = rows
        .iter()
        .filter(|r| {
            r.facet == "category" && (q.categories.is_empty() || q.categories.contains(&r.value))
        })
        .map(|r| r.count)
        .sum();
    rows.sort_by(|a, b| {
        a.facet
            .cmp(&b.facet)
            .then(b.count.cmp(&a.count))
            .then(a.value.cmp(&b.value))
    });
    Ok((rows, total))
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
