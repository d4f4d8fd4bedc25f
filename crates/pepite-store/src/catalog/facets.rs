//! A per-process index of the attributes buyers filter on (C5), kept in step with the database.
//!
//! Counting facets in SQL reads every matching row once per facet; on 100,000 pieces that cost
//! tens of milliseconds per search. This index holds, for each listed or sold piece, only the
//! few attributes filters and facets need (about 60 bytes), so a search scans them in memory.
//! It is not a second source of truth: before each use it asks the database for the catalogue's
//! change number (`catalog_version.seq`, taken by every piece write in its transaction) and
//! reads the pieces changed since the number it last saw. Every instance therefore answers from
//! what the database has committed, whatever instance wrote it.

use std::collections::HashMap;

use sqlx::FromRow;
use tokio::sync::{Mutex, RwLock, RwLockReadGuard};

use crate::db::on_db;
use crate::{Db, StoreError};

/// Interns the open vocabularies (brands, sizes) as small numbers.
#[derive(Default)]
pub(crate) struct Interner {
    pub(crate) names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }
}

/// What a search needs to know of one visible piece.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) listed: bool,
    pub(crate) sold_at: i64,
    pub(crate) listed_at: i64,
    pub(crate) price: i64,
    pub(crate) seller: i64,
    pub(crate) brand: u32,
    pub(crate) size: u32,
    pub(crate) category: u32,
    pub(crate) grade: u32,
    pub(crate) colour: u32,
    pub(crate) offers: bool,
}

/// The index's content: entries by piece id (ids are dense), and the vocabularies.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub(crate) seq: i64,
    pub(crate) loaded: bool,
    pub(crate) entries: Vec<Option<Entry>>,
    pub(crate) brands: Interner,
    pub(crate) sizes: Interner,
    pub(crate) categories: Interner,
    pub(crate) grades: Interner,
    pub(crate) colours: Interner,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    state: String,
    sold_at: Option<i64>,
    listed_at: Option<i64>,
    price_cents: i64,
    seller_id: i64,
    brand: String,
    size_key: String,
    category: String,
    grade: String,
    colour: String,
    open_to_offers: bool,
}

impl Snapshot {
    fn apply(&mut self, row: Row) {
        let Ok(index) = usize::try_from(row.id) else {
            return;
        };
        if index >= self.entries.len() {
            self.entries.resize(index + 1, None);
        }
        self.entries[index] = match row.state.as_str() {
            "listed" | "sold" => Some(Entry {
                listed: row.state == "listed",
                sold_at: row.sold_at.unwrap_or(0),
                listed_at: row.listed_at.unwrap_or(0),
                price: row.price_cents,
                seller: row.seller_id,
                brand: self.brands.id(&row.brand),
                size: self.sizes.id(&row.size_key),
                category: self.categories.id(&row.category),
                grade: self.grades.id(&row.grade),
                colour: self.colours.id(&row.colour),
                offers: row.open_to_offers,
            }),
            // Drafts and withdrawn pieces are never shown in the catalogue.
            _ => None,
        };
    }

    /// The entry of a piece id, if it is listed or sold.
    pub(crate) fn entry(&self, id: i64) -> Option<&Entry> {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.entries.get(i))
            .and_then(Option::as_ref)
    }
}

/// The index of one process. Cheap to share; refreshed on use.
#[derive(Default)]
pub struct FacetIndex {
    snapshot: RwLock<Snapshot>,
    refreshing: Mutex<()>,
}

impl FacetIndex {
    /// The index as of the database's latest committed change.
    pub(crate) async fn current(
        &self,
        db: &Db,
    ) -> Result<RwLockReadGuard<'_, Snapshot>, StoreError> {
        let seq = on_db!(db, p => sqlx::query_scalar::<_, i64>(LATEST_CHANGE).fetch_one(p).await)?;
        self.at_least(db, seq).await
    }

    /// The index including at least change `seq` (read by the caller along with other data).
    pub(crate) async fn at_least(
        &self,
        db: &Db,
        seq: i64,
    ) -> Result<RwLockReadGuard<'_, Snapshot>, StoreError> {
        {
            let snapshot = self.snapshot.read().await;
            if snapshot.loaded && snapshot.seq >= seq {
                return Ok(snapshot);
            }
        }
        // One refresh at a time; whoever waited finds the work done.
        let _refreshing = self.refreshing.lock().await;
        let known = {
            let snapshot = self.snapshot.read().await;
            if snapshot.loaded && snapshot.seq >= seq {
                return Ok(snapshot);
            }
            snapshot.loaded.then_some(snapshot.seq)
        };
        let rows = changed_since(db, known, seq).await?;
        let mut snapshot = self.snapshot.write().await;
        for row in rows {
            snapshot.apply(row);
        }
        snapshot.seq = seq;
        snapshot.loaded = true;
        Ok(snapshot.downgrade())
    }
}

/// The number of the latest committed catalogue change.
pub(crate) const LATEST_CHANGE: &str = "SELECT seq FROM catalog_version WHERE id = 1";

/// Pieces changed after `known` up to `seq` (everything visible when the index is empty).
async fn changed_since(db: &Db, known: Option<i64>, seq: i64) -> Result<Vec<Row>, StoreError> {
    const COLUMNS: &str = "id, state, sold_at, listed_at, price_cents, seller_id, brand, size_key,
        category, grade, colour, open_to_offers";
    let (condition, from) = match known {
        None => ("state IN ('listed', 'sold') AND change_seq >= $1", 0),
        Some(k) => ("change_seq > $1", k),
    };
    let sql = format!("SELECT {COLUMNS} FROM pieces WHERE {condition} AND change_seq <= $2");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(from).bind(seq).fetch_all(p).await)?,
    )
}
