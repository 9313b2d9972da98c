//! `references`: every mention of the actor under the cursor.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &ReferenceParams) -> Option<Vec<Location>> {
    let offset = snap.offset(params.text_document_position.position)?;
    let m = crate::actors::mention_at(&snap.analysis.actors, offset)?;
    Some(
        crate::actors::mentions_of(&snap.analysis.actors, m.actor)
            .iter()
            .map(|r| snap.location(r))
            .collect(),
    )
}
