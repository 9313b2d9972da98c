//! `copydesk outline`: each file's sections and the quotes under them, as a
//! tree for people or as JSON for tools:
//!
//! ```text
//! {"files":[{"path", "sections":[{"title", "level", "range", "byte_range":[s,e],
//!   "children":[...subsections, ...quotes]}], "lead": {...} | null}]}
//! ```
//!
//! A quote child is `{"title", "kind":"quote", "speaker", "range",
//! "byte_range"}`; `lead` is the top of the story before the first heading
//! (`{"range", "byte_range", "children":[...quotes]}`), or null. Ranges are
//! 0-based lines and UTF-16 characters, as LSP counts; byte ranges are UTF-8.

use std::io::Write;

use copydesk::outline::{quote_label, sources, Section};
use copydesk::Quote;
use serde_json::{json, Value};

use super::{Analyzed, Format};

pub fn render(files: &[Analyzed], format: Format, out: &mut dyn Write) -> std::io::Result<i32> {
    match format {
        Format::Json => {
            let files: Vec<Value> = files.iter().map(file_json).collect();
            serde_json::to_writer_pretty(&mut *out, &json!({ "files": files }))?;
            writeln!(out)?;
        }
        Format::Human => {
            for (i, f) in files.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                tree(f, out)?;
            }
        }
    }
    Ok(0)
}

fn file_json(f: &Analyzed) -> Value {
    let o = &f.analysis.outline;
    let lead = o.lead.as_ref().map(|l| {
        json!({
            "range": f.range_json(&l.range),
            "byte_range": [l.range.start, l.range.end],
            "children": l.quotes.iter().map(|&i| quote_json(f, &f.analysis.quotes[i])).collect::<Vec<_>>(),
        })
    });
    json!({
        "path": f.path,
        "sections": o.sections.iter().map(|s| section_json(f, s)).collect::<Vec<_>>(),
        "lead": lead,
    })
}

fn section_json(f: &Analyzed, s: &Section) -> Value {
    let mut children: Vec<Value> = s.children.iter().map(|c| section_json(f, c)).collect();
    children.extend(
        s.quotes
            .iter()
            .map(|&i| quote_json(f, &f.analysis.quotes[i])),
    );
    json!({
        "title": s.title,
        "level": s.level,
        "range": f.range_json(&s.range),
        "byte_range": [s.range.start, s.range.end],
        "children": children,
    })
}

fn quote_json(f: &Analyzed, q: &Quote) -> Value {
    json!({
        "title": quote_label(q, &f.analysis.actors),
        "kind": "quote",
        "speaker": q.speaker.as_ref().map(|s| s.name.clone()),
        "range": f.range_json(&q.range),
        "byte_range": [q.range.start, q.range.end],
    })
}

/// `path`, then one line per section and quote, drawn as a tree:
///
/// ```text
/// story.txt
/// ├─ top of the story  ¶1–¶12 · 4 quotes · Gerges
/// │  └─ Gerges: “Iran is currently…”  line 15
/// └─ How Iran Seized Iraq  line 25, ¶13–¶20 · 1 quote · Watling
///    └─ Watling: “Because of the…”  line 31
/// ```
fn tree(f: &Analyzed, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", f.path)?;
    let o = &f.analysis.outline;
    let mut items: Vec<Item> = Vec::new();
    if let Some(l) = &o.lead {
        let quotes: Vec<&Quote> = l.quotes.iter().map(|&i| &f.analysis.quotes[i]).collect();
        items.push(Item::Lead {
            range: l.range.clone(),
            summary: summary(&quotes, &f.analysis.actors),
            quotes: l.quotes.clone(),
        });
    }
    items.extend(o.sections.iter().map(Item::Section));
    if o.sections.is_empty() {
        writeln!(out, "   (no headings found)")?;
    }
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        draw(f, item, "", i + 1 == n, out)?;
    }
    Ok(())
}

enum Item<'a> {
    Lead {
        range: std::ops::Range<usize>,
        summary: String,
        quotes: Vec<usize>,
    },
    Section(&'a Section),
    Quote(usize),
}

fn draw(
    f: &Analyzed,
    item: &Item,
    prefix: &str,
    last: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let branch = if last { "└─ " } else { "├─ " };
    let children: Vec<Item> = match item {
        Item::Lead {
            range,
            summary,
            quotes,
        } => {
            writeln!(
                out,
                "{prefix}{branch}top of the story  {}{summary}",
                paragraphs(f, range)
            )?;
            quotes.iter().map(|&i| Item::Quote(i)).collect()
        }
        Item::Section(s) => {
            let quotes: Vec<&Quote> = s
                .all_quotes()
                .iter()
                .map(|&i| &f.analysis.quotes[i])
                .collect();
            let line = f.line_col(s.heading.start).0 + 1;
            writeln!(
                out,
                "{prefix}{branch}{}  line {line}, {}{}",
                s.title,
                paragraphs(f, &s.range),
                summary(&quotes, &f.analysis.actors)
            )?;
            s.children
                .iter()
                .map(Item::Section)
                .chain(s.quotes.iter().map(|&i| Item::Quote(i)))
                .collect()
        }
        Item::Quote(i) => {
            let q = &f.analysis.quotes[*i];
            writeln!(
                out,
                "{prefix}{branch}{}  line {}",
                quote_label(q, &f.analysis.actors),
                f.line_col(q.range.start).0 + 1
            )?;
            Vec::new()
        }
    };
    let inner = format!("{prefix}{}", if last { "   " } else { "│  " });
    let n = children.len();
    for (i, c) in children.iter().enumerate() {
        draw(f, c, &inner, i + 1 == n, out)?;
    }
    Ok(())
}

/// " · 3 quotes · Gerges, Watling · 1 without a source", or "" for none.
fn summary(quotes: &[&Quote], actors: &copydesk::actors::ActorReport) -> String {
    if quotes.is_empty() {
        return String::new();
    }
    let (names, unsourced) = sources(quotes, actors);
    let mut s = if quotes.len() == 1 {
        " · 1 quote".to_string()
    } else {
        format!(" · {} quotes", quotes.len())
    };
    if !names.is_empty() {
        s.push_str(" · ");
        s.push_str(&names.join(", "));
    }
    if unsourced > 0 {
        s.push_str(&format!(" · {unsourced} without a source"));
    }
    s
}

/// "¶13–¶20": the paragraphs a range covers, numbered from 1.
fn paragraphs(f: &Analyzed, range: &std::ops::Range<usize>) -> String {
    // The paragraphs starting in the range: they are in text order, so a
    // binary search at each end (a scan of every paragraph for each
    // section made a long outline quadratic).
    let all = &f.analysis.paragraphs;
    let end = range.end.max(range.start + 1);
    let lo = all.partition_point(|p| p.range.start < range.start);
    let hi = all.partition_point(|p| p.range.start < end).max(lo);
    let inside = &all[lo..hi];
    match (
        inside.first().map(|p| p.index + 1),
        inside.last().map(|p| p.index + 1),
    ) {
        (Some(a), Some(b)) if a != b => format!("¶{a}–¶{b}"),
        (Some(a), _) => format!("¶{a}"),
        _ => String::new(),
    }
}
