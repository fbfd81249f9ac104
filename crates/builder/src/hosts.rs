//! The free static hosts' hard limits, and a published folder measured
//! against them (`broadsheet check DIR --host …`, `build --host …`), so a
//! site that would not deploy fails here, clearly, before the deploy does.
//! Limits as the hosts document them (2026); a host's time limits (GitHub
//! Pages' 10-minute deploy) cannot be checked from the folder.

use std::fmt;
use std::path::Path;

/// A host a published folder can be deployed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Host {
    /// GitHub Pages: a published site of at most 1 GB; files of at most
    /// 100 MiB (the repository limit the Pages artifact inherits).
    GithubPages,
    /// Cloudflare Pages (free plan): at most 20,000 files a deployment, each
    /// at most 25 MiB.
    CloudflarePages,
    /// GitLab Pages: at most 1 GB and 200,000 files.
    GitlabPages,
    /// Netlify: at most 54,000 files in one folder.
    Netlify,
}

/// What a host allows; `None`: no such limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub site_bytes: Option<u64>,
    pub files: Option<usize>,
    pub file_bytes: Option<u64>,
    pub files_per_folder: Option<usize>,
}

const MIB: u64 = 1 << 20;
const GB: u64 = 1_000_000_000;

impl Host {
    pub fn limits(self) -> Limits {
        let none = Limits {
            site_bytes: None,
            files: None,
            file_bytes: None,
            files_per_folder: None,
        };
        match self {
            Host::GithubPages => Limits {
                site_bytes: Some(GB),
                file_bytes: Some(100 * MIB),
                ..none
            },
            Host::CloudflarePages => Limits {
                files: Some(20_000),
                file_bytes: Some(25 * MIB),
                ..none
            },
            Host::GitlabPages => Limits {
                site_bytes: Some(GB),
                files: Some(200_000),
                ..none
            },
            Host::Netlify => Limits {
                files_per_folder: Some(54_000),
                ..none
            },
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Host::GithubPages => "GitHub Pages",
            Host::CloudflarePages => "Cloudflare Pages",
            Host::GitlabPages => "GitLab Pages",
            Host::Netlify => "Netlify",
        }
    }
}

/// A published folder, measured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measured {
    pub bytes: u64,
    pub files: usize,
    /// The largest file: its path inside the folder and its size.
    pub largest: Option<(String, u64)>,
    /// The folder holding the most files directly, and how many.
    pub fullest: Option<(String, usize)>,
}

/// Measures every file below `dir` (hidden ones too: hosts count them).
pub fn measure(dir: &Path) -> std::io::Result<Measured> {
    let mut measured = Measured::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let mut here = 0;
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
                continue;
            }
            // Symbolic links are followed, as an upload would.
            let size = std::fs::metadata(entry.path())?.len();
            here += 1;
            measured.files += 1;
            measured.bytes += size;
            if measured.largest.as_ref().is_none_or(|(_, s)| size > *s) {
                measured.largest = Some((inside(dir, &entry.path()), size));
            }
        }
        if measured.fullest.as_ref().is_none_or(|(_, n)| here > *n) {
            measured.fullest = Some((inside(dir, &folder), here));
        }
    }
    Ok(measured)
}

fn inside(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let text = rel.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".into()
    } else {
        text
    }
}

/// One limit a folder goes over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Over {
    pub what: String,
}

impl fmt::Display for Over {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

/// Every limit of `host` that `measured` goes over.
pub fn over(host: Host, measured: &Measured) -> Vec<Over> {
    let limits = host.limits();
    let mut out = Vec::new();
    let mut push = |what: String| out.push(Over { what });
    if let Some(max) = limits.site_bytes.filter(|&m| measured.bytes > m) {
        push(format!(
            "the site is {} and {} takes at most {}",
            crate::report::human_bytes(measured.bytes),
            host.name(),
            crate::report::human_bytes(max)
        ));
    }
    if let Some(max) = limits.files.filter(|&m| measured.files > m) {
        push(format!(
            "the site has {} files and {} takes at most {max}",
            measured.files,
            host.name()
        ));
    }
    if let (Some(max), Some((path, size))) = (limits.file_bytes, &measured.largest) {
        if *size > max {
            push(format!(
                "{path} is {} and {} takes files of at most {} MiB",
                crate::report::human_bytes(*size),
                host.name(),
                max / MIB
            ));
        }
    }
    if let (Some(max), Some((folder, n))) = (limits.files_per_folder, &measured.fullest) {
        if *n > max {
            push(format!(
                "{folder} holds {n} files and {} takes at most {max} in one folder",
                host.name()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(bytes: u64, files: usize, largest: u64, fullest: usize) -> Measured {
        Measured {
            bytes,
            files,
            largest: Some(("bundle/bodies/00001.json".into(), largest)),
            fullest: Some(("articles".into(), fullest)),
        }
    }

    #[test]
    fn each_host_enforces_its_own_limits() {
        let big = site(1_300_000_000, 110_000, 30 * MIB, 100_001);
        let says =
            |host| -> Vec<String> { over(host, &big).iter().map(|o| o.to_string()).collect() };
        assert_eq!(
            says(Host::GithubPages),
            ["the site is 1.30 GB and GitHub Pages takes at most 1.00 GB"]
        );
        assert_eq!(says(Host::CloudflarePages).len(), 2);
        assert!(says(Host::CloudflarePages)[1].starts_with("bundle/bodies/00001.json is 31.5 MB"));
        assert_eq!(says(Host::GitlabPages).len(), 1);
        assert_eq!(
            says(Host::Netlify),
            ["articles holds 100001 files and Netlify takes at most 54000 in one folder"]
        );
        let small = site(300_000_000, 5_000, MIB, 4_000);
        for host in [
            Host::GithubPages,
            Host::CloudflarePages,
            Host::GitlabPages,
            Host::Netlify,
        ] {
            assert_eq!(over(host, &small), [], "{host:?}");
        }
    }

    #[test]
    fn a_folder_is_measured_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/big"), vec![0u8; 3000]).unwrap();
        std::fs::write(dir.path().join("a/x"), b"12").unwrap();
        std::fs::write(dir.path().join("a/y"), b"1").unwrap();
        std::fs::write(dir.path().join(".hidden"), b"123").unwrap();
        let m = measure(dir.path()).unwrap();
        assert_eq!((m.files, m.bytes), (4, 3006));
        assert_eq!(m.largest, Some(("a/b/big".into(), 3000)));
        assert_eq!(m.fullest, Some(("a".into(), 2)));
    }
}
