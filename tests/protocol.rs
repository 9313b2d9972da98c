//! Protocol tests: the built `copydesk lsp --stdio` driven over JSON-RPC by
//! the client in `tests/common` (issue 2: the server's text never drifts from
//! the editor's, in any position encoding, whatever the edits).

mod common;

use common::{position_of, reference_article, uri, Server};
use serde_json::{json, Value};

/// SplitMix64: a small seeded generator, so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CHARS: &[&str] = &[
    "a", "Z", " ", ".", ",", "“", "”", "‘", "’", "\"", "é", "ع", "ل", "ي", "😀", "🇮", "🇷", "—",
    "\t", "\n",
];
const PIECES: &[&str] = &[
    "“Iran is currently the most influential state,” said Fawaz Gerges.",
    "علي خامنئي",
    "قاسم سليماني",
    "😀🎉",
    "🇮🇷🇮🇶",
    "Qasem Soleimani’s",
    "café au lait",
    "",
    "He said: ‘no’.",
    "\u{200d}👩‍👩‍👧",
];

/// A position where an edit may start or end: a character boundary that
/// is not between the `\r` and `\n` of a line break (no position names it).
fn boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset)
        || (offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n'))
    {
        offset -= 1;
    }
    offset
}

/// The next character boundary after `offset` that is a valid edit end.
fn next_boundary(text: &str, offset: usize) -> usize {
    let mut end = offset;
    loop {
        if end >= text.len() {
            return text.len();
        }
        end += 1;
        if boundary(text, end) == end {
            return end;
        }
    }
}

fn multi_line(rng: &mut Rng) -> String {
    let mut s = String::new();
    for i in 0..1 + rng.below(4) {
        if i > 0 {
            s.push_str(rng.pick(&["\n", "\n\n", "\r\n", "\n"]));
        }
        s.push_str(rng.pick(PIECES));
    }
    s
}

/// One random edit against `text`: (start, end, new text) in bytes.
fn random_edit(rng: &mut Rng, text: &str) -> (usize, usize, String) {
    let start = boundary(text, rng.below(text.len() + 1));
    match rng.below(100) {
        // A keystroke.
        0..=34 => (start, start, rng.pick(CHARS).to_string()),
        // A backspace.
        35..=59 => (start, next_boundary(text, start), String::new()),
        // A paste over several lines.
        60..=74 => (start, start, multi_line(rng)),
        // A deletion across lines.
        75..=89 => (
            start,
            boundary(text, start + rng.below(100)).max(start),
            String::new(),
        ),
        // A replacement.
        _ => (
            start,
            boundary(text, start + rng.below(80)).max(start),
            multi_line(rng),
        ),
    }
}

/// Open the reference article and send `count` random edits (one to three
/// content changes each) back to back without waiting, mirroring them on a
/// String; then the server's text and version must equal the client's.
fn random_edits_keep_text_in_step(encoding: &str, seed: u64, count: usize) {
    let (mut server, negotiated) = Server::initialized(&[encoding]);
    assert_eq!(negotiated, encoding);
    let doc = uri(&format!("random-{encoding}.txt"));
    let mut text = reference_article();
    server.open(&doc, "plaintext", 1, &text);
    let mut rng = Rng(seed);
    let mut version = 1;
    for _ in 0..count {
        let mut changes = Vec::new();
        for _ in 0..1 + rng.below(3) / 2 {
            let (start, end, new) = random_edit(&mut rng, &text);
            changes.push(json!({
                "range": {"start": position_of(&text, start, encoding), "end": position_of(&text, end, encoding)},
                "text": new,
            }));
            text.replace_range(start..end, &new);
        }
        version += 1;
        server.change(&doc, version, Value::Array(changes));
    }
    let (server_text, server_version) = server.document_text(&doc);
    assert_eq!(server_version, version as i64);
    if server_text != text {
        let at = server_text
            .bytes()
            .zip(text.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(text.len().min(server_text.len()));
        panic!("{encoding}: the server's text drifted from the client's at byte {at} (server {} bytes, client {} bytes)", server_text.len(), text.len());
    }
    // Diagnostics come for the last version, and never an older version after a newer one.
    server.diagnostics(&doc, version as i64);
    let versions: Vec<i64> = server
        .notifications("textDocument/publishDiagnostics")
        .iter()
        .filter(|p| p["uri"] == doc.as_str())
        .map(|p| {
            p["version"]
                .as_i64()
                .expect("publishDiagnostics carries a version")
        })
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "versions published out of order: {versions:?}"
    );
    let analyses = server.analyses(&doc);
    eprintln!(
        "{encoding}: {count} edits, {analyses} analyses, {} publishDiagnostics, {} bytes at the end",
        versions.len(),
        text.len()
    );
    let errors: Vec<Value> = server
        .notifications("window/logMessage")
        .into_iter()
        .filter(|p| p["type"] == 1)
        .collect();
    let panics: Vec<String> = server
        .stderr()
        .lines()
        .filter(|l| l.contains("panicked at"))
        .map(String::from)
        .collect();
    assert!(
        errors.is_empty(),
        "errors logged on valid edits: {errors:?}\npanics: {panics:?}"
    );
    assert!(server.shutdown().success());
}

#[test]
fn random_edits_in_utf16_keep_the_text_in_step() {
    random_edits_keep_text_in_step("utf-16", 0x5EED_0016, 2000);
}

#[test]
fn random_edits_in_utf8_keep_the_text_in_step() {
    random_edits_keep_text_in_step("utf-8", 0x5EED_0008, 2000);
}

#[test]
fn random_edits_in_utf32_keep_the_text_in_step() {
    random_edits_keep_text_in_step("utf-32", 0x5EED_0032, 2000);
}

#[test]
fn negotiates_the_position_encoding() {
    let cases: &[(&[&str], &str)] = &[
        (&["utf-8"], "utf-8"),
        (&["utf-16"], "utf-16"),
        (&["utf-32"], "utf-32"),
        (&["utf-32", "utf-16"], "utf-16"),
        (&["utf-16", "utf-32", "utf-8"], "utf-8"),
        (&["latin-1", "utf-32"], "utf-32"),
        (&["latin-1"], "utf-16"),
        (&[], "utf-16"),
    ];
    for (offered, expected) in cases {
        let (server, negotiated) = Server::initialized(offered);
        assert_eq!(&negotiated, expected, "offered {offered:?}");
        assert!(server.shutdown().success());
    }
}

#[test]
fn announces_incremental_sync() {
    let mut server = Server::start();
    let init = server.initialize(&[]);
    let sync = &init["capabilities"]["textDocumentSync"];
    assert_eq!(sync["change"], 2, "incremental");
    assert_eq!(sync["openClose"], true);
    assert_eq!(init["serverInfo"]["name"], "copydesk");
    assert!(server.shutdown().success());
}

#[test]
fn emoji_and_arabic_edits_in_utf16() {
    let (mut server, _) = Server::initialized(&["utf-16"]);
    let doc = uri("emoji.txt");
    server.open(&doc, "plaintext", 1, "😀 قال علي\n“Iran’s” 🇮🇷 x");
    // After the emoji (two UTF-16 units) insert a word; replace the flag (four units).
    server.change(&doc, 2, json!([{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 2}}, "text": " نعم"}]));
    server.change(&doc, 3, json!([{"range": {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 14}}, "text": "🎉"}]));
    // Delete across the line break: from after "علي" to after "“".
    server.change(&doc, 4, json!([{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 1, "character": 1}}, "text": "—"}]));
    let (text, version) = server.document_text(&doc);
    assert_eq!(text, "😀 نعم قال علي—Iran’s” 🎉x");
    assert_eq!(version, 4);
    assert!(server.shutdown().success());
}

#[test]
fn a_change_past_the_end_is_logged_and_the_text_kept() {
    let (mut server, _) = Server::initialized(&["utf-16"]);
    let doc = uri("past-end.txt");
    server.open(&doc, "plaintext", 1, "one\ntwo 😀\n");
    server.change(&doc, 2, json!([{"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 1}}, "text": "x"}]));
    let log = server.log_containing("past the end");
    assert_eq!(log["type"], 1, "an error: {log}");
    // A batch whose second change is out of range is refused as a whole.
    server.change(
        &doc,
        3,
        json!([
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "ONE"},
            {"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}, "text": "y"}
        ]),
    );
    server.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("version 3"))
    });
    assert_eq!(server.document_text(&doc), ("one\ntwo 😀\n".to_string(), 1));
    // A character past the end of a line means the line's end (LSP): accepted.
    server.change(&doc, 4, json!([{"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}, "text": "!"}]));
    assert_eq!(
        server.document_text(&doc),
        ("one!\ntwo 😀\n".to_string(), 4)
    );
    assert!(server.shutdown().success());
}

#[test]
fn a_stale_version_is_refused() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("stale.txt");
    server.open(&doc, "plaintext", 5, "abc");
    server.change(&doc, 6, json!([{"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "d"}]));
    // Same version again, then an older one: both refused.
    server.change(&doc, 6, json!([{"text": "replaced"}]));
    server.change(&doc, 4, json!([{"text": "replaced"}]));
    let log = server.log_containing("for version 4");
    assert_eq!(log["type"], 1);
    server.log_containing("for version 6");
    assert_eq!(server.document_text(&doc), ("abcd".to_string(), 6));
    // Nothing was asked of the user.
    assert!(server
        .server_requests()
        .iter()
        .all(|r| r["method"] != "window/showMessageRequest"));
    assert!(server.notifications("window/showMessage").is_empty());
    assert!(server.shutdown().success());
}

#[test]
fn a_change_before_open_is_logged() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("never-opened.txt");
    server.change(&doc, 2, json!([{"text": "hello"}]));
    server.log_containing("not open");
    let err = server
        .request(
            "copydesk/documentText",
            json!({"textDocument": {"uri": doc}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], -32602, "invalid params: {err}");
    // Opening it afterwards works as usual.
    server.open(&doc, "plaintext", 1, "now open");
    assert_eq!(server.document_text(&doc), ("now open".to_string(), 1));
    assert!(server.shutdown().success());
}

#[test]
fn an_unknown_method_is_method_not_found_and_the_server_still_answers() {
    let (mut server, _) = Server::initialized(&[]);
    let err = server
        .request("copydesk/noSuchThing", json!({}))
        .unwrap_err();
    assert_eq!(err["code"], -32601, "method not found: {err}");
    server.notify("copydesk/noSuchNotification", json!({}));
    let doc = uri("after-unknown.md");
    server.open(&doc, "markdown", 1, "# Title\n\nText.");
    assert_eq!(server.document_text(&doc).1, 1);
    assert!(server.shutdown().success());
}

#[test]
fn diagnostics_carry_the_version_and_close_clears_them() {
    let (mut server, _) = Server::initialized(&["utf-16"]);
    let doc = uri("versions.txt");
    server.open(&doc, "plaintext", 1, &reference_article());
    server.diagnostics(&doc, 1);
    server.change(&doc, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "“Hello,” "}]));
    server.diagnostics(&doc, 2);
    // A burst: only the last version is sure to be published, nothing older after it.
    let before = server.analyses(&doc);
    for v in 3..=52 {
        server.change(&doc, v, json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"}]));
    }
    server.diagnostics(&doc, 52);
    // How many analyses the burst cost depends on timing; it is reported,
    // not asserted (speed is for benchmarks).
    eprintln!(
        "a burst of 50 edits: {} analyses",
        server.analyses(&doc) - before
    );
    server.close(&doc);
    let cleared = server.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == doc.as_str() && p.get("version").is_none_or(Value::is_null)
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    let published = server.notifications("textDocument/publishDiagnostics");
    let last = published
        .iter()
        .rposition(|p| p["uri"] == doc.as_str())
        .unwrap();
    assert_eq!(
        published[last], cleared,
        "nothing is published after the clearing"
    );
    // Closed: requests on it fail, and it can be opened again.
    assert!(server
        .request(
            "copydesk/documentText",
            json!({"textDocument": {"uri": doc}})
        )
        .is_err());
    server.open(&doc, "plaintext", 1, "again");
    server.diagnostics(&doc, 1);
    assert!(server.shutdown().success());
}

#[test]
fn did_save_changes_nothing() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("saved.md");
    server.open(&doc, "markdown", 1, "Text.");
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(server.document_text(&doc), ("Text.".to_string(), 1));
    assert!(server.shutdown().success());
}

#[test]
fn exit_without_shutdown_exits_with_status_1() {
    let (mut server, _) = Server::initialized(&[]);
    server.notify("exit", Value::Null);
    let status = server.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn end_of_input_without_exit_ends_the_server() {
    let (mut server, _) = Server::initialized(&[]);
    server.close_input();
    let status = server.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn shutdown_then_exit_exits_with_status_0() {
    let (server, _) = Server::initialized(&[]);
    assert_eq!(server.shutdown().code(), Some(0));
}

#[test]
fn a_panic_fails_alone_and_the_server_keeps_serving() {
    let mut server = Server::start_with(&[("COPYDESK_TEST_HOOKS", "1")]);
    server.initialize(&[]);
    let doc = uri("panic.txt");
    server.open(&doc, "plaintext", 1, "Text.");
    // A request that panics gets an error reply.
    let err = server
        .request("copydesk/testPanic", json!({"textDocument": {"uri": doc}}))
        .unwrap_err();
    assert_eq!(err["code"], -32603, "internal error: {err}");
    // A notification that panics gets a log line.
    server.notify("copydesk/testPanicNotification", json!({}));
    let log = server.log_containing("copydesk/testPanicNotification");
    assert_eq!(log["type"], 1);
    // And the server still works: edits, requests, diagnostics.
    server.change(&doc, 2, json!([{"text": "More text."}]));
    assert_eq!(server.document_text(&doc), ("More text.".to_string(), 2));
    server.diagnostics(&doc, 2);
    assert!(server.shutdown().success());
}

#[test]
fn the_test_hooks_are_off_by_default() {
    let (mut server, _) = Server::initialized(&[]);
    let doc = uri("no-hooks.txt");
    server.open(&doc, "plaintext", 1, "Text.");
    let err = server
        .request("copydesk/testPanic", json!({"textDocument": {"uri": doc}}))
        .unwrap_err();
    assert_eq!(err["code"], -32601, "method not found: {err}");
    assert!(server.shutdown().success());
}

/// Several documents edited at once, interleaved with requests sent without
/// waiting: every document's text stays in step and every request is
/// answered with a result, not an error.
#[test]
fn interleaved_edits_and_requests_on_several_documents() {
    let (mut server, encoding) = Server::initialized(&["utf-16"]);
    let docs: Vec<String> = (0..3).map(|i| uri(&format!("multi-{i}.md"))).collect();
    let mut texts: Vec<String> = vec![reference_article(); 3];
    let mut versions = [1; 3];
    for (d, t) in docs.iter().zip(&texts) {
        server.open(d, "markdown", 1, t);
    }
    let mut rng = Rng(0x5EED_3333);
    let mut pending = Vec::new();
    for step in 0..900 {
        let i = rng.below(3);
        let (start, end, new) = random_edit(&mut rng, &texts[i]);
        let change = json!([{
            "range": {"start": position_of(&texts[i], start, &encoding), "end": position_of(&texts[i], end, &encoding)},
            "text": new,
        }]);
        texts[i].replace_range(start..end, &new);
        versions[i] += 1;
        server.change(&docs[i], versions[i], change);
        if step % 30 == 0 {
            let at = position_of(
                &texts[i],
                boundary(&texts[i], rng.below(texts[i].len() + 1)),
                &encoding,
            );
            pending.push(server.send_request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": docs[i]}}),
            ));
            pending.push(server.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": docs[i]}, "position": at}),
            ));
        }
    }
    for id in pending {
        if let Err(e) = server.response(id) {
            panic!(
                "request {id} failed: {e}\npanics: {:?}",
                server
                    .stderr()
                    .lines()
                    .filter(|l| l.contains("panicked"))
                    .collect::<Vec<_>>()
            );
        }
    }
    for i in 0..3 {
        assert_eq!(
            server.document_text(&docs[i]),
            (texts[i].clone(), versions[i] as i64),
            "document {i}"
        );
        server.diagnostics(&docs[i], versions[i] as i64);
    }
    assert!(server.shutdown().success());
}
