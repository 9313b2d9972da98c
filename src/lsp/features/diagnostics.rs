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

/// Every diagnostic of the snapshot's analysis, in protocol form.
pub fn to_lsp(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    snap.analysis
        .diagnostics
        .iter()
        .map(|d| one_to_lsp(snap, d))
        .collect()
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
