//! The handler table: every request and notification copydesk serves.
//!
//! Notifications that change documents apply their edit synchronously,
//! before the handler's first `.await`: tower-lsp 0.20 runs up to four
//! handlers at once (`buffer_unordered(4)`, ebkalderon/tower-lsp#284), but it
//! polls them from one task in the order they arrived, so an edit applied
//! before any `.await` is applied in the client's order. A change whose
//! version is not newer than the document's, or whose range falls outside
//! it, is refused and logged, and the document is left as it was.
//! Diagnostics are published by a [`Publisher`] worker, never by the
//! notification handler itself.
//!
//! Requests take a [`Snapshot`] and call a feature module inside
//! `catch_unwind`, so a panic fails that request alone; notifications run
//! their synchronous part inside `catch_unwind` too.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService};

use super::features;
use super::publisher::Publisher;
use super::snapshot::{ClientSupport, Snapshot};
use super::state::{Entry, State};
use crate::markup::Markup;
use crate::text::document::PositionEdit;
use crate::text::{Document, Encoding, Position as TextPosition};

pub struct Backend {
    pub client: Client,
    pub state: Arc<State>,
    pub publisher: Arc<Publisher>,
}

pub fn build_service() -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::build(|client| {
        let state = Arc::new(State::default());
        let publisher = Publisher::new(client.clone(), state.clone());
        Backend {
            client,
            state,
            publisher,
        }
    })
    .custom_method("copydesk/documentText", Backend::document_text)
    .custom_method("copydesk/testPanic", Backend::test_panic)
    .custom_method(
        "copydesk/testPanicNotification",
        Backend::test_panic_notification,
    )
    .custom_method("copydesk/effectiveConfig", Backend::effective_config)
    .finish()
}

#[derive(serde::Deserialize)]
pub struct DocumentTextParams {
    #[serde(rename = "textDocument")]
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    /// `copydesk/documentText`: the server's copy of a document and its
    /// version, so tests can prove the server's text equals the client's;
    /// `analyses` counts the analyses the server has run so far (all
    /// documents).
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<Value> {
        let docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
        match docs.get(&params.text_document.uri) {
            Some(e) => Ok(serde_json::json!({
                "text": e.doc.rope.to_string(),
                "version": e.doc.version,
                "analyses": self.state.analyses.load(std::sync::atomic::Ordering::Relaxed),
            })),
            None => Err(not_open(&params.text_document.uri)),
        }
    }

    /// `copydesk/testPanic` (request) panics inside the same guard as every
    /// feature request, to prove a panic fails that request alone. Served
    /// only when the server was started with `COPYDESK_TEST_HOOKS=1`.
    pub async fn test_panic(&self, params: DocumentTextParams) -> Result<Value> {
        if !test_hooks() {
            return Err(Error::method_not_found());
        }
        fn boom(_: &Snapshot, _: &DocumentTextParams) -> Option<Value> {
            panic!("copydesk/testPanic")
        }
        self.feature(&params.text_document.uri.clone(), &params, boom)
            .map(|v| v.unwrap_or(Value::Null))
    }

    /// `copydesk/testPanicNotification`: panics inside the same guard as the
    /// document notifications (with `COPYDESK_TEST_HOOKS=1` only).
    pub async fn test_panic_notification(&self, _params: Value) {
        if !test_hooks() {
            return;
        }
        if let Err(msg) = self.guarded("copydesk/testPanicNotification", || -> () {
            panic!("copydesk/testPanicNotification")
        }) {
            self.log(MessageType::ERROR, msg).await;
        }
    }

    /// Run a feature handler on a snapshot, turning a panic into an error reply.
    fn feature<P, R>(
        &self,
        uri: &Url,
        params: &P,
        f: fn(&Snapshot, &P) -> Option<R>,
    ) -> Result<Option<R>> {
        let state = self.state.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            state.snapshot(uri).map(|snap| f(&snap, params))
        }));
        match outcome {
            Ok(Some(r)) => Ok(r),
            Ok(None) => Err(not_open(uri)),
            Err(panic) => {
                let msg = panic_message(&panic);
                eprintln!("copydesk: request on {uri} failed: {msg}");
                Err(Error {
                    code: tower_lsp::jsonrpc::ErrorCode::InternalError,
                    message: format!("copydesk failed on this request: {msg}").into(),
                    data: None,
                })
            }
        }
    }

    /// Run the synchronous part of a notification handler, turning a panic
    /// into a logged error. `what` names the notification in the message.
    fn guarded<R>(&self, what: &str, f: impl FnOnce() -> R) -> std::result::Result<R, String> {
        catch_unwind(AssertUnwindSafe(f))
            .map_err(|panic| format!("copydesk failed on {what}: {}", panic_message(&panic)))
    }

    /// Publish diagnostics for `uri`: a `.copydesk.toml` gets its config
    /// problems; an article is scheduled with the [`Publisher`].
    pub(crate) async fn publish(&self, uri: Url) {
        if super::settings::is_config_uri(&uri) {
            if let Ok(path) = uri.to_file_path() {
                super::settings::publish_config_file(self, &path).await;
            }
            return;
        }
        self.publisher.schedule(&uri);
    }

    /// Log to standard error and to the client's log (window/logMessage);
    /// never a message box: nothing is asked of the user.
    pub async fn log(&self, typ: MessageType, message: String) {
        eprintln!("copydesk: {message}");
        self.client.log_message(typ, message).await;
    }

    /// Apply a didChange to the document store, synchronously. `Err` is the
    /// reason the change was refused; the document is then unchanged.
    fn apply_change(&self, params: DidChangeTextDocumentParams) -> std::result::Result<(), String> {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let encoding = *self
            .state
            .encoding
            .read()
            .unwrap_or_else(|e| e.into_inner());
        let edits: Vec<PositionEdit> = params
            .content_changes
            .into_iter()
            .map(|c| PositionEdit {
                range: c.range.map(|r| {
                    (
                        TextPosition {
                            line: r.start.line,
                            character: r.start.character,
                        },
                        TextPosition {
                            line: r.end.line,
                            character: r.end.character,
                        },
                    )
                }),
                text: c.text,
            })
            .collect();
        let mut docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = docs.get_mut(&uri) else {
            return Err(format!("ignored a change to {uri}, which is not open"));
        };
        if version <= entry.doc.version {
            return Err(format!(
                "ignored a change to {uri}: it is for version {version}, but the document is already at version {}",
                entry.doc.version
            ));
        }
        entry.doc.apply(&edits, encoding).map_err(|e| {
            format!(
                "ignored a change to {uri} (version {version}, document left at version {}): {e}",
                entry.doc.version
            )
        })?;
        entry.doc.version = version;
        let stale = entry.analysis.take();
        drop(docs);
        // The last version's analysis: on a long document, many small
        // allocations (1-4 ms to free for 1 MiB), freed on the pool
        // rather than on the way to this version's diagnostics.
        if let Some(stale) = stale.filter(|(_, text, _)| crate::analysis::is_long(text)) {
            rayon::spawn(move || drop(stale));
        }
        Ok(())
    }
}

/// Whether the hidden test hooks are served (`COPYDESK_TEST_HOOKS=1`).
fn test_hooks() -> bool {
    std::env::var_os("COPYDESK_TEST_HOOKS").is_some_and(|v| v == "1")
}

fn not_open(uri: &Url) -> Error {
    Error::invalid_params(format!("{uri} is not open in copydesk"))
}

pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".to_string())
}

/// LSP 3.17 `positionEncoding`: utf-8 when the client offers it (no
/// conversion at all); else utf-16 when offered, or when nothing is offered
/// (the protocol's default); else the first encoding offered that copydesk
/// knows (a client offering only utf-32 gets utf-32).
pub fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered: Vec<Encoding> = match params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
    {
        None => return Encoding::Utf16,
        Some(list) => list
            .iter()
            .filter_map(|e| Encoding::from_lsp(e.as_str()))
            .collect(),
    };
    if offered.contains(&Encoding::Utf8) {
        Encoding::Utf8
    } else if offered.contains(&Encoding::Utf16) || offered.is_empty() {
        Encoding::Utf16
    } else {
        offered[0]
    }
}

/// What the client supports, from its capabilities.
pub fn client_support(caps: &ClientCapabilities) -> ClientSupport {
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    ClientSupport {
        hierarchical_symbols: td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|s| s.hierarchical_document_symbol_support)
            .unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        markdown_hover: td
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| f.contains(&MarkupKind::Markdown)),
        workspace_configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        watched_files_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
    }
}

/// The workspace roots: the workspace folders, else the root URI, else the
/// (deprecated) root path. Only `file:` URIs count.
#[allow(deprecated)]
pub fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = params.workspace_folders.as_ref().filter(|f| !f.is_empty()) {
        return folders
            .iter()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
    }
    if let Some(uri) = &params.root_uri {
        return uri.to_file_path().ok().into_iter().collect();
    }
    params.root_path.iter().map(PathBuf::from).collect()
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        *self
            .state
            .encoding
            .write()
            .unwrap_or_else(|e| e.into_inner()) = encoding;
        *self
            .state
            .support
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Arc::new(client_support(&params.capabilities));
        *self.state.roots.write().unwrap_or_else(|e| e.into_inner()) = workspace_roots(&params);
        super::settings::on_initialize(&self.state, &params);
        super::user_kb::on_initialize(self, &params).await;
        Ok(InitializeResult {
            capabilities: super::capabilities::server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _params: InitializedParams) {
        super::settings::on_initialized(self).await;
        super::user_kb::on_initialized(self).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        super::settings::on_change_configuration(self, &params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        super::settings::on_watched_files(self, &params).await;
        super::user_kb::on_watched_files(self, &params).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let uri = td.uri.clone();
        let opened = self.guarded("didOpen", || {
            let markup = if td.language_id == "markdown" {
                Markup::Markdown
            } else {
                Markup::from_path_or_language(td.uri.path())
            };
            let mut docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
            docs.insert(
                td.uri,
                Entry {
                    doc: Document::new(&td.text, td.version, markup),
                    analysis: None,
                },
            )
            .is_some()
        });
        match opened {
            Ok(reopened) => {
                super::settings::on_open(self, &uri).await;
                self.publish(uri.clone()).await;
                if reopened {
                    self.log(
                        MessageType::WARNING,
                        format!("{uri} was opened again; its text was replaced"),
                    )
                    .await;
                }
            }
            Err(msg) => self.log(MessageType::ERROR, msg).await,
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        match self.guarded("didChange", || self.apply_change(params)) {
            Ok(Ok(())) => self.publish(uri.clone()).await,
            Ok(Err(msg)) | Err(msg) => self.log(MessageType::ERROR, msg).await,
        }
    }

    /// Nothing to do: copydesk analyses the editor's text, which saving
    /// does not change.
    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        super::settings::on_save(self, &params.text_document.uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state
            .docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        // The worker clears the diagnostics, after any analysis in flight.
        self.publisher.schedule(&uri);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.feature(&uri, &params, features::hover::handle)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.feature(&uri, &params, features::definition::handle)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.feature(&uri, &params, features::references::handle)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.feature(&uri, &params, features::highlight::handle)
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::prepare_rename::handle)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.feature(&uri, &params, features::rename::handle)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::code_action::handle)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::inlay_hint::handle)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::document_symbol::handle)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::folding_range::handle)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::code_lens::handle)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri.clone();
        self.feature(&uri, &params, features::semantic_tokens::handle)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        let open: Vec<Snapshot> = self
            .state
            .open_uris()
            .iter()
            .filter_map(|u| self.state.snapshot(u))
            .collect();
        let roots = self
            .state
            .roots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match catch_unwind(AssertUnwindSafe(|| {
            features::workspace_symbol::handle(&open, &roots, &params)
        })) {
            Ok(r) => Ok(r),
            Err(p) => Err(Error {
                code: tower_lsp::jsonrpc::ErrorCode::InternalError,
                message: panic_message(&p).into(),
                data: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(json: serde_json::Value) -> InitializeParams {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn encoding_prefers_utf8_then_utf16_then_the_first_known() {
        let offer = |list: serde_json::Value| {
            negotiate_encoding(&params(serde_json::json!({
                "capabilities": {"general": {"positionEncodings": list}}
            })))
        };
        assert_eq!(
            offer(serde_json::json!(["utf-32", "utf-8"])),
            Encoding::Utf8
        );
        assert_eq!(
            offer(serde_json::json!(["utf-32", "utf-16"])),
            Encoding::Utf16
        );
        assert_eq!(offer(serde_json::json!(["utf-32"])), Encoding::Utf32);
        assert_eq!(offer(serde_json::json!(["ebcdic"])), Encoding::Utf16);
        assert_eq!(offer(serde_json::json!([])), Encoding::Utf16);
        assert_eq!(
            negotiate_encoding(&params(serde_json::json!({"capabilities": {}}))),
            Encoding::Utf16
        );
    }

    #[test]
    fn client_support_is_read_from_the_capabilities() {
        let p = params(serde_json::json!({"capabilities": {
            "textDocument": {
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                "publishDiagnostics": {"relatedInformation": true},
                "hover": {"contentFormat": ["plaintext", "markdown"]}
            },
            "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}
        }}));
        let s = client_support(&p.capabilities);
        assert!(s.hierarchical_symbols && s.related_information && s.markdown_hover);
        assert!(s.workspace_configuration && s.watched_files_dynamic);
        let none = client_support(&params(serde_json::json!({"capabilities": {}})).capabilities);
        assert!(!none.hierarchical_symbols && !none.related_information && !none.markdown_hover);
        assert!(!none.workspace_configuration && !none.watched_files_dynamic);
    }

    #[test]
    fn roots_come_from_folders_else_the_root_uri() {
        let p = params(serde_json::json!({
            "capabilities": {},
            "rootUri": "file:///news",
            "workspaceFolders": [{"uri": "file:///desk/a", "name": "a"}, {"uri": "file:///desk/b", "name": "b"}]
        }));
        assert_eq!(
            workspace_roots(&p),
            vec![PathBuf::from("/desk/a"), PathBuf::from("/desk/b")]
        );
        let p = params(serde_json::json!({"capabilities": {}, "rootUri": "file:///news"}));
        assert_eq!(workspace_roots(&p), vec![PathBuf::from("/news")]);
        let p = params(serde_json::json!({"capabilities": {}, "rootUri": null}));
        assert!(workspace_roots(&p).is_empty());
    }
}
