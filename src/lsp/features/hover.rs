//! `hover`: who the actor under the cursor is and how this article uses it.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &HoverParams) -> Option<Hover> {
    let offset = snap.offset(params.text_document_position_params.position)?;
    let (range, text) = crate::actors::hover_markdown(&snap.analysis, &snap.text, offset)?;
    let contents = HoverContents::Markup(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text,
    });
    Some(Hover {
        contents,
        range: Some(snap.range(&range)),
    })
}
