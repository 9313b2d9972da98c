//! The user's knowledge base in the editor: `.copydesk/actors.toml` in each
//! workspace root over the built-in base, loaded at `initialize` and again
//! when the client reports the file changed. A malformed file is reported
//! (file, line, what is wrong) and the last good base keeps working.

use std::path::{Path, PathBuf};

use tower_lsp::lsp_types::*;

use crate::kb::{self, KnowledgeBase};

/// The glob the server asks the client to watch.
pub const GLOB: &str = "**/.copydesk/actors.toml";

/// The actors files of these workspace roots that exist.
pub fn files(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots
        .iter()
        .map(|r| r.join(".copydesk").join("actors.toml"))
        .filter(|f| f.is_file())
        .collect()
}

/// Build the base from the roots' actors files: `Err` names the first
/// problem (unreadable or malformed file), and no partial base is built.
pub fn load(roots: &[PathBuf]) -> Result<KnowledgeBase, String> {
    let mut actors = Vec::new();
    for f in files(roots) {
        actors.extend(read(&f)?);
    }
    Ok(KnowledgeBase::builtin_with(actors))
}

fn read(f: &Path) -> Result<Vec<kb::Actor>, String> {
    let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
    kb::parse(&f.display().to_string(), &text).map_err(|e| {
        format!("copydesk could not read the actors file {e}; the previous actors are still used")
    })
}

/// Workspace roots from the initialize params (folders, else the root URI).
pub fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    #[allow(deprecated)]
    if out.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()) {
            out.push(p);
        }
    }
    out
}

/// Whether the client lets the server register a file watcher.
pub fn can_watch(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// The registration of the actors file watcher.
pub fn registration() -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(GLOB.into()),
            kind: None,
        }],
    };
    Registration {
        id: "copydesk-actors-toml".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// True when a change concerns an actors file.
pub fn concerns_actors(params: &DidChangeWatchedFilesParams) -> bool {
    params
        .changes
        .iter()
        .any(|c| c.uri.path().ends_with("/.copydesk/actors.toml"))
}
