//! Small word-level helpers shared by the core: trimming ranges, word
//! boundaries, capitalisation.

use crate::analysis::ByteRange;

/// Trim white space from both ends of `range` in `text`.
pub fn trim(text: &str, range: ByteRange) -> ByteRange {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// A letter, digit, or a joiner that lives inside words (hyphen is not one).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when the character before `at` in `text` is not a word character.
pub fn is_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// True when the character at `at` in `text` is not a word character.
pub fn is_word_end(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Day names, lower case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names, lower case.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A day or month name (lower case).
pub fn is_calendar_word(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || MONTHS.contains(&lower)
}
