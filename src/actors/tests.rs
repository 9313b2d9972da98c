use super::*;
use crate::{analyze as run, Config, Markup};

fn actors_of(text: &str, kb: &KnowledgeBase) -> Analysis {
    run(text, Markup::PlainText, kb, &Config::default())
}

#[test]
fn in_article_person_after_name_with_role_and_surname_mentions() {
    let text = "“They flourished,” said Jack Watling, land war specialist at the Royal United Services Institute in London.\n\nAccording to Watling, there are 113,000 fighters.";
    let a = actors_of(text, KnowledgeBase::empty());
    let r = &a.actors;
    let w = r
        .actors
        .iter()
        .find(|x| x.name == "Jack Watling")
        .expect("Jack Watling is an actor");
    assert_eq!(w.source, "article");
    assert_eq!(w.kind, ActorKind::Person);
    let intro = w.introduction.as_ref().unwrap();
    assert_eq!(
        intro.role,
        "land war specialist at the Royal United Services Institute in London"
    );
    assert_eq!(intro.paragraph, 0);
    assert_eq!(w.mention_count, 2, "the surname-only mention links to him");
}

#[test]
fn in_article_person_with_title_before() {
    let text = "US Secretary of State Mike Pompeo denied it. Pompeo spoke later.";
    let a = actors_of(text, KnowledgeBase::empty());
    let p = a
        .actors
        .actors
        .iter()
        .find(|x| x.name == "Mike Pompeo")
        .unwrap();
    assert_eq!(
        p.introduction.as_ref().unwrap().role,
        "US Secretary of State"
    );
    assert_eq!(p.mention_count, 2);
}

#[test]
fn who_clause_introduces() {
    let text = "Young people want neither, said Joost Hitermann, who heads the International Crisis Group’s Middle East and North Africa program.";
    let a = actors_of(text, KnowledgeBase::empty());
    let p = a
        .actors
        .actors
        .iter()
        .find(|x| x.name == "Joost Hitermann")
        .unwrap();
    assert!(p
        .introduction
        .as_ref()
        .unwrap()
        .role
        .starts_with("who heads the International Crisis Group’s"));
}

#[test]
fn capitalized_phrases_without_role_are_not_people() {
    let text = "The Economic Complexity Watch said so. New York is big.";
    let a = actors_of(text, KnowledgeBase::empty());
    assert!(a.actors.actors.is_empty(), "{:?}", a.actors.actors);
}

#[test]
fn surname_alone_needs_the_full_name_unless_marked() {
    let kb = KnowledgeBase::builtin();
    // Watling (curated, not surname_alone) is not linked without his full name.
    let a = actors_of("Watling said no.", kb);
    assert!(a.actors.actors.iter().all(|x| x.name != "Jack Watling"));
    let a = actors_of("Jack Watling spoke. Watling said no.", kb);
    assert_eq!(
        a.actors
            .actors
            .iter()
            .find(|x| x.name == "Jack Watling")
            .unwrap()
            .mention_count,
        2
    );
    // Trump is known by his surname alone.
    let a = actors_of("Trump said no.", kb);
    assert_eq!(a.actors.actors[0].name, "Donald Trump");
}

#[test]
fn ambiguous_alias_follows_the_article_country() {
    let kb = KnowledgeBase::builtin();
    let a = actors_of("In Iraq, Fatah won seats in Baghdad.", kb);
    assert!(
        a.actors
            .actors
            .iter()
            .any(|x| x.id == "organization/fatah-alliance"),
        "{:?}",
        a.actors.actors
    );
    let a = actors_of("In the West Bank, Palestinians said Fatah won.", kb);
    assert!(
        a.actors.actors.iter().any(|x| x.id == "organization/fatah"),
        "{:?}",
        a.actors.actors
    );
}

#[test]
fn misspelled_known_names_are_found_and_linked() {
    let kb = KnowledgeBase::builtin();
    let text = "The US killed Iranian commander Qasm Soleimani. Nobody wants war, said Joost Hitermann, who heads the International Crisis Group’s program.\n\n“Both,” said Hitermann.";
    let a = actors_of(text, kb);
    let got: Vec<(&str, &str)> = a
        .actors
        .misspellings
        .iter()
        .map(|m| (m.written.as_str(), m.expected.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Qasm Soleimani", "Qasem Soleimani"),
            ("Joost Hitermann", "Joost Hiltermann"),
            ("Hitermann", "Hiltermann")
        ]
    );
    let h = a
        .actors
        .actors
        .iter()
        .find(|x| x.name == "Joost Hiltermann")
        .unwrap();
    assert_eq!(h.mention_count, 2);
}

#[test]
fn a_misspelled_name_written_twice_is_flagged_once_each_time() {
    // The surname inside the second full name was flagged on its own too,
    // from the first: two warnings on one name.
    let kb = KnowledgeBase::builtin();
    let text = "Jack Watling met them. Jack Watlin said so. Then Jack Watlin left, and Watlin did not return.";
    let a = actors_of(text, kb);
    let got: Vec<(&str, usize)> = a
        .actors
        .misspellings
        .iter()
        .map(|m| (m.written.as_str(), m.range.start))
        .collect();
    let at = |s: &str| text.match_indices(s).map(|(i, _)| i).collect::<Vec<_>>();
    let full = at("Jack Watlin ");
    let alone = text.rfind("Watlin did").unwrap();
    assert_eq!(
        got,
        vec![
            ("Jack Watlin", full[0]),
            ("Jack Watlin", full[1]),
            ("Watlin", alone)
        ]
    );
}

#[test]
fn distinct_people_with_similar_names_are_quiet() {
    let kb = KnowledgeBase::builtin();
    // Joe Biden is known; "Joe Bidet" differs by a letter, not a drop or a swap.
    let text = "said Joe Bidet, a baker in Ohio. Marco Rubia, a teacher, agreed.";
    let a = actors_of(text, kb);
    assert!(
        a.actors.misspellings.is_empty(),
        "{:?}",
        a.actors.misspellings
    );
}

#[test]
fn variant_spelling_of_an_article_person() {
    let text = "said Jack Watling, land war specialist at the institute. Later, Wattling said no.";
    let a = actors_of(text, KnowledgeBase::empty());
    assert_eq!(a.actors.variants.len(), 1, "{:?}", a.actors.variants);
    assert_eq!(a.actors.variants[0].written, "Wattling");
    assert_eq!(a.actors.variants[0].expected, "Watling");
}

#[test]
fn rename_and_definition() {
    let kb = KnowledgeBase::empty();
    let text =
        "said Jack Watling, land war specialist at the institute. According to Watling, yes.";
    let a = actors_of(text, kb);
    let at = text.rfind("Watling").unwrap();
    let edits = rename_edits(&a, text, at, "Jack Watts").unwrap();
    let new: Vec<&str> = edits.iter().map(|e| e.new_text.as_str()).collect();
    assert_eq!(new, vec!["Jack Watts", "Watts"]);
    let m = mention_at(&a.actors, at).unwrap();
    assert_eq!(definition(&a.actors, m.actor), 5..17);
}

#[test]
fn a_common_given_name_makes_a_person_without_a_role() {
    let kb = KnowledgeBase::builtin();
    let a = actors_of(
        "The photo was taken by Paul Budd at the fair. Roman Catholic bishops met.",
        kb,
    );
    let names: Vec<&str> = a.actors.actors.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Paul Budd"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Catholic")), "{names:?}");
    let p = a
        .actors
        .actors
        .iter()
        .find(|x| x.name == "Paul Budd")
        .unwrap();
    assert!(p.introduction.is_none());
}

/// What a span's sentence gives of its position ([`Position::within`]),
/// finished in the text, is [`person_position`] read in the whole text:
/// for spans at the sentence's edges (the word beside them in the
/// sentence before or after, or none) as for those inside.
#[test]
fn a_span_position_read_in_its_sentence_is_the_one_read_in_the_text() {
    let text = "Dr\n\nSmith left. Minister Jones said so! Brown said: Green met Kay. \
                Told Hill, \u{2003}Lee\u{2003}said. Said\u{a0}Park. The police told \
                reporters that Mr Jones spoke to Dr Kay and then Lee said it twice. Later \
                Ray Moss met Ann Webb in the hall. Reed";
    let prose = crate::markup::parse(text, Markup::PlainText);
    let masked = prose.masked.as_str();
    let sentences = crate::text::sentences::split(masked, &prose.paragraphs());
    let (mut open, mut closed, mut person_like) = (0, 0, 0);
    for s in &sentences {
        let mut spans = Vec::new();
        sentence_spans(masked, s.range.clone(), &mut spans);
        for span in &spans {
            let p = Position::within(masked, &s.range, &span.range);
            let whole = person_position(masked, &span.range);
            assert_eq!(
                p.finish(masked, &span.range),
                whole,
                "{:?} {p:?}",
                &masked[span.range.clone()]
            );
            if p.before.is_none() || p.after.is_none() {
                open += 1;
            } else {
                closed += 1;
            }
            person_like += usize::from(whole);
        }
    }
    assert!(
        open >= 3 && closed >= 3 && person_like >= 4,
        "{open} {closed} {person_like}"
    );
}

/// [`near_known_person`] (names read off the base's image, by place)
/// finds what a search through the materialized people with the span's
/// last or first word finds, for every span of two to four words of the
/// reference article (misspelled names among them) and the Wikinews
/// corpus.
#[test]
fn near_known_people_by_place_are_those_of_the_materialized_search() {
    let kb = KnowledgeBase::builtin();
    let by_search = |words: &[&str]| -> Option<String> {
        let mut cands = kb.people_with_token(words[words.len() - 1]);
        cands.extend(kb.people_with_token(words[0]));
        cands
            .into_iter()
            .find(|a| {
                let known: Vec<&str> = a.name.split_whitespace().collect();
                known.len() == words.len()
                    && known
                        .iter()
                        .zip(words)
                        .filter(|(k, w)| k.eq_ignore_ascii_case(w))
                        .count()
                        == words.len() - 1
                    && known
                        .iter()
                        .zip(words)
                        .all(|(k, w)| k.eq_ignore_ascii_case(w) || names::near_miss(w, k))
            })
            .map(|a| a.id.clone())
    };
    let reference = include_str!("../../tests/fixtures/reference/iran-iraq-influence.txt");
    let text = format!(
        "{reference}\n\nBarak Obama met Angela Merkl and Vladimir Putim.\n\n{}",
        crate::test_support::wikinews_as_one_document()
    );
    let prose = crate::markup::parse(&text, Markup::PlainText);
    let masked = prose.masked.as_str();
    let (mut asked, mut found) = (0, 0);
    for s in crate::text::sentences::split(masked, &prose.paragraphs()) {
        let mut spans = Vec::new();
        sentence_spans(masked, s.range.clone(), &mut spans);
        for span in spans.iter().filter(|s| (2..=4).contains(&s.words.len())) {
            let words: Vec<&str> = span.words.iter().map(|r| &masked[r.clone()]).collect();
            let placed =
                near_known_person(kb, &words).map(|(l, i)| kb.placed_actor(l, i).id.clone());
            assert_eq!(placed, by_search(&words), "{words:?}");
            asked += 1;
            found += usize::from(placed.is_some());
        }
    }
    assert!(
        asked > 1000 && found >= 4,
        "{asked} spans, {found} near misses"
    );
}
