//! `copydesk actors`: the actors of each file with kind, mention count and
//! introduction, as a table or as JSON (shape documented in the README).

use std::io::Write;

use serde_json::json;

use super::{Analyzed, Format};

pub fn render(files: &[Analyzed], format: Format, out: &mut dyn Write) -> std::io::Result<i32> {
    match format {
        Format::Human => {
            for f in files {
                writeln!(out, "{}", f.path)?;
                let r = &f.analysis.actors;
                if r.actors.is_empty() {
                    writeln!(out, "  (no actors)")?;
                    continue;
                }
                let width = r
                    .actors
                    .iter()
                    .map(|a| a.name.chars().count())
                    .max()
                    .unwrap_or(0)
                    .min(40);
                for a in &r.actors {
                    let (line, _) = f.line_col(a.first_mention.start);
                    let intro = a
                        .introduction
                        .as_ref()
                        .map(|i| format!("  ¶{}: {}", i.paragraph + 1, i.role))
                        .unwrap_or_default();
                    let row = format!(
                        "  {:<width$}  {:<12} {:>3}×  line {:<4}{}",
                        a.name,
                        a.kind.as_str(),
                        a.mention_count,
                        line + 1,
                        intro,
                        width = width
                    );
                    writeln!(out, "{}", row.trim_end())?;
                }
            }
        }
        Format::Json => {
            let files_json: Vec<_> = files
                .iter()
                .map(|f| {
                    let r = &f.analysis.actors;
                    let actors: Vec<_> = r
                        .actors
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let mentions: Vec<_> = r
                                .mentions
                                .iter()
                                .filter(|m| m.actor == i)
                                .map(|m| json!({"text": &f.text[m.range.clone()], "range": f.range_json(&m.range), "byte_range": [m.range.start, m.range.end]}))
                                .collect();
                            json!({
                                "id": a.id,
                                "kind": a.kind.as_str(),
                                "name": a.name,
                                "description": a.description,
                                "aliases": a.aliases,
                                "source": a.source,
                                "introduction": a.introduction.as_ref().map(|i| json!({
                                    "role": i.role,
                                    "paragraph": i.paragraph + 1,
                                    "range": f.range_json(&i.range),
                                })),
                                "mention_count": a.mention_count,
                                "mentions": mentions,
                            })
                        })
                        .collect();
                    json!({"path": f.path, "actors": actors})
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({"files": files_json}))?
            )?;
        }
    }
    Ok(0)
}
