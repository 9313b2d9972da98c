//! One module per LSP feature. Each takes a [`Snapshot`](super::snapshot::Snapshot)
//! and the request's params and returns the protocol value: from protocol,
//! call the core, to protocol.

pub mod code_action;
pub mod code_lens;
pub mod definition;
pub mod diagnostics;
pub mod document_symbol;
pub mod folding_range;
pub mod highlight;
pub mod hover;
pub mod inlay_hint;
pub mod prepare_rename;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod workspace_symbol;
