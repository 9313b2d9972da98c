//! Server state: open documents with their cached analyses, the negotiated
//! encoding, the knowledge base, the config and what the client supports.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tower_lsp::lsp_types::Url;

use super::settings::Store;
use super::snapshot::{ClientSupport, Snapshot};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::kb::{Actor, KnowledgeBase};
use crate::markup::Markup;
use crate::text::{Document, Encoding};

pub struct Entry {
    pub doc: Document,
    /// The analysis of `doc` at the version it names, when computed.
    pub analysis: Option<(i32, Arc<str>, Arc<Analysis>)>,
}

pub struct State {
    pub docs: Mutex<HashMap<Url, Entry>>,
    pub encoding: RwLock<Encoding>,
    pub kb: RwLock<Arc<KnowledgeBase>>,
    /// User actors to layer over the built-in base before the next analysis,
    /// while the built-in base is still being built on its background
    /// thread (see [`State::set_user_actors`]). The first snapshot waits.
    pub pending_kb: Mutex<Option<Vec<Actor>>>,
    pub config: RwLock<Arc<Config>>,
    pub support: RwLock<Arc<ClientSupport>>,
    pub roots: RwLock<Vec<PathBuf>>,
    /// Editor settings and config files (see `settings.rs`).
    pub settings: Mutex<Store>,
    /// The effective config of each open document, once computed.
    pub doc_configs: Mutex<HashMap<Url, Arc<Config>>>,
    /// The markup each document opened with (from its language id), before
    /// `markup` globs.
    pub base_markup: Mutex<HashMap<Url, Markup>>,
    /// Bumped when the settings change, before cached analyses are dropped.
    /// Set when the client sent `shutdown`; the process exits with status 0
    /// only if it was set before `exit` (LSP 3.17).
    pub shutdown: AtomicBool,
    /// How many analyses this server has run (for tests and benchmarks:
    /// bursts of edits must not cost one analysis each).
    pub analyses: AtomicU64,
    /// Bumped by [`State::invalidate_analyses`] when the knowledge base or
    /// the config changes: analyses from an older epoch are not cached.
    pub epoch: AtomicU64,
}

impl Default for State {
    /// Starts building the built-in knowledge base on a background thread:
    /// `initialize` answers at once, and the first analysis waits for it.
    fn default() -> Self {
        if !KnowledgeBase::builtin_ready() {
            let spawned = std::thread::Builder::new()
                .name("copydesk-kb".into())
                .spawn(|| {
                    KnowledgeBase::builtin();
                });
            // Without a thread the first snapshot builds it.
            drop(spawned);
        }
        State {
            docs: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            kb: RwLock::new(Arc::new(KnowledgeBase::default())),
            pending_kb: Mutex::new(Some(Vec::new())),
            config: RwLock::new(Arc::new(Config::default())),
            support: RwLock::new(Arc::new(ClientSupport::default())),
            roots: RwLock::new(Vec::new()),
            settings: Mutex::new(Store::default()),
            doc_configs: Mutex::new(HashMap::new()),
            base_markup: Mutex::new(HashMap::new()),
            shutdown: AtomicBool::new(false),
            analyses: AtomicU64::new(0),
            epoch: AtomicU64::new(0),
        }
    }
}

impl State {
    /// Layer `user` actors over the built-in base: at once when the built-in
    /// base is ready, otherwise before the next analysis (which waits for
    /// the background build). Cached analyses are dropped either way.
    pub fn set_user_actors(&self, user: Vec<Actor>) {
        {
            let mut pending = self.pending_kb.lock().unwrap_or_else(|e| e.into_inner());
            if KnowledgeBase::builtin_ready() {
                *pending = None;
                *self.kb.write().unwrap_or_else(|e| e.into_inner()) =
                    Arc::new(KnowledgeBase::builtin_with(user));
            } else {
                *pending = Some(user);
            }
        }
        self.invalidate_analyses();
    }

    /// The knowledge base for an analysis, waiting for the built-in base
    /// when a layering is pending.
    pub fn knowledge_base(&self) -> Arc<KnowledgeBase> {
        {
            let mut pending = self.pending_kb.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(user) = pending.take() {
                *self.kb.write().unwrap_or_else(|e| e.into_inner()) =
                    Arc::new(KnowledgeBase::builtin_with(user));
            }
        }
        self.kb.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A snapshot of `uri` with an analysis of its current version, computing
    /// it when the cached one is stale. `None` when the document is not open.
    pub fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        let (rope, version, markup, cached, epoch) = {
            let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            let entry = docs.get(uri)?;
            (
                entry.doc.rope.clone(),
                entry.doc.version,
                entry.doc.markup,
                entry.analysis.clone(),
                self.epoch.load(Ordering::SeqCst),
            )
        };
        let kb = self.knowledge_base();
        let config = self.config_for(uri);
        let (text, analysis) = match cached {
            Some((v, text, analysis)) if v == version => (text, analysis),
            _ => {
                let text: Arc<str> = Arc::from(rope.to_string());
                let analysis = Arc::new(crate::analyze(&text, markup, &kb, &config));
                self.analyses.fetch_add(1, Ordering::Relaxed);
                let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
                // Not when the kb or config changed meanwhile: this analysis
                // may have used the old ones.
                if let Some(entry) = docs
                    .get_mut(uri)
                    .filter(|_| self.epoch.load(Ordering::SeqCst) == epoch)
                {
                    if entry.doc.version == version {
                        entry.analysis = Some((version, text.clone(), analysis.clone()));
                    }
                }
                (text, analysis)
            }
        };
        Some(Snapshot {
            uri: uri.clone(),
            version,
            text,
            rope,
            analysis,
            encoding: *self.encoding.read().unwrap_or_else(|e| e.into_inner()),
            kb,
            config,
            support: self
                .support
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        })
    }

    /// Forget every cached analysis, after the knowledge base or the config
    /// changed (replace them first); then
    /// [`Publisher::schedule_all`](super::publisher::Publisher::schedule_all)
    /// republishes.
    pub fn invalidate_analyses(&self) {
        let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        self.epoch.fetch_add(1, Ordering::SeqCst);
        for entry in docs.values_mut() {
            entry.analysis = None;
        }
    }

    /// The effective config of `uri`: default < nearest `.copydesk.toml`
    /// < editor settings. Documents that are not files get the editor
    /// settings over the defaults.
    pub fn config_for(&self, uri: &Url) -> Arc<Config> {
        if let Some(c) = self
            .doc_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri)
        {
            return c.clone();
        }
        let epoch = self.epoch.load(Ordering::SeqCst);
        let path = uri.to_file_path().ok();
        let config = self
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .config_for(path.as_deref());
        let mut configs = self.doc_configs.lock().unwrap_or_else(|e| e.into_inner());
        // Settings that changed while this config was computed may have
        // made it stale: use it once, do not keep it.
        if self.epoch.load(Ordering::SeqCst) == epoch {
            configs.insert(uri.clone(), config.clone());
        }
        config
    }

    /// Settings changed: drop every cached config and analysis, refresh the
    /// fallback config and re-apply `markup` globs.
    pub fn forget_configs(&self) {
        let fallback = self
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .config_for(None);
        *self.config.write().unwrap_or_else(|e| e.into_inner()) = fallback;
        {
            // Cleared and a new epoch in one step (see `config_for`): the
            // worker republishes at the same version, and no config or
            // analysis computed from the old settings is kept.
            let mut configs = self.doc_configs.lock().unwrap_or_else(|e| e.into_inner());
            configs.clear();
            self.invalidate_analyses();
        }
        for uri in self.open_uris() {
            self.apply_markup(&uri, false);
        }
    }

    /// Give `uri` the markup its config's `markup` globs assign, or the one
    /// it opened with. `opened`: the document was just opened, so its
    /// current markup is the one from its language id.
    pub fn apply_markup(&self, uri: &Url, opened: bool) {
        let Ok(path) = uri.to_file_path() else { return };
        let config = self.config_for(uri);
        let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = docs.get_mut(uri) else {
            return;
        };
        let mut base = self.base_markup.lock().unwrap_or_else(|e| e.into_inner());
        if opened {
            base.insert(uri.clone(), entry.doc.markup);
        }
        let base = *base.entry(uri.clone()).or_insert(entry.doc.markup);
        let markup = config.markup_for(&path.to_string_lossy()).unwrap_or(base);
        if markup != entry.doc.markup {
            entry.doc.markup = markup;
            // Same version, new analysis: a new epoch (see `snapshot`).
            self.epoch.fetch_add(1, Ordering::SeqCst);
            entry.analysis = None;
        }
    }

    /// Whether `uri` is open.
    pub fn is_open(&self, uri: &Url) -> bool {
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(uri)
    }

    /// The version of `uri`, when it is open.
    pub fn version(&self, uri: &Url) -> Option<i32> {
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri)
            .map(|e| e.doc.version)
    }

    pub fn open_uris(&self) -> Vec<Url> {
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Markup;

    fn state_with(uri: &Url, text: &str, version: i32) -> State {
        let state = State::default();
        state.docs.lock().unwrap().insert(
            uri.clone(),
            Entry {
                doc: Document::new(text, version, Markup::PlainText),
                analysis: None,
            },
        );
        state
    }

    #[test]
    fn snapshots_reuse_the_analysis_of_the_same_version() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let state = state_with(&uri, "One paragraph.\n\nTwo.", 3);
        let first = state.snapshot(&uri).unwrap();
        let second = state.snapshot(&uri).unwrap();
        assert_eq!((first.version, second.version), (3, 3));
        assert!(Arc::ptr_eq(&first.analysis, &second.analysis));
        assert_eq!(state.analyses.load(Ordering::Relaxed), 1);
        assert_eq!(first.analysis.paragraphs.len(), 2);
        // A new version is analysed anew.
        {
            let mut docs = state.docs.lock().unwrap();
            let entry = docs.get_mut(&uri).unwrap();
            entry.doc.rope = ropey::Rope::from_str("Only one.");
            entry.doc.version = 4;
            entry.analysis = None;
        }
        let third = state.snapshot(&uri).unwrap();
        assert_eq!((third.version, &*third.text), (4, "Only one."));
        assert_eq!(third.analysis.paragraphs.len(), 1);
        assert_eq!(state.analyses.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn invalidation_forces_a_new_analysis() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let state = state_with(&uri, "Text.", 1);
        let before = state.snapshot(&uri).unwrap();
        state.invalidate_analyses();
        let after = state.snapshot(&uri).unwrap();
        assert!(!Arc::ptr_eq(&before.analysis, &after.analysis));
        assert_eq!(state.analyses.load(Ordering::Relaxed), 2);
        assert_eq!(state.epoch.load(Ordering::SeqCst), 1);
        assert!(state
            .snapshot(&Url::parse("file:///closed.txt").unwrap())
            .is_none());
    }
}
