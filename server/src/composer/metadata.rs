//! The Composer 2 metadata of a project's repository: `packages.json`, which names
//! the packages and where their metadata is, and one `p2` document per package.

use super::archive::{autoload, requires};
use app::core::dates::format_timestamp;
use app::server::store::ServedRelease;
use serde_json::{Value, json};

/// `packages.json` of the repository at `/composer/{project_id}`.
pub fn root(project_id: i64, packages: &[String]) -> Value {
    json!({
        "packages": [],
        "metadata-url": format!("/composer/{project_id}/p2/%package%.json"),
        "available-packages": packages,
    })
}

/// The `p2` document of one package: every version served, with where to download
/// it (`public_url` is the app's origin).
pub fn package(public_url: &str, project_id: i64, releases: &[ServedRelease]) -> Value {
    let mut versions = Vec::with_capacity(releases.len());
    let mut name = "";
    for served in releases {
        name = &served.package;
        let version = served.release.version.to_string();
        versions.push(json!({
            "name": served.package,
            "description": served.description,
            "version": version,
            "version_normalized": format!("{version}.0"),
            "type": "library",
            "license": ["proprietary"],
            "time": format_timestamp(served.release.released_at),
            "require": requires(),
            "autoload": autoload(&served.package),
            "dist": {
                "type": "zip",
                "url": format!("{public_url}/composer/{project_id}/dist/{}/{version}.zip", served.package),
                "reference": version,
            },
            "extra": { "packagento": { "qa": served.release.qa.as_str() } },
        }));
    }
    json!({ "packages": { name: versions } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::core::catalogue::{QaStatus, Release, Version};

    #[test]
    fn the_package_document_lists_each_version_with_its_archive() {
        let release = |version: &str| ServedRelease {
            package: "stellar/search".to_owned(),
            description: "Search.".to_owned(),
            release: Release {
                version: Version::parse(version).expect("version"),
                released_at: 86_400,
                qa: QaStatus::Passed,
            },
        };
        let document = package(
            "http://127.0.0.1:3000",
            7,
            &[release("2.0.0"), release("2.6.0")],
        );
        let versions = &document["packages"]["stellar/search"];
        assert_eq!(versions[1]["version_normalized"], "2.6.0.0");
        assert_eq!(
            versions[1]["dist"]["url"],
            "http://127.0.0.1:3000/composer/7/dist/stellar/search/2.6.0.zip"
        );
        assert_eq!(versions[0]["time"], "1970-01-02T00:00:00+00:00");
        assert_eq!(
            root(7, &["stellar/search".to_owned()])["metadata-url"],
            "/composer/7/p2/%package%.json"
        );
    }
}
