//! Golden test of the actors stage on the reference article: every actor of
//! the expected file, hover text, the case rules, the name rules, speakers.

use copydesk::actors::{hover_markdown, mention_at};
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};

const TEXT: &str = include_str!("fixtures/reference/iran-iraq-influence.txt");

fn analysis() -> Analysis {
    analyze(
        TEXT,
        Markup::PlainText,
        KnowledgeBase::builtin(),
        &Config::default(),
    )
}

/// Byte offset of the `n`-th (0-based) whole-word occurrence of `word` in paragraph `para` (1-based).
fn offset_in(a: &Analysis, para: usize, word: &str, n: usize) -> usize {
    let p = &a.paragraphs[para - 1].range;
    let s = &TEXT[p.clone()];
    s.match_indices(word)
        .filter(|(i, _)| {
            let before = s[..*i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = s[i + word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
        .nth(n)
        .map(|(i, _)| p.start + i)
        .unwrap_or_else(|| panic!("no {word} #{n} in ¶{para}"))
}

fn actor_at(a: &Analysis, para: usize, word: &str) -> String {
    let at = offset_in(a, para, word, 0);
    let m =
        mention_at(&a.actors, at).unwrap_or_else(|| panic!("{word} in ¶{para} is not a mention"));
    a.actors.actors[m.actor].name.clone()
}

#[test]
fn every_expected_actor_is_found() {
    let a = analysis();
    let names: Vec<&str> = a.actors.actors.iter().map(|x| x.name.as_str()).collect();
    for expected in [
        "Donald Trump",
        "Qasem Soleimani",
        "Fawaz Gerges",
        "Mike Pompeo",
        "Saddam Hussein",
        "Jack Watling",
        "Joost Hiltermann",
        "Ali Khamenei",
        "Islamic State",
        "Badr Organization",
        "Popular Mobilization Units",
        "Fatah Alliance",
        "London School of Economics and Political Science",
        "Royal United Services Institute",
        "International Crisis Group",
        "CBS News",
        "Council of Representatives of Iraq",
        "Iran",
        "Iraq",
        "United States",
        "China",
        "Mosul",
        "Middle East",
        "London",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    // FIXME: the article names the Center for Strategic and International
    // Studies only as "the Center. ” strategic and international studies",
    // which no alias can match without matching every "the Center".
    assert!(!names.contains(&"Center for Strategic and International Studies"));
}

#[test]
fn short_forms_name_their_actor() {
    let a = analysis();
    for (para, word, name) in [
        (1, "Trump", "Donald Trump"),
        (7, "Soleimani", "Qasem Soleimani"),
        (9, "Gerges", "Fawaz Gerges"),
        (23, "Pompeo", "Mike Pompeo"),
        (16, "Saddam", "Saddam Hussein"),
        (18, "Watling", "Jack Watling"),
        (3, "ISIS", "Islamic State"),
        (4, "IS", "Islamic State"),
        (23, "Daesh", "Islamic State"),
        (17, "PMUs", "Popular Mobilization Units"),
        (19, "PMU", "Popular Mobilization Units"),
        (19, "Fatah", "Fatah Alliance"),
        (2, "Iranian", "Iran"),
        (2, "Tehran", "Iran"),
        (3, "Iraqi", "Iraq"),
        (2, "Iraqi parliament", "Council of Representatives of Iraq"),
        (2, "Baghdad", "Iraq"),
        (3, "US", "United States"),
        (3, "American", "United States"),
        (5, "Washington", "United States"),
        (7, "Iraqi parliament", "Council of Representatives of Iraq"),
    ] {
        assert_eq!(actor_at(&a, para, word), name, "{word} in ¶{para}");
    }
}

#[test]
fn is_in_running_text_is_not_the_islamic_state() {
    let a = analysis();
    let mut checked = 0;
    for (i, _) in TEXT.match_indices(" is ") {
        assert!(
            mention_at(&a.actors, i + 1).is_none(),
            "\"is\" at byte {} is a mention",
            i + 1
        );
        checked += 1;
    }
    assert!(checked > 5);
    let is4 = offset_in(&a, 4, "IS", 0);
    let (_, hover) = hover_markdown(&a, TEXT, is4).unwrap();
    assert!(hover.starts_with("**Islamic State** · group"), "{hover}");
}

#[test]
fn hover_on_gerges_in_paragraph_10() {
    let a = analysis();
    let at = offset_in(&a, 10, "Gerges", 0);
    let (range, hover) = hover_markdown(&a, TEXT, at).unwrap();
    assert_eq!(&TEXT[range], "Gerges");
    assert!(hover.contains("**Fawaz Gerges** · person"), "{hover}");
    assert!(
        hover.contains("Introduced in ¶8: professor of international relations at the London School of Economics and Political Science"),
        "{hover}"
    );
    assert!(hover.contains("mentions"), "{hover}");
}

#[test]
fn name_rules_report_the_two_misspellings_and_nothing_else() {
    let a = analysis();
    let mine: Vec<(&str, &str, String)> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "name-misspelling" || d.code == "inconsistent-name")
        .map(|d| {
            (
                d.code,
                &TEXT[d.range.clone()],
                d.fixes[0].edits[0].new_text.clone(),
            )
        })
        .collect();
    assert_eq!(
        mine,
        vec![
            (
                "name-misspelling",
                "Qasm Soleimani",
                "Qasem Soleimani".to_string()
            ),
            (
                "name-misspelling",
                "Joost Hitermann",
                "Joost Hiltermann".to_string()
            ),
            ("name-misspelling", "Hitermann", "Hiltermann".to_string()),
        ]
    );
    let para = |d: &copydesk::Diagnostic| a.paragraph_at(d.range.start).unwrap().index + 1;
    let paras: Vec<usize> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "name-misspelling")
        .map(para)
        .collect();
    assert_eq!(paras, vec![2, 34, 35]);
}

#[test]
fn speakers_link_to_their_actors() {
    let a = analysis();
    let speaker_of = |mention: &str| {
        a.quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .find(|s| s.mention == mention)
            .map(|s| (s.name.clone(), s.actor.clone()))
    };
    assert_eq!(
        speaker_of("Gerges"),
        Some(("Fawaz Gerges".into(), Some("person/fawaz-gerges".into())))
    );
    assert_eq!(
        speaker_of("Hitermann"),
        Some((
            "Joost Hiltermann".into(),
            Some("person/joost-hiltermann".into())
        ))
    );
    assert_eq!(
        speaker_of("Jack Watling"),
        Some(("Jack Watling".into(), Some("person/jack-watling".into())))
    );
}

#[test]
fn hover_lists_the_quotes_attributed() {
    let a = analysis();
    let at = offset_in(&a, 35, "Hitermann", 0);
    let (_, hover) = hover_markdown(&a, TEXT, at).unwrap();
    assert!(hover.contains("**Joost Hiltermann** · person"), "{hover}");
    assert!(hover.contains("Introduced in ¶34: who heads the International Crisis Group’s Middle East and North Africa program"), "{hover}");
    assert!(
        hover.contains("¶35 “The Iraqis want to get rid of both."),
        "{hover}"
    );
}

#[test]
fn hover_lists_the_first_ten_quotes_and_counts_the_rest() {
    let text = "Jane Roe, a spokeswoman for the council, spoke first.\n\n".to_string()
        + &"“We will see it through,” said Roe.\n\n".repeat(25);
    let a = analyze(
        &text,
        Markup::PlainText,
        KnowledgeBase::builtin(),
        &Config::default(),
    );
    let at = text.find("Roe").unwrap();
    let (_, hover) = hover_markdown(&a, &text, at).unwrap();
    assert!(hover.contains("Quoted 25 times:"), "{hover}");
    assert_eq!(
        hover.matches("“We will see it through,”").count(),
        10,
        "{hover}"
    );
    assert!(hover.contains("¶2 “We will"), "{hover}");
    assert!(hover.contains("¶11 “We will"), "{hover}");
    assert!(!hover.contains("¶12 “We will"), "{hover}");
    assert!(hover.contains("and 15 more"), "{hover}");
}
