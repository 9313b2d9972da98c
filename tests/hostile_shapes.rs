//! Hostile shapes of text (benches/support/hostile.rs), which once took
//! time growing with the square of their length: what the analysis finds
//! in them, that the incremental analysis agrees with it, and that a quote
//! in a very long sentence still finds the speaker next to it (attribution
//! reads a bounded stretch on each side of a quote). How long they take is
//! measured by `cargo bench --bench analysis -- hostile`, not here.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;
#[path = "../benches/support/hostile.rs"]
mod hostile;

use std::sync::Arc;

use copydesk::incremental::Analyzer;
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};

fn kb() -> &'static KnowledgeBase {
    KnowledgeBase::builtin()
}

#[test]
fn every_shape_is_analysed_alike_from_scratch_and_after_an_edit() {
    let config = Arc::new(Config::default());
    let kb_arc = Arc::new(kb().clone());
    for (name, text) in hostile::shapes(8 << 10) {
        for markup in [Markup::PlainText, Markup::Markdown] {
            common::check(&text, markup);
            // A word typed in the middle, then the text as it was.
            let mut at = text.len() / 2;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut edited = text.clone();
            edited.insert_str(at, "Smith ");
            let mut analyzer = Analyzer::new();
            for version in [&text, &edited, &text] {
                let got = analyzer.analyze(version, markup, &kb_arc, &config);
                let want = analyze(version, markup, kb(), &config);
                assert_eq!(
                    serde_json::to_string(&got).unwrap(),
                    serde_json::to_string(&want).unwrap(),
                    "{name} ({markup:?})"
                );
            }
        }
    }
}

fn shape(name: &str) -> String {
    hostile::shapes(8 << 10)
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no shape {name}"))
}

/// The shape `name` at 8 KiB, with its analysis as plain text.
fn analysed(name: &str) -> (String, Analysis) {
    let text = shape(name);
    let a = plain(&text);
    (text, a)
}

fn plain(text: &str) -> Analysis {
    analyze(text, Markup::PlainText, kb(), &Config::default())
}

#[test]
fn every_quote_of_a_long_sentence_is_found() {
    let (text, a) = analysed("quotes-in-one-sentence");
    assert_eq!(a.quotes.len(), text.matches("\"x\"").count());
    assert!(a.quotes.iter().all(|q| q.text == "x"));
}

#[test]
fn every_field_of_a_pasted_csv_is_a_quotation() {
    let (text, a) = analysed("csv");
    assert_eq!(a.quotes.len(), 5 * text.lines().count());
    assert_eq!(a.quotes[1].text, "Smith");
}

#[test]
fn each_nested_quote_is_found_inside_its_outer_quote() {
    let (text, a) = analysed("nested-quotes");
    let units = text.matches("“a ‘b’ c”").count();
    let inner: Vec<_> = a.quotes.iter().filter(|q| q.text == "b").collect();
    let outer: Vec<_> = a.quotes.iter().filter(|q| q.text == "a ‘b’ c").collect();
    assert_eq!((inner.len(), outer.len()), (units, units));
    // Each inner quote lies in the outer quote right around it.
    for (i, o) in inner.iter().zip(&outer) {
        assert!(o.range.start < i.range.start && i.range.end < o.range.end);
    }
}

#[test]
fn a_speaker_next_to_a_quote_is_found_at_the_end_of_a_very_long_sentence() {
    // 600 tokens of one sentence before the attribution.
    let filler = "and the talks went on ".repeat(120);
    let text = format!("The meeting began {filler}until Jane Roe said: “We will not stop.”\n");
    let a = plain(&text);
    let q = a
        .quotes
        .iter()
        .find(|q| q.text == "We will not stop.")
        .expect("the quote");
    let speaker = q.speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name, "Jane Roe");
    // And after the quote, as far from the sentence's start.
    let text = format!("The meeting began {filler}until “We will not stop,” said Jane Roe.\n");
    let a = plain(&text);
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We will not stop"))
        .expect("the quote");
    assert_eq!(q.speaker.as_ref().expect("a speaker").name, "Jane Roe");
}

#[test]
fn every_quote_after_a_colon_lead_in_has_its_speaker() {
    let (text, a) = analysed("quotes-after-a-long-lead-in");
    assert_eq!(a.quotes.len(), text.matches("\"x\"").count());
    for q in &a.quotes {
        assert_eq!(
            q.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Jane Roe"),
            "{q:?}"
        );
    }
}

/// Every quote of the shape `name`, one per `marker` in it, has a speaker
/// named `mention` in the text and resolved to `who`.
fn every_speaker_is(name: &str, marker: &str, mention: &str, who: &str) {
    let (text, a) = analysed(name);
    assert_eq!(a.quotes.len(), text.matches(marker).count());
    for q in &a.quotes {
        let s = q.speaker.as_ref().expect("a speaker");
        assert_eq!((s.mention.as_str(), s.name.as_str()), (mention, who));
    }
}

#[test]
fn every_it_said_in_a_long_paragraph_is_the_organisation_before_it() {
    every_speaker_is(
        "organisation-and-it-said-in-one-paragraph",
        "It said",
        "It",
        "Ministry of Defence",
    );
}

#[test]
fn names_in_a_sentence_without_stops_are_actors() {
    let (_, a) = analysed("names-without-stops");
    let json = serde_json::to_string(&a.actors).unwrap();
    assert!(
        json.contains("John Smith"),
        "{}",
        &json[..json.len().min(400)]
    );
}

#[test]
fn a_body_named_by_its_first_word_all_through_is_resolved_every_time() {
    every_speaker_is(
        "name-opening-throughout",
        "Ford said",
        "Ford",
        "Ford Motor Company",
    );
}

#[test]
fn a_name_misspelled_all_through_is_flagged_every_time() {
    let (text, a) = analysed("misspelled-name-throughout");
    let flagged = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "name-misspelling" && &text[d.range.clone()] == "Jack Watlin")
        .count();
    assert_eq!(flagged, text.matches("Jack Watlin ").count());
}

#[test]
fn every_it_said_after_people_is_the_organisation_far_before() {
    every_speaker_is(
        "organisation-far-before-it-said",
        "It said",
        "It",
        "Ministry of Defence",
    );
}

#[test]
fn each_of_many_people_is_found_behind_a_misspelled_surname() {
    let (_, a) = analysed("many-people-misspelled");
    assert!(a.quotes.len() > 100);
    for q in &a.quotes {
        let s = q.speaker.as_ref().expect("a speaker");
        // `Habcman` -> `Joost Habcmann`.
        assert_eq!(s.name, format!("Joost {}n", s.mention), "{q:?}");
    }
}
