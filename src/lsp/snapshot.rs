//! A snapshot of one open document for a request handler: the text that was
//! analysed, its analysis, and the conversions between byte ranges and
//! protocol positions in the negotiated encoding. Feature handlers in
//! `features/` take a `&Snapshot` and return protocol values; they never
//! lock anything or await.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp::lsp_types::{self as lsp, Url};

use crate::analysis::{Analysis, ByteRange};
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::text::{Encoding, LineIndex, Position};

/// What a client said it supports, reduced to what handlers branch on.
#[derive(Debug, Clone, Default)]
pub struct ClientSupport {
    pub hierarchical_symbols: bool,
    pub related_information: bool,
    pub markdown_hover: bool,
    pub workspace_configuration: bool,
    pub watched_files_dynamic: bool,
}

#[derive(Clone)]
pub struct Snapshot {
    pub uri: Url,
    pub version: i32,
    /// The text the analysis was computed from.
    pub text: Arc<str>,
    pub rope: Rope,
    pub analysis: Arc<Analysis>,
    pub encoding: Encoding,
    pub kb: Arc<KnowledgeBase>,
    pub config: Arc<Config>,
    pub support: Arc<ClientSupport>,
}

impl Snapshot {
    pub fn index(&self) -> LineIndex<'_> {
        LineIndex::new(&self.rope)
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index().position(offset, self.encoding);
        lsp::Position {
            line: p.line,
            character: p.character,
        }
    }

    pub fn range(&self, range: &ByteRange) -> lsp::Range {
        lsp::Range {
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    /// The byte offset of a protocol position, or `None` when it is past the
    /// end of the document.
    pub fn offset(&self, position: lsp::Position) -> Option<usize> {
        self.index()
            .offset(
                Position {
                    line: position.line,
                    character: position.character,
                },
                self.encoding,
            )
            .ok()
    }

    /// Byte range of a protocol range, or `None` when either end is out of range.
    pub fn byte_range(&self, range: lsp::Range) -> Option<ByteRange> {
        let s = self.offset(range.start)?;
        let e = self.offset(range.end)?;
        Some(s.min(e)..s.max(e))
    }

    pub fn location(&self, range: &ByteRange) -> lsp::Location {
        lsp::Location {
            uri: self.uri.clone(),
            range: self.range(range),
        }
    }
}
