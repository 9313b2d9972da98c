//! `quote-mark-spacing`: A quote mark against the wrong word: a space before a closing mark and none after it, or the reverse for an opening mark.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Edit, Fix, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "quote-mark-spacing",
    default_severity: Severity::Hint,
    description: "A quote mark against the wrong word: a space before a closing mark and none after it, or the reverse for an opening mark.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &ctx.analysis.marks.spacing {
        let message = if s.closing {
            "This closing quote mark is set against the next word; it belongs right after the quote, followed by a space."
        } else {
            "This opening quote mark is set against the wrong word; it belongs right before the quote, after a space."
        };
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message: message.to_string(),
            range: s.range.clone(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: "Fix the spacing around the quote mark".to_string(),
                edits: vec![Edit {
                    range: s.range.clone(),
                    new_text: s.replacement.clone(),
                }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::testing::check;

    #[test]
    fn space_on_the_wrong_side_of_a_closing_mark() {
        check(
            "quote-mark-spacing",
            "“They operate more openly, ”said Jack Watling. “It ends,”and starts.",
            &[
                "¶1 « ”» This closing quote mark is set against the next word; it belongs right after the quote, followed by a space. [fix «openly,” said»]",
                "¶1 «”» This closing quote mark is set against the next word; it belongs right after the quote, followed by a space. [fix «ends,” and»]",
            ],
        );
    }

    #[test]
    fn opening_marks() {
        check(
            "quote-mark-spacing",
            "He said“We will go home now,” and left. She said “ we are staying here,” and stayed.",
            &[
                "¶1 «“» This opening quote mark is set against the wrong word; it belongs right before the quote, after a space. [fix «said “We»]",
                "¶1 «“ » This opening quote mark is set against the wrong word; it belongs right before the quote, after a space. [fix «“we»]",
            ],
        );
    }

    #[test]
    fn mark_at_paragraph_end_and_good_spacing() {
        check(
            "quote-mark-spacing",
            "“It is all fine. “\n\n“Yes,” he said.",
            &[],
        );
    }
}
