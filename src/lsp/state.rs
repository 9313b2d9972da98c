//! Server state: open documents with their cached analyses, the negotiated
//! encoding, the knowledge base, the config and what the client supports.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use tower_lsp::lsp_types::Url;

use super::snapshot::{ClientSupport, Snapshot};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::kb::KnowledgeBase;
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
}

impl Default for State {
    fn default() -> Self {
        State {
            docs: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            kb: RwLock::new(Arc::new(KnowledgeBase::builtin().clone())),
            config: RwLock::new(Arc::new(Config::default())),
            support: RwLock::new(Arc::new(ClientSupport::default())),
            roots: RwLock::new(Vec::new()),
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
            (entry.doc.rope.clone(), entry.doc.version, entry.doc.markup, entry.analysis.clone())
        };
        let kb = self.kb.read().unwrap_or_else(|e| e.into_inner()).clone();
        let config = self.config.read().unwrap_or_else(|e| e.into_inner()).clone();
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
            support: self.support.read().unwrap_or_else(|e| e.into_inner()).clone(),
        })
    }

    pub fn open_uris(&self) -> Vec<Url> {
        self.docs.lock().unwrap_or_else(|e| e.into_inner()).keys().cloned().collect()
    }
}
