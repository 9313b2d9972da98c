//! Word-level helpers for names: tokens, capitalized name spans, role words
//! and the near-miss test used by the name rules.

use crate::analysis::ByteRange;
use crate::text::hash::FastMap;
use crate::text::words::{with_lowercase, WordSet};

/// A word of the masked text: letters and digits, with inner hyphens and
/// apostrophes ("al-Sadr", "O'Neill"); a trailing possessive is not part of it.
#[derive(Debug, Clone)]
pub struct Token {
    pub range: ByteRange,
}

pub fn tokens(text: &str, range: ByteRange) -> Vec<Token> {
    let mut out = Vec::with_capacity(range.len() / 6);
    let s = &text[range.clone()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if d.is_alphanumeric() || d == '.' && is_initial(&s[start..j]) {
                end = j + d.len_utf8();
                it.next();
            } else if matches!(d, '-' | '\'' | '’') {
                // joiner: only when a letter follows, and not a possessive 's
                let rest = &s[j + d.len_utf8()..];
                let next = rest.chars().next();
                let possessive = d != '-'
                    && (rest.starts_with('s') || rest.starts_with('S'))
                    && !rest[1..].starts_with(char::is_alphanumeric);
                if next.is_some_and(char::is_alphanumeric) && !possessive {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        out.push(Token {
            range: range.start + start..range.start + end,
        });
    }
    out
}

fn is_initial(w: &str) -> bool {
    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
}

/// Capitalized words that start sentences or clauses and are not names.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "being",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "economically",
    "either",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "last",
    "like",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "today",
    "under",
    "until",
    "unlike",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "without",
    "yet",
    "you",
    "your",
    "according",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "here",
    "yesterday",
    "tomorrow",
    "protesters",
    "officials",
    "young",
    "anti",
    "win",
    "last",
    "next",
    "first",
    "new",
    "old",
];

/// Titles before a name ("Secretary of State Mike Pompeo", "President X").
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "secretary",
    "state",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "general",
    "gen",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "ayatollah",
    "sheikh",
    "shaikh",
    "dr",
    "mr",
    "mrs",
    "ms",
    "professor",
    "prof",
    "commander",
    "chief",
    "director",
    "ambassador",
    "judge",
    "justice",
    "chancellor",
    "pope",
    "vice",
    "deputy",
    "interim",
    "colonel",
    "col",
    "captain",
    "capt",
    "lt",
    "lieutenant",
    "sergeant",
    "sgt",
    "admiral",
    "speaker",
    "leader",
    "supreme",
    "chairman",
    "chairwoman",
    "ceo",
    "spokesman",
    "spokeswoman",
    "attorney",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "cardinal",
    "bishop",
    "rabbi",
    "imam",
    "emir",
    "sultan",
    "crown",
    "field",
    "marshal",
    "major",
    "coach",
    "officer",
    "agent",
    "detective",
    "inspector",
    "sheriff",
    "councillor",
    "councilman",
    "congressman",
    "congresswoman",
    "chair",
    "head",
    "executive",
    "founder",
    "editor",
    "analyst",
    "dictator",
    "mullah",
    "cleric",
    "premier",
    "envoy",
    "minister",
    "mp",
    "mep",
    "author",
    "actor",
    "actress",
    "singer",
    "player",
    "striker",
    "candidate",
    "nominee",
    "rapper",
    "star",
];

/// Words that show a role in the phrase after a name ("Jack Watling, land
/// war specialist at ...").
const ROLE_NOUNS: &[&str] = &[
    "specialist",
    "professor",
    "analyst",
    "expert",
    "director",
    "head",
    "chief",
    "leader",
    "minister",
    "secretary",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "researcher",
    "fellow",
    "author",
    "official",
    "adviser",
    "advisor",
    "member",
    "chairman",
    "chairwoman",
    "founder",
    "editor",
    "correspondent",
    "lawyer",
    "attorney",
    "ambassador",
    "envoy",
    "senator",
    "governor",
    "mayor",
    "general",
    "officer",
    "economist",
    "scholar",
    "historian",
    "journalist",
    "reporter",
    "executive",
    "ceo",
    "manager",
    "strategist",
    "lecturer",
    "teacher",
    "student",
    "doctor",
    "coordinator",
    "representative",
    "deputy",
    "partner",
    "activist",
    "owner",
    "candidate",
    "judge",
    "prosecutor",
    "politician",
    "diplomat",
    "cleric",
    "chair",
    "aide",
    "vice",
    "mp",
    "spokesman",
    "consultant",
    "colonel",
    "captain",
    "scientist",
    "engineer",
    "founder",
    "coach",
    "player",
    "actor",
    "actress",
    "singer",
    "writer",
    "director",
    "producer",
    "ceo",
    "cofounder",
    "co-founder",
    "employee",
    "worker",
    "resident",
    "witness",
    "victim",
    "survivor",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "lead",
    "heads",
    "led",
    "leads",
    "runs",
    "directs",
    "chairs",
    "represents",
];

/// Verbs that attribute speech, for person-like positions (`said Gerges`).
pub const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "explained",
    "noted",
    "stated",
    "argued",
    "warned",
    "wrote",
    "tweeted",
    "according",
    "admitted",
    "insisted",
    "claimed",
    "declared",
    "replied",
    "sees",
    "thinks",
    "believes",
];

/// `f` of the word without trailing dots, lower case (allocating only for
/// long or non-ASCII words).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    with_lowercase(w.trim_end_matches('.'), f)
}

static STOP_SET: WordSet = WordSet::new(STOP);
static TITLES_SET: WordSet = WordSet::new(TITLES);
static ROLE_NOUNS_SET: WordSet = WordSet::new(ROLE_NOUNS);
static SPEECH_SET: WordSet = WordSet::new(SPEECH);

pub fn is_stop(w: &str) -> bool {
    with_lower(w, |l| {
        STOP_SET.contains(l) || crate::text::words::is_calendar_word(l)
    })
}

pub fn is_title(w: &str) -> bool {
    with_lower(w, |l| TITLES_SET.contains(l))
}

pub fn is_role_noun(w: &str) -> bool {
    with_lower(w, |l| ROLE_NOUNS_SET.contains(l))
}

pub fn is_speech(w: &str) -> bool {
    with_lower(w, |l| SPEECH_SET.contains(l))
}

/// Words that end place and institution names, not people's.
pub fn is_place_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "street",
        "road",
        "avenue",
        "bridge",
        "river",
        "lake",
        "mountain",
        "mount",
        "island",
        "islands",
        "park",
        "square",
        "city",
        "county",
        "state",
        "university",
        "college",
        "school",
        "hospital",
        "airport",
        "station",
        "center",
        "centre",
        "institute",
        "foundation",
        "company",
        "group",
        "party",
        "church",
        "cathedral",
        "museum",
        "award",
        "awards",
        "prize",
        "cup",
        "league",
        "club",
        "festival",
        "day",
        "house",
        "hall",
        "tower",
        "building",
        "stadium",
        "arena",
        "bay",
        "beach",
        "valley",
        "forest",
        "desert",
        "sea",
        "ocean",
        "coast",
        "north",
        "south",
        "east",
        "west",
        "hotel",
        "theatre",
        "theater",
        "gallery",
        "library",
        "prison",
        "court",
        "act",
        "bill",
        "show",
        "catholic",
        "christianity",
        "orthodox",
        "protestant",
    ];
    with_lowercase(w, |l| WORDS.contains(&l))
}

/// Name particles that may sit inside a name ("Ursula von der Leyen").
pub fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "al" | "bin"
            | "ibn"
            | "de"
            | "del"
            | "da"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "el"
            | "du"
            | "dos"
    ) || (w.starts_with("al-") || w.starts_with("el-")) && w.len() > 3
}

/// A capitalized word that can be part of a person's name: an upper-case
/// first letter and a lower-case letter somewhere ("McCain", "O'Neill"), or
/// an initial ("J.").
pub fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    if w.len() <= 2 && w.ends_with('.') {
        return true;
    }
    w.chars().any(char::is_lowercase) && !w.chars().any(|c| c.is_ascii_digit()) && !is_stop(w)
}

/// True when `a` is a near miss of `b`: same first letter, at least four
/// letters, and one letter dropped, added, or two neighbours swapped. A
/// different letter is not a near miss ("Kelly" and "Kerry" are two people,
/// "Mohammad" and "Mohammed" two transliterations), nor is a difference of
/// accents only ("François" and "Francois").
pub fn near_miss(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return near_miss_ascii(a.as_bytes(), b.as_bytes());
    }
    near_miss_chars(a, b)
}

/// [`near_miss`] on any words: lower-cased to characters.
fn near_miss_chars(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a == b || a.first() != b.first() || a.len().min(b.len()) < 4 {
        return false;
    }
    if fold(&a) == fold(&b) {
        return false;
    }
    if a.len().abs_diff(b.len()) == 1 {
        let (s, l) = if a.len() < b.len() {
            (&a, &b)
        } else {
            (&b, &a)
        };
        let i = s.iter().zip(l.iter()).take_while(|(x, y)| x == y).count();
        return s[i..] == l[i + 1..];
    }
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return diff.len() == 2
            && diff[1] == diff[0] + 1
            && a[diff[0]] == b[diff[1]]
            && a[diff[1]] == b[diff[0]];
    }
    false
}

/// [`near_miss`] for ASCII words, without allocating: lower case is ASCII
/// lower case and no letter has an accent to fold.
fn near_miss_ascii(a: &[u8], b: &[u8]) -> bool {
    let eq = |x: &u8, y: &u8| x.eq_ignore_ascii_case(y);
    if a.len().min(b.len()) < 4 || !eq(&a[0], &b[0]) || a.eq_ignore_ascii_case(b) {
        return false;
    }
    if a.len().abs_diff(b.len()) == 1 {
        let (s, l) = if a.len() < b.len() { (a, b) } else { (b, a) };
        let i = s.iter().zip(l).take_while(|(x, y)| eq(x, y)).count();
        return s[i..].eq_ignore_ascii_case(&l[i + 1..]);
    }
    if a.len() == b.len() {
        let mut diff = (0..a.len()).filter(|&i| !eq(&a[i], &b[i]));
        let (Some(d0), Some(d1), None) = (diff.next(), diff.next(), diff.next()) else {
            return false;
        };
        return d1 == d0 + 1 && eq(&a[d0], &b[d1]) && eq(&a[d1], &b[d0]);
    }
    false
}

/// The key [`near_miss`] needs equal (first letter) or close (length) in
/// both words, lower case: `(first letter, letters)`.
fn near_key(w: &str) -> Option<(char, usize)> {
    let mut lower = w.chars().flat_map(char::to_lowercase);
    let first = lower.next()?;
    Some((first, 1 + lower.count()))
}

/// Words to test [`near_miss`] against, looked up by first letter and
/// length instead of one by one: `find(w)` is the first word of the list
/// (in list order) that `w` is a near miss of, as a linear
/// `list.iter().position(|s| near_miss(w, s))` would find it.
pub struct NearMisses<'a> {
    words: Vec<&'a str>,
    /// Positions in `words`, ascending, by key.
    by_key: FastMap<(char, usize), Vec<usize>>,
}

impl<'a> NearMisses<'a> {
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<&str> = words.into_iter().collect();
        let mut by_key: FastMap<(char, usize), Vec<usize>> = FastMap::default();
        for (i, w) in words.iter().enumerate() {
            if let Some(k) = near_key(w) {
                by_key.entry(k).or_default().push(i);
            }
        }
        NearMisses { words, by_key }
    }

    /// The position of the first word `w` is a near miss of.
    pub fn find(&self, w: &str) -> Option<usize> {
        let (first, len) = near_key(w)?;
        if len < 4 {
            return None;
        }
        (len - 1..=len + 1)
            .filter_map(|n| {
                self.by_key
                    .get(&(first, n))?
                    .iter()
                    .copied()
                    .find(|&i| near_miss(w, self.words[i]))
            })
            .min()
    }
}

/// Lower-case letters without their accents (Latin letters only).
fn fold(w: &[char]) -> Vec<char> {
    w.iter()
        .map(|&c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        assert!(near_miss("Qasm", "Qasem"));
        assert!(near_miss("Hitermann", "Hiltermann"));
        assert!(near_miss("Watlnig", "Watling"));
        assert!(
            !near_miss("Kelly", "Kerry"),
            "a different letter in a short name is another person"
        );
        assert!(!near_miss("Watling", "Watling"));
        assert!(!near_miss("Bush", "Rush"));
        assert!(!near_miss("Ali", "Al"));
        assert!(near_miss("Netanyahou", "Netanyahu"));
        assert!(!near_miss("Johnson", "Robinson"));
        assert!(
            !near_miss("Mohammad", "Mohammed"),
            "transliterations differ by a letter"
        );
        assert!(!near_miss("François", "Francois"), "accents only");
    }

    /// Every pair of words from a small alphabet (all lengths up to 5,
    /// both cases): the ASCII fast path answers as the general one does.
    #[test]
    fn near_miss_fast_path_is_the_general_one() {
        let mut words = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &frontier {
                for c in ['a', 'b', 'A'] {
                    next.push(format!("{w}{c}"));
                }
            }
            words.extend(next.iter().cloned());
            frontier = next;
        }
        for a in &words {
            for b in &words {
                assert_eq!(
                    near_miss_ascii(a.as_bytes(), b.as_bytes()),
                    near_miss_chars(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn near_miss_index_finds_the_first_as_a_scan_does() {
        let list = [
            "Watling",
            "Qasem",
            "Hiltermann",
            "Watlings",
            "Josée",
            "Kerry",
            "Watlnig",
            "Qasme",
            "Jose",
            "İlker",
            "Ilker",
            "Netanyahu",
        ];
        let index = NearMisses::new(list.iter().copied());
        for w in [
            "Watling",
            "Watlnig",
            "Qasm",
            "Qasme",
            "Hitermann",
            "Josee",
            "Jose",
            "Jos",
            "Kelly",
            "İlkerr",
            "Ilkre",
            "netanyahou",
            "",
            "Watlign",
        ] {
            let scan = list.iter().position(|s| near_miss(w, s));
            assert_eq!(index.find(w), scan, "{w}");
        }
    }

    #[test]
    fn tokens_keep_inner_joiners_and_drop_possessives() {
        let t = "Iran’s al-Sadr O'Neill PMU's J. Smith";
        let words: Vec<&str> = tokens(t, 0..t.len())
            .iter()
            .map(|k| &t[k.range.clone()])
            .collect();
        assert_eq!(
            words,
            vec!["Iran", "s", "al-Sadr", "O'Neill", "PMU", "s", "J.", "Smith"]
        );
    }
}
