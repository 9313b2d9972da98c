//! Publishing diagnostics off the notification path.
//!
//! Every open document gets one worker task. A notification that changes a
//! document calls [`Publisher::schedule`], which only wakes that worker (it
//! never awaits and never analyses), so edits keep their order and a burst
//! of keystrokes costs no analysis of its own. The worker analyses the
//! *latest* version on a blocking thread and publishes it with that
//! version:
//!
//! - when the document is at most one version past the last one analysed
//!   (an open, a keystroke after the last one's diagnostics), the worker
//!   analyses at once: those diagnostics wait for nothing but the analysis.
//!   When several versions came in since (a burst of edits, or typing faster
//!   than the analysis), it waits [`SETTLE`] for the burst to end first. A
//!   burst of edits while it waits or analyses leaves one wake-up behind it
//!   (a [`Notify`] keeps at most one permit), so 50 edits cost two or three
//!   analyses, not 50;
//! - diagnostics whose version was overtaken during the analysis are dropped,
//!   the newer version is analysed next, so an older version is never
//!   published after a newer one;
//! - the worker is the only task that publishes for its document, closing
//!   included, so the clearing on `didClose` cannot be overtaken by a late
//!   analysis. It exits once its document is closed and cleared.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tower_lsp::lsp_types::{MessageType, Url};
use tower_lsp::Client;

use super::features::diagnostics;
use super::state::State;

/// How long a worker lets a burst of edits settle before it analyses: the
/// burst is analysed once at its end, and the delay is below what a reader
/// notices.
pub const SETTLE: Duration = Duration::from_millis(15);

pub struct Publisher {
    client: Client,
    state: Arc<State>,
    workers: Mutex<HashMap<Url, Arc<Notify>>>,
}

impl Publisher {
    pub fn new(client: Client, state: Arc<State>) -> Arc<Publisher> {
        Arc::new(Publisher {
            client,
            state,
            workers: Mutex::new(HashMap::new()),
        })
    }

    /// Ask for `uri`'s diagnostics to be brought up to date (published when
    /// open, cleared when closed). Returns at once.
    pub fn schedule(self: &Arc<Self>, uri: &Url) {
        let mut workers = self.workers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(notify) = workers.get(uri) {
            notify.notify_one();
            return;
        }
        let notify = Arc::new(Notify::new());
        notify.notify_one();
        workers.insert(uri.clone(), notify.clone());
        tokio::spawn(self.clone().run(uri.clone(), notify));
    }

    /// Bring every open document's diagnostics up to date (after
    /// [`State::invalidate_analyses`]).
    pub fn schedule_all(self: &Arc<Self>) {
        for uri in self.state.open_uris() {
            self.schedule(&uri);
        }
    }

    async fn run(self: Arc<Self>, uri: Url, notify: Arc<Notify>) {
        // The version and epoch last published for this document, if any.
        let mut published: Option<(i32, u64)> = None;
        // The version of the last analysis computed, if any.
        let mut analysed: Option<i32> = None;
        loop {
            notify.notified().await;
            let behind = match (self.state.version(&uri), analysed) {
                (Some(now), Some(then)) => i64::from(now) - i64::from(then),
                _ => 0,
            };
            if behind > 1 {
                tokio::time::sleep(SETTLE).await;
            }
            // The analysis will be from this epoch or a newer one.
            let epoch = self.state.epoch.load(Ordering::SeqCst);
            let state = self.state.clone();
            let u = uri.clone();
            let computed = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| {
                    state
                        .snapshot(&u)
                        .map(|snap| (snap.version, diagnostics::to_lsp(&snap)))
                }))
            })
            .await;
            match computed {
                Ok(Ok(Some((version, diags)))) => {
                    analysed = Some(version);
                    if published == Some((version, epoch)) {
                        continue;
                    }
                    // Overtaken by an edit (which has already woken us): the
                    // newer version comes next.
                    if self.state.version(&uri) != Some(version) {
                        continue;
                    }
                    self.client
                        .publish_diagnostics(uri.clone(), diags, Some(version))
                        .await;
                    published = Some((version, epoch));
                }
                Ok(Ok(None)) => {
                    self.client
                        .publish_diagnostics(uri.clone(), Vec::new(), None)
                        .await;
                    published = None;
                    self.state.forget_analyzer(&uri);
                    let mut workers = self.workers.lock().unwrap_or_else(|e| e.into_inner());
                    // Reopened meanwhile: its didOpen woke us, keep serving it.
                    if !self.state.is_open(&uri) {
                        workers.remove(&uri);
                        return;
                    }
                }
                Ok(Err(panic)) => {
                    let msg = format!(
                        "copydesk could not analyse {uri}: {}",
                        super::server::panic_message(&panic)
                    );
                    eprintln!("{msg}");
                    self.client.log_message(MessageType::ERROR, msg).await;
                }
                Err(e) => {
                    // The blocking task was cancelled: the runtime is shutting down.
                    eprintln!("copydesk: analysis of {uri} stopped: {e}");
                    return;
                }
            }
        }
    }
}
