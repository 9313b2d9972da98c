//! Soak test over the protocol (issue 9): random edits on several documents
//! at once (plain text and Markdown: the reference article and Wikinews
//! articles), interleaved with hover, documentSymbol, codeAction, inlayHint
//! and references requests, some of them cancelled with $/cancelRequest.
//!
//! At the end the server's text equals the client's for every document,
//! every response was well formed (jsonrpc 2.0, the id asked for, exactly
//! one of `result` or an `error` object with an integer code and a message,
//! nothing unclaimed or unreadable), and the resident memory of the server
//! (VmRSS, sampled at checkpoints where every response has arrived) did not
//! keep growing.
//!
//! The default run is short (debug build, well under a minute). The long
//! run: `COPYDESK_SOAK_EDITS=100000 cargo test --release --test soak -- --nocapture`.

mod common;

use common::{position_of, reference_article, uri, Server};
use serde_json::{json, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
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

const ENCODING: &str = "utf-16";

const CHARS: &[&str] = &[
    "a", "e", " ", ".", ",", "“", "”", "\"", "'", "é", "ع", "😀", "—", "\n", "#", "*", "`",
];
const PIECES: &[&str] = &[
    "“Iran is currently the most influential state,” said Fawaz Gerges.",
    "\"We will not leave,\" the minister told reporters on Tuesday.",
    "## A new section",
    "- a list item with *emphasis*",
    "علي خامنئي said \"no\".",
    "🇮🇷🇮🇶 😀",
    "Qasem Soleimani’s men",
    "```\ncode \"not a quote\"\n```",
    "> a block quote",
];

/// A character boundary that is not between a `\r` and its `\n`.
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

/// One random edit (start, end, new text) in bytes, keeping the document
/// between half and twice its first size so memory is comparable over time.
fn random_edit(rng: &mut Rng, text: &str, first_len: usize) -> (usize, usize, String) {
    let start = boundary(text, rng.below(text.len() + 1));
    let span = |rng: &mut Rng, n: usize| boundary(text, start + 1 + rng.below(n)).max(start);
    let roll = if text.len() > first_len * 2 {
        80 // too long: delete
    } else if text.len() < first_len / 2 {
        0 // too short: type
    } else {
        rng.below(100)
    };
    match roll {
        0..=39 => (start, start, rng.pick(CHARS).to_string()),
        40..=54 => (start, start, rng.pick(PIECES).to_string()),
        55..=79 => (start, span(rng, 4), String::new()),
        80..=94 => (start, span(rng, 200), String::new()),
        _ => (start, span(rng, 60), rng.pick(PIECES).to_string()),
    }
}

fn wikinews(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/wikinews/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("wikinews article")
}

/// The first Wikinews articles in name order (deterministic).
fn wikinews_names(n: usize) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wikinews");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "LICENSE.md")
        .collect();
    names.sort();
    names.truncate(n);
    names
}

/// VmRSS of a process in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

struct Doc {
    uri: String,
    text: String,
    first_len: usize,
    version: i32,
}

/// A random request on `doc`: (method, params).
fn random_request(rng: &mut Rng, doc: &Doc) -> (&'static str, Value) {
    let text = &doc.text;
    let at = boundary(text, rng.below(text.len() + 1));
    let end = boundary(text, at + rng.below(400));
    let td = json!({"uri": doc.uri});
    let pos = position_of(text, at, ENCODING);
    let range = json!({"start": pos, "end": position_of(text, end, ENCODING)});
    match rng.below(5) {
        0 => (
            "textDocument/hover",
            json!({"textDocument": td, "position": pos}),
        ),
        1 => ("textDocument/documentSymbol", json!({"textDocument": td})),
        2 => (
            "textDocument/codeAction",
            json!({"textDocument": td, "range": range, "context": {"diagnostics": []}}),
        ),
        3 => (
            "textDocument/inlayHint",
            json!({"textDocument": td, "range": range}),
        ),
        _ => (
            "textDocument/references",
            json!({"textDocument": td, "position": pos, "context": {"includeDeclaration": true}}),
        ),
    }
}

/// Check the shape of one response and count it.
fn check_response(server: &Server, id: i64, method: &str, stats: &mut Stats) {
    let msg = server.raw_response(id);
    assert_eq!(msg["jsonrpc"], "2.0", "{method} #{id}: {msg}");
    assert_eq!(msg["id"], json!(id), "{method} #{id}: {msg}");
    match (msg.get("result"), msg.get("error")) {
        (Some(_), None) => stats.results += 1,
        (None, Some(e)) => {
            assert!(
                e["code"].is_i64(),
                "{method} #{id}: error without a code: {msg}"
            );
            assert!(
                e["message"].is_string(),
                "{method} #{id}: error without a message: {msg}"
            );
            // Cancelled requests (-32800) are expected; anything else is not.
            assert_eq!(e["code"], -32800, "{method} #{id} failed: {msg}");
            stats.cancelled_errors += 1;
        }
        _ => panic!("{method} #{id}: neither a result nor an error: {msg}"),
    }
}

#[derive(Default)]
struct Stats {
    edits: usize,
    requests: usize,
    cancels: usize,
    results: usize,
    cancelled_errors: usize,
}

#[test]
fn soak_edits_and_requests_on_several_documents() {
    let total: usize = std::env::var("COPYDESK_SOAK_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(800);
    let started = std::time::Instant::now();
    let (mut server, negotiated) = Server::initialized(&[ENCODING]);
    assert_eq!(negotiated, ENCODING);
    let pid = server.pid();

    let mut docs = Vec::new();
    let mut add = |name: String, text: String| {
        docs.push(Doc {
            uri: uri(&name),
            first_len: text.len(),
            text,
            version: 1,
        })
    };
    add("soak-reference.txt".into(), reference_article());
    let names = wikinews_names(3);
    add(format!("soak-{}", names[0]), wikinews(&names[0]));
    add("soak-wikinews-as-text.txt".into(), wikinews(&names[1]));
    add(format!("soak-{}", names[2]), wikinews(&names[2]));
    for d in &docs {
        let lang = if d.uri.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        server.open(&d.uri, lang, 1, &d.text);
    }

    let mut rng = Rng(0x5eed_c0de_d35c_0001);
    let mut stats = Stats::default();
    let mut pending: Vec<(i64, &'static str)> = Vec::new();
    let checkpoints = 20;
    let every = (total / checkpoints).max(1);
    let mut curve: Vec<(usize, u64)> = vec![(0, rss_kib(pid))];

    for i in 1..=total {
        let d = rng.below(docs.len());
        let doc = &mut docs[d];
        let (start, end, new) = random_edit(&mut rng, &doc.text, doc.first_len);
        let change = json!([{
            "range": {"start": position_of(&doc.text, start, ENCODING), "end": position_of(&doc.text, end, ENCODING)},
            "text": new,
        }]);
        doc.text.replace_range(start..end, &new);
        doc.version += 1;
        server.change(&doc.uri, doc.version, change);
        stats.edits += 1;

        if rng.below(4) == 0 {
            let d = rng.below(docs.len());
            let (method, params) = random_request(&mut rng, &docs[d]);
            let id = server.send_request(method, params);
            stats.requests += 1;
            if rng.below(5) == 0 {
                server.notify("$/cancelRequest", json!({"id": id}));
                stats.cancels += 1;
            }
            pending.push((id, method));
        }

        if i % every == 0 || i == total {
            // Checkpoint: every response in, then sample the memory.
            for (id, method) in pending.drain(..) {
                check_response(&server, id, method, &mut stats);
            }
            for d in &docs {
                let (text, version) = server.document_text(&d.uri);
                assert_eq!(version, d.version as i64, "{}", d.uri);
                assert!(text == d.text, "{}: the server's text drifted", d.uri);
            }
            curve.push((i, rss_kib(pid)));
        }
    }

    assert!(
        server.garbage().is_empty(),
        "unreadable output: {:?}",
        server.garbage()
    );
    assert!(
        server.unclaimed_responses().is_empty(),
        "responses to ids never asked: {:?}",
        server.unclaimed_responses()
    );
    let errors: Vec<Value> = server
        .notifications("window/logMessage")
        .into_iter()
        .filter(|p| p["type"] == 1)
        .collect();
    assert!(errors.is_empty(), "errors logged: {errors:?}");
    assert!(
        !server.stderr().contains("panicked at"),
        "the server panicked:\n{}",
        server.stderr()
    );

    let elapsed = started.elapsed();
    eprintln!(
        "soak: {} documents, {} edits, {} requests ({} results, {} cancelled with an error), {} cancel notifications, {:.1} s",
        docs.len(),
        stats.edits,
        stats.requests,
        stats.results,
        stats.cancelled_errors,
        stats.cancels,
        elapsed.as_secs_f64()
    );
    eprintln!("soak: VmRSS (KiB) after N edits:");
    for (n, kib) in &curve {
        eprintln!("soak:   {n:>7} {kib:>8}");
    }

    // Memory stopped growing: the second half of the run never rises far
    // above the first half's peak. A leak per edit or per request grows
    // linearly and fails this; allocator noise does not.
    let half = curve.len() / 2;
    let first_peak = curve[1..=half].iter().map(|c| c.1).max().unwrap();
    let last_peak = curve[half + 1..].iter().map(|c| c.1).max().unwrap();
    assert!(
        last_peak <= first_peak + first_peak / 4 + 8 * 1024,
        "resident memory kept growing: first half peak {first_peak} KiB, second half peak {last_peak} KiB; curve {curve:?}"
    );
    assert!(server.shutdown().success());
}
