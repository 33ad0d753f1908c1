//! The scripts and style sheets: a release build's precompressed files are served as
//! built, and every answer tells caches that it varies with the accepted encodings.

use crate::support::{TestDb, site_root, start_configured_server};

#[tokio::test]
async fn precompressed_assets_are_served_as_built_and_vary_with_the_encoding() {
    let db = TestDb::create().await;
    let css = "main { color: black; }\n".repeat(100);
    let brotli = b"the Brotli bytes the build wrote".to_vec();
    let (_site, root) = site_root(&[
        ("pkg/packagento.css", css.as_bytes()),
        ("pkg/packagento.css.br", &brotli),
    ]);
    let base_url = start_configured_server(&db.url, 9, |config| config.site_root = root).await;
    let client = reqwest::Client::new();
    let get = |encodings: Option<&'static str>| {
        let mut request = client.get(format!("{base_url}/pkg/packagento.css"));
        if let Some(encodings) = encodings {
            request = request.header("accept-encoding", encodings);
        }
        async move { request.send().await.expect("asset answers") }
    };
    let header = |response: &reqwest::Response, name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap_or_default().to_owned())
    };

    let compressed = get(Some("br, gzip")).await;
    assert_eq!(compressed.status(), 200);
    assert_eq!(
        header(&compressed, "content-encoding").as_deref(),
        Some("br")
    );
    assert_eq!(
        header(&compressed, "vary").as_deref(),
        Some("accept-encoding")
    );
    assert_eq!(compressed.bytes().await.expect("body").to_vec(), brotli);

    let plain = get(None).await;
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "vary").as_deref(), Some("accept-encoding"));
    assert_eq!(plain.text().await.expect("body"), css);
}
