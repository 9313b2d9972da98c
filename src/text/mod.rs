//! Text model: documents (a rope and a version), sentences, and the one
//! module that converts byte offsets to and from editor positions.

pub mod document;
pub mod hash;
pub mod position;
pub mod sentences;
pub mod words;

pub use document::Document;
pub use position::{Encoding, LineIndex, Position};

/// The largest character boundary of `text` at or before `at` (the end of
/// the text if `at` is past it).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
