//! Diagnostics to the protocol: severity, code, related information, and
//! the fixes kept in `data` for code actions.

use tower_lsp::lsp_types as lsp;

use crate::analysis::Severity;
use crate::lsp::snapshot::Snapshot;

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The diagnostics of the snapshot's analysis an editor is sent, in
/// protocol form: at most the config's `maxProblems`, the most serious
/// first ([`crate::analysis::shown`]), and then a note on the first line
/// that says how many are left out. (A run of thousands of quote marks
/// gives a finding for each; sending them all took seconds and tens of
/// megabytes of JSON, and no writer reads them.)
pub fn to_lsp(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    let all = &snap.analysis.diagnostics;
    let (shown, left_out) = crate::analysis::shown(all, snap.config.max_problems);
    let mut out: Vec<lsp::Diagnostic> = shown.into_iter().map(|d| one_to_lsp(snap, d)).collect();
    if left_out > 0 {
        let first_line = snap.text.lines().next().map_or(0, str::len);
        out.push(lsp::Diagnostic {
            range: snap.range(&(0..first_line)),
            severity: Some(lsp::DiagnosticSeverity::INFORMATION),
            source: Some("copydesk".to_string()),
            message: left_out_message(out.len(), all.len()),
            ..Default::default()
        });
    }
    out
}

/// The note sent when only `shown` of a document's `total` findings are.
pub fn left_out_message(shown: usize, total: usize) -> String {
    format!(
        "copydesk shows {shown} of this document's {total} problems, the most serious first. \
         Raise the maxProblems setting to see more, or run copydesk check on the file for all of them."
    )
}

/// One finding as the protocol's diagnostic (as [`to_lsp`] gives it).
pub fn one_to_lsp(snap: &Snapshot, d: &crate::analysis::Diagnostic) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: snap.range(&d.range),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("copydesk".to_string()),
        message: d.message.clone(),
        related_information: if snap.support.related_information && !d.related.is_empty() {
            Some(
                d.related
                    .iter()
                    .map(|r| lsp::DiagnosticRelatedInformation {
                        location: snap.location(&r.range),
                        message: r.message.clone(),
                    })
                    .collect(),
            )
        } else {
            None
        },
        ..Default::default()
    }
}
