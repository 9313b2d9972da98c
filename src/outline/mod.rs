//! Headings and sections: Markdown headings, front-matter titles, and the
//! plain-text heading heuristic. (The outline issue fills this.)

use serde::Serialize;

use crate::analysis::{Paragraph, Quote};
use crate::markup::Prose;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {}

pub fn build(_text: &str, _prose: &Prose, _paragraphs: &[Paragraph], _quotes: &[Quote]) -> Outline {
    Outline::default()
}
