//! Server state: open documents with their cached analyses, the negotiated
//! encoding, the knowledge base, the config and what the client supports.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use tower_lsp::lsp_types::Url;

use super::settings::Store;
use super::snapshot::{ClientSupport, Snapshot};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::kb::KnowledgeBase;
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
    /// Set when the client sent `shutdown`; the process exits with status 0
    /// only if it was set before `exit` (LSP 3.17).
    pub shutdown: AtomicBool,
    /// Set once the built-in knowledge base is in `kb` (see [`State::kb`]).
    pub kb_ready: OnceLock<()>,
}

impl Default for State {
    fn default() -> Self {
        State {
            docs: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            kb: RwLock::new(Arc::new(KnowledgeBase::default())),
            config: RwLock::new(Arc::new(Config::default())),
            support: RwLock::new(Arc::new(ClientSupport::default())),
            roots: RwLock::new(Vec::new()),
            settings: Mutex::new(Store::default()),
            doc_configs: Mutex::new(HashMap::new()),
            base_markup: Mutex::new(HashMap::new()),
            shutdown: AtomicBool::new(false),
            kb_ready: OnceLock::new(),
        }
    }
}

impl State {
    /// A snapshot of `uri` with an analysis of its current version, computing
    /// it when the cached one is stale. `None` when the document is not open.
    pub fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        let (rope, version, markup, cached) = {
            let docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
            let entry = docs.get(uri)?;
            (
                entry.doc.rope.clone(),
                entry.doc.version,
                entry.doc.markup,
                entry.analysis.clone(),
            )
        };
        let kb = self.kb();
        let config = self.config_for(uri);
        let (text, analysis) = match cached {
            Some((v, text, analysis)) if v == version => (text, analysis),
            _ => {
                let text: Arc<str> = Arc::from(rope.to_string());
                let analysis = Arc::new(crate::analyze(&text, markup, &kb, &config));
                let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(entry) = docs.get_mut(uri) {
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

    /// The knowledge base analyses use. The first call puts the built-in base
    /// in `kb` (decoding it and building its automaton) unless a base has been
    /// set already; callers that come meanwhile wait for it. `initialize`
    /// starts that first call on a background thread ([`State::warm_up_kb`]),
    /// so its reply does not wait and the first document usually does not.
    pub fn kb(&self) -> Arc<KnowledgeBase> {
        self.kb_ready.get_or_init(|| {
            let mut kb = self.kb.write().unwrap_or_else(|e| e.into_inner());
            if kb.is_empty() {
                *kb = Arc::new(KnowledgeBase::builtin().clone());
            }
        });
        self.kb.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Build the knowledge base on a background thread.
    pub fn warm_up_kb(self: &Arc<Self>) {
        let state = self.clone();
        let spawned = std::thread::Builder::new()
            .name("copydesk-kb".into())
            .spawn(move || {
                state.kb();
            });
        if let Err(e) = spawned {
            // The first request builds it instead.
            eprintln!("copydesk: could not start the knowledge-base thread: {e}");
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
        let path = uri.to_file_path().ok();
        let config = self
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .config_for(path.as_deref());
        self.doc_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(uri.clone(), config.clone());
        config
    }

    /// Settings changed: drop every cached config and analysis, refresh the
    /// fallback config and re-apply `markup` globs.
    pub fn forget_configs(&self) {
        self.doc_configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let fallback = self
            .settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .config_for(None);
        *self.config.write().unwrap_or_else(|e| e.into_inner()) = fallback;
        for uri in self.open_uris() {
            if let Some(entry) = self
                .docs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get_mut(&uri)
            {
                entry.analysis = None;
            }
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
