//! Property tests (issue 2): random edit sequences applied through the
//! position module ([`LineIndex`]) and the rope ([`Document`]) give the same
//! text as the same edits applied to a `String`, in UTF-8, UTF-16 and
//! UTF-32. Positions are computed from the `String` by a naive model written
//! here, independently of `copydesk::text::position`.

use copydesk::text::document::PositionEdit;
use copydesk::text::{Document, Encoding, LineIndex, Position};
use copydesk::Markup;
use proptest::prelude::*;

/// Pieces texts are built from: line breaks of all three kinds, characters
/// of one to four UTF-8 bytes and one or two UTF-16 units, quote marks,
/// combining and joining characters.
const ATOMS: &[&str] = &[
    "a",
    "Iran",
    " ",
    "said",
    ".",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "ع",
    "علي",
    "“",
    "”",
    "’",
    "😀",
    "🇮🇷",
    "👩\u{200d}👧",
    "\t",
    "\u{2028}",
];

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ATOMS), 0..40).prop_map(|v| v.concat())
}

/// An edit as seeds: where it starts, how far it reaches, what it inserts.
fn edit() -> impl Strategy<Value = (usize, usize, String)> {
    (
        any::<usize>(),
        0usize..24,
        prop::collection::vec(prop::sample::select(ATOMS), 0..4).prop_map(|v| v.concat()),
    )
}

fn units(c: char, encoding: Encoding) -> u32 {
    match encoding {
        Encoding::Utf8 => c.len_utf8() as u32,
        Encoding::Utf16 => c.len_utf16() as u32,
        Encoding::Utf32 => 1,
    }
}

/// The position of byte `offset`: lines end at `\n`, `\r\n` or `\r`.
fn model_position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut p = Position::default();
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                p.line += 1;
                p.character = 0;
            }
            c => p.character += units(c, encoding),
        }
    }
    p
}

/// Whether an edit may start or end at `offset`: a character boundary not
/// between the `\r` and `\n` of one line break.
fn is_edit_boundary(text: &str, offset: usize) -> bool {
    text.is_char_boundary(offset)
        && !(offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n'))
}

fn snap(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !is_edit_boundary(text, offset) {
        offset -= 1;
    }
    offset
}

/// Turn seeds into a byte range of `text` and the edit in `encoding`.
fn concrete(
    text: &str,
    (start, reach, insert): &(usize, usize, String),
    encoding: Encoding,
) -> (std::ops::Range<usize>, PositionEdit) {
    let s = snap(text, start % (text.len() + 1));
    let e = snap(text, s + reach).max(s);
    let range = Some((
        model_position(text, s, encoding),
        model_position(text, e, encoding),
    ));
    (
        s..e,
        PositionEdit {
            range,
            text: insert.clone(),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// One edit at a time: the rope equals the String after every step.
    #[test]
    fn edit_sequences_match_a_string(initial in text(), edits in prop::collection::vec(edit(), 1..24), enc in 0usize..3) {
        let encoding = ENCODINGS[enc];
        let mut model = initial.clone();
        let mut doc = Document::new(&initial, 1, Markup::PlainText);
        for seeds in &edits {
            let (range, edit) = concrete(&model, seeds, encoding);
            doc.apply(std::slice::from_ref(&edit), encoding).map_err(|e| TestCaseError::fail(format!("{edit:?} refused: {e}")))?;
            model.replace_range(range, &edit.text);
            prop_assert_eq!(doc.text(), model.clone(), "{:?} after {:?}", encoding, edit);
        }
    }

    /// The same edits as one batch (each against the text the previous one
    /// left, as in a didChange with several content changes).
    #[test]
    fn edit_batches_match_a_string(initial in text(), edits in prop::collection::vec(edit(), 1..12), enc in 0usize..3) {
        let encoding = ENCODINGS[enc];
        let mut model = initial.clone();
        let mut batch = Vec::new();
        for seeds in &edits {
            let (range, edit) = concrete(&model, seeds, encoding);
            model.replace_range(range, &edit.text);
            batch.push(edit);
        }
        let mut doc = Document::new(&initial, 1, Markup::PlainText);
        doc.apply(&batch, encoding).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(doc.text(), model);
    }

    /// Every edit boundary converts to the model's position and back, in
    /// every encoding.
    #[test]
    fn positions_round_trip(s in text()) {
        let rope = ropey::Rope::from_str(&s);
        let index = LineIndex::new(&rope);
        for offset in (0..=s.len()).filter(|&o| is_edit_boundary(&s, o)) {
            for encoding in ENCODINGS {
                let expected = model_position(&s, offset, encoding);
                prop_assert_eq!(index.position(offset, encoding), expected, "{:?} at {}", encoding, offset);
                prop_assert_eq!(index.offset(expected, encoding), Ok(offset), "{:?} at {:?}", encoding, expected);
            }
        }
    }

    /// A batch with one edit on a line past the end (the line just after
    /// the last, at character 0, is the end of the text) is refused whole and
    /// leaves the document as it was.
    #[test]
    fn out_of_range_batches_change_nothing(initial in text(), seeds in edit(), extra in 2u32..6, enc in 0usize..3) {
        let encoding = ENCODINGS[enc];
        let (range, good) = concrete(&initial, &seeds, encoding);
        let mut after_good = initial.clone();
        after_good.replace_range(range, &good.text);
        let lines = model_position(&after_good, after_good.len(), encoding).line;
        let far = Position { line: lines + extra, character: 0 };
        let bad = PositionEdit { range: Some((far, far)), text: "x".into() };
        let mut doc = Document::new(&initial, 1, Markup::PlainText);
        prop_assert!(doc.apply(&[good, bad], encoding).is_err());
        prop_assert_eq!(doc.text(), initial);
    }
}
