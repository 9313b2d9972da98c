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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::features::document_symbol::{story_quotes, test_snapshot, STORY};
    use crate::markup::Markup;

    #[test]
    fn one_region_per_section_from_heading_to_last_line() {
        let snap = test_snapshot(STORY, Markup::Markdown, Some(story_quotes()), true);
        let params = FoldingRangeParams {
            text_document: TextDocumentIdentifier {
                uri: snap.uri.clone(),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let got: Vec<(u32, u32, Option<String>)> = handle(&snap, &params)
            .unwrap()
            .into_iter()
            .map(|f| (f.start_line, f.end_line, f.collapsed_text))
            .collect();
        assert_eq!(
            got,
            [
                (2, 8, Some("Background".into())),
                (6, 8, Some("Detail".into())),
                (10, 12, Some("Reaction".into()))
            ]
        );
    }
}
