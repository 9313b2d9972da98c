//! `documentHighlight`: every mention of the actor under the cursor.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &DocumentHighlightParams) -> Option<Vec<DocumentHighlight>> {
    let offset = snap.offset(params.text_document_position_params.position)?;
    let m = crate::actors::mention_at(&snap.analysis.actors, offset)?;
    let ranges = crate::actors::mentions_of(&snap.analysis.actors, m.actor);
    Some(
        ranges
            .iter()
            .map(|r| DocumentHighlight {
                range: snap.range(r),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}
