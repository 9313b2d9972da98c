//! A latency harness for any stdio language server, driven as an editor would.
//!
//! ```text
//! cargo run --release --example latency -- [OPTIONS] -- SERVER [ARGS...]
//! ```
//!
//! Steps, each timed from the moment the message is written to the moment
//! the answer is read:
//!
//! 1. `initialize` (the reply), then `initialized`;
//! 2. `didOpen` of a first document (cold: the server's first analysis) until
//!    its first `publishDiagnostics`; then a second document (warm);
//! 3. `hover` and `documentSymbol` round trips on the first document (median
//!    and p95 over `-n`);
//! 4. single-character edits on the first document, one at a time, each until
//!    the diagnostics of its version (median), then a burst of 50 edits sent
//!    back to back until the diagnostics of the final version;
//! 5. `--open` Wikinews articles opened one after another, waiting for each
//!    one's diagnostics: resident memory (VmRSS) after that;
//! 6. a synthetic document of `--big` bytes (the corpus repeated): didOpen to
//!    first diagnostics, one keystroke to diagnostics, a 50-edit burst;
//! 7. peak resident memory (VmHWM from /proc/<pid>/status) at the end.
//!
//! Servers that publish diagnostics without a version (harper-ls does) are
//! handled: after an edit the harness waits for the next publication for the
//! document, and after a burst for the last publication before the server has
//! been quiet for `--quiet` ms (that quiet period is not counted).
//!
//! The result is one Markdown table row (with `--header`, the header too).
//! `--settings JSON` is what the harness answers to the server's
//! `workspace/configuration` requests, for each item (default `null`):
//! harper-ls skips documents over its `maxFileLength` (120,000 bytes by
//! default), so the 1 MiB steps need
//! `--settings '{"harper-ls":{"maxFileLength":20000000}}'` to measure it.
//!
//! Unanswered steps print `timeout` after `--timeout` seconds; requests the
//! server does not support print `unsupported`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const USAGE: &str = "usage: latency [--name NAME] [--doc FILE] [--doc2 FILE] [--corpus DIR] [--open N] \
[--big BYTES] [-n N] [--timeout SECS] [--quiet MS] [--hover-word WORD] [--settings JSON] [--header] -- SERVER [ARGS...]";

struct Options {
    name: Option<String>,
    doc: PathBuf,
    doc2: Option<PathBuf>,
    corpus: PathBuf,
    open: usize,
    big: usize,
    n: usize,
    timeout: Duration,
    quiet: Duration,
    hover_word: String,
    /// What the harness answers to `workspace/configuration`, per item.
    settings: Value,
    header: bool,
    server: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        name: None,
        doc: root.join("tests/fixtures/reference/iran-iraq-influence.txt"),
        doc2: None,
        corpus: root.join("tests/fixtures/wikinews"),
        open: 100,
        big: 1 << 20,
        n: 50,
        timeout: Duration::from_secs(60),
        quiet: Duration::from_millis(500),
        hover_word: "Gerges".into(),
        settings: Value::Null,
        header: false,
        server: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .ok_or_else(|| format!("{a} needs {what}\n{USAGE}"))
        };
        match a.as_str() {
            "--name" => o.name = Some(value("a name")?),
            "--doc" => o.doc = value("a file")?.into(),
            "--doc2" => o.doc2 = Some(value("a file")?.into()),
            "--corpus" => o.corpus = value("a directory")?.into(),
            "--open" => o.open = number(&value("a count")?)?,
            "--big" => o.big = number(&value("a size in bytes")?)?,
            "-n" => o.n = number(&value("a count")?)?.max(1),
            "--timeout" => o.timeout = Duration::from_secs(number(&value("seconds")?)? as u64),
            "--quiet" => o.quiet = Duration::from_millis(number(&value("milliseconds")?)? as u64),
            "--hover-word" => o.hover_word = value("a word")?,
            "--settings" => {
                let raw = value("a JSON value")?;
                o.settings = serde_json::from_str(&raw)
                    .map_err(|e| format!("--settings is not valid JSON: {e}"))?;
            }
            "--header" => o.header = true,
            "--" => {
                o.server = args.by_ref().collect();
                break;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    if o.server.is_empty() {
        return Err(format!("no server command given\n{USAGE}"));
    }
    Ok(o)
}

fn number(s: &str) -> Result<usize, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("{s} is not a number"))
}

/// A message from the server and when it was read.
struct Incoming {
    at: Instant,
    msg: Value,
}

struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Incoming>,
    next_id: i64,
    timeout: Duration,
    /// Diagnostics publications that arrived while waiting for something else.
    published: Vec<(Instant, String, Option<i64>)>,
}

/// A message with its header, ready to write.
fn encode(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).expect("json");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

fn write_message(stdin: &Mutex<ChildStdin>, bytes: &[u8]) -> std::io::Result<()> {
    let mut w = stdin.lock().unwrap_or_else(|e| e.into_inner());
    w.write_all(bytes)?;
    w.flush()
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The reply an editor gives to a request from the server.
fn answer(method: &str, params: &Value, settings: &Value) -> Value {
    match method {
        "workspace/configuration" => {
            let n = params
                .get("items")
                .and_then(Value::as_array)
                .map_or(0, |a| a.len());
            Value::Array(vec![settings.clone(); n])
        }
        "workspace/workspaceFolders" => Value::Array(Vec::new()),
        _ => Value::Null,
    }
}

enum Wait<T> {
    Got(T),
    Timeout,
    Error(String),
}

impl Server {
    fn spawn(cmd: &[String], timeout: Duration, settings: Value) -> std::io::Result<Server> {
        let mut child = Command::new(&cmd[0])
            .args(&cmd[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("stdin")));
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 16, stdout);
            while let Some(msg) = read_message(&mut r) {
                let at = Instant::now();
                // Requests from the server are answered here, as an editor would.
                if let (Some(id), Some(method)) =
                    (msg.get("id"), msg.get("method").and_then(Value::as_str))
                {
                    let result =
                        answer(method, msg.get("params").unwrap_or(&Value::Null), &settings);
                    let _ = write_message(
                        &replies,
                        &encode(&json!({"jsonrpc": "2.0", "id": id, "result": result})),
                    );
                    continue;
                }
                if tx.send(Incoming { at, msg }).is_err() {
                    break;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            rx,
            next_id: 0,
            timeout,
            published: Vec::new(),
        })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send a notification; the instant just before it was written (a reply
    /// can be read before `write` returns on a busy machine).
    fn notify(&mut self, method: &str, params: Value) -> Instant {
        let msg = encode(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
        let sent = Instant::now();
        write_message(&self.stdin, &msg).expect("server stdin");
        sent
    }

    /// Receive one message before `deadline`, keeping diagnostics publications.
    fn recv(&mut self, deadline: Instant) -> Option<Incoming> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(inc) => {
                if inc.msg.get("method").and_then(Value::as_str)
                    == Some("textDocument/publishDiagnostics")
                {
                    let p = &inc.msg["params"];
                    let uri = p["uri"].as_str().unwrap_or_default().to_string();
                    self.published
                        .push((inc.at, uri, p.get("version").and_then(Value::as_i64)));
                }
                Some(inc)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                eprintln!("latency: the server closed its output");
                None
            }
        }
    }

    /// Send a request and wait for its reply: the round trip and the result.
    fn request(&mut self, method: &str, params: Value) -> Wait<(Duration, Value)> {
        self.next_id += 1;
        let id = self.next_id;
        let msg = encode(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let sent = Instant::now();
        write_message(&self.stdin, &msg).expect("server stdin");
        let deadline = sent + self.timeout;
        while let Some(inc) = self.recv(deadline) {
            if inc.msg.get("id").and_then(Value::as_i64) == Some(id)
                && inc.msg.get("method").is_none()
            {
                if let Some(err) = inc.msg.get("error") {
                    return Wait::Error(err["message"].as_str().unwrap_or("error").to_string());
                }
                return Wait::Got((inc.at - sent, inc.msg["result"].clone()));
            }
        }
        Wait::Timeout
    }

    /// Forget publications received so far.
    fn drain(&mut self) {
        while let Ok(inc) = self.rx.try_recv() {
            drop(inc);
        }
        self.published.clear();
    }

    /// Wait for diagnostics of `uri` published after `since`: of `version`
    /// when the server sends versions, else the first one.
    fn diagnostics(&mut self, uri: &str, version: i64, since: Instant) -> Option<Instant> {
        let deadline = since + self.timeout;
        loop {
            if let Some(&(at, _, _)) = self
                .published
                .iter()
                .find(|(at, u, v)| *at >= since && u == uri && v.is_none_or(|v| v >= version))
            {
                return Some(at);
            }
            self.recv(deadline)?;
        }
    }

    /// After a burst: the diagnostics of the final `version`, or for a server
    /// without versions the last publication before `quiet` of silence.
    fn final_diagnostics(
        &mut self,
        uri: &str,
        version: i64,
        since: Instant,
        quiet: Duration,
    ) -> Option<Instant> {
        let deadline = since + self.timeout;
        let mut last = None;
        loop {
            for (at, u, v) in &self.published {
                if *at >= since && u == uri {
                    match v {
                        Some(v) if *v >= version => return Some(*at),
                        Some(_) => {}
                        None => last = Some(*at),
                    }
                }
            }
            self.published.retain(|(_, u, _)| u != uri);
            let until = match last {
                Some(at) => (at + quiet).min(deadline),
                None => deadline,
            };
            if self.recv(until).is_none() {
                return if Instant::now() >= deadline {
                    None
                } else {
                    last
                };
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Option<Duration> {
        let lang = if uri.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        let sent = self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1, sent).map(|at| at - sent)
    }

    fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A document the harness edits, with the server's sync kind.
struct Editing {
    uri: String,
    text: String,
    version: i64,
    /// Byte offset where typed characters go.
    cursor: usize,
    incremental: bool,
    /// Whether the server put versions on its diagnostics.
    versions_seen: bool,
}

impl Editing {
    /// Type one character at the cursor and send the change.
    fn type_char(&mut self, server: &mut Server, c: char) -> Instant {
        let pos = position(&self.text, self.cursor);
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.version += 1;
        let change = if self.incremental {
            json!({"range": {"start": pos, "end": pos}, "text": c.to_string()})
        } else {
            json!({"text": self.text})
        };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": [change]}),
        )
    }
}

/// LSP position (UTF-16) of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// Where typing goes: the end of the first sentence of a paragraph in the
/// middle of the text (before its full stop), so the edits stay in prose.
fn typing_point(text: &str) -> usize {
    let mid = text.len() / 2;
    let para = text[mid..].find("\n\n").map_or(mid, |i| mid + i + 2);
    match text[para..].find(". ") {
        Some(i) => para + i,
        None => para,
    }
}

fn uri_of(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut s = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("latency: {}: {e}", path.display());
        std::process::exit(2)
    })
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("latency: {}: {e}", dir.display());
            std::process::exit(2)
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "LICENSE.md")
        })
        .collect();
    files.sort();
    files
}

/// A `key:   123 kB` line of /proc/<pid>/status, in MB.
fn proc_mb(pid: u32, key: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 1000.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn opt_ms(d: Option<Duration>) -> String {
    d.map_or_else(|| "timeout".to_string(), ms)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Median / p95 of `n` round trips of one request, or why there are none.
fn round_trips(server: &mut Server, n: usize, method: &str, params: Value) -> String {
    let mut times = Vec::new();
    for _ in 0..n {
        match server.request(method, params.clone()) {
            Wait::Got((d, _)) => times.push(d),
            Wait::Timeout => return "timeout".into(),
            Wait::Error(e) => {
                eprintln!("latency: {method}: {e}");
                return "unsupported".into();
            }
        }
    }
    times.sort();
    format!(
        "{} / {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    )
}

/// Single keystrokes, each until its diagnostics: the median.
fn keystrokes(server: &mut Server, doc: &mut Editing, n: usize, quiet: Duration) -> String {
    let mut times = Vec::new();
    for i in 0..n {
        // Let anything still in flight settle, so the next publication is ours.
        std::thread::sleep(Duration::from_millis(5));
        server.drain();
        let sent = doc.type_char(server, if i % 6 == 5 { ' ' } else { 'x' });
        let got = if doc.versions_seen {
            server.diagnostics(&doc.uri, doc.version, sent)
        } else {
            server.final_diagnostics(&doc.uri, doc.version, sent, quiet)
        };
        match got {
            Some(at) => times.push(at - sent),
            None => return "timeout".into(),
        }
    }
    times.sort();
    ms(percentile(&times, 0.5))
}

/// 50 keystrokes back to back; the time until the final version's diagnostics.
fn burst(server: &mut Server, doc: &mut Editing, quiet: Duration) -> String {
    std::thread::sleep(Duration::from_millis(5));
    server.drain();
    let mut first = None;
    for i in 0..50 {
        let sent = doc.type_char(server, if i % 6 == 5 { ' ' } else { 'y' });
        first.get_or_insert(sent);
    }
    let first = first.expect("sent");
    opt_ms(
        server
            .final_diagnostics(&doc.uri, doc.version, first, quiet)
            .map(|at| at - first),
    )
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2)
        }
    };
    let name = o.name.clone().unwrap_or_else(|| {
        Path::new(&o.server[0])
            .file_name()
            .map_or(o.server[0].clone(), |n| n.to_string_lossy().into_owned())
    });
    let corpus = corpus_files(&o.corpus);
    let doc2 = o
        .doc2
        .clone()
        .or_else(|| corpus.first().cloned())
        .expect("a second document");

    let mut server = Server::spawn(&o.server, o.timeout, o.settings.clone()).unwrap_or_else(|e| {
        eprintln!("latency: cannot start {}: {e}", o.server[0]);
        std::process::exit(2)
    });
    let pid = server.pid();
    let root = uri_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    let init = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "copydesk"}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "synchronization": {"didSave": true},
                    "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
                },
                "workspace": {"configuration": true, "workspaceFolders": true}
            }
        }),
    );
    let (init_time, caps) = match init {
        Wait::Got((d, result)) => (d, result["capabilities"].clone()),
        Wait::Timeout => {
            eprintln!("latency: no reply to initialize");
            std::process::exit(1)
        }
        Wait::Error(e) => {
            eprintln!("latency: initialize failed: {e}");
            std::process::exit(1)
        }
    };
    let sync = &caps["textDocumentSync"];
    let incremental = sync.as_i64().or_else(|| sync["change"].as_i64()) == Some(2);
    server.notify("initialized", json!({}));

    // Cold and warm opens.
    let text = read(&o.doc);
    let uri = uri_of(&o.doc);
    let cold = server.open(&uri, &text);
    let versions_seen = server
        .published
        .iter()
        .any(|(_, u, v)| u == &uri && v.is_some());
    let warm = server.open(&uri_of(&doc2), &read(&doc2));

    // Hover and documentSymbol.
    let hover_at = text.find(&o.hover_word).unwrap_or(text.len() / 2);
    let hover = round_trips(
        &mut server,
        o.n,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(&text, hover_at)}),
    );
    let symbols = round_trips(
        &mut server,
        o.n,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );

    // Keystrokes on the first document.
    let cursor = typing_point(&text);
    let mut doc = Editing {
        uri: uri.clone(),
        text,
        version: 1,
        cursor,
        incremental,
        versions_seen,
    };
    let key = keystrokes(&mut server, &mut doc, o.n.min(20), o.quiet);
    let burst_small = burst(&mut server, &mut doc, o.quiet);

    // Many articles open.
    let mut opened = 0;
    for path in corpus.iter().filter(|p| **p != doc2).take(o.open) {
        if server.open(&uri_of(path), &read(path)).is_none() {
            eprintln!(
                "latency: no diagnostics for {} within the timeout",
                path.display()
            );
        }
        opened += 1;
    }
    let rss_open = proc_mb(pid, "VmRSS:");

    // A big document: the corpus repeated.
    let (big_open, big_key, big_burst) = if o.big > 0 {
        let mut unit = String::new();
        for p in &corpus {
            unit.push_str(&read(p));
            unit.push_str("\n\n");
        }
        let mut big = String::with_capacity(o.big);
        while big.len() + unit.len() <= o.big {
            big.push_str(&unit);
        }
        let mut rest = (o.big - big.len()).min(unit.len());
        while !unit.is_char_boundary(rest) {
            rest -= 1;
        }
        big.push_str(&unit[..unit[..rest].rfind("\n\n").unwrap_or(0)]);
        let big_uri = "file:///tmp/copydesk-latency/big.md".to_string();
        let open = server.open(&big_uri, &big);
        let cursor = typing_point(&big);
        let mut doc = Editing {
            uri: big_uri,
            text: big,
            version: 1,
            cursor,
            incremental,
            versions_seen,
        };
        let (key, burst) = if open.is_some() {
            (
                keystrokes(&mut server, &mut doc, 5, o.quiet),
                burst(&mut server, &mut doc, o.quiet),
            )
        } else {
            ("skipped".into(), "skipped".into())
        };
        (opt_ms(open), key, burst)
    } else {
        ("-".into(), "-".into(), "-".into())
    };
    let peak = proc_mb(pid, "VmHWM:");
    server.shutdown();

    let mb = |m: Option<f64>| m.map_or("?".to_string(), |m| format!("{m:.1}"));
    if o.header {
        println!(
            "| server | initialize | first diagnostics, cold | warm | hover median / p95 | documentSymbol median / p95 \
| keystroke → diagnostics (median) | 50-edit burst → final diagnostics | RSS, {opened} articles open | {} KB doc: open → diagnostics | keystroke | 50-edit burst | peak RSS (VmHWM) |",
            o.big / 1024
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }
    println!(
        "| {name} | {} ms | {} ms | {} ms | {hover} ms | {symbols} ms | {key} ms | {burst_small} ms | {} MB | {big_open} ms | {big_key} ms | {big_burst} ms | {} MB |",
        ms(init_time),
        opt_ms(cold),
        opt_ms(warm),
        mb(rss_open),
        mb(peak)
    );
}
