//! Shared checks for the analysis fuzz targets.

use copydesk::{analyze, Config, KnowledgeBase, Markup};

fn on_boundary(text: &str, r: &std::ops::Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

pub fn check(text: &str, markup: Markup) {
    let a = analyze(text, markup, KnowledgeBase::empty(), &Config::default());
    for p in &a.paragraphs {
        assert!(on_boundary(text, &p.range), "paragraph {:?}", p.range);
    }
    for s in &a.sentences {
        assert!(on_boundary(text, &s.range), "sentence {:?}", s.range);
    }
    for q in &a.quotes {
        assert!(on_boundary(text, &q.range), "quote {:?}", q.range);
        if let Some(sp) = &q.speaker {
            assert!(
                on_boundary(text, &sp.mention_range),
                "speaker {:?}",
                sp.mention_range
            );
        }
    }
    for d in &a.diagnostics {
        assert!(
            on_boundary(text, &d.range),
            "diagnostic {} {:?}",
            d.code,
            d.range
        );
        for r in &d.related {
            assert!(on_boundary(text, &r.range), "related {:?}", r.range);
        }
        for f in &d.fixes {
            for e in &f.edits {
                assert!(on_boundary(text, &e.range), "fix {:?}", e.range);
            }
        }
    }
}
