//! C1 across processes: two `pepite serve` instances with their own data folders, on one
//! PostgreSQL database and one S3 bucket (`--files-url`). A photo a seller uploads through
//! instance A is served by instance B, byte for byte, and the demo's photos drawn by
//! `pepite demo` are in the bucket, not in a folder. A file sent to customer service through A
//! (S1) is downloaded through B the same way.

mod support;

use serde_json::json;
use support::{Server, run, temp_dir};

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c1_a_photo_uploaded_through_one_instance_is_served_by_the_other() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let Some(s3) = pepite_testkit::s3::S3Server::get() else {
        return;
    };
    let bucket = s3.new_bucket().await;
    let (db_url, files_url, endpoint) = (
        test_db.postgres_url().unwrap(),
        format!("s3://{bucket}/shop"),
        s3.endpoint(),
    );
    let args = [
        "--database-url",
        db_url.as_str(),
        "--files-url",
        files_url.as_str(),
        "--files-endpoint",
        endpoint.as_str(),
        "--files-region",
        pepite_testkit::s3::REGION,
        "--files-access-key-id",
        pepite_testkit::s3::ACCESS_KEY_ID,
        "--files-secret-access-key",
        pepite_testkit::s3::SECRET_ACCESS_KEY,
    ];
    let (data_a, data_b) = (temp_dir("photos-a"), temp_dir("photos-b"));
    let mut demo = vec!["demo", "--pieces", "4"];
    demo.extend_from_slice(&args);
    let (ok, out) = run(&data_a, &demo);
    assert!(ok, "demo data: {out}");
    let (a, b) = (
        Server::start(&data_a, &args).await,
        Server::start(&data_b, &args).await,
    );
    let client = reqwest::Client::new();

    // The demo's drawn photos are served by B though A's folder drew them.
    let listed = pepite_store::catalog::all(&test_db.db, Some("listed"), None, 1)
        .await
        .unwrap();
    let cover = listed[0].cover_key.clone().expect("a demo cover");
    let r = client
        .get(b.url(&format!("/media/{cover}-thumb.jpg")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "demo photo from B");

    let token = {
        let r = client
            .post(a.url("/api/v1/auth/tokens"))
            .json(
                &json!({"email": "lea@pepite.demo", "password": "pepite-demo-2026", "label": "t"}),
            )
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = r.json().await.unwrap();
        body["token"].as_str().expect("token").to_owned()
    };
    let piece = json!({
        "title": "Veste en jean brodée", "brand": "Levi's", "category": "coats",
        "size_system": "FR", "size_label": "38", "grade": "very_good", "colour": "blue",
        "materials": "coton", "description": "Brodée à la main.",
        "price_cents": 6400, "weight_g": 700, "measurements": []
    });
    let r = client
        .post(a.url("/api/v1/pieces"))
        .bearer_auth(&token)
        .json(&piece)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "draft: {}", r.text().await.unwrap());
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let r = client
        .post(a.url(&format!("/api/v1/pieces/{id}/photos")))
        .bearer_auth(&token)
        .header("Content-Type", "image/png")
        .body(png(640, 480))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "upload to A: {}", r.text().await.unwrap());
    let photo: serde_json::Value = r.json().await.unwrap();

    for variant in ["large", "medium", "thumb"] {
        let path = photo["urls"][variant].as_str().unwrap();
        let from_a = client.get(a.url(path)).send().await.unwrap();
        assert_eq!(from_a.status(), 200, "{variant} from A");
        let from_a = from_a.bytes().await.unwrap();
        let from_b = client.get(b.url(path)).send().await.unwrap();
        assert_eq!(from_b.status(), 200, "{variant} from B");
        assert_eq!(
            from_b.headers()["content-type"],
            "image/jpeg",
            "{variant} from B"
        );
        assert_eq!(
            from_b.bytes().await.unwrap(),
            from_a,
            "{variant}: same bytes"
        );
    }
    // S1: a PDF sent to customer service through A is downloaded through B.
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
    let r = client
        .post(a.url("/api/v1/support/conversations"))
        .bearer_auth(&token)
        .json(&json!({"body": "Voici la facture.", "files": [
            {"name": "facture.pdf", "content_base64": "JVBERi0xLjQKMSAwIG9iaiA8PCA+PiBlbmRvYmoKJSVFT0YK"}
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        201,
        "conversation on A: {}",
        r.text().await.unwrap()
    );
    let opened: serde_json::Value = r.json().await.unwrap();
    let url = opened["messages"][0]["files"][0]["url"].as_str().unwrap();
    let from_b = client
        .get(b.url(url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(from_b.status(), 200, "the file from B");
    assert_eq!(&from_b.bytes().await.unwrap()[..], PDF);
    // Neither data folder holds a photo or a file: the bucket is the only copy.
    for data in [&data_a, &data_b] {
        assert!(!data.join("files").exists(), "{}", data.display());
    }
}

#[test]
fn an_unreachable_bucket_stops_the_program_at_start() {
    let data = temp_dir("photos-unreachable");
    let (ok, out) = run(
        &data,
        &[
            "admin",
            "create-staff",
            "--email",
            "a@x.fr",
            "--password",
            "a long enough password",
            "--name",
            "A",
            "--role",
            "admin",
            "--files-url",
            "s3://pepite-photos",
            "--files-endpoint",
            "http://127.0.0.1:9",
            "--files-access-key-id",
            "x",
            "--files-secret-access-key",
            "y",
        ],
    );
    assert!(!ok, "{out}");
    assert!(
        out.contains("cannot reach the photo bucket s3://pepite-photos"),
        "{out}"
    );
}
