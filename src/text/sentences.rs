//! Sentence splitting inside paragraphs.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quote marks or
//! brackets after it) followed by white space and a capital letter, a digit or
//! an opening mark, unless the period ends an abbreviation (`Mr.`, `U.S.`,
//! `Gen.`) or an initial (`J. K. Rowling`). A paragraph's end always ends a
//! sentence. Closing marks typed as opening ones (`home “said`) are the
//! quotes module's business, not this one's.

use crate::analysis::{ByteRange, Paragraph, Sentence};

/// Titles and abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "pres", "rev", "hon", "jr", "sr", "mt", "ft", "no", "nos", "vs", "v",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "corp", "co",
    "ltd", "dept", "univ", "approx", "est", "fig", "al", "cf", "e.g", "i.e", "u.s", "u.k", "u.n",
    "a.m", "p.m", "d.c", "u.s.a", "e.u",
];

/// Split each paragraph of `masked` into sentences.
pub fn split(masked: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for p in paragraphs {
        for r in split_range(masked, p.range.clone()) {
            out.push(Sentence {
                paragraph: p.index,
                range: r,
            });
        }
    }
    out
}

/// [`split`], the paragraphs shared out over rayon's pool (for long
/// documents).
pub fn split_parallel(masked: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    use rayon::prelude::*;
    paragraphs
        .par_iter()
        .flat_map_iter(|p| {
            split_range(masked, p.range.clone())
                .into_iter()
                .map(|r| Sentence {
                    paragraph: p.index,
                    range: r,
                })
        })
        .collect()
}

/// Sentence ranges (trimmed) inside `range` of `text`.
pub fn split_range(text: &str, range: ByteRange) -> Vec<ByteRange> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // Swallow closing marks and repeated punctuation.
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let end = if j < chars.len() { chars[j].0 } else { s.len() };
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                if k < chars.len()
                    && starts_sentence(chars[k].1)
                    && !(c == '.' && is_abbreviation(&s[start..at]))
                {
                    push(&mut out, text, range.start + start, range.start + end);
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(&mut out, text, range.start + start, range.end);
    out
}

fn push(out: &mut Vec<ByteRange>, text: &str, start: usize, end: usize) {
    let r = super::words::trim(text, start..end);
    if !r.is_empty() {
        out.push(r);
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '“'
    )
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„' | '(' | '[')
}

/// Whether the text before a period ends in an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial: "J. K. Rowling".
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split_range(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    /// The Wikinews corpus as one document: the paragraphs shared out over
    /// threads give the sentences one thread gives, in order.
    #[test]
    fn split_parallel_is_split() {
        let text = crate::test_support::wikinews_as_one_document();
        let prose = crate::markup::parse(&text, crate::markup::Markup::Markdown);
        let paragraphs = prose.paragraphs();
        let one = split(&prose.masked, &paragraphs);
        assert!(one.len() > 3000, "{}", one.len());
        assert_eq!(split_parallel(&prose.masked, &paragraphs), one);
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("One. Two! Three? Four"),
            vec!["One.", "Two!", "Three?", "Four"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials. J. K. Rowling wrote."),
            vec!["Mr. Smith met U.S. officials.", "J. K. Rowling wrote."]
        );
    }

    #[test]
    fn closing_marks_stay_with_their_sentence() {
        assert_eq!(
            sentences("“This power will grow.” He left."),
            vec!["“This power will grow.”", "He left."]
        );
        assert_eq!(
            sentences("He said, “go.” “Now,” she said."),
            vec!["He said, “go.”", "“Now,” she said."]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sentences("the decision. would depend"),
            vec!["the decision. would depend"]
        );
    }
}
