//! Position conversions in all three encodings: offsets from positions are
//! character boundaries inside the text, and every character boundary
//! round-trips through its position.
#![no_main]
use arbitrary::Arbitrary;
use copydesk::text::{Encoding, LineIndex, Position};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    text: &'a str,
    probes: Vec<(u16, u16, u8)>,
}

fuzz_target!(|input: Input| {
    let rope = ropey::Rope::from_str(input.text);
    let index = LineIndex::new(&rope);
    let text = input.text;
    for (line, character, enc) in input.probes.iter().take(64) {
        let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][*enc as usize % 3];
        let pos = Position { line: *line as u32, character: *character as u32 };
        if let Ok(off) = index.offset(pos, enc) {
            assert!(off <= text.len() && text.is_char_boundary(off));
        }
    }
    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        for (off, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))).take(512) {
            // The \n of a \r\n is inside a line break: it maps to the line end.
            if off > 0 && text.as_bytes()[off - 1] == b'\r' && text.as_bytes().get(off) == Some(&b'\n') {
                continue;
            }
            let p = index.position(off, enc);
            assert_eq!(index.offset(p, enc), Ok(off), "{enc:?} {off} {p:?}");
        }
    }
});
