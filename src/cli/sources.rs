//! `copydesk sources`: every quotation and who said it, as a table for
//! people or as JSON for tools (the shape is documented in the README):
//!
//! `{"files":[{"path","quotes":[{"kind","text","byte_range":[s,e],"range":{...},
//! "speaker":null|{"mention","mention_byte_range":[s,e],"name","actor","via"}}]}]}`

use std::io::Write;

use copydesk::{Quote, QuoteKind};
use serde_json::{json, Value};

use super::{Analyzed, Format};

/// Exit status 0: listing sources is never a failure.
pub fn render(files: &[Analyzed], format: Format, out: &mut dyn Write) -> std::io::Result<i32> {
    match format {
        Format::Human => {
            for (i, f) in files.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", f.path)?;
                if f.analysis.quotes.is_empty() {
                    writeln!(out, "  (no quotations)")?;
                }
                for q in &f.analysis.quotes {
                    let (line, _) = f.line_col(q.range.start);
                    let who = match &q.speaker {
                        Some(s) if s.mention != s.name => {
                            format!("{} → {} ({})", s.mention, s.name, via(s.via))
                        }
                        Some(s) => format!("{} ({})", s.name, via(s.via)),
                        None if q.kind == QuoteKind::Term => "-".to_string(),
                        None => "NO SOURCE".to_string(),
                    };
                    writeln!(
                        out,
                        "  {:>5}  ¶{:<3}  {:<5}  {:<40}  {}",
                        format!("{}:", line + 1),
                        q.paragraph + 1,
                        kind(q),
                        who,
                        excerpt(&q.text, 60)
                    )?;
                }
            }
        }
        Format::Json => {
            let files_json: Vec<Value> = files.iter().map(|f| json!({"path": f.path, "quotes": f.analysis.quotes.iter().map(|q| quote_json(f, q)).collect::<Vec<_>>()})).collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({"files": files_json}))?
            )?;
        }
    }
    Ok(0)
}

fn kind(q: &Quote) -> &'static str {
    match q.kind {
        QuoteKind::Quote => "quote",
        QuoteKind::Term => "term",
    }
}

fn via(v: copydesk::Via) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn excerpt(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    format!("“{out}”")
}

fn quote_json(f: &Analyzed, q: &Quote) -> Value {
    let speaker = match &q.speaker {
        None => Value::Null,
        Some(s) => json!({
            "mention": s.mention,
            "mention_byte_range": [s.mention_range.start, s.mention_range.end],
            "name": s.name,
            "actor": s.actor,
            "via": via(s.via),
        }),
    };
    json!({
        "kind": kind(q),
        "text": q.text,
        "byte_range": [q.range.start, q.range.end],
        "range": f.range_json(&q.range),
        "speaker": speaker,
    })
}
