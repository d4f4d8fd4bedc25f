//! Bulk loading of generated catalogues (`pepite demo`): many rows per statement, explicit
//! ids so photos can be attached without reading ids back, one transaction per batch.

use crate::catalog::PieceValues;
use crate::db::{Backend, on_tx};
use crate::{Db, StoreError};

/// One generated piece with its photos' storage keys.
pub struct BulkPiece {
    pub id: i64,
    pub seller_id: i64,
    pub country: String,
    pub state: &'static str,
    pub values: PieceValues,
    pub created_at: i64,
    pub listed_at: Option<i64>,
    pub sold_at: Option<i64>,
    pub photos: Vec<(String, i64, i64)>,
}

/// The next free piece id (generation assigns ids itself).
pub async fn next_piece_id(db: &Db) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let max = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) FROM pieces").fetch_one(c).await)?;
    tx.commit().await?;
    Ok(max + 1)
}

/// Values bound per piece row (`updated_at` reuses `created_at`'s placeholder).
const PIECE_COLUMNS: usize = 22;

/// Inserts a batch of pieces and their photos in one transaction.
pub async fn insert_pieces(db: &Db, batch: &[BulkPiece]) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    // 200 rows × 22 values stays far below both backends' bind-parameter limits.
    for chunk in batch.chunks(200) {
        let mut sql = String::from(
            "INSERT INTO pieces (id, seller_id, state, title, brand, category, size_system, size_label, size_key,
             grade, colour, materials, description, measurements, price_cents, weight_g, country,
             open_to_offers, created_at, listed_at, sold_at, updated_at, cover_key) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * PIECE_COLUMNS;
            let marks: Vec<String> = (1..=PIECE_COLUMNS).map(|k| format!("${}", b + k)).collect();
            if i > 0 {
                sql.push(',');
            }
            // updated_at repeats created_at; cover_key is bound last.
            sql.push_str(&format!(
                "({}, ${}, ${})",
                marks[..21].join(", "),
                b + 19,
                b + 22
            ));
        }
        on_tx!(&mut tx, c => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for p in chunk {
                let v = &p.values;
                q = q.bind(p.id).bind(p.seller_id).bind(p.state).bind(&v.title).bind(&v.brand)
                    .bind(&v.category).bind(&v.size_system).bind(&v.size_label).bind(&v.size_key)
                    .bind(&v.grade).bind(&v.colour).bind(&v.materials).bind(&v.description)
                    .bind(&v.measurements).bind(v.price_cents).bind(v.weight_g).bind(&p.country)
                    .bind(v.open_to_offers).bind(p.created_at).bind(p.listed_at)
                    .bind(p.sold_at).bind(p.photos.first().map(|(k, _, _)| k.clone()));
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    let photos: Vec<(i64, i64, &str, i64, i64, i64)> = batch
        .iter()
        .flat_map(|p| {
            p.photos
                .iter()
                .enumerate()
                .map(|(i, (k, w, h))| (p.id, i as i64 + 1, k.as_str(), *w, *h, p.created_at))
        })
        .collect();
    for chunk in photos.chunks(1000) {
        let sql = format!(
            "INSERT INTO photos (piece_id, position, storage_key, width, height, created_at) VALUES {}",
            crate::db::values_list(chunk.len(), 6)
        );
        on_tx!(&mut tx, c => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (piece, pos, key, w, h, at) in chunk {
                q = q.bind(*piece).bind(*pos).bind(*key).bind(*w).bind(*h).bind(*at);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    // One change number for the whole batch, so facet indexes pick the new pieces up.
    let seq = crate::catalog::pieces::next_change(&mut tx).await?;
    let (low, high) = (
        batch.iter().map(|p| p.id).min(),
        batch.iter().map(|p| p.id).max(),
    );
    on_tx!(&mut tx, c => sqlx::query("UPDATE pieces SET change_seq = $1 WHERE id BETWEEN $2 AND $3")
        .bind(seq).bind(low).bind(high).execute(c).await.map(|_| ()))?;
    tx.commit().await
}

/// After explicit ids, PostgreSQL's sequence must move past them; SQLite needs nothing.
pub async fn resync_ids(db: &Db) -> Result<(), StoreError> {
    if db.backend() == Backend::Postgres {
        let mut tx = db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "SELECT setval('pieces_id_seq', GREATEST((SELECT COALESCE(MAX(id), 0) FROM pieces), 1))")
            .execute(c).await.map(|_| ()))?;
        tx.commit().await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics after a bulk load; on PostgreSQL also marks the new
/// pages all-visible (VACUUM), so word lookups stay index-only scans.
pub async fn analyze(db: &Db) -> Result<(), StoreError> {
    let sql = match db.backend() {
        Backend::Sqlite => "ANALYZE",
        Backend::Postgres => "VACUUM ANALYZE",
    };
    crate::db::on_db!(db, p => sqlx::query(sql).execute(p).await.map(|_| ()))?;
    Ok(())
}
