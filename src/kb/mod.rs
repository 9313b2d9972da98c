//! The knowledge base: actors (people, organizations, countries, places,
//! groups, bodies) with aliases, and one alias automaton built once per base.
//! (The actors issue fills this: the embedded default and user files.)

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: String,
    pub source: String,
}

#[derive(Debug, Default)]
pub struct KnowledgeBase {
    pub actors: Vec<Actor>,
}

impl KnowledgeBase {
    /// A knowledge base with no actors.
    pub fn empty() -> &'static KnowledgeBase {
        static EMPTY: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
        EMPTY.get_or_init(KnowledgeBase::default)
    }
}
