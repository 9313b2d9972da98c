//! Settings over the protocol with the shared test client (issue 7): a
//! severity set by initializationOptions, changed by a pushed
//! didChangeConfiguration, and by a pulled workspace/configuration.

mod common;

use std::sync::{Arc, Mutex};

use common::{uri, Server};
use serde_json::{json, Value};

const UNSOURCED: &str = "“The Shia Iraqis may be vaguely aligned with Iran.”\n";

/// Wait for `doc`'s diagnostics to be exactly one unattributed-quote with
/// this LSP severity (1 error ... 4 hint), or none when `None`.
fn wait_severity(server: &Server, doc: &str, severity: Option<u64>) {
    server.wait_for("textDocument/publishDiagnostics", |p| {
        let diags = p["diagnostics"].as_array().cloned().unwrap_or_default();
        p["uri"] == doc
            && match severity {
                None => diags.is_empty(),
                Some(s) => {
                    diags.len() == 1
                        && diags[0]["code"] == "unattributed-quote"
                        && diags[0]["severity"] == s
                }
            }
    });
}

#[test]
fn initialization_options_then_pushed_changes() {
    let mut server = Server::start();
    server.initialize_with(json!({
        "processId": null,
        "rootUri": "file:///copydesk-test",
        "capabilities": {},
        "initializationOptions": {"copydesk": {"rules": {"unattributed-quote": "error"}}},
    }));
    let doc = uri("story.txt");
    server.open(&doc, "plaintext", 1, UNSOURCED);
    wait_severity(&server, &doc, Some(1));
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "hint"}}}}),
    );
    wait_severity(&server, &doc, Some(4));
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "off"}}}}),
    );
    wait_severity(&server, &doc, None);
    assert!(server
        .server_requests()
        .iter()
        .all(|r| r["method"] != "workspace/configuration"));
    assert!(server.shutdown().success());
}

#[test]
fn pulled_configuration_at_start_and_on_change() {
    let mut server = Server::start();
    let answer = Arc::new(Mutex::new(
        json!({"rules": {"unattributed-quote": "information"}}),
    ));
    let a = answer.clone();
    server.on_request(move |method, params| match method {
        "workspace/configuration" => {
            assert_eq!(params["items"][0]["section"], "copydesk");
            json!([a.lock().unwrap().clone()])
        }
        _ => Value::Null,
    });
    server.initialize_with(json!({
        "processId": null,
        "rootUri": "file:///copydesk-test",
        "capabilities": {"workspace": {"configuration": true}},
    }));
    let doc = uri("story.md");
    server.open(&doc, "markdown", 1, UNSOURCED);
    wait_severity(&server, &doc, Some(3));
    *answer.lock().unwrap() = json!({"rules": {"unattributed-quote": "error"}});
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    wait_severity(&server, &doc, Some(1));
    let pulls = server
        .server_requests()
        .iter()
        .filter(|r| r["method"] == "workspace/configuration")
        .count();
    assert_eq!(pulls, 2);
    assert!(server.shutdown().success());
}
