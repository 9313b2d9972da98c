//! Actors in an article: knowledge-base mentions (one automaton over every
//! alias), in-article introductions, and linking quote speakers to actors.
//! (The actors issue fills this.)

use serde::Serialize;

use crate::analysis::{Paragraph, Quote, Sentence};
use crate::kb::KnowledgeBase;
use crate::markup::Prose;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorReport {}

pub fn analyze(_text: &str, _prose: &Prose, _paragraphs: &[Paragraph], _sentences: &[Sentence], _kb: &KnowledgeBase, _quotes: &[Quote]) -> ActorReport {
    ActorReport::default()
}

/// Set each speaker's actor id (and canonical name) from the actors found.
pub fn link_speakers(_quotes: &mut [Quote], _actors: &ActorReport, _kb: &KnowledgeBase) {}
