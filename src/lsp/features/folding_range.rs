//! `textDocument/foldingRange`: one region per section, from its heading
//! line to its last line, so an editor can fold a section away.

use tower_lsp::lsp_types::*;

use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, _params: &FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let ranges = snap
        .analysis
        .outline
        .walk()
        .into_iter()
        .filter_map(|(_, s)| {
            let start = snap.position(s.range.start).line;
            let end = snap.position(s.range.end).line;
            (end > start).then(|| FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(s.title.clone()),
            })
        })
        .collect();
    Some(ranges)
}
