//! Fetching bundle files: bytes from the network, checked against the
//! manifest's hashes, with errors specific enough to act on.

use std::fmt;

use broadsheet_core::{DecodeError, ShardRef};

use crate::paths;

/// Why a bundle file could not be loaded, specific enough to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request failed: blocked, or the server went away.
    Network { url: String, detail: String },
    /// The device is offline and this file is not saved on it.
    Offline { url: String },
    /// The server answered with an error status (404, 500, …).
    Status { url: String, status: u16 },
    /// The file arrived but is not a usable Broadsheet bundle file.
    Decode { url: String, error: DecodeError },
}

impl LoadError {
    /// A short headline for the error page.
    pub fn headline(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "The archive could not be reached",
            LoadError::Offline { .. } => "You are offline, and this is not saved on this device",
            LoadError::Status { status: 404, .. } => "The archive was not found",
            LoadError::Status { .. } => "The server refused the archive",
            LoadError::Decode {
                error: DecodeError::UnsupportedVersion { .. },
                ..
            } => "This archive needs a different version of the reader",
            LoadError::Decode {
                error: DecodeError::ForeignFormat { .. },
                ..
            } => "This is not a Broadsheet archive",
            LoadError::Decode { .. } => "The archive is damaged",
        }
    }

    /// Would trying again plausibly help?
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Offline { .. }
                | LoadError::Status { .. }
                | LoadError::Decode {
                    error: DecodeError::NotJson { .. } | DecodeError::HashMismatch { .. },
                    ..
                }
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, detail } => {
                write!(f, "Could not fetch {url}: {detail}")
            }
            LoadError::Offline { url } => write!(
                f,
                "{url} has not been saved for offline reading. It will load once you are \
                 back online; to read everything offline, save the whole archive while online."
            ),
            LoadError::Status { url, status } => {
                write!(f, "{url} answered HTTP {status}")
            }
            LoadError::Decode { url, error } => write!(f, "{url}: {error}"),
        }
    }
}

pub fn damaged_index(path: &str) -> LoadError {
    LoadError::Decode {
        url: paths::bundle_file(path),
        error: DecodeError::Invalid {
            detail: "the search index refers to files it does not list".into(),
        },
    }
}

/// A failed request: `Offline` when the browser says it is offline.
fn network_error(url: &str, error: impl fmt::Display) -> LoadError {
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    if online {
        LoadError::Network {
            url: url.to_string(),
            detail: error.to_string(),
        }
    } else {
        LoadError::Offline {
            url: url.to_string(),
        }
    }
}

pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    if let Some(path) = url.strip_prefix("pack:") {
        return crate::packed::file(path).ok_or_else(|| LoadError::Status {
            url: url.to_string(),
            status: 404,
        });
    }
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| network_error(url, e))?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    // Bytes, not text: half the memory, and no size cliff on large files.
    response.binary().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// Fetches a shard and checks it is the one the manifest names.
pub async fn fetch_shard(shard: &ShardRef) -> Result<(String, Vec<u8>), LoadError> {
    let url = paths::bundle_file(&shard.path);
    let bytes = fetch_bytes(&url).await?;
    shard.verify(&bytes).map_err(|error| LoadError::Decode {
        url: url.clone(),
        error,
    })?;
    Ok((url, bytes))
}

/// Fetches a shard and decodes it with `from_json`.
pub async fn fetch_decoded<T>(
    shard: &ShardRef,
    from_json: fn(&[u8]) -> Result<T, DecodeError>,
) -> Result<T, LoadError> {
    let (url, bytes) = fetch_shard(shard).await?;
    from_json(&bytes).map_err(|error| LoadError::Decode { url, error })
}
