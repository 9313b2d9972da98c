//! `misdirected-quote-mark`: An opening mark used to close a quote, or a closing mark used to open one.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Edit, Fix, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "misdirected-quote-mark",
    default_severity: Severity::Hint,
    description: "An opening mark used to close a quote, or a closing mark used to open one.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &ctx.analysis.marks.misdirected {
        let (found, expected) = (m.found, m.expected);
        let message = if m.closing {
            format!("This quote closes with an opening mark ({found}); use {expected}.")
        } else {
            format!("This quote opens with a closing mark ({found}); use {expected}.")
        };
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message,
            range: m.range.clone(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: format!("Replace {found} with {expected}"),
                edits: vec![Edit {
                    range: m.range.clone(),
                    new_text: expected.to_string(),
                }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::testing::check;

    #[test]
    fn closing_marks_typed_as_opening_ones() {
        check(
            "misdirected-quote-mark",
            "“If the United States leaves, they will go home “said Gerges. ”Wrong way round,” he said.",
            &[
                "¶1 «“» This quote closes with an opening mark (“); use ”. [fix «”said»]",
                "¶1 «”» This quote opens with a closing mark (”); use “. [fix «“Wrong»]",
            ],
        );
    }

    #[test]
    fn straight_and_curly_mixed_are_not_misdirected() {
        check(
            "misdirected-quote-mark",
            "“It is fine,\" he said. „Gut“, sagte er.",
            &[],
        );
    }
}
