//! Bad input over the protocol (issue 9), the cases tests/protocol.rs does
//! not already cover: malformed headers and JSON, requests for documents
//! never opened, positions past the end in requests, a 50 MB document,
//! binary content, and nothing ever written to the workspace. Each time
//! the server answers (a result or an error object) and keeps serving.

mod common;

use std::time::Instant;

use common::{uri, Server};
use serde_json::{json, Value};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

/// The server still answers: open, edit, read back.
fn still_serving(server: &mut Server, name: &str) {
    let doc = uri(name);
    server.open(&doc, "plaintext", 1, "\"Fine,\" she said.");
    server.change(&doc, 2, json!([{"text": "\"Still fine,\" she said."}]));
    assert_eq!(
        server.document_text(&doc),
        ("\"Still fine,\" she said.".to_string(), 2)
    );
}

/// The five request kinds the editor sends most, on `doc` at `pos`.
fn requests(doc: &str, pos: Value, end: Value) -> Vec<(&'static str, Value)> {
    let td = json!({"uri": doc});
    let range = json!({"start": pos, "end": end});
    vec![
        (
            "textDocument/hover",
            json!({"textDocument": td, "position": pos}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": td})),
        (
            "textDocument/codeAction",
            json!({"textDocument": td, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": td, "range": range}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": td, "position": pos, "context": {"includeDeclaration": true}}),
        ),
    ]
}

#[test]
fn malformed_headers_and_json_are_survived() {
    let (mut server, _) = Server::initialized(&[]);
    // A header line without Content-Length, then a proper frame.
    server.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n");
    still_serving(&mut server, "after-bad-header.txt");
    // A body that is not JSON, with a correct length.
    let body = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    server.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    server.send_raw(body);
    still_serving(&mut server, "after-bad-json.txt");
    // JSON that is not a JSON-RPC message.
    let body = b"[1, 2, 3]";
    server.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    server.send_raw(body);
    still_serving(&mut server, "after-array.txt");
    // A length no memory can hold: the server aborted on the allocation
    // before src/lsp/frames.rs read bodies as they come.
    server.send_raw(b"Content-Length: 99999999999999999\r\n\r\n");
    still_serving(&mut server, "after-huge-length.txt");
    // A length that is not a number, and its body: the next message, whose
    // header runs on from the body's end, is still found.
    server.send_raw(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\": \"2.0\"}");
    still_serving(&mut server, "after-bad-length.txt");
    // A request with params of the wrong shape is an error, not a crash.
    let err = server
        .request("textDocument/hover", json!({"textDocument": 5}))
        .unwrap_err();
    assert!(err["code"].is_i64() && err["message"].is_string(), "{err}");
    still_serving(&mut server, "after-bad-params.txt");
    // tower-lsp 0.20 alone stopped reading after the first broken frame;
    // src/lsp/frames.rs skips them with a line on standard error.
    assert!(server.stderr().contains("skipped"), "{}", server.stderr());
    eprintln!("answers to broken frames: {:?}", server.garbage());
    assert!(server.unclaimed_responses().is_empty());
    assert!(server.shutdown().success());
}

#[test]
fn requests_for_a_document_never_opened_are_answered() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("never-opened.txt");
    let p = json!({"line": 0, "character": 0});
    for (method, params) in requests(&doc, p.clone(), p.clone()) {
        match server.request(method, params) {
            Ok(r) => assert!(
                r.is_null() || r.as_array().is_some_and(|a| a.is_empty()),
                "{method} on a closed document: {r}"
            ),
            Err(e) => assert!(e["code"].is_i64(), "{method}: {e}"),
        }
    }
    still_serving(&mut server, "after-never-opened.txt");
    assert!(server.shutdown().success());
}

#[test]
fn positions_past_the_end_in_requests_are_answered() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("short.txt");
    server.open(&doc, "plaintext", 1, "“Short,” he said.\nTwo lines.");
    for (line, character) in [(0, 500), (1, 11), (2, 0), (9999, 9999), (0, u32::MAX)] {
        let p = json!({"line": line, "character": character});
        let end = json!({"line": line + 1, "character": character});
        for (method, params) in requests(&doc, p.clone(), end) {
            let answer = server.request(method, params);
            if let Err(e) = &answer {
                assert!(e["code"].is_i64(), "{method} at {p}: {e}");
            }
        }
    }
    assert_eq!(server.document_text(&doc).1, 1);
    still_serving(&mut server, "after-past-end.txt");
    assert!(server.shutdown().success());
}

#[test]
fn a_50_mb_document_is_served() {
    let (mut server, _) = Server::initialized(&[]);
    let paragraph = "“We will not leave,” said Fawaz Gerges. The ministry in Baghdad said nothing on Tuesday.\n\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + paragraph.len());
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    let doc = uri("huge.txt");
    let t = Instant::now();
    server.open(&doc, "plaintext", 1, &text);
    let (server_text, version) = server.document_text(&doc);
    let open = t.elapsed();
    assert_eq!(version, 1);
    assert_eq!(server_text.len(), text.len());
    // Another document is still served while the big one is open.
    still_serving(&mut server, "beside-huge.txt");
    eprintln!(
        "50 MB document ({} bytes): didOpen + documentText {:.1} s; another document served beside it",
        text.len(),
        open.as_secs_f64(),
    );
    // Over the 8 MB default of maxDocumentSize the document is not
    // analysed: its diagnostics are the one document-too-large finding on
    // its first line, and requests answer from the empty analysis.
    let diagnostics = server.diagnostics(&doc, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "document-too-large");
    assert_eq!(d["severity"], 3, "information");
    assert_eq!(
        d["message"],
        "This document is 52.4 MB, over copydesk's limit of 8 MB, so it is not checked. Split it, or raise maxDocumentSize in .copydesk.toml."
    );
    let first_line = text.find('\n').unwrap();
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 0}, "end": common::position_of(&text, first_line, "utf-16")})
    );
    let td = json!({"uri": doc});
    let t = Instant::now();
    let hover = server
        .request(
            "textDocument/hover",
            json!({"textDocument": td, "position": {"line": 0, "character": 30}}),
        )
        .expect("hover answers");
    assert!(
        hover.is_null(),
        "no actor is known in an unchecked document: {hover}"
    );
    let symbols = server
        .request("textDocument/documentSymbol", json!({"textDocument": td}))
        .expect("documentSymbol answers");
    assert!(
        symbols.is_null() || symbols.as_array().is_some_and(|a| a.is_empty()),
        "no outline in an unchecked document: {symbols}"
    );
    eprintln!(
        "50 MB document: hover + documentSymbol {:.3} s",
        t.elapsed().as_secs_f64()
    );
    for (method, params) in requests(
        &doc,
        json!({"line": 2, "character": 5}),
        json!({"line": 4, "character": 0}),
    ) {
        let r = server.request(method, params);
        assert!(r.is_ok(), "{method}: {r:?}");
    }
    assert!(server.shutdown().success());
}

#[test]
fn binary_content_is_kept_and_analysed() {
    let (mut server, _) = Server::initialized(&["utf-16"]);
    let doc = uri("binary.txt");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    text.push_str("\0\0\u{1}\u{7f}\"quote\0\" said\0 he.\u{feff}\u{fffe}");
    server.open(&doc, "plaintext", 1, &text);
    server.diagnostics(&doc, 1);
    server.change(
        &doc,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\0\u{0}\r\n"}]),
    );
    let (server_text, version) = server.document_text(&doc);
    assert_eq!(version, 2);
    assert_eq!(server_text, format!("\0\0\r\n{text}"));
    for (method, params) in requests(
        &doc,
        json!({"line": 1, "character": 3}),
        json!({"line": 40, "character": 0}),
    ) {
        let r = server.request(method, params);
        assert!(r.is_ok(), "{method}: {r:?}");
    }
    server.diagnostics(&doc, 2);
    assert!(
        !server.stderr().contains("panicked at"),
        "{}",
        server.stderr()
    );
    assert!(server.shutdown().success());
}

/// Nothing is lost: a session with edits, code actions and renames on
/// files in a temporary workspace never writes to any of them.
#[test]
fn the_server_never_writes_to_the_workspace() {
    let dir = TempDir::new("never-writes");
    std::fs::create_dir_all(dir.join(".copydesk")).unwrap();
    let files: Vec<(&str, String)> = vec![
        ("article.txt", common::reference_article()),
        (
            "notes.md",
            "# Notes\n\n\"Unsourced words in a quote here\"\n\nAli Khamenie said \"no\".\n".into(),
        ),
        (
            ".copydesk.toml",
            "version = 1\n[rules]\nunattributed-quote = \"error\"\n".into(),
        ),
        (
            ".copydesk/actors.toml",
            "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\n".into(),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let root = format!("file://{}", dir.display());
    let mut server = Server::start();
    server.initialize_with(json!({
        "processId": null,
        "rootUri": root,
        "capabilities": {"workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}}},
        "workspaceFolders": [{"uri": root, "name": "ws"}],
    }));
    server.notify("initialized", json!({}));
    let mut edits_requested = 0;
    for (name, text) in files.iter().take(2) {
        let doc = format!("{root}/{name}");
        let lang = if name.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        server.open(&doc, lang, 1, text);
        server.change(&doc, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "“Typed,” he said.\n\n"}]));
        server.diagnostics(&doc, 2);
        let whole =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 200, "character": 0}});
        let diags = server.diagnostics(&doc, 2);
        if let Ok(Value::Array(actions)) = server.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": whole, "context": {"diagnostics": diags}}),
        ) {
            edits_requested += actions.len();
        }
        for (line, character) in [(0, 2), (2, 5), (4, 1)] {
            let p = json!({"line": line, "character": character});
            let _ = server.request(
                "textDocument/prepareRename",
                json!({"textDocument": {"uri": doc}, "position": p}),
            );
            if let Ok(edit) = server.request(
                "textDocument/rename",
                json!({"textDocument": {"uri": doc}, "position": p, "newName": "Renamed Person"}),
            ) {
                edits_requested += usize::from(!edit.is_null());
            }
        }
        server.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": doc}}),
        );
        server.close(&doc);
    }
    // The server never asked the editor to apply an edit on its own.
    let applied: Vec<Value> = server
        .server_requests()
        .into_iter()
        .filter(|r| r["method"] == "workspace/applyEdit")
        .collect();
    assert!(applied.is_empty(), "{applied:?}");
    assert!(server.shutdown().success());
    for (name, text) in &files {
        let now = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(now, text.as_bytes(), "{name} was changed on disk");
    }
    let mut names: Vec<String> = walk(dir.as_path());
    names.sort();
    assert_eq!(
        names,
        vec![
            ".copydesk.toml",
            ".copydesk/actors.toml",
            "article.txt",
            "notes.md"
        ],
        "files appeared in the workspace"
    );
    eprintln!("never writes: {edits_requested} code actions and renames offered, no file touched");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out
}
