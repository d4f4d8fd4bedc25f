//! The `FileStore` port: where photo files live. A local folder by default; an object store
//! can implement the same trait for several instances.

use std::path::PathBuf;

use async_trait::async_trait;

#[async_trait]
pub trait FileStore: Send + Sync {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>>;
}

/// Files under a folder; keys are relative paths made only by Pépite (never user input).
pub struct LocalFiles {
    root: PathBuf,
}

impl LocalFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFiles { root: root.into() }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != ".."
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
        safe.then(|| self.root.join(key))
    }
}

#[async_trait]
impl FileStore for LocalFiles {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = self
            .path(key)
            .ok_or_else(|| std::io::Error::other("invalid file key"))?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Write then rename, so a reader never sees half a file.
        let tmp = path.with_extension("part");
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(tmp, path).await
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        match tokio::fs::read(path).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keys_cannot_escape_the_folder() {
        let dir = std::env::temp_dir().join(format!("pepite-files-{}", std::process::id()));
        let files = LocalFiles::new(&dir);
        files
            .put("photos/ab/x.jpg", b"jpeg".to_vec())
            .await
            .unwrap();
        assert_eq!(
            files.get("photos/ab/x.jpg").await.unwrap(),
            Some(b"jpeg".to_vec())
        );
        assert!(files.put("../escape", vec![]).await.is_err());
        assert_eq!(files.get("photos/../../etc/passwd").await.unwrap(), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
