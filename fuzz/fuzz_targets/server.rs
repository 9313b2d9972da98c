//! The language server in process, driven as an editor would with arbitrary
//! documents, edits and requests at arbitrary positions: initialize in one
//! of the three position encodings, open a plain-text or Markdown document,
//! then any sequence of incremental and whole changes, hover, definition,
//! references, highlights, prepareRename and rename, code actions, inlay
//! hints, symbols, folding ranges, code lenses, semantic tokens, workspace
//! symbols, close and reopen. Every request is answered, with a result or
//! a JSON-RPC error; no handler panics (libfuzzer-sys aborts on any panic,
//! also one the server's `catch_unwind` would have turned into an error);
//! and at the end the server's copy of the document is the one the
//! editor's edits make (applied here to a `String` by the same positions).
#![no_main]
use arbitrary::Arbitrary;
use futures::StreamExt;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::Request;

use copydesk::text::{Encoding, LineIndex};

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Pos {
    line: u8,
    character: u16,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Change { start: Pos, end: Pos, text: String },
    Whole(String),
    Hover(Pos),
    Definition(Pos),
    References(Pos, bool),
    Highlight(Pos),
    PrepareRename(Pos),
    Rename(Pos, String),
    CodeAction(Pos, Pos),
    InlayHint(Pos, Pos),
    Symbols,
    Folding,
    CodeLens,
    SemanticTokens,
    WorkspaceSymbol(String),
    Reopen,
}

#[derive(Arbitrary, Debug)]
struct Input {
    encoding: u8,
    markdown: bool,
    text: String,
    ops: Vec<Op>,
}

const URI: &str = "file:///fuzz/article";

fn pos(p: Pos) -> Value {
    json!({"line": p.line, "character": p.character})
}

fuzz_target!(|input: Input| {
    if input.ops.len() > 24 || input.text.len() > 4096 {
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(session(input));
    rt.shutdown_background();
});

async fn session(input: Input) {
    let (service, socket) = copydesk::lsp::server::build_service();
    // What the server sends the editor (diagnostics, logs) is read and dropped.
    tokio::spawn(socket.for_each(|_| async {}));
    let encodings = ["utf-8", "utf-16", "utf-32"];
    let offered = encodings[usize::from(input.encoding) % 3];

    let mut ed = Editor { service, id: 0 };
    ed.send(
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": [offered]}}}),
        true,
    )
    .await
    .expect("initialized");
    let _ = ed.send("initialized", json!({}), false).await;
    let language = if input.markdown {
        "markdown"
    } else {
        "plaintext"
    };
    let open = |text: &str| json!({"textDocument": {"uri": URI, "languageId": language, "version": 1, "text": text}});
    let _ = ed
        .send("textDocument/didOpen", open(&input.text), false)
        .await;
    let encoding = match offered {
        "utf-8" => Encoding::Utf8,
        "utf-16" => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    let mut text = input.text.clone();
    let mut version = 1;
    let td = json!({"uri": URI});
    for op in input.ops {
        // (Requests may fail: a rename to an empty name, a position past
        // the end. Panics abort; errors need a message: see `send`.)
        let _answer = match op {
            Op::Change { start, end, text: new } => {
                version += 1;
                let _ = ed.send(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": URI, "version": version},
                           "contentChanges": [{"range": {"start": pos(start), "end": pos(end)}, "text": new}]}),
                    false,
                )
                .await;
                // The editor's side: the same edit, when its positions are
                // valid (the server refuses the others and keeps its text).
                let rope = ropey::Rope::from_str(&text);
                let index = LineIndex::new(&rope);
                let at = |p: Pos| {
                    index.offset(
                        copydesk::text::Position {
                            line: u32::from(p.line),
                            character: u32::from(p.character),
                        },
                        encoding,
                    )
                };
                if let (Ok(a), Ok(b)) = (at(start), at(end)) {
                    if a <= b {
                        text.replace_range(a..b, &new);
                    }
                }
                Ok(Value::Null)
            }
            Op::Whole(new) => {
                version += 1;
                ed.send(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": URI, "version": version},
                           "contentChanges": [{"text": new}]}),
                    false,
                )
                .await
                .map(|_| text = new)
                .map(|_| Value::Null)
            }
            Op::Hover(p) => {
                ed.send("textDocument/hover", json!({"textDocument": td, "position": pos(p)}), true).await
            }
            Op::Definition(p) => {
                ed.send("textDocument/definition", json!({"textDocument": td, "position": pos(p)}), true)
                    .await
            }
            Op::References(p, decl) => {
                ed.send(
                    "textDocument/references",
                    json!({"textDocument": td, "position": pos(p), "context": {"includeDeclaration": decl}}),
                    true,
                )
                .await
            }
            Op::Highlight(p) => {
                ed.send(
                    "textDocument/documentHighlight",
                    json!({"textDocument": td, "position": pos(p)}),
                    true,
                )
                .await
            }
            Op::PrepareRename(p) => {
                ed.send("textDocument/prepareRename", json!({"textDocument": td, "position": pos(p)}), true)
                    .await
            }
            Op::Rename(p, name) => {
                ed.send(
                    "textDocument/rename",
                    json!({"textDocument": td, "position": pos(p), "newName": name}),
                    true,
                )
                .await
            }
            Op::CodeAction(a, b) => {
                ed.send(
                    "textDocument/codeAction",
                    json!({"textDocument": td, "range": {"start": pos(a), "end": pos(b)},
                           "context": {"diagnostics": []}}),
                    true,
                )
                .await
            }
            Op::InlayHint(a, b) => {
                ed.send(
                    "textDocument/inlayHint",
                    json!({"textDocument": td, "range": {"start": pos(a), "end": pos(b)}}),
                    true,
                )
                .await
            }
            Op::Symbols => ed.send("textDocument/documentSymbol", json!({"textDocument": td}), true).await,
            Op::Folding => ed.send("textDocument/foldingRange", json!({"textDocument": td}), true).await,
            Op::CodeLens => ed.send("textDocument/codeLens", json!({"textDocument": td}), true).await,
            Op::SemanticTokens => {
                ed.send("textDocument/semanticTokens/full", json!({"textDocument": td}), true).await
            }
            Op::WorkspaceSymbol(q) => ed.send("workspace/symbol", json!({"query": q}), true).await,
            Op::Reopen => {
                let _ = ed.send("textDocument/didClose", json!({"textDocument": td}), false).await;
                version = 1;
                ed.send("textDocument/didOpen", open(&text), false).await
            }
        };
    }
    // The server's copy is the editor's.
    let result = ed
        .send("copydesk/documentText", json!({"textDocument": td}), true)
        .await
        .expect("the document is open");
    assert_eq!(result["text"].as_str(), Some(text.as_str()));
}

/// The editor's end of the connection.
struct Editor {
    service: tower_lsp::LspService<copydesk::lsp::Backend>,
    id: i64,
}

impl Editor {
    /// Send a request (answered: its result, or the error's message) or a
    /// notification (never answered: `Ok(Value::Null)`).
    async fn send(
        &mut self,
        method: &'static str,
        params: Value,
        request: bool,
    ) -> Result<Value, String> {
        let req = if request {
            self.id += 1;
            Request::build(method).id(self.id).params(params).finish()
        } else {
            Request::build(method).params(params).finish()
        };
        let answer = self
            .service
            .ready()
            .await
            .expect("ready")
            .call(req)
            .await
            .expect("served");
        if !request {
            assert!(answer.is_none(), "{method}: a notification was answered");
            return Ok(Value::Null);
        }
        let (_, result) = answer.expect("a request is answered").into_parts();
        // An error names what went wrong (a panic would have aborted the
        // fuzzer before this).
        result.map_err(|e| {
            assert!(
                !e.message.is_empty(),
                "{method}: an error without a message"
            );
            e.message.to_string()
        })
    }
}
