//! The user knowledge-base parser (.copydesk/actors.toml) on arbitrary
//! text: never panics, an error names the file and a line inside the text,
//! and a file that parses builds a knowledge base that the analysis can use
//! on text made of the actors' own names.
#![no_main]
use libfuzzer_sys::fuzz_target;

use copydesk::{Config, KnowledgeBase, Markup};

fuzz_target!(|text: &str| {
    let lines = text.matches('\n').count() + 1;
    match copydesk::kb::parse("actors.toml", text) {
        Err(e) => {
            assert_eq!(e.file, "actors.toml");
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            assert!(!e.message.is_empty());
        }
        Ok(actors) => {
            let mut prose = String::new();
            for a in actors.iter().take(8) {
                prose.push_str(&format!("\"We will not stop,\" {} said.\n\n", a.name));
                for alias in a.aliases.iter().take(2) {
                    prose.push_str(&format!("{alias} said \"no comment at all here\".\n\n"));
                }
            }
            let kb = KnowledgeBase::builtin_with(actors);
            copydesk_fuzz_common::check_with(&prose, Markup::PlainText, &kb, &Config::default());
        }
    }
});

#[path = "common.rs"]
mod copydesk_fuzz_common;
