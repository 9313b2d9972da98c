//! `textDocument/codeLens`: above each heading, how many quotes its section
//! holds (its subsections' included) and whose ("3 quotes · Gerges,
//! Watling"), and a second lens when some of them have no source
//! ("⚠ 1 quote without a source"). The lenses
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::features::document_symbol::{story_quotes, test_quote, test_snapshot, STORY};
    use crate::markup::Markup;

    fn lenses(snap: &Snapshot) -> Vec<(u32, String)> {
        let params = CodeLensParams {
            text_document: TextDocumentIdentifier {
                uri: snap.uri.clone(),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        handle(snap, &params)
            .unwrap()
            .into_iter()
            .map(|l| (l.range.start.line, l.command.unwrap().title))
            .collect()
    }

    #[test]
    fn quotes_sources_and_warnings_per_heading() {
        let snap = test_snapshot(STORY, Markup::Markdown, Some(story_quotes()), true);
        assert_eq!(
            lenses(&snap),
            [
                (2, "2 quotes · Baker".to_string()),
                (2, "⚠ 1 quote without a source".to_string()),
                (6, "1 quote".to_string()),
                (6, "⚠ 1 quote without a source".to_string()),
                (10, "No quotes".to_string()),
            ]
        );
    }

    #[test]
    fn several_sources_in_order_of_first_quote() {
        let text = "## Section\n\n“One two three four,” said Fawaz Gerges. “Five six seven eight,” said Jack Watling. “Nine ten eleven twelve,” Gerges said.";
        let quotes = vec![
            test_quote(text, "“One two three four,”", Some("Fawaz Gerges")),
            test_quote(text, "“Five six seven eight,”", Some("Jack Watling")),
            test_quote(text, "“Nine ten eleven twelve,”", Some("Gerges")),
        ];
        let snap = test_snapshot(text, Markup::Markdown, Some(quotes), true);
        assert_eq!(
            lenses(&snap),
            [(0, "3 quotes · Gerges, Watling".to_string())]
        );
    }
}
