//! The outline features never panic and keep semantic tokens inside their
//! lines on mangled copy: the reference article with random edits (emoji,
//! joiners, right-to-left text, stray marks, CR line breaks, Markdown
//! headings, fences and front matter), in both markups and all encodings.

use copydesk::lsp::features;
use copydesk::lsp::snapshot::{ClientSupport, Snapshot};
use std::sync::Arc;
use tower_lsp::lsp_types::*;

#[test]
fn outline_features_survive_mangled_copy() {
    let base = include_str!("fixtures/reference/iran-iraq-influence.txt");
    let pieces = [
        "😀",
        "”",
        "“",
        "\r\n",
        "\n\n",
        "\r",
        "\u{200d}👩\u{200d}👧",
        "علي",
        "‘no’",
        " ",
        "é",
        "🇮🇷",
        "—",
        "\t",
        "said ",
        "Qasem Soleimani",
        "# ",
        "## Head\n\n",
        "\n",
        "Short Title\n\n",
        "```\n",
        "---\ntitle: x\n---\n",
    ];
    let mut seed: u64 = 987654;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let kb = copydesk::KnowledgeBase::empty();
    let uri = Url::parse("file:///x.txt").unwrap();
    let td = TextDocumentIdentifier { uri: uri.clone() };
    let mut ok = 0;
    for round in 0..150 {
        let mut text = base.to_string();
        for _ in 0..(next() % 40) {
            let mut at = (next() as usize) % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if next() % 3 == 0 {
                let mut end = (at + (next() as usize % 20)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, pieces[(next() as usize) % pieces.len()]);
            }
        }
        for m in [copydesk::Markup::PlainText, copydesk::Markup::Markdown] {
            let t = text.clone();
            let Ok(a) = std::panic::catch_unwind(|| {
                copydesk::analyze(&t, m, kb, &copydesk::Config::default())
            }) else {
                continue;
            };
            for (enc, h) in [
                (copydesk::text::Encoding::Utf8, true),
                (copydesk::text::Encoding::Utf16, false),
                (copydesk::text::Encoding::Utf32, true),
            ] {
                let snap = Snapshot {
                    uri: uri.clone(),
                    version: 1,
                    text: Arc::from(text.as_str()),
                    rope: ropey::Rope::from_str(&text),
                    analysis: Arc::new(a.clone()),
                    encoding: enc,
                    kb: Arc::new(copydesk::KnowledgeBase::default()),
                    config: Arc::new(copydesk::Config::default()),
                    support: Arc::new(ClientSupport {
                        hierarchical_symbols: h,
                        ..Default::default()
                    }),
                };
                let r = std::panic::catch_unwind(|| {
                    features::document_symbol::handle(
                        &snap,
                        &DocumentSymbolParams {
                            text_document: td.clone(),
                            work_done_progress_params: Default::default(),
                            partial_result_params: Default::default(),
                        },
                    );
                    features::folding_range::handle(
                        &snap,
                        &FoldingRangeParams {
                            text_document: td.clone(),
                            work_done_progress_params: Default::default(),
                            partial_result_params: Default::default(),
                        },
                    );
                    features::code_lens::handle(
                        &snap,
                        &CodeLensParams {
                            text_document: td.clone(),
                            work_done_progress_params: Default::default(),
                            partial_result_params: Default::default(),
                        },
                    );
                    features::semantic_tokens::handle(
                        &snap,
                        &SemanticTokensParams {
                            text_document: td.clone(),
                            work_done_progress_params: Default::default(),
                            partial_result_params: Default::default(),
                        },
                    )
                });
                match r {
                    Ok(Some(SemanticTokensResult::Tokens(t))) => {
                        // Decode and check tokens lie inside their lines.
                        let (mut line, mut ch) = (0u32, 0u32);
                        for tok in &t.data {
                            line += tok.delta_line;
                            ch = if tok.delta_line == 0 {
                                ch + tok.delta_start
                            } else {
                                tok.delta_start
                            };
                            let end = snap.index().offset(
                                copydesk::text::Position {
                                    line,
                                    character: ch + tok.length,
                                },
                                enc,
                            );
                            assert!(
                                end.is_ok(),
                                "round {round}: token past its line {line}:{ch}+{}",
                                tok.length
                            );
                        }
                        ok += 1;
                    }
                    Ok(_) => panic!("no tokens"),
                    Err(_) => panic!("round {round} {m:?} {enc:?}: an outline feature panicked"),
                }
            }
        }
    }
    // Every text whose analysis succeeded was checked in three encodings.
    assert!(ok >= 3 * 150, "only {ok} checked");
}
