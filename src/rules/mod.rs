//! Diagnostic rules: one file per rule, each with its code, default
//! severity, description and tests; [`RULES`] lists them all in alphabetical
//! order and feeds the docs, the config schema and the editor settings.
//!
//! A rule reads the finished analysis through [`Context`] and pushes
//! diagnostics with its default severity; [`run`] applies the config's
//! severities and the text's ignore directives.

mod context_attributed_quote;
mod inconsistent_name;
mod misdirected_quote_mark;
mod name_misspelling;
mod quote_mark_spacing;
mod unattributed_quote;
mod unbalanced_quote_mark;

use crate::analysis::{Analysis, Diagnostic, Severity};
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::markup::Prose;

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
/// ignore directives silence. Sorted by position.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for rule in RULES {
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
    all.retain(|d| !is_ignored(ctx, d));
    all.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    all
}

fn is_ignored(ctx: &Context, d: &Diagnostic) -> bool {
    ctx.prose.directives.iter().any(|dir| {
        let names_rule = dir.rules.is_empty() || dir.rules.iter().any(|r| r == d.code);
        let covers = dir.file_wide
            || dir
                .target
                .as_ref()
                .is_some_and(|t| t.start <= d.range.start && d.range.start <= t.end);
        names_rule && covers
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
}
