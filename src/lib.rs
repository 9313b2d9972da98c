//! copydesk: a copy desk inside the editor.
//!
//! The crate is layered by folder. `text/`, `markup/`, `quotes/`, `actors/`,
//! `kb/`, `outline/`, `rules/` and `config` are the pure analysis core: they
//! never import `tower_lsp`, `tokio` or `std::fs`, and work in UTF-8 byte
//! offsets. `lsp/` speaks the protocol and `cli/` runs the command line; both
//! call [`analyze`] and convert byte ranges to positions through
//! [`text::position`].
//!
//! ```
//! use copydesk::{analyze, Config, KnowledgeBase, Markup};
//! let text = "“Iran is currently the most influential state,” said Fawaz Gerges.";
//! let analysis = analyze(text, Markup::PlainText, KnowledgeBase::empty(), &Config::default());
//! assert_eq!(analysis.paragraphs.len(), 1);
//! ```

pub mod actors;
pub mod analysis;
pub mod config;
pub mod incremental;
pub mod kb;
pub mod lsp;
pub mod markup;
pub mod outline;
pub mod quotes;
pub mod rules;
pub mod text;

pub use analysis::{
    analyze, Analysis, Diagnostic, Edit, Fix, Paragraph, Quote, QuoteKind, Related, Sentence,
    Severity, Speaker, Via,
};
pub use config::Config;
pub use kb::KnowledgeBase;
pub use markup::Markup;

/// What the unit tests of several modules read.
#[cfg(test)]
pub(crate) mod test_support {
    /// The Wikinews articles of `tests/fixtures/wikinews` (Markdown) as one
    /// long document, in file-name order.
    pub(crate) fn wikinews_as_one_document() -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wikinews");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("LICENSE.md"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap() + "\n")
            .collect()
    }
}
