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

/// A fixed word list, sorted once on first use for binary search: the name
/// helpers look every capitalised word up in lists of a hundred or more.
pub struct WordSet {
    list: &'static [&'static str],
    sorted: std::sync::OnceLock<Vec<&'static str>>,
}

impl WordSet {
    pub const fn new(list: &'static [&'static str]) -> Self {
        WordSet {
            list,
            sorted: std::sync::OnceLock::new(),
        }
    }

    /// `list.contains(&w)`.
    pub fn contains(&self, w: &str) -> bool {
        self.sorted
            .get_or_init(|| {
                let mut v = self.list.to_vec();
                v.sort_unstable();
                v.dedup();
                v
            })
            .binary_search(&w)
            .is_ok()
    }
}

/// `f(&w.to_lowercase())`, without allocating when `w` is short and ASCII
/// (where Unicode lower case is ASCII lower case).
pub fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        match std::str::from_utf8(b) {
            Ok(lower) => f(lower),
            Err(_) => f(&w.to_lowercase()),
        }
    } else {
        f(&w.to_lowercase())
    }
}

#[cfg(test)]
mod fast_lookup_tests {
    use super::*;

    #[test]
    fn word_set_answers_as_the_list_does() {
        const LIST: &[&str] = &["of", "de", "van", "de", "al", "Mr.", "él"];
        static SET: WordSet = WordSet::new(LIST);
        for w in [
            "of", "de", "van", "al", "Mr.", "él", "Of", "", "x", "vana", "Mr",
        ] {
            assert_eq!(SET.contains(w), LIST.contains(&w), "{w}");
        }
    }

    #[test]
    fn with_lowercase_is_to_lowercase() {
        let long = "A".repeat(100);
        for w in [
            "McCain",
            "ÉLYSÉE",
            "İstanbul",
            "\u{212A}elvin",
            "",
            &long,
            "o'NEILL",
        ] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }
}
