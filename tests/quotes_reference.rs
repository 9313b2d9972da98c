//! Golden test: the reference article (tests/fixtures/reference/) must yield
//! every quote, speaker, term and quote-mark diagnostic its expected file
//! lists, and nothing else from the quote rules (issue 3).

use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup, QuoteKind, Via};

const TEXT: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

/// The rules this test speaks for.
const QUOTE_RULES: &[&str] = &[
    "unattributed-quote",
    "context-attributed-quote",
    "unbalanced-quote-mark",
    "misdirected-quote-mark",
    "quote-mark-spacing",
];

fn analysis() -> Analysis {
    analyze(
        TEXT,
        Markup::PlainText,
        KnowledgeBase::builtin(),
        &Config::default(),
    )
}

fn para(a: &Analysis, offset: usize) -> usize {
    a.paragraph_at(offset).expect("offset in a paragraph").index + 1
}

#[test]
fn every_quote_with_its_speaker() {
    let a = analysis();
    // (¶, opens with, mention, resolved name, via)
    let expected: &[(usize, &str, &str, &str, Via)] = &[
        (
            3,
            "protect everyone on the ground.",
            "the Iraqi interim prime minister",
            "the Iraqi interim prime minister",
            Via::Verb,
        ),
        (
            8,
            "Iran is currently the most influential",
            "Fawaz Gerges",
            "Fawaz Gerges",
            Via::Verb,
        ),
        (
            8,
            "This power will only grow",
            "Fawaz Gerges",
            "Fawaz Gerges",
            Via::Paragraph,
        ),
        (
            10,
            "If the United States leaves,",
            "Gerges",
            "Fawaz Gerges",
            Via::Verb,
        ),
        (
            16,
            "Because of the institutional",
            "Jack Watling",
            "Jack Watling",
            Via::Verb,
        ),
        (
            24,
            "because I want to take a look at Iran",
            "Trump",
            "Donald Trump",
            Via::Verb,
        ),
        (
            26,
            "If the United States has declared",
            "he",
            "Jack Watling",
            Via::Pronoun,
        ),
        (
            28,
            "We have seen a largely unified attempt",
            "he",
            "Jack Watling",
            Via::Pronoun,
        ),
        // The article misspells him; the knowledge base resolves the name.
        (
            35,
            "The Iraqis want to get rid of both.",
            "Hitermann",
            "Joost Hiltermann",
            Via::Verb,
        ),
    ];
    let quotes: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Quote)
        .collect();
    assert_eq!(
        quotes.len(),
        expected.len() + 1,
        "nine attributed quotes and ¶36: {quotes:#?}"
    );
    for (q, (p, opens, mention, name, via)) in quotes.iter().zip(expected) {
        assert_eq!(q.paragraph + 1, *p, "{q:?}");
        assert!(
            q.text.starts_with(opens),
            "¶{p}: {:?} should open with {opens:?}",
            q.text
        );
        let s = q
            .speaker
            .as_ref()
            .unwrap_or_else(|| panic!("¶{p} has a speaker"));
        assert_eq!(
            (s.mention.as_str(), s.name.as_str(), s.via),
            (*mention, *name, *via),
            "¶{p}"
        );
        assert_eq!(
            &TEXT[s.mention_range.clone()],
            s.mention,
            "¶{p}: mention range"
        );
        assert!(!q.block);
    }
    let last = quotes.last().unwrap();
    assert_eq!(last.paragraph + 1, 36);
    assert!(last
        .text
        .starts_with("The Shia Iraqis may be vaguely aligned"));
    assert_eq!(last.speaker, None);
}

#[test]
fn quote_spans_include_their_marks() {
    let a = analysis();
    for q in &a.quotes {
        let span = &TEXT[q.range.clone()];
        assert!(span.starts_with('“'), "{span}");
        assert!(span.ends_with(['”', '“']), "{span}");
    }
}

#[test]
fn the_two_terms() {
    let a = analysis();
    let terms: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Term)
        .map(|q| (q.paragraph + 1, q.text.as_str(), q.speaker.is_none()))
        .collect();
    assert_eq!(
        terms,
        vec![
            (27, "maximum pressure", true),
            (33, "confessionalism,", true)
        ]
    );
}

#[test]
fn the_quote_rule_diagnostics_and_nothing_else() {
    let a = analysis();
    let got: Vec<(&str, usize, String)> = a
        .diagnostics
        .iter()
        .filter(|d| QUOTE_RULES.contains(&d.code))
        .map(|d| {
            // The covered text with a little context either side.
            let mut s = d.range.start.saturating_sub(12);
            while !TEXT.is_char_boundary(s) {
                s -= 1;
            }
            let mut e = (d.range.end + 5).min(TEXT.len());
            while !TEXT.is_char_boundary(e) {
                e += 1;
            }
            let around = if d.code == "unattributed-quote" {
                TEXT[d.range.clone()].chars().take(20).collect()
            } else {
                TEXT[s..e].to_string()
            };
            (d.code, para(&a, d.range.start), around)
        })
        .collect();
    let expected: Vec<(&str, usize, String)> = vec![
        ("unbalanced-quote-mark", 3, " Iraqi soil “, alt".into()),
        ("quote-mark-spacing", 10, " and go home “said ".into()),
        ("misdirected-quote-mark", 10, "and go home “said ".into()),
        ("unbalanced-quote-mark", 11, "ited States ‘long ".into()),
        ("unbalanced-quote-mark", 15, "the Center. ” stra".into()),
        ("quote-mark-spacing", 16, "more openly, ”said ".into()),
        ("quote-mark-spacing", 26, " the region, “he sa".into()),
        ("misdirected-quote-mark", 26, "the region, “he sa".into()),
        ("quote-mark-spacing", 35, "eir country, “said ".into()),
        ("misdirected-quote-mark", 35, "ir country, “said ".into()),
        ("unattributed-quote", 36, "“The Shia Iraqis may".into()),
        ("misdirected-quote-mark", 36, "raqis want. “".into()),
    ];
    assert_eq!(got, expected);
}

#[test]
fn diagnostic_details() {
    let a = analysis();
    let un = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unattributed-quote")
        .unwrap();
    assert_eq!(
        un.message,
        "This quote has no source in its paragraph. Nearest earlier speaker: Hitermann (¶35)."
    );
    assert_eq!(un.related.len(), 1);
    assert_eq!(&TEXT[un.related[0].range.clone()], "Hitermann");
    assert_eq!(para(&a, un.related[0].range.start), 35);
    let fix = &un.fixes[0];
    assert_eq!(fix.edits.len(), 1);
    assert!(fix.edits[0].new_text.contains("Hitermann said."), "{fix:?}");

    // The single-mark one is reported as single.
    let single = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unbalanced-quote-mark" && &TEXT[d.range.clone()] == "‘")
        .unwrap();
    assert!(
        single.message.contains("single quote mark"),
        "{}",
        single.message
    );

    // Every misdirected mark's fix turns “ into ”.
    for d in a
        .diagnostics
        .iter()
        .filter(|d| d.code == "misdirected-quote-mark")
    {
        assert_eq!(&TEXT[d.range.clone()], "“");
        assert_eq!(d.fixes[0].edits[0].new_text, "”");
    }
    // The spacing fix moves the space after the mark.
    let sp = a
        .diagnostics
        .iter()
        .find(|d| d.code == "quote-mark-spacing" && para(&a, d.range.start) == 16)
        .unwrap();
    assert_eq!(&TEXT[sp.range.clone()], " ”");
    assert_eq!(sp.fixes[0].edits[0].new_text, "” ");
}

#[test]
fn nothing_on_the_apostrophes() {
    let a = analysis();
    for word in [
        "America’s",
        "it’s",
        "PMU’s",
        "States’",
        "Trump’s",
        "Iran’s",
        "Baghdad’s",
        "didn’t",
        "people’s",
        "don’t",
    ] {
        let mut found = 0;
        for (at, _) in TEXT.match_indices(word) {
            found += 1;
            let apostrophe = at + word.find('’').unwrap();
            assert!(
                !a.marks.marks.iter().any(|m| m.range.start == apostrophe),
                "{word} at {at} taken for a quote mark"
            );
            assert!(
                !a.diagnostics.iter().any(|d| QUOTE_RULES.contains(&d.code)
                    && d.code != "unattributed-quote"
                    && d.range.start <= apostrophe
                    && apostrophe < d.range.end),
                "{word} at {at} reported"
            );
        }
        assert!(found > 0, "{word} is in the article");
    }
}
