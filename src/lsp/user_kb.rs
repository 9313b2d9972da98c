//! The user's knowledge base in the editor: `.copydesk/actors.toml` in each
//! workspace root over the built-in base, loaded at `initialize` and again
//! when the client reports the file changed. A malformed file is reported
//! (file, line, what is wrong) and the last good base keeps working.

use std::path::{Path, PathBuf};

use tower_lsp::lsp_types::*;

use super::server::Backend;
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
    Ok(KnowledgeBase::builtin_with(load_actors(roots)?))
}

/// The actors of the roots' actors files (read and checked now, layered
/// over the built-in base by [`super::state::State::set_user_actors`]).
pub fn load_actors(roots: &[PathBuf]) -> Result<Vec<kb::Actor>, String> {
    let mut actors = Vec::new();
    for f in files(roots) {
        actors.extend(read(&f)?);
    }
    Ok(actors)
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

/// At `initialize`: take the workspace roots (when no one has yet) and load
/// the actors.
pub async fn on_initialize(backend: &Backend, params: &InitializeParams) {
    {
        let mut r = backend
            .state
            .roots
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if r.is_empty() {
            *r = roots(params);
        }
    }
    reload(backend).await;
}

/// At `initialized`: ask the client to watch the actors files, when it can.
pub async fn on_initialized(backend: &Backend) {
    let watch = backend
        .state
        .support
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .watched_files_dynamic;
    if watch {
        if let Err(e) = backend
            .client
            .register_capability(vec![registration()])
            .await
        {
            let msg = format!("copydesk could not watch {GLOB}: {e}");
            backend.client.log_message(MessageType::WARNING, msg).await;
        }
    }
}

/// On `workspace/didChangeWatchedFiles`: reload when an actors file changed
/// and publish fresh diagnostics for the open documents.
pub async fn on_watched_files(backend: &Backend, params: &DidChangeWatchedFilesParams) {
    if !concerns_actors(params) {
        return;
    }
    reload(backend).await;
    for uri in backend.state.open_uris() {
        backend.publish(uri).await;
    }
}

/// Load the built-in actors plus the roots' actors files; on a malformed
/// file, say where (window/showMessage and the log) and keep the last good base.
pub async fn reload(backend: &Backend) {
    let roots = backend
        .state
        .roots
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    match load_actors(&roots) {
        Ok(actors) => backend.state.set_user_actors(actors),
        Err(msg) => {
            backend
                .client
                .log_message(MessageType::ERROR, msg.clone())
                .await;
            backend.client.show_message(MessageType::ERROR, msg).await;
        }
    }
}
