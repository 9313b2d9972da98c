//! Settings at the edge: reading `.copydesk.toml` files from disk, the
//! editor's settings (initializationOptions, workspace/configuration,
//! didChangeConfiguration), and the per-document effective config.
//!
//! The core ([`crate::config`]) parses text; this module does the I/O. The
//! CLI reads config files through [`discover`] and [`read_file`] too.
//!
//! A [`Store`] keeps the editor layer, every config file read so far (with
//! its last good layer) and which file applies to which folder. A reload
//! whose text is not valid TOML keeps the last good layer and reports the
//! errors; other problems (an unknown key) are reported and the rest applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::config::{self, Config, ConfigError, Effective, Layer, Source};

/// A config file as read from disk.
#[derive(Debug, Clone)]
pub struct FileConfig {
    pub path: PathBuf,
    pub layer: Layer,
    pub errors: Vec<ConfigError>,
    /// The text read, for placing the errors.
    pub text: String,
}

/// The nearest `.copydesk.toml` for a document at `path` (walking up).
pub fn discover(path: &Path) -> Option<PathBuf> {
    config::candidate_paths(path)
        .into_iter()
        .find(|p| p.is_file())
}

/// Read and parse the config file at `path`, making relative paths in it
/// absolute against its folder. `Err` says why it could not be read.
pub fn read_file(path: &Path) -> Result<FileConfig, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: could not read the config file: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: the config file is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(parse_file(path, &text))
}

/// Parse `text` as the config file at `path`.
pub fn parse_file(path: &Path, text: &str) -> FileConfig {
    let (mut layer, errors) = config::parse_layer(&path.display().to_string(), text);
    if let Some(dir) = path.parent() {
        layer.resolve_paths(dir);
    }
    FileConfig {
        path: path.to_path_buf(),
        layer,
        errors,
        text: text.to_string(),
    }
}

/// Read the user knowledge-base files a config names (absolute paths, as
/// the loaders make them). Returns every actor read and one message per
/// file that could not be read or parsed.
pub fn read_knowledge_bases(paths: &[String]) -> (Vec<crate::kb::Actor>, Vec<String>) {
    let mut actors = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        match std::fs::read_to_string(p) {
            Ok(text) => match crate::kb::parse(p, &text) {
                Ok(mut a) => actors.append(&mut a),
                Err(e) => problems.push(e.to_string()),
            },
            Err(e) => problems.push(format!("{p}: could not read the knowledge base: {e}")),
        }
    }
    (actors, problems)
}

/// The `copydesk` section of editor settings: `{"copydesk": {...}}` or the
/// settings themselves. `null` when there are none.
pub fn editor_section(value: &Value) -> &Value {
    match value.get("copydesk") {
        Some(section) => section,
        None => value,
    }
}

/// Parse editor settings; relative paths start at `root` when given.
pub fn parse_editor(value: &Value, root: Option<&Path>) -> (Layer, Vec<ConfigError>) {
    let mut section = editor_section(value).clone();
    // Settings of the editor client itself (`copydesk.server.path`,
    // `copydesk.trace.server` in VS Code) come along in a pulled section.
    if let Some(map) = section.as_object_mut() {
        for key in CLIENT_KEYS {
            map.remove(*key);
        }
    }
    let (mut layer, errors) = config::from_json("copydesk settings", &section);
    if let Some(root) = root {
        layer.resolve_paths(root);
    }
    (layer, errors)
}

/// Top-level keys of the `copydesk` section that belong to editor clients,
/// not to the server: skipped without a message.
pub const CLIENT_KEYS: &[&str] = &["server", "trace"];

/// One config file the server knows: its last good layer and the problems
/// of its latest read.
#[derive(Debug, Clone, Default)]
pub struct KnownFile {
    pub layer: Option<Layer>,
    pub errors: Vec<ConfigError>,
    /// The text of the latest read.
    pub text: String,
}

/// What the server knows about settings.
#[derive(Debug, Default)]
pub struct Store {
    /// The workspace root, for relative paths in editor settings.
    pub root: Option<PathBuf>,
    pub editor: Layer,
    /// The client sent its settings in initializationOptions.
    pub editor_sent: bool,
    pub editor_errors: Vec<ConfigError>,
    /// Config file path -> what was read from it.
    pub files: HashMap<PathBuf, KnownFile>,
    /// Document folder -> its nearest config file, once looked up.
    pub nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Config files whose problems were published at least once.
    pub published: std::collections::HashSet<PathBuf>,
    /// The user actors files (`.copydesk/actors.toml` and `knowledgeBases`)
    /// the server loaded, see `user_kb.rs`.
    pub user_kb: UserKbFiles,
}

/// What the server keeps about the user actors files between reloads.
#[derive(Debug, Default)]
pub struct UserKbFiles {
    /// The `knowledgeBases` files of the workspace config at the last reload.
    pub configured: Vec<PathBuf>,
    /// The `knowledgeBases` files the client was asked to watch.
    pub watched: Vec<PathBuf>,
    /// The actors of each file at its last good read.
    pub last_good: HashMap<PathBuf, Vec<crate::kb::Actor>>,
}

/// What a reload changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// The new text applies (maybe with some reported problems).
    Applied,
    /// Not valid TOML or unreadable: the last good config stays.
    KeptLastGood,
    /// The file is gone.
    Removed,
}

impl Store {
    /// The nearest config file for a document at `path`, reading it the
    /// first time.
    pub fn file_for(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?.to_path_buf();
        if !self.nearest.contains_key(&dir) {
            let found = discover(path);
            if let Some(f) = &found {
                if !self.files.contains_key(f) {
                    self.reload(f);
                }
            }
            self.nearest.insert(dir.clone(), found);
        }
        self.nearest.get(&dir).cloned().flatten()
    }

    /// Re-read one config file from disk (it changed, appeared or went).
    pub fn reload(&mut self, path: &Path) -> Reloaded {
        if !path.exists() {
            self.files.remove(path);
            self.published.remove(path);
            self.nearest.clear();
            return Reloaded::Removed;
        }
        let outcome = match read_file(path) {
            Ok(f) => self.apply_text_result(f),
            Err(message) => {
                let entry = self.files.entry(path.to_path_buf()).or_default();
                entry.errors = vec![ConfigError {
                    file: path.display().to_string(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message,
                    kind: config::ErrorKind::Syntax,
                    range: None,
                }];
                Reloaded::KeptLastGood
            }
        };
        // A new file may now be the nearest one for some folders.
        self.nearest.clear();
        outcome
    }

    fn apply_text_result(&mut self, f: FileConfig) -> Reloaded {
        let entry = self.files.entry(f.path.clone()).or_default();
        let fatal = config::is_fatal(&f.errors);
        entry.errors = f.errors;
        entry.text = f.text;
        if fatal && entry.layer.is_some() {
            Reloaded::KeptLastGood
        } else {
            entry.layer = Some(f.layer);
            Reloaded::Applied
        }
    }

    /// Replace the editor layer.
    pub fn set_editor(&mut self, value: &Value, root: Option<&Path>) {
        let (layer, errors) = parse_editor(value, root);
        self.editor = layer;
        self.editor_errors = errors;
    }

    /// The effective config for a document at `path` (or `None` for a
    /// document that is not a file): default < nearest file < editor.
    pub fn effective(&mut self, path: Option<&Path>) -> Effective {
        let file = path.and_then(|p| self.file_for(p));
        let file_layer = file
            .as_ref()
            .and_then(|f| self.files.get(f))
            .and_then(|k| k.layer.clone());
        let mut layers: Vec<(Source, &Layer)> = Vec::new();
        if let (Some(f), Some(layer)) = (&file, &file_layer) {
            layers.push((Source::File(f.display().to_string()), layer));
        }
        layers.push((Source::Editor, &self.editor));
        config::resolve(&layers)
    }

    pub fn config_for(&mut self, path: Option<&Path>) -> Arc<Config> {
        Arc::new(self.effective(path).config)
    }

    /// The `knowledgeBases` files of the workspace config: the config that
    /// applies at each root (its nearest `.copydesk.toml` under the editor
    /// settings), or the editor settings alone without roots. Paths are as
    /// the loaders resolved them (against the config file's folder, or the
    /// workspace root for editor settings), in order, without duplicates.
    pub fn workspace_knowledge_bases(&mut self, roots: &[PathBuf]) -> Vec<PathBuf> {
        let configs: Vec<Config> = if roots.is_empty() {
            vec![self.effective(None).config]
        } else {
            roots
                .iter()
                .map(|r| self.effective(Some(&r.join(config::FILE_NAME))).config)
                .collect()
        };
        let mut out: Vec<PathBuf> = Vec::new();
        for p in configs.into_iter().flat_map(|c| c.knowledge_bases) {
            let p = PathBuf::from(p);
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

/// True when `path` names a copydesk config file.
pub fn is_config_path(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == config::FILE_NAME)
}

// ---------------------------------------------------------------------
// The server side: what server.rs calls.

use tower_lsp::lsp_types as lsp;
use tower_lsp::lsp_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    MessageType, Registration, Url,
};

use super::server::Backend;
use super::state::State;
use crate::text::{Encoding, LineIndex};

/// `initialize`: what the client supports for settings, the workspace
/// root, and the settings in `initializationOptions`.
pub fn on_initialize(state: &State, params: &InitializeParams) {
    let caps = &params.capabilities;
    let workspace = caps.workspace.as_ref();
    let pull = workspace.and_then(|w| w.configuration).unwrap_or(false);
    let watch = workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    {
        let mut support = state.support.write().unwrap_or_else(|e| e.into_inner());
        let mut s = (**support).clone();
        s.workspace_configuration = pull;
        s.watched_files_dynamic = watch;
        *support = Arc::new(s);
    }
    let root = workspace_root(params);
    let mut store = state.settings.lock().unwrap_or_else(|e| e.into_inner());
    store.root = root;
    if let Some(options) = &params.initialization_options {
        let root = store.root.clone();
        store.set_editor(options, root.as_deref());
        store.editor_sent = !editor_section(options).is_null();
    }
}

#[allow(deprecated)]
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let from_folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| f.uri.to_file_path().ok());
    from_folder.or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()))
}

/// `initialized`: watch `.copydesk.toml` files when the client can, pull
/// the editor settings once when it can, and report settings problems.
pub async fn on_initialized(backend: &Backend) {
    let support = backend
        .state
        .support
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    if support.watched_files_dynamic {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", config::FILE_NAME)),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "copydesk-config-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = backend.client.register_capability(vec![registration]).await {
            backend
                .client
                .log_message(
                    MessageType::WARNING,
                    format!("copydesk could not watch its config files: {e}"),
                )
                .await;
        }
    }
    // Pull at start only when the client sent no initializationOptions: a
    // pulled section may carry every default of the editor's settings UI,
    // which would hide the project's .copydesk.toml.
    let sent = backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .editor_sent;
    if support.workspace_configuration && !sent {
        pull(backend).await;
        settings_changed(backend).await;
    } else {
        report_editor_errors(backend).await;
    }
}

/// `workspace/didChangeConfiguration`: pull the `copydesk` section when
/// the client supports it, else read the settings sent; then re-analyse.
pub async fn on_change_configuration(backend: &Backend, params: &DidChangeConfigurationParams) {
    let pulls = backend
        .state
        .support
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .workspace_configuration;
    // Settings sent with the notification are used as they are; a
    // notification without them (the pull model) makes the server ask.
    let sent = !editor_section(&params.settings).is_null();
    if pulls && !sent {
        pull(backend).await;
    } else {
        let mut store = backend
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let root = store.root.clone();
        store.set_editor(&params.settings, root.as_deref());
    }
    settings_changed(backend).await;
}

/// `workspace/didChangeWatchedFiles`: reload the config files that changed.
pub async fn on_watched_files(backend: &Backend, params: &DidChangeWatchedFilesParams) {
    let mut changed = Vec::new();
    for change in &params.changes {
        let Ok(path) = change.uri.to_file_path() else {
            continue;
        };
        if !is_config_path(&path) {
            continue;
        }
        let outcome = backend
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .reload(&path);
        if outcome == Reloaded::KeptLastGood {
            backend
                .client
                .log_message(
                    MessageType::WARNING,
                    format!(
                        "copydesk kept the last good settings: {} has errors",
                        path.display()
                    ),
                )
                .await;
        }
        changed.push(path);
    }
    if changed.is_empty() {
        return;
    }
    for path in &changed {
        publish_config_file(backend, path).await;
    }
    settings_changed(backend).await;
}

/// `didSave` of a config file: reload it (for clients that do not watch files).
pub async fn on_save(backend: &Backend, uri: &Url) {
    let Ok(path) = uri.to_file_path() else { return };
    if !is_config_path(&path) {
        return;
    }
    backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .reload(&path);
    publish_config_file(backend, &path).await;
    settings_changed(backend).await;
}

/// True when `uri` is a config file (open in the editor as a document).
pub fn is_config_uri(uri: &Url) -> bool {
    uri.to_file_path().is_ok_and(|p| is_config_path(&p))
}

/// Ask the client for the `copydesk` section and make it the editor layer.
async fn pull(backend: &Backend) {
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("copydesk".into()),
    }];
    match backend.client.configuration(items).await {
        Ok(values) => {
            let value = values.into_iter().next().unwrap_or(serde_json::Value::Null);
            // No copydesk settings in the editor: keep initializationOptions.
            if value.is_null() {
                return;
            }
            let mut store = backend
                .state
                .settings
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let root = store.root.clone();
            store.set_editor(&value, root.as_deref());
        }
        Err(e) => {
            backend
                .client
                .log_message(
                    MessageType::WARNING,
                    format!("copydesk could not read the editor settings: {e}"),
                )
                .await
        }
    }
}

async fn report_editor_errors(backend: &Backend) {
    let errors = backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .editor_errors
        .clone();
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        backend
            .client
            .show_message(MessageType::WARNING, list.join("\n"))
            .await;
    }
}

/// After any settings change: forget cached configs and analyses, re-apply
/// markup globs, publish every config file's problems and re-publish the
/// diagnostics of every open document.
pub async fn settings_changed(backend: &Backend) {
    report_editor_errors(backend).await;
    // The workspace config may name other knowledge bases.
    super::user_kb::reload(backend).await;
    super::user_kb::watch_knowledge_bases(backend).await;
    backend.state.forget_configs();
    for uri in backend.state.open_uris() {
        if is_config_uri(&uri) {
            continue;
        }
        backend.publish(uri).await;
    }
}

/// When a document opens: find its config file (reading it the first
/// time), apply markup globs, and publish the config file's problems.
pub async fn on_open(backend: &Backend, uri: &Url) {
    let Ok(path) = uri.to_file_path() else { return };
    let (file, first_time) = {
        let mut store = backend
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let file = store.file_for(&path);
        // Read maybe earlier (for the workspace's knowledgeBases) but not
        // published yet.
        let first_time = file.as_ref().is_some_and(|f| !store.published.contains(f));
        (file, first_time)
    };
    backend.state.apply_markup(uri, true);
    if let (Some(file), true) = (file, first_time) {
        publish_config_file(backend, &file).await;
    }
}

/// Publish the problems of a config file to its URI: from the editor
/// buffer when it is open there, else from the latest read.
pub async fn publish_config_file(backend: &Backend, path: &Path) {
    let Ok(uri) = Url::from_file_path(path) else {
        return;
    };
    let open_text = {
        let docs = backend.state.docs.lock().unwrap_or_else(|e| e.into_inner());
        docs.get(&uri)
            .map(|e| (e.doc.rope.to_string(), e.doc.version))
    };
    let (text, errors, version) = match open_text {
        Some((text, version)) => {
            let f = parse_file(path, &text);
            (text, f.errors, Some(version))
        }
        None => {
            let store = backend
                .state
                .settings
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match store.files.get(path) {
                Some(k) => (k.text.clone(), k.errors.clone(), None),
                None => (String::new(), Vec::new(), None),
            }
        }
    };
    let encoding = *backend
        .state
        .encoding
        .read()
        .unwrap_or_else(|e| e.into_inner());
    let diagnostics = to_lsp(&text, &errors, encoding);
    backend
        .state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .published
        .insert(path.to_path_buf());
    backend
        .client
        .publish_diagnostics(uri, diagnostics, version)
        .await;
}

/// Config errors as protocol diagnostics on the config file.
pub fn to_lsp(text: &str, errors: &[ConfigError], encoding: Encoding) -> Vec<lsp::Diagnostic> {
    let rope = ropey::Rope::from_str(text);
    let index = LineIndex::new(&rope);
    let pos = |offset: usize| {
        let p = index.position(offset.min(text.len()), encoding);
        lsp::Position {
            line: p.line,
            character: p.character,
        }
    };
    errors
        .iter()
        .map(|e| {
            let range = match &e.range {
                Some(r) => lsp::Range {
                    start: pos(r.start),
                    end: pos(r.end.max(r.start)),
                },
                None => lsp::Range::default(),
            };
            lsp::Diagnostic {
                range,
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String(format!(
                    "config-{}",
                    error_code(e.kind)
                ))),
                source: Some("copydesk".into()),
                message: e.message.clone(),
                ..Default::default()
            }
        })
        .collect()
}

fn error_code(kind: config::ErrorKind) -> &'static str {
    match kind {
        config::ErrorKind::Syntax => "syntax",
        config::ErrorKind::UnknownKey => "unknown-key",
        config::ErrorKind::UnknownRule => "unknown-rule",
        config::ErrorKind::BadType => "bad-type",
        config::ErrorKind::BadValue => "bad-value",
    }
}

/// Params of `copydesk/effectiveConfig`.
#[derive(serde::Deserialize)]
pub struct EffectiveConfigParams {
    #[serde(rename = "textDocument")]
    pub text_document: lsp::TextDocumentIdentifier,
}

impl Backend {
    /// `copydesk/effectiveConfig`: the settings that apply to a document and
    /// where each came from (`default`, `file` with path and line, or
    /// `editor`), the server's side of `copydesk config --print`.
    pub async fn effective_config(
        &self,
        params: EffectiveConfigParams,
    ) -> tower_lsp::jsonrpc::Result<Value> {
        let path = params.text_document.uri.to_file_path().ok();
        let mut store = self
            .state
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let file = path.as_deref().and_then(|p| store.file_for(p));
        let effective = store.effective(path.as_deref());
        Ok(serde_json::json!({
            "configFile": file.map(|f| f.display().to_string()),
            "settings": config::settings_json(&effective.config),
            "origins": effective.origins,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleLevel;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("copydesk-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        dir
    }

    #[test]
    fn nearest_file_then_editor_and_last_good_on_a_bad_reload() {
        let dir = temp_dir("store");
        let cfg = dir.join(".copydesk.toml");
        std::fs::write(
            &cfg,
            "quoteMinWords = 6\n[rules]\nunattributed-quote = \"error\"\n",
        )
        .unwrap();
        let doc = dir.join("sub").join("story.md");
        let mut store = Store::default();
        let e = store.effective(Some(&doc));
        assert_eq!(e.config.quote_min_words, 6);
        assert_eq!(e.config.rules["unattributed-quote"], RuleLevel::Error);

        store.set_editor(&serde_json::json!({"copydesk": {"quoteMinWords": 9}}), None);
        assert_eq!(store.effective(Some(&doc)).config.quote_min_words, 9);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Error
        );

        std::fs::write(&cfg, "[rules]\nunattributed-quote = \"hint").unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::KeptLastGood);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Error
        );
        assert!(!store.files[&cfg].errors.is_empty());

        std::fs::write(&cfg, "[rules]\nunattributed-quote = \"hint\"\nbogus = 1\n").unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::Applied);
        assert_eq!(
            store.effective(Some(&doc)).config.rules["unattributed-quote"],
            RuleLevel::Hint
        );
        assert_eq!(store.files[&cfg].errors.len(), 1);

        std::fs::remove_file(&cfg).unwrap();
        assert_eq!(store.reload(&cfg), Reloaded::Removed);
        assert!(!store
            .effective(Some(&doc))
            .config
            .rules
            .contains_key("unattributed-quote"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn workspace_knowledge_bases_resolve_against_the_file_or_the_root() {
        let dir = temp_dir("kbs");
        std::fs::write(
            dir.join(".copydesk.toml"),
            "knowledgeBases = [\"newsroom/actors.toml\", \"/abs/kb.toml\"]\n",
        )
        .unwrap();
        let mut store = Store::default();
        let roots = vec![dir.join("sub"), dir.clone()];
        assert_eq!(
            store.workspace_knowledge_bases(&roots),
            [
                dir.join("newsroom/actors.toml"),
                PathBuf::from("/abs/kb.toml")
            ]
        );
        // The editor settings replace the list; their paths start at the root.
        store.set_editor(
            &serde_json::json!({"knowledgeBases": ["desk.toml"]}),
            Some(&dir),
        );
        assert_eq!(
            store.workspace_knowledge_bases(&roots),
            [dir.join("desk.toml")]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
