//! Text model: documents (a rope and a version), sentences, and the one
//! module that converts byte offsets to and from editor positions.

pub mod document;
pub mod hash;
pub mod position;
pub mod sentences;
pub mod words;

pub use document::Document;
pub use position::{Encoding, LineIndex, Position};
