//! Analysis of arbitrary text as plain text: never panics, every range in
//! the result lies on character boundaries inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    copydesk_fuzz_common::check(text, copydesk::Markup::PlainText);
});

#[path = "common.rs"]
mod copydesk_fuzz_common;
