//! `unbalanced-quote-mark`: A quote mark that opens or closes nothing.
//!
//! A quote that runs over paragraphs (no closing mark at a paragraph's end,
//! the next paragraph opening with a mark) is not reported.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Edit, Fix, Severity};
use crate::quotes::marks::Family;

pub const INFO: RuleInfo = RuleInfo {
    code: "unbalanced-quote-mark",
    default_severity: Severity::Warning,
    description: "A quote mark that opens or closes nothing.",
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for u in &ctx.analysis.marks.unbalanced {
        let mark = &ctx.text[u.range.clone()];
        let message = match (u.family, u.opening) {
            (Family::Double, true) => format!("This opening quote mark ({mark}) is never closed, and the next paragraph does not continue the quote."),
            (Family::Double, false) => format!("This closing quote mark ({mark}) closes no quote: a stray mark, or the opening mark is missing."),
            (Family::Single, true) => format!("This single quote mark ({mark}) opens a quote that never closes: a stray mark, or a misplaced apostrophe?"),
            (Family::Single, false) => format!("This single quote mark ({mark}) closes no quote."),
        };
        // Remove the mark, and the space before it when it stands between
        // a space and punctuation (`soil “, although`).
        let mut range = u.range.clone();
        let after_word = ctx.text[range.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if ctx.text[..range.start].ends_with(' ') && !after_word {
            range.start -= 1;
        }
        out.push(Diagnostic {
            code: INFO.code,
            severity: INFO.default_severity,
            message,
            range: u.range.clone(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: format!("Remove the stray {mark}"),
                edits: vec![Edit {
                    range,
                    new_text: String::new(),
                }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::quotes::testing::check;

    #[test]
    fn lone_opening_and_closing_marks() {
        check(
            "unbalanced-quote-mark",
            "He said it would “protect everyone.” Iraqi soil “, although he declared it.\n\nIt was the Center. ” strategic studies.",
            &[
                "¶1 «“» This opening quote mark (“) is never closed, and the next paragraph does not continue the quote. [fix «soil,»]",
                "¶2 «”» This closing quote mark (”) closes no quote: a stray mark, or the opening mark is missing. [fix «Center.»]",
            ],
        );
    }

    #[test]
    fn stray_single_and_apostrophes() {
        check(
            "unbalanced-quote-mark",
            "An end to the United States ‘long mission, paid with taxpayers’ money. Iran’s, it’s, States’, ’90s, rock ’n’ roll, don't.",
            &["¶1 «‘» This single quote mark (‘) opens a quote that never closes: a stray mark, or a misplaced apostrophe? [fix «long»]"],
        );
    }

    #[test]
    fn multi_paragraph_quotes_are_balanced() {
        check(
            "unbalanced-quote-mark",
            "“It runs on,” he said. “And on.\n\n“And ends here.”",
            &[],
        );
    }
}
