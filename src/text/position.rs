//! Byte offsets to and from editor positions.
//!
//! A [`Position`] is a 0-based line and a character offset counted in the
//! code units of an [`Encoding`] (LSP 3.17 `positionEncoding`): UTF-8 bytes,
//! UTF-16 code units (the protocol's default) or UTF-32 code points. Lines
//! end at `\n`, `\r\n` or `\r`, as the protocol says (ropey is built with
//! `cr_lines` and without `unicode_lines`, so U+2028 is not a line break).
//!
//! Every conversion goes through ropey's line and UTF-16 indices, so its
//! cost is logarithmic in the text's length, never a scan from the start.
//!
//! ```
//! use copydesk::text::{Encoding, LineIndex, Position};
//! let rope = ropey::Rope::from_str("a😀b\nc");
//! let index = LineIndex::new(&rope);
//! let p = index.position(5, Encoding::Utf16); // byte 5 is "b"
//! assert_eq!(p, Position { line: 0, character: 3 });
//! assert_eq!(index.offset(p, Encoding::Utf16), Ok(5));
//! ```

use ropey::Rope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The LSP name: "utf-8", "utf-16" or "utf-32".
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    pub fn from_lsp(name: &str) -> Option<Encoding> {
        match name {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }
}

/// A 0-based line and a character offset in some [`Encoding`]'s code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Why a position could not be turned into an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositionError {
    /// The line is past the last line of the text.
    LineOutOfRange { line: u32, lines: usize },
}

impl std::fmt::Display for PositionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PositionError::LineOutOfRange { line, lines } => {
                write!(
                    f,
                    "line {line} is past the end of the document ({lines} lines)"
                )
            }
        }
    }
}

impl std::error::Error for PositionError {}

/// Converts between byte offsets and positions over a rope.
#[derive(Clone, Copy)]
pub struct LineIndex<'a> {
    rope: &'a Rope,
}

impl<'a> LineIndex<'a> {
    pub fn new(rope: &'a Rope) -> Self {
        LineIndex { rope }
    }

    /// The position of byte `offset` (clamped to the text's length and
    /// rounded down to a character boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let rope = self.rope;
        let offset = offset.min(rope.len_bytes());
        let char_idx = rope.byte_to_char(offset);
        let line = rope.char_to_line(char_idx);
        let line_char = rope.line_to_char(line);
        let character = match encoding {
            Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
            Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
            Encoding::Utf32 => char_idx - line_char,
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of `position`. A character past the end of its line
    /// means the line's end (before its line break), as the protocol says; a
    /// character inside a multi-unit character (half a surrogate pair, the
    /// middle of a UTF-8 sequence) rounds down to the character's start. A
    /// line past the end is an error, except the line just after the last
    /// one, with character 0, which means the end of the text.
    pub fn offset(&self, position: Position, encoding: Encoding) -> Result<usize, PositionError> {
        let rope = self.rope;
        let line = position.line as usize;
        let lines = rope.len_lines();
        if line >= lines {
            if line == lines && position.character == 0 {
                return Ok(rope.len_bytes());
            }
            return Err(PositionError::LineOutOfRange {
                line: position.line,
                lines,
            });
        }
        let line_char = rope.line_to_char(line);
        let line_end_char = line_char + line_len_chars_without_break(rope, line);
        let want = position.character as usize;
        let char_idx = match encoding {
            Encoding::Utf8 => {
                let line_byte = rope.line_to_byte(line);
                let end_byte = rope.char_to_byte(line_end_char);
                let byte = (line_byte + want).min(end_byte);
                // byte_to_char rounds down to the containing character.
                rope.byte_to_char(byte)
            }
            Encoding::Utf16 => {
                let start_cu = rope.char_to_utf16_cu(line_char);
                let end_cu = rope.char_to_utf16_cu(line_end_char);
                let cu = (start_cu + want).min(end_cu);
                // utf16_cu_to_char rounds down inside a surrogate pair.
                rope.utf16_cu_to_char(cu)
            }
            Encoding::Utf32 => (line_char + want).min(line_end_char),
        };
        Ok(rope.char_to_byte(char_idx))
    }

    /// Positions for both ends of a byte range.
    pub fn range(&self, range: std::ops::Range<usize>, encoding: Encoding) -> (Position, Position) {
        (
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }
}

/// Number of characters on `line`, not counting its line break.
fn line_len_chars_without_break(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
        if n > 0 && slice.char(n - 1) == '\r' {
            n -= 1;
        }
    } else if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Iran’s” café\r\nعلي خامنئي said 😀 ok\rlast\n";

    #[test]
    fn every_char_boundary_round_trips_in_every_encoding() {
        let rope = Rope::from_str(TEXT);
        let index = LineIndex::new(&rope);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let p = index.position(offset, enc);
                // Offsets inside a line break map to the line's end, so only
                // check offsets that are not the \n of a \r\n.
                if offset > 0
                    && TEXT.as_bytes()[offset - 1] == b'\r'
                    && TEXT.as_bytes().get(offset) == Some(&b'\n')
                {
                    continue;
                }
                assert_eq!(
                    index.offset(p, enc),
                    Ok(offset),
                    "{enc:?} offset {offset} -> {p:?}"
                );
            }
        }
    }

    #[test]
    fn units_per_encoding() {
        let rope = Rope::from_str("a😀b");
        let index = LineIndex::new(&rope);
        assert_eq!(index.position(5, Encoding::Utf8).character, 5);
        assert_eq!(index.position(5, Encoding::Utf16).character, 3);
        assert_eq!(index.position(5, Encoding::Utf32).character, 2);
    }

    #[test]
    fn lines_break_at_cr_lf_and_crlf_only() {
        let rope = Rope::from_str("a\rb\r\nc\nd\u{2028}e");
        let index = LineIndex::new(&rope);
        assert_eq!(
            index.position(2, Encoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
        assert_eq!(
            index.position(5, Encoding::Utf16),
            Position {
                line: 2,
                character: 0
            }
        );
        assert_eq!(
            index.position(7, Encoding::Utf16),
            Position {
                line: 3,
                character: 0
            }
        );
        assert_eq!(
            index.position(11, Encoding::Utf16),
            Position {
                line: 3,
                character: 2
            }
        );
    }

    #[test]
    fn out_of_range_positions() {
        let rope = Rope::from_str("ab\ncd");
        let index = LineIndex::new(&rope);
        // Past the end of a line: the line's end.
        assert_eq!(
            index.offset(
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            Ok(2)
        );
        // The line after the last, character 0: end of text.
        assert_eq!(
            index.offset(
                Position {
                    line: 2,
                    character: 0
                },
                Encoding::Utf16
            ),
            Ok(5)
        );
        assert!(index
            .offset(
                Position {
                    line: 5,
                    character: 0
                },
                Encoding::Utf16
            )
            .is_err());
        // Inside a surrogate pair rounds down.
        let rope = Rope::from_str("😀x");
        let index = LineIndex::new(&rope);
        assert_eq!(
            index.offset(
                Position {
                    line: 0,
                    character: 1
                },
                Encoding::Utf16
            ),
            Ok(0)
        );
        assert_eq!(
            index.offset(
                Position {
                    line: 0,
                    character: 2
                },
                Encoding::Utf8
            ),
            Ok(0)
        );
    }
}
