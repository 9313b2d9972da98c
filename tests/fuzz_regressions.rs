//! Every input a fuzzer ever crashed copydesk with, kept as a regression
//! test (issue 9), plus hand-written hostile inputs. Each file in
//! tests/fixtures/fuzz/ is analysed as plain text and as Markdown with the
//! same checks the fuzz targets make (ranges on character boundaries, no
//! panic). Binary inputs are read lossily, as the fuzzers' `&str` would be.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use copydesk::Markup;

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|f| f == "README.md")
        {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        common::check(&text, Markup::PlainText);
        common::check(&text, Markup::Markdown);
        n += 1;
    }
    assert!(n > 0, "no regression inputs found in {dir}");
}

fn inputs(sub: &str) -> Vec<(std::path::PathBuf, String)> {
    let dir = format!("{}/tests/fixtures/fuzz/{sub}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            (p, text)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {dir}");
    out
}

/// Inputs for the kb_user fuzz target: the parser never panics, an error
/// names the file and a line inside the text, and a parsed file builds a
/// knowledge base the analysis can use.
#[test]
fn knowledge_base_regressions() {
    for (path, text) in inputs("kb") {
        let lines = text.matches('\n').count() + 1;
        match copydesk::kb::parse("actors.toml", &text) {
            Err(e) => assert!(e.line >= 1 && e.line <= lines, "{path:?}: {e}"),
            Ok(actors) => {
                let kb = copydesk::KnowledgeBase::builtin_with(actors);
                common::check_with(
                    "\"We will not stop,\" Jane Roe said.",
                    Markup::PlainText,
                    &kb,
                    &copydesk::Config::default(),
                );
            }
        }
    }
}

/// Inputs for the config fuzz target: `.toml` through config::parse,
/// `.json` through config::from_json; errors point inside the text and the
/// config drives an analysis.
#[test]
fn config_regressions() {
    use copydesk::config::{self, Source};
    for (path, text) in inputs("config") {
        let cfg = if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let (layer, _) = config::from_json("copydesk settings", &value);
            config::resolve(&[(Source::Editor, &layer)]).config
        } else {
            let (cfg, errors) = config::parse(".copydesk.toml", &text);
            let lines = text.matches('\n').count() + 1;
            for e in &errors {
                assert!(e.line >= 1 && e.line <= lines, "{path:?}: {e}");
            }
            cfg
        };
        common::check_with(
            "\"Unsourced words in this quote,\" it went.",
            Markup::Markdown,
            copydesk::KnowledgeBase::builtin(),
            &cfg,
        );
    }
}

/// Inputs for the frames fuzz target (the editor's byte stream): the
/// re-framed stream is whole JSON-RPC messages. `huge-content-length.bin`
/// aborted the server on a failed allocation.
#[test]
fn frames_regressions() {
    let dir = format!("{}/tests/fixtures/fuzz/frames", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let out = copydesk::lsp::frames::sanitized(&std::fs::read(&path).unwrap());
        let bodies = copydesk::lsp::frames::frame_bodies(&out);
        assert!(bodies.is_ok(), "{path:?}: {bodies:?}");
        n += 1;
    }
    assert!(n > 0, "no inputs in {dir}");
}
