//! The storage error: what the layers above need to tell apart, nothing backend-specific.

/// A failure of the store, with the cases callers must handle on their own.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// A unique or check constraint refused the write; carries the constraint's name.
    #[error("constraint {0} refused the write")]
    Conflict(String),
    /// The database could not be reached or answered with an unexpected error.
    #[error(transparent)]
    Database(sqlx::Error),
    /// Migrations could not run.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The configuration does not describe a database we can open.
    #[error("{0}")]
    Config(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(ref db)
                if db.is_unique_violation() || db.is_check_violation() =>
            {
                // SQLite names no constraint; its message names the columns instead.
                let name = db
                    .constraint()
                    .map(str::to_owned)
                    .unwrap_or_else(|| db.message().to_owned());
                StoreError::Conflict(name)
            }
            other => StoreError::Database(other),
        }
    }
}

impl StoreError {
    /// Whether this is a constraint refusal whose name (or SQLite message) mentions `needle`.
    pub fn is_conflict_on(&self, needle: &str) -> bool {
        matches!(self, StoreError::Conflict(name) if name.contains(needle))
    }
}
