//! The quote analysis scored against the hand-annotated fixtures in
//! tests/fixtures/quotes/ (Wikinews articles, CC BY 2.5, and the reference
//! article). The scorer is shared with `cargo run --example score_quotes`.

mod quote_scoring;

use copydesk::{Analysis, Quote, QuoteKind, Speaker, Via};
use quote_scoring::{fixture_paths, fixture_paths_in, load, score, GoldKind, Score};

/// Every fixture in `paths` parses, every gold quotation is found in its
/// article, terms have no speaker and every `via` is a known one. Returns the
/// errors and the number of gold quotations.
fn validate(paths: &[std::path::PathBuf]) -> (Vec<String>, usize) {
    const KNOWN_VIA: [&str; 7] = [
        "verb",
        "according-to",
        "colon",
        "pronoun",
        "role",
        "paragraph",
        "continuation",
    ];
    let mut errors = Vec::new();
    let mut quotes = 0;
    for path in paths {
        match load(path) {
            Ok(loaded) => {
                quotes += loaded.spans.len();
                if loaded.fixture.source.is_empty() || loaded.fixture.license.is_empty() {
                    errors.push(format!("{}: no source or license", loaded.name));
                }
                for (q, span) in loaded.fixture.quotes.iter().zip(&loaded.spans) {
                    if q.kind == GoldKind::Term && q.speaker.is_some() {
                        errors.push(format!("{}: a term has a speaker: {}", loaded.name, q.text));
                    }
                    if let Some(via) = &q.via {
                        if !KNOWN_VIA.contains(&via.as_str()) {
                            errors.push(format!("{}: unknown via {via:?}", loaded.name));
                        }
                    }
                    assert!(span.end <= loaded.text.len());
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (errors, quotes)
}

/// (a) Every fixture parses and every gold quotation is found in its article.
#[test]
fn every_fixture_is_valid() {
    let paths = fixture_paths();
    assert!(
        paths.len() >= 29,
        "expected at least 29 fixtures, found {}",
        paths.len()
    );
    let (errors, quotes) = validate(&paths);
    assert!(errors.is_empty(), "fixture errors:\n{}", errors.join("\n"));
    assert!(quotes > 250, "only {quotes} gold quotations");
}

/// The fresh set in tests/fixtures/quotes-fresh/ (annotated blind from the
/// article text alone; scored blind once, then tuned on) is valid by the
/// same checks.
#[test]
fn every_fresh_fixture_is_valid() {
    assert_valid_set("quotes-fresh", 15, 150);
}

/// Every fixture of `tests/fixtures/<dir>/` is valid, and there are at
/// least `files` of them with `quotations` gold quotations in all.
fn assert_valid_set(dir: &str, files: usize, quotations: usize) {
    let paths = fixture_paths_in(dir);
    assert!(
        paths.len() >= files,
        "expected at least {files} fixtures in {dir}, found {}",
        paths.len()
    );
    let (errors, quotes) = validate(&paths);
    assert!(errors.is_empty(), "fixture errors:\n{}", errors.join("\n"));
    assert!(
        quotes >= quotations,
        "only {quotes} gold quotations in {dir}"
    );
}

/// The second blind set (tests/fixtures/quotes-blind2/): valid like the others.
#[test]
fn every_blind2_fixture_is_valid() {
    assert_valid_set("quotes-blind2", 60, 120);
}

/// The scorer itself: predictions made from the gold spans score perfectly,
/// and an empty analysis finds nothing.
#[test]
fn scorer_scores_gold_as_perfect() {
    for path in fixture_paths() {
        let loaded = load(&path).unwrap();
        let mut analysis = Analysis::default();
        for (q, span) in loaded.fixture.quotes.iter().zip(&loaded.spans) {
            if q.nested {
                continue;
            }
            analysis.quotes.push(Quote {
                range: span.clone(),
                text: q.text.clone(),
                kind: if q.kind == GoldKind::Quote {
                    QuoteKind::Quote
                } else {
                    QuoteKind::Term
                },
                paragraph: 0,
                speaker: q.speaker.as_ref().map(|name| Speaker {
                    mention: name.clone(),
                    mention_range: 0..0,
                    name: name.clone(),
                    actor: None,
                    via: Via::Verb,
                }),
                block: false,
            });
        }
        let s = score(&loaded, &analysis);
        assert_eq!(s.found, s.gold_quotes, "{}", loaded.name);
        assert_eq!(s.exact, s.gold_quotes, "{}", loaded.name);
        assert_eq!(s.predicted_quotes, s.gold_quotes, "{}", loaded.name);
        assert_eq!(s.kind_correct, s.kind_total, "{}", loaded.name);
        assert_eq!(s.speaker_correct, s.speaker_total, "{}", loaded.name);
        let none = score(&loaded, &Analysis::default());
        assert_eq!(none.found, 0);
        assert_eq!(none.misses.len(), none.gold_quotes);
    }
}

/// A multi-paragraph gold quote spans to the end of its last paragraph (the
/// corpus has none, so this is checked on a small text).
#[test]
fn multi_paragraph_gold_quotes_run_to_their_last_paragraph() {
    use quote_scoring::{locate, GoldQuote};
    let text = "Intro.\n\n\"First part of it,\n\n\"second part.\" And more.\n\nNext paragraph.";
    let q = |paragraphs| GoldQuote {
        text: "\"First part of it,".into(),
        kind: GoldKind::Quote,
        speaker: None,
        via: None,
        occurrence: None,
        paragraphs: Some(paragraphs),
        nested: false,
        note: None,
    };
    let span = locate(text, &q(2)).unwrap();
    assert_eq!(
        &text[span],
        "\"First part of it,\n\n\"second part.\" And more."
    );
    assert!(locate(text, &q(4)).is_err());
    let span = locate(text, &q(1)).unwrap();
    assert_eq!(&text[span], "\"First part of it,");
}

#[test]
fn speaker_names_match_by_surname_and_case() {
    use quote_scoring::same_speaker;
    assert!(same_speaker("Fawaz Gerges", "Gerges"));
    assert!(same_speaker("Fawaz Gerges", "fawaz gerges"));
    assert!(same_speaker("Gerges", "Fawaz Gerges"));
    assert!(same_speaker("One MP", "one MP"));
    assert!(same_speaker(
        "Day's animal foundation",
        "day’s animal foundation"
    ));
    assert!(same_speaker("Donald Trump", "President Trump"));
    assert!(same_speaker("Tristan Smith", "Dr. Tristan Smith"));
    assert!(!same_speaker("Sadiq Khan", "Usman Khan"));
    assert!(same_speaker("Robert Mugabe", "Robert Gabriel Mugabe"));
    assert!(same_speaker("Recep Tayyip Erdoğan", "Erdogan"));
    assert!(same_speaker("Jarosław Kaczyński", "Jaroslaw Kaczynski"));
    assert!(!same_speaker("Erdoğan", "Gülen"));
    assert!(same_speaker("Lucy Fischer", "Lucy Fischer of The Times"));
    assert!(!same_speaker("Tristan Smith", "Tristan da Cunha"));
    assert!(!same_speaker("Fischer", "Lucy Fischer of The Times"));
    assert!(!same_speaker("Fawaz Gerges", "Fawaz"));
    assert!(!same_speaker("Tristan Smith", "Doug Miller"));
    assert!(!same_speaker("Jack Watling", ""));
}

/// The totals over the fixtures in `tests/fixtures/<dir>/`.
fn score_set(dir: &str) -> Score {
    quote_scoring::score_all_in(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .total
}

fn score_everything() -> Score {
    score_set("quotes")
}

/// Fail with every figure of `t` that is below its floor.
fn assert_floors(t: &Score, floors: [(&str, f64); 5]) {
    let got = [
        t.precision(),
        t.recall(),
        t.exact_recall(),
        t.kind_accuracy(),
        t.speaker_accuracy(),
    ];
    let low: Vec<String> = floors
        .iter()
        .zip(got)
        .filter(|((_, floor), got)| got < floor)
        .map(|((what, floor), got)| {
            format!("{what} {:.1} < floor {:.1}", 100.0 * got, 100.0 * floor)
        })
        .collect();
    assert!(low.is_empty(), "{}\n{}", low.join("\n"), t.summary());
}

/// (b) The measured figures stay at or above their floors.
#[test]
fn quote_analysis_scores_at_least_the_floors() {
    let t = score_everything();
    eprintln!("{}", t.summary());
    // Measured (cargo run --example score_quotes, speakers branch, 28 Nov
    // 04:20 UTC, after the former held-out half was read and tuned on, so
    // all 38 fixtures are development figures): P 100.0 R 99.2 F1 99.6;
    // exact span P 100.0 R 99.2; kind 99.3 (273/275); speaker 97.1
    // (232/239). Floors sit just below, to catch regressions.
    assert_floors(
        &t,
        [
            ("precision", 0.995),
            ("recall", 0.99),
            ("exact-span recall", 0.99),
            ("kind accuracy", 0.99),
            ("speaker accuracy", 0.97),
        ],
    );
}

/// Gold quotes whose source stands in their own sentence but that currently
/// get an unattributed-quote diagnostic: (fixture, start of the quote).
/// FIXME: each of these is a false alarm the quotes analysis should not
/// raise (see FINDINGS.md); the list may only shrink.
const KNOWN_UNATTRIBUTED_IN_SENTENCE: &[(&str, &str)] = &[];

/// (c) No unattributed-quote diagnostic on a gold quote whose source (a
/// name, pronoun or role with a verb, according to, a colon lead-in) stands
/// in its own sentence, beyond the known cases listed above.
#[test]
fn no_unattributed_quote_when_the_source_is_in_the_sentence() {
    // Over every annotated set: the two development sets and the second
    // blind set (a pass or fail here reads none of its single scores).
    let mut t = score_everything();
    for dir in ["quotes-fresh", "quotes-blind2"] {
        t.add(&score_set(dir));
    }
    let new: Vec<&String> = t
        .unattributed_in_sentence
        .iter()
        .filter(|line| {
            !KNOWN_UNATTRIBUTED_IN_SENTENCE
                .iter()
                .any(|(file, start)| line.starts_with(file) && line.contains(start))
        })
        .collect();
    assert!(
        new.is_empty(),
        "unattributed-quote on quotes whose source is in their sentence:\n{}",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "{} of {} known cases remain",
        t.unattributed_in_sentence.len(),
        KNOWN_UNATTRIBUTED_IN_SENTENCE.len()
    );
}

/// The fresh set in tests/fixtures/quotes-fresh/ stays at or above its
/// floors. It was scored blind once (speaker 82.5% at 46be5ff, 84.7% after
/// the first tuning round on the development set) and has been used for
/// development since, so these are development figures too.
#[test]
fn fresh_set_scores_at_least_the_floors() {
    let t = score_set("quotes-fresh");
    eprintln!("{}", t.summary());
    // Measured (cargo run --example score_quotes -- --dir quotes-fresh,
    // speakers2 branch, 28 Nov 04:50 UTC): P 100.0 R 97.5 F1 98.7; exact
    // span the same; kind 97.8 (220/225); speaker 95.3 (184/193).
    assert_floors(
        &t,
        [
            ("precision", 0.99),
            ("recall", 0.97),
            ("exact-span recall", 0.97),
            ("kind accuracy", 0.97),
            ("speaker accuracy", 0.945),
        ],
    );
}
