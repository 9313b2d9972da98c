//! The knowledge base's binary image: actors and every index the base needs,
//! laid out so that it is read in place, with no decoding pass at start-up.
//!
//! This file is shared: `build.rs` includes it (`#[path]`) to turn
//! `data/kb/generated.tsv.z` and `data/kb/countries-odbl.tsv` into the image
//! the library embeds, and the library uses it to read that image and to
//! build the (small) images of user layers at run time. It uses `std` only.
//!
//! Layout: a section of little-endian `u32` words, then a blob of UTF-8
//! strings (each distinct string stored once). A string is a pair of words
//! (offset in the blob, length in bytes); an absent optional string has the
//! offset `NONE`. Words, from the start:
//!
//! - a header of `HEADER_WORDS` words (see the `H_*` constants);
//! - actor records, `ACTOR_WORDS` words each: id, name, description, source,
//!   country, surname (string pairs), the first alias pair and the number of
//!   aliases, kind | surname_alone << 8;
//! - alias pairs (the aliases of every actor, in order);
//! - candidates, 4 words each: actor, alias kind, the alias as written;
//! - four open-addressing hash tables (FNV-1a 64, linear probing; slots of
//!   two words: entry + 1 or 0, and the hash's high 32 bits), each entry
//!   starting with its key string:
//!   - keys: every lower-cased alias key (`str::to_lowercase` of the trimmed
//!     alias) and every prefix of a key that ends between two of its units
//!     (see [`unit_end`]); payload: first candidate, candidate count |
//!     `PREFIX` when a longer key starts with this string;
//!   - by_id: actor id -> first actor with that id;
//!   - by_token: lower-cased first and last token of people's names -> a
//!     list of actors (in the token lists section);
//!   - given names: first words (as written) of at least three people's names;
//! - a bit filter over the hashes of the key table's strings.

use std::collections::HashMap;

pub const MAGIC: u32 = u32::from_le_bytes(*b"CDKB");
pub const VERSION: u32 = 3;

const H_MAGIC: usize = 0;
const H_VERSION: usize = 1;
const H_WORDS: usize = 2;
const H_ACTORS: usize = 3;
const H_ACTOR_RECORDS: usize = 4;
const H_ALIASES: usize = 5;
const H_CANDIDATES: usize = 6;
const H_KEYS: usize = 7;
const H_BY_ID: usize = 8;
const H_BY_TOKEN: usize = 9;
const H_TOKEN_LISTS: usize = 10;
const H_GIVEN: usize = 11;
/// The first characters of the keys that start with a character that is
/// not alphanumeric (`"blue" party`, `‘ajmān`): a string pair.
const H_ODD_STARTS: usize = 12;
/// A bit filter over the key table's hashes (offset, bit mask): most words
/// of a text start no key, and the filter (a few hundred KB) says so without
/// a probe into the table (a few MB, out of cache).
const H_KEY_FILTER: usize = 14;
/// 1 when some actor's name, alias or surname holds a line break.
const H_LINE_BREAKS: usize = 16;
pub const HEADER_WORDS: usize = 20;

pub const ACTOR_WORDS: usize = 15;
const CANDIDATE_WORDS: usize = 4;
/// In a key entry's count word: a longer key starts with this string.
pub const PREFIX: u32 = 1 << 31;
/// The offset of an absent optional string.
pub const NONE: u32 = u32::MAX;

/// Actor kinds, by code (the order of `ActorKind`).
pub const KINDS: [&str; 6] = [
    "person",
    "organization",
    "country",
    "place",
    "group",
    "body",
];
pub const PERSON: u8 = 0;

/// Alias kinds, by code; the code is also the rank in a candidate list.
pub const NAME: u8 = 0;
pub const ALIAS: u8 = 1;
pub const SURNAME: u8 = 2;

pub fn kind_code(s: &str) -> Option<u8> {
    KINDS.iter().position(|k| *k == s).map(|i| i as u8)
}

/// One actor, as the image stores it (the library's `Actor`, with its kind
/// as a code).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub kind: u8,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: String,
    pub source: String,
    pub country: Option<String>,
    pub surname: Option<String>,
    pub surname_alone: bool,
}

// ---------------------------------------------------------------------------
// Hashing and units (the same at build time and at run time)

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a 64, continued from `h` over `bytes`.
#[inline]
pub fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a 64 of the ASCII-lower-cased bytes.
#[inline]
pub fn fnv_lower(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The character at byte `at` of `s` (a character boundary) and its length.
#[inline]
pub fn char_at(s: &str, at: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = s.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Text is cut into units: maximal runs of alphanumeric characters, and
/// every other character alone. The end of the unit that starts at `at`.
pub fn unit_end(s: &str, at: usize) -> usize {
    let Some((c, n)) = char_at(s, at) else {
        return at;
    };
    let mut end = at + n;
    if is_alnum(c) {
        while let Some((c, n)) = char_at(s, end) {
            if !is_alnum(c) {
                break;
            }
            end += n;
        }
    }
    end
}

// ---------------------------------------------------------------------------
// The embedded TSV (written by data/build_kb.py) and the ODbL aliases

/// The actors of the generated TSV; a line that does not parse is skipped
/// (data/build_kb.py is the only writer; its tests keep the format right).
#[allow(dead_code)] // build.rs and the tests
pub fn parse_tsv(text: &str) -> Vec<Record> {
    text.lines().filter_map(parse_line).collect()
}

#[allow(dead_code)] // build.rs and the tests
fn parse_line(line: &str) -> Option<Record> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 9 {
        return None;
    }
    let kind = kind_code(f[1])?;
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let surname = non_empty(f[7]);
    let mut aliases: Vec<String> = f[3]
        .split('|')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(s) = &surname {
        if !aliases.contains(s) {
            aliases.push(s.clone());
        }
    }
    Some(Record {
        id: f[0].to_string(),
        kind,
        name: f[2].to_string(),
        aliases,
        description: f[4].to_string(),
        source: f[5].to_string(),
        country: non_empty(f[6]),
        surname,
        surname_alone: f[8].contains('s'),
    })
}

/// Append the names of `countries-odbl.tsv` (id, tab, |-separated names) to
/// the aliases of the actors with those ids, and " + mledoze" to their source.
#[allow(dead_code)] // build.rs and the tests
pub fn merge_odbl(records: &mut [Record], odbl: &str) {
    let by_id: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for line in odbl.lines().filter(|l| !l.starts_with('#')) {
        let Some((id, aliases)) = line.split_once('\t') else {
            continue;
        };
        if let Some(&i) = by_id.get(id) {
            let a = &mut records[i];
            for al in aliases.split('|').filter(|s| !s.is_empty()) {
                if al != a.name && !a.aliases.iter().any(|x| x == al) {
                    a.aliases.push(al.to_string());
                }
            }
            a.source.push_str(" + mledoze");
        }
    }
}

/// True when the actor's name, an alias or its surname holds a line break.
pub fn has_line_break(r: &Record) -> bool {
    let breaks = |s: &str| s.contains(['\n', '\r']);
    breaks(&r.name)
        || r.aliases.iter().any(|s| breaks(s))
        || r.surname.as_deref().is_some_and(breaks)
}

// ---------------------------------------------------------------------------
// Writing

#[derive(Default)]
struct Blob {
    bytes: Vec<u8>,
    index: HashMap<String, u32>,
}

impl Blob {
    fn add(&mut self, s: &str) -> [u32; 2] {
        let off = match self.index.get(s) {
            Some(&off) => off,
            None => {
                let off = self.bytes.len() as u32;
                self.bytes.extend_from_slice(s.as_bytes());
                self.index.insert(s.to_string(), off);
                off
            }
        };
        [off, s.len() as u32]
    }

    fn opt(&mut self, s: Option<&str>) -> [u32; 2] {
        s.map_or([NONE, 0], |s| self.add(s))
    }
}

/// A key's candidates: actor, alias kind code, the alias as written.
pub type Candidates = Vec<(u32, u8, String)>;

/// The alias keys of `records`, as the matcher needs them: per key (lower
/// case), its candidates (actor, alias kind, form as written), best first:
/// names before aliases before surnames, then in base order.
pub fn alias_keys(records: &[Record]) -> Vec<(String, Candidates)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut keys: Vec<(String, Candidates)> = Vec::new();
    for (i, a) in records.iter().enumerate() {
        let mut add = |form: &str, kind: u8| {
            let form = form.trim();
            if form.chars().count() < 2 || !form.chars().any(char::is_alphabetic) {
                return;
            }
            let key = form.to_lowercase();
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                keys.push((key, Vec::new()));
                keys.len() - 1
            });
            let list = &mut keys[slot].1;
            if list.iter().any(|c| c.0 == i as u32 && c.2 == form) {
                return;
            }
            list.push((i as u32, kind, form.to_string()));
        };
        add(&a.name, NAME);
        for al in &a.aliases {
            let kind = match &a.surname {
                Some(s) if s == al && !a.surname_alone => SURNAME,
                _ => ALIAS,
            };
            add(al, kind);
        }
        if let Some(s) = &a.surname {
            if a.kind == PERSON {
                add(s, if a.surname_alone { ALIAS } else { SURNAME });
            }
        }
    }
    for (_, list) in &mut keys {
        list.sort_by_key(|c| (c.1, c.0));
    }
    keys
}

/// An open-addressing table of `entries` (key, payload words), at most half
/// full. Appended to `words`; returns its offset.
fn write_table(words: &mut Vec<u32>, blob: &mut Blob, entries: &[(String, Vec<u32>)]) -> u32 {
    let at = words.len() as u32;
    let slots = (entries.len() * 2).next_power_of_two().max(2);
    let entry_words = 2 + entries.first().map_or(0, |e| e.1.len());
    words.push(slots as u32 - 1);
    words.push(entries.len() as u32);
    words.push(entry_words as u32);
    let slot_base = words.len();
    words.resize(slot_base + 2 * slots, 0);
    let entry_base = words.len();
    for (i, (key, payload)) in entries.iter().enumerate() {
        debug_assert_eq!(payload.len() + 2, entry_words);
        words.extend(blob.add(key));
        words.extend(payload);
        let h = fnv(FNV_OFFSET, key.as_bytes());
        let mut s = (h as usize) & (slots - 1);
        while words[slot_base + 2 * s] != 0 {
            s = (s + 1) & (slots - 1);
        }
        words[slot_base + 2 * s] = i as u32 + 1;
        words[slot_base + 2 * s + 1] = (h >> 32) as u32;
    }
    debug_assert_eq!(words.len(), entry_base + entries.len() * entry_words);
    at
}

/// The image of these actors.
pub fn write(records: &[Record]) -> Vec<u8> {
    let mut blob = Blob::default();
    let mut words: Vec<u32> = vec![0; HEADER_WORDS];
    words[H_MAGIC] = MAGIC;
    words[H_VERSION] = VERSION;
    words[H_ACTORS] = records.len() as u32;

    // Actors and their aliases.
    let mut alias_pairs: Vec<u32> = Vec::new();
    let mut actor_words: Vec<u32> = Vec::with_capacity(records.len() * ACTOR_WORDS);
    for a in records {
        let first_alias = (alias_pairs.len() / 2) as u32;
        for al in &a.aliases {
            alias_pairs.extend(blob.add(al));
        }
        actor_words.extend(blob.add(&a.id));
        actor_words.extend(blob.add(&a.name));
        actor_words.extend(blob.add(&a.description));
        actor_words.extend(blob.add(&a.source));
        actor_words.extend(blob.opt(a.country.as_deref()));
        actor_words.extend(blob.opt(a.surname.as_deref()));
        actor_words.push(first_alias);
        actor_words.push(a.aliases.len() as u32);
        actor_words.push(a.kind as u32 | (a.surname_alone as u32) << 8);
    }
    words[H_LINE_BREAKS] = records.iter().any(has_line_break) as u32;
    words[H_ACTOR_RECORDS] = words.len() as u32;
    words.extend(actor_words);
    words[H_ALIASES] = words.len() as u32;
    words.extend(alias_pairs);

    // Alias keys, their candidates and the prefixes of keys between units.
    let keys = alias_keys(records);
    let mut candidates: Vec<u32> = Vec::new();
    let mut entries: Vec<(String, Vec<u32>)> = Vec::with_capacity(keys.len() * 2);
    let mut entry_of: HashMap<String, usize> = HashMap::new();
    let mut odd_starts = String::new();
    for (key, list) in &keys {
        let first = (candidates.len() / CANDIDATE_WORDS) as u32;
        for (actor, kind, form) in list {
            candidates.push(*actor);
            candidates.push(*kind as u32);
            candidates.extend(blob.add(form));
        }
        entry_of.insert(key.clone(), entries.len());
        entries.push((key.clone(), vec![first, list.len() as u32]));
        if let Some(c) = key.chars().next().filter(|c| !is_alnum(*c)) {
            if !odd_starts.contains(c) {
                odd_starts.push(c);
            }
        }
    }
    for (key, _) in &keys {
        let mut at = unit_end(key, 0);
        while at < key.len() {
            let prefix = &key[..at];
            match entry_of.get(prefix) {
                Some(&e) => entries[e].1[1] |= PREFIX,
                None => {
                    entry_of.insert(prefix.to_string(), entries.len());
                    entries.push((prefix.to_string(), vec![0, PREFIX]));
                }
            }
            at = unit_end(key, at);
        }
    }
    words[H_CANDIDATES] = words.len() as u32;
    words.extend(candidates);
    words[H_KEYS] = write_table(&mut words, &mut blob, &entries);
    let bits = (entries.len() * 16).next_power_of_two().max(64);
    let mut filter = vec![0u32; bits / 32];
    for (key, _) in &entries {
        let bit = fnv(FNV_OFFSET, key.as_bytes()) as usize & (bits - 1);
        filter[bit / 32] |= 1 << (bit % 32);
    }
    words[H_KEY_FILTER] = words.len() as u32;
    words[H_KEY_FILTER + 1] = bits as u32 - 1;
    words.extend(filter);

    // Ids (the first actor with an id wins).
    let mut ids: Vec<(String, Vec<u32>)> = Vec::with_capacity(records.len());
    let mut seen: HashMap<&str, ()> = HashMap::with_capacity(records.len());
    for (i, a) in records.iter().enumerate() {
        if seen.insert(&a.id, ()).is_none() {
            ids.push((a.id.clone(), vec![i as u32]));
        }
    }
    words[H_BY_ID] = write_table(&mut words, &mut blob, &ids);

    // First and last tokens of people's names; given names.
    let mut tokens: Vec<(String, Vec<u32>)> = Vec::new();
    let mut token_of: HashMap<String, usize> = HashMap::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut given: Vec<&str> = Vec::new();
    for (i, a) in records.iter().enumerate() {
        if a.kind != PERSON {
            continue;
        }
        let toks: Vec<&str> = a.name.split_whitespace().collect();
        if toks.len() < 2 {
            continue;
        }
        for t in [toks[0], toks[toks.len() - 1]] {
            let t = t.to_lowercase();
            let slot = *token_of.entry(t.clone()).or_insert_with(|| {
                tokens.push((t, Vec::new()));
                tokens.len() - 1
            });
            let list = &mut tokens[slot].1;
            if list.last() != Some(&(i as u32)) {
                list.push(i as u32);
            }
        }
        if toks[0].chars().count() >= 3 && toks[0].chars().all(char::is_alphabetic) {
            let n = counts.entry(toks[0]).or_default();
            *n += 1;
            if *n == 3 {
                given.push(toks[0]);
            }
        }
    }
    let mut lists: Vec<u32> = Vec::new();
    let token_entries: Vec<(String, Vec<u32>)> = tokens
        .into_iter()
        .map(|(t, list)| {
            let first = lists.len() as u32;
            lists.extend(&list);
            (t, vec![first, list.len() as u32])
        })
        .collect();
    words[H_TOKEN_LISTS] = words.len() as u32;
    words.extend(lists);
    words[H_BY_TOKEN] = write_table(&mut words, &mut blob, &token_entries);
    let given: Vec<(String, Vec<u32>)> = given.iter().map(|g| (g.to_string(), vec![])).collect();
    words[H_GIVEN] = write_table(&mut words, &mut blob, &given);
    let [off, len] = blob.add(&odd_starts);
    words[H_ODD_STARTS] = off;
    words[H_ODD_STARTS + 1] = len;

    words[H_WORDS] = words.len() as u32;
    let mut out = Vec::with_capacity(words.len() * 4 + blob.bytes.len());
    for w in &words {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&blob.bytes);
    out
}

// ---------------------------------------------------------------------------
// Reading (in place)

/// An image, read where it lies. Reads out of range give 0 or "" (an image
/// is only ever written by [`write`]; nothing here panics on a bad one).
#[derive(Debug, Clone, Copy)]
pub struct Image<'a> {
    words: &'a [u8],
    blob: &'a [u8],
}

/// The key table (see [`Image::keys`]), its bounds read once.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    image: Image<'a>,
    filter: &'a [u8],
    filter_mask: usize,
    slots: &'a [u8],
    mask: usize,
    /// Word index of the first entry.
    entries: usize,
}

#[inline]
fn read_u32(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes)
}

impl Keys<'_> {
    /// The entry for a string of hash `h` (see [`fnv`]) that passes `eq`.
    #[inline]
    pub fn get(&self, h: u64, eq: impl Fn(&[u8]) -> bool) -> Option<KeyEntry> {
        let bit = h as usize & self.filter_mask;
        if read_u32(self.filter, bit / 32) & (1 << (bit % 32)) == 0 {
            return None;
        }
        let tag = (h >> 32) as u32;
        let mut s = (h as usize) & self.mask;
        for _ in 0..=self.mask {
            let e = read_u32(self.slots, 2 * s) as usize;
            if e == 0 {
                return None;
            }
            if read_u32(self.slots, 2 * s + 1) == tag {
                let at = self.entries + (e - 1) * 4;
                let img = &self.image;
                if eq(img.bytes_at(img.word(at), img.word(at + 1))) {
                    let count = img.word(at + 3);
                    return Some(KeyEntry {
                        first: img.word(at + 2),
                        count: count & !PREFIX,
                        prefix: count & PREFIX != 0,
                    });
                }
            }
            s = (s + 1) & self.mask;
        }
        None
    }
}

/// A key table entry: its candidates, and whether longer keys start here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyEntry {
    pub first: u32,
    pub count: u32,
    pub prefix: bool,
}

impl<'a> Image<'a> {
    /// An image of no actors.
    pub const EMPTY: Image<'static> = Image {
        words: &[],
        blob: &[],
    };

    /// The image in `bytes`, if it is one (magic and version).
    pub fn new(bytes: &'a [u8]) -> Option<Image<'a>> {
        let probe = Image {
            words: bytes,
            blob: &[],
        };
        if probe.word(H_MAGIC) != MAGIC || probe.word(H_VERSION) != VERSION {
            return None;
        }
        let split = (probe.word(H_WORDS) as usize).checked_mul(4)?;
        if split > bytes.len() {
            return None;
        }
        let (words, blob) = bytes.split_at(split);
        Some(Image { words, blob })
    }

    #[inline]
    fn word(&self, i: usize) -> u32 {
        read_u32(self.words, i)
    }

    #[inline]
    fn bytes_at(&self, off: u32, len: u32) -> &'a [u8] {
        let (off, len) = (off as usize, len as usize);
        self.blob.get(off..off + len).unwrap_or_default()
    }

    #[inline]
    fn str_at(&self, off: u32, len: u32) -> &'a str {
        std::str::from_utf8(self.bytes_at(off, len)).unwrap_or_default()
    }

    fn str_word(&self, i: usize) -> &'a str {
        self.str_at(self.word(i), self.word(i + 1))
    }

    fn opt_word(&self, i: usize) -> Option<&'a str> {
        (self.word(i) != NONE).then(|| self.str_word(i))
    }

    /// Some actor's name, alias or surname holds a line break.
    pub fn line_breaks(&self) -> bool {
        self.word(H_LINE_BREAKS) == 1
    }

    pub fn actor_count(&self) -> usize {
        self.word(H_ACTORS) as usize
    }

    fn actor_base(&self, i: usize) -> usize {
        self.word(H_ACTOR_RECORDS) as usize + i * ACTOR_WORDS
    }

    pub fn actor_id(&self, i: usize) -> &'a str {
        self.str_word(self.actor_base(i))
    }

    pub fn actor_name(&self, i: usize) -> &'a str {
        self.str_word(self.actor_base(i) + 2)
    }

    /// The whole record of actor `i`.
    pub fn record(&self, i: usize) -> Record {
        let b = self.actor_base(i);
        let first = self.word(b + 12) as usize;
        let aliases_at = self.word(H_ALIASES) as usize;
        let aliases = (first..first + self.word(b + 13) as usize)
            .map(|j| self.str_word(aliases_at + 2 * j).to_string())
            .collect();
        let flags = self.word(b + 14);
        Record {
            id: self.str_word(b).to_string(),
            name: self.str_word(b + 2).to_string(),
            description: self.str_word(b + 4).to_string(),
            source: self.str_word(b + 6).to_string(),
            country: self.opt_word(b + 8).map(str::to_string),
            surname: self.opt_word(b + 10).map(str::to_string),
            aliases,
            kind: (flags & 0xff) as u8,
            surname_alone: flags >> 8 & 1 == 1,
        }
    }

    /// The entry of `table` whose key has hash `h` and passes `eq`: the
    /// word index of its payload.
    #[inline]
    fn lookup(&self, table: usize, h: u64, eq: impl Fn(&[u8]) -> bool) -> Option<usize> {
        let t = self.word(table) as usize;
        let mask = self.word(t) as usize;
        let entry_words = self.word(t + 2) as usize;
        let slots = t + 3;
        let entries = slots + 2 * (mask + 1);
        let tag = (h >> 32) as u32;
        let mut s = (h as usize) & mask;
        for _ in 0..=mask {
            let e = self.word(slots + 2 * s) as usize;
            if e == 0 {
                return None;
            }
            if self.word(slots + 2 * s + 1) == tag {
                let at = entries + (e - 1) * entry_words;
                if eq(self.bytes_at(self.word(at), self.word(at + 1))) {
                    return Some(at + 2);
                }
            }
            s = (s + 1) & mask;
        }
        None
    }

    /// The key table, for many lookups.
    pub fn keys(&self) -> Keys<'a> {
        let t = self.word(H_KEYS) as usize;
        let mask = self.word(t) as usize;
        let slots = t + 3;
        let entries = slots + 2 * (mask + 1);
        let filter = self.word(H_KEY_FILTER) as usize;
        let filter_mask = self.word(H_KEY_FILTER + 1) as usize;
        let span = |from: usize, words: usize| {
            self.words
                .get(from * 4..(from + words) * 4)
                .unwrap_or_default()
        };
        Keys {
            image: *self,
            filter: span(filter, (filter_mask + 1) / 32),
            filter_mask,
            slots: span(slots, 2 * (mask + 1)),
            mask,
            entries,
        }
    }

    /// Candidate `j`: actor, alias kind code, the alias as written.
    #[inline]
    pub fn candidate(&self, j: u32) -> (u32, u8, &'a str) {
        let b = self.word(H_CANDIDATES) as usize + j as usize * CANDIDATE_WORDS;
        (self.word(b), self.word(b + 1) as u8, self.str_word(b + 2))
    }

    /// The characters, not alphanumeric, that some keys start with.
    pub fn odd_starts(&self) -> &'a str {
        self.str_word(H_ODD_STARTS)
    }

    fn exact(&self, table: usize, key: &str) -> Option<usize> {
        let k = key.as_bytes();
        self.lookup(table, fnv(FNV_OFFSET, k), |b| b == k)
    }

    /// The first actor with this id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.exact(H_BY_ID, id).map(|at| self.word(at) as usize)
    }

    /// People whose name's first or last token, lower-cased, is `token`.
    pub fn by_token(&self, token: &str) -> impl Iterator<Item = usize> + 'a {
        let this = *self;
        let (first, count) = self
            .exact(H_BY_TOKEN, token)
            .map_or((0, 0), |at| (self.word(at), self.word(at + 1)));
        let base = self.word(H_TOKEN_LISTS) as usize;
        (first..first + count).map(move |j| this.word(base + j as usize) as usize)
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.exact(H_GIVEN, word).is_some()
    }
}
