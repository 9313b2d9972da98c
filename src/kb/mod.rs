//! The knowledge base: actors (people, organizations, countries, places,
//! groups, bodies) with aliases, and one alias automaton built once per base.
//!
//! A [`KnowledgeBase`] is a stack of layers, highest precedence first: the
//! user's `.copydesk/actors.toml` over the built-in base (curated entries over
//! generated ones, decided by `data/build_kb.py`). An actor of a higher layer
//! hides any lower actor with the same id or the same name. Each layer builds
//! its automaton once; the built-in layer is decoded lazily, once per process.

mod builtin;
mod matcher;
mod user;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::analysis::ByteRange;
pub use matcher::{AliasKind, Candidate};
pub use user::{parse, KbError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
    Place,
    Group,
    Body,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
            ActorKind::Body => "body",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "person" => ActorKind::Person,
            "organization" => ActorKind::Organization,
            "country" => ActorKind::Country,
            "place" => ActorKind::Place,
            "group" => ActorKind::Group,
            "body" => ActorKind::Body,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    /// Other names: demonyms and capitals for countries, acronyms, surnames.
    pub aliases: Vec<String>,
    pub description: String,
    /// Where the entry came from: "curated", "rigour", "phoenix", a user file...
    pub source: String,
    /// ISO 3166 alpha-2 country the actor belongs to (lower case), if known.
    #[serde(default)]
    pub country: Option<String>,
    /// A person's surname (also one of the aliases).
    #[serde(default)]
    pub surname: Option<String>,
    /// The surname alone names this person in news copy ("Trump"); otherwise
    /// a surname-only mention counts only where the full name also appears.
    #[serde(default)]
    pub surname_alone: bool,
}

/// One layer: its actors, their alias automaton and a name index.
#[derive(Debug)]
pub struct Layer {
    pub actors: Vec<Actor>,
    matcher: matcher::Matcher,
    by_id: HashMap<String, u32>,
    /// Lower-cased first and last tokens of people's names -> actor indexes.
    by_token: HashMap<String, Vec<u32>>,
    /// First words of at least three people's names ("Jack", "Fawaz" is not).
    given_names: HashSet<String>,
}

impl Layer {
    pub fn new(actors: Vec<Actor>) -> Layer {
        let matcher = matcher::Matcher::new(&actors);
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
        Layer {
            actors,
            matcher,
            by_id,
            by_token,
            given_names,
        }
    }
}

static BUILTIN: OnceLock<KnowledgeBase> = OnceLock::new();

/// Actors and their matcher: see the module documentation.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeBase {
    /// Highest precedence first.
    layers: Vec<Arc<Layer>>,
    /// Per layer: the ids and lower-cased names hidden by a higher layer.
    hidden: Vec<Arc<HashSet<String>>>,
}

/// An alias found in a text: its range and the actors it may name, best first.
#[derive(Debug, Clone)]
pub struct KbMatch<'a> {
    pub range: ByteRange,
    pub candidates: Vec<(&'a Actor, AliasKind)>,
}

impl KnowledgeBase {
    /// A knowledge base with no actors.
    pub fn empty() -> &'static KnowledgeBase {
        static EMPTY: OnceLock<KnowledgeBase> = OnceLock::new();
        EMPTY.get_or_init(KnowledgeBase::default)
    }

    /// The built-in base (curated and generated actors), decoded and indexed
    /// on first use.
    pub fn builtin() -> &'static KnowledgeBase {
        BUILTIN.get_or_init(|| KnowledgeBase::from_layers(vec![builtin::layer()]))
    }

    /// True once [`KnowledgeBase::builtin`] has been built (it never blocks).
    pub fn builtin_ready() -> bool {
        BUILTIN.get().is_some()
    }

    /// A base of these actors only.
    pub fn from_actors(actors: Vec<Actor>) -> KnowledgeBase {
        KnowledgeBase::from_layers(vec![Arc::new(Layer::new(actors))])
    }

    /// `user` actors over the built-in base (the built-in layer is shared).
    pub fn builtin_with(user: Vec<Actor>) -> KnowledgeBase {
        if user.is_empty() {
            return KnowledgeBase::builtin().clone();
        }
        let mut layers = vec![Arc::new(Layer::new(user))];
        layers.extend(KnowledgeBase::builtin().layers.iter().cloned());
        KnowledgeBase::from_layers(layers)
    }

    /// Layers, highest precedence first.
    pub fn from_layers(layers: Vec<Arc<Layer>>) -> KnowledgeBase {
        let mut hidden = Vec::with_capacity(layers.len());
        let mut above: HashSet<String> = HashSet::new();
        for layer in &layers {
            hidden.push(Arc::new(above.clone()));
            for a in &layer.actors {
                above.insert(a.id.clone());
                above.insert(format!("\u{1}{}", a.name.to_lowercase()));
            }
        }
        KnowledgeBase { layers, hidden }
    }

    fn visible(&self, layer: usize, a: &Actor) -> bool {
        let h = &self.hidden[layer];
        h.is_empty()
            || !(h.contains(&a.id) || h.contains(&format!("\u{1}{}", a.name.to_lowercase())))
    }

    /// Number of actors (hidden ones excluded).
    pub fn len(&self) -> usize {
        self.actors().count()
    }

    pub fn is_empty(&self) -> bool {
        self.layers.iter().all(|l| l.actors.is_empty())
    }

    /// Every visible actor, highest layer first.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.layers
            .iter()
            .enumerate()
            .flat_map(move |(i, l)| l.actors.iter().filter(move |a| self.visible(i, a)))
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.layers.iter().enumerate().find_map(|(i, l)| {
            let a = &l.actors[*l.by_id.get(id)? as usize];
            self.visible(i, a).then_some(a)
        })
    }

    /// True when `word` (as written) begins the names of several known people.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.layers.iter().any(|l| l.given_names.contains(word))
    }

    /// People whose name starts or ends with `token` (any case).
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

    /// Every alias of every actor found in `text` on word boundaries with the
    /// case rules, longest first, without overlaps, in text order.
    pub fn find(&self, text: &str) -> Vec<KbMatch<'_>> {
        // (range, layer, candidates)
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
        // Longest first at each start, then higher layer; drop overlaps.
        all.sort_by(|a, b| (a.0.start, b.0.end, a.1).cmp(&(b.0.start, a.0.end, b.1)));
        let mut out: Vec<KbMatch> = Vec::new();
        let mut end = 0;
        let mut i = 0;
        while i < all.len() {
            let (range, _, _) = &all[i];
            if range.start < end {
                i += 1;
                continue;
            }
            // Same range in several layers: candidates of all, higher first.
            let mut cands = Vec::new();
            let r = range.clone();
            while i < all.len() && all[i].0 == r {
                cands.extend(all[i].2.iter().cloned());
                i += 1;
            }
            end = r.end;
            out.push(KbMatch {
                range: r,
                candidates: cands,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests;
