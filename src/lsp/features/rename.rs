//! `rename`: rename every mention of the actor under the cursor.

use std::collections::HashMap;

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &RenameParams) -> Option<WorkspaceEdit> {
    let offset = snap.offset(params.text_document_position.position)?;
    let edits = crate::actors::rename_edits(&snap.analysis, &snap.text, offset, &params.new_name)?;
    let edits = edits
        .into_iter()
        .map(|e| TextEdit {
            range: snap.range(&e.range),
            new_text: e.new_text,
        })
        .collect();
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
        ..Default::default()
    })
}
