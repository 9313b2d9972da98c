//! Edit sequences: a document edited through positions and the rope equals
//! the same edits applied to a String, in every encoding; an edit that is
//! refused leaves the document as it was; and after every edit the
//! incremental analysis (`copydesk::incremental::Analyzer`, kept across the
//! edits as the server keeps it) equals the analysis from scratch.
#![no_main]
use arbitrary::Arbitrary;
use copydesk::text::document::PositionEdit;
use copydesk::text::{Document, Encoding, LineIndex};
use std::sync::{Arc, OnceLock};

use copydesk::incremental::Analyzer;
use copydesk::{analyze, Config, KnowledgeBase, Markup};
use libfuzzer_sys::fuzz_target;

/// A small base with names, acronyms, possessive-prone and hyphenated
/// aliases, so chunked matching has something to find.
fn kb() -> &'static Arc<KnowledgeBase> {
    static KB: OnceLock<Arc<KnowledgeBase>> = OnceLock::new();
    KB.get_or_init(|| {
        let toml = r#"
[[actor]]
kind = "person"
name = "Fawaz Gerges"
surname = "Gerges"
description = "Scholar."
[[actor]]
kind = "person"
name = "Jack Watling"
surname = "Watling"
surname_alone = true
description = "Analyst."
[[actor]]
kind = "country"
name = "Iran"
aliases = ["Iranian", "Tehran"]
description = "Country."
[[actor]]
kind = "group"
name = "Islamic State"
aliases = ["IS", "ISIS"]
description = "Group."
[[actor]]
kind = "group"
name = "al-Qaeda"
description = "Group."
[[actor]]
kind = "country"
name = "United States"
aliases = ["U.S.", "US", "America"]
description = "Country."
"#;
        let actors = copydesk::kb::parse("fuzz.toml", toml).expect("fuzz knowledge base");
        Arc::new(KnowledgeBase::from_actors(actors))
    })
}

#[derive(Arbitrary, Debug)]
struct Input {
    start: String,
    markdown: bool,
    enc: u8,
    edits: Vec<(u16, u16, String)>,
}

fuzz_target!(|input: Input| {
    let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][input.enc as usize % 3];
    let markup = if input.markdown {
        Markup::Markdown
    } else {
        Markup::PlainText
    };
    let mut model = input.start.clone();
    let mut doc = Document::new(&model, 0, markup);
    let config = Arc::new(Config::default());
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&model, markup, kb(), &config);
    for (a, b, insert) in input.edits.iter().take(32) {
        // Pick two char boundaries of the model, convert to positions.
        let bounds: Vec<usize> = model
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(model.len()))
            .collect();
        let s = bounds[*a as usize % bounds.len()];
        let e = bounds[*b as usize % bounds.len()];
        let (s, e) = (s.min(e), s.max(e));
        let (ps, pe) = {
            let index = LineIndex::new(&doc.rope);
            (index.position(s, enc), index.position(e, enc))
        };
        // Offsets inside a \r\n do not have positions of their own: skip them.
        let index = LineIndex::new(&doc.rope);
        if index.offset(ps, enc) != Ok(s) || index.offset(pe, enc) != Ok(e) {
            continue;
        }
        doc.apply(
            &[PositionEdit {
                range: Some((ps, pe)),
                text: insert.clone(),
            }],
            enc,
        )
        .unwrap();
        model.replace_range(s..e, insert);
        assert_eq!(doc.text(), model);
        let incremental = analyzer.analyze(&model, markup, kb(), &config);
        let scratch = analyze(&model, markup, kb(), &config);
        assert_eq!(
            serde_json::to_value(&incremental).unwrap(),
            serde_json::to_value(&scratch).unwrap(),
            "incremental analysis differs from the analysis from scratch"
        );
    }
});
