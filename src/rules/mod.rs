//! Diagnostic rules: one file per rule, each with its code, default
//! severity, description and tests; [`RULES`] lists them all in alphabetical
//! order and feeds the docs, the config schema and the editor settings.
//!
//! A rule reads the finished analysis through [`Context`] and pushes
//! diagnostics with its default severity; [`run`] applies the config's
//! severities and the text's ignore directives.

mod context_attributed_quote;
pub mod document_too_large;
mod inconsistent_name;
mod misdirected_quote_mark;
mod name_misspelling;
mod quote_mark_spacing;
mod unattributed_quote;
mod unbalanced_quote_mark;

use crate::analysis::{Analysis, Diagnostic, Edit, Fix, Severity};
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::markup::{Markup, Prose};

/// What a rule may read.
pub struct Context<'a> {
    pub text: &'a str,
    pub prose: &'a Prose,
    pub analysis: &'a Analysis,
    pub kb: &'a KnowledgeBase,
    pub config: &'a Config,
}

/// A rule's identity, shared by the registry, the docs and the schema.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub code: &'static str,
    pub default_severity: Severity,
    pub description: &'static str,
}

pub struct Rule {
    pub info: RuleInfo,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// Every rule, in alphabetical order of code.
pub static RULES: &[Rule] = &[
    Rule {
        info: context_attributed_quote::INFO,
        check: context_attributed_quote::check,
    },
    Rule {
        info: document_too_large::INFO,
        check: document_too_large::check,
    },
    Rule {
        info: inconsistent_name::INFO,
        check: inconsistent_name::check,
    },
    Rule {
        info: misdirected_quote_mark::INFO,
        check: misdirected_quote_mark::check,
    },
    Rule {
        info: name_misspelling::INFO,
        check: name_misspelling::check,
    },
    Rule {
        info: quote_mark_spacing::INFO,
        check: quote_mark_spacing::check,
    },
    Rule {
        info: unattributed_quote::INFO,
        check: unattributed_quote::check,
    },
    Rule {
        info: unbalanced_quote_mark::INFO,
        check: unbalanced_quote_mark::check,
    },
];

/// The rule with this code.
pub fn info(code: &str) -> Option<RuleInfo> {
    RULES.iter().find(|r| r.info.code == code).map(|r| r.info)
}

/// Run every rule that is not off, with configured severities, minus what
/// ignore directives silence. Sorted by position. Every diagnostic gets,
/// after the rule's own fixes, one that inserts an ignore directive for its
/// rule before its paragraph.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    run_rules(ctx, RULES)
}

/// [`run`] over any list of rules (tests run fake ones).
pub(crate) fn run_rules(ctx: &Context, rules: &[Rule]) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for rule in rules {
        let Some(severity) = ctx
            .config
            .severity(rule.info.code, rule.info.default_severity)
        else {
            continue;
        };
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        for mut d in found {
            d.code = rule.info.code;
            d.severity = severity;
            all.push(d);
        }
    }
    let ignores = Ignores::new(ctx);
    all.retain(|d| !ignores.silences(d));
    for d in &mut all {
        if let Some(fix) = ignore_fix(ctx, d) {
            d.fixes.push(fix);
        }
    }
    all.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    all
}

/// The ignore directives of a text, for asking of each finding whether
/// one silences it. (A look at every directive for every finding made a
/// long text of directives and findings quadratic.)
struct Ignores<'c> {
    file_wide: Vec<&'c crate::markup::Directive>,
    /// The directives with a target paragraph, by its start.
    targeted: Vec<(&'c crate::analysis::ByteRange, &'c crate::markup::Directive)>,
    /// The greatest target end among `targeted[..=i]`.
    max_end: Vec<usize>,
}

impl<'c> Ignores<'c> {
    fn new(ctx: &'c Context) -> Self {
        let mut file_wide = Vec::new();
        let mut targeted = Vec::new();
        for dir in &ctx.prose.directives {
            if dir.file_wide {
                file_wide.push(dir);
            } else if let Some(t) = &dir.target {
                targeted.push((t, dir));
            }
        }
        targeted.sort_by_key(|(t, _)| t.start);
        let max_end = crate::analysis::furthest_ends(targeted.iter().map(|(t, _)| t.end));
        Ignores {
            file_wide,
            targeted,
            max_end,
        }
    }

    /// True when a directive silences `d`: a file-wide one, or one whose
    /// target paragraph holds the start of `d`, naming `d`'s rule (or no
    /// rule: all).
    fn silences(&self, d: &Diagnostic) -> bool {
        let names_rule = |dir: &crate::markup::Directive| {
            dir.rules.is_empty() || dir.rules.iter().any(|r| r == d.code)
        };
        if self.file_wide.iter().any(|dir| names_rule(dir)) {
            return true;
        }
        // The targets starting at or before `d`, nearest first, while one
        // of them (or one before) may still reach it.
        let at = d.range.start;
        let n = self.targeted.partition_point(|(t, _)| t.start <= at);
        (0..n)
            .rev()
            .take_while(|&i| self.max_end[i] >= at)
            .any(|i| {
                let (t, dir) = self.targeted[i];
                at <= t.end && names_rule(dir)
            })
    }
}

/// "Ignore <code> in this paragraph": a directive line inserted at the
/// start of the line where the diagnostic's paragraph begins. In Markdown
/// the line keeps the paragraph's indentation and `>` block-quote markers
/// (so the comment stays inside the same block quote) but not list
/// markers (the comment then stands before the list item); in plain text
/// it is a `[copydesk-ignore code]` line.
fn ignore_fix(ctx: &Context, d: &Diagnostic) -> Option<Fix> {
    let paragraph = ctx.analysis.paragraph_at(d.range.start)?;
    let text = ctx.text;
    let start = paragraph.range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let new_text = match ctx.analysis.markup {
        Markup::Markdown => {
            let keep: String = text[line_start..start]
                .chars()
                .take_while(|c| matches!(c, '>' | ' ' | '\t'))
                .collect();
            format!("{keep}<!-- copydesk-ignore {} -->\n", d.code)
        }
        Markup::PlainText => format!("[copydesk-ignore {}]\n", d.code),
    };
    Some(Fix {
        title: format!("Ignore {} in this paragraph", d.code),
        edits: vec![Edit {
            range: line_start..line_start,
            new_text,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_alphabetical_and_unique() {
        let codes: Vec<_> = RULES.iter().map(|r| r.info.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    /// A rule for tests: every `BAD` in the prose, with a fix of its own.
    fn fake_check(ctx: &Context, out: &mut Vec<Diagnostic>) {
        for (i, _) in ctx.prose.masked.match_indices("BAD") {
            out.push(Diagnostic {
                code: "",
                severity: Severity::Hint,
                message: "This is bad".into(),
                range: i..i + 3,
                related: Vec::new(),
                fixes: vec![Fix {
                    title: "Make it good".into(),
                    edits: vec![Edit {
                        range: i..i + 3,
                        new_text: "GOOD".into(),
                    }],
                }],
            });
        }
    }

    static FAKE: &[Rule] = &[Rule {
        info: RuleInfo {
            code: "fake-rule",
            default_severity: Severity::Warning,
            description: "Test rule.",
        },
        check: fake_check,
    }];

    fn run_fake(text: &str, markup: Markup, config: &Config) -> Vec<Diagnostic> {
        let prose = crate::markup::parse(text, markup);
        let analysis = Analysis {
            markup,
            paragraphs: prose.paragraphs(),
            ..Default::default()
        };
        let ctx = Context {
            text,
            prose: &prose,
            analysis: &analysis,
            kb: KnowledgeBase::empty(),
            config,
        };
        run_rules(&ctx, FAKE)
    }

    /// The words around each diagnostic's `BAD` (the paragraph's first word).
    fn flagged(text: &str, markup: Markup) -> Vec<String> {
        run_fake(text, markup, &Config::default())
            .iter()
            .map(|d| {
                let line_start = text[..d.range.start].rfind('\n').map_or(0, |i| i + 1);
                text[line_start..d.range.end]
                    .trim_start_matches(['>', '-', ' '])
                    .to_string()
            })
            .collect()
    }

    fn apply(text: &str, fix: &Fix) -> String {
        let mut out = text.to_string();
        for e in fix.edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.new_text);
        }
        out
    }

    #[test]
    fn markdown_ignore_comments() {
        let text = "One BAD.\n\n<!-- copydesk-ignore fake-rule -->\nTwo BAD.\n\nThree BAD.\n";
        assert_eq!(
            flagged(text, Markup::Markdown),
            vec!["One BAD", "Three BAD"]
        );
        let text = "One BAD.\n\n<!-- copydesk-ignore other-rule -->\nTwo BAD.\n";
        assert_eq!(flagged(text, Markup::Markdown), vec!["One BAD", "Two BAD"]);
        let text = "<!-- copydesk-ignore -->\nOne BAD.\n\nTwo BAD.\n";
        assert_eq!(flagged(text, Markup::Markdown), vec!["Two BAD"]);
        let text = "One BAD.\n\n<!-- copydesk-ignore-file other-rule, fake-rule -->\n\nTwo BAD.\n";
        assert_eq!(flagged(text, Markup::Markdown), Vec::<String>::new());
        // A directive inside a code block is code, not a directive.
        let text = "```\n<!-- copydesk-ignore-file fake-rule -->\n```\n\nOne BAD.\n";
        assert_eq!(flagged(text, Markup::Markdown), vec!["One BAD"]);
    }

    #[test]
    fn markdown_comment_over_several_lines() {
        let text = "<!--\ncopydesk-ignore fake-rule\n-->\nOne BAD.\n\nTwo BAD.\n";
        assert_eq!(flagged(text, Markup::Markdown), vec!["Two BAD"]);
    }

    #[test]
    fn plain_text_ignore_lines() {
        let text = "One BAD.\n\n[copydesk-ignore fake-rule]\nTwo BAD.\n\nThree BAD.\n";
        assert_eq!(
            flagged(text, Markup::PlainText),
            vec!["One BAD", "Three BAD"]
        );
        let text = "[copydesk-ignore-file fake-rule]\n\nOne BAD.\n\nTwo BAD.\n";
        assert_eq!(flagged(text, Markup::PlainText), Vec::<String>::new());
        let text = "[copydesk-ignore other-rule]\nOne BAD.\n";
        assert_eq!(flagged(text, Markup::PlainText), vec!["One BAD"]);
        // The Markdown form means nothing in plain text, and the reverse.
        assert_eq!(
            flagged(
                "<!-- copydesk-ignore fake-rule -->\nOne BAD.",
                Markup::PlainText
            ),
            vec!["One BAD"]
        );
        assert_eq!(
            flagged("[copydesk-ignore fake-rule]\n\nOne BAD.", Markup::Markdown),
            vec!["One BAD"]
        );
    }

    #[test]
    fn configured_severity_and_off() {
        let mut config = Config::default();
        assert_eq!(
            run_fake("BAD", Markup::PlainText, &config)[0].severity,
            Severity::Warning
        );
        config
            .rules
            .insert("fake-rule".into(), crate::config::RuleLevel::Error);
        assert_eq!(
            run_fake("BAD", Markup::PlainText, &config)[0].severity,
            Severity::Error
        );
        config
            .rules
            .insert("fake-rule".into(), crate::config::RuleLevel::Off);
        assert!(run_fake("BAD", Markup::PlainText, &config).is_empty());
    }

    #[test]
    fn ignore_fix_comes_after_the_rules_own_and_silences_the_paragraph() {
        let cases = [
            (
                Markup::Markdown,
                "# Title\n\nOne BAD.\n\nTwo BAD.\n",
                "# Title\n\n<!-- copydesk-ignore fake-rule -->\nOne BAD.\n\nTwo BAD.\n",
            ),
            (
                Markup::Markdown,
                "Intro.\n\n> Quoted\n> BAD.\n\nTwo BAD.\n",
                "Intro.\n\n> <!-- copydesk-ignore fake-rule -->\n> Quoted\n> BAD.\n\nTwo BAD.\n",
            ),
            (
                Markup::Markdown,
                "- one\n- **two** BAD\n\nTwo BAD.\n",
                "- one\n<!-- copydesk-ignore fake-rule -->\n- **two** BAD\n\nTwo BAD.\n",
            ),
            (
                Markup::Markdown,
                "BAD heading\n===\n\nTwo BAD.\n",
                "<!-- copydesk-ignore fake-rule -->\nBAD heading\n===\n\nTwo BAD.\n",
            ),
            (
                Markup::PlainText,
                "Intro.\n\n  One\nBAD.\n\nTwo BAD.\n",
                "Intro.\n\n[copydesk-ignore fake-rule]\n  One\nBAD.\n\nTwo BAD.\n",
            ),
        ];
        for (markup, text, fixed) in cases {
            let diags = run_fake(text, markup, &Config::default());
            assert_eq!(diags.len(), 2, "{text}");
            let titles: Vec<_> = diags[0].fixes.iter().map(|f| f.title.as_str()).collect();
            assert_eq!(
                titles,
                vec!["Make it good", "Ignore fake-rule in this paragraph"]
            );
            let after = apply(text, &diags[0].fixes[1]);
            assert_eq!(after, fixed);
            let left = run_fake(&after, markup, &Config::default());
            assert_eq!(left.len(), 1, "{after}");
            assert_eq!(
                &after[left[0].range.start - 4..left[0].range.end],
                "Two BAD"
            );
        }
    }
}
