//! Server state: open documents with their cached analyses, the negotiated
//! encoding, the knowledge base, the config and what the client supports.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, TryLockError};

use tower_lsp::lsp_types::Url;

use super::settings::Store;
use super::snapshot::{ClientSupport, Snapshot};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::incremental::Analyzer;
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
    /// The incremental analysis of each open document: what its earlier
    /// versions computed, for the next version to reuse (see
    /// [`State::analyze`]). Dropped when the document is closed
    /// ([`State::forget_analyzer`]) and when the knowledge base or the
    /// config changes ([`State::invalidate_analyses`]).
    pub analyzers: Mutex<HashMap<Url, Arc<Mutex<Analyzer>>>>,
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
            analyzers: Mutex::new(HashMap::new()),
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
                let analysis = Arc::new(self.analyze(uri, &text, markup, &kb, &config));
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

    /// The analysis of `text`, a version of `uri`, through the document's
    /// incremental analyzer. Never waits and never fails because of it: when
    /// another thread is using the analyzer, this version is analysed from
    /// scratch; when it was poisoned, or the incremental analysis panics,
    /// the analyzer is emptied and this version analysed from scratch.
    fn analyze(
        &self,
        uri: &Url,
        text: &str,
        markup: Markup,
        kb: &Arc<KnowledgeBase>,
        config: &Arc<Config>,
    ) -> Analysis {
        let analyzer = self
            .analyzers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(uri.clone())
            .or_default()
            .clone();
        let mut guard = match analyzer.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(e)) => {
                let mut guard = e.into_inner();
                guard.clear();
                analyzer.clear_poison();
                guard
            }
            Err(TryLockError::WouldBlock) => return crate::analyze(text, markup, kb, config),
        };
        let incremental = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            guard.analyze(text, markup, kb, config)
        }));
        match incremental {
            Ok(analysis) => analysis,
            Err(panic) => {
                guard.clear();
                drop(guard);
                eprintln!(
                    "copydesk: the incremental analysis of {uri} failed ({}); analysing it from scratch",
                    super::server::panic_message(&panic)
                );
                crate::analyze(text, markup, kb, config)
            }
        }
    }

    /// Drop the incremental analyzer of `uri` once it is closed.
    pub fn forget_analyzer(&self, uri: &Url) {
        // Not holding `analyzers` while `docs` is locked: `invalidate_analyses`
        // takes them in the other order. A reopening in between only costs
        // the new document its first reuse.
        if !self.is_open(uri) {
            self.analyzers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(uri);
        }
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
        self.analyzers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
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

    fn set_text(state: &State, uri: &Url, text: &str, version: i32) {
        let mut docs = state.docs.lock().unwrap();
        let entry = docs.get_mut(uri).unwrap();
        entry.doc.rope = ropey::Rope::from_str(text);
        entry.doc.version = version;
    }

    fn analyzer_stats(state: &State, uri: &Url) -> crate::incremental::Stats {
        state.analyzers.lock().unwrap()[uri].lock().unwrap().stats()
    }

    #[test]
    fn new_versions_reuse_the_paragraphs_an_edit_did_not_touch() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let one = "“It will grow,” said Fawaz Gerges.\n\nMore text.\n\nThe end.";
        let two = "“It will grow,” said Fawaz Gerges.\n\nMore texts.\n\nThe end.";
        let state = state_with(&uri, one, 1);
        state.snapshot(&uri).unwrap();
        set_text(&state, &uri, two, 2);
        let snap = state.snapshot(&uri).unwrap();
        let stats = analyzer_stats(&state, &uri);
        assert_eq!((stats.chunks_reused, stats.chunks_computed), (2, 1));
        let scratch = crate::analyze(two, Markup::PlainText, &snap.kb, &snap.config);
        assert_eq!(
            serde_json::to_value(&*snap.analysis).unwrap(),
            serde_json::to_value(&scratch).unwrap()
        );
        // The knowledge base or config changed: nothing is reused.
        state.invalidate_analyses();
        state.snapshot(&uri).unwrap();
        assert_eq!(analyzer_stats(&state, &uri).chunks_reused, 0);
        // Closed: the analyzer goes.
        state.docs.lock().unwrap().remove(&uri);
        state.forget_analyzer(&uri);
        assert!(state.analyzers.lock().unwrap().is_empty());
    }

    #[test]
    fn a_poisoned_analyzer_is_emptied_and_never_blocks() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let state = state_with(&uri, "One.\n\nTwo.", 1);
        state.snapshot(&uri).unwrap();
        let analyzer = state.analyzers.lock().unwrap()[&uri].clone();
        let poisoner = analyzer.clone();
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.lock().unwrap();
            panic!("poison the analyzer");
        })
        .join();
        assert!(analyzer.is_poisoned());
        set_text(&state, &uri, "One.\n\nTwo!", 2);
        let snap = state.snapshot(&uri).unwrap();
        assert_eq!(snap.analysis.paragraphs.len(), 2);
        assert!(!analyzer.is_poisoned());
        // Emptied: the unchanged paragraph was computed again.
        assert_eq!(analyzer_stats(&state, &uri).chunks_reused, 0);
        // Held by another thread: this version is analysed from scratch
        // without waiting.
        let held = analyzer.lock().unwrap();
        set_text(&state, &uri, "One.\n\nTwo?", 3);
        let snap = state.snapshot(&uri).unwrap();
        assert_eq!(&*snap.text, "One.\n\nTwo?");
        drop(held);
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
