//! Golden test of the outline on the reference article (issue 5): exactly
//! the three sections of iran-iraq-influence.expected.md, with their byte
//! ranges, and the quotes under each.

use copydesk::outline::HeadingSource;
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};

const TEXT: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

fn analysis() -> Analysis {
    analyze(
        TEXT,
        Markup::PlainText,
        KnowledgeBase::empty(),
        &Config::default(),
    )
}

/// Byte range of paragraphs ¶first..=¶last (numbered from 1), found
/// independently of the outline by splitting on blank lines.
fn paragraphs(first: usize, last: usize) -> std::ops::Range<usize> {
    let mut starts = vec![0];
    let mut at = 0;
    while let Some(i) = TEXT[at..].find("\n\n") {
        starts.push(at + i + 2);
        at += i + 2;
    }
    assert_eq!(starts.len(), 36, "the reference article has 36 paragraphs");
    let end = if last == 36 {
        TEXT.len()
    } else {
        starts[last] - 2
    };
    starts[first - 1]..end
}

#[test]
fn exactly_the_three_sections_of_the_expected_file() {
    let a = analysis();
    let got: Vec<(&str, u8, std::ops::Range<usize>, std::ops::Range<usize>)> = a
        .outline
        .sections
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.level,
                s.heading.clone(),
                s.range.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("How Iran Seized Iraq", 2, 3306..3326, 3306..5555),
            ("Trump sends mixed messages", 2, 5557..5583, 5557..7163),
            ("Win hearts and minds", 2, 7165..7185, 7165..8791),
        ]
    );
    // The same ranges, derived from the paragraphs: ¶13–¶20, ¶21–¶28, ¶29–end.
    assert_eq!(a.outline.sections[0].range, paragraphs(13, 20));
    assert_eq!(a.outline.sections[1].range, paragraphs(21, 28));
    assert_eq!(a.outline.sections[2].range, paragraphs(29, 36));
    assert_eq!(a.outline.sections[0].heading, paragraphs(13, 13));
    for s in &a.outline.sections {
        assert!(s.children.is_empty(), "{}: no subsections", s.title);
        assert_eq!(s.source, HeadingSource::PlainText);
    }
    assert_eq!(
        a.outline
            .sections
            .iter()
            .map(|s| s.paragraph)
            .collect::<Vec<_>>(),
        [Some(12), Some(20), Some(28)]
    );
}

#[test]
fn the_top_of_the_story_is_the_lead_not_a_section() {
    let a = analysis();
    let lead = a.outline.lead.as_ref().expect("¶1–¶12 are the lead");
    assert_eq!(lead.range, paragraphs(1, 12));
}

#[test]
fn quotes_fall_under_the_section_they_open_in() {
    let a = analysis();
    for s in &a.outline.sections {
        for &i in &s.quotes {
            assert!(
                s.range.contains(&a.quotes[i].range.start),
                "{}: quote {i}",
                s.title
            );
        }
    }
    let listed: usize = a
        .outline
        .sections
        .iter()
        .map(|s| s.quotes.len())
        .sum::<usize>()
        + a.outline.lead.as_ref().map_or(0, |l| l.quotes.len());
    let real = a
        .quotes
        .iter()
        .filter(|q| q.kind == copydesk::QuoteKind::Quote)
        .count();
    assert_eq!(listed, real, "every quote is in the lead or in one section");
}
