//! Property test of the incremental analysis (issue 8): random edit
//! sequences applied to fixture articles (the reference article and
//! Wikinews articles, each as plain text and as Markdown), and after EVERY
//! edit the analysis of an [`Analyzer`] kept across the versions equals
//! `analyze` from scratch, compared as serialized values (paragraphs,
//! sentences, quotes and speakers, marks, actors and mentions, outline,
//! directives, diagnostics: every field of `Analysis`).
//!
//! Edits: characters, words, quote marks, line breaks, blank lines, names
//! from the fixtures, Markdown markers, deletions, paragraph splits and
//! joins, and moves of a whole stretch of text elsewhere (so cached
//! paragraphs come back at other offsets).
//!
//! `PROPTEST_CASES` sets the number of cases (default 40).

use std::sync::Arc;

use copydesk::incremental::Analyzer;
use copydesk::{analyze, Config, KnowledgeBase, Markup};
use proptest::prelude::*;
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The reference article and four Wikinews articles with quotes, names and
/// sections.
fn documents() -> &'static [String] {
    static DOCS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let read = |p: &str| {
            std::fs::read_to_string(format!("{FIXTURES}/{p}"))
                .unwrap_or_else(|e| panic!("{p}: {e}"))
        };
        let mut docs = vec![read("reference/iran-iraq-influence.txt")];
        let mut wikinews: Vec<_> = std::fs::read_dir(format!("{FIXTURES}/wikinews"))
            .expect("wikinews fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        wikinews.sort();
        // Spread over the corpus, and two articles in one document, so
        // names and speakers of one article meet the other's.
        for i in [3usize, 40, 77, 120] {
            let p = &wikinews[i % wikinews.len()];
            docs.push(std::fs::read_to_string(p).expect("article"));
        }
        let a = std::fs::read_to_string(&wikinews[10]).expect("article");
        let b = std::fs::read_to_string(&wikinews[11]).expect("article");
        docs.push(format!("{a}\n\n{b}"));
        docs
    })
}

/// What an edit inserts.
const PIECES: &[&str] = &[
    "a",
    "e",
    " ",
    ".",
    ",",
    ":",
    "é",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "‘",
    "«",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "the",
    "said",
    " said ",
    " he said.",
    " she told reporters",
    "according to ",
    "Fawaz Gerges",
    "Gerges",
    "Jack Watling",
    "Watling",
    "Watlin",
    "Iran",
    "Iraq",
    "Joost Hiltermann",
    "Hitermann",
    "Donald Trump",
    "the minister",
    "Mr. ",
    "# ",
    "## Reaction\n\n",
    "> ",
    "- ",
    "`",
    "<!-- copydesk-ignore -->\n",
    "[copydesk-ignore]\n",
    "“We will not leave,” said Jack Watling.",
    "\n\n“It is over.”\n\n",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Replace `len` bytes at `at` (seeds, snapped to characters) by `text`.
    Replace { at: usize, len: usize, text: String },
    /// Split the paragraph at `at` with a blank line.
    Split { at: usize },
    /// Join the `n`th paragraph break with the next paragraph.
    Join { n: usize },
    /// Cut `len` bytes at `from` and insert them at `to`.
    Move { from: usize, len: usize, to: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::collection::vec(prop::sample::select(PIECES), 1..3).prop_map(|v| v.concat());
    prop_oneof![
        5 => (any::<usize>(), 0usize..3, piece.clone()).prop_map(|(at, len, text)| Edit::Replace { at, len, text }),
        2 => (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Replace { at, len, text: String::new() }),
        1 => any::<usize>().prop_map(|at| Edit::Split { at }),
        1 => any::<usize>().prop_map(|n| Edit::Join { n }),
        1 => (any::<usize>(), 1usize..600, any::<usize>()).prop_map(|(from, len, to)| Edit::Move { from, len, to }),
    ]
}

/// The character boundary at or before `seed % (len + 1)`.
fn snap(text: &str, seed: usize) -> usize {
    let mut at = seed % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, e: &Edit) {
    match e {
        Edit::Replace { at, len, text: new } => {
            let start = snap(text, *at);
            let end = snap(text, start + len);
            let end = end.max(start);
            text.replace_range(start..end, new);
        }
        Edit::Split { at } => {
            let at = snap(text, *at);
            text.insert_str(at, "\n\n");
        }
        Edit::Join { n } => {
            let breaks: Vec<usize> = text.match_indices("\n\n").map(|(i, _)| i).collect();
            if let Some(&i) = breaks.get(n % breaks.len().max(1)) {
                text.replace_range(i..i + 2, " ");
            }
        }
        Edit::Move { from, len, to } => {
            let start = snap(text, *from);
            let end = snap(text, start + len).max(start);
            let cut: String = text[start..end].to_string();
            text.replace_range(start..end, "");
            let to = snap(text, *to);
            text.insert_str(to, &cut);
        }
    }
}

fn kb() -> Arc<KnowledgeBase> {
    static KB: std::sync::OnceLock<Arc<KnowledgeBase>> = std::sync::OnceLock::new();
    KB.get_or_init(|| Arc::new(KnowledgeBase::builtin().clone()))
        .clone()
}

/// The path and values of the first difference between two JSON values.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let w = y.get(k).unwrap_or(&Value::Null);
                if let Some(d) = first_difference(v, w, format!("{path}.{k}")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: keys differ"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, format!("{path}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len())
                .then(|| format!("{path}: {} items, from scratch {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: incremental {a}, from scratch {b}")),
    }
}

fn check_sequence(doc: usize, markdown: bool, edits: &[Edit]) -> Result<(), TestCaseError> {
    let kb = kb();
    let config = Arc::new(Config::default());
    let markup = if markdown {
        Markup::Markdown
    } else {
        Markup::PlainText
    };
    let docs = documents();
    let mut text = docs[doc % docs.len()].clone();
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&text, markup, &kb, &config);
    for (i, e) in edits.iter().enumerate() {
        apply(&mut text, e);
        let incremental = serde_json::to_value(analyzer.analyze(&text, markup, &kb, &config))
            .expect("serializable");
        let scratch =
            serde_json::to_value(analyze(&text, markup, &kb, &config)).expect("serializable");
        if let Some(d) = first_difference(&incremental, &scratch, "analysis".into()) {
            return Err(TestCaseError::fail(format!(
                "after edit {} ({e:?}): {d}",
                i + 1
            )));
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_from_scratch(
        doc in 0usize..64,
        markdown in any::<bool>(),
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        check_sequence(doc, markdown, &edits)?;
    }
}

/// Typing a whole sentence character by character into the middle of the
/// reference article, then deleting it again, one character at a time.
#[test]
fn typing_and_deleting_a_sentence() {
    let docs = documents();
    let sentence = " “We are not leaving,” Watling said.\n\nHe added:";
    let at = docs[0].find("\n\n").expect("a paragraph break") + 40;
    let mut edits = Vec::new();
    for (k, c) in sentence.chars().enumerate() {
        let offset = at + sentence.char_indices().nth(k).map(|(i, _)| i).unwrap_or(0);
        edits.push(Edit::Replace {
            at: offset,
            len: 0,
            text: c.to_string(),
        });
    }
    for _ in sentence.chars() {
        edits.push(Edit::Replace {
            at,
            len: 1,
            text: String::new(),
        });
    }
    for markdown in [false, true] {
        check_sequence(0, markdown, &edits).unwrap();
    }
}

/// After a one-character edit in the middle of a long document only the
/// touched block and chunk are computed again.
#[test]
fn an_edit_recomputes_only_what_it_touched() {
    let kb = kb();
    let config = Arc::new(Config::default());
    let docs = documents();
    let mut text: String = docs[1..].join("\n\n");
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&text, Markup::Markdown, &kb, &config);
    let first = analyzer.stats();
    assert!(first.chunks_computed > 20, "{first:?}");
    assert!(!first.whole_text_matching);
    let at = text.len() / 2;
    let at = snap(&text, at);
    text.insert(at, 'x');
    let a = analyzer.analyze(&text, Markup::Markdown, &kb, &config);
    let s = analyzer.stats();
    assert_eq!(s.chunks_computed, 1, "{s:?}");
    assert!(s.paragraphs_computed <= 1, "{s:?}");
    assert!(s.chunks_reused + 1 >= first.chunks_computed, "{s:?}");
    // Quotes' per-sentence results: only the sentence with the `x` (two,
    // should it have cut a sentence in two) are computed again.
    assert!(s.sentences_computed <= 2, "{s:?}");
    assert_eq!(s.sentences_reused + s.sentences_computed, a.sentences.len());
    // Likewise actors' name spans.
    assert!(s.spans_computed <= 2, "{s:?}");
    assert_eq!(s.spans_reused + s.spans_computed, a.sentences.len());
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(analyze(&text, Markup::Markdown, &kb, &config)).unwrap()
    );
}

/// An opening mark typed before a sentence puts the next sentence, whose
/// text did not change, inside the quotation: quotes' per-sentence results
/// are kept by the sentence's text *and* its quoted bytes, so that one is
/// computed again, and the attribution follows.
#[test]
fn a_typed_quote_mark_recomputes_the_sentences_it_encloses() {
    let kb = kb();
    let config = Arc::new(Config::default());
    let before = "Intro here.\n\nAhmed said the plan would work. It will grow” and more. Then Ahmed Saleh left.\n";
    let at = before.find("the plan").unwrap();
    let mut after = before.to_string();
    after.insert(at, '“');
    let mut analyzer = Analyzer::new();
    let a0 = analyzer.analyze(before, Markup::PlainText, &kb, &config);
    assert!(a0.quotes.is_empty(), "{:?}", a0.quotes);
    let a = analyzer.analyze(&after, Markup::PlainText, &kb, &config);
    let s = analyzer.stats();
    // The edited sentence and the one now inside the quotation.
    assert_eq!(s.sentences_computed, 2, "{s:?}");
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(analyze(&after, Markup::PlainText, &kb, &config)).unwrap()
    );
    // And back: the mark deleted, the old results return.
    let b = analyzer.analyze(before, Markup::PlainText, &kb, &config);
    assert_eq!(analyzer.stats().sentences_computed, 2);
    assert_eq!(
        serde_json::to_value(&b).unwrap(),
        serde_json::to_value(&a0).unwrap()
    );
}

/// A base whose alias holds a line break is matched over the whole text,
/// and still gives the analysis from scratch.
#[test]
fn an_alias_with_a_line_break_disables_chunk_matching() {
    let actor = copydesk::kb::Actor {
        id: "user/split".into(),
        kind: copydesk::kb::ActorKind::Person,
        name: "Anna\nKarenina".into(),
        aliases: vec![],
        description: String::new(),
        source: "test".into(),
        country: None,
        surname: None,
        surname_alone: false,
    };
    let kb = Arc::new(KnowledgeBase::from_actors(vec![actor]));
    let config = Arc::new(Config::default());
    let mut analyzer = Analyzer::new();
    let text = "Anna\nKarenina said: “No.”\n\nMore.";
    let a = analyzer.analyze(text, Markup::PlainText, &kb, &config);
    assert!(analyzer.stats().whole_text_matching);
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(analyze(text, Markup::PlainText, &kb, &config)).unwrap()
    );
}

/// Over `maxDocumentSize` the incremental analyzer gives what `analyze`
/// gives (the single `document-too-large` finding), on the way across the
/// limit and back, and the cache it kept still serves after it.
#[test]
fn over_the_size_limit_incremental_equals_from_scratch() {
    let kb = kb();
    let docs = documents();
    let mut text = docs[0].clone();
    let config = Arc::new(Config {
        max_document_size: text.len() + 1,
        ..Config::default()
    });
    let mut analyzer = Analyzer::new();
    for (step, insert) in ["", "xx", "", "y"].into_iter().enumerate() {
        if step == 2 {
            // Back under the limit: drop what was added.
            text.truncate(docs[0].len());
        }
        text.push_str(insert);
        for markup in [Markup::PlainText, Markup::Markdown] {
            let incremental = analyzer.analyze(&text, markup, &kb, &config);
            let scratch = analyze(&text, markup, &kb, &config);
            let over = text.len() > config.max_document_size;
            let codes: Vec<_> = scratch.diagnostics.iter().map(|d| d.code).collect();
            if over {
                assert_eq!(codes, ["document-too-large"], "step {step}");
                assert!(scratch.quotes.is_empty() && scratch.paragraphs.is_empty());
            } else {
                assert!(!scratch.quotes.is_empty(), "step {step}");
                assert!(!codes.contains(&"document-too-large"), "step {step}");
            }
            let (a, b) = (
                serde_json::to_value(incremental).unwrap(),
                serde_json::to_value(scratch).unwrap(),
            );
            assert_eq!(
                first_difference(&a, &b, "analysis".into()),
                None,
                "step {step}"
            );
        }
    }
}

/// The look-ups over the set of surnames (one letter off, accents folded)
/// are kept between versions with that set: a version whose surnames
/// differ builds its own, and one that goes back to the old set gets the
/// right ones again. (A look-up kept for another set would name a surname
/// the text no longer has.)
#[test]
fn surname_look_ups_follow_the_surnames() {
    let kb = kb();
    let config = Arc::new(Config::default());
    let text = |sarea: &str, wojcik: &str, extra: &str| {
        format!(
            "Yahya {sarea} spoke on Monday.\n\nPiotr {wojcik} met him.\n\n\
             “We will respond,” Saree said{extra}.\n\n“It is over,” Wojcikowski said."
        )
    };
    let versions = [
        (
            text("Sarea", "Wójcikowski", ""),
            ["Yahya Sarea", "Piotr Wójcikowski"],
        ),
        (
            text("Sareb", "Wójcikowskia", ""),
            ["Yahya Sareb", "Wojcikowski"],
        ),
        (
            text("Sarea", "Wójcikowski", ""),
            ["Yahya Sarea", "Piotr Wójcikowski"],
        ),
        (
            text("Sarea", "Wójcikowski", " today"),
            ["Yahya Sarea", "Piotr Wójcikowski"],
        ),
    ];
    let mut analyzer = Analyzer::new();
    for (i, (text, speakers)) in versions.iter().enumerate() {
        let a = analyzer.analyze(text, Markup::PlainText, &kb, &config);
        let names: Vec<&str> = a
            .quotes
            .iter()
            .map(|q| q.speaker.as_ref().map_or("", |s| s.name.as_str()))
            .collect();
        assert_eq!(names, speakers, "version {}", i + 1);
        let incremental = serde_json::to_value(&a).unwrap();
        let scratch = serde_json::to_value(analyze(text, Markup::PlainText, &kb, &config)).unwrap();
        assert_eq!(
            first_difference(&incremental, &scratch, "analysis".into()),
            None,
            "version {}",
            i + 1
        );
    }
}
