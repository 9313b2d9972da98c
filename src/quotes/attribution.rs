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
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }
    fn capitalized(&self) -> bool {
        self.kind == TokKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Tokens of `text[range]`, leaving out any byte inside `skip`.
pub fn tokens<'a>(text: &'a str, range: ByteRange, skip: &[ByteRange]) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = range.start + i;
        if skip.iter().any(|r| r.start <= at && at < r.end) {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let inner = matches!(d, '\'' | '’' | '-' | '.');
                let next_alnum = s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || (inner && next_alnum) {
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

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

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
    "statement",
    "report",
    "letter",
    "post",
    "message",
    "email",
    "speech",
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

fn is_pronoun(t: &Tok) -> bool {
    t.kind == TokKind::Word && PRONOUNS.contains(&t.lower().as_str())
}

/// A word that may be part of a name.
fn name_word(t: &Tok) -> bool {
    t.capitalized() && !t.text.ends_with("'s") && !t.text.ends_with("’s")
}

/// Trim a name run (indices `lo..=hi` into `toks`): leading sentence words
/// and titles off; particles may not start or end it.
fn trim_name(toks: &[Tok], mut lo: usize, mut hi: usize) -> Option<(usize, usize)> {
    loop {
        if lo > hi {
            return None;
        }
        let t = &toks[lo];
        if NOT_NAMES.contains(&t.text)
            || TITLES.contains(&t.text)
            || PARTICLES.contains(&t.text)
            || t.kind == TokKind::Punct
        {
            lo += 1;
        } else {
            break;
        }
    }
    // A title later in the run: `US Secretary of State Mike Pompeo`.
    if let Some(last_title) = (lo..=hi).rev().find(|&i| TITLES.contains(&toks[i].text)) {
        if last_title < hi {
            lo = last_title + 1;
        }
    }
    while hi > lo && (PARTICLES.contains(&toks[hi].text) || toks[hi].kind == TokKind::Punct) {
        hi -= 1;
    }
    if TITLES.contains(&toks[hi].text) || NOT_NAMES.contains(&toks[hi].text) {
        return None;
    }
    Some((lo, hi))
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
        if hi - lo > 6 {
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
    while hi + 1 < toks.len() && hi - lo < 6 {
        let n = &toks[hi + 1];
        if name_word(n)
            || (PARTICLES.contains(&n.text) && toks.get(hi + 2).is_some_and(name_word))
            || (n.is(".") && toks[hi].text.len() == 1 && toks[hi].capitalized())
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

/// The subject standing before the verb at `v`, not reaching before `lo`.
fn subject_before(toks: &[Tok], v: usize, lo: usize) -> Option<Found> {
    let mut i = v.checked_sub(1)?;
    while i >= lo
        && toks[i].kind == TokKind::Word
        && (AUX.contains(&toks[i].lower().as_str())
            || (toks[i].text.ends_with("ly") && !toks[i].capitalized()))
    {
        if i == 0 {
            return None;
        }
        i -= 1;
    }
    if i < lo {
        return None;
    }
    let t = &toks[i];
    if is_pronoun(t) {
        return Some(Found {
            range: t.range.clone(),
            kind: MentionKind::Pronoun,
            according_to: false,
        });
    }
    if name_word(t) {
        return name_back(toks, i, lo).map(|(a, b)| Found {
            range: span(toks, a, b),
            kind: MentionKind::Name,
            according_to: false,
        });
    }
    if t.is(",") {
        // `Fawaz Gerges, professor at ..., said`
        let mut j = i;
        let mut steps = 0;
        while j > lo && steps < 25 {
            j -= 1;
            steps += 1;
            if toks[j].is(",") {
                let (a, b) = name_back(toks, j.checked_sub(1)?, lo)?;
                return Some(Found {
                    range: span(toks, a, b),
                    kind: MentionKind::Name,
                    according_to: false,
                });
            }
            if matches!(toks[j].text, "." | ";" | ":" | "“" | "”" | "\"") {
                break;
            }
        }
        return None;
    }
    if t.kind == TokKind::Word
        && !NOT_HEADS.contains(&t.lower().as_str())
        && !t.capitalized()
        && !t.text.chars().all(|c| c.is_ascii_digit())
    {
        // A role: `the Iraqi interim prime minister said`, `police said`.
        let head = i;
        let mut j = i;
        let mut start = None;
        while j > lo && head - j < 8 {
            let p = &toks[j - 1];
            let pl = p.lower();
            if p.kind != TokKind::Word {
                break;
            }
            if DETERMINERS.contains(&pl.as_str())
                || p.text.ends_with("'s")
                || p.text.ends_with("’s")
            {
                start = Some(j - 1);
                // `a spokesman for the ministry`: keep the head noun phrase.
                if j >= 3
                    && matches!(
                        toks[j - 2].lower().as_str(),
                        "for" | "of" | "at" | "from" | "with" | "in"
                    )
                {
                    j -= 2;
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
        if start == head && DETERMINERS.contains(&toks[head].lower().as_str()) {
            return None;
        }
        return Some(Found {
            range: span(toks, start, head),
            kind: MentionKind::Role,
            according_to: false,
        });
    }
    None
}

/// The subject after the verb at `v` (`said Fawaz Gerges`, `said the spokeswoman`).
fn subject_after(toks: &[Tok], v: usize) -> Option<Found> {
    let t = toks.get(v + 1)?;
    if is_pronoun(t) && matches!(t.lower().as_str(), "he" | "she") {
        return Some(Found {
            range: t.range.clone(),
            kind: MentionKind::Pronoun,
            according_to: false,
        });
    }
    if t.capitalized() {
        return name_forward(toks, v + 1).map(|(a, b)| Found {
            range: span(toks, a, b),
            kind: MentionKind::Name,
            according_to: false,
        });
    }
    if t.kind == TokKind::Word && DETERMINERS.contains(&t.lower().as_str()) {
        let mut j = v + 1;
        let mut end = None;
        while j + 1 < toks.len() && j - v < 10 {
            let n = &toks[j + 1];
            if n.kind != TokKind::Word
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
        let end = end?;
        return Some(Found {
            range: span(toks, v + 1, end),
            kind: MentionKind::Role,
            according_to: false,
        });
    }
    // `said spokesman John Smith`, `said Humane Society director Sara Amundson`.
    let mut j = v + 1;
    while j < toks.len() && j - v <= 3 && toks[j].kind == TokKind::Word && !toks[j].capitalized() {
        j += 1;
    }
    if j > v + 1 && j < toks.len() && toks[j].capitalized() {
        return name_forward(toks, j).map(|(a, b)| Found {
            range: span(toks, a, b),
            kind: MentionKind::Name,
            according_to: false,
        });
    }
    None
}

/// `according to X` anywhere in `toks`.
fn according_to(toks: &[Tok]) -> Option<Found> {
    let i = toks
        .windows(2)
        .position(|w| w[0].lower() == "according" && w[1].lower() == "to")?;
    let s = i + 2;
    let t = toks.get(s)?;
    if t.capitalized() {
        let (a, b) = name_forward(toks, s)?;
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
    // `according to the ministry`, `according to a statement from police`
    if !DETERMINERS.contains(&t.lower().as_str()) {
        return None;
    }
    let mut j = s;
    while j + 1 < toks.len() && toks[j + 1].kind == TokKind::Word && j - s < 6 {
        j += 1;
    }
    (j > s).then(|| Found {
        range: span(toks, s, j),
        kind: MentionKind::Role,
        according_to: true,
    })
}

fn is_verb(verbs: &Verbs, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.kind != TokKind::Word || !verbs.contains(t.text) {
        return false;
    }
    // A base form after a determiner is a noun: `the report`, `a note`.
    !(i > 0
        && DETERMINERS.contains(&toks[i - 1].lower().as_str())
        && !t.text.ends_with("ed")
        && t.text != "said"
        && t.text != "told")
}

/// The speaker in the words after a closing mark: `, said X`, `X said`, `he said`.
pub fn after_quote(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    let limit = toks
        .iter()
        .position(|t| matches!(t.text, "." | ";" | "!" | "?" | "“" | "”" | "\""))
        .unwrap_or(toks.len());
    let toks = &toks[..limit];
    // `“...,” according to X.`
    let lead = toks.iter().take_while(|t| t.kind == TokKind::Punct).count();
    if toks.get(lead).is_some_and(|t| t.lower() == "according") {
        if let Some(f) = according_to(&toks[lead..]) {
            return Some(f);
        }
    }
    let v = (0..toks.len().min(16)).find(|&i| is_verb(verbs, toks, i))?;
    // Words between the mark and the verb are the subject, if any.
    let lead = toks[..v].iter().filter(|t| t.kind == TokKind::Word).count();
    if lead > 0 {
        if let Some(f) = subject_before(toks, v, 0) {
            return Some(f);
        }
    }
    subject_after(toks, v)
}

/// The speaker in the words before an opening mark: the verb nearest the
/// quote with a subject (`Gerges said`, `Trump admitted ... that he wanted`).
pub fn before_quote(toks: &[Tok], verbs: &Verbs) -> Option<Found> {
    if let Some(f) = according_to(toks) {
        return Some(f);
    }
    for v in (0..toks.len()).rev() {
        if is_verb(verbs, toks, v) || is_call(toks, v) {
            if let Some(f) = subject_before(toks, v, 0) {
                return Some(f);
            }
            if v > 0 && matches!(toks[v - 1].text, "," | ":" | "“" | "”") || v == 0 {
                // `Said Smith:` / `, said Smith, “`
                if let Some(f) = subject_after(toks, v) {
                    return Some(f);
                }
            }
        }
    }
    None
}

/// `called` with an object before the quote (`Obama called the report “...”`),
/// not a name (`a song called “...”`).
fn is_call(toks: &[Tok], v: usize) -> bool {
    matches!(toks[v].text, "call" | "calls" | "called" | "calling")
        && v + 1 < toks.len()
        && toks[v + 1].kind == TokKind::Word
}

/// The subject of a colon lead-in without a speech verb: `Fashion designer Mary Quant described Day:`.
pub fn colon_subject(toks: &[Tok]) -> Option<Found> {
    for i in 0..toks.len() {
        if toks[i].capitalized()
            && !NOT_NAMES.contains(&toks[i].text)
            && !TITLES.contains(&toks[i].text)
        {
            let (a, b) = name_forward(toks, i)?;
            return Some(Found {
                range: span(toks, a, b),
                kind: MentionKind::Name,
                according_to: false,
            });
        }
        if toks[i].kind == TokKind::Word
            && !toks[i].capitalized()
            && !TITLES.contains(&toks[i].text)
            && i > 3
        {
            break;
        }
    }
    None
}

/// Every speech-verb subject in `toks` (for the list of named speakers).
pub fn all_subjects(toks: &[Tok], verbs: &Verbs) -> Vec<Found> {
    let mut out = Vec::new();
    if let Some(f) = according_to(toks) {
        out.push(f);
    }
    for v in 0..toks.len() {
        if is_verb(verbs, toks, v) {
            if let Some(f) = subject_before(toks, v, 0) {
                out.push(f);
            } else if v > 0 && toks[v - 1].is(",") {
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
                    || (PARTICLES.contains(&toks[hi + 1].text)
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
