//! A temporary folder for tests, removed when dropped (also when the test
//! fails and unwinds). Included with `#[path]` by the test files that need
//! it; the folder name carries the test binary's name, the process id and
//! the name the test gives, so neither test binaries nor the tests running
//! in parallel in one binary collide.
//!
//! Bind it to a named variable (never `_`) that lives until the end of the
//! test, and declare it before any server that uses the folder, so that the
//! server is stopped before the folder goes.

// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "copydesk-{}-{}-{name}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Write `contents` to `rel` inside the folder; returns its path.
    pub fn file(&self, rel: &str, contents: &[u8]) -> String {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    pub fn path(&self) -> String {
        self.0.display().to_string()
    }

    pub fn as_path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
