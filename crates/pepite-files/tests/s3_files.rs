//! The S3 adapter against a real S3 server (moto): what is put is got back whole, listed under
//! its folder and gone once deleted; keys that could leave the prefix are refused.

use pepite_app::FileStore;
use pepite_files::{S3Config, S3Files};
use pepite_testkit::s3::{ACCESS_KEY_ID, REGION, S3Server, SECRET_ACCESS_KEY};

async fn open(s3: &S3Server, url: &str) -> S3Files {
    let files = S3Files::new(&S3Config {
        url: url.to_owned(),
        endpoint: Some(s3.endpoint()),
        region: Some(REGION.into()),
        access_key_id: Some(ACCESS_KEY_ID.into()),
        secret_access_key: Some(SECRET_ACCESS_KEY.into()),
    })
    .expect("client");
    files.check().await.expect("bucket reachable");
    files
}

#[tokio::test]
async fn s3_files_round_trip_put_get_list_delete() {
    let Some(s3) = S3Server::get() else { return };
    let bucket = s3.new_bucket().await;
    let files = open(s3, &format!("s3://{bucket}/shop")).await;

    let photo: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    files
        .put("photos/ab/ab12-large.jpg", photo.clone())
        .await
        .unwrap();
    files
        .put("photos/cd/cd34-thumb.jpg", b"thumb".to_vec())
        .await
        .unwrap();
    files.put("exports/x.csv", b"a,b".to_vec()).await.unwrap();
    assert_eq!(
        files.get("photos/ab/ab12-large.jpg").await.unwrap(),
        Some(photo)
    );
    assert_eq!(files.get("photos/ab/missing.jpg").await.unwrap(), None);
    assert_eq!(
        files.list("photos").await.unwrap(),
        ["photos/ab/ab12-large.jpg", "photos/cd/cd34-thumb.jpg"]
    );

    files.delete("photos/ab/ab12-large.jpg").await.unwrap();
    files.delete("photos/ab/ab12-large.jpg").await.unwrap();
    assert_eq!(files.get("photos/ab/ab12-large.jpg").await.unwrap(), None);
    assert_eq!(
        files.list("photos").await.unwrap(),
        ["photos/cd/cd34-thumb.jpg"]
    );

    // The prefix is the store's root: the bucket's top holds nothing else of ours.
    let whole = open(s3, &format!("s3://{bucket}")).await;
    assert_eq!(
        whole.list("shop").await.unwrap(),
        ["shop/exports/x.csv", "shop/photos/cd/cd34-thumb.jpg"]
    );
    assert_eq!(
        whole.get("shop/exports/x.csv").await.unwrap(),
        Some(b"a,b".to_vec())
    );
}

#[tokio::test]
async fn s3_keys_cannot_leave_the_prefix() {
    let Some(s3) = S3Server::get() else { return };
    let bucket = s3.new_bucket().await;
    let files = open(s3, &format!("s3://{bucket}/shop")).await;
    assert!(files.put("../escape", b"x".to_vec()).await.is_err());
    assert!(files.put("photos//x.jpg", b"x".to_vec()).await.is_err());
    assert_eq!(files.get("photos/../../etc/passwd").await.unwrap(), None);
    let whole = open(s3, &format!("s3://{bucket}")).await;
    assert_eq!(whole.list("shop").await.unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_missing_bucket_is_reported_at_start() {
    let Some(s3) = S3Server::get() else { return };
    let files = S3Files::new(&S3Config {
        url: "s3://no-such-bucket-here".into(),
        endpoint: Some(s3.endpoint()),
        region: Some(REGION.into()),
        access_key_id: Some(ACCESS_KEY_ID.into()),
        secret_access_key: Some(SECRET_ACCESS_KEY.into()),
    })
    .expect("client");
    let refused = files.check().await.expect_err("no such bucket");
    assert!(
        refused.contains("NoSuchBucket") || refused.contains("404"),
        "{refused}"
    );
}
