//! A per-process search index of the catalogue (C5, C6), kept in step with the database.
//!
//! Matching words and counting facets in SQL read every matching row; on 100,000 pieces that
//! cost tens of milliseconds per search, growing with the catalogue. This index holds, for each
//! listed or sold piece, the few attributes filters, sorts and facets need (`Entry`) and the
//! postings built from them (`postings.rs`: word and value sets, sort orders). It is not a
//! second source of truth: before each use it asks the database for the catalogue's change
//! number (`catalog_version.seq`, taken by every piece write in its transaction) and reads the
//! pieces changed since the number it last saw. Every instance therefore answers from what the
//! database has committed, whatever instance wrote it.

use std::collections::HashMap;

use roaring::RoaringBitmap;
use sqlx::FromRow;
use tokio::sync::{Mutex, RwLock, RwLockReadGuard};

use crate::catalog::counts::price_band;
use crate::catalog::postings::Postings;
use crate::db::on_db;
use crate::{Db, StoreError};
use pepite_domain::search::terms;

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
    /// C6: an agreed price and its end (0 when none); see `Entry::price_at`.
    pub(crate) agreed: i64,
    pub(crate) agreed_until: i64,
}

impl Entry {
    /// C6: the current price at `now`, which filters, sorts and price facets use.
    pub(crate) fn price_at(&self, now: i64) -> i64 {
        if self.agreed_until > now {
            self.agreed
        } else {
            self.price
        }
    }
}

/// What a facet count reads of a piece, packed in 24 bytes (an entry takes 80): counting
/// the facets of a broad search reads hundreds of thousands of pieces, and the memory read
/// is most of its cost.
#[derive(Clone, Copy, Default)]
pub(crate) struct Keys {
    pub(crate) seller: u32,
    pub(crate) brand: u32,
    pub(crate) size: u32,
    pub(crate) category: u16,
    pub(crate) grade: u16,
    pub(crate) colour: u16,
    /// The price band (`counts::price_band`) of the list price.
    pub(crate) band: u8,
    pub(crate) offers: bool,
    pub(crate) listed: bool,
}

impl Keys {
    fn of(e: &Entry) -> Keys {
        // Vocabularies of categories, grades and colours are closed (tens of values); a seller
        // id beyond u32 is counted nowhere rather than under another seller.
        let narrow = |v: u32| u16::try_from(v).unwrap_or(u16::MAX);
        Keys {
            seller: u32::try_from(e.seller).unwrap_or(u32::MAX),
            brand: e.brand,
            size: e.size,
            category: narrow(e.category),
            grade: narrow(e.grade),
            colour: narrow(e.colour),
            band: price_band(e.price) as u8,
            offers: e.offers,
            listed: e.listed,
        }
    }
}

/// The index's content: entries by piece id (ids are dense), and the vocabularies.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub(crate) seq: i64,
    pub(crate) loaded: bool,
    pub(crate) entries: Vec<Option<Entry>>,
    /// By piece id, what facet counts read of each listed or sold piece (see `Keys`).
    pub(crate) keys: Vec<Keys>,
    pub(crate) brands: Interner,
    pub(crate) sizes: Interner,
    pub(crate) categories: Interner,
    pub(crate) grades: Interner,
    pub(crate) colours: Interner,
    pub(crate) postings: Postings,
}

/// A piece as the index reads it.
#[derive(FromRow, Clone, Default)]
pub(crate) struct Row {
    pub(crate) id: i64,
    pub(crate) state: String,
    pub(crate) sold_at: Option<i64>,
    pub(crate) listed_at: Option<i64>,
    pub(crate) price_cents: i64,
    pub(crate) seller_id: i64,
    pub(crate) brand: String,
    pub(crate) size_key: String,
    pub(crate) category: String,
    pub(crate) grade: String,
    pub(crate) colour: String,
    pub(crate) open_to_offers: bool,
    pub(crate) agreed_cents: Option<i64>,
    pub(crate) agreed_until: Option<i64>,
    pub(crate) title: String,
    pub(crate) description: String,
}

/// Above this many changed pieces the sort orders are rebuilt rather than edited in place.
const REORDER_ABOVE: usize = 512;

impl Snapshot {
    /// Applies a batch of changed rows. On the first load (`first`) nothing is indexed yet:
    /// no old words to drop, and the caller builds the sort orders once at the end.
    pub(crate) fn apply_all(&mut self, rows: Vec<Row>, first: bool) {
        let ordered = !first && rows.len() <= REORDER_ABOVE;
        if !first {
            let ids: RoaringBitmap = rows
                .iter()
                .filter_map(|r| u32::try_from(r.id).ok())
                .collect();
            self.postings.forget_words(&ids, &self.entries);
        }
        for row in rows {
            self.apply(row, ordered);
        }
        self.postings.tally_new_words(&self.entries);
        if !first && !ordered {
            self.postings.reorder(&self.entries);
        }
    }

    fn apply(&mut self, row: Row, ordered: bool) {
        let Ok(id) = u32::try_from(row.id) else {
            return;
        };
        let index = id as usize;
        if index >= self.entries.len() {
            self.entries.resize(index + 1, None);
            self.keys.resize(index + 1, Keys::default());
        }
        if let Some(old) = self.entries[index] {
            if ordered {
                self.postings.order_remove(&self.entries, id);
            }
            self.postings.remove(id, &old);
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
                agreed: row.agreed_cents.unwrap_or(0),
                agreed_until: row
                    .agreed_until
                    .filter(|_| row.agreed_cents.is_some())
                    .unwrap_or(0),
            }),
            // Drafts and withdrawn pieces are never shown in the catalogue.
            _ => None,
        };
        if let Some(new) = self.entries[index] {
            self.keys[index] = Keys::of(&new);
            // C5: the piece's words (`pepite_domain::search::terms`), computed here so that a change of
            // word forms applies to every piece at the next start.
            let words = terms(&format!("{} {} {}", row.title, row.brand, row.description));
            self.postings.insert(id, &new, &words);
            if ordered {
                self.postings.order_insert(&self.entries, id);
            }
        }
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
        let mut snapshot = match known {
            // Nobody reads an index that was never loaded: it fills in pages, lock held.
            None => {
                let mut snapshot = self.snapshot.write().await;
                let mut after = 0;
                loop {
                    let rows = changed_since(db, None, seq, after).await?;
                    let Some(last) = rows.last().map(|r| r.id) else {
                        break;
                    };
                    after = last;
                    snapshot.apply_all(rows, true);
                }
                let loaded = &mut *snapshot;
                loaded.postings.reorder(&loaded.entries);
                snapshot
            }
            Some(_) => {
                let rows = changed_since(db, known, seq, 0).await?;
                let mut snapshot = self.snapshot.write().await;
                snapshot.apply_all(rows, false);
                snapshot
            }
        };
        snapshot.seq = seq;
        snapshot.loaded = true;
        Ok(snapshot.downgrade())
    }
}

/// The number of the latest committed catalogue change.
pub(crate) const LATEST_CHANGE: &str = "SELECT seq FROM catalog_version WHERE id = 1";

/// How many rows the first load reads at a time (it holds their texts meanwhile).
const LOAD_PAGE: i64 = 20_000;

/// Pieces changed after `known` up to `seq`; on the first load (`known` None) every visible
/// piece, a page of ids after `after` at a time.
async fn changed_since(
    db: &Db,
    known: Option<i64>,
    seq: i64,
    after: i64,
) -> Result<Vec<Row>, StoreError> {
    const COLUMNS: &str = "id, state, sold_at, listed_at, price_cents, seller_id, brand, size_key,
        category, grade, colour, open_to_offers, agreed_cents, agreed_until, title, description";
    let sql = match known {
        None => format!(
            "SELECT {COLUMNS} FROM pieces WHERE state IN ('listed', 'sold') AND change_seq >= $1
             AND change_seq <= $2 AND id > $3 ORDER BY id LIMIT {LOAD_PAGE}"
        ),
        Some(_) => format!(
            "SELECT {COLUMNS} FROM pieces WHERE change_seq > $1 AND change_seq <= $2 AND id > $3"
        ),
    };
    let from = known.unwrap_or(0);
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(from).bind(seq).bind(after).fetch_all(p).await)?,
    )
}
