//! `textDocument/documentSymbol`: the article's sections for the outline
//! sidebar. Hierarchical when the client supports it: one symbol per
//! section (range the whole section, selection the heading line), with its
//! subsections and then its quotes as children, each quote named by its
//! speaker and first words (`Gerges: “Iran is currently…”`, or
//! `(no source): “The Shia Iraqis…”`). The quotes of the top of the story,
//! before the first heading, come first at the top level; there is no
//! symbol for the lead itself. Clients without hierarchical support get the
//! same symbols as a flat list, each naming its section as container.

use tower_lsp::lsp_types::*;

use crate::analysis::Quote;
use crate::lsp::snapshot::Snapshot;
use crate::outline::{quote_label, sources, Section};

pub fn handle(snap: &Snapshot, _params: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let a = &snap.analysis;
    let lead_quotes = a
        .outline
        .lead
        .as_ref()
        .map(|l| l.quotes.clone())
        .unwrap_or_default();
    if snap.support.hierarchical_symbols {
        let mut out: Vec<DocumentSymbol> = lead_quotes
            .iter()
            .map(|&i| quote_symbol(snap, &a.quotes[i]))
            .collect();
        out.extend(a.outline.sections.iter().map(|s| section_symbol(snap, s)));
        Some(DocumentSymbolResponse::Nested(out))
    } else {
        let mut out: Vec<SymbolInformation> = lead_quotes
            .iter()
            .map(|&i| flat(snap, &a.quotes[i], None))
            .collect();
        for (_, s) in a.outline.walk() {
            out.push(flat_symbol(
                snap,
                s.title.clone(),
                SymbolKind::NAMESPACE,
                &s.range,
                None,
            ));
            for &i in &s.quotes {
                out.push(flat(snap, &a.quotes[i], Some(&s.title)));
            }
        }
        Some(DocumentSymbolResponse::Flat(out))
    }
}

/// "3 quotes · Gerges, Watling · 1 without a source", "no quotes".
pub fn quote_summary(snap: &Snapshot, section: &Section) -> (String, usize) {
    let quotes: Vec<&Quote> = section
        .all_quotes()
        .iter()
        .map(|&i| &snap.analysis.quotes[i])
        .collect();
    let (names, unsourced) = sources(&quotes);
    let mut s = match quotes.len() {
        0 => "no quotes".to_string(),
        1 => "1 quote".to_string(),
        n => format!("{n} quotes"),
    };
    if !names.is_empty() {
        s.push_str(" · ");
        s.push_str(&names.join(", "));
    }
    (s, unsourced)
}

fn section_symbol(snap: &Snapshot, s: &Section) -> DocumentSymbol {
    let mut children: Vec<DocumentSymbol> =
        s.children.iter().map(|c| section_symbol(snap, c)).collect();
    children.extend(
        s.quotes
            .iter()
            .map(|&i| quote_symbol(snap, &snap.analysis.quotes[i])),
    );
    #[allow(deprecated)]
    DocumentSymbol {
        name: s.title.clone(),
        detail: Some(quote_summary(snap, s).0),
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: snap.range(&s.range),
        selection_range: snap.range(&s.heading),
        children: Some(children),
    }
}

fn quote_symbol(snap: &Snapshot, q: &Quote) -> DocumentSymbol {
    let detail = match &q.speaker {
        Some(s) => s.name.clone(),
        None => "no source found in its paragraph".to_string(),
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name: quote_label(q),
        detail: Some(detail),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: snap.range(&q.range),
        selection_range: snap.range(&q.range),
        children: None,
    }
}

fn flat(snap: &Snapshot, q: &Quote, container: Option<&str>) -> SymbolInformation {
    flat_symbol(
        snap,
        quote_label(q),
        SymbolKind::STRING,
        &q.range,
        container,
    )
}

fn flat_symbol(
    snap: &Snapshot,
    name: String,
    kind: SymbolKind,
    range: &std::ops::Range<usize>,
    container: Option<&str>,
) -> SymbolInformation {
    #[allow(deprecated)]
    SymbolInformation {
        name,
        kind,
        tags: None,
        deprecated: None,
        location: snap.location(range),
        container_name: container.map(str::to_string),
    }
}
