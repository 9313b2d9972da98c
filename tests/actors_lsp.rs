//! Protocol tests for the actor features: hover, definition, references,
//! rename, and the user's `.copydesk/actors.toml` (added actor; malformed
//! file reported with file and line while the last good base keeps working).
//! A small JSON-RPC client over the server's stdio.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

const REFERENCE: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");
const WAIT: Duration = Duration::from_secs(120);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications seen while waiting for responses.
    notes: Vec<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start copydesk lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse().unwrap();
                    }
                }
                let mut buf = vec![0; len];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&buf).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            notes: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response, answering the server's own
    /// requests (registerCapability) and keeping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.rx.recv_timeout(WAIT).expect("server answered in time");
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return msg["result"].clone();
            }
            self.handle_incoming(msg);
        }
    }

    fn handle_incoming(&mut self, msg: Value) {
        if msg.get("method").is_some() && msg.get("id").is_some() {
            let id = msg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        self.notes.push(msg);
    }

    /// Wait for a notification `method` whose params satisfy `pred`.
    fn wait_note(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .notes
            .iter()
            .position(|n| n["method"] == method && pred(&n["params"]))
        {
            return self.notes.remove(i);
        }
        loop {
            let msg = self
                .rx
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("no {method} notification"));
            if msg["method"] == method && pred(&msg["params"]) {
                return msg;
            }
            self.handle_incoming(msg);
        }
    }

    fn initialize(&mut self, root: &Path) {
        let uri = url(root);
        self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "ws"}],
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                                  "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}
            }),
        );
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-actors-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".copydesk")).unwrap();
    dir
}

/// Protocol position (UTF-16) of the `n`-th occurrence of `word` in paragraph `para` (1-based).
fn pos(text: &str, para: usize, word: &str, n: usize) -> Value {
    let line = 2 * (para - 1);
    let l = text.split('\n').nth(line).unwrap();
    let byte = l.match_indices(word).nth(n).unwrap().0;
    let character = l[..byte].encode_utf16().count();
    json!({"line": line, "character": character})
}

#[test]
fn hover_definition_references_highlight_rename() {
    let ws = workspace("features");
    let mut c = Client::start();
    c.initialize(&ws);
    let uri = url(&ws.join("story.txt"));
    c.open(&uri, REFERENCE);
    let td = json!({"uri": uri});

    let at = pos(REFERENCE, 10, "Gerges", 0);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": td, "position": at}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        value.contains("Fawaz Gerges") && value.contains("person"),
        "{value}"
    );
    assert!(value.contains("professor of international relations at the London School of Economics and Political Science"), "{value}");

    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": td, "position": at}),
    );
    assert_eq!(
        def["range"]["start"],
        pos(REFERENCE, 8, "Fawaz Gerges", 0),
        "{def}"
    );

    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": td, "position": at, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 4, "{refs}");

    let hl = c.request(
        "textDocument/documentHighlight",
        json!({"textDocument": td, "position": at}),
    );
    assert_eq!(hl.as_array().unwrap().len(), 4, "{hl}");

    let w = pos(REFERENCE, 18, "Watling", 0);
    let prep = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": td, "position": w}),
    );
    assert_eq!(prep["placeholder"], "Watling");
    let edit = c.request(
        "textDocument/rename",
        json!({"textDocument": td, "position": w, "newName": "Jack Watts"}),
    );
    let edits = edit["changes"][&uri].as_array().unwrap();
    let texts: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec!["Jack Watts", "Watts", "Watts", "Watts"]);

    // Nothing to hover on an ordinary word.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": td, "position": pos(REFERENCE, 1, "withdrawn", 0)}),
    );
    assert!(none.is_null());
}

#[test]
fn user_actors_file_adds_an_actor_and_a_malformed_one_is_reported() {
    let ws = workspace("user");
    let file = ws.join(".copydesk").join("actors.toml");
    std::fs::write(&file, "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\ndescription = \"Mayor of Springfield.\"\nsurname = \"Roe\"\n").unwrap();
    let mut c = Client::start();
    c.initialize(&ws);
    let uri = url(&ws.join("city.txt"));
    let text = "Jane Roe opened the bridge.\n\nRoe said it was late.";
    c.open(&uri, text);
    let td = json!({"uri": uri});
    let hover = |c: &mut Client, line: u32, character: u32| {
        c.request(
            "textDocument/hover",
            json!({"textDocument": td, "position": {"line": line, "character": character}}),
        )
    };
    let h = hover(&mut c, 2, 1);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Mayor of Springfield."),
        "{h}"
    );
    // The server asked the client to watch the actors files.
    c.wait_note("client/registerCapability", |p| {
        p["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"]
            == "**/.copydesk/actors.toml"
    });

    // A malformed file: an error with the file and line, the last good base stays.
    std::fs::write(&file, "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\n\n[[actor]]\nkind = \"mayor\"\nname = \"X\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&file), "type": 2}]}),
    );
    let shown = c.wait_note("window/showMessage", |p| p["type"] == 1);
    let msg = shown["params"]["message"].as_str().unwrap();
    assert!(msg.contains(&format!("{}:5:", file.display())), "{msg}");
    assert!(msg.contains("mayor"), "{msg}");
    let h = hover(&mut c, 2, 1);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Mayor of Springfield."),
        "{h}"
    );

    // Fixed again: the new description is used.
    std::fs::write(&file, "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\ndescription = \"Governor.\"\nsurname = \"Roe\"\nsurname_alone = true\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&file), "type": 2}]}),
    );
    let h = hover(&mut c, 2, 1);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Governor."),
        "{h}"
    );
    let _ = std::fs::remove_dir_all(&ws);
}
