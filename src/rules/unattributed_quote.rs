//! `unattributed-quote`: A quote with no source found for it.
//!
//! Related information and the quick fix point at the nearest earlier
//! speaker, the usual source of a stray quote.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, QuoteKind, Related, Severity};
use crate::markup::BlockKind;
use crate::quotes::{attribution_fix, display_name, reach};

pub const INFO: RuleInfo = RuleInfo {
    code: "unattributed-quote",
    default_severity: Severity::Warning,
    description: "A quote with no source found for it.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    // Quotes in order of start (as the analysis keeps them): the furthest
    // end among the first k quotes, so that "is `q` inside a quote starting
    // before it" is a binary search, not a scan of every quote.
    let sorted = a
        .quotes
        .windows(2)
        .all(|w| w[0].range.start <= w[1].range.start);
    let furthest_end = reach(&a.quotes);
    // The last quote before `i` with a speaker, kept as the loop goes.
    let mut last_with_speaker: Option<&crate::analysis::Speaker> = None;
    for (i, q) in a.quotes.iter().enumerate() {
        if let Some(s) = i.checked_sub(1).and_then(|j| a.quotes[j].speaker.as_ref()) {
            last_with_speaker = Some(s);
        }
        // A quotation inside another is sourced by the outer quote.
        let nested = if sorted {
            let k = a.quotes.partition_point(|o| o.range.start < q.range.start);
            k > 0 && q.range.end <= furthest_end[k - 1]
        } else {
            a.quotes
                .iter()
                .any(|o| o.range.start < q.range.start && q.range.end <= o.range.end)
        };
        if q.kind != QuoteKind::Quote
            || q.speaker.is_some()
            || nested
            || a.paragraphs
                .get(q.paragraph)
                .is_some_and(|p| matches!(p.kind, BlockKind::Heading { .. }))
        {
            continue;
        }
        let nearest = last_with_speaker;
        let what = if q.block {
            "This block quote"
        } else {
            "This quote"
        };
        let mut message = format!("{what} has no source in its paragraph.");
        let mut related = Vec::new();
        let mut fixes = Vec::new();
        if let Some(s) = nearest {
            let who = display_name(s);
            let para = a
                .paragraph_at(s.mention_range.start)
                .map_or(q.paragraph, |p| p.index)
                + 1;
            message.push_str(&format!(" Nearest earlier speaker: {who} (¶{para})."));
            related.push(Related {
                range: s.mention_range.clone(),
                message: format!("Nearest earlier speaker: {who}"),
            });
            fixes.push(attribution_fix(ctx.text, q, &who));
        }
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message,
            range: q.range.clone(),
            related,
            fixes,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::testing::check;

    #[test]
    fn quote_without_source_points_at_the_nearest_speaker() {
        check(
            "unattributed-quote",
            "“The Iraqis want to get rid of both,” said Hitermann.\n\n“The Shia Iraqis may be vaguely aligned with Iran. “",
            &["¶2 «“The Shia Iraqis may be vaguely aligned with Iran. “» This quote has no source in its paragraph. Nearest earlier speaker: Hitermann (¶1). [related «Hitermann»] [fix «Iran,“ Hitermann said.»]"],
        );
    }

    #[test]
    fn attributed_quotes_and_terms_are_quiet() {
        check(
            "unattributed-quote",
            "“This power will only grow,” Gerges said. Trump’s “maximum pressure” campaign.",
            &[],
        );
    }

    #[test]
    fn no_speaker_anywhere() {
        check(
            "unattributed-quote",
            "“We will leave the country next week?”",
            &["¶1 «“We will leave the country next week?”» This quote has no source in its paragraph. [fix «[copydesk-ignore unattributed-quote]\n“We»]"],
        );
    }
}
