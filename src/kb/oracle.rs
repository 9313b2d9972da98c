//! The knowledge base as it was before the binary image (tests only): the
//! TSV decoded at start-up into `Actor`s, an aho-corasick automaton over
//! every lower-cased alias key run over the ASCII-lower-cased text, and
//! HashMap indexes. The tests check that the image-based base gives the same
//! actors, indexes and matches.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::matcher::AliasKind;
use super::{Actor, ActorKind};
use crate::analysis::ByteRange;

static GENERATED: &[u8] = include_bytes!("../../data/kb/generated.tsv.z");
static COUNTRIES_ODBL: &str = include_str!("../../data/kb/countries-odbl.tsv");

/// The built-in actors, decoded as the former `builtin::decode` did.
pub fn builtin_actors() -> Vec<Actor> {
    decode(GENERATED, COUNTRIES_ODBL)
}

/// Decode the embedded files. A line that does not parse is skipped (the
/// build script is the only writer; its tests keep the format right).
fn decode(compressed: &[u8], odbl: &str) -> Vec<Actor> {
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(compressed).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let mut actors: Vec<Actor> = text.lines().filter_map(parse_line).collect();
    let by_id: std::collections::HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut extra: Vec<(usize, Vec<String>)> = Vec::new();
    for line in odbl.lines().filter(|l| !l.starts_with('#')) {
        let Some((id, aliases)) = line.split_once('\t') else {
            continue;
        };
        if let Some(&i) = by_id.get(id) {
            extra.push((
                i,
                aliases
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            ));
        }
    }
    for (i, aliases) in extra {
        let a = &mut actors[i];
        for al in aliases {
            if al != a.name && !a.aliases.contains(&al) {
                a.aliases.push(al);
            }
        }
        a.source.push_str(" + mledoze");
    }
    actors
}

fn parse_line(line: &str) -> Option<Actor> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 9 {
        return None;
    }
    let kind = ActorKind::parse(f[1])?;
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
    Some(Actor {
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

#[derive(Debug, Clone)]
pub struct Candidate {
    pub actor: u32,
    pub kind: AliasKind,
    /// The alias as written in the base.
    pub form: Box<str>,
}

#[derive(Debug)]
pub struct Matcher {
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

fn case_ok(form: &str, written: &str) -> bool {
    if form == written {
        return true;
    }
    if is_acronym(form) {
        return false;
    }
    written.chars().next().is_some_and(char::is_uppercase)
}

/// A former layer: actors, automaton, indexes.
pub struct OldLayer {
    pub actors: Vec<Actor>,
    matcher: Matcher,
    pub by_id: HashMap<String, u32>,
    pub by_token: HashMap<String, Vec<u32>>,
    pub given_names: HashSet<String>,
}

impl OldLayer {
    pub fn new(actors: Vec<Actor>) -> OldLayer {
        let matcher = Matcher::new(&actors);
        let mut by_id = HashMap::with_capacity(actors.len());
        let mut by_token: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            by_id.entry(a.id.clone()).or_insert(i as u32);
            if a.kind == ActorKind::Person {
                let toks: Vec<&str> = a.name.split_whitespace().collect();
                if toks.len() >= 2 {
                    for t in [toks[0], toks[toks.len() - 1]] {
                        let v = by_token.entry(t.to_lowercase()).or_default();
                        if v.last() != Some(&(i as u32)) {
                            v.push(i as u32);
                        }
                    }
                }
            }
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in actors.iter().filter(|a| a.kind == ActorKind::Person) {
            let toks: Vec<&str> = a.name.split_whitespace().collect();
            if toks.len() >= 2
                && toks[0].chars().count() >= 3
                && toks[0].chars().all(char::is_alphabetic)
            {
                *counts.entry(toks[0]).or_default() += 1;
            }
        }
        let given_names = counts
            .into_iter()
            .filter(|(_, n)| *n >= 3)
            .map(|(w, _)| w.to_string())
            .collect();
        OldLayer {
            actors,
            matcher,
            by_id,
            by_token,
            given_names,
        }
    }
}

/// The former knowledge base over former layers, highest first.
pub struct OldKb {
    pub layers: Vec<Arc<OldLayer>>,
    hidden: Vec<HashSet<String>>,
}

/// A match: range and candidates, best first.
pub type OldMatch<'a> = (ByteRange, Vec<(&'a Actor, AliasKind)>);

impl OldKb {
    pub fn from_layers(layers: Vec<Arc<OldLayer>>) -> OldKb {
        let mut hidden = Vec::with_capacity(layers.len());
        let mut above: HashSet<String> = HashSet::new();
        for layer in &layers {
            hidden.push(above.clone());
            for a in &layer.actors {
                above.insert(a.id.clone());
                above.insert(format!("\u{1}{}", a.name.to_lowercase()));
            }
        }
        OldKb { layers, hidden }
    }

    fn visible(&self, layer: usize, a: &Actor) -> bool {
        let h = &self.hidden[layer];
        h.is_empty()
            || !(h.contains(&a.id) || h.contains(&format!("\u{1}{}", a.name.to_lowercase())))
    }

    pub fn len(&self) -> usize {
        self.layers
            .iter()
            .enumerate()
            .map(|(i, l)| l.actors.iter().filter(|a| self.visible(i, a)).count())
            .sum()
    }

    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.layers.iter().enumerate().find_map(|(i, l)| {
            let a = &l.actors[*l.by_id.get(id)? as usize];
            self.visible(i, a).then_some(a)
        })
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.layers.iter().any(|l| l.given_names.contains(word))
    }

    pub fn people_with_token(&self, token: &str) -> Vec<&Actor> {
        let key = token.to_lowercase();
        let mut out = Vec::new();
        for (i, l) in self.layers.iter().enumerate() {
            if let Some(ix) = l.by_token.get(&key) {
                out.extend(
                    ix.iter()
                        .map(|&j| &l.actors[j as usize])
                        .filter(|a| self.visible(i, a)),
                );
            }
        }
        out
    }

    pub fn find(&self, text: &str) -> Vec<OldMatch<'_>> {
        type Found<'k> = (ByteRange, usize, Vec<(&'k Actor, AliasKind)>);
        let mut all: Vec<Found> = Vec::new();
        for (li, layer) in self.layers.iter().enumerate() {
            for (range, cands) in layer.matcher.find(text) {
                let cands: Vec<(&Actor, AliasKind)> = cands
                    .iter()
                    .map(|c| (&layer.actors[c.actor as usize], c.kind))
                    .filter(|(a, _)| self.visible(li, a))
                    .collect();
                if !cands.is_empty() {
                    all.push((range, li, cands));
                }
            }
        }
        all.sort_by(|a, b| (a.0.start, b.0.end, a.1).cmp(&(b.0.start, a.0.end, b.1)));
        let mut out: Vec<OldMatch> = Vec::new();
        let mut end = 0;
        let mut i = 0;
        while i < all.len() {
            let (range, _, _) = &all[i];
            if range.start < end {
                i += 1;
                continue;
            }
            let mut cands = Vec::new();
            let r = range.clone();
            while i < all.len() && all[i].0 == r {
                cands.extend(all[i].2.iter().cloned());
                i += 1;
            }
            end = r.end;
            out.push((r, cands));
        }
        out
    }
}
