//! The config parsers on arbitrary text: `.copydesk.toml` text through
//! config::parse and editor settings JSON through config::from_json. Never
//! panics, every error's line and column lie inside the text, and whatever
//! config comes out drives an analysis without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

use copydesk::config::{self, Source};
use copydesk::{KnowledgeBase, Markup};

const PROSE: &str = "\"We will not stop,\" the minister said on Tuesday.\n\n\
    \u{201c}It is over,\u{201d} Ali Khamenei told reporters. \"Unsourced words here\"\n";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let cfg = if selector % 2 == 0 {
        let (cfg, errors) = config::parse(".copydesk.toml", text);
        let lines = text.matches('\n').count() + 1;
        for e in &errors {
            assert_eq!(e.file, ".copydesk.toml");
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            assert!(!e.message.is_empty());
        }
        cfg
    } else {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            return;
        };
        let (layer, errors) = config::from_json("copydesk settings", &value);
        for e in &errors {
            assert!(!e.message.is_empty());
        }
        config::resolve(&[(Source::Editor, &layer)]).config
    };
    let _ = config::settings_json(&cfg);
    let _ = cfg.markup_of_path("notes/a.md");
    let markup = if selector & 2 == 0 {
        Markup::PlainText
    } else {
        Markup::Markdown
    };
    copydesk_fuzz_common::check_with(PROSE, markup, KnowledgeBase::builtin(), &cfg);
});

#[path = "common.rs"]
mod copydesk_fuzz_common;
