//! `textDocument/semanticTokens/full`: quotes and actor mentions as
//! semantic tokens, so a theme can colour what was said apart from the
//! reporter's own words, and who is who.
//!
//! Token types are in [`legend`]: `string` for a quote, `variable` for a
//! person, `class` for an organization, group or body, `namespace` for a
//! country or place. A quote with no source carries the modifier
//! `unattributed`. Tokens never overlap: a quote is cut around the actors
//! mentioned inside it. Quotes that run over several lines are split into
//! one token per line, since most clients do not support tokens across
//! lines; lengths are in the negotiated encoding.

use tower_lsp::lsp_types::*;

use crate::analysis::{ByteRange, QuoteKind};
use crate::kb::ActorKind;
use crate::lsp::snapshot::Snapshot;

/// Index of each token type in the legend.
const QUOTE: u32 = 0;
const PERSON: u32 = 1;
const ORGANIZATION: u32 = 2;
const PLACE: u32 = 3;
/// Bit of each modifier in the legend.
const UNATTRIBUTED: u32 = 1 << 0;

/// The legend announced in the server's capabilities.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::STRING,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::CLASS,
            SemanticTokenType::NAMESPACE,
        ],
        token_modifiers: vec![SemanticTokenModifier::new("unattributed")],
    }
}

pub fn handle(snap: &Snapshot, _params: &SemanticTokensParams) -> Option<SemanticTokensResult> {
    let report = &snap.analysis.actors;
    let mut mentions: Vec<(ByteRange, u32, u32)> = report
        .mentions
        .iter()
        .filter_map(|m| {
            let kind = match report.actors.get(m.actor)?.kind {
                ActorKind::Person => PERSON,
                ActorKind::Organization | ActorKind::Group | ActorKind::Body => ORGANIZATION,
                ActorKind::Country | ActorKind::Place => PLACE,
            };
            Some((m.range.clone(), kind, 0))
        })
        .collect();
    mentions.sort_by_key(|m| m.0.start);
    let mut spans: Vec<(ByteRange, u32, u32)> = Vec::new();
    for q in snap
        .analysis
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Quote)
    {
        let modifiers = if q.speaker.is_none() { UNATTRIBUTED } else { 0 };
        // The quote minus the mentions inside it. (Mentions are sorted by
        // start: those from the quote's start to its end, found by a
        // binary search; a scan of every mention for each quote made a
        // book-length document's tokens take time growing with the square
        // of its length.)
        let mut at = q.range.start;
        let from = mentions.partition_point(|m| m.0.start < q.range.start);
        for m in mentions[from..]
            .iter()
            .take_while(|m| m.0.start <= q.range.end)
            .filter(|m| m.0.end <= q.range.end)
        {
            if m.0.start > at {
                spans.push((at..m.0.start, QUOTE, modifiers));
            }
            at = at.max(m.0.end);
        }
        if at < q.range.end {
            spans.push((at..q.range.end, QUOTE, modifiers));
        }
    }
    spans.extend(mentions);
    spans.sort_by_key(|s| s.0.start);
    let mut data = Vec::new();
    let (mut prev_line, mut prev_char) = (0u32, 0u32);
    let mut covered = 0usize;
    for (range, kind, modifiers) in spans {
        if range.start < covered || range.is_empty() {
            continue; // tokens must not overlap
        }
        covered = range.end;
        for (line, start, end) in line_segments(snap, &range) {
            if end <= start {
                continue;
            }
            let delta_line = line - prev_line;
            let delta_start = if delta_line == 0 {
                start - prev_char
            } else {
                start
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: end - start,
                token_type: kind,
                token_modifiers_bitset: modifiers,
            });
            prev_line = line;
            prev_char = start;
        }
    }
    Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    }))
}

/// `(line, start character, end character)` for each line `range` touches.
fn line_segments(snap: &Snapshot, range: &ByteRange) -> Vec<(u32, u32, u32)> {
    let start = snap.position(range.start);
    let end = snap.position(range.end);
    if start.line == end.line {
        return vec![(start.line, start.character, end.character)];
    }
    let mut out = Vec::new();
    for line in start.line..=end.line {
        let from = if line == start.line {
            start.character
        } else {
            0
        };
        let to = if line == end.line {
            end.character
        } else {
            line_width(snap, line)
        };
        out.push((line, from, to));
    }
    out
}

/// Width of a line without its line break, in the negotiated encoding.
fn line_width(snap: &Snapshot, line: u32) -> u32 {
    let l = line as usize;
    if l >= snap.rope.len_lines() {
        return 0;
    }
    let slice = snap.rope.line(l);
    let text: String = slice.chars().collect();
    // Lines break at \n, \r and \r\n only (ropey's `cr_lines`).
    let content = text.trim_end_matches(['\n', '\r']);
    let end = snap.rope.line_to_byte(l) + content.len();
    snap.position(end).character
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::features::document_symbol::{story_quotes, test_quote, test_snapshot, STORY};
    use crate::markup::Markup;

    fn tokens(snap: &Snapshot) -> Vec<SemanticToken> {
        let params = SemanticTokensParams {
            text_document: TextDocumentIdentifier {
                uri: snap.uri.clone(),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        match handle(snap, &params) {
            Some(SemanticTokensResult::Tokens(t)) => t.data,
            _ => panic!("tokens"),
        }
    }

    fn token(delta_line: u32, delta_start: u32, length: u32, modifiers: u32) -> SemanticToken {
        SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: QUOTE,
            token_modifiers_bitset: modifiers,
        }
    }

    #[test]
    fn quotes_are_tokens_and_unattributed_ones_say_so() {
        let snap = test_snapshot(STORY, Markup::Markdown, Some(story_quotes()), true);
        // Lengths are UTF-16 code units: the curly marks are one each.
        assert_eq!(
            tokens(&snap),
            [
                token(0, 10, 20, 0),
                token(4, 0, 23, 0),
                token(4, 0, 24, UNATTRIBUTED)
            ]
        );
    }

    #[test]
    fn a_quote_over_two_lines_is_one_token_per_line() {
        let text = "He said “one two\nthree four” and left.";
        let snap = test_snapshot(
            text,
            Markup::PlainText,
            Some(vec![test_quote(text, "“one two\nthree four”", Some("He"))]),
            true,
        );
        assert_eq!(tokens(&snap), [token(0, 8, 8, 0), token(1, 0, 11, 0)]);
    }

    #[test]
    fn actors_are_tokens_and_cut_the_quotes_around_them() {
        let text = "“Iran is winning,” said Fawaz Gerges.";
        let quote = test_quote(text, "“Iran is winning,”", Some("Fawaz Gerges"));
        let mut snap = test_snapshot(text, Markup::PlainText, Some(vec![quote]), true);
        let mut analysis = (*snap.analysis).clone();
        analysis.actors = crate::actors::ActorReport {
            actors: vec![
                actor("iran", ActorKind::Country, "Iran"),
                actor("gerges", ActorKind::Person, "Fawaz Gerges"),
            ],
            mentions: vec![
                crate::actors::Mention {
                    range: 3..7,
                    actor: 0,
                },
                crate::actors::Mention {
                    range: 28..40,
                    actor: 1,
                },
            ],
            ..Default::default()
        };
        snap.analysis = std::sync::Arc::new(analysis);
        let kinds = |t: &[SemanticToken]| {
            t.iter()
                .map(|t| (t.delta_start, t.length, t.token_type))
                .collect::<Vec<_>>()
        };
        // “ | Iran | is winning,” | said | Fawaz Gerges
        assert_eq!(
            kinds(&tokens(&snap)),
            [
                (0, 1, QUOTE),
                (1, 4, PLACE),
                (4, 13, QUOTE),
                (19, 12, PERSON)
            ]
        );
    }

    fn actor(id: &str, kind: ActorKind, name: &str) -> crate::actors::ArticleActor {
        crate::actors::ArticleActor {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: vec![],
            description: String::new(),
            source: "test".into(),
            surname: None,
            introduction: None,
            mention_count: 1,
            first_mention: 0..0,
        }
    }
}
