//! The dist archives of the catalogue's packages: each version is a small, real
//! Composer package (a `composer.json`, one PHP class and a README), zipped the same
//! way every time and kept in the archive folder, from where it is streamed.

use app::core::crc32::crc32;
use app::server::store::ServedRelease;
use serde_json::{Value, json};
use std::io;
use std::path::{Path, PathBuf};

/// The PHP namespace of a package: `northwind/payment-gateway` is
/// `Northwind\PaymentGateway`.
fn namespace(package: &str) -> String {
    package
        .split('/')
        .map(studly)
        .collect::<Vec<_>>()
        .join("\\")
}

/// `payment-gateway` as `PaymentGateway`.
fn studly(part: &str) -> String {
    part.split(['-', '_', '.'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The class a package's archive defines: the studly name of its last part.
fn class_name(package: &str) -> String {
    studly(package.rsplit('/').next().unwrap_or(package))
}

/// The `autoload` section of a package, the same in its metadata and its archive.
pub fn autoload(package: &str) -> Value {
    json!({ "psr-4": { format!("{}\\", namespace(package)): "src/" } })
}

/// What a package requires, the same in its metadata and its archive.
pub fn requires() -> Value {
    json!({ "php": ">=8.1" })
}

/// The files of one version: its `composer.json`, its class and a README.
fn files(served: &ServedRelease) -> Vec<(String, Vec<u8>)> {
    let package = &served.package;
    let version = served.release.version;
    let manifest = json!({
        "name": package,
        "description": served.description,
        "type": "library",
        "license": "proprietary",
        "require": requires(),
        "autoload": autoload(package),
    });
    let class = class_name(package);
    let php = format!(
        "<?php\n\ndeclare(strict_types=1);\n\nnamespace {namespace};\n\n\
         /**\n * {description}\n */\nfinal class {class}\n{{\n    \
         public const VERSION = '{version}';\n\n    \
         public static function version(): string\n    {{\n        return self::VERSION;\n    }}\n}}\n",
        namespace = namespace(package),
        description = served.description.replace("*/", "* /"),
    );
    let readme = format!(
        "# {package} {version}\n\n{}\n\nLicensed through Packagento.\n",
        served.description
    );
    vec![
        (
            "composer.json".to_owned(),
            format!("{manifest:#}\n").into_bytes(),
        ),
        (format!("src/{class}.php"), php.into_bytes()),
        ("README.md".to_owned(), readme.into_bytes()),
    ]
}

/// A zip archive of `files`, stored without compression, every entry dated
/// 1980-01-01 so that the same files always make the same bytes.
fn zip(files: &[(String, Vec<u8>)]) -> io::Result<Vec<u8>> {
    const DOS_DATE: u16 = (1 << 5) | 1;
    let too_big = || io::Error::other("archive entry too large for a plain zip");
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in files {
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        let crc = crc32(data);
        // Fields shared by the local header and the central directory entry:
        // version needed, flags, method (stored), time, date, CRC, sizes, name length.
        let mut common = Vec::with_capacity(26);
        for half in [20_u16, 0, 0, 0, DOS_DATE] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [crc, size, size] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50_u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(&0_u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        directory.extend_from_slice(&0x0201_4b50_u32.to_le_bytes());
        directory.extend_from_slice(&20_u16.to_le_bytes());
        directory.extend_from_slice(&common);
        // Extra and comment lengths, disk, internal and external attributes.
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(files.len()).map_err(|_| too_big())?;
    let directory_at = u32::try_from(out.len()).map_err(|_| too_big())?;
    let directory_len = u32::try_from(directory.len()).map_err(|_| too_big())?;
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50_u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&directory_len.to_le_bytes());
    out.extend_from_slice(&directory_at.to_le_bytes());
    out.extend_from_slice(&0_u16.to_le_bytes());
    Ok(out)
}

/// The archive of one version in `folder`, written there first if it is missing
/// (through a temporary file, so that a concurrent reader never sees half of it).
pub async fn archive_path(folder: &Path, served: &ServedRelease) -> io::Result<PathBuf> {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let name = format!(
        "{}-{}.zip",
        served.package.replace('/', "+"),
        served.release.version
    );
    if !name.chars().all(|c| safe(c) || c == '+') {
        return Err(io::Error::other("unexpected characters in a package name"));
    }
    let path = folder.join(&name);
    if tokio::fs::try_exists(&path).await? {
        return Ok(path);
    }
    tokio::fs::create_dir_all(folder).await?;
    let bytes = zip(&files(served))?;
    let partial = folder.join(format!(".{name}.{}", rand::random::<u64>()));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::core::catalogue::{QaStatus, Release, Version};

    fn served(package: &str, version: &str) -> ServedRelease {
        ServedRelease {
            package: package.to_owned(),
            description: "Card payments.".to_owned(),
            release: Release {
                version: Version::parse(version).expect("version"),
                released_at: 0,
                qa: QaStatus::Passed,
            },
        }
    }

    #[test]
    fn names_follow_composer_conventions() {
        assert_eq!(
            namespace("northwind/payment-gateway"),
            "Northwind\\PaymentGateway"
        );
        assert_eq!(class_name("northwind/payment-gateway"), "PaymentGateway");
        assert_eq!(
            autoload("stellar/search")["psr-4"]["Stellar\\Search\\"],
            "src/"
        );
    }

    #[test]
    fn archives_are_the_same_bytes_every_time_and_list_every_file() {
        let files = files(&served("northwind/payment-gateway", "2.3.1"));
        let first = zip(&files).expect("zip");
        assert_eq!(first, zip(&files).expect("zip"));
        assert_eq!(&first[..4], b"PK\x03\x04");
        let end = &first[first.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 3, "three entries");
        let php = String::from_utf8(files[1].1.clone()).expect("utf-8");
        assert!(
            php.contains("namespace Northwind\\PaymentGateway;"),
            "{php}"
        );
        assert!(php.contains("public const VERSION = '2.3.1';"), "{php}");
        let manifest: Value = serde_json::from_slice(&files[0].1).expect("json");
        assert_eq!(manifest["name"], "northwind/payment-gateway");
    }
}
