//! `inconsistent-name`: One actor spelled two ways in the same article.
//!
//! For people no knowledge base knows (a known name's near misses are
//! `name-misspelling`): a lone name next to a speech verb or a title that
//! is one letter off the surname of a person the article introduced.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Edit, Fix, Related, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "inconsistent-name",
    default_severity: Severity::Warning,
    description: "One actor spelled two ways in the same article.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for n in &ctx.analysis.actors.variants {
        let related = n
            .other
            .iter()
            .map(|r| Related {
                range: r.clone(),
                message: format!("spelled \"{}\" here", &ctx.text[r.clone()]),
            })
            .collect();
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message: format!(
                "\"{}\" is spelled \"{}\" elsewhere in this article",
                n.written, n.expected
            ),
            range: n.range.clone(),
            related,
            fixes: vec![Fix {
                title: format!("Spell it \"{}\"", n.expected),
                edits: vec![Edit {
                    range: n.range.clone(),
                    new_text: n.expected.clone(),
                }],
            }],
        });
    }
}
