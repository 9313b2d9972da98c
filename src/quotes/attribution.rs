//! Finding who said a quotation, from the words around it.
//!
//! The text around a quotation (the rest of its sentence before the opening
//! mark and after the closing mark, with every other quotation's words left
//! out) is cut into tokens. A speech verb there, with a speaker standing next
//! to it, names the source: `said Fawaz Gerges`, `Gerges said`, `he said`,
//! `the Iraqi interim prime minister said that`, `Fawaz Gerges, professor at
//! LSE, said`; `according to X` and a colon lead-in do too. Names are
//! capitalised runs with titles and sentence openers trimmed; a surname is
//! resolved to the full name introduced earlier in the text; a pronoun to the
//! nearest earlier named speaker.

use crate::analysis::ByteRange;
use crate::kb::char_at;
use crate::text::words::WordSet;

use super::verbs::Verbs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok<'a> {
    pub range: ByteRange,
    pub text: &'a str,
    pub kind: TokKind,
}

impl Tok<'_> {
    fn is(&self, s: &str) -> bool {
        self.text == s
    }
    fn lower(&self) -> Lower<'_> {
        Lower::of(self.text)
    }
    fn capitalized(&self) -> bool {
        self.kind == TokKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// `text.to_lowercase()` without allocating for the common cases: borrowed
/// when lower case already (ASCII without capitals, or a dash, a mark or a
/// word no character of which lower case changes), on the stack when short
/// ASCII (`Tok::lower` runs for many tokens of every sentence). Reads as a
/// `&str`.
pub(super) enum Lower<'a> {
    Borrowed(&'a str),
    Inline([u8; 32], u8),
    Owned(String),
}

impl<'a> Lower<'a> {
    fn of(text: &'a str) -> Self {
        let b = text.as_bytes();
        if !b.is_ascii() {
            // (`str::to_lowercase` maps each character on its own but for
            // a final `Σ`, which changes either way.)
            if text.chars().all(|c| {
                let mut l = c.to_lowercase();
                l.next() == Some(c) && l.next().is_none()
            }) {
                Lower::Borrowed(text)
            } else {
                Lower::Owned(text.to_lowercase())
            }
        } else if !b.iter().any(u8::is_ascii_uppercase) {
            Lower::Borrowed(text)
        } else if b.len() <= 32 {
            let mut buf = [0u8; 32];
            buf[..b.len()].copy_from_slice(b);
            buf.make_ascii_lowercase();
            Lower::Inline(buf, b.len() as u8)
        } else {
            Lower::Owned(text.to_ascii_lowercase())
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // ASCII bytes: always valid UTF-8.
            Lower::Inline(buf, n) => std::str::from_utf8(&buf[..usize::from(*n)]).unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `c.is_alphanumeric()`, without a look-up in Unicode's tables for ASCII
/// and for the General Punctuation block (curly quotes and apostrophes,
/// dashes, ellipses), which hold no letter or digit: the tokenizer asks it
/// of every character.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric()
    }
}

/// Tokens of `text[range]`, leaving out any byte inside `skip` (sorted, disjoint ranges).
///
/// A word is a letter or digit and what follows it of letters and
/// digits, of `'`, `’`, `-` and `.` with a letter or digit after them,
/// and of en dashes between two letters (`Saffir–Simpson`); every other
/// character but white space is a token of its own. (Read byte by byte,
/// with runs of ASCII letters and digits taken at once: the rules read
/// characters only around the rest.)
pub fn tokens<'a>(text: &'a str, range: ByteRange, skip: &[ByteRange]) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(range.len() / 5);
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    // `skip` is sorted and disjoint: only the ranges overlapping this one.
    let lo = skip.partition_point(|r| r.end <= range.start);
    let hi = skip.partition_point(|r| r.start < range.end);
    let skip = &skip[lo..hi.max(lo)];
    // `i` only grows: a cursor over `skip` finds the range that may hold it.
    let mut k = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at = range.start + i;
        while k < skip.len() && skip[k].end <= at {
            k += 1;
        }
        if skip.get(k).is_some_and(|r| r.start <= at) {
            // Past the skipped range, to the first character starting
            // there or after.
            i = (skip[k].end - range.start).min(bytes.len());
            while !s.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let (c, len) = char_at(s, i).expect("a character at a boundary inside the range");
        if is_alnum(c) {
            let end = word_end(s, i + len);
            out.push(Tok {
                range: at..range.start + end,
                text: &s[i..end],
                kind: TokKind::Word,
            });
            i = end;
        } else {
            if !c.is_whitespace() {
                out.push(Tok {
                    range: at..at + len,
                    text: &s[i..i + len],
                    kind: TokKind::Punct,
                });
            }
            i += len;
        }
    }
    out
}

/// Where a word of `s` whose first character ends at `end` ends (see
/// [`tokens`]). Like the word rule of `tokens`, it reads on past any
/// skipped range.
fn word_end(s: &str, mut end: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        let j = end;
        let Some((d, len)) = char_at(s, j) else {
            return end;
        };
        let after = j + len;
        let inner = matches!(d, '\'' | '’' | '-' | '.');
        let next_alnum = || s[after..].chars().next().is_some_and(is_alnum);
        // `Saffir–Simpson`, `Mason–Dixon`: an en dash between two
        // letters joins a compound name (a spaced one, or one
        // between digits, is punctuation).
        let name_dash = d == '–'
            && s[..j].chars().next_back().is_some_and(char::is_alphabetic)
            && s[after..].chars().next().is_some_and(char::is_alphabetic);
        if is_alnum(d) || (inner && next_alnum()) || name_dash {
            end = after;
        } else {
            return end;
        }
    }
}

/// [`tokens`] as it was first written, character by character: the
/// oracle of its tests.
#[cfg(test)]
fn tokens_by_chars<'a>(text: &'a str, range: ByteRange, skip: &[ByteRange]) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(range.len() / 5);
    let s = &text[range.clone()];
    // `skip` is sorted and disjoint: only the ranges overlapping this one.
    let lo = skip.partition_point(|r| r.end <= range.start);
    let hi = skip.partition_point(|r| r.start < range.end);
    let skip = &skip[lo..hi.max(lo)];
    // `at` only grows: a cursor over `skip` finds the range that may hold it.
    let mut k = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = range.start + i;
        while k < skip.len() && skip[k].end <= at {
            k += 1;
        }
        if skip.get(k).is_some_and(|r| r.start <= at) {
            continue;
        }
        if is_alnum(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let inner = matches!(d, '\'' | '’' | '-' | '.');
                let next_alnum = || s[j + d.len_utf8()..].chars().next().is_some_and(is_alnum);
                // `Saffir–Simpson`, `Mason–Dixon`: an en dash between two
                // letters joins a compound name (a spaced one, or one
                // between digits, is punctuation).
                let name_dash = d == '–'
                    && s[..j].chars().next_back().is_some_and(char::is_alphabetic)
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if is_alnum(d) || (inner && next_alnum()) || name_dash {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                range: range.start + i..range.start + end,
                text: &s[i..end],
                kind: TokKind::Word,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                range: at..at + c.len_utf8(),
                text: &s[i..i + c.len_utf8()],
                kind: TokKind::Punct,
            });
        }
    }
    out
}

/// `tokens(text, range, skip)`, read off `sentence`: the tokens that
/// `tokens` gives for a range `outer` holding `range` (a sentence), with
/// the same `skip`. Nothing is tokenized again but the one word that runs
/// over each end of `range`, so a quote's words before and after it cost
/// two binary searches instead of a scan of the rest of its sentence
/// (a sentence of thousands of quotes made the analysis quadratic).
///
/// Why a slice of `sentence` is what `tokens` gives for `range`: `tokens`
/// is a scan whose only state is its position, and a word it starts
/// grows by a rule that looks at the byte before (inside the word) and at
/// most two characters after. So a scan of `range` that stands where the
/// scan of `outer` also stands between tokens (anywhere but strictly
/// inside one of its words) cuts the same tokens from there on, except
/// that its lookahead stops at `range.end`: a token of `outer` that ends
/// at or before `range.end` was cut the same way (a shorter lookahead can
/// only stop a word sooner, and `outer`'s word stopped there), and the one
/// running over `range.end` is tokenized again up to it. A `range` that
/// starts inside a word is tokenized again to that word's end, where both
/// scans stand between tokens again.
pub fn tokens_within<'s, 'a>(
    text: &'a str,
    sentence: &'s [Tok<'a>],
    range: ByteRange,
    skip: &[ByteRange],
) -> std::borrow::Cow<'s, [Tok<'a>]> {
    use std::borrow::Cow;
    let (head, mid, tail) = tokens_within_parts(text, sentence, range, skip);
    if head.is_empty() && tail.is_empty() {
        return Cow::Borrowed(&sentence[mid]);
    }
    let mut out = head;
    out.extend_from_slice(&sentence[mid]);
    out.extend(tail);
    Cow::Owned(out)
}

/// The last token of `tokens(text, range, skip)` for which `is` holds,
/// given `outer` (the tokens of a range holding `range`, as for
/// [`tokens_within`]) and `marked`, the indexes of the tokens of `outer`
/// for which it holds: a binary search, not a scan of the range.
pub fn last_within<'a>(
    text: &'a str,
    outer: &[Tok<'a>],
    marked: &[usize],
    range: ByteRange,
    skip: &[ByteRange],
    is: impl Fn(&Tok) -> bool,
) -> Option<Tok<'a>> {
    let (head, mid, tail) = tokens_within_parts(text, outer, range, skip);
    let k = marked.partition_point(|&i| i < mid.end);
    tail.into_iter()
        .rev()
        .find(|t| is(t))
        .or_else(|| {
            k.checked_sub(1)
                .map(|k| marked[k])
                .filter(|&i| i >= mid.start)
                .map(|i| outer[i].clone())
        })
        .or_else(|| head.into_iter().rev().find(|t| is(t)))
}

/// [`tokens_within`] in three parts: the tokens cut again at the start of
/// `range`, the indexes of `sentence`'s own tokens that follow, and the
/// tokens cut again at its end.
pub fn tokens_within_parts<'a>(
    text: &'a str,
    sentence: &[Tok<'a>],
    range: ByteRange,
    skip: &[ByteRange],
) -> (Vec<Tok<'a>>, std::ops::Range<usize>, Vec<Tok<'a>>) {
    if range.start >= range.end {
        return (Vec::new(), 0..0, Vec::new());
    }
    let (a, b) = (range.start, range.end);
    // The first token ending after `a`: a word of `sentence` running over
    // `a` is cut again from `a` to its end.
    let mut i = sentence.partition_point(|t| t.range.end <= a);
    let mut head = Vec::new();
    if let Some(t) = sentence.get(i).filter(|t| t.range.start < a) {
        let end = t.range.end.min(b);
        head = tokens(text, a..end, skip);
        if end == b {
            return (head, 0..0, Vec::new());
        }
        i += 1;
    }
    // The tokens of `sentence` that end by `b`, then the one running over it.
    let j = i + sentence[i..].partition_point(|t| t.range.end <= b);
    let tail = sentence
        .get(j)
        .filter(|t| t.range.start < b)
        .map_or_else(Vec::new, |t| tokens(text, t.range.start..b, skip));
    (head, i..j, tail)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Name,
    Pronoun,
    Role,
}

/// A speaker mention found next to a speech verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: ByteRange,
    pub kind: MentionKind,
    pub according_to: bool,
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

/// Words between a subject and its verb: `he also said`, `Trump has said`.
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "is",
    "are",
    "were",
    "would",
    "will",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "also",
    "later",
    "then",
    "previously",
    "earlier",
    "further",
    "again",
    "once",
    "never",
    "not",
    "had",
    "just",
    "even",
    "still",
    "often",
    "first",
    "repeatedly",
    "recently",
    "reportedly",
    "allegedly",
    "publicly",
    "privately",
    "simply",
    "has",
    "been",
    "be",
    "can",
    "cannot",
    "can't",
    "didn't",
    "doesn't",
    "went",
    "on",
    "to",
    "already",
    "subsequently",
    "finally",
    "eventually",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "one", "another", "two",
    "three", "several", "some", "many",
];

/// Function words that are not the head of a role (`which said`).
const NOT_HEADS: &[&str] = &[
    "that",
    "you",
    "which",
    "who",
    "whom",
    "what",
    "it",
    "this",
    "these",
    "those",
    "there",
    "here",
    "and",
    "or",
    "but",
    "as",
    "so",
    "if",
    "when",
    "while",
    "than",
    "then",
    "also",
    "been",
    "being",
    "be",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "not",
    "no",
    "all",
    "more",
    "most",
    "time",
    "times",
    "year",
    "years",
    "week",
    "day",
    "interview",
    "conference",
    "briefing",
];

/// Capitalised words that start sentences or name times, not people.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "Of",
    "By",
    "With",
    "As",
    "If",
    "Part",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Last",
    "Next",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Meanwhile",
    "However",
    "Also",
    "Then",
    "Yet",
    "Still",
    "Although",
    "Though",
    "Despite",
    "According",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Earlier",
    "Later",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Speaking",
    "Asked",
    "There",
    "Here",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "One",
    "Two",
    "Three",
    "Former",
    "Now",
    "Instead",
    "Thus",
    "Such",
    "Because",
    "Following",
    "During",
    "Under",
    "Over",
    "Among",
    "Through",
    "Without",
    "Within",
    "About",
    "Against",
    "Until",
    "Reportedly",
    "Separately",
    "Similarly",
    "Additionally",
    "Furthermore",
    "Moreover",
    "Later",
    "Eventually",
    "Finally",
    "Only",
    "Just",
    "Even",
    "Not",
    "No",
    "Yes",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
];

/// Titles that come before a name and are not part of it.
const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "State",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Governor",
    "Gov",
    "Mayor",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Captain",
    "Capt",
    "Lieutenant",
    "Lt",
    "Admiral",
    "Sergeant",
    "Sgt",
    "Judge",
    "Justice",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Father",
    "Rev",
    "Reverend",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Ayatollah",
    "Chief",
    "Director",
    "Commissioner",
    "Ambassador",
    "Professor",
    "Prof",
    "Doctor",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Speaker",
    "Leader",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Health",
    "Attorney",
    "Deputy",
    "Acting",
    "Former",
    "Officer",
    "Inspector",
    "Detective",
    "Constable",
    "Superintendent",
    "Premier",
    "Chairman",
    "Fellow",
    "Executive",
    "MP",
    "MEP",
    "Legislator",
    "Voter",
    "Sheriff",
    "Broadcaster",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Analyst",
    "Author",
    "Scientist",
    "Researcher",
    "Economist",
    "Activist",
    "Lawyer",
    "Commander",
    "Head",
    "Founder",
    "Actor",
    "Actress",
    "Singer",
    "Journalist",
    "Reporter",
    "Editor",
    "Historian",
    "Councilman",
    "Councilwoman",
    "Assemblyman",
    "Assemblywoman",
    "Selectman",
    "Pastor",
    "Coroner",
    "Marshal",
    "Lead",
    "Chairwoman",
    "Chair",
    "CEO",
    "Coach",
    "Manager",
    "Congressman",
    "Congresswoman",
    "Councillor",
    "Councilor",
    "Treasurer",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

const PARTICLES: &[&str] = &[
    "of", "de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le", "al",
    "bin", "ibn", "el", "ben", "dos", "das", "y",
];

/// Letters written after a name: honours, silk, degrees (`Kama Melly QC`).
const POST_NOMINALS: &[&str] = &[
    "QC", "KC", "SC", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD", "MD", "Esq", "Esq.",
];

fn is_pronoun(t: &Tok) -> bool {
    t.kind == TokKind::Word && lower_in(t.text, PRONOUNS)
}

/// `list.contains(&w.to_lowercase())` for a list of lower-case words,
/// without allocating when `w` is ASCII (the common case).
pub(super) fn lower_in(w: &str, list: &[&str]) -> bool {
    if w.is_ascii() {
        list.iter().any(|l| l.eq_ignore_ascii_case(w))
    } else {
        list.contains(&w.to_lowercase().as_str())
    }
}

/// The lists above, for binary search (looked up for every capitalised word).
static NOT_NAMES_SET: WordSet = WordSet::new(NOT_NAMES);
static TITLES_SET: WordSet = WordSet::new(TITLES);
static PARTICLES_SET: WordSet = WordSet::new(PARTICLES);

/// A word that may be part of a name.
fn name_word(t: &Tok) -> bool {
    (t.capitalized() || arabic_article_name(t.text))
        && !t.text.ends_with("'s")
        && !t.text.ends_with("’s")
}

/// `el-Sisi`, `al-Assad`: a name after a lower-case Arabic article.
fn arabic_article_name(w: &str) -> bool {
    [
        "al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-",
    ]
    .iter()
    .any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Trim a name run (indices `lo..=hi` into `toks`): leading sentence words
/// and titles off; particles may not start or end it.
fn trim_name(toks: &[Tok], mut lo: usize, mut hi: usize) -> Option<(usize, usize)> {
    loop {
        if lo > hi {
            return None;
        }
        let t = &toks[lo];
        if NOT_NAMES_SET.contains(t.text)
            || TITLES_SET.contains(t.text)
            || PARTICLES_SET.contains(t.text)
            || t.kind == TokKind::Punct
        {
            lo += 1;
        } else {
            break;
        }
    }
    let mut had_title =
        lo > 0 && (TITLES_SET.contains(toks[lo - 1].text) || toks[lo - 1].text.starts_with("Co-"));
    // `Co-author Jing-Shan Zhao`
    if toks[lo].text.starts_with("Co-") && lo < hi {
        lo += 1;
        had_title = true;
    }
    // A title later in the run: `US Secretary of State Mike Pompeo`.
    if let Some(last_title) = (lo..=hi).rev().find(|&i| TITLES_SET.contains(toks[i].text)) {
        if last_title < hi {
            lo = last_title + 1;
            had_title = true;
            while lo < hi && PARTICLES_SET.contains(toks[lo].text) {
                lo += 1;
            }
        }
    }
    while hi > lo && (PARTICLES_SET.contains(toks[hi].text) || toks[hi].kind == TokKind::Punct) {
        hi -= 1;
    }
    // `Judge Durham Hall QC`: letters after a name are not part of it.
    while hi > lo && POST_NOMINALS.contains(&toks[hi].text) {
        hi -= 1;
    }
    // `European Court of Justice` ends with a title word, and is a name.
    let of_title = hi >= lo + 2 && toks[hi - 1].is("of");
    if (TITLES_SET.contains(toks[hi].text) && !of_title)
        || (lo == hi && NOT_NAMES_SET.contains(toks[hi].text))
    {
        return None;
    }
    if is_org_word(toks[hi].text) {
        // `Carl Lipo of Binghamton University`: a person's full name
        // before `of` (not `Bank of England`, `University of Geneva`).
        if let Some(k) = (lo + 2..hi).find(|&k| toks[k].is("of")) {
            let person_part = (lo..k).all(|i| {
                toks[i].kind == TokKind::Word
                    && !is_org_word(toks[i].text)
                    && toks[i].text.chars().any(char::is_lowercase)
                    && !NOT_NAMES_SET.contains(toks[i].text)
            });
            if person_part && k - lo >= 2 && k - lo <= 3 {
                return Some((lo, k - 1));
            }
        }
        return Some((lo, hi));
    }
    // `Ross Spano of Florida`: the person before `of`.
    if let Some(k) = (lo + 2..hi).find(|&k| toks[k].is("of")) {
        if !is_org_word(toks[k - 1].text) {
            return Some((lo, k - 1));
        }
    }
    // `Mayor of London Sadiq Khan`, `United Nations Nikki Haley`: a long run
    // after a title ends with the person's first and last name.
    let words = (lo..=hi).filter(|&i| toks[i].kind == TokKind::Word).count();
    let has_particle = (lo..=hi).any(|i| PARTICLES_SET.contains(toks[i].text) || toks[i].is("."));
    let title_then_name = lo > 0 && TITLES_SET.contains(toks[lo - 1].text);
    // (Not three names right after a title: `Prime Minister Tuilaepa
    // Sailele Malielegaoi`.)
    if !has_particle && (words >= 4 || (words >= 3 && had_title && !title_then_name)) {
        lo = hi - 1;
    }
    Some((lo, hi))
}

/// A title before a name: `Pope`, `President`, `Judge`.
pub fn is_title(w: &str) -> bool {
    TITLES_SET.contains(w)
}

/// A word that ends an organisation's name: `Institute`, `Ministry`.
pub fn is_org_word(w: &str) -> bool {
    const ORG: &[&str] = &[
        "Institute",
        "University",
        "Ministry",
        "Department",
        "Council",
        "Association",
        "Agency",
        "Organization",
        "Organisation",
        "Court",
        "Party",
        "Committee",
        "Commission",
        "Office",
        "Service",
        "Services",
        "Bank",
        "Fund",
        "Society",
        "Foundation",
        "Center",
        "Centre",
        "Police",
        "Army",
        "News",
        "Times",
        "Post",
        "Union",
        "Group",
        "Board",
        "Authority",
        "Company",
        "Corporation",
        "Inc",
        "Ltd",
        "Network",
        "Watch",
        "Hospital",
        "School",
        "College",
        "Program",
        "Programme",
        "Survey",
        "Guard",
        "Force",
        "Forces",
        "Navy",
        "Command",
        "Administration",
        "Parliament",
        "Congress",
        "Senate",
        "House",
        "Assembly",
        "Government",
        "Nations",
        "Alliance",
        "Coalition",
        "Federation",
        "League",
        "Club",
        "Team",
        "Magazine",
        "Journal",
        "Press",
        "Agency",
    ];
    static ORG_SET: WordSet = WordSet::new(ORG);
    ORG_SET.contains(w)
}

/// The name run ending at `hi` (walking back).
fn name_back(toks: &[Tok], hi: usize, lo_bound: usize) -> Option<(usize, usize)> {
    if !name_word(&toks[hi]) {
        return None;
    }
    let mut lo = hi;
    while lo > lo_bound {
        let p = &toks[lo - 1];
        if name_word(p)
            || (PARTICLES.contains(&p.text) && lo >= 2 && name_word(&toks[lo - 2]))
            || (p.is(".") && lo >= 2 && toks[lo - 2].text.len() == 1 && toks[lo - 2].capitalized())
        {
            lo -= 1;
        } else {
            break;
        }
        if hi - lo > 8 {
            break;
        }
    }
    trim_name(toks, lo, hi)
}

/// The name run starting at `lo` (walking forward).
fn name_forward(toks: &[Tok], lo: usize) -> Option<(usize, usize)> {
    if !toks.get(lo).is_some_and(|t| t.capitalized()) {
        return None;
    }
    let mut hi = lo;
    while hi + 1 < toks.len() && hi - lo < 8 {
        let n = &toks[hi + 1];
        if name_word(n)
            || (PARTICLES.contains(&n.text) && toks.get(hi + 2).is_some_and(name_word))
            || (n.is(".") && toks[hi].text.len() == 1 && toks[hi].capitalized())
            // `U.S. Attorney Bash`: an abbreviation's last period.
            || (n.is(".")
                && toks[hi].text.contains('.')
                && toks[hi].capitalized()
                && toks.get(hi + 2).is_some_and(name_word))
        {
            hi += 1;
        } else {
            break;
        }
        if toks[hi].text.ends_with("'s") || toks[hi].text.ends_with("’s") {
            break;
        }
    }
    trim_name(toks, lo, hi)
}

fn span(toks: &[Tok], lo: usize, hi: usize) -> ByteRange {
    toks[lo].range.start..toks[hi].range.end
}

fn is_time_word(lower: &str) -> bool {
    TIME_WORDS.contains(&lower) || (lower != "may" && crate::text::words::is_calendar_word(lower))
}

fn is_possessive(t: &Tok) -> bool {
    t.text.ends_with("'s") || t.text.ends_with("’s")
}

/// Words that may stand between a subject and its verb besides auxiliaries:
/// `Liton, on Sunday, told`, `Smith last week said`.
/// Besides these: day and month names, except "may" (a modal verb).
const TIME_WORDS: &[&str] = &[
    "last",
    "this",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "earlier",
    "later",
];

/// Abbreviations whose period does not end a clause: `said Dr. Livermore`.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt",
    "Jr", "Sr", "Rev", "Mt",
];

/// Verbs that introduce a quoted text rather than speech: `the statement read`.
fn is_lead_verb(t: &Tok) -> bool {
    matches!(t.text, "read" | "reads" | "Read" | "Reads")
}

/// Skip back from `i` over auxiliaries, adverbs, times and parentheses to
/// the word a subject should end at.
fn skip_back(toks: &[Tok], mut i: usize, lo: usize) -> Option<usize> {
    loop {
        if i < lo {
            return None;
        }
        let t = &toks[i];
        let l = t.lower();
        let skippable = t.kind == TokKind::Word
            && (AUX.contains(&l.as_str())
                || (l.ends_with("ly") && !t.capitalized())
                || is_time_word(&l));
        if skippable {
            i = i.checked_sub(1)?;
            continue;
        }
        if t.is(")") {
            let mut j = i;
            let mut depth = 0;
            loop {
                if toks[j].is(")") {
                    depth += 1;
                } else if toks[j].is("(") {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                if j <= lo {
                    return None;
                }
                j -= 1;
            }
            i = j.checked_sub(1)?;
            continue;
        }
        if t.is(",") && i > lo && is_time_word(&toks[i - 1].lower()) {
            // `Liton, on Sunday, told`: the comma closes a time phrase.
            i -= 1;
            continue;
        }
        return Some(i);
    }
}

fn name_found(toks: &[Tok], a: usize, b: usize) -> Found {
    Found {
        range: span(toks, a, b),
        kind: MentionKind::Name,
        according_to: false,
    }
}

/// A name ending at `hi`, preferring the person in `X of the Y`
/// (`Mick Jagger of The Rolling Stones`, `Nikki Holland of the UK's NCA`).
fn person_back(toks: &[Tok], hi: usize, lo: usize) -> Option<(usize, usize)> {
    let (a, b) = name_back(toks, hi, lo)?;
    // `Mick Jagger of The Rolling Stones` is one run: cut it at `of The`.
    if let Some(k) = (a + 1..b).find(|&k| toks[k].is("of") && toks[k + 1].is("The")) {
        if let Some(r) = trim_name(toks, a, k - 1) {
            return Some(r);
        }
    }
    // From the start of the whole capitalised run, titles and all (`Mike
    // Ryan of the World Health Organization`, trimmed to `Organization`).
    let mut k = a;
    while k > lo
        && (name_word(&toks[k - 1])
            || (PARTICLES.contains(&toks[k - 1].text) && k - 1 > lo && name_word(&toks[k - 2])))
    {
        k -= 1;
    }
    let mut described = false;
    for _ in 0..6 {
        if k <= lo {
            break;
        }
        let p = &toks[k - 1];
        if p.is("of") || p.is("at") || p.is("from") || p.is("in") {
            if k >= 2 && k - 2 >= lo && name_word(&toks[k - 2]) {
                if let Some(r) = name_back(toks, k - 2, lo) {
                    // (Over a description, only a full name.)
                    if !described || r.1 > r.0 {
                        return Some(r);
                    }
                }
            }
            // `Anderson Cooper, of CNN,`
            if k >= 3 && k - 3 >= lo && toks[k - 2].is(",") && name_word(&toks[k - 3]) {
                if let Some(r) = name_back(toks, k - 3, lo) {
                    if r.1 > r.0 {
                        return Some(r);
                    }
                }
            }
            break;
        }
        if p.lower() == "the" || is_possessive(p) {
            k -= 1;
            continue;
        }
        // `Peter Iseley of worldwide victim group Ending Clergy Abuse`: a
        // few lower-case words describing the body after `of`.
        if p.kind == TokKind::Word
            && p.text.chars().all(|c| c.is_lowercase() || c == '-')
            && !matches!(
                p.text,
                "to" | "for" | "with" | "and" | "or" | "by" | "as" | "on"
            )
            && !AUX.contains(&p.text)
        {
            described = true;
            k -= 1;
            continue;
        }
        // `Jennifer Daskal of American University and contributor to
        // Slate wrote`: a name after `to` or `for` is not the subject; a
        // full name opening the clause is.
        if matches!(p.text, "to" | "for" | "with") {
            let c = (lo..k)
                .rev()
                .find(|&i| toks[i].kind == TokKind::Punct)
                .map_or(lo, |i| i + 1);
            if c + 1 < k && name_word(&toks[c]) && !NOT_NAMES_SET.contains(toks[c].text) {
                if let Some((a2, mut b2)) = name_forward(toks, c) {
                    // `Jennifer Daskal of American University`: the person.
                    if let Some(o) = (a2 + 2..b2).find(|&o| toks[o].is("of")) {
                        if !(a2..o).any(|w| is_org_word(toks[w].text)) {
                            b2 = o - 1;
                        }
                    }
                    if b2 > a2 && b2 + 1 < k {
                        return Some((a2, b2));
                    }
                }
            }
        }
        break;
    }
    Some((a, b))
}

/// A role ending at `head`: `the Iraqi interim prime minister`, `police`,
/// `a spokesman for the ministry`, `the family's statement on the death`.
fn role_back(toks: &[Tok], head: usize, lo: usize) -> Option<Found> {
    let t = &toks[head];
    if t.kind != TokKind::Word
        || NOT_HEADS.contains(&t.lower().as_str())
        || DETERMINERS.contains(&t.lower().as_str())
        || PRONOUNS.contains(&t.lower().as_str())
        || t.text.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut j = head;
    let mut start = None;
    while j > lo && head - j < 10 {
        let p = &toks[j - 1];
        let pl = p.lower();
        if p.kind != TokKind::Word {
            break;
        }
        if DETERMINERS.contains(&pl.as_str()) || is_possessive(p) {
            let mut s = j - 1;
            if is_possessive(p) && s > lo && DETERMINERS.contains(&toks[s - 1].lower().as_str()) {
                s -= 1;
            }
            start = Some(s);
            // `a spokesman for the ministry`: keep the head noun phrase.
            if s >= lo + 2
                && matches!(
                    toks[s - 1].lower().as_str(),
                    "for" | "of" | "at" | "from" | "with" | "in" | "on"
                )
            {
                // `Regina Ip from the pro-Beijing camp said`: the person.
                if name_word(&toks[s - 2]) {
                    if let Some((a, b)) = person_back(toks, s - 2, lo) {
                        return Some(name_found(toks, a, b));
                    }
                }
                j = s - 1;
                continue;
            }
            break;
        }
        if NOT_HEADS.contains(&pl.as_str()) || PRONOUNS.contains(&pl.as_str()) {
            break;
        }
        j -= 1;
    }
    let start = match start {
        Some(s) => s,
        // A bare plural at a clause's start: `police said`, `officials said`.
        None if (j == lo
            || toks[j - 1].kind == TokKind::Punct
            || matches!(toks[j - 1].lower().as_str(), "and" | "but" | "that"))
            && head - j <= 2 =>
        {
            j
        }
        None => return None,
    };
    // Without a determiner, a capitalised word inside is a name and a verb
    // follows it (`Trump characterized the`): not a role.
    if !DETERMINERS.contains(&toks[start].lower().as_str())
        && !is_possessive(&toks[start])
        && (start..=head).any(|k| toks[k].capitalized())
    {
        return None;
    }
    if start == head && DETERMINERS.contains(&toks[head].lower().as_str()) {
        return None;
    }
    Some(Found {
        range: span(toks, start, head),
        kind: MentionKind::Role,
        according_to: false,
    })
}

/// The subject standing before the verb at `v`, not reaching before `lo`.
fn subject_before(toks: &[Tok], v: usize, lo: usize) -> Option<Found> {
    let i = skip_back(toks, v.checked_sub(1)?, lo)?;
    let t = &toks[i];
    if matches!(t.lower().as_str(), "who" | "which") && i > lo {
        // `Alex Greenwich who said`, `a statement which said`: the antecedent.
        // `Mark Hay, a marine ecologist at GT, who said`: the apposition's head.
        if toks[i - 1].is(",") {
            if let Some(f) = subject_before(toks, i, lo) {
                if f.kind == MentionKind::Name {
                    return Some(f);
                }
            }
        }
        let j = if toks[i - 1].is(",") {
            i.checked_sub(2)?
        } else {
            i - 1
        };
        if j < lo {
            return None;
        }
        if name_word(&toks[j]) {
            return person_back(toks, j, lo).map(|(a, b)| name_found(toks, a, b));
        }
        return role_back(toks, j, lo);
    }
    if is_pronoun(t) {
        return Some(Found {
            range: t.range.clone(),
            kind: MentionKind::Pronoun,
            according_to: false,
        });
    }
    if t.capitalized()
        && TITLES.contains(&t.text)
        && i > lo
        && DETERMINERS.contains(&toks[i - 1].lower().as_str())
    {
        // `the Pope read`, `One MP told`
        return Some(Found {
            range: span(toks, i - 1, i),
            kind: MentionKind::Role,
            according_to: false,
        });
    }
    if name_word(t) {
        return person_back(toks, i, lo).map(|(a, b)| name_found(toks, a, b));
    }
    if t.is(",") {
        // `Fawaz Gerges, professor at ..., said`
        let mut j = i;
        let mut steps = 0;
        while j > lo && steps < 25 {
            j -= 1;
            steps += 1;
            if toks[j].is(",") {
                // `The mayor of Paris, Anne Hidalgo, wrote`: the name
                // between the commas, when the one before is a place.
                if j + 2 < i && name_word(&toks[j + 1]) {
                    if let Some((a, b)) = name_forward(toks, j + 1) {
                        let mut r = j;
                        while r > lo && name_word(&toks[r - 1]) {
                            r -= 1;
                        }
                        let place = r < j
                            && r > lo
                            && matches!(toks[r - 1].text, "of" | "in" | "for" | "at" | "from");
                        if b + 1 == i && b > a && place {
                            return Some(name_found(toks, a, b));
                        }
                    }
                }
                if j > lo && name_word(&toks[j - 1]) {
                    if let Some((a, b)) = person_back(toks, j - 1, lo) {
                        return Some(name_found(toks, a, b));
                    }
                }
                // `Anna Franowska of “Have no fear”, an abuse victim support
                // charity, told`: the quoted name is left out of the tokens.
                if j >= lo + 2
                    && matches!(toks[j - 1].text, "of" | "at" | "from")
                    && name_word(&toks[j - 2])
                {
                    if let Some((a, b)) = person_back(toks, j - 2, lo) {
                        return Some(name_found(toks, a, b));
                    }
                }
                break;
            }
            if matches!(toks[j].text, "." | ";" | ":" | "“" | "”" | "\"") {
                break;
            }
        }
        // `One activist, Nur Khan Liton, told`: the name is the apposition.
        if i > lo && name_word(&toks[i - 1]) {
            return person_back(toks, i - 1, lo).map(|(a, b)| name_found(toks, a, b));
        }
        return None;
    }
    if !t.capitalized() {
        return role_back(toks, i, lo);
    }
    None
}

/// The subject after the verb at `v` (`said Fawaz Gerges`, `said the
/// spokeswoman`, `said study co-author and Research Fellow Martin How`).
fn subject_after(toks: &[Tok], v: usize) -> Option<Found> {
    let t = toks.get(v + 1)?;
    if is_pronoun(t) && matches!(t.lower().as_str(), "he" | "she") {
        return Some(Found {
            range: t.range.clone(),
            kind: MentionKind::Pronoun,
            according_to: false,
        });
    }
    if t.kind == TokKind::Word && !t.capitalized() && DETERMINERS.contains(&t.lower().as_str()) {
        let mut j = v + 1;
        let mut end = None;
        while j + 1 < toks.len() && j - v < 10 {
            let n = &toks[j + 1];
            if n.kind != TokKind::Word
                || n.capitalized()
                || matches!(
                    n.lower().as_str(),
                    "who"
                        | "which"
                        | "that"
                        | "in"
                        | "on"
                        | "to"
                        | "during"
                        | "after"
                        | "when"
                        | "and"
                )
            {
                break;
            }
            j += 1;
            if !matches!(
                n.lower().as_str(),
                "for" | "of" | "at" | "from" | "the" | "a"
            ) {
                end = Some(j);
            }
        }
        if let Some(end) = end {
            // `said a protester using the pseudonym Katya`, `said his
            // father, Abdullah Kurdi,`: a name after the role is the speaker.
            let named = |k: usize| {
                toks.get(k)
                    .filter(|t| name_word(t) && !is_time_word(&t.lower()))
                    .and_then(|_| name_forward(toks, k))
            };
            if let Some((a, b)) = named(end + 1) {
                return Some(name_found(toks, a, b));
            }
            if toks.get(end + 1).is_some_and(|t| t.is(",")) {
                if let Some((a, b)) = named(end + 2) {
                    if toks.get(b + 1).is_none_or(|t| t.is(",") || t.is(".")) {
                        return Some(name_found(toks, a, b));
                    }
                }
            }
            return Some(Found {
                range: span(toks, v + 1, end),
                kind: MentionKind::Role,
                according_to: false,
            });
        }
    }
    // Name runs, possibly after title words; the last run before a break is the person.
    let mut j = v + 1;
    let mut best = None;
    let mut lower_gap = 0;
    while j < toks.len() && j - v <= 16 {
        let t = &toks[j];
        if t.capitalized() {
            let (a, b) = match name_forward(toks, j) {
                Some(r) => r,
                None => {
                    j += 1;
                    continue;
                }
            };
            best = Some((a, b));
            lower_gap = 0;
            j = b + 1;
            if toks.get(j).is_some_and(|n| n.is(".")) && ABBREVIATIONS.contains(&toks[b].text) {
                j += 1;
            }
            continue;
        }
        if t.is(".") && j > 0 && ABBREVIATIONS.contains(&toks[j - 1].text) {
            j += 1;
            continue;
        }
        if t.kind != TokKind::Word
            || matches!(
                t.lower().as_str(),
                "in" | "on"
                    | "at"
                    | "to"
                    | "during"
                    | "after"
                    | "before"
                    | "with"
                    | "from"
                    | "while"
                    | "when"
                    | "as"
                    | "who"
                    | "that"
                    | "which"
            )
            || is_possessive(t)
        {
            break;
        }
        // `said Professor David Livermore of the University ...`: a full
        // name ends the search.
        if matches!(t.text, "of" | "for")
            && best.is_some_and(|(a, b): (usize, usize)| b > a && !is_org_word(toks[b].text))
        {
            break;
        }
        lower_gap += 1;
        if lower_gap > 5 || (best.is_none() && DETERMINERS.contains(&t.lower().as_str())) {
            break;
        }
        j += 1;
    }
    // `said University of California, San Diego's chancellor, Pradeep
    // Khosla.`: an organisation and its officer's title, then the person in
    // apposition, closing the clause.
    if let Some((a, b)) = best {
        if (a..=b).any(|k| is_org_word(toks[k].text)) {
            let mut k = b + 1;
            while k + 1 < toks.len() && k <= b + 12 && !matches!(toks[k].text, "." | ";") {
                if toks[k].is(",") && name_word(&toks[k + 1]) {
                    if let Some((a2, b2)) = name_forward(toks, k + 1) {
                        let closes = toks.get(b2 + 1).is_none_or(|t| matches!(t.text, "," | "."));
                        if b2 > a2 && closes && !(a2..=b2).any(|w| is_org_word(toks[w].text)) {
                            return Some(name_found(toks, a2, b2));
                        }
                    }
                }
                k += 1;
            }
        }
    }
    best.map(|(a, b)| name_found(toks, a, b))
}

/// `according to X` anywhere in `toks`; `any` also takes a bare noun
/// (`, according to investigators`).
fn according_to(toks: &[Tok], any: bool) -> Option<Found> {
    // (The length first: only ASCII lower-cases to these words, and it
    // keeps its length; a window of hundreds of tokens is read for each
    // quote.)
    let i = toks.windows(2).position(|w| {
        w[0].text.len() == 9
            && w[0].lower() == "according"
            && w[1].text.len() == 2
            && w[1].lower() == "to"
    })?;
    // `, according to investigators`: set off by a comma, a bare noun is
    // the source too.
    let any = any || (i > 0 && toks[i - 1].is(","));
    let mut s = i + 2;
    // `according to The Aviation Herald`: the name after its article.
    if toks.get(s).is_some_and(|t| t.is("The"))
        && toks.get(s + 1).is_some_and(|t| t.capitalized())
        && name_forward(toks, s).is_none()
    {
        s += 1;
    }
    let t = toks.get(s)?;
    if let Some((mut a, mut b)) = t.capitalized().then(|| name_forward(toks, s)).flatten() {
        if let Some(f) = possessed_source(toks, b) {
            return Some(f);
        }
        // `according to Rutgers University political scholar Kelly
        // Dittmar`: the person named after the role.
        let mut k = b + 1;
        while k < toks.len()
            && k <= b + 3
            && toks[k].kind == TokKind::Word
            && !toks[k].capitalized()
        {
            k += 1;
        }
        if k > b + 1 && toks.get(k).is_some_and(name_word) {
            if let Some((a2, b2)) = name_forward(toks, k) {
                if b2 > a2 {
                    (a, b) = (a2, b2);
                }
            }
        }
        return Some(Found {
            range: span(toks, a, b),
            kind: MentionKind::Name,
            according_to: true,
        });
    }
    if is_pronoun(t) {
        return Some(Found {
            range: t.range.clone(),
            kind: MentionKind::Pronoun,
            according_to: true,
        });
    }
    // `according to eyewitness Vinnie DeVita`: the person named after a
    // role of a few lower-case words.
    let mut k = s;
    while k < toks.len() && k < s + 3 && toks[k].kind == TokKind::Word && !toks[k].capitalized() {
        k += 1;
    }
    if k > s && !DETERMINERS.contains(&t.lower().as_str()) {
        if let Some((a, b)) = toks
            .get(k)
            .filter(|t| name_word(t))
            .and_then(|_| name_forward(toks, k))
        {
            if b > a {
                return Some(Found {
                    range: span(toks, a, b),
                    kind: MentionKind::Name,
                    according_to: true,
                });
            }
        }
    }
    // `according to the ministry`, `according to a statement from police`
    if !any && !DETERMINERS.contains(&t.lower().as_str()) {
        return None;
    }
    // `according to a tweet on Monday by Mike Pompeo`: the author.
    let mut k = s;
    while k + 1 < toks.len() && toks[k].kind == TokKind::Word && k - s < 8 {
        if matches!(toks[k].text, "by" | "from") && toks[k + 1].capitalized() {
            if let Some((a, b)) = name_forward(toks, k + 1) {
                if let Some(f) = possessed_source(toks, b) {
                    return Some(f);
                }
                return Some(Found {
                    range: span(toks, a, b),
                    kind: MentionKind::Name,
                    according_to: true,
                });
            }
        }
        k += 1;
    }
    let mut j = s;
    while j + 1 < toks.len() && toks[j + 1].kind == TokKind::Word && j - s < 6 {
        j += 1;
    }
    (j > s || any).then(|| Found {
        range: span(toks, s, j),
        kind: MentionKind::Role,
        according_to: true,
    })
}

/// `according to Erdogan's office`, `a statement released by the
/// minister's spokesman`: a name in the possessive before a noun is not the
/// source itself; the possessed office or person is (`Erdogan's office`).
fn possessed_source(toks: &[Tok], b: usize) -> Option<Found> {
    let noun = toks.get(b + 1)?;
    if !is_possessive(&toks[b])
        || noun.kind != TokKind::Word
        || noun.capitalized()
        || NOT_HEADS.contains(&noun.lower().as_str())
    {
        return None;
    }
    Some(Found {
        range: span(toks, b, b + 1),
        kind: MentionKind::Role,
        according_to: true,
    })
}

fn is_verb(verbs: &Verbs, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.kind != TokKind::Word || !verbs.contains(t.text) {
        return false;
    }
    // A base form after a determiner is a noun: `the report`, `a note`,
    // also over an adjective after a preposition: `responded to the new
    // rules` (not `the minister says`).
    let noun_after = |k: usize| {
        DETERMINERS.contains(&toks[k].lower().as_str())
            && !t.text.ends_with("ed")
            && t.text != "said"
            && t.text != "told"
    };
    !(i > 0 && noun_after(i - 1)
        || i > 2
            && matches!(
                toks[i - 3].lower().as_str(),
                "to" | "of" | "for" | "with" | "by" | "on" | "in" | "at" | "from" | "about"
            )
            && toks[i - 1].kind == TokKind::Word
            && !toks[i - 1].capitalized()
            && !toks[i - 1].text.ends_with("ly")
            && !AUX.contains(&toks[i - 1].lower().as_str())
            && matches!(toks[i - 2].lower().as_str(), "the" | "a" | "an")
            && noun_after(i - 2))
}

/// Where the clause after a closing mark ends: a sentence end that is not
/// an abbreviation's period (`said Dr. Livermore.`), or another mark.
fn clause_end(toks: &[Tok]) -> usize {
    toks.iter()
        .enumerate()
        .position(|(i, t)| match t.text {
            "." => {
                !(i > 0
                    && (ABBREVIATIONS.contains(&toks[i - 1].text)
                        || (toks[i - 1].text.len() == 1 && toks[i - 1].capitalized())))
            }
            ";" | "!" | "?" | "“" | "”" | "\"" => true,
            _ => false,
        })
        .unwrap_or(toks.len())
}

/// The speaker in the words after a closing mark: `, said X`, `X said`, `he said`.
pub fn after_quote(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    let toks = &toks[..clause_end(toks)];
    // `“...,” according to X.`
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Punct).count();
    if toks.get(lead).is_some_and(|t| t.lower() == "according") {
        if let Some(f) = according_to(&toks[lead..], true) {
            return Some(f);
        }
    }
    let Some(v) = (0..toks.len().min(16))
        .find(|&i| is_verb(verbs, toks, i) || (i == lead && is_lead_verb(&toks[i])))
    else {
        // `suffered “two deep wounds” in the attack according to a
        // hospital spokesperson`: no verb, `according to` later in the clause.
        let i = toks
            .windows(2)
            .position(|w| w[0].lower() == "according" && w[1].lower() == "to")?;
        // (From the word before: a comma there admits a bare noun.)
        return according_to(&toks[i.saturating_sub(1)..], false);
    };
    // Words between the mark and the verb are the subject, if any.
    let lead_words = toks[..v].iter().filter(|t| t.kind == TokKind::Word).count();
    // `"...," having questioned her abilities for years`: a perfect or
    // passive participle clause has the main clause's subject, and what
    // follows its verb is an object, not a speaker.
    if lead_words > 0
        && toks[..v]
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .all(|t| matches!(t.lower().as_str(), "having" | "being"))
    {
        return None;
    }
    if lead_words > 0 {
        if let Some(f) = subject_before(toks, v, 0) {
            return Some(f);
        }
    }
    // `, protesting the pending exit`: a participle is never followed by
    // its subject; what follows is its object.
    if !toks[v].text.ends_with("ing") {
        if let Some(f) = subject_after(toks, v) {
            return Some(f);
        }
    }
    // `, according to investigators` later in the clause.
    let comma_according = toks
        .windows(2)
        .position(|w| w[0].is(",") && w[1].lower() == "according");
    comma_according.and_then(|i| according_to(&toks[i + 1..], true))
}

/// The speaker after a quote that ends its sentence, when the next sentence
/// opens with the attribution: `“...in two days!” Macron told the world.`
pub fn next_sentence(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    let v = (0..toks.len().min(5)).find(|&i| is_verb(verbs, toks, i))?;
    let f = subject_before(toks, v, 0)?;
    (f.kind != MentionKind::Role).then_some(f)
}

/// The speaker in the words before an opening mark: the verb nearest the
/// quote with a subject (`Gerges said`, `Trump admitted ... that he wanted`).
pub fn before_quote(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    if let Some(f) = according_to(toks, false) {
        // `According to the BBC, a spokesman expressed disappointment ...:
        // "..."`: `according to` names where the report comes from; a
        // speech verb's own subject in the clause is who spoke.
        return Some(
            verb_subject(toks, verbs)
                .filter(|v| v.kind != MentionKind::Pronoun && !overlaps(&v.range, &f.range))
                .unwrap_or(f),
        );
    }
    if let Some(f) = quote_owner(toks) {
        return Some(f);
    }
    verb_subject(toks, verbs).or_else(|| fronted_source(toks))
}

/// Written sources that a sentence can open with: `On the Saffir–Simpson
/// scale ..., at Category 5, "catastrophic damage will occur"`.
const WRITTEN_SOURCES: &[&str] = &[
    "scale",
    "report",
    "definition",
    "guidelines",
    "rules",
    "code",
    "law",
    "act",
    "charter",
    "treaty",
    "agreement",
    "convention",
    "conventions",
    "constitution",
    "manual",
    "handbook",
    "website",
    "classification",
    "standard",
    "standards",
];

/// A sentence that opens on a named written source (`On the Saffir–Simpson
/// scale`, `Under the Geneva Conventions`, `In the Mueller report`) and
/// has no speaker of its own quotes that source: the source as written,
/// as `according to` would give it.
fn fronted_source(toks: &[Tok]) -> Option<Found> {
    if !(toks.first()?.kind == TokKind::Word
        && matches!(toks[0].text, "On" | "In" | "Under")
        && toks.get(1)?.is("the")
        && toks.get(2)?.capitalized())
    {
        return None;
    }
    let (_, b) = name_forward(toks, 2)?;
    // The noun after the name (`the Saffir–Simpson scale`), or the name's
    // own last word (`the Geneva Conventions`, `the Constitution`).
    let end = if toks
        .get(b + 1)
        .is_some_and(|t| t.kind == TokKind::Word && WRITTEN_SOURCES.contains(&t.text))
    {
        b + 1
    } else if lower_in(toks[b].text, WRITTEN_SOURCES) {
        b
    } else {
        return None;
    };
    Some(Found {
        range: span(toks, 1, end),
        kind: MentionKind::Role,
        according_to: true,
    })
}

fn overlaps(a: &ByteRange, b: &ByteRange) -> bool {
    a.start < b.end && b.start < a.end
}

/// An em or en dash: a pair of them sets off an aside, and a verb inside
/// it is not the quote's (`John Bercow commented on the matter — which the
/// BBC noted as unusual — "..."`).
fn is_dash(t: &Tok) -> bool {
    matches!(t.text, "—" | "–")
}

/// The passive's agent after `by` (`described by the Daily Hive as`,
/// `was told by Minister Yevgeny Zinichev`): a name.
fn agent(toks: &[Tok], by: usize) -> Option<Found> {
    let mut k = by + 1;
    if toks.get(k).is_some_and(|t| t.is("the")) {
        k += 1;
    }
    if !toks.get(k).is_some_and(name_word) || NOT_NAMES_SET.contains(toks[k].text) {
        return None;
    }
    let (a, b) = name_forward(toks, k)?;
    Some(name_found(toks, a, b))
}

/// The subject of the speech verb nearest the end of `toks`.
fn verb_subject(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    // Walking back from the end, what the tokens after `v` hold: how many
    // dashes, and whether all are punctuation or `in`/`part`. (Counted as
    // the walk goes: looking at every later token for each `v` made a
    // sentence of thousands of marks take seconds.)
    let mut dashes_before = toks.iter().filter(|t| is_dash(t)).count();
    let mut dashes_from = 0;
    let mut lead_from = true;
    for v in (0..toks.len()).rev() {
        // (`dashes_from` and `lead_from` hold for `toks[v + 1..]` here,
        // for `toks[v..]` once updated.)
        let (dashes_after, rest_is_lead) = (dashes_from, lead_from);
        let dash = usize::from(is_dash(&toks[v]));
        dashes_before -= dash;
        dashes_from += dash;
        lead_from &= toks[v].kind == TokKind::Punct || matches!(toks[v].text, "in" | "part");
        // Inside an aside: an odd number of dashes before, one after.
        if dashes_before % 2 == 1 && dashes_after > 0 {
            continue;
        }
        // A punctuation mark is no verb (none of the tests below holds for
        // one past the first token): passed over before any is made.
        if v > 0 && toks[v].kind == TokKind::Punct {
            continue;
        }
        let sentence_start_verb = v == 0 && verbs.contains(&toks[0].lower());
        if !(is_verb(verbs, toks, v)
            || is_call(toks, v)
            || (is_lead_verb(&toks[v]) && rest_is_lead)
            || sentence_start_verb)
        {
            continue;
        }
        // `..., saying that “...`, `went as far as to say, “...`: the clause's subject.
        let participle = toks[v].text.ends_with("ing") && v > 0 && toks[v - 1].is(",");
        if v > 1 && toks[v - 1].is("to") && toks[v - 2].lower() == "according" {
            // `according to agreed facts`: not a verb.
            continue;
        }
        if participle || (v > 0 && toks[v - 1].is("to")) {
            if let Some(f) = first_subject(&toks[..v]) {
                return Some(f);
            }
            continue;
        }
        // `In a meeting he was told by Minister Yevgeny Zinichev of "..."`,
        // `a pattern described by Marine Bulletin as "..."`: a passive
        // (after an auxiliary, or a participle on its own) names its
        // speaker after `by`.
        let passive = v > 0
            && matches!(
                toks[v - 1].lower().as_str(),
                "was" | "were" | "been" | "being"
            );
        let past_participle = toks[v].text.ends_with("ed") || matches!(toks[v].text, "told");
        if (passive || past_participle) && toks.get(v + 1).is_some_and(|t| t.is("by")) {
            if let Some(f) = agent(toks, v + 1) {
                return Some(f);
            }
            if let Some(f) = subject_after(toks, v + 1) {
                if passive && f.kind == MentionKind::Name {
                    return Some(f);
                }
            }
        }
        if !sentence_start_verb {
            if let Some(f) = subject_before(toks, v, 0) {
                return Some(f);
            }
            // `Assembly president Richard Ferrand in relaying the news to
            // parliament said`: the name opening the clause.
            let c = (0..v)
                .rev()
                .find(|&i| toks[i].kind == TokKind::Punct)
                .map_or(0, |i| i + 1);
            if c < v && !(c..v).any(|i| is_verb(verbs, toks, i)) {
                if let Some(f) = clause_opening_person(&toks[..v], c) {
                    return Some(f);
                }
            }
        }
        if (v == 0 || matches!(toks[v - 1].text, "," | ":" | "“" | "”"))
            && !takes_addressee(&toks[v])
        {
            // `Said Smith:` / `, said Smith, “`
            if let Some(f) = subject_after(toks, v) {
                return Some(f);
            }
        }
    }
    None
}

/// `X gave its "..." and said`: a speech verb coordinated with the clause
/// the quote is in has that clause's subject, a name or role opening it.
pub fn coordinated_subject(pre: &[Tok], post: &[Tok], verbs: &Verbs) -> Option<Found> {
    if !post.first().is_some_and(|t| t.is("and")) {
        return None;
    }
    let mut v = 1;
    while post
        .get(v)
        .is_some_and(|t| AUX.contains(&t.lower().as_str()))
    {
        v += 1;
    }
    if !(v < post.len() && is_verb(verbs, post, v)) {
        return None;
    }
    if pre.iter().any(|t| t.kind == TokKind::Punct) {
        return None;
    }
    if let Some(f) = clause_opening_person(pre, 0) {
        return Some(f);
    }
    let f = first_subject(pre)?;
    (f.kind == MentionKind::Name && f.range.start == pre[0].range.start
        || pre.first().is_some_and(|t| t.is("The"))
            && pre.get(1).is_some_and(|t| t.range.start == f.range.start))
    .then_some(f)
}

/// The full name opening the clause at `c` (after `The` and titles), or
/// the one after a role there: `Assembly president Richard Ferrand in
/// relaying the news to parliament`. A single word is not enough.
fn clause_opening_person(toks: &[Tok], c: usize) -> Option<Found> {
    let c = c + usize::from(toks.get(c)?.is("The"));
    let t = toks.get(c)?;
    if !name_word(t) || NOT_NAMES_SET.contains(t.text) {
        return None;
    }
    let (a, b) = name_forward(toks, c)?;
    let mut k = b + 1;
    while k < toks.len() && k <= b + 3 && toks[k].kind == TokKind::Word && !toks[k].capitalized() {
        k += 1;
    }
    if k > b + 1 && toks.get(k).is_some_and(name_word) {
        if let Some((a2, b2)) = name_forward(toks, k) {
            if b2 > a2 {
                return Some(name_found(toks, a2, b2));
            }
        }
    }
    (b > a || is_org_word(toks[b].text)).then(|| name_found(toks, a, b))
}

/// `citing the Chuck Jones quote that “...”`, `Lincoln’s words: “...”`:
/// a name right before a noun for quoted words is their author.
fn quote_owner(toks: &[Tok]) -> Option<Found> {
    let mut n = toks.len();
    while n > 0 && (toks[n - 1].kind == TokKind::Punct || toks[n - 1].is("that")) {
        n -= 1;
    }
    let noun = toks.get(n.checked_sub(1)?)?;
    if !matches!(
        noun.lower().as_str(),
        "quote" | "quotation" | "words" | "saying" | "adage" | "maxim" | "dictum"
    ) || n < 2
    {
        return None;
    }
    let owner = &toks[n - 2];
    if owner.capitalized() && is_possessive(owner) {
        return Some(name_found(toks, n - 2, n - 2));
    }
    let (a, b) = name_back(toks, n - 2, 0)?;
    Some(name_found(toks, a, b))
}

/// Verbs whose next word is the one spoken to, never an inverted subject:
/// `told Reuters`, `asked reporters`.
fn takes_addressee(t: &Tok) -> bool {
    matches!(
        t.lower().as_str(),
        "tell"
            | "tells"
            | "told"
            | "telling"
            | "ask"
            | "asks"
            | "asked"
            | "asking"
            | "inform"
            | "informs"
            | "informed"
            | "informing"
            | "urge"
            | "urges"
            | "urged"
            | "urging"
            | "remind"
            | "reminds"
            | "reminded"
            | "reminding"
    )
}

/// Verbs that characterize an object with the quoted words: `called the
/// deal "lousy"`, `termed her a "corrupt oaf"`, `characterized the attack
/// as "..."`. They name a speaker only with an object between the verb and
/// the quote (`a program dubbed "Zrínyi 2026"` is a name, not a quote).
fn is_characterization(word: &str) -> bool {
    // Every form: a stem, or a stem (or the stem without its final `e`)
    // with one of the endings. Looked up for every word before a quote.
    static FORMS: std::sync::OnceLock<crate::text::hash::FastSet<String>> =
        std::sync::OnceLock::new();
    FORMS
        .get_or_init(|| {
            let mut forms = crate::text::hash::FastSet::default();
            for stem in CHARACTERIZATION_STEMS {
                forms.insert(stem.to_string());
                for suffix in CHARACTERIZATION_ENDINGS {
                    forms.insert(format!("{stem}{suffix}"));
                    forms.insert(format!("{}{suffix}", stem.trim_end_matches('e')));
                }
            }
            forms
        })
        .contains(Lower::of(word).as_str())
}

const CHARACTERIZATION_STEMS: &[&str] = &[
    "call",
    "dub",
    "label",
    "brand",
    "term",
    "characterize",
    "characterise",
    "describe",
    "deem",
    "hail",
    "denounce",
    "condemn",
    "slam",
    "credit",
];
const CHARACTERIZATION_ENDINGS: &[&str] =
    &["s", "ed", "d", "ing", "bed", "bing", "led", "ling", "es"];

/// `called` with an object before the quote (`Obama called the report “...”`),
/// not a name (`a song called “...”`).
fn is_call(toks: &[Tok], v: usize) -> bool {
    // `referred to the team as "..."`: `refer to X as` characterizes X
    // (a finite verb: after `cease referring to ... as` whose words they
    // are is left open).
    let refer_as = matches!(toks[v].lower().as_str(), "refer" | "refers" | "referred")
        && toks.get(v + 1).is_some_and(|t| t.is("to"))
        && toks[v + 2..].iter().any(|t| t.is("as"));
    (is_characterization(toks[v].text) || refer_as)
        && v + 1 < toks.len()
        // `has been termed Brexit`, `was called the`: a passive names no speaker.
        && !(v > 0
            && matches!(
                toks[v - 1].lower().as_str(),
                "been" | "be" | "being" | "was" | "were" | "is" | "are"
            ))
        && toks[v + 1].kind == TokKind::Word
        && !(v > 0 && DETERMINERS.contains(&toks[v - 1].lower().as_str()))
}

/// The first subject of a clause: a name, a pronoun, or a role at its start.
fn first_subject(toks: &[Tok]) -> Option<Found> {
    // `One of them`, `Some of the protesters`
    if toks.len() >= 3
        && matches!(
            toks[0].lower().as_str(),
            "one" | "some" | "many" | "several" | "most" | "all" | "both" | "each"
        )
        && toks[1].is("of")
    {
        let end = if matches!(toks[2].lower().as_str(), "the" | "his" | "her" | "their")
            && toks.len() > 3
        {
            3
        } else {
            2
        };
        return Some(Found {
            range: span(toks, 0, end),
            kind: MentionKind::Role,
            according_to: false,
        });
    }
    // `In a statement posted to her Twitter account, Vázquez affirmed`:
    // the subject comes after an opening phrase.
    let intro = toks.first().is_some_and(|t| {
        matches!(
            t.lower().as_str(),
            "in" | "on" | "at" | "after" | "during" | "before" | "following" | "with" | "since"
        )
    });
    if intro {
        if let Some(c) = toks.iter().position(|t| t.is(",")) {
            if let Some(f) = first_subject(&toks[c + 1..]) {
                return Some(f);
            }
        }
    }
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.text {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if is_pronoun(t) && !t.is("it") {
            return Some(Found {
                range: t.range.clone(),
                kind: MentionKind::Pronoun,
                according_to: false,
            });
        }
        // `a Republican, Mark Amodei,`: a word after `a` is a role.
        let after_article = i > 0 && matches!(toks[i - 1].lower().as_str(), "a" | "an");
        if !after_article
            && (name_word(t) && !NOT_NAMES_SET.contains(t.text) && !TITLES.contains(&t.text)
                || (t.capitalized() && TITLES.contains(&t.text)))
        {
            if let Some((a, b)) = name_forward(toks, i) {
                // `The mayor of London, Sadiq Khan, gave`: the apposition.
                if a > 0
                    && matches!(toks[a - 1].text, "of" | "in" | "for")
                    && toks.get(b + 1).is_some_and(|t| t.is(","))
                {
                    if let Some((a2, b2)) = toks
                        .get(b + 2)
                        .filter(|t| name_word(t))
                        .and_then(|_| name_forward(toks, b + 2))
                    {
                        if b2 > a2 && toks.get(b2 + 1).is_some_and(|t| t.is(",")) {
                            return Some(name_found(toks, a2, b2));
                        }
                    }
                }
                return Some(name_found(toks, a, b));
            }
        }
    }
    None
}

/// The subject of a colon lead-in without a speech verb: `Fashion designer
/// Mary Quant described Day:`, `The palace issued the following statement:`.
pub fn colon_subject(toks: &[Tok]) -> Option<Found> {
    // A full name anywhere in the lead-in.
    for i in 0..toks.len() {
        if name_word(&toks[i]) && !NOT_NAMES_SET.contains(toks[i].text) {
            if let Some((a, b)) = name_forward(toks, i) {
                if b > a {
                    return Some(name_found(toks, a, b));
                }
            }
        }
    }
    // A single name at the start.
    for i in 0..toks.len().min(4) {
        if name_word(&toks[i])
            && !NOT_NAMES_SET.contains(toks[i].text)
            && !TITLES.contains(&toks[i].text)
        {
            if let Some((a, b)) = name_forward(toks, i) {
                return Some(name_found(toks, a, b));
            }
        }
    }
    // A role opening the sentence: `The study itself outlined ...:`.
    let d = (0..toks.len().min(6)).find(|&i| {
        toks.get(i + 1).is_some_and(|n| !is_time_word(&n.lower()))
            && toks[i].kind == TokKind::Word
            && DETERMINERS.contains(&toks[i].lower().as_str())
    })?;
    let mut e = d;
    while e + 1 < toks.len() && e - d < 5 {
        let n = &toks[e + 1];
        let l = n.lower();
        if n.kind != TokKind::Word
            || l.ends_with("ed")
            || matches!(
                l.as_str(),
                "made"
                    | "issued"
                    | "gave"
                    | "put"
                    | "has"
                    | "had"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "said"
                    | "read"
                    | "itself"
                    | "themselves"
                    | "wrote"
                    | "took"
                    | "sent"
            )
        {
            break;
        }
        e += 1;
    }
    (e > d).then(|| Found {
        range: span(toks, d, e),
        kind: MentionKind::Role,
        according_to: false,
    })
}

/// Every speech-verb subject in `toks` (for the list of named speakers).
pub fn all_subjects(toks: &[Tok], verbs: &Verbs) -> Vec<Found> {
    let mut out = Vec::new();
    if let Some(f) = according_to(toks, false) {
        out.push(f);
    }
    for v in 0..toks.len() {
        if is_verb(verbs, toks, v) {
            if let Some(f) = subject_before(toks, v, 0) {
                out.push(f);
            } else if v > 0 && toks[v - 1].is(",") && !takes_addressee(&toks[v]) {
                if let Some(f) = subject_after(toks, v) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// Full names (two or more name words) found in `toks`, for resolving surnames.
pub fn full_names(toks: &[Tok]) -> Vec<(ByteRange, Vec<String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].capitalized() {
            let mut hi = i;
            while hi + 1 < toks.len()
                && (name_word(&toks[hi + 1])
                    || (PARTICLES_SET.contains(toks[hi + 1].text)
                        && toks.get(hi + 2).is_some_and(name_word)))
            {
                hi += 1;
            }
            // A possessive ends the run and belongs to its last word.
            if hi + 1 < toks.len()
                && toks[hi + 1].capitalized()
                && (toks[hi + 1].text.ends_with("'s") || toks[hi + 1].text.ends_with("’s"))
            {
                hi += 1;
            }
            if let Some((a, b)) = trim_name(toks, i, hi) {
                if b > a {
                    let words = toks[a..=b]
                        .iter()
                        .map(|t| strip_possessive(t.text).to_string())
                        .collect();
                    out.push((span(toks, a, b), words));
                }
            }
            i = hi + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The name opening a clause, when its next word is lower case (a verb,
/// more often than not): `Hasbro hosted a panel`.
pub fn opening_name(toks: &[Tok]) -> Option<ByteRange> {
    let t = toks.first()?;
    // `Along with 3D printing a name tag, Grivik was demonstrating`.
    if matches!(
        t.lower().as_str(),
        "along"
            | "in"
            | "on"
            | "at"
            | "after"
            | "during"
            | "before"
            | "following"
            | "with"
            | "since"
            | "while"
            | "when"
            | "despite"
            | "although"
            | "as"
            | "besides"
    ) {
        let c = toks.iter().position(|t| t.is(","))?;
        return opening_name(&toks[c + 1..]);
    }
    // `The Emergencies Ministry has`
    let the = usize::from(t.is("The"));
    let t = toks.get(the)?;
    if !name_word(t) || NOT_NAMES_SET.contains(t.text) || TITLES.contains(&t.text) {
        return None;
    }
    let (a, b) = name_forward(toks, the)?;
    let next = toks.get(b + 1)?;
    (a == the && next.kind == TokKind::Word && !next.capitalized()).then(|| span(toks, a, b))
}

pub fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
}

/// Lower-case words of a role mention, for matching a person's introduction.
pub fn head_noun(text: &str) -> Option<String> {
    text.split_whitespace().last().map(|w| w.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_characterization` as first written: strip each ending and
    /// compare with each stem.
    fn is_characterization_by_stripping(word: &str) -> bool {
        let w = word.to_lowercase();
        CHARACTERIZATION_STEMS.iter().any(|stem| {
            w == *stem
                || CHARACTERIZATION_ENDINGS.iter().any(|suf| {
                    w.strip_suffix(suf)
                        .is_some_and(|b| b == *stem || b == stem.trim_end_matches('e'))
                })
        })
    }

    #[test]
    fn characterization_forms_equal_stripping_endings() {
        let mut words: Vec<String> = Vec::new();
        for stem in CHARACTERIZATION_STEMS {
            for w in [stem.to_string(), stem.trim_end_matches('e').to_string()] {
                for end in [
                    "", "s", "ed", "d", "ing", "bed", "bing", "led", "ling", "es", "e", "er", "x",
                    "eds", "ings",
                ] {
                    let form = format!("{w}{end}");
                    words.push(form.to_uppercase());
                    words.push(form[..form.len() - 1].to_string());
                    words.push(form);
                }
            }
        }
        words.extend(
            [
                "",
                "Call",
                "CALLED",
                "calling",
                "Dubbed",
                "labelled",
                "termed",
                "térm",
                "Describéd",
                "said",
                "recalled",
                "callings",
                "slammed",
                "credited",
                "ÇALL",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(
                is_characterization(w),
                is_characterization_by_stripping(w),
                "{w:?}"
            );
        }
        assert!(is_characterization("Labelled") && is_characterization("describing"));
        assert!(!is_characterization("recalled") && !is_characterization("callings"));
    }

    fn found_after(s: &str) -> Option<(String, MentionKind)> {
        let t = tokens(s, 0..s.len(), &[]);
        after_quote(&t, &Verbs::new(&[])).map(|f| (s[f.range].to_string(), f.kind))
    }

    fn found_before(s: &str) -> Option<(String, MentionKind)> {
        let t = tokens(s, 0..s.len(), &[]);
        before_quote(&t, &Verbs::new(&[])).map(|f| (s[f.range].to_string(), f.kind))
    }

    #[test]
    fn speaker_after_the_quote() {
        assert_eq!(
            found_after(" said Fawaz Gerges, professor of international relations."),
            Some(("Fawaz Gerges".into(), MentionKind::Name))
        );
        assert_eq!(
            found_after(" he said."),
            Some(("he".into(), MentionKind::Pronoun))
        );
        assert_eq!(
            found_after(" Gerges said."),
            Some(("Gerges".into(), MentionKind::Name))
        );
        assert_eq!(
            found_after(" said the spokeswoman."),
            Some(("the spokeswoman".into(), MentionKind::Role))
        );
        assert_eq!(
            found_after(" the spokeswoman told reporters."),
            Some(("the spokeswoman".into(), MentionKind::Role))
        );
        assert_eq!(
            found_after(", Sara Amundson, director of the society, said."),
            Some(("Sara Amundson".into(), MentionKind::Name))
        );
        assert_eq!(
            found_after(" said US Secretary of State Mike Pompeo."),
            Some(("Mike Pompeo".into(), MentionKind::Name))
        );
        assert_eq!(
            found_after(" he also said on Monday."),
            Some(("he".into(), MentionKind::Pronoun))
        );
        assert_eq!(found_after(" and the crowd cheered."), None);
        assert_eq!(
            found_after(
                " said study co-author and Royal Society University Research Fellow Martin How."
            ),
            Some(("Martin How".into(), MentionKind::Name))
        );
        assert_eq!(
            found_after(", said Dr. Livermore."),
            Some(("Livermore".into(), MentionKind::Name))
        );
    }

    #[test]
    fn speaker_before_the_quote() {
        assert_eq!(
            found_before("Following the strike, the Iraqi interim prime minister said that a withdrawal was the only way to "),
            Some(("the Iraqi interim prime minister".into(), MentionKind::Role))
        );
        assert_eq!(
            found_before("Last year Trump admitted in a CBS News interview that he wanted to keep a base in Iraq "),
            Some(("Trump".into(), MentionKind::Name))
        );
        assert_eq!(
            found_before("According to Watling, "),
            Some(("Watling".into(), MentionKind::Name))
        );
        assert_eq!(
            found_before("Watling said: "),
            Some(("Watling".into(), MentionKind::Name))
        );
        assert_eq!(
            found_before("Watling asked what Trump’s "),
            Some(("Watling".into(), MentionKind::Name))
        );
        assert_eq!(
            found_before("Humane Society executive director Sara Amundson said Day "),
            Some(("Sara Amundson".into(), MentionKind::Name))
        );
        assert_eq!(
            found_before("Protesters rallied against corruption, which they attribute to "),
            None
        );
    }

    #[test]
    fn full_names_trim_titles() {
        let s = "US Secretary of State Mike Pompeo met Donald Trump and Joost Hitermann’s team.";
        let t = tokens(s, 0..s.len(), &[]);
        let names: Vec<String> = full_names(&t)
            .into_iter()
            .map(|(_, w)| w.join(" "))
            .collect();
        assert_eq!(
            names,
            vec!["Mike Pompeo", "Donald Trump", "Joost Hitermann"]
        );
    }
}

#[cfg(test)]
mod tokens_within_tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that exercise every rule of `tokens`: letters and digits,
    /// the joiners inside a word (`'`, `’`, `-`, `.`), the en dash of
    /// compound names, marks, spaces and multi-byte letters.
    const ALPHABET: &[&str] = &[
        "a", "B", "7", "é", "'", "’", "-", ".", "–", " ", "\"", "“", "”", ",", "\n", "\u{b}",
        "\u{a0}", "\u{2003}", "…", "中",
    ];

    fn text_and_cuts() -> impl Strategy<Value = (String, Vec<usize>, Vec<usize>)> {
        (
            proptest::collection::vec(0..ALPHABET.len(), 0..60),
            proptest::collection::vec(any::<prop::sample::Index>(), 6),
            proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        )
            .prop_map(|(chars, cuts, skips)| {
                let text: String = chars.iter().map(|&i| ALPHABET[i]).collect();
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let pick = |ix: &prop::sample::Index| bounds[ix.index(bounds.len())];
                (
                    text,
                    cuts.iter().map(pick).collect(),
                    skips.iter().map(pick).collect(),
                )
            })
    }

    /// Sorted, disjoint ranges between the `ends`, taken in pairs.
    fn skip_ranges(mut ends: Vec<usize>) -> Vec<ByteRange> {
        ends.sort();
        ends.dedup();
        ends.chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| c[0]..c[1])
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// For any range inside an outer range, with any skipped ranges,
        /// `tokens_within` gives what `tokens` gives for the range alone.
        #[test]
        fn tokens_within_is_tokens_of_the_range((text, cuts, skips) in text_and_cuts()) {
            let mut outer = [cuts[0], cuts[1]];
            outer.sort();
            let mut inner = [cuts[2], cuts[3]];
            inner.sort();
            // The inner range, clamped into the outer one.
            let a = inner[0].clamp(outer[0], outer[1]);
            let b = inner[1].clamp(a, outer[1]);
            let skip = skip_ranges(skips);
            let sentence = tokens(&text, outer[0]..outer[1], &skip);
            let got = tokens_within(&text, &sentence, a..b, &skip);
            let want = tokens(&text, a..b, &skip);
            prop_assert_eq!(got.as_ref(), want.as_slice());
        }

        /// `tokens` is the tokenizer as first written, character by
        /// character, for any range and any skipped ranges.
        #[test]
        fn tokens_are_those_read_char_by_char((text, cuts, skips) in text_and_cuts()) {
            let mut r = [cuts[0], cuts[1]];
            r.sort();
            let skip = skip_ranges(skips);
            prop_assert_eq!(tokens(&text, r[0]..r[1], &skip), tokens_by_chars(&text, r[0]..r[1], &skip));
        }
    }

    /// Pieces with pronouns and the words that hold them.
    const PIECES: &[&str] = &[
        "he", "He", "she", "She", "the", "hex", "'", "’", "-", " ", ".", "“", "a", "7",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The last `he`/`she` of a range by `last_within` (the cut ends,
        /// then the outer range's own tokens by their indexes) is the last
        /// one of `tokens` of the range.
        #[test]
        fn the_last_pronoun_of_the_parts_is_the_last_of_the_range(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..40),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 2),
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut ab = [bounds[cuts[0].index(bounds.len())], bounds[cuts[1].index(bounds.len())]];
            ab.sort();
            let is_pronoun = |t: &Tok| {
                t.kind == TokKind::Word && matches!(t.text, "he" | "He" | "she" | "She")
            };
            let outer = tokens(&text, 0..text.len(), &[]);
            let pronouns: Vec<usize> = (0..outer.len()).filter(|&i| is_pronoun(&outer[i])).collect();
            let got = last_within(&text, &outer, &pronouns, ab[0]..ab[1], &[], is_pronoun)
                .map(|t| t.range);
            let want = tokens(&text, ab[0]..ab[1], &[])
                .iter()
                .rev()
                .find(|t| is_pronoun(t))
                .map(|t| t.range.clone());
            prop_assert_eq!(got, want);
        }
    }

    /// Characters lower case leaves alone or changes: ASCII, dashes and
    /// marks, accented and Greek letters (with the final sigma), a
    /// titlecase letter, `İ` (two characters in lower case), a letter
    /// with no case.
    const CASES: &[&str] = &[
        "a", "Z", "-", "—", "–", "“", "’", "é", "É", "σ", "Σ", "ǅ", "İ", "ß", "中", " ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// `Lower::of` is `to_lowercase`, borrowed only when that changes
        /// nothing.
        #[test]
        fn lower_is_to_lowercase(chars in proptest::collection::vec(0..CASES.len(), 0..40)) {
            let text: String = chars.iter().map(|&i| CASES[i]).collect();
            let lower = Lower::of(&text);
            prop_assert_eq!(lower.as_str(), text.to_lowercase());
            if matches!(lower, Lower::Borrowed(_)) {
                prop_assert_eq!(&text, &text.to_lowercase());
            }
        }
    }

    #[test]
    fn is_alnum_is_is_alphanumeric_for_every_character() {
        let differ: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_alnum(c) != c.is_alphanumeric())
            .collect();
        assert_eq!(differ, Vec::<char>::new());
    }

    #[test]
    fn a_dash_is_its_own_lower_case() {
        assert!(matches!(Lower::of("—"), Lower::Borrowed("—")));
        assert!(matches!(Lower::of("été"), Lower::Borrowed(_)));
        assert!(matches!(Lower::of("Été"), Lower::Owned(_)));
        assert_eq!(Lower::of("ΟΔΟΣ").as_str(), "οδος");
    }

    #[test]
    fn a_range_cut_inside_words_is_tokenized_again_at_both_ends() {
        let text = "O'Neill said U.S. officials–Mason–Dixon";
        let sentence = tokens(text, 0..text.len(), &[]);
        // From inside `O'Neill` to inside `Mason`.
        let got = tokens_within(text, &sentence, 3..31, &[]);
        let words: Vec<&str> = got.iter().map(|t| t.text).collect();
        assert_eq!(words, ["eill", "said", "U.S", ".", "officials–M"]);
        assert_eq!(got.as_ref(), tokens(text, 3..31, &[]).as_slice());
        assert!(matches!(got, std::borrow::Cow::Owned(_)));
        // Between tokens at both ends: a slice of the sentence's tokens.
        let got = tokens_within(text, &sentence, 8..17, &[]);
        assert!(matches!(got, std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            got.iter().map(|t| t.text).collect::<Vec<_>>(),
            ["said", "U.S", "."]
        );
    }
}
