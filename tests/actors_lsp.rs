//! Protocol tests for the actor features: hover, definition, references,
//! rename, and the user's `.copydesk/actors.toml` (added actor; malformed
//! file reported with file and line while the last good base keeps working).
//! The shared client of tests/common drives the server over its stdio.

mod common;

use common::{file_url as url, Server};
use serde_json::{json, Value};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const REFERENCE: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

/// A request that must succeed: its result.
fn ok(c: &mut Server, method: &str, params: Value) -> Value {
    c.request(method, params)
        .unwrap_or_else(|e| panic!("{method} failed: {e}"))
}

/// A workspace with a `.copydesk` folder, removed when the returned guard
/// is dropped.
fn workspace(name: &str) -> TempDir {
    let dir = TempDir::new(name);
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
    let mut c = Server::in_workspace(&ws, true, Value::Null);
    let uri = url(&ws.join("story.txt"));
    c.open(&uri, "plaintext", 1, REFERENCE);
    let td = json!({"uri": uri});

    let at = pos(REFERENCE, 10, "Gerges", 0);
    let hover = ok(
        &mut c,
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

    let def = ok(
        &mut c,
        "textDocument/definition",
        json!({"textDocument": td, "position": at}),
    );
    assert_eq!(
        def["range"]["start"],
        pos(REFERENCE, 8, "Fawaz Gerges", 0),
        "{def}"
    );

    let refs = ok(
        &mut c,
        "textDocument/references",
        json!({"textDocument": td, "position": at, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 4, "{refs}");

    let hl = ok(
        &mut c,
        "textDocument/documentHighlight",
        json!({"textDocument": td, "position": at}),
    );
    assert_eq!(hl.as_array().unwrap().len(), 4, "{hl}");

    let w = pos(REFERENCE, 18, "Watling", 0);
    let prep = ok(
        &mut c,
        "textDocument/prepareRename",
        json!({"textDocument": td, "position": w}),
    );
    assert_eq!(prep["placeholder"], "Watling");
    let edit = ok(
        &mut c,
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
    let none = ok(
        &mut c,
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
    let mut c = Server::in_workspace(&ws, true, Value::Null);
    let uri = url(&ws.join("city.txt"));
    let text = "Jane Roe opened the bridge.\n\nRoe said it was late.";
    c.open(&uri, "plaintext", 1, text);
    let td = json!({"uri": uri});
    let hover = |c: &mut Server, line: u32, character: u32| {
        ok(
            c,
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
    c.wait_for_server_request("client/registerCapability", |p| {
        p["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"]
            == "**/.copydesk/actors.toml"
    });

    // A malformed file: an error with the file and line, the last good base stays.
    std::fs::write(&file, "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\n\n[[actor]]\nkind = \"mayor\"\nname = \"X\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&file), "type": 2}]}),
    );
    let shown = c.take("window/showMessage", |p| p["type"] == 1);
    let msg = shown["message"].as_str().unwrap();
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
}
