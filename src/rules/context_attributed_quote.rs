//! `context-attributed-quote`: A quote whose speaker is only inferred from a neighbouring paragraph.
//!
//! A paragraph that is nothing but a quote, after a paragraph of reported
//! speech: the reader probably knows who speaks, but the copy should say so.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Related, Severity, Via};
use crate::quotes::{attribution_fix, display_name};

pub const INFO: RuleInfo = RuleInfo {
    code: "context-attributed-quote",
    default_severity: Severity::Information,
    description: "A quote whose speaker is only inferred from a neighbouring paragraph.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    for q in &a.quotes {
        let Some(s) = q.speaker.as_ref().filter(|s| s.via == Via::Context) else {
            continue;
        };
        let who = display_name(s);
        let para = a
            .paragraph_at(s.mention_range.start)
            .map_or(q.paragraph, |p| p.index)
            + 1;
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message: format!("This quote's source is only implied by the paragraph before: {who} (¶{para}). Say who is speaking in the quote's own paragraph."),
            range: q.range.clone(),
            related: vec![Related { range: s.mention_range.clone(), message: format!("Implied speaker: {who}") }],
            fixes: vec![attribution_fix(ctx.text, q, &who)],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::testing::check;

    #[test]
    fn quote_after_reported_speech() {
        check(
            "context-attributed-quote",
            "Smith said the talks would continue next week.\n\n“We are close to a deal on this.”",
            &["¶2 «“We are close to a deal on this.”» This quote's source is only implied by the paragraph before: Smith (¶1). Say who is speaking in the quote's own paragraph. [related «Smith»] [fix «this,” Smith said.»]"],
        );
    }

    #[test]
    fn own_attribution_is_quiet() {
        check(
            "context-attributed-quote",
            "Smith said the talks would continue.\n\n“We are close to a deal,” he said.",
            &[],
        );
    }
}
