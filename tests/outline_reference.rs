//! Golden test of the outline on the reference article (issue 5): exactly
//! the three sections of iran-iraq-influence.expected.md, with their byte
//! ranges, and the quotes under each.

use copydesk::outline::{quote_label, sources, HeadingSource};
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};

const TEXT: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

/// The analysis with the built-in knowledge base, as the product runs it.
fn analysis() -> Analysis {
    analyze(
        TEXT,
        Markup::PlainText,
        KnowledgeBase::builtin(),
        &Config::default(),
    )
}

fn labels(a: &Analysis, quotes: &[usize]) -> Vec<String> {
    quotes
        .iter()
        .map(|&i| quote_label(&a.quotes[i], &a.actors))
        .collect()
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

#[test]
fn the_quotes_under_each_section_and_their_sources() {
    let a = analysis();
    let s = &a.outline.sections;
    // ¶16 (Watling); ¶24 (Trump), ¶26 and ¶28 (he → Watling); ¶35
    // (Hitermann → Joost Hiltermann) and ¶36 (no source). Terms such as
    // “maximum pressure” (¶27) and “confessionalism,” (¶33) are not listed.
    assert_eq!(labels(&a, &s[0].quotes), ["Watling: “Because of the…”"]);
    assert_eq!(
        labels(&a, &s[1].quotes),
        [
            "Trump: “because I want…”",
            "Watling: “If the United…”",
            "Watling: “We have seen…”"
        ]
    );
    assert_eq!(
        labels(&a, &s[2].quotes),
        [
            "Hiltermann: “The Iraqis want…”",
            "(no source): “The Shia Iraqis…”"
        ]
    );
    let of = |i: usize| -> (Vec<String>, usize) {
        let quotes: Vec<&copydesk::Quote> =
            s[i].all_quotes().iter().map(|&q| &a.quotes[q]).collect();
        sources(&quotes, &a.actors)
    };
    assert_eq!(of(0), (vec!["Watling".to_string()], 0));
    assert_eq!(of(1), (vec!["Trump".to_string(), "Watling".to_string()], 0));
    assert_eq!(of(2), (vec!["Hiltermann".to_string()], 1));
    // ¶3 (the interim prime minister), ¶8 twice and ¶10 (Gerges) are in the lead.
    let lead = a.outline.lead.as_ref().unwrap();
    assert_eq!(
        labels(&a, &lead.quotes),
        [
            "the Iraqi interim prime minister: “protect everyone on…”",
            "Gerges: “Iran is currently…”",
            "Gerges: “This power will…”",
            "Gerges: “If the United…”",
        ]
    );
}
