//! Quotations: quote-mark scanning and pairing, classification (quote or
//! term), attribution. (The quotes issue fills this.)

use serde::Serialize;

use crate::analysis::{Paragraph, Quote, Sentence};
use crate::config::Config;
use crate::markup::Prose;

/// Quote-mark findings the rules report on.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MarkReport {}

pub struct QuoteReport {
    pub quotes: Vec<Quote>,
    pub marks: MarkReport,
}

pub fn analyze(
    _text: &str,
    _prose: &Prose,
    _paragraphs: &[Paragraph],
    _sentences: &[Sentence],
    _config: &Config,
) -> QuoteReport {
    QuoteReport {
        quotes: Vec::new(),
        marks: MarkReport::default(),
    }
}
