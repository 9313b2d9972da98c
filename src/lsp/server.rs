//! The handler table: every request and notification copydesk serves.
//!
//! Notifications that change documents apply their edit synchronously,
//! before the handler's first `.await`: tower-lsp 0.20 runs up to four
//! handlers at once, so anything after an await may interleave with the
//! next edit. Requests take a [`Snapshot`] and call a feature module inside
//! `catch_unwind`, so a panic fails that request alone.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService};

use super::features;
use super::snapshot::Snapshot;
use super::state::{Entry, State};
use crate::markup::Markup;
use crate::text::document::PositionEdit;
use crate::text::{Document, Encoding, Position as TextPosition};

pub struct Backend {
    pub client: Client,
    pub state: Arc<State>,
}

pub fn build_service() -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::build(|client| Backend {
        client,
        state: Arc::new(State::default()),
    })
    .custom_method("copydesk/documentText", Backend::document_text)
    .finish()
}

#[derive(serde::Deserialize)]
pub struct DocumentTextParams {
    #[serde(rename = "textDocument")]
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    /// `copydesk/documentText`: the server's copy of a document and its
    /// version, so tests can prove the server's text equals the client's.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<Value> {
        let docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
        match docs.get(&params.text_document.uri) {
            Some(e) => {
                Ok(serde_json::json!({ "text": e.doc.rope.to_string(), "version": e.doc.version }))
            }
            None => Err(not_open(&params.text_document.uri)),
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

    pub(crate) async fn publish(&self, uri: Url) {
        if super::settings::is_config_uri(&uri) {
            if let Ok(path) = uri.to_file_path() {
                super::settings::publish_config_file(self, &path).await;
            }
            return;
        }
        let state = self.state.clone();
        let u = uri.clone();
        let computed = catch_unwind(AssertUnwindSafe(|| {
            state
                .snapshot(&u)
                .map(|s| (features::diagnostics::to_lsp(&s), s.version))
        }));
        match computed {
            Ok(Some((diags, version))) => {
                self.client
                    .publish_diagnostics(uri, diags, Some(version))
                    .await
            }
            Ok(None) => {}
            Err(panic) => {
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!(
                            "copydesk could not analyse {uri}: {}",
                            panic_message(&panic)
                        ),
                    )
                    .await
            }
        }
    }
}

fn not_open(uri: &Url) -> Error {
    Error::invalid_params(format!("{uri} is not open in copydesk"))
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".to_string())
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.iter().any(|e| e.as_str() == "utf-8") => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
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
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let markup = if td.language_id == "markdown" {
            Markup::Markdown
        } else {
            Markup::from_path_or_language(td.uri.path())
        };
        {
            let mut docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
            docs.insert(
                td.uri.clone(),
                Entry {
                    doc: Document::new(&td.text, td.version, markup),
                    analysis: None,
                },
            );
        }
        super::settings::on_open(self, &td.uri).await;
        self.publish(td.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
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
        let problem = {
            let mut docs = self.state.docs.lock().unwrap_or_else(|e| e.into_inner());
            match docs.get_mut(&uri) {
                None => Some(format!("ignored a change to {uri}, which is not open")),
                Some(entry) => match entry.doc.apply(&edits, encoding) {
                    Ok(()) => {
                        entry.doc.version = params.text_document.version;
                        entry.analysis = None;
                        None
                    }
                    Err(e) => Some(format!(
                        "ignored a change to {uri} (version {}): {e}",
                        params.text_document.version
                    )),
                },
            }
        };
        if let Some(msg) = problem {
            self.client.log_message(MessageType::ERROR, msg).await;
            return;
        }
        self.publish(uri).await;
    }

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
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
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
