//! The user's knowledge base in the editor: `.copydesk/actors.toml` in each
//! workspace root and the files the workspace config's `knowledgeBases`
//! names, over the built-in base. Loaded at `initialize`, again when the
//! settings change, and when the client reports one of the files changed
//! (it is asked to watch them when it can). A missing, unreadable or
//! malformed file is reported (file, line, what is wrong) and its last good
//! actors keep working.

use std::collections::HashMap;
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
        actors.extend(read(&f).map_err(|e| {
            format!(
                "copydesk could not read the actors file {e}; the previous actors are still used"
            )
        })?);
    }
    Ok(actors)
}

/// Read one actors file: `Err` says which file, which line and what is
/// wrong, or why it could not be read.
fn read(f: &Path) -> Result<Vec<kb::Actor>, String> {
    let text = std::fs::read_to_string(f)
        .map_err(|e| format!("{}: the file could not be read: {e}", f.display()))?;
    kb::parse(&f.display().to_string(), &text).map_err(|e| e.to_string())
}

/// The user actors: every root's actors file, then every file in
/// `knowledge_bases`, each read now or, when it cannot be read, its actors
/// from `last_good` (if it was ever read). Returns the actors and one
/// message per file that could not be read. `last_good` is updated and
/// keeps only these files.
pub fn gather(
    roots: &[PathBuf],
    knowledge_bases: &[PathBuf],
    last_good: &mut HashMap<PathBuf, Vec<kb::Actor>>,
) -> (Vec<kb::Actor>, Vec<String>) {
    let mut sources: Vec<(PathBuf, bool)> = files(roots).into_iter().map(|f| (f, false)).collect();
    for f in knowledge_bases {
        if !sources.iter().any(|(s, _)| s == f) {
            sources.push((f.clone(), true));
        }
    }
    last_good.retain(|p, _| sources.iter().any(|(s, _)| s == p));
    let mut actors = Vec::new();
    let mut problems = Vec::new();
    for (f, named) in sources {
        let what = if named {
            "the knowledge base named in knowledgeBases"
        } else {
            "the actors file"
        };
        match read(&f) {
            Ok(a) => {
                actors.extend(a.iter().cloned());
                last_good.insert(f, a);
            }
            Err(e) => {
                let kept = match last_good.get(&f) {
                    Some(a) => {
                        actors.extend(a.iter().cloned());
                        "its previous actors are still used"
                    }
                    None => "none of its actors are used",
                };
                problems.push(format!("copydesk could not read {what} {e}; {kept}"));
            }
        }
    }
    (actors, problems)
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
    watch_knowledge_bases(backend).await;
}

/// On `workspace/didChangeWatchedFiles`: reload when an actors file changed
/// and publish fresh diagnostics for the open documents.
pub async fn on_watched_files(backend: &Backend, params: &DidChangeWatchedFilesParams) {
    if !concerns_actors(params) && !concerns_knowledge_bases(backend, params) {
        return;
    }
    reload(backend).await;
    for uri in backend.state.open_uris() {
        backend.publish(uri).await;
    }
}

/// True when a change concerns a knowledge-base file the workspace config names.
fn concerns_knowledge_bases(backend: &Backend, params: &DidChangeWatchedFilesParams) -> bool {
    let store = backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    params.changes.iter().any(|c| {
        c.uri
            .to_file_path()
            .is_ok_and(|p| store.user_kb.configured.contains(&p))
    })
}

/// Load the built-in actors plus the roots' actors files and the
/// `knowledgeBases` files of the workspace config; on a missing, unreadable
/// or malformed file, say where (window/showMessage and the log) and keep
/// that file's last good actors.
pub async fn reload(backend: &Backend) {
    let roots = backend
        .state
        .roots
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let (configured, mut last_good) = {
        let mut store = backend
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let configured = store.workspace_knowledge_bases(&roots);
        store.user_kb.configured = configured.clone();
        (configured, std::mem::take(&mut store.user_kb.last_good))
    };
    let (actors, problems) = gather(&roots, &configured, &mut last_good);
    backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .user_kb
        .last_good = last_good;
    backend.state.set_user_actors(actors);
    for msg in problems {
        backend
            .client
            .log_message(MessageType::ERROR, msg.clone())
            .await;
        backend.client.show_message(MessageType::ERROR, msg).await;
    }
}

/// The id of the registration that watches the `knowledgeBases` files.
pub const KB_REGISTRATION: &str = "copydesk-knowledge-bases";

/// The registration of a watcher for these knowledge-base files.
pub fn knowledge_base_registration(files: &[PathBuf]) -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: files
            .iter()
            .map(|f| FileSystemWatcher {
                glob_pattern: GlobPattern::String(literal_glob(f)),
                kind: None,
            })
            .collect(),
    };
    Registration {
        id: KB_REGISTRATION.into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// A glob pattern that matches the file at `path`. LSP glob patterns have
/// no escape, so each character with a meaning in them (`*?[]{}`) becomes
/// `?`, which matches it too: the pattern may also match a few other files,
/// whose changes [`on_watched_files`] ignores (it reloads only for the
/// configured paths themselves). On Windows, separators become `/`, as
/// globs have them.
fn literal_glob(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .map(|c| match c {
            '*' | '?' | '[' | ']' | '{' | '}' => '?',
            '\\' if cfg!(windows) => '/',
            c => c,
        })
        .collect()
}

/// After `initialized` and each settings change: when the client can, make
/// it watch the `knowledgeBases` files of the workspace config (the old
/// registration is dropped when the list changed).
pub async fn watch_knowledge_bases(backend: &Backend) {
    let dynamic = backend
        .state
        .support
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .watched_files_dynamic;
    if !dynamic {
        return;
    }
    let (old, new) = {
        let mut store = backend
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if store.user_kb.watched == store.user_kb.configured {
            return;
        }
        let new = store.user_kb.configured.clone();
        (
            std::mem::replace(&mut store.user_kb.watched, new.clone()),
            new,
        )
    };
    if !old.is_empty() {
        let gone = Unregistration {
            id: KB_REGISTRATION.into(),
            method: "workspace/didChangeWatchedFiles".into(),
        };
        if let Err(e) = backend.client.unregister_capability(vec![gone]).await {
            let msg = format!("copydesk could not stop watching its knowledge bases: {e}");
            backend.client.log_message(MessageType::WARNING, msg).await;
        }
    }
    if !new.is_empty() {
        let registration = knowledge_base_registration(&new);
        if let Err(e) = backend.client.register_capability(vec![registration]).await {
            let msg = format!("copydesk could not watch its knowledge bases: {e}");
            backend.client.log_message(MessageType::WARNING, msg).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str) -> String {
        format!("[[actor]]\nkind = \"person\"\nname = \"{name}\"\n")
    }

    fn names(actors: &[kb::Actor]) -> Vec<&str> {
        actors.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn a_watched_path_with_glob_characters_still_matches_itself() {
        let files = [
            PathBuf::from("/news/desk [2]/kb{a,b}*.toml"),
            PathBuf::from("/news/plain/shared.toml"),
        ];
        let reg = knowledge_base_registration(&files);
        let opts = reg.register_options.expect("options");
        let globs: Vec<&str> = opts["watchers"]
            .as_array()
            .expect("watchers")
            .iter()
            .map(|w| w["globPattern"].as_str().expect("a string pattern"))
            .collect();
        assert_eq!(
            globs,
            ["/news/desk ?2?/kb?a,b??.toml", "/news/plain/shared.toml"]
        );
    }

    #[test]
    fn each_file_keeps_its_last_good_actors_and_a_dropped_file_goes() {
        let root = std::env::temp_dir().join(format!("copydesk-user-kb-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".copydesk")).unwrap();
        let own = root.join(".copydesk").join("actors.toml");
        let shared = root.join("shared.toml");
        std::fs::write(&own, actor("Jane Roe")).unwrap();
        std::fs::write(&shared, actor("John Poe")).unwrap();
        let roots = vec![root.clone()];
        let mut last_good = HashMap::new();

        let (a, problems) = gather(&roots, std::slice::from_ref(&shared), &mut last_good);
        assert_eq!(names(&a), ["Jane Roe", "John Poe"]);
        assert!(problems.is_empty(), "{problems:?}");

        // The shared file breaks on line 2: its last good actors stay, the
        // other file's new text applies.
        std::fs::write(&shared, "[[actor]]\nkind = 3\n").unwrap();
        std::fs::write(&own, actor("Janet Roe")).unwrap();
        let (a, problems) = gather(&roots, std::slice::from_ref(&shared), &mut last_good);
        assert_eq!(names(&a), ["Janet Roe", "John Poe"]);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains(&format!("{}:2:", shared.display())),
            "{problems:?}"
        );
        assert!(problems[0].contains("still used"), "{problems:?}");

        // A missing file named in the config: reported, nothing from it.
        let gone = root.join("gone.toml");
        let (a, problems) = gather(&roots, std::slice::from_ref(&gone), &mut last_good);
        assert_eq!(names(&a), ["Janet Roe"]);
        assert!(
            problems[0].contains(&gone.display().to_string()),
            "{problems:?}"
        );
        assert!(problems[0].contains("none of its actors"), "{problems:?}");
        assert!(!last_good.contains_key(&shared));
        let _ = std::fs::remove_dir_all(&root);
    }
}
