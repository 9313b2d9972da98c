//! Finding a layer's aliases in a text, with the word boundary and case
//! rules:
//!
//! - an alias matches on word boundaries; a possessive (`Iran’s`, `PMU's`)
//!   still matches its actor (the range stops before the apostrophe);
//! - an acronym (an alias with no lower-case letter, such as "IS", "US",
//!   "PMU") matches only as written: "is", "Is" and "us" never do;
//! - any other alias matches regardless of case when the text starts with a
//!   capital letter ("IRAN", "Iraqi Parliament"), or exactly as written
//!   ("al-Qaeda"): "turkey" the bird is not "Turkey".
//!
//! How: the text is cut into units (see [`image::unit_end`]: runs of
//! alphanumeric characters, and every other character alone). An alias on
//! word boundaries starts where a unit starts after a character that is not
//! alphanumeric, and ends where a unit ends, and its own units are the
//! text's. So from each such start the matcher extends unit by unit over the
//! ASCII-lower-cased text, looking each prefix up in the layer's key table
//! (lower-cased keys and their prefixes between units), and stops as soon as
//! no key goes on. A key starts with an alphanumeric unit, except a handful
//! that start with a quote mark (`"blue" party`, `‘ajmān`): those are tried
//! where that character stands alone after a non-alphanumeric one.
//! The result is exactly what an aho-corasick automaton over every key, run
//! over the ASCII-lower-cased text with the same boundary checks, reports
//! (src/kb/tests.rs keeps that automaton as an oracle).

use super::image::{self, char_at, is_alnum, unit_end, Image, Keys};
use crate::analysis::ByteRange;

/// How an alias names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AliasKind {
    /// The actor's name.
    Name,
    /// Another name, a demonym, a capital, an acronym.
    Alias,
    /// A person's surname that names them only where the full name appears.
    Surname,
}

impl AliasKind {
    pub(super) fn from_code(code: u8) -> AliasKind {
        match code {
            image::NAME => AliasKind::Name,
            image::ALIAS => AliasKind::Alias,
            _ => AliasKind::Surname,
        }
    }
}

/// True for an alias with letters and no lower-case one ("IS", "U.S.", "M23").
pub fn is_acronym(form: &str) -> bool {
    form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase)
}

/// A match: its range and the actors (indexes in the layer) it may name,
/// best first, with how.
pub(super) type Found = (ByteRange, Vec<(u32, AliasKind)>);

/// Valid matches (boundaries and case checked), overlapping, in order of
/// start then end.
pub(super) fn find(img: &Image, text: &str, out: &mut Vec<Found>) {
    if img.actor_count() == 0 {
        return;
    }
    let bytes = text.as_bytes();
    let odd_starts = img.odd_starts();
    let keys = img.keys();
    let mut at = 0;
    let mut prev_alnum = false;
    while let Some((c, n)) = char_at(text, at) {
        let alnum = is_alnum(c);
        if !prev_alnum && (alnum || odd_starts.contains(c)) {
            scan(img, &keys, text, bytes, at, out);
        }
        prev_alnum = alnum;
        at += n;
    }
}

/// Every key that starts at `start`.
fn scan(img: &Image, keys: &Keys, text: &str, bytes: &[u8], start: usize, out: &mut Vec<Found>) {
    let mut h = image::FNV_OFFSET;
    let mut at = start;
    while at < bytes.len() {
        let end = unit_end(text, at);
        h = image::fnv_lower(h, &bytes[at..end]);
        let written = &bytes[start..end];
        let Some(entry) = keys.get(h, |k| k.eq_ignore_ascii_case(written)) else {
            return;
        };
        if entry.count > 0 && boundary_after(text, end) {
            let written = &text[start..end];
            let cands: Vec<(u32, AliasKind)> = (entry.first..entry.first + entry.count)
                .map(|j| img.candidate(j))
                .filter(|(_, _, form)| case_ok(form, written))
                .map(|(actor, kind, _)| (actor, AliasKind::from_code(kind)))
                .collect();
            if !cands.is_empty() {
                out.push((start..end, cands));
            }
        }
        if !entry.prefix {
            return;
        }
        at = end;
    }
}

/// A word ends here, or a possessive `’s` / `'s` follows.
fn boundary_after(text: &str, at: usize) -> bool {
    char_at(text, at).is_none_or(|(c, _)| !is_alnum(c))
}

/// The case rules of the module documentation.
pub fn case_ok(form: &str, written: &str) -> bool {
    if form == written {
        return true;
    }
    if is_acronym(form) {
        return false;
    }
    written.chars().next().is_some_and(char::is_uppercase)
}
