//! The language server honours the config's `knowledgeBases`: the files a
//! workspace's `.copydesk.toml` (or the editor settings) names are loaded
//! with `.copydesk/actors.toml`, at start, when the settings change and when
//! the client reports one of them changed; a malformed one is reported with
//! its file and line while its last good actors keep working.

mod common;

use std::time::{Duration, Instant};

use common::{file_url as url, Server};
use serde_json::{json, Value};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const STORY: &str = "Jane Roe opened the bridge.\n\nJohn Poe said it was late.";

/// A workspace with a `newsroom` folder, removed when the returned guard is
/// dropped.
fn workspace(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.join("newsroom")).unwrap();
    dir
}

fn actor(name: &str, description: &str) -> String {
    format!("[[actor]]\nkind = \"person\"\nname = \"{name}\"\ndescription = \"{description}\"\n\n")
}

/// The hover text at the start of line `line` ("" when there is none; a
/// name no knowledge base knows still gets a hover without description).
fn hover(server: &mut Server, doc: &str, line: u32) -> String {
    let h = server
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": line, "character": 1}}),
        )
        .expect("hover answers");
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

/// Ask for the hover until it satisfies `want` (the reload runs as a
/// notification is handled); fail with the last hover after a minute.
fn hover_until(server: &mut Server, doc: &str, line: u32, want: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let h = hover(server, doc, line);
        if want(&h) {
            return h;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "hover at line {line} never as expected; last: {h:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_knowledge_base_named_in_the_config_file_gives_hovers_and_is_watched() {
    let ws = workspace("file");
    let kb = ws.join("newsroom").join("actors.toml");
    std::fs::write(
        ws.join(".copydesk.toml"),
        "knowledgeBases = [\"newsroom/actors.toml\"]\n",
    )
    .unwrap();
    std::fs::write(&kb, actor("Jane Roe", "Mayor of Springfield.")).unwrap();
    let mut server = Server::in_workspace(&ws, true, Value::Null);
    let doc = url(&ws.join("city.txt"));
    server.open(&doc, "plaintext", 1, STORY);

    // Only the newsroom file knows Jane Roe.
    hover_until(&mut server, &doc, 0, |h| {
        h.contains("Mayor of Springfield.")
    });
    let h = hover(&mut server, &doc, 2);
    assert!(!h.contains("Fire chief."), "John Poe is not known yet: {h}");

    // The server asked the client to watch that file.
    let glob = json!(kb.display().to_string());
    let start = Instant::now();
    loop {
        let watched: Vec<Value> = server
            .server_requests()
            .iter()
            .filter(|r| r["method"] == "client/registerCapability")
            .flat_map(|r| r["params"]["registrations"].as_array().cloned().unwrap())
            .flat_map(|r| {
                r["registerOptions"]["watchers"]
                    .as_array()
                    .cloned()
                    .unwrap()
            })
            .map(|w| w["globPattern"].clone())
            .collect();
        if watched.contains(&glob) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{glob} not watched: {watched:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // The file changes: the new actor appears.
    std::fs::write(
        &kb,
        actor("Jane Roe", "Mayor of Springfield.") + &actor("John Poe", "Fire chief."),
    )
    .unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&kb), "type": 2}]}),
    );
    hover_until(&mut server, &doc, 2, |h| h.contains("Fire chief."));

    // Malformed (line 5 has an unknown kind): a message with file and
    // line, and the last good actors keep working.
    std::fs::write(
        &kb,
        "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\n\n[[actor]]\nkind = \"mayor\"\nname = \"X\"\n",
    )
    .unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&kb), "type": 2}]}),
    );
    let shown = server.wait_for("window/showMessage", |p| p["type"] == 1);
    let msg = shown["message"].as_str().unwrap();
    assert!(msg.contains(&format!("{}:5:", kb.display())), "{msg}");
    assert!(msg.contains("mayor"), "{msg}");
    assert!(msg.contains("knowledgeBases"), "{msg}");
    assert!(hover(&mut server, &doc, 0).contains("Mayor of Springfield."));
    assert!(hover(&mut server, &doc, 2).contains("Fire chief."));

    // The editor settings drop the file: its actors go.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"knowledgeBases": []}}}),
    );
    hover_until(&mut server, &doc, 0, |h| {
        !h.contains("Mayor of Springfield.")
    });
    let h = hover(&mut server, &doc, 2);
    assert!(!h.contains("Fire chief."), "{h}");

    assert!(server.shutdown().success());
}

#[test]
fn without_file_watching_editor_settings_name_a_knowledge_base_and_a_missing_one_is_reported() {
    let ws = workspace("editor");
    std::fs::create_dir_all(ws.join(".copydesk")).unwrap();
    std::fs::write(
        ws.join(".copydesk").join("actors.toml"),
        actor("Jane Roe", "Mayor of Springfield."),
    )
    .unwrap();
    std::fs::write(
        ws.join("newsroom").join("actors.toml"),
        actor("John Poe", "Fire chief."),
    )
    .unwrap();
    // A missing file: reported by name, the roots' actors file still used.
    let mut server = Server::in_workspace(
        &ws,
        false,
        json!({"copydesk": {"knowledgeBases": ["newsroom/gone.toml"]}}),
    );
    let doc = url(&ws.join("city.txt"));
    server.open(&doc, "plaintext", 1, STORY);
    let gone = ws.join("newsroom").join("gone.toml");
    let shown = server.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains(&gone.display().to_string()))
    });
    assert_eq!(shown["type"], 1, "{shown}");
    hover_until(&mut server, &doc, 0, |h| {
        h.contains("Mayor of Springfield.")
    });
    let h = hover(&mut server, &doc, 2);
    assert!(!h.contains("Fire chief."), "{h}");

    // The settings change to name the newsroom file (relative to the root).
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"knowledgeBases": ["newsroom/actors.toml"]}}}),
    );
    hover_until(&mut server, &doc, 2, |h| h.contains("Fire chief."));
    assert!(hover(&mut server, &doc, 0).contains("Mayor of Springfield."));
    // No watcher was registered: the client cannot do it.
    assert!(server
        .server_requests()
        .iter()
        .all(|r| r["method"] != "client/registerCapability"));

    assert!(server.shutdown().success());
}
