//! The plain-text heading heuristic.
//!
//! Plain text has no markup, so a section heading (a "crosshead") is just a
//! short line that stands alone as a paragraph and reads like a title:
//!
//! ```text
//! ...the fabric of daily life in Iraq.
//!
//! How Iran Seized Iraq
//!
//! Much of the Iranian power in Iraq comes from militias...
//! ```
//!
//! [`judge`] runs a fixed list of named checks, in the order of [`Check`],
//! and reports the first one a paragraph fails, so every rejection has a
//! reason that tests (and people) can read. The checks on the line alone are
//! [`judge_line`]; two more look at the neighbouring paragraphs, because a
//! run of short lines (a photo gallery's captions, a table typed as lines) is
//! not a run of headings: a heading sits between body paragraphs.
//!
//! ```
//! use copydesk::outline::heuristic::{judge_line, Check};
//! assert!(judge_line("How Iran Seized Iraq").is_ok());
//! assert_eq!(judge_line("Saturday, January 5, 2019").unwrap_err(), Check::NotDateline);
//! assert_eq!(judge_line("It didn’t really win people’s hearts.").unwrap_err(), Check::NoTerminalPunctuation);
//! ```

use serde::Serialize;

/// At most this many words in a heading.
pub const MAX_WORDS: usize = 12;
/// At most this many characters in a heading.
pub const MAX_CHARS: usize = 100;

/// The checks a plain-text paragraph must pass to be a heading, in the order
/// they run. The name of the first failed check is the reason for rejecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// One line: a paragraph that wraps over several lines is body text.
    SingleLine,
    /// 1 to [`MAX_WORDS`] words and at most [`MAX_CHARS`] characters.
    Short,
    /// Does not end with `.` `!` `?` `:` `;` `,` or `…`: that ends a
    /// sentence or leads into one. (A question as a heading is rejected too:
    /// in plain text a lone question line is usually an interview question.)
    NoTerminalPunctuation,
    /// No quotation marks: a line with a quote in it is a quote, a caption
    /// or a sentence. Apostrophes inside or at the end of words (`Iran’s`,
    /// `States’`) are not quote marks.
    NoQuoteMarks,
    /// Does not start with a bullet, a dash, a number followed by `.` or `)`,
    /// or a symbol: list items, table rows and pull-quote attributions
    /// (`—Troy Roberts`) are not headings.
    NotListItem,
    /// Starts with a capital letter or a digit, like a title in headline or
    /// sentence case.
    Capitalised,
    /// Not a dateline: a line of weekday, month, day, year and time words
    /// ("Saturday, January 5, 2019", "January 5", "5 Jan 2019, 10:30 GMT"),
    /// or one that opens with a weekday and a comma or a month and a day.
    NotDateline,
    /// Not a byline or credit: "By Jane Smith", "Reporting by ...",
    /// "Photo: ...", "(Image: ...)", "Staff writer".
    NotByline,
    /// The paragraph before, if any, is body text (see [`is_body_text`]):
    /// headings sit after body text or at the top.
    AfterBodyText,
    /// There is a paragraph after, and it is body text: a heading leads
    /// into body text. Runs of short lines (captions) fail one of these two.
    BeforeBodyText,
}

impl Check {
    pub fn name(self) -> &'static str {
        match self {
            Check::SingleLine => "single-line",
            Check::Short => "short",
            Check::NoTerminalPunctuation => "no-terminal-punctuation",
            Check::NoQuoteMarks => "no-quote-marks",
            Check::NotListItem => "not-list-item",
            Check::Capitalised => "capitalised",
            Check::NotDateline => "not-dateline",
            Check::NotByline => "not-byline",
            Check::AfterBodyText => "after-body-text",
            Check::BeforeBodyText => "before-body-text",
        }
    }
}

/// A heading found by the heuristic: its level and the title without any
/// leading `#` marks (byte offsets relative to the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub level: u8,
    /// Byte range of the title inside the line.
    pub title: std::ops::Range<usize>,
}

/// Level of an unmarked plain-text heading: a crosshead inside a story, one
/// level below the story's title.
pub const PLAIN_LEVEL: u8 = 2;

/// Judge a paragraph with its neighbours (`None` at the start or end of the
/// text). `Ok` with the heading's level and title, or the first failed check.
pub fn judge(paragraph: &str, before: Option<&str>, after: Option<&str>) -> Result<Found, Check> {
    let found = judge_line(paragraph)?;
    if before.is_some_and(|b| !is_body_text(b)) {
        return Err(Check::AfterBodyText);
    }
    match after {
        Some(a) if is_body_text(a) => Ok(found),
        _ => Err(Check::BeforeBodyText),
    }
}

/// Body text next to a heading: a paragraph that reads as prose (several
/// lines, long, or ending like a sentence), or a dateline or byline, which
/// sit under a title. A caption or another heading-like line is not.
pub fn is_body_text(paragraph: &str) -> bool {
    matches!(
        judge_line(paragraph),
        Err(Check::SingleLine
            | Check::Short
            | Check::NoTerminalPunctuation
            | Check::NotDateline
            | Check::NotByline)
    )
}

/// The checks on the paragraph alone: everything but the neighbours.
pub fn judge_line(paragraph: &str) -> Result<Found, Check> {
    let line = paragraph.trim();
    if line.is_empty() || line.contains('\n') {
        return Err(Check::SingleLine);
    }
    // Writers who type Markdown-style `# Title` lines in plain text: the
    // marks give the level and are not part of the title.
    let (level, title_start) = match line.find(|c: char| c != '#') {
        Some(n) if (1..=6).contains(&n) && line[n..].starts_with([' ', '\t']) => {
            let rest = &line[n..];
            (n as u8, n + (rest.len() - rest.trim_start().len()))
        }
        _ => (PLAIN_LEVEL, 0),
    };
    let lead = paragraph.len() - paragraph.trim_start().len();
    let title = &line[title_start..];
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_WORDS || title.chars().count() > MAX_CHARS {
        return Err(Check::Short);
    }
    if title.ends_with(['.', '!', '?', ':', ';', ',', '…']) {
        return Err(Check::NoTerminalPunctuation);
    }
    if has_quote_marks(title) {
        return Err(Check::NoQuoteMarks);
    }
    if is_list_item(title) {
        return Err(Check::NotListItem);
    }
    if !title
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return Err(Check::Capitalised);
    }
    if is_dateline(&words) {
        return Err(Check::NotDateline);
    }
    if is_byline(title, &words) {
        return Err(Check::NotByline);
    }
    Ok(Found {
        level,
        title: lead + title_start..lead + line.len(),
    })
}

fn is_list_item(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    if !first.is_alphanumeric() {
        // Bullets (- * + • ·), dashes (– —), boxes, brackets, symbols.
        return true;
    }
    // "1. ", "2) ", "a) ", "iv. "
    let marker: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = &line[marker.len()..];
    let numbered = marker.chars().all(|c| c.is_ascii_digit())
        || (marker.len() == 1 && marker.chars().all(|c| c.is_ascii_lowercase()))
        || (!marker.is_empty() && marker.chars().all(|c| "ivx".contains(c)));
    numbered && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(')'))
}

/// Quote marks, not apostrophes: `’` and `'` after a letter or digit are
/// apostrophes (`Iran’s`, `States’`, `'90s` is the exception we accept).
fn has_quote_marks(line: &str) -> bool {
    let mut prev: Option<char> = None;
    for c in line.chars() {
        match c {
            '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‘' | '‚' => {
                return true
            }
            '\'' | '’' if !prev.is_some_and(char::is_alphanumeric) => return true,
            _ => {}
        }
        prev = Some(c);
    }
    false
}

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
const TIME_WORDS: &[&str] = &[
    "am",
    "pm",
    "a.m",
    "p.m",
    "utc",
    "gmt",
    "bst",
    "cet",
    "est",
    "edt",
    "pst",
    "pdt",
    "at",
    "of",
    "the",
    "updated",
    "published",
];

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_weekday(w: &str) -> bool {
    crate::text::words::WEEKDAYS.contains(&bare(w).as_str())
}

fn is_month(w: &str) -> bool {
    let b = bare(w);
    crate::text::words::MONTHS.contains(&b.as_str()) || MONTH_ABBREVIATIONS.contains(&b.as_str())
}

/// "5", "5th", "2019", "10:30", "05/01/2019", "2019-01-05".
fn is_date_number(w: &str) -> bool {
    let b = w.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')'));
    let digits = b.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &b[digits.len()..];
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '-' | '.'))
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th" | "am" | "pm"
        )
}

fn is_dateline(words: &[&str]) -> bool {
    let all_date_words = words.iter().all(|w| {
        is_weekday(w)
            || is_month(w)
            || is_date_number(w)
            || TIME_WORDS.contains(&bare(w).as_str())
            || bare(w).is_empty()
    });
    let has_date = words.iter().any(|w| is_weekday(w) || is_month(w));
    if all_date_words && has_date {
        return true;
    }
    // "Saturday, ..." and "January 5 ...": a line opening like a date.
    let opens_with_weekday = words
        .first()
        .is_some_and(|w| is_weekday(w) && w.ends_with(','));
    let opens_with_month_day = words.len() >= 2 && is_month(words[0]) && is_date_number(words[1]);
    opens_with_weekday || opens_with_month_day
}

fn is_byline(line: &str, words: &[&str]) -> bool {
    let lower = line.to_lowercase();
    let by_name = words.len() >= 2
        && words[0] == "By"
        && words[1].chars().next().is_some_and(char::is_uppercase);
    by_name
        || [
            "reporting by ",
            "written by ",
            "words by ",
            "photos by ",
            "edited by ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
        || ["photo:", "image:", "picture:", "credit:", "source:"]
            .iter()
            .any(|p| lower.contains(p))
        || ["staff writer", "staff reporter", "correspondent"]
            .iter()
            .any(|p| lower.ends_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn heading(line: &str) {
        assert!(
            judge_line(line).is_ok(),
            "expected a heading: {line:?}, got {:?}",
            judge_line(line)
        );
    }

    #[track_caller]
    fn rejected(line: &str, check: Check) {
        assert_eq!(judge_line(line).map(|_| ()), Err(check), "{line:?}");
    }

    #[test]
    fn reference_crossheads_are_headings() {
        heading("How Iran Seized Iraq");
        heading("Trump sends mixed messages");
        heading("Win hearts and minds");
    }

    #[test]
    fn other_titles_are_headings() {
        heading("Background");
        heading("Iran’s long game");
        heading("The States’ mission");
        heading("540 million private Facebook records found on public Internet");
        heading("Reaction in Baghdad");
        heading("Fan Expo Canada 2019 offers celebrities, cosplay, panels");
    }

    #[test]
    fn sentences_are_not_headings() {
        rejected(
            "It didn’t really win people’s hearts.",
            Check::NoTerminalPunctuation,
        );
        rejected(
            "Watling said that the United States appeared to have shifted its interests.",
            Check::NoTerminalPunctuation,
        );
        rejected("What happens now?", Check::NoTerminalPunctuation);
        rejected("He said:", Check::NoTerminalPunctuation);
        rejected(
            "Anti-government protesters galvanized by deep economic grievances that have accumulated over the years have found themselves facing forces",
            Check::Short,
        );
        rejected("Two lines\nof text", Check::SingleLine);
    }

    #[test]
    fn quotes_are_not_headings() {
        rejected("“We will stay”", Check::NoQuoteMarks);
        rejected(
            "Germany bans Mahan Air of Iran, citing 'security'",
            Check::NoQuoteMarks,
        );
        rejected(
            "Adult Swim television channel \"human claw\"",
            Check::NoQuoteMarks,
        );
    }

    #[test]
    fn datelines_are_not_headings() {
        rejected("Saturday, January 5, 2019", Check::NotDateline);
        rejected("Monday, April 8, 2019", Check::NotDateline);
        rejected("January 5, 2019", Check::NotDateline);
        rejected("5 January 2019", Check::NotDateline);
        rejected("Jan. 5, 2019, 10:30 GMT", Check::NotDateline);
        rejected("Updated 5 Jan 2019 at 10:30 am", Check::NotDateline);
        rejected("Tuesday", Check::NotDateline);
        // A heading that merely mentions a month is still a heading.
        heading("What changed in March");
    }

    #[test]
    fn bylines_lists_and_attributions_are_not_headings() {
        rejected("By Jane Smith", Check::NotByline);
        rejected("Reporting by Jane Smith in Baghdad", Check::NotByline);
        rejected("Sirhan in 1969 (Image: CDCR)", Check::NotByline);
        rejected("Jane Smith, Baghdad correspondent", Check::NotByline);
        rejected("—Troy Roberts", Check::NotListItem);
        rejected("– USCG dispatcher, CNN", Check::NotListItem);
        rejected("- first point", Check::NotListItem);
        rejected("• first point", Check::NotListItem);
        rejected("1. First point", Check::NotListItem);
        rejected("2) Second point", Check::NotListItem);
        rejected("██\u{a0}Labour Party - 203 seats", Check::NotListItem);
        rejected("lower-case start of a line", Check::Capitalised);
    }

    #[test]
    fn hash_marks_give_the_level() {
        assert_eq!(
            judge_line("# Actor Doris Day dies at 97"),
            Ok(Found {
                level: 1,
                title: 2..28
            })
        );
        assert_eq!(judge_line("### Reaction").map(|f| f.level), Ok(3));
        assert_eq!(judge_line("Reaction").map(|f| f.level), Ok(PLAIN_LEVEL));
        // A hashtag is not a mark.
        rejected("#MeToo", Check::NotListItem);
    }

    #[test]
    fn neighbours_decide_runs_of_short_lines() {
        let body = "Much of the Iranian power in Iraq comes from militias.";
        assert!(judge("How Iran Seized Iraq", Some(body), Some(body)).is_ok());
        assert!(judge("How Iran Seized Iraq", None, Some(body)).is_ok());
        assert_eq!(
            judge("How Iran Seized Iraq", Some(body), None),
            Err(Check::BeforeBodyText)
        );
        // Gallery captions: each has another caption next to it.
        assert_eq!(
            judge("Xbox booth", Some(body), Some("LEGO Overwatch promotion")),
            Err(Check::BeforeBodyText)
        );
        assert_eq!(
            judge(
                "A stage show for families",
                Some("EB Games store display"),
                Some(body)
            ),
            Err(Check::AfterBodyText)
        );
        // A caption with a quote in it is not body text either.
        assert_eq!(
            judge(
                "Actress promoting Xbox game Gears 5",
                Some(body),
                Some("Adult Swim channel \"human claw\"")
            ),
            Err(Check::BeforeBodyText)
        );
        // A dateline after a title counts as body text.
        assert!(judge(
            "# Actor Doris Day dies at 97",
            None,
            Some("Thursday, May 16, 2019")
        )
        .is_ok());
    }
}
