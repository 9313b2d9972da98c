//! A small LSP client for protocol tests: it starts the built `copydesk lsp
//! --stdio` binary and speaks JSON-RPC over its standard input and output,
//! with no mock of the server anywhere.
//!
//! Use it from an integration test with `mod common;`:
//!
//! ```ignore
//! mod common;
//! use common::{Server, uri};
//! use serde_json::json;
//!
//! let mut server = Server::start();
//! let init = server.initialize(&["utf-16"]);            // initialize + initialized
//! assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
//! let doc = uri("article.md");
//! server.open(&doc, "markdown", 1, "“We will not leave,” he said.");
//! let diags = server.diagnostics(&doc, 1);              // waits for publishDiagnostics at version 1
//! let hover = server.request("textDocument/hover", json!({
//!     "textDocument": {"uri": doc}, "position": {"line": 0, "character": 3}
//! }));                                                   // Ok(result) or Err(error object)
//! server.change(&doc, 2, json!([{"range": {...}, "text": "x"}]));
//! let (text, version) = server.document_text(&doc);      // the server's copy of the text
//! assert!(server.shutdown().success());                  // shutdown + exit, waits for the process
//! ```
//!
//! What it does:
//!
//! - Messages are framed with `Content-Length` headers and written at once,
//!   so any number of notifications can be sent back to back without waiting
//!   ([`Server::notify`], [`Server::change`]).
//! - A background thread reads everything the server writes. Responses are
//!   matched to requests by id ([`Server::send_request`] then
//!   [`Server::response`], or [`Server::request`] for both). Notifications
//!   (publishDiagnostics, logMessage, ...) are recorded in arrival order:
//!   [`Server::notifications`] lists them, [`Server::wait_for`] waits for one
//!   matching a predicate, with a timeout ([`TIMEOUT`]) that fails the test
//!   with the server's standard error attached.
//! - Requests from the server (workspace/configuration,
//!   client/registerCapability, ...) are recorded and answered with `null`,
//!   or by the function given to [`Server::on_request`].
//! - [`Server::send_raw`] writes arbitrary bytes (malformed headers or JSON).
//! - [`Server::shutdown`] sends shutdown and exit and returns the exit
//!   status; dropping a `Server` that was not shut down kills the process.
//!
//! Positions in the tests must be computed in the negotiated encoding: see
//! [`position_of`] and [`offset_of`], a deliberately naive model written
//! independently of `copydesk::text::position`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long a wait may take before the test fails. Generous: the debug
/// binary shares two cores with other builds.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// Answers requests the server sends to the client: (method, params) -> result.
pub type RequestHandler = Box<dyn Fn(&str, &Value) -> Value + Send>;

/// A `file:` URI for a test document name.
pub fn uri(name: &str) -> String {
    format!("file:///copydesk-test/{name}")
}

/// The `file:` URL of a path on disk.
pub fn file_url(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// The reference article shipped with the tests.
pub fn reference_article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference/iran-iraq-influence.txt"
    );
    std::fs::read_to_string(path).expect("reference article")
}

#[derive(Default)]
struct Inbox {
    responses: HashMap<i64, Value>,
    /// Every notification, in arrival order: the whole message.
    notifications: Vec<Value>,
    /// Every request from the server, in arrival order: the whole message.
    server_requests: Vec<Value>,
    /// The server closed its output (exited or crashed).
    closed: bool,
    /// What could not be parsed, for failure messages.
    garbage: Vec<String>,
}

struct Shared {
    inbox: Mutex<Inbox>,
    arrived: Condvar,
    stderr: Mutex<String>,
    /// Frames to write, in order, by the writer thread: sending never
    /// blocks, so the reader can answer server requests while the test
    /// pushes thousands of edits.
    writer: Mutex<Option<Sender<Vec<u8>>>>,
    handler: Mutex<Option<RequestHandler>>,
}

/// A running `copydesk lsp --stdio` and the client side of its connection.
pub struct Server {
    child: Child,
    shared: Arc<Shared>,
    next_id: i64,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Start the server; nothing is sent yet.
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Start the server with these environment variables (for example
    /// `COPYDESK_TEST_HOOKS=1`, which serves the hidden `copydesk/testPanic`
    /// request and `copydesk/testPanicNotification` notification).
    pub fn start_with(env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--stdio"])
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start copydesk lsp");
        let stdin = child.stdin.take().unwrap();
        let (tx, rx) = channel::<Vec<u8>>();
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let shared = Arc::new(Shared {
            inbox: Mutex::new(Inbox::default()),
            arrived: Condvar::new(),
            stderr: Mutex::new(String::new()),
            writer: Mutex::new(Some(tx)),
            handler: Mutex::new(None),
        });
        let reader = {
            let shared = shared.clone();
            std::thread::spawn(move || read_loop(BufReader::new(stdout), &shared))
        };
        let err_reader = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    shared
                        .stderr
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            })
        };
        let writer = std::thread::spawn(move || write_loop(stdin, rx));
        Server {
            child,
            shared,
            next_id: 1,
            threads: vec![reader, err_reader, writer],
        }
    }

    /// Start the server and initialize it, offering these position
    /// encodings (none: the field is left out). Returns the server and the
    /// negotiated encoding.
    pub fn initialized(encodings: &[&str]) -> (Server, String) {
        let mut server = Server::start();
        let result = server.initialize(encodings);
        let encoding = result["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_string();
        (server, encoding)
    }

    /// Start the server and initialize it with `root` as the workspace
    /// folder, Markdown hovers, watched files with dynamic registration
    /// when `watch`, and these initializationOptions.
    pub fn in_workspace(root: &std::path::Path, watch: bool, options: Value) -> Server {
        let mut server = Server::start();
        let uri = file_url(root);
        server.initialize_with(json!({
            "processId": null,
            "rootUri": uri,
            "workspaceFolders": [{"uri": uri, "name": "ws"}],
            "initializationOptions": options,
            "capabilities": {
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}},
                "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}
            }
        }));
        server
    }

    /// `initialize` offering `encodings` (with client capabilities for
    /// hierarchical symbols, related information and Markdown hover), then
    /// `initialized`. Returns the initialize result.
    pub fn initialize(&mut self, encodings: &[&str]) -> Value {
        let mut capabilities = json!({
            "textDocument": {
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "synchronization": {"didSave": true}
            },
            "workspace": {"configuration": false}
        });
        if !encodings.is_empty() {
            capabilities["general"] = json!({ "positionEncodings": encodings });
        }
        self.initialize_with(json!({
            "processId": null,
            "rootUri": "file:///copydesk-test",
            "capabilities": capabilities,
        }))
    }

    /// `initialize` with these exact params, then `initialized`.
    pub fn initialize_with(&mut self, params: Value) -> Value {
        let result = self
            .request("initialize", params)
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    /// Answer the server's requests with `handler` instead of `null`.
    pub fn on_request(&self, handler: impl Fn(&str, &Value) -> Value + Send + 'static) {
        *self.shared.handler.lock().unwrap() = Some(Box::new(handler));
    }

    /// Send a request without waiting; returns its id. `Value::Null`
    /// params are left out of the message.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&message(Some(id), method, params));
        id
    }

    /// Wait for the response to request `id`: `Ok(result)` or `Err(error)`
    /// (the error object, with `code` and `message`).
    pub fn response(&self, id: i64) -> Result<Value, Value> {
        let msg = self.wait_inbox(&format!("the response to request {id}"), |inbox| {
            inbox.responses.remove(&id)
        });
        match msg.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Send a request and wait for its response.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Send a notification (never waits).
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&message(None, method, params));
    }

    /// `textDocument/didOpen`.
    pub fn open(&mut self, uri: &str, language_id: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    /// `textDocument/didChange` with these content changes (a JSON array of
    /// `{"range": ..., "text": ...}` or `{"text": ...}`).
    pub fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `textDocument/didClose`.
    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    /// The server's copy of a document (hidden `copydesk/documentText`).
    pub fn document_text(&mut self, uri: &str) -> (String, i64) {
        let r = self
            .request(
                "copydesk/documentText",
                json!({"textDocument": {"uri": uri}}),
            )
            .expect("documentText");
        (
            r["text"].as_str().expect("text").to_string(),
            r["version"].as_i64().expect("version"),
        )
    }

    /// How many analyses the server has run so far, all documents together
    /// (from `copydesk/documentText`).
    pub fn analyses(&mut self, uri: &str) -> u64 {
        let r = self
            .request(
                "copydesk/documentText",
                json!({"textDocument": {"uri": uri}}),
            )
            .expect("documentText");
        r["analyses"].as_u64().expect("analyses")
    }

    /// Every notification with this method received so far: their params.
    pub fn notifications(&self, method: &str) -> Vec<Value> {
        let inbox = self.shared.inbox.lock().unwrap();
        inbox
            .notifications
            .iter()
            .filter(|n| n["method"] == method)
            .map(|n| n["params"].clone())
            .collect()
    }

    /// Every request the server sent so far (whole messages).
    pub fn server_requests(&self) -> Vec<Value> {
        self.shared.inbox.lock().unwrap().server_requests.clone()
    }

    /// Wait for a notification with this method whose params satisfy
    /// `pred` (received before or after the call); returns its params.
    pub fn wait_for(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_inbox(&format!("a {method} notification"), |inbox| {
            inbox
                .notifications
                .iter()
                .find(|n| n["method"] == method && pred(&n["params"]))
                .map(|n| n["params"].clone())
        })
    }

    /// [`Server::wait_for`], taking the notification out of the inbox: a
    /// later call sees only the ones after it (the next publication of a
    /// document at the same version, after a settings change).
    pub fn take(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_inbox(&format!("a {method} notification"), |inbox| {
            let i = inbox
                .notifications
                .iter()
                .position(|n| n["method"] == method && pred(&n["params"]))?;
            Some(inbox.notifications.remove(i)["params"].clone())
        })
    }

    /// Wait for a request from the server with this method whose params
    /// satisfy `pred` (sent before or after the call); returns its params.
    pub fn wait_for_server_request(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_inbox(&format!("a {method} request from the server"), |inbox| {
            inbox
                .server_requests
                .iter()
                .find(|r| r["method"] == method && pred(&r["params"]))
                .map(|r| r["params"].clone())
        })
    }

    /// Wait for the diagnostics of `uri` published at `version`; returns
    /// the diagnostics array.
    pub fn diagnostics(&self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Wait for a window/logMessage whose message contains `needle`;
    /// returns its params (`type`: 1 error, 2 warning, 3 info, 4 log).
    pub fn log_containing(&self, needle: &str) -> Value {
        self.wait_for("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains(needle))
        })
    }

    /// Write raw bytes to the server's input.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.shared.write(bytes.to_vec());
    }

    /// Close the server's standard input (end of stream, no `exit`).
    pub fn close_input(&mut self) {
        self.shared.writer.lock().unwrap().take();
    }

    /// The server's process id (for /proc/<pid>/status in soak tests).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait for the response to request `id` and return the whole message
    /// (to check its shape: `jsonrpc`, `id`, and a `result` or an `error`).
    pub fn raw_response(&self, id: i64) -> Value {
        self.wait_inbox(&format!("the response to request {id}"), |inbox| {
            inbox.responses.remove(&id)
        })
    }

    /// Output the client could not read as a message, or a message that
    /// was neither a request, a notification nor a response with an id.
    pub fn garbage(&self) -> Vec<String> {
        self.shared.inbox.lock().unwrap().garbage.clone()
    }

    /// Ids of responses received but not yet taken by [`Server::response`].
    pub fn unclaimed_responses(&self) -> Vec<i64> {
        self.shared
            .inbox
            .lock()
            .unwrap()
            .responses
            .keys()
            .copied()
            .collect()
    }

    /// What the server wrote to standard error so far.
    pub fn stderr(&self) -> String {
        self.shared.stderr.lock().unwrap().clone()
    }

    /// `shutdown` (waiting for its response), then `exit`; waits for the
    /// process and returns its exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Wait (up to [`TIMEOUT`]) for the process to end; returns its status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for server") {
                self.close_input();
                for t in self.threads.drain(..) {
                    let _ = t.join();
                }
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!(
                    "the server did not exit within {TIMEOUT:?}; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, msg: &Value) {
        self.shared.write(frame(msg));
    }

    fn wait_inbox<T>(&self, what: &str, mut take: impl FnMut(&mut Inbox) -> Option<T>) -> T {
        let deadline = Instant::now() + TIMEOUT;
        let mut inbox = self.shared.inbox.lock().unwrap();
        loop {
            if let Some(t) = take(&mut inbox) {
                return t;
            }
            let now = Instant::now();
            if inbox.closed || now >= deadline {
                let why = if inbox.closed {
                    "the server closed its output"
                } else {
                    "timed out"
                };
                let garbage = inbox.garbage.join("\n");
                drop(inbox);
                panic!(
                    "waiting for {what}: {why}\nunparsed output: {garbage}\nserver stderr:\n{}",
                    self.stderr()
                );
            }
            inbox = self
                .shared
                .arrived
                .wait_timeout(inbox, deadline - now)
                .unwrap()
                .0;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Shared {
    fn write(&self, bytes: Vec<u8>) {
        if let Some(tx) = &*self.writer.lock().unwrap() {
            // A closed channel means the server is gone; waits report it.
            let _ = tx.send(bytes);
        }
    }
}

/// A request (with an id) or a notification; `params: null` is left out,
/// as `shutdown` and `exit` want.
fn message(id: Option<i64>, method: &str, params: Value) -> Value {
    let mut msg = json!({"jsonrpc": "2.0", "method": method});
    if let Some(id) = id {
        msg["id"] = json!(id);
    }
    if !params.is_null() {
        msg["params"] = params;
    }
    msg
}

/// `Content-Length` framing of one message.
fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(&body);
    framed
}

/// Write frames in order until the channel closes or the server stops
/// reading. (`ChildStdin` is unbuffered: every frame goes straight out.)
fn write_loop(mut stdin: ChildStdin, rx: std::sync::mpsc::Receiver<Vec<u8>>) {
    while let Ok(bytes) = rx.recv() {
        if stdin.write_all(&bytes).is_err() {
            return;
        }
    }
}

/// Read framed messages until the server closes its output.
fn read_loop(mut out: BufReader<std::process::ChildStdout>, shared: &Shared) {
    loop {
        let msg = match read_message(&mut out) {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => {
                shared.inbox.lock().unwrap().garbage.push(e);
                break;
            }
        };
        let is_request = msg.get("method").is_some() && msg.get("id").is_some();
        if is_request {
            let method = msg["method"].as_str().unwrap_or_default().to_string();
            let params = msg.get("params").cloned().unwrap_or(Value::Null);
            let result = match &*shared.handler.lock().unwrap() {
                Some(h) => h(&method, &params),
                None => Value::Null,
            };
            let reply = json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": result});
            shared.write(frame(&reply));
        }
        let mut inbox = shared.inbox.lock().unwrap();
        if is_request {
            inbox.server_requests.push(msg);
        } else if msg.get("method").is_some() {
            inbox.notifications.push(msg);
        } else if let Some(id) = msg.get("id").and_then(Value::as_i64) {
            inbox.responses.insert(id, msg);
        } else {
            inbox.garbage.push(msg.to_string());
        }
        shared.arrived.notify_all();
    }
    shared.inbox.lock().unwrap().closed = true;
    shared.arrived.notify_all();
}

/// One framed message; `Ok(None)` at end of stream.
fn read_message(out: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        let n = out
            .read_line(&mut line)
            .map_err(|e| format!("reading a header: {e}"))?;
        if n == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = Some(
                v.trim()
                    .parse::<usize>()
                    .map_err(|e| format!("bad Content-Length {v:?}: {e}"))?,
            );
        }
    }
    let length = length.ok_or("a message without Content-Length")?;
    let mut body = vec![0u8; length];
    out.read_exact(&mut body)
        .map_err(|e| format!("reading a body: {e}"))?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| format!("bad JSON ({e}): {}", String::from_utf8_lossy(&body)))
}

/// Code units of `c` in an LSP position encoding ("utf-8", "utf-16", "utf-32").
pub fn units(c: char, encoding: &str) -> u32 {
    match encoding {
        "utf-8" => c.len_utf8() as u32,
        "utf-16" => c.len_utf16() as u32,
        "utf-32" => 1,
        other => panic!("unknown encoding {other}"),
    }
}

/// The LSP position of byte `offset` in `text` (a character boundary):
/// lines end at `\n`, `\r\n` or `\r`. A naive scan from the start, written
/// independently of the server's line index on purpose.
pub fn position_of(text: &str, offset: usize, encoding: &str) -> Value {
    let mut line = 0u32;
    let mut character = 0u32;
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                character = 0;
            }
            c => character += units(c, encoding),
        }
    }
    json!({"line": line, "character": character})
}

/// The byte offset of an LSP position in `text`, or `None` when it is not
/// on a line of the text or not on a character boundary. The naive inverse
/// of [`position_of`].
pub fn offset_of(text: &str, line: u32, character: u32, encoding: &str) -> Option<usize> {
    let mut l = 0u32;
    let mut c = 0u32;
    let mut iter = text.char_indices().peekable();
    loop {
        let (i, ch) = match iter.peek() {
            Some(&(i, ch)) => (i, ch),
            None => return (l == line && c == character).then_some(text.len()),
        };
        if l == line && c == character {
            return Some(i);
        }
        iter.next();
        match ch {
            '\r' if iter.peek().map(|p| p.1) == Some('\n') => {}
            '\r' | '\n' => {
                if l == line {
                    return None;
                }
                l += 1;
                c = 0;
            }
            ch => {
                if l == line {
                    c += units(ch, encoding);
                    if c > character {
                        return None;
                    }
                }
            }
        }
    }
}
