//! `copydesk check`: diagnostics like a compiler's, or JSON.

use std::io::Write;

use copydesk::Severity;
use serde_json::json;

use super::{Analyzed, Format};

/// Exit status 1 when any warning or error is found.
pub fn render(files: &[Analyzed], format: Format, out: &mut dyn Write) -> std::io::Result<i32> {
    let mut status = 0;
    match format {
        Format::Human => {
            for f in files {
                for d in &f.analysis.diagnostics {
                    let (line, col) = f.line_col(d.range.start);
                    writeln!(out, "{}:{}:{}: {}[{}]: {}", f.path, line + 1, col + 1, d.severity.as_str(), d.code, d.message)?;
                }
            }
        }
        Format::Json => {
            let files_json: Vec<_> = files
                .iter()
                .map(|f| {
                    let diags: Vec<_> = f
                        .analysis
                        .diagnostics
                        .iter()
                        .map(|d| json!({"code": d.code, "severity": d.severity.as_str(), "message": d.message, "range": f.range_json(&d.range), "byte_range": [d.range.start, d.range.end]}))
                        .collect();
                    json!({"path": f.path, "diagnostics": diags})
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&json!({"files": files_json}))?)?;
        }
    }
    for f in files {
        if f.analysis.diagnostics.iter().any(|d| matches!(d.severity, Severity::Error | Severity::Warning)) {
            status = 1;
        }
    }
    Ok(status)
}
