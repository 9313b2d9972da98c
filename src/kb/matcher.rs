//! One aho-corasick automaton over every alias of a layer, with the word
//! boundary and case rules:
//!
//! - an alias matches on word boundaries; a possessive (`Iran’s`, `PMU's`)
//!   still matches its actor (the range stops before the apostrophe);
//! - an acronym (an alias with no lower-case letter, such as "IS", "US",
//!   "PMU") matches only as written: "is", "Is" and "us" never do;
//! - any other alias matches regardless of case when the text starts with a
//!   capital letter ("IRAN", "Iraqi Parliament"), or exactly as written
//!   ("al-Qaeda"): "turkey" the bird is not "Turkey".

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{Actor, ActorKind};
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

#[derive(Debug, Clone)]
pub struct Candidate {
    pub actor: u32,
    pub kind: AliasKind,
    /// The alias as written in the base.
    pub form: Box<str>,
}

#[derive(Debug)]
pub(super) struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the actors it may name, best first.
    patterns: Vec<Vec<Candidate>>,
}

/// True for an alias with letters and no lower-case one ("IS", "U.S.", "M23").
pub fn is_acronym(form: &str) -> bool {
    form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase)
}

impl Matcher {
    pub fn new(actors: &[Actor]) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<Candidate>> = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            let mut add = |form: &str, kind: AliasKind| {
                let form = form.trim();
                if form.chars().count() < 2 || !form.chars().any(char::is_alphabetic) {
                    return;
                }
                let key = form.to_lowercase();
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                let list = &mut patterns[slot];
                if list.iter().any(|c| c.actor == i as u32 && &*c.form == form) {
                    return;
                }
                list.push(Candidate {
                    actor: i as u32,
                    kind,
                    form: form.into(),
                });
            };
            add(&a.name, AliasKind::Name);
            for al in &a.aliases {
                let kind = match &a.surname {
                    Some(s) if s == al && !a.surname_alone => AliasKind::Surname,
                    _ => AliasKind::Alias,
                };
                add(al, kind);
            }
            if let Some(s) = &a.surname {
                if a.kind == ActorKind::Person {
                    add(
                        s,
                        if a.surname_alone {
                            AliasKind::Alias
                        } else {
                            AliasKind::Surname
                        },
                    );
                }
            }
        }
        // Best candidate first: names before aliases before surnames, then
        // in base order (curated entries come first in the built-in base).
        for list in &mut patterns {
            list.sort_by_key(|c| {
                (
                    match c.kind {
                        AliasKind::Name => 0,
                        AliasKind::Alias => 1,
                        AliasKind::Surname => 2,
                    },
                    c.actor,
                )
            });
        }
        // Keys are lower case and `find` scans an ASCII-lower-cased copy of
        // the text: the same matches as an ASCII-case-insensitive automaton,
        // which takes three times as long to build (49k keys: 250 ms against
        // 820 ms, release, loaded machine).
        let automaton = if keys.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&keys)
                .ok()
        };
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Valid matches (boundaries and case checked), overlapping, any order.
    pub fn find<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (ByteRange, Vec<&'a Candidate>)> + 'a {
        let lower = self
            .automaton
            .as_ref()
            .map(|_| text.to_ascii_lowercase())
            .unwrap_or_default();
        let matches: Vec<aho_corasick::Match> = self
            .automaton
            .iter()
            .flat_map(|ac| ac.find_overlapping_iter(&lower))
            .collect();
        matches.into_iter().filter_map(move |m| {
            let range = m.start()..m.end();
            if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
                return None;
            }
            if !boundary_before(text, range.start) || !boundary_after(text, range.end) {
                return None;
            }
            let written = &text[range.clone()];
            let cands: Vec<&Candidate> = self.patterns[m.pattern().as_usize()]
                .iter()
                .filter(|c| case_ok(&c.form, written))
                .collect();
            (!cands.is_empty()).then_some((range, cands))
        })
    }
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// A word ends here, or a possessive `’s` / `'s` follows.
fn boundary_after(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        _ => false,
    }
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
