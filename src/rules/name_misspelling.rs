//! `name-misspelling`: A near miss of a known name.
//!
//! The actors stage finds the near misses (a name in a person-like position,
//! one word off a known person's name by a dropped, added or swapped letter,
//! or two in a long word); this rule words them and offers the known spelling.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Edit, Fix, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "name-misspelling",
    default_severity: Severity::Warning,
    description: "A near miss of a known name.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for n in &ctx.analysis.actors.misspellings {
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message: format!(
                "\"{}\" looks like a misspelling of {}",
                n.written, n.expected
            ),
            range: n.range.clone(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: format!("Fix: {}", n.expected),
                edits: vec![Edit {
                    range: n.range.clone(),
                    new_text: n.expected.clone(),
                }],
            }],
        });
    }
}
