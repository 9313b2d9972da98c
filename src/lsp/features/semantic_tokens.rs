//! `textDocument/semanticTokens/full`: quotes (and, once the actor report
//! lists mentions, actors) as semantic tokens, so a theme can colour what
//! was said apart from the reporter's own words.
//!
//! Token types are in [`legend`]: `string` for a quote. A quote with no
//! source carries the modifier `unattributed`. Quotes that run over several
//! lines are split into one token per line, since most clients do not
//! support tokens across lines; lengths are in the negotiated encoding.

use tower_lsp::lsp_types::*;

use crate::analysis::{ByteRange, QuoteKind};
use crate::lsp::snapshot::Snapshot;

/// Index of each token type in the legend.
const QUOTE: u32 = 0;
/// Bit of each modifier in the legend.
const UNATTRIBUTED: u32 = 1 << 0;

/// The legend announced in the server's capabilities.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![SemanticTokenType::STRING],
        token_modifiers: vec![SemanticTokenModifier::new("unattributed")],
    }
}

pub fn handle(snap: &Snapshot, _params: &SemanticTokensParams) -> Option<SemanticTokensResult> {
    let mut spans: Vec<(ByteRange, u32, u32)> = snap
        .analysis
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Quote)
        .map(|q| {
            (
                q.range.clone(),
                QUOTE,
                if q.speaker.is_none() { UNATTRIBUTED } else { 0 },
            )
        })
        .collect();
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
    let content = text.trim_end_matches([
        '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}',
    ]);
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
}
