//! The editor's byte stream, re-framed by `copydesk::lsp::frames` before
//! tower-lsp reads it, on arbitrary bytes: never panics or aborts (a
//! `Content-Length` of 10^17 once aborted the server on its allocation),
//! always ends, and what comes out is whole frames, each a JSON-RPC
//! message no longer than the largest frame copydesk reads.
#![no_main]
use libfuzzer_sys::fuzz_target;

use copydesk::lsp::frames::{frame_bodies, sanitized};

fuzz_target!(|input: &[u8]| {
    let out = sanitized(input);
    if let Err(e) = frame_bodies(&out) {
        panic!("{e}");
    }
});
