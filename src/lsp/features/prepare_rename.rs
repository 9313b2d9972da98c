//! `prepareRename`: only an actor's mention can be renamed.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(
    snap: &Snapshot,
    params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let offset = snap.offset(params.position)?;
    let m = crate::actors::mention_at(&snap.analysis.actors, offset)?;
    let placeholder = snap.text[m.range.clone()].to_string();
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(&m.range),
        placeholder,
    })
}
