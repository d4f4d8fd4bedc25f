//! Photos in an S3-compatible object store (AWS S3, MinIO, Garage, …) through `object_store`,
//! behind `pepite-app`'s `FileStore` port: every instance of the program reads and writes the
//! same bucket. A crate of its own, so object_store's dependency tree stays out of the app.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use pepite_app::{FileStore, is_safe_key};

/// Where the bucket is and how to sign in to it. What is `None` comes from the standard AWS
/// environment variables (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, …).
#[derive(Debug, Clone, Default)]
pub struct S3Config {
    /// `s3://bucket` or `s3://bucket/prefix`.
    pub url: String,
    /// Another S3-compatible server, e.g. `http://127.0.0.1:9000`; `http://` is allowed here.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

/// Files as objects of one bucket, under an optional prefix.
pub struct S3Files {
    store: Arc<dyn ObjectStore>,
}

impl S3Files {
    /// Builds the client; nothing is sent yet.
    pub fn new(config: &S3Config) -> Result<S3Files, String> {
        let (bucket, prefix) = parse_url(&config.url)?;
        // A photo request waits seconds for the bucket, not object_store's default three minutes:
        // a person is looking at the page, and the request itself times out at 30 s.
        let retry = RetryConfig {
            max_retries: 3,
            retry_timeout: Duration::from_secs(10),
            ..RetryConfig::default()
        };
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry);
        if let Some(endpoint) = &config.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &config.region {
            builder = builder.with_region(region);
        }
        if let Some(id) = &config.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &config.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let s3 = builder.build().map_err(|e| e.to_string())?;
        let store: Arc<dyn ObjectStore> = match prefix {
            Some(prefix) => Arc::new(PrefixStore::new(s3, prefix)),
            None => Arc::new(s3),
        };
        Ok(S3Files { store })
    }

    /// Asks the bucket for one page of its top folder, so a wrong bucket, address or key stops
    /// the program at start rather than at the first photo.
    pub async fn check(&self) -> Result<(), String> {
        self.store
            .list_with_delimiter(None)
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

/// `s3://bucket/some/prefix` → ("bucket", Some("some/prefix")).
fn parse_url(url: &str) -> Result<(&str, Option<&str>), String> {
    let rest = url
        .strip_prefix("s3://")
        .ok_or_else(|| format!("{url}: an S3 address starts with s3://"))?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let prefix = prefix.trim_matches('/');
    if bucket.is_empty() {
        return Err(format!("{url}: no bucket name"));
    }
    if !prefix.is_empty() && !is_safe_key(prefix) {
        return Err(format!("{url}: the prefix must be plain folder names"));
    }
    Ok((bucket, (!prefix.is_empty()).then_some(prefix)))
}

/// The object path of a key, or `None` for a key that is not a plain relative path.
fn path(key: &str) -> Option<Path> {
    is_safe_key(key).then(|| Path::from(key))
}

fn io(e: object_store::Error) -> std::io::Error {
    std::io::Error::other(e)
}

#[async_trait]
impl FileStore for S3Files {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = path(key).ok_or_else(|| std::io::Error::other("invalid file key"))?;
        // One PUT: an object appears whole or not at all.
        self.store
            .put(&path, PutPayload::from(bytes))
            .await
            .map(drop)
            .map_err(io)
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = path(key) else {
            return Ok(None);
        };
        match self.store.get(&path).await {
            Ok(found) => Ok(Some(found.bytes().await.map_err(io)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(io(e)),
        }
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        let Some(path) = path(key) else {
            return Ok(());
        };
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io(e)),
        }
    }

    async fn list(&self, prefix: &str) -> std::io::Result<Vec<String>> {
        let Some(prefix) = path(prefix) else {
            return Ok(Vec::new());
        };
        let found: Vec<_> = self
            .store
            .list(Some(&prefix))
            .try_collect()
            .await
            .map_err(io)?;
        let mut keys: Vec<String> = found.into_iter().map(|o| o.location.to_string()).collect();
        keys.sort();
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_a_bucket_and_maybe_a_prefix() {
        assert_eq!(parse_url("s3://shop"), Ok(("shop", None)));
        assert_eq!(parse_url("s3://shop/"), Ok(("shop", None)));
        assert_eq!(
            parse_url("s3://shop/prod/photos/"),
            Ok(("shop", Some("prod/photos")))
        );
        assert!(parse_url("https://shop").is_err());
        assert!(parse_url("s3:///x").is_err());
        assert!(parse_url("s3://shop/../x").is_err());
    }
}
