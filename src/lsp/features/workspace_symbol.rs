//! `workspace/symbol`: to be filled by the outline feature.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

/// `open` holds a snapshot of every open document; `roots` the workspace
/// folders to walk for articles that are not open.
pub fn handle(
    _open: &[Snapshot],
    _roots: &[std::path::PathBuf],
    _params: &WorkspaceSymbolParams,
) -> Option<Vec<SymbolInformation>> {
    None
}
