//! `textDocument/inlayHint`: after a pronoun or role that attributes a quote
//! (`he said`), the speaker it was resolved to (` Jack Watling`), for the
//! mentions inside the requested range. Clients without inlay hints lose
//! nothing: the same name is in hover and `copydesk sources`.

use tower_lsp::lsp_types::*;

use crate::analysis::Via;
use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &InlayHintParams) -> Option<Vec<InlayHint>> {
    let requested = snap.byte_range(params.range)?;
    let hints = snap
        .analysis
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .filter(|s| matches!(s.via, Via::Pronoun | Via::Role) && s.name != s.mention)
        .filter(|s| {
            requested.start <= s.mention_range.start && s.mention_range.end <= requested.end
        })
        .map(|s| InlayHint {
            position: snap.position(s.mention_range.end),
            label: InlayHintLabel::String(format!(" {}", s.name)),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!(
                "“{}” is {}, the nearest speaker named before it.",
                s.mention, s.name
            ))),
            padding_left: None,
            padding_right: None,
            data: None,
        })
        .collect();
    Some(hints)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::features::code_action::tests::snapshot;

    fn hints(text: &str, range: std::ops::Range<usize>) -> Vec<(String, String)> {
        let snap = snapshot(text);
        let params = InlayHintParams {
            text_document: TextDocumentIdentifier {
                uri: snap.uri.clone(),
            },
            range: snap.range(&range),
            work_done_progress_params: Default::default(),
        };
        handle(&snap, &params)
            .unwrap()
            .into_iter()
            .map(|h| {
                let at = snap.offset(h.position).unwrap();
                let label = match h.label {
                    InlayHintLabel::String(s) => s,
                    InlayHintLabel::LabelParts(_) => panic!("string label"),
                };
                (text[..at].rsplit(' ').next().unwrap().to_string(), label)
            })
            .collect()
    }

    #[test]
    fn resolved_name_after_pronoun() {
        let text = "Jack Watling works in London. Watling said the US had shifted.\n\n“There are contradictions in American policy,” he said. “Gerges is wrong,” said Fawaz Gerges.";
        assert_eq!(
            hints(text, 0..text.len()),
            vec![("he".to_string(), " Jack Watling".to_string())]
        );
        let para2 = text.find("“There").unwrap();
        assert!(
            hints(text, 0..para2).is_empty(),
            "only inside the requested range"
        );
    }
}
