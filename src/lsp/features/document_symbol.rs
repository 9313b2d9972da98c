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
    let (names, unsourced) = sources(&quotes, &snap.analysis.actors);
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
        name: quote_label(q, &snap.analysis.actors),
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
        quote_label(q, &snap.analysis.actors),
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

/// A snapshot of `text` for the outline features' tests; `quotes`, when
/// given, replace the analysis' quotes (and the outline is rebuilt on them).
#[cfg(test)]
pub(crate) fn test_snapshot(
    text: &str,
    markup: crate::markup::Markup,
    quotes: Option<Vec<Quote>>,
    hierarchical: bool,
) -> Snapshot {
    use std::sync::Arc;
    let config = crate::config::Config::default();
    let mut analysis = crate::analyze(text, markup, crate::kb::KnowledgeBase::empty(), &config);
    if let Some(quotes) = quotes {
        let prose = crate::markup::parse(text, markup);
        analysis.outline = crate::outline::build(text, &prose, &analysis.paragraphs, &quotes);
        analysis.quotes = quotes;
    }
    Snapshot {
        uri: Url::parse("file:///story.txt").unwrap(),
        version: 1,
        text: Arc::from(text),
        rope: ropey::Rope::from_str(text),
        analysis: Arc::new(analysis),
        encoding: crate::text::Encoding::Utf16,
        kb: Arc::new(crate::kb::KnowledgeBase::default()),
        config: Arc::new(config),
        support: Arc::new(crate::lsp::snapshot::ClientSupport {
            hierarchical_symbols: hierarchical,
            ..Default::default()
        }),
    }
}

/// A quote of `text` for tests: the first occurrence of `whole`.
#[cfg(test)]
pub(crate) fn test_quote(text: &str, whole: &str, speaker: Option<&str>) -> Quote {
    use crate::analysis::{QuoteKind, Speaker, Via};
    let start = text.find(whole).expect("quote in text");
    let mention = speaker
        .and_then(|n| text.find(n).map(|at| at..at + n.len()))
        .unwrap_or(0..0);
    Quote {
        range: start..start + whole.len(),
        text: whole
            .trim_matches(['“', '”'])
            .trim_end_matches([',', '.'])
            .to_string(),
        kind: QuoteKind::Quote,
        paragraph: 0,
        speaker: speaker.map(|n| Speaker {
            mention: n.into(),
            mention_range: mention,
            name: n.into(),
            actor: None,
            via: Via::Verb,
        }),
        block: false,
    }
}

/// A small Markdown story with nested sections and three quotes, one of
/// them without a source, for the outline features' tests.
#[cfg(test)]
pub(crate) const STORY: &str = "Lead text “one two three four” said Ann Able.\n\n## Background\n\n“Five six seven eight,” said Bob Baker.\n\n### Detail\n\n“Nine ten eleven twelve” with no source.\n\n## Reaction\n\nThe end.\n";

#[cfg(test)]
pub(crate) fn story_quotes() -> Vec<Quote> {
    vec![
        test_quote(STORY, "“one two three four”", Some("Ann Able")),
        test_quote(STORY, "“Five six seven eight,”", Some("Bob Baker")),
        test_quote(STORY, "“Nine ten eleven twelve”", None),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Markup;

    fn params() -> DocumentSymbolParams {
        DocumentSymbolParams {
            text_document: TextDocumentIdentifier {
                uri: Url::parse("file:///story.txt").unwrap(),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        }
    }

    fn line(l: u32, c: u32) -> Position {
        Position {
            line: l,
            character: c,
        }
    }

    #[test]
    fn hierarchical_sections_with_subsections_then_quotes() {
        let snap = test_snapshot(STORY, Markup::Markdown, Some(story_quotes()), true);
        let Some(DocumentSymbolResponse::Nested(symbols)) = handle(&snap, &params()) else {
            panic!("nested symbols")
        };
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Able: “one two three…”", "Background", "Reaction"]);
        let background = &symbols[1];
        assert_eq!(background.kind, SymbolKind::NAMESPACE);
        assert_eq!(
            background.selection_range,
            Range {
                start: line(2, 0),
                end: line(2, 13)
            }
        );
        assert_eq!(
            background.range,
            Range {
                start: line(2, 0),
                end: line(8, 40)
            }
        );
        assert_eq!(background.detail.as_deref(), Some("2 quotes · Baker"));
        let children: Vec<&str> = background
            .children
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(children, ["Detail", "Baker: “Five six seven…”"]);
        let detail = &background.children.as_ref().unwrap()[0];
        let quote = &detail.children.as_ref().unwrap()[0];
        assert_eq!(quote.name, "(no source): “Nine ten eleven…”");
        assert_eq!(quote.kind, SymbolKind::STRING);
        assert_eq!(
            quote.range,
            Range {
                start: line(8, 0),
                end: line(8, 24)
            }
        );
    }

    #[test]
    fn flat_list_names_each_container() {
        let snap = test_snapshot(STORY, Markup::Markdown, Some(story_quotes()), false);
        let Some(DocumentSymbolResponse::Flat(symbols)) = handle(&snap, &params()) else {
            panic!("flat symbols")
        };
        let got: Vec<(&str, Option<&str>)> = symbols
            .iter()
            .map(|s| (s.name.as_str(), s.container_name.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Able: “one two three…”", None),
                ("Background", None),
                ("Baker: “Five six seven…”", Some("Background")),
                ("Detail", None),
                ("(no source): “Nine ten eleven…”", Some("Detail")),
                ("Reaction", None),
            ]
        );
        assert_eq!(
            symbols[1].location.range,
            Range {
                start: line(2, 0),
                end: line(8, 40)
            }
        );
    }
}
