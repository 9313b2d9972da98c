//! `textDocument/codeAction`: one quick fix per `Fix` of every diagnostic
//! overlapping the requested range, as a workspace edit on this document.
//! The server applies nothing itself and uses no client commands.

use std::collections::HashMap;

use tower_lsp::lsp_types::*;

use crate::lsp::features::diagnostics;
use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, params: &CodeActionParams) -> Option<CodeActionResponse> {
    if let Some(only) = &params.context.only {
        let wanted = only
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()));
        if !wanted {
            return Some(Vec::new());
        }
    }
    let requested = snap.byte_range(params.range)?;
    let mut out = Vec::new();
    for d in &snap.analysis.diagnostics {
        let overlaps = d.range.start <= requested.end && requested.start <= d.range.end;
        if !overlaps || d.fixes.is_empty() {
            continue;
        }
        // (Only the findings at the cursor are converted: the editor asks
        // at every move, and a long document has thousands.)
        let lsp_diagnostic = diagnostics::one_to_lsp(snap, d);
        for (i, fix) in d.fixes.iter().enumerate() {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: snap.range(&e.range),
                    new_text: e.new_text.clone(),
                })
                .collect();
            let changes = HashMap::from([(snap.uri.clone(), edits)]);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(i == 0),
                ..Default::default()
            }));
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lsp::snapshot::{ClientSupport, Snapshot};
    use crate::{analyze, Config, KnowledgeBase, Markup};

    pub(crate) fn snapshot(text: &str) -> Snapshot {
        let analysis = analyze(
            text,
            Markup::PlainText,
            KnowledgeBase::empty(),
            &Config::default(),
        );
        Snapshot {
            uri: Url::parse("file:///story.txt").unwrap(),
            version: 1,
            text: Arc::from(text),
            rope: ropey::Rope::from_str(text),
            analysis: Arc::new(analysis),
            encoding: crate::text::Encoding::Utf16,
            kb: Arc::new(KnowledgeBase::default()),
            config: Arc::new(Config::default()),
            support: Arc::new(ClientSupport::default()),
        }
    }

    fn params(snap: &Snapshot, range: std::ops::Range<usize>) -> CodeActionParams {
        CodeActionParams {
            text_document: TextDocumentIdentifier {
                uri: snap.uri.clone(),
            },
            range: snap.range(&range),
            context: CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        }
    }

    /// Apply one action's edits to the text.
    fn apply(snap: &Snapshot, action: &CodeAction) -> String {
        let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&snap.uri];
        let mut text = snap.text.to_string();
        let mut byte_edits: Vec<_> = edits
            .iter()
            .map(|e| (snap.byte_range(e.range).unwrap(), e.new_text.clone()))
            .collect();
        byte_edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        for (r, t) in byte_edits {
            text.replace_range(r, &t);
        }
        text
    }

    fn actions(text: &str, at: &str) -> Vec<(String, String, bool)> {
        let snap = snapshot(text);
        let start = text.find(at).unwrap();
        let resp = handle(&snap, &params(&snap, start..start + at.len())).unwrap();
        resp.iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => {
                    assert_eq!(a.kind, Some(CodeActionKind::QUICKFIX));
                    assert_eq!(a.diagnostics.as_ref().unwrap().len(), 1);
                    (
                        a.title.clone(),
                        apply(&snap, a),
                        a.is_preferred == Some(true),
                    )
                }
                CodeActionOrCommand::Command(_) => panic!("no commands"),
            })
            .collect()
    }

    #[test]
    fn misdirected_and_spacing_fixes() {
        let text = "“If they leave, they will go home “said Gerges.";
        let got = actions(text, "“said");
        assert_eq!(
            got,
            vec![
                (
                    "Fix the spacing around the quote mark".to_string(),
                    "“If they leave, they will go home“ said Gerges.".to_string(),
                    true
                ),
                (
                    "Ignore quote-mark-spacing in this paragraph".to_string(),
                    "[copydesk-ignore quote-mark-spacing]\n“If they leave, they will go home “said Gerges.".to_string(),
                    false
                ),
                (
                    "Replace “ with ”".to_string(),
                    "“If they leave, they will go home ”said Gerges.".to_string(),
                    true
                ),
                (
                    "Ignore misdirected-quote-mark in this paragraph".to_string(),
                    "[copydesk-ignore misdirected-quote-mark]\n“If they leave, they will go home “said Gerges.".to_string(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn attribution_template_for_unattributed_quote() {
        let text = "“We want neither of them,” said Hitermann.\n\n“The Shia Iraqis may be vaguely aligned with Iran.”";
        let got = actions(text, "Shia");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "Attribute to Hitermann: “Hitermann said”");
        assert_eq!(got[1].0, "Ignore unattributed-quote in this paragraph");
        assert!(
            got[0].1.ends_with("aligned with Iran,” Hitermann said."),
            "{}",
            got[0].1
        );
    }

    #[test]
    fn nothing_outside_the_range_or_when_only_other_kinds() {
        let text = "Calm prose here.\n\n“If they leave, they will go home “said Gerges.";
        assert!(actions(text, "Calm").is_empty());
        let snap = snapshot(text);
        let mut p = params(&snap, 0..text.len());
        p.context.only = Some(vec![CodeActionKind::REFACTOR]);
        assert_eq!(handle(&snap, &p), Some(vec![]));
    }
}
