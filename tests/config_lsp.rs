//! Protocol tests for settings (issue 7): initializationOptions, pulled and
//! pushed workspace configuration, config files found by walking up,
//! diagnostics on a broken `.copydesk.toml`, and reloads through watched
//! files that keep the last good config.
//!
//! They use the shared client in tests/common, waiting with
//! [`Server::take`], which consumes the notification it returns, so a test
//! can wait for the *next* publication of a document at the same version
//! (settings change the diagnostics, not the version).

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{file_url as url, Server};
use serde_json::{json, Value};

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

/// The shared client (tests/common), answering `workspace/configuration`
/// with what the test sets, and waiting with [`Server::take`].
struct Client {
    server: Server,
    /// What to answer `workspace/configuration` with.
    configuration: Arc<Mutex<Value>>,
}

impl Client {
    fn start() -> Client {
        let server = Server::start();
        let configuration = Arc::new(Mutex::new(Value::Null));
        let answer = configuration.clone();
        server.on_request(move |method, params| match method {
            "workspace/configuration" => {
                let n = params["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![answer.lock().unwrap().clone(); n])
            }
            _ => Value::Null,
        });
        Client {
            server,
            configuration,
        }
    }

    fn set_configuration(&self, settings: Value) {
        *self.configuration.lock().unwrap() = settings;
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.server.notify(method, params);
    }

    /// A request that must succeed: its result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.server
            .request(method, params)
            .unwrap_or_else(|e| panic!("{method} failed: {e}"))
    }

    /// The next notification `method` whose params satisfy `want`, taken
    /// (so that a later wait sees a later one).
    fn wait_for(&mut self, method: &str, want: impl Fn(&Value) -> bool) -> Value {
        self.server.take(method, want)
    }

    /// How many times the server pulled `workspace/configuration`.
    fn pulls(&self) -> usize {
        self.server
            .server_requests()
            .iter()
            .filter(|r| r["method"] == "workspace/configuration")
            .count()
    }

    fn initialize(&mut self, capabilities: Value, options: Value, root: &Path) -> Value {
        self.server.initialize_with(json!({
            "processId": null,
            "rootUri": url(root),
            "capabilities": capabilities,
            "initializationOptions": options,
        }))
    }

    fn open(&mut self, path: &Path, language: &str, text: &str) {
        self.server.open(&url(path), language, 1, text);
    }
}

/// A workspace with a `desk` folder, removed when the returned guard is
/// dropped.
fn temp_dir(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    dir
}

fn messages(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_broken_config_file_gets_diagnostics_and_a_fixed_one_clears_them() {
    let dir = temp_dir("broken");
    let config = dir.join(".copydesk.toml");
    std::fs::write(
        &config,
        "quoteMinWords = \"five\"\n[rules]\nunatributed-quote = \"off\"\n",
    )
    .unwrap();
    let mut c = Client::start();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
        &dir,
    );
    c.open(&dir.join("desk/story.md"), "markdown", "# Title\n\nText.\n");
    let config_url = url(&config);
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_url.as_str()
    });
    let msgs = messages(&params);
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert_eq!(
        msgs[0],
        "`quoteMinWords` must be a whole number; found a string"
    );
    assert!(
        msgs[1].starts_with(
            "unknown rule `unatributed-quote` in `rules` (did you mean `unattributed-quote`?"
        ),
        "{}",
        msgs[1]
    );
    let first = &params["diagnostics"][0];
    assert_eq!(first["range"]["start"], json!({"line": 0, "character": 16}));
    assert_eq!(first["severity"], 1);
    // The server asked to watch config files.
    assert!(c
        .server
        .server_requests()
        .iter()
        .any(|r| r["method"] == "client/registerCapability"
            && r["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"]
                == "**/.copydesk.toml"));

    // Fixed on disk: the watcher's change clears the diagnostics.
    std::fs::write(&config, "quoteMinWords = 5\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_url, "type": 2}]}),
    );
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_url.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert!(messages(&params).is_empty());
}

#[test]
fn a_truncated_reload_is_reported_on_the_open_config_file() {
    let dir = temp_dir("open");
    let config = dir.join(".copydesk.toml");
    std::fs::write(&config, "version = 1\n").unwrap();
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null, &dir);
    let config_url = url(&config);
    // The config file open in the editor: diagnostics from its buffer.
    c.open(
        &config,
        "toml",
        "version = 1\n[rules]\nunattributed-quote = \"err",
    );
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_url.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let msgs = messages(&params);
    assert!(
        msgs.iter().any(|m| m.starts_with("this is not valid TOML")),
        "{msgs:?}"
    );
    assert_eq!(params["version"], 1);
}

#[test]
fn editor_settings_with_problems_are_shown() {
    let dir = temp_dir("editor");
    let mut c = Client::start();
    c.initialize(json!({}), json!({"copydesk": {"quoteMinWords": 0}}), &dir);
    let shown = c.wait_for("window/showMessage", |_| true);
    assert_eq!(
        shown["message"],
        "copydesk settings: `quoteMinWords` must be at least 1; found 0"
    );
    // Pushed settings (no workspace/configuration support) replace them.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"language": "de"}}}),
    );
    let shown = c.wait_for("window/showMessage", |_| true);
    assert_eq!(
        shown["message"],
        "copydesk settings: `language` \"de\" is not supported yet; copydesk reads \"en\""
    );
    assert_eq!(c.pulls(), 0);
}

#[test]
fn configuration_is_pulled_at_start_and_on_change_only_when_supported() {
    let dir = temp_dir("pull");
    let mut c = Client::start();
    c.set_configuration(json!({"speechVerbs": [3]}));
    c.initialize(
        json!({"workspace": {"configuration": true}}),
        Value::Null,
        &dir,
    );
    let shown = c.wait_for("window/showMessage", |_| true);
    assert_eq!(
        shown["message"],
        "copydesk settings: `speechVerbs[0]` must be a string; found a number"
    );
    assert_eq!(c.pulls(), 1);
    assert_eq!(
        c.server.server_requests()[0]["params"]["items"][0]["section"],
        "copydesk"
    );
    // Typing does not pull.
    let doc = dir.join("desk/a.txt");
    c.open(&doc, "plaintext", "One.");
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == url(&doc).as_str()
    });
    for v in 2..6 {
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": url(&doc), "version": v}, "contentChanges": [{"text": format!("One {v}.")}]}));
    }
    c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 5);
    assert_eq!(c.pulls(), 1);
    // A change notification pulls again.
    c.set_configuration(json!({"speechVerbs": ["", "quip"]}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let shown = c.wait_for("window/showMessage", |_| true);
    assert_eq!(
        shown["message"],
        "copydesk settings: `speechVerbs` item 1 is empty"
    );
    assert_eq!(c.pulls(), 2);
}

const UNSOURCED: &str = "“The Shia Iraqis may be vaguely aligned with Iran.”\n";

/// (code, severity) of each diagnostic published for `uri` with `version`.
fn published(
    c: &mut Client,
    uri: &str,
    want: impl Fn(&[(String, u64)]) -> bool,
) -> Vec<(String, u64)> {
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && want(&severities(p))
    });
    severities(&params)
}

fn severities(p: &Value) -> Vec<(String, u64)> {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn initialization_options_set_a_severity_and_did_change_configuration_changes_it() {
    let dir = temp_dir("severity-push");
    let mut c = Client::start();
    c.initialize(
        json!({}),
        json!({"copydesk": {"rules": {"unattributed-quote": "error"}}}),
        &dir,
    );
    let doc = url(&dir.join("desk/story.txt"));
    c.open(&dir.join("desk/story.txt"), "plaintext", UNSOURCED);
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 1)]
    );
    // Pushed settings, re-published without an edit.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "hint"}}}}),
    );
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 4)]
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "off"}}}}),
    );
    assert_eq!(published(&mut c, &doc, |_| true), vec![]);
}

#[test]
fn pulled_settings_override_the_config_file() {
    let dir = temp_dir("severity-pull");
    std::fs::write(
        dir.join(".copydesk.toml"),
        "[rules]\nunattributed-quote = \"error\"\n",
    )
    .unwrap();
    let mut c = Client::start();
    c.initialize(
        json!({"workspace": {"configuration": true}}),
        Value::Null,
        &dir,
    );
    let path = dir.join("desk/story.md");
    let doc = url(&path);
    c.open(&path, "markdown", UNSOURCED);
    // The file applies (default < file).
    assert_eq!(
        published(&mut c, &doc, |d| !d.is_empty()),
        vec![("unattributed-quote".to_string(), 1)]
    );
    // The editor's pulled settings win over the file (file < editor).
    c.set_configuration(json!({"rules": {"unattributed-quote": "information"}}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(
        published(&mut c, &doc, |d| d.first().is_some_and(|x| x.1 == 3)),
        vec![("unattributed-quote".to_string(), 3)]
    );
    // Settings that do not name the rule leave the file's level.
    c.set_configuration(json!({"quoteMinWords": 4}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(
        published(&mut c, &doc, |d| d.first().is_some_and(|x| x.1 == 1)),
        vec![("unattributed-quote".to_string(), 1)]
    );
}

#[test]
fn a_changed_config_file_re_publishes_and_a_broken_one_keeps_the_last_good() {
    let dir = temp_dir("severity-file");
    let config = dir.join(".copydesk.toml");
    std::fs::write(&config, "[rules]\nunattributed-quote = \"error\"\n").unwrap();
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null, &dir);
    let path = dir.join("desk/story.txt");
    let doc = url(&path);
    c.open(&path, "plaintext", UNSOURCED);
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 1)]
    );
    std::fs::write(&config, "[rules]\nunattributed-quote = \"hint\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&config), "type": 2}]}),
    );
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 4)]
    );
    // Truncated: the config file gets a diagnostic, the document keeps "hint".
    std::fs::write(&config, "[rules]\nunattributed-quote = \"err").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&config), "type": 2}]}),
    );
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == url(&config).as_str() && !messages(p).is_empty()
    });
    assert!(
        messages(&params)
            .iter()
            .any(|m| m.starts_with("this is not valid TOML")),
        "{params}"
    );
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 4)]
    );
    // The file goes away: defaults again.
    std::fs::remove_file(&config).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&config), "type": 3}]}),
    );
    assert_eq!(
        published(&mut c, &doc, |_| true),
        vec![("unattributed-quote".to_string(), 2)]
    );
}

#[test]
fn the_ignore_code_action_is_a_workspace_edit() {
    let dir = temp_dir("ignore-action");
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null, &dir);
    let path = dir.join("desk/story.md");
    let doc = url(&path);
    let text = format!("Intro.\n\n{UNSOURCED}");
    c.open(&path, "markdown", &text);
    let params = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == doc.as_str()
    });
    let diagnostic = params["diagnostics"][0].clone();
    let reply = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    let actions = reply.as_array().expect("actions");
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore unattributed-quote in this paragraph")
        .expect("an ignore action");
    assert!(
        ignore.get("command").is_none_or(Value::is_null),
        "no client-side command: {ignore}"
    );
    let edits = &ignore["edit"]["changes"][doc.as_str()];
    assert_eq!(
        edits,
        &json!([{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "newText": "<!-- copydesk-ignore unattributed-quote -->\n"}])
    );
}

#[test]
fn initialization_options_mean_no_pull_at_start_and_an_empty_pull_keeps_them() {
    let dir = temp_dir("empty-pull");
    let mut c = Client::start();
    c.initialize(
        json!({"workspace": {"configuration": true}}),
        json!({"rules": {"unattributed-quote": "error"}}),
        &dir,
    );
    let path = dir.join("desk/story.txt");
    c.open(&path, "plaintext", UNSOURCED);
    assert_eq!(
        published(&mut c, &url(&path), |_| true),
        vec![("unattributed-quote".to_string(), 1)]
    );
    assert_eq!(c.pulls(), 0);
    // The pull model: a notification without settings makes the server ask;
    // an empty answer keeps what it has.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(
        published(&mut c, &url(&path), |_| true),
        vec![("unattributed-quote".to_string(), 1)]
    );
    assert_eq!(c.pulls(), 1);
}

#[test]
fn settings_sent_with_the_notification_are_used_without_a_pull() {
    let dir = temp_dir("sent");
    let mut c = Client::start();
    c.set_configuration(json!({"rules": {"unattributed-quote": "error"}}));
    c.initialize(
        json!({"workspace": {"configuration": true}}),
        json!({}),
        &dir,
    );
    let path = dir.join("desk/story.txt");
    c.open(&path, "plaintext", UNSOURCED);
    assert_eq!(
        published(&mut c, &url(&path), |_| true),
        vec![("unattributed-quote".to_string(), 2)]
    );
    // As the VS Code extension sends them: the client's own keys ride along and are skipped quietly.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"unattributed-quote": "hint"}, "server": {"path": ""}, "trace": {"server": "off"}}}}),
    );
    assert_eq!(
        published(&mut c, &url(&path), |_| true),
        vec![("unattributed-quote".to_string(), 4)]
    );
    assert_eq!(c.pulls(), 0);
    let shown = c.server.notifications("window/showMessage");
    assert!(shown.is_empty(), "{shown:?}");
}

#[test]
fn effective_config_names_the_origin_of_each_value() {
    let dir = temp_dir("effective");
    let config = dir.join(".copydesk.toml");
    std::fs::write(
        &config,
        "quoteMinWords = 6\n[rules]\nunattributed-quote = \"error\"\n",
    )
    .unwrap();
    let mut c = Client::start();
    c.initialize(
        json!({}),
        json!({"copydesk": {"rules": {"name-misspelling": "off"}}}),
        &dir,
    );
    let path = dir.join("desk/story.md");
    c.open(&path, "markdown", "Text.\n");
    let reply = c.request(
        "copydesk/effectiveConfig",
        json!({"textDocument": {"uri": url(&path)}}),
    );
    let r = &reply;
    assert_eq!(r["configFile"], config.display().to_string());
    assert_eq!(r["settings"]["quoteMinWords"], 6);
    assert_eq!(r["settings"]["rules"]["name-misspelling"], "off");
    assert_eq!(r["settings"]["rules"]["inconsistent-name"], "warning");
    assert_eq!(
        r["origins"]["quoteMinWords"],
        json!({"from": "file", "path": config.display().to_string(), "line": 1})
    );
    assert_eq!(
        r["origins"]["rules.unattributed-quote"],
        json!({"from": "file", "path": config.display().to_string(), "line": 3})
    );
    assert_eq!(
        r["origins"]["rules.name-misspelling"],
        json!({"from": "editor"})
    );
    assert_eq!(r["origins"]["language"], json!({"from": "default"}));
}

#[test]
fn markup_globs_apply_to_open_documents() {
    // In Markdown the code span hides the quote; in plain text it is prose.
    let dir = temp_dir("markup");
    let text = format!("`{}`\n", UNSOURCED.trim());
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null, &dir);
    let plain = dir.join("desk/a.txt");
    c.open(&plain, "plaintext", &text);
    assert_eq!(published(&mut c, &url(&plain), |_| true).len(), 1);

    std::fs::write(
        dir.join(".copydesk.toml"),
        "[markup]\n\"desk/*.txt\" = \"markdown\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&dir.join(".copydesk.toml")), "type": 1}]}),
    );
    assert_eq!(published(&mut c, &url(&plain), |_| true), vec![]);
    // Removing the glob gives the document its own markup back.
    std::fs::write(dir.join(".copydesk.toml"), "version = 1\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&dir.join(".copydesk.toml")), "type": 2}]}),
    );
    assert_eq!(published(&mut c, &url(&plain), |_| true).len(), 1);
}

#[test]
fn max_problems_caps_what_is_published_the_most_serious_first() {
    use copydesk::{analyze, Config, KnowledgeBase, Markup};
    let dir = temp_dir("max-problems");
    let mut c = Client::start();
    c.initialize(json!({}), json!({}), &dir);
    // Thousands of opening marks (a hint for each pair), then an
    // unattributed quote: its warning comes last in the text, after 1,500
    // hints.
    let text = format!("{}\n\n{UNSOURCED}", "“".repeat(3000));
    let total = analyze(
        &text,
        Markup::PlainText,
        KnowledgeBase::builtin(),
        &Config::default(),
    )
    .diagnostics
    .len();
    assert!(total > 1000, "{total}");
    let path = dir.join("desk/marks.txt");
    let doc = url(&path);
    c.open(&path, "plaintext", &text);
    let codes = |p: &Value| -> Vec<String> {
        p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("(note)").to_string())
            .collect()
    };
    let count = |codes: &[String], code: &str| codes.iter().filter(|c| *c == code).count();

    // By default 1000, every warning among them, then the note.
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == doc);
    let got = codes(&p);
    assert_eq!(got.len(), 1001);
    assert_eq!(count(&got, "unattributed-quote"), 1);
    assert_eq!(count(&got, "misdirected-quote-mark"), 999);
    let note = &p["diagnostics"][1000];
    assert_eq!(got[1000], "(note)");
    assert_eq!(note["severity"], 3);
    assert_eq!(
        note["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3000}})
    );
    assert_eq!(
        note["message"],
        format!(
            "copydesk shows 1000 of this document's {total} problems, the most serious first. \
             Raise the maxProblems setting to see more, or run copydesk check on the file for all of them."
        )
    );

    // No limit: all of them, and no note.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"maxProblems": 0}}}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == doc);
    assert_eq!(codes(&p).len(), total);
    assert!(!codes(&p).contains(&"(note)".to_string()));

    // Three: the warning, and the first two hints in the text.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"maxProblems": 3}}}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == doc);
    let got = codes(&p);
    assert_eq!(
        got,
        vec![
            "misdirected-quote-mark",
            "misdirected-quote-mark",
            "unattributed-quote",
            "(note)"
        ]
    );
    let at = |i: usize| p["diagnostics"][i]["range"]["start"].clone();
    assert_eq!(at(0), json!({"line": 0, "character": 1}));
    assert_eq!(at(1), json!({"line": 0, "character": 3}));
    assert_eq!(at(2), json!({"line": 2, "character": 0}));
}
