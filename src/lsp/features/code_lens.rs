//! `textDocument/codeLens`: above each heading, how many quotes its section
//! holds and whose ("3 quotes · Gerges, Watling"), and a second lens when
//! some of them have no source ("⚠ 1 quote without a source"). The lenses
//! are for reading: their command is a title with an empty command id,
//! which clients show and do nothing on.

use tower_lsp::lsp_types::*;

use super::document_symbol::quote_summary;
use crate::lsp::snapshot::Snapshot;

pub fn handle(snap: &Snapshot, _params: &CodeLensParams) -> Option<Vec<CodeLens>> {
    let mut lenses = Vec::new();
    for (_, s) in snap.analysis.outline.walk() {
        let range = snap.range(&s.heading);
        let (summary, unsourced) = quote_summary(snap, s);
        lenses.push(lens(range, capitalise(&summary)));
        if unsourced > 0 {
            let noun = if unsourced == 1 { "quote" } else { "quotes" };
            lenses.push(lens(
                range,
                format!("⚠ {unsourced} {noun} without a source"),
            ));
        }
    }
    Some(lenses)
}

fn lens(range: Range, title: String) -> CodeLens {
    CodeLens {
        range,
        command: Some(Command {
            title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
