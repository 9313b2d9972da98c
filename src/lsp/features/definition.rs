//! `definition`: where the article introduces the actor (or first names it).

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let offset = snap.offset(params.text_document_position_params.position)?;
    let m = crate::actors::mention_at(&snap.analysis.actors, offset)?;
    let target = crate::actors::definition(&snap.analysis.actors, m.actor);
    Some(GotoDefinitionResponse::Scalar(snap.location(&target)))
}
