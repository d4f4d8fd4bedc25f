//! The `FileStore` port: where photo files live. A local folder by default; the `pepite-files`
//! crate implements it on an S3-compatible object store, shared by several instances.

use std::path::{Path, PathBuf};

use async_trait::async_trait;

/// Keys are `/`-separated paths made only by Pépite (never user input), e.g.
/// `photos/3f/3f9a…-thumb.jpg`.
#[async_trait]
pub trait FileStore: Send + Sync {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>>;
    /// Removing a file that is not there is not an error.
    async fn delete(&self, key: &str) -> std::io::Result<()>;
    /// Every key under the folder `prefix` (e.g. `photos/demo`), sorted.
    async fn list(&self, prefix: &str) -> std::io::Result<Vec<String>>;
}

/// Whether a key is a relative path of plain names, so it cannot leave the store's root.
pub fn is_safe_key(key: &str) -> bool {
    !key.is_empty()
        && key.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && part != "."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// Files under a folder.
pub struct LocalFiles {
    root: PathBuf,
}

impl LocalFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFiles { root: root.into() }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        is_safe_key(key).then(|| self.root.join(key))
    }
}

/// Extension of a file being written; such files are never listed.
const PARTIAL: &str = "part";

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
        let tmp = path.with_extension(PARTIAL);
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

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        let Some(path) = self.path(key) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    async fn list(&self, prefix: &str) -> std::io::Result<Vec<String>> {
        let Some(start) = self.path(prefix) else {
            return Ok(Vec::new());
        };
        let mut keys = Vec::new();
        let mut folders = vec![start];
        while let Some(folder) = folders.pop() {
            let mut entries = match tokio::fs::read_dir(&folder).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            while let Some(entry) = entries.next_entry().await? {
                let path = entry.path();
                if entry.file_type().await?.is_dir() {
                    folders.push(path);
                } else if path.extension().is_none_or(|e| e != PARTIAL) {
                    keys.push(key_of(&self.root, &path));
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}

/// The key of a file found under `root`: its relative path with `/` separators.
fn key_of(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
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
        assert_eq!(files.list("..").await.unwrap(), Vec::<String>::new());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn files_round_trip_through_list_and_delete() {
        let dir = std::env::temp_dir().join(format!("pepite-files-list-{}", std::process::id()));
        let files = LocalFiles::new(&dir);
        for key in ["photos/ab/1.jpg", "photos/cd/2.jpg", "other/3.jpg"] {
            files.put(key, key.as_bytes().to_vec()).await.unwrap();
        }
        assert_eq!(
            files.list("photos").await.unwrap(),
            ["photos/ab/1.jpg", "photos/cd/2.jpg"]
        );
        files.delete("photos/ab/1.jpg").await.unwrap();
        files.delete("photos/ab/1.jpg").await.unwrap();
        assert_eq!(files.get("photos/ab/1.jpg").await.unwrap(), None);
        assert_eq!(files.list("photos").await.unwrap(), ["photos/cd/2.jpg"]);
        assert_eq!(files.list("nothing").await.unwrap(), Vec::<String>::new());
        let _ = std::fs::remove_dir_all(dir);
    }
}
