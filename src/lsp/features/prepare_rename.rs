//! `prepare_rename`: to be filled by its feature.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(
    _snap: &Snapshot,
    _params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    None
}
