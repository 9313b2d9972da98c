//! Protocol tests of the outline features against the built server (issue 5):
//! documentSymbol (hierarchical and flat), foldingRange, codeLens and
//! workspace/symbol on the reference article.

mod common;

use common::Server;
use serde_json::{json, Value};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const REFERENCE: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

/// A server initialized with or without hierarchical symbol support, and
/// with `root` as its one workspace folder; the initialize result.
fn start(hierarchical: bool, root: Option<&std::path::Path>) -> (Server, Value) {
    let root_uri = root.map(|r| format!("file://{}", r.display()));
    let folders = root_uri
        .as_ref()
        .map(|u| json!([{"uri": u, "name": "desk"}]));
    let mut server = Server::start();
    let init = server.initialize_with(json!({
        "processId": null,
        "rootUri": root_uri,
        "workspaceFolders": folders,
        "capabilities": {
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": hierarchical}},
        },
    }));
    (server, init)
}

/// A request that must succeed.
fn ask(server: &mut Server, method: &str, params: Value) -> Value {
    server
        .request(method, params)
        .unwrap_or_else(|e| panic!("{method} failed: {e}"))
}

/// A server with the reference article open.
fn with_reference(hierarchical: bool) -> Server {
    let (mut server, _) = start(hierarchical, None);
    server.open(URI, "plaintext", 1, REFERENCE);
    server
}

const URI: &str = "file:///desk/iran-iraq-influence.txt";

fn range(sl: u64, sc: u64, el: u64, ec: u64) -> Value {
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

/// (start line, end line) of the three sections: ¶13–¶20, ¶21–¶28, ¶29–end.
const SECTION_LINES: [(u64, u64); 3] = [(24, 38), (40, 54), (56, 70)];
const TITLES: [&str; 3] = [
    "How Iran Seized Iraq",
    "Trump sends mixed messages",
    "Win hearts and minds",
];

#[test]
fn capabilities_announce_the_outline_features() {
    let (_c, init) = start(true, None);
    let caps = &init["capabilities"];
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(caps["workspaceSymbolProvider"], true);
    assert!(caps["codeLensProvider"].is_object());
}

#[test]
fn document_symbols_hierarchical() {
    let mut c = with_reference(true);
    let symbols = ask(
        &mut c,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let symbols = symbols.as_array().expect("a list of symbols");
    let sections: Vec<&Value> = symbols
        .iter()
        .filter(|s| s.get("children").is_some_and(|c| c.is_array()) && s["kind"] == 3)
        .collect();
    let names: Vec<&str> = sections
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, TITLES);
    for (s, (start, end)) in sections.iter().zip(SECTION_LINES) {
        assert_eq!(s["range"]["start"], json!({"line": start, "character": 0}));
        assert_eq!(s["range"]["end"]["line"], json!(end));
        let title_len = s["name"].as_str().unwrap().chars().count() as u64;
        assert_eq!(s["selectionRange"], range(start, 0, start, title_len));
    }
    // Children: the quotes of each section, named by speaker and first words.
    let children = |i: usize| -> Vec<String> {
        sections[i]["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(children(0), ["Watling: “Because of the…”"]);
    assert_eq!(
        children(1),
        [
            "Trump: “because I want…”",
            "Watling: “If the United…”",
            "Watling: “We have seen…”"
        ]
    );
    let last = children(2);
    assert_eq!(last.len(), 2);
    // The speaker of ¶35 is "Hitermann" as written, or "Hiltermann" once the
    // server's knowledge base corrects the spelling.
    assert!(
        last[0] == "Hitermann: “The Iraqis want…”" || last[0] == "Hiltermann: “The Iraqis want…”",
        "{last:?}"
    );
    assert_eq!(last[1], "(no source): “The Shia Iraqis…”");
    // The lead's quotes come first, at the top level, with no lead symbol.
    let top: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(top.len(), 4 + 3, "{top:?}");
    assert_eq!(top[1], "Gerges: “Iran is currently…”");
    // The last section runs to the end of the text (line 70).
    assert_eq!(
        sections[2]["range"]["end"],
        json!({"line": 70, "character": REFERENCE.lines().last().unwrap().encode_utf16().count()})
    );
}

#[test]
fn document_symbols_flat_for_clients_without_hierarchy() {
    let mut c = with_reference(false);
    let symbols = ask(
        &mut c,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let symbols = symbols.as_array().expect("a list of symbols");
    assert!(
        symbols
            .iter()
            .all(|s| s.get("location").is_some() && s.get("children").is_none()),
        "flat SymbolInformation"
    );
    let sections: Vec<&Value> = symbols.iter().filter(|s| s["kind"] == 3).collect();
    let names: Vec<&str> = sections
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, TITLES);
    for (s, (start, end)) in sections.iter().zip(SECTION_LINES) {
        assert_eq!(s["location"]["uri"], URI);
        assert_eq!(s["location"]["range"]["start"]["line"], json!(start));
        assert_eq!(s["location"]["range"]["end"]["line"], json!(end));
    }
}

#[test]
fn folding_ranges_per_section() {
    let mut c = with_reference(true);
    let ranges = ask(
        &mut c,
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    let got: Vec<(u64, u64)> = ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["startLine"].as_u64().unwrap(),
                r["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, SECTION_LINES);
    assert!(ranges
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["kind"] == "region"));
}

#[test]
fn code_lens_on_each_heading() {
    let mut c = with_reference(true);
    let lenses = ask(
        &mut c,
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    let lenses = lenses.as_array().unwrap();
    let lines: Vec<u64> = lenses
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    let mut headings = lines.clone();
    headings.dedup();
    assert_eq!(headings, SECTION_LINES.map(|(s, _)| s));
    let titles: Vec<&str> = lenses
        .iter()
        .map(|l| l["command"]["title"].as_str().expect("a title to show"))
        .collect();
    assert_eq!(titles[0], "1 quote · Watling");
    assert_eq!(titles[1], "3 quotes · Trump, Watling");
    assert!(
        titles[2] == "2 quotes · Hitermann" || titles[2] == "2 quotes · Hiltermann",
        "{titles:?}"
    );
    assert_eq!(titles[3], "⚠ 1 quote without a source");
    assert_eq!(titles.len(), 4);
    assert_eq!(lines, [24, 40, 56, 56]);
}

#[test]
fn workspace_symbols_from_open_documents_and_folders() {
    let dir = TempDir::new("workspace-symbols");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join("drafts/budget.md"),
        "# Budget vote delayed\n\nThe council met.\n\n## Reaction\n\nNone yet.",
    )
    .unwrap();
    let (mut c, _) = start(true, Some(dir.as_path()));
    c.open(URI, "plaintext", 1, REFERENCE);
    let found = ask(&mut c, "workspace/symbol", json!({"query": "hisi"}));
    let found = found.as_array().unwrap();
    assert_eq!(found[0]["name"], "How Iran Seized Iraq");
    assert_eq!(found[0]["location"]["uri"], URI);
    assert_eq!(found[0]["location"]["range"]["start"]["line"], 24);
    // Subsequence match, ranked: "trmp msg" finds the second heading first.
    let found = ask(&mut c, "workspace/symbol", json!({"query": "trmp msg"}));
    assert_eq!(found[0]["name"], "Trump sends mixed messages");
    // Actors: the people of the article, at their first mention.
    let found = ask(&mut c, "workspace/symbol", json!({"query": "fawaz"}));
    assert_eq!(found[0]["name"], "Fawaz Gerges");
    assert_eq!(found[0]["location"]["range"]["start"]["line"], 14);
    let found = ask(&mut c, "workspace/symbol", json!({"query": "budget"}));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Budget vote delayed"],
        "a file under the workspace folder that is not open"
    );
}

#[test]
fn semantic_tokens_for_quotes_and_actors() {
    let (mut c, init) = start(true, None);
    let caps = init["capabilities"].clone();
    let legend = &caps["semanticTokensProvider"]["legend"]["tokenTypes"];
    assert_eq!(legend, &json!(["string", "variable", "class", "namespace"]));
    c.open(URI, "plaintext", 1, REFERENCE);
    let result = ask(
        &mut c,
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": URI}}),
    );
    let data: Vec<u64> = result["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    // Decode to (line, character, length, type, modifiers).
    let mut tokens = Vec::new();
    let (mut line, mut ch) = (0, 0);
    for t in data.chunks(5) {
        line += t[0];
        ch = if t[0] == 0 { ch + t[1] } else { t[1] };
        tokens.push((line, ch, t[2], t[3], t[4]));
    }
    // ¶3's quote “protect everyone on the ground.” is on line 4.
    let line4: Vec<_> = tokens.iter().filter(|t| t.0 == 4 && t.3 == 0).collect();
    assert!(!line4.is_empty(), "{tokens:?}");
    // The unattributed quote of ¶36 (line 70) carries the modifier.
    assert!(
        tokens.iter().any(|t| t.0 == 70 && t.3 == 0 && t.4 == 1),
        "{tokens:?}"
    );
    // Fawaz Gerges (line 14) is a person.
    let at = REFERENCE.lines().nth(14).unwrap();
    let col = at[..at.find("Fawaz Gerges").unwrap()]
        .encode_utf16()
        .count() as u64;
    assert!(tokens.contains(&(14, col, 12, 1, 0)), "{tokens:?}");
}

#[test]
fn symbol_ranges_follow_the_negotiated_encoding() {
    // The quote of ¶16 runs from “Because… to …openly, ” (curly marks are
    // 3 bytes in UTF-8 and 1 unit in UTF-16).
    let start = REFERENCE.find("“Because of the institutional").unwrap();
    let end = REFERENCE.find("”said Jack Watling").unwrap() + "”".len();
    for encoding in ["utf-8", "utf-16"] {
        let mut server = Server::start();
        server.initialize(&[encoding]);
        server.open(URI, "plaintext", 1, REFERENCE);
        let symbols = ask(
            &mut server,
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        let section = symbols
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "How Iran Seized Iraq")
            .expect("the first section")
            .clone();
        let quote = &section["children"][0];
        assert_eq!(
            quote["range"]["start"],
            common::position_of(REFERENCE, start, encoding),
            "{encoding}"
        );
        assert_eq!(
            quote["range"]["end"],
            common::position_of(REFERENCE, end, encoding),
            "{encoding}"
        );
    }
}
