//! The knowledge base: actors (people, organizations, countries, places,
//! groups, bodies) with aliases, and the index that finds those aliases in text.
//!
//! A [`KnowledgeBase`] is a stack of layers, highest precedence first: the
//! user's `.copydesk/actors.toml` over the built-in base (curated entries over
//! generated ones, decided by `data/build_kb.py`). An actor of a higher layer
//! hides any lower actor with the same id or the same name. Each layer is one
//! binary image (src/kb/image.rs) of its actors and alias keys: the built-in
//! one is written by build.rs and read in place, a user layer's is written
//! when the layer is made; actors are materialized when first asked for.

mod builtin;
mod image;
/// (Shared with the tokenizers: `image.rs` is also built into build.rs,
/// so the helper lives there.)
pub(crate) use image::char_at;
mod matcher;
#[cfg(test)]
mod oracle;
mod user;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::analysis::ByteRange;
use image::Image;
pub use matcher::AliasKind;
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

/// One layer: its actors and their indexes (alias keys, ids, name tokens,
/// given names), all in one binary image (src/kb/image.rs) read in place.
/// An actor is materialized from the image the first time it is asked for.
pub struct Layer {
    bytes: Bytes,
    actors: Box<[OnceLock<Box<Actor>>]>,
}

enum Bytes {
    /// The built-in image, embedded in the binary.
    Static(&'static [u8]),
    /// A user layer's image, written at run time.
    Owned(Box<[u8]>),
}

impl std::fmt::Debug for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let made = self.actors.iter().filter(|a| a.get().is_some()).count();
        f.debug_struct("Layer")
            .field("actors", &self.actors.len())
            .field("materialized", &made)
            .field("image_bytes", &self.raw().len())
            .finish()
    }
}

impl Layer {
    /// A layer of these actors (a user file's: its image is written now).
    pub fn new(actors: Vec<Actor>) -> Layer {
        let records: Vec<image::Record> = actors.iter().map(to_record).collect();
        let bytes = Bytes::Owned(image::write(&records).into_boxed_slice());
        let actors = actors
            .into_iter()
            .map(|a| OnceLock::from(Box::new(a)))
            .collect();
        Layer { bytes, actors }
    }

    /// The layer of an image written by [`image::write`], if it is one.
    fn from_image(bytes: &'static [u8]) -> Option<Layer> {
        let n = Image::new(bytes)?.actor_count();
        Some(Layer {
            bytes: Bytes::Static(bytes),
            actors: (0..n).map(|_| OnceLock::new()).collect(),
        })
    }

    fn raw(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::Owned(b) => b,
        }
    }

    fn image(&self) -> Image<'_> {
        Image::new(self.raw()).unwrap_or(Image::EMPTY)
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Actor `i` (`i < len()`), materialized on first use.
    pub fn actor(&self, i: usize) -> &Actor {
        self.actors[i].get_or_init(|| Box::new(to_actor(self.image().record(i))))
    }

    /// Every actor, in order (materializes them all).
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        (0..self.len()).map(|i| self.actor(i))
    }
}

fn to_record(a: &Actor) -> image::Record {
    image::Record {
        id: a.id.clone(),
        kind: image::kind_code(a.kind.as_str()).unwrap_or(image::PERSON),
        name: a.name.clone(),
        aliases: a.aliases.clone(),
        description: a.description.clone(),
        source: a.source.clone(),
        country: a.country.clone(),
        surname: a.surname.clone(),
        surname_alone: a.surname_alone,
    }
}

fn to_actor(r: image::Record) -> Actor {
    Actor {
        kind: image::KINDS
            .get(r.kind as usize)
            .and_then(|k| ActorKind::parse(k))
            .unwrap_or(ActorKind::Person),
        id: r.id,
        name: r.name,
        aliases: r.aliases,
        description: r.description,
        source: r.source,
        country: r.country,
        surname: r.surname,
        surname_alone: r.surname_alone,
    }
}

static BUILTIN: OnceLock<KnowledgeBase> = OnceLock::new();

/// Actors and their matcher: see the module documentation.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeBase {
    /// Highest precedence first.
    layers: Vec<Arc<Layer>>,
    /// Per layer: the ids and lower-cased names hidden by a higher layer.
    hidden: Vec<Arc<Hidden>>,
}

#[derive(Debug, Default, Clone)]
struct Hidden {
    ids: HashSet<String>,
    names: HashSet<String>,
}

/// An alias found in a text: its range and the actors it may name, best first.
#[derive(Debug, Clone)]
pub struct KbMatch<'a> {
    pub range: ByteRange,
    pub candidates: Vec<(&'a Actor, AliasKind)>,
}

/// A [`KbMatch`] whose candidates are given by where they are in the base:
/// (layer, index in the layer, alias kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlacedMatch {
    pub range: ByteRange,
    pub candidates: Vec<(u32, u32, AliasKind)>,
}

impl KnowledgeBase {
    /// A knowledge base with no actors.
    pub fn empty() -> &'static KnowledgeBase {
        static EMPTY: OnceLock<KnowledgeBase> = OnceLock::new();
        EMPTY.get_or_init(KnowledgeBase::default)
    }

    /// The built-in base (curated and generated actors): its image is
    /// embedded and read in place, so the first use costs next to nothing.
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
        let mut above = Arc::new(Hidden::default());
        for (li, layer) in layers.iter().enumerate() {
            hidden.push(above.clone());
            // Only the layers below need to know what this one hides.
            if li + 1 < layers.len() {
                let img = layer.image();
                let mut next = (*above).clone();
                for i in 0..layer.len() {
                    next.ids.insert(img.actor_id(i).to_string());
                    next.names.insert(img.actor_name(i).to_lowercase());
                }
                above = Arc::new(next);
            }
        }
        KnowledgeBase { layers, hidden }
    }

    /// Actor `i` of layer `layer` is not hidden by a higher layer.
    fn visible(&self, layer: usize, i: usize) -> bool {
        let h = &self.hidden[layer];
        if h.ids.is_empty() && h.names.is_empty() {
            return true;
        }
        let img = self.layers[layer].image();
        !(h.ids.contains(img.actor_id(i)) || h.names.contains(&img.actor_name(i).to_lowercase()))
    }

    /// Number of actors (hidden ones excluded).
    pub fn len(&self) -> usize {
        self.layers
            .iter()
            .enumerate()
            .map(|(li, l)| (0..l.len()).filter(|&i| self.visible(li, i)).count())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.layers.iter().all(|l| l.is_empty())
    }

    /// Every visible actor, highest layer first (materializes them all).
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.layers.iter().enumerate().flat_map(move |(li, l)| {
            (0..l.len())
                .filter(move |&i| self.visible(li, i))
                .map(move |i| l.actor(i))
        })
    }

    /// True when some visible actor's name, alias or surname holds a line
    /// break (so a match may span lines). Unlike a walk over
    /// [`KnowledgeBase::actors`], this materializes no actor.
    pub fn names_span_lines(&self) -> bool {
        self.layers.iter().enumerate().any(|(li, l)| {
            let img = l.image();
            img.line_breaks()
                && (0..l.len())
                    .any(|i| self.visible(li, i) && image::has_line_break(&img.record(i)))
        })
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.layers.iter().enumerate().find_map(|(li, l)| {
            let i = l.image().by_id(id)?;
            self.visible(li, i).then(|| l.actor(i))
        })
    }

    /// True when `word` (as written) begins the names of several known people.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.layers.iter().any(|l| l.image().is_given_name(word))
    }

    /// People whose name starts or ends with `token` (any case).
    pub fn people_with_token(&self, token: &str) -> Vec<&Actor> {
        let mut out = Vec::new();
        self.each_person_with_token(token, |layer, i, _| {
            out.push(self.placed_actor(layer, i));
            false
        });
        out
    }

    /// [`KnowledgeBase::people_with_token`], each given by its place in
    /// this base (layer, index) and its name, without materializing it,
    /// until `each` returns true.
    pub(crate) fn each_person_with_token<'k>(
        &'k self,
        token: &str,
        mut each: impl FnMut(u32, u32, &'k str) -> bool,
    ) {
        let key = token.to_lowercase();
        for (li, l) in self.layers.iter().enumerate() {
            let image = l.image();
            for i in image.by_token(&key) {
                if self.visible(li, i) && each(li as u32, i as u32, image.actor_name(i)) {
                    return;
                }
            }
        }
    }

    /// The actor at `(layer, i)`.
    pub(crate) fn placed_actor(&self, layer: u32, i: u32) -> &Actor {
        self.layers[layer as usize].actor(i as usize)
    }

    /// Every alias of every actor found in `text` on word boundaries with the
    /// case rules, longest first, without overlaps, in text order.
    pub fn find(&self, text: &str) -> Vec<KbMatch<'_>> {
        self.find_placed(text)
            .into_iter()
            .map(|m| self.materialize(&m.candidates, m.range))
            .collect()
    }

    /// The match at `range` of the candidates `placed` (as
    /// [`PlacedMatch::candidates`]), their actors materialized.
    pub(crate) fn materialize(
        &self,
        placed: &[(u32, u32, AliasKind)],
        range: ByteRange,
    ) -> KbMatch<'_> {
        KbMatch {
            range,
            candidates: placed
                .iter()
                .map(|&(layer, i, kind)| (self.layers[layer as usize].actor(i as usize), kind))
                .collect(),
        }
    }

    /// [`KnowledgeBase::find`], each actor given by where it is in this
    /// base (its layer, its index there) rather than materialized: what a
    /// cache of matches keeps for as long as it keeps this base.
    pub(crate) fn find_placed(&self, text: &str) -> Vec<PlacedMatch> {
        // (range, layer, candidates as actor indexes in the layer)
        type Found = (ByteRange, usize, Vec<(u32, AliasKind)>);
        let mut all: Vec<Found> = Vec::new();
        let mut found = Vec::new();
        for (li, layer) in self.layers.iter().enumerate() {
            matcher::find(&layer.image(), text, &mut found);
            for (range, mut cands) in found.drain(..) {
                cands.retain(|&(i, _)| self.visible(li, i as usize));
                if !cands.is_empty() {
                    all.push((range, li, cands));
                }
            }
        }
        // Longest first at each start, then higher layer; drop overlaps.
        all.sort_by(|a, b| (a.0.start, b.0.end, a.1).cmp(&(b.0.start, a.0.end, b.1)));
        let mut out: Vec<PlacedMatch> = Vec::new();
        let mut end = 0;
        let mut i = 0;
        while i < all.len() {
            let range = &all[i].0;
            if range.start < end {
                i += 1;
                continue;
            }
            // Same range in several layers: candidates of all, higher first.
            // (Only the actors of kept matches are materialized, later.)
            let mut cands = Vec::new();
            let r = range.clone();
            while i < all.len() && all[i].0 == r {
                let layer = all[i].1 as u32;
                cands.extend(all[i].2.iter().map(|&(a, kind)| (layer, a, kind)));
                i += 1;
            }
            end = r.end;
            out.push(PlacedMatch {
                range: r,
                candidates: cands,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests;
