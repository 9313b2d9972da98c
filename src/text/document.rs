//! An open document: a rope, its version and its markup. Edits arrive as
//! (range in positions, new text) and go through [`LineIndex`], so the rope
//! always equals what the editor shows.

use ropey::Rope;

use super::position::{Encoding, LineIndex, Position, PositionError};
use crate::markup::Markup;

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub markup: Markup,
}

/// An edit in editor positions; `range: None` replaces the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionEdit {
    pub range: Option<(Position, Position)>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    Position(PositionError),
    /// The range's end comes before its start.
    Reversed {
        start: usize,
        end: usize,
    },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Position(e) => e.fmt(f),
            EditError::Reversed { start, end } => write!(
                f,
                "the edit's end (byte {end}) comes before its start (byte {start})"
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl Document {
    pub fn new(text: &str, version: i32, markup: Markup) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            markup,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn index(&self) -> LineIndex<'_> {
        LineIndex::new(&self.rope)
    }

    /// Apply a batch of edits in order. All-or-nothing: when one edit is
    /// invalid, the document is left exactly as it was.
    pub fn apply(&mut self, edits: &[PositionEdit], encoding: Encoding) -> Result<(), EditError> {
        let mut rope = self.rope.clone();
        for edit in edits {
            apply_one(&mut rope, edit, encoding)?;
        }
        self.rope = rope;
        Ok(())
    }
}

fn apply_one(rope: &mut Rope, edit: &PositionEdit, encoding: Encoding) -> Result<(), EditError> {
    let Some((start, end)) = edit.range else {
        *rope = Rope::from_str(&edit.text);
        return Ok(());
    };
    let index = LineIndex::new(rope);
    let s = index.offset(start, encoding).map_err(EditError::Position)?;
    let e = index.offset(end, encoding).map_err(EditError::Position)?;
    if e < s {
        return Err(EditError::Reversed { start: s, end: e });
    }
    let cs = rope.byte_to_char(s);
    let ce = rope.byte_to_char(e);
    rope.remove(cs..ce);
    rope.insert(cs, &edit.text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn edits_apply_in_order_and_fail_atomically() {
        let mut doc = Document::new("Iran’s 😀\nline two", 1, Markup::PlainText);
        let edits = [
            PositionEdit {
                range: Some((pos(0, 7), pos(0, 9))),
                text: "🎉!".into(),
            },
            PositionEdit {
                range: Some((pos(1, 0), pos(1, 5))),
                text: "".into(),
            },
        ];
        doc.apply(&edits, Encoding::Utf16).unwrap();
        assert_eq!(doc.text(), "Iran’s 🎉!\ntwo");
        let bad = [
            PositionEdit {
                range: Some((pos(0, 0), pos(0, 1))),
                text: "X".into(),
            },
            PositionEdit {
                range: Some((pos(9, 0), pos(9, 1))),
                text: "Y".into(),
            },
        ];
        assert!(doc.apply(&bad, Encoding::Utf16).is_err());
        assert_eq!(doc.text(), "Iran’s 🎉!\ntwo");
    }
}
