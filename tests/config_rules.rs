//! Config and ignore comments on the real rules (issue 7): severities from
//! a `.copydesk.toml` text and from editor settings, precedence, ignore
//! comments in Markdown and plain text, and the "Ignore ... in this
//! paragraph" fix silencing what it is offered on.

use copydesk::config::{self, from_json, parse, parse_layer, resolve, Source};
use copydesk::{analyze, Config, Diagnostic, Fix, KnowledgeBase, Markup, Severity};
use serde_json::json;

const UNSOURCED: &str = "“The Shia Iraqis may be vaguely aligned with Iran.”";

fn diagnostics(text: &str, markup: Markup, config: &Config) -> Vec<Diagnostic> {
    analyze(text, markup, KnowledgeBase::empty(), config).diagnostics
}

fn codes(text: &str, markup: Markup, config: &Config) -> Vec<(&'static str, Severity)> {
    diagnostics(text, markup, config)
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

fn apply(text: &str, fix: &Fix) -> String {
    let mut out = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in edits {
        out.replace_range(e.range, &e.new_text);
    }
    out
}

#[test]
fn the_rule_fires_by_default() {
    assert_eq!(
        codes(UNSOURCED, Markup::PlainText, &Config::default()),
        vec![("unattributed-quote", Severity::Warning)]
    );
}

#[test]
fn precedence_default_file_editor() {
    let file_text =
        "version = 1\n[rules]\nunattributed-quote = \"error\"\nmisdirected-quote-mark = \"off\"\n";
    let (file, errors) = parse_layer("/desk/.copydesk.toml", file_text);
    assert!(errors.is_empty());
    let file_only = resolve(&[(Source::File("/desk/.copydesk.toml".into()), &file)]);
    assert_eq!(
        codes(UNSOURCED, Markup::PlainText, &file_only.config),
        vec![("unattributed-quote", Severity::Error)]
    );

    let (editor, errors) = from_json(
        "copydesk settings",
        &json!({"rules": {"unattributed-quote": "information"}}),
    );
    assert!(errors.is_empty());
    let both = resolve(&[
        (Source::File("/desk/.copydesk.toml".into()), &file),
        (Source::Editor, &editor),
    ]);
    assert_eq!(
        codes(UNSOURCED, Markup::PlainText, &both.config),
        vec![("unattributed-quote", Severity::Information)]
    );
    assert_eq!(
        both.origins["rules.unattributed-quote"],
        config::Origin::Editor
    );
    assert_eq!(
        both.origins["rules.misdirected-quote-mark"],
        config::Origin::File {
            path: "/desk/.copydesk.toml".into(),
            line: 4
        }
    );

    // The file's "off" still applies under editor settings that do not name the rule.
    let text = "“If they leave, they will go home “said Gerges.";
    let got: Vec<_> = codes(text, Markup::PlainText, &both.config)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(got.contains(&"quote-mark-spacing"), "{got:?}");
    assert!(!got.contains(&"misdirected-quote-mark"), "{got:?}");
    let got: Vec<_> = codes(text, Markup::PlainText, &Config::default())
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(got.contains(&"misdirected-quote-mark"), "{got:?}");
}

#[test]
fn a_bad_line_does_not_stop_the_rest() {
    let (config, errors) = parse(
        ".copydesk.toml",
        "[rules]\nunattributed-quote = \"off\"\nquote-mark-spacing = \"loud\"\n",
    );
    assert_eq!(errors.len(), 1);
    assert!(codes(UNSOURCED, Markup::PlainText, &config).is_empty());
}

#[test]
fn quote_min_words_from_the_config_reaches_the_quotes() {
    // Six words and no speaker: a quote by default, a term when quotes need eight words.
    let text = "Crowds gathered. “Nobody in Baghdad wanted this plan.”";
    let default = codes(text, Markup::PlainText, &Config::default());
    let (strict, _) = parse(".copydesk.toml", "quoteMinWords = 8\n");
    let strict = codes(text, Markup::PlainText, &strict);
    assert_eq!(default, vec![("unattributed-quote", Severity::Warning)]);
    assert!(strict.is_empty(), "{strict:?}");
}

#[test]
fn markdown_ignore_comments_on_a_real_rule() {
    let text = format!(
        "{UNSOURCED}\n\n<!-- copydesk-ignore unattributed-quote -->\n{UNSOURCED}\n\n{UNSOURCED}\n"
    );
    let d = diagnostics(&text, Markup::Markdown, &Config::default());
    let lines: Vec<usize> = d
        .iter()
        .map(|d| text[..d.range.start].matches('\n').count() + 1)
        .collect();
    assert_eq!(lines, vec![1, 6]);
    let file_wide =
        format!("<!-- copydesk-ignore-file unattributed-quote -->\n\n{UNSOURCED}\n\n{UNSOURCED}\n");
    assert!(diagnostics(&file_wide, Markup::Markdown, &Config::default()).is_empty());
    let other = format!("<!-- copydesk-ignore-file name-misspelling -->\n\n{UNSOURCED}\n");
    assert_eq!(
        diagnostics(&other, Markup::Markdown, &Config::default()).len(),
        1
    );
}

#[test]
fn plain_text_ignore_lines_on_a_real_rule() {
    let text = format!(
        "{UNSOURCED}\n\n[copydesk-ignore unattributed-quote]\n{UNSOURCED}\n\n{UNSOURCED}\n"
    );
    let d = diagnostics(&text, Markup::PlainText, &Config::default());
    let lines: Vec<usize> = d
        .iter()
        .map(|d| text[..d.range.start].matches('\n').count() + 1)
        .collect();
    assert_eq!(lines, vec![1, 6]);
    let file_wide =
        format!("[copydesk-ignore-file unattributed-quote]\n\n{UNSOURCED}\n\n{UNSOURCED}\n");
    assert!(diagnostics(&file_wide, Markup::PlainText, &Config::default()).is_empty());
}

#[test]
fn the_ignore_fix_silences_exactly_its_paragraph() {
    for markup in [Markup::Markdown, Markup::PlainText] {
        let text = format!("Intro.\n\n{UNSOURCED}\n\n{UNSOURCED}\n");
        let d = diagnostics(&text, markup, &Config::default());
        assert_eq!(d.len(), 2);
        let fix = d[0].fixes.last().unwrap();
        assert_eq!(fix.title, "Ignore unattributed-quote in this paragraph");
        let after = apply(&text, fix);
        let left = diagnostics(&after, markup, &Config::default());
        assert_eq!(left.len(), 1, "{markup:?}: {after}");
        assert!(after[..left[0].range.start].contains("copydesk-ignore unattributed-quote"));
        // The rule's own fixes stay first: the misdirected mark is replaced before it is ignored.
        let text = "“If they leave, they will go home “said Gerges.";
        for d in diagnostics(text, markup, &Config::default()) {
            assert!(d.fixes.len() >= 2, "{d:?}");
            assert!(!d.fixes[0].title.starts_with("Ignore"));
            assert_eq!(
                d.fixes.last().unwrap().title,
                format!("Ignore {} in this paragraph", d.code)
            );
        }
    }
}

mod never_panics {
    use copydesk::config::{from_json, parse};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text(text in "\\PC{0,200}") {
            let (_, errors) = parse(".copydesk.toml", &text);
            for e in errors {
                prop_assert!(!e.message.is_empty());
            }
        }

        #[test]
        fn toml_like_text(lines in proptest::collection::vec(
            prop_oneof![
                Just("[rules]".to_string()),
                Just("[markup]".to_string()),
                "[a-zA-Z_-]{1,16} = (\"[a-z*./{},]{0,10}\"|[0-9-]{1,5}|true|\\[\\]|\\[1, \"x\"\\]|\\{\\})",
                "\"[a-z*./{},]{0,10}\" = \"[a-z]{0,10}",
            ],
            0..12,
        )) {
            let text = lines.join("\n");
            let (_, errors) = parse(".copydesk.toml", &text);
            for e in &errors {
                prop_assert!(e.line >= 1 && e.column >= 1, "{e:?}");
            }
        }

        #[test]
        fn any_json(key in "[a-zA-Z]{0,12}", n in any::<i64>(), s in "\\PC{0,20}") {
            let _ = from_json("copydesk settings", &serde_json::json!({key.clone(): n, "rules": {key.clone(): s.clone()}, "markup": {s: n}}));
        }
    }
}
