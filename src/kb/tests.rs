use super::*;

fn names<'a>(kb: &'a KnowledgeBase, text: &'a str) -> Vec<(&'a str, &'a str)> {
    kb.find(text)
        .into_iter()
        .map(|m| (&text[m.range.clone()], m.candidates[0].0.name.as_str()))
        .collect()
}

#[test]
fn builtin_is_large_and_has_the_reference_actors() {
    let kb = KnowledgeBase::builtin();
    assert!(kb.len() > 20_000, "{} actors", kb.len());
    for id in [
        "person/donald-trump",
        "group/islamic-state",
        "country/iq",
        "country/ir",
        "person/fawaz-gerges",
    ] {
        assert!(kb.get(id).is_some(), "{id}");
    }
    // demonyms and capitals of countries outside the curated file come from mledoze
    let fr = kb.get("country/fr").expect("France");
    assert!(fr.aliases.iter().any(|a| a == "French"), "{:?}", fr.aliases);
    assert!(fr.aliases.iter().any(|a| a == "Paris"), "{:?}", fr.aliases);
}

#[test]
fn acronyms_match_only_in_capitals() {
    let kb = KnowledgeBase::builtin();
    let text = "IS continues its attacks. This is what it is. Is it? The US and us.";
    let found = names(kb, text);
    assert!(found.contains(&("IS", "Islamic State")), "{found:?}");
    assert!(found.contains(&("US", "United States")), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(w, _)| *w == "is" || *w == "Is" || *w == "us"),
        "{found:?}"
    );
}

#[test]
fn longest_match_wins_and_possessives_match() {
    let kb = KnowledgeBase::builtin();
    let text = "The Iraqi parliament voted. Iran’s goal, the PMU's wing and the PMU’s leaders.";
    let found = names(kb, text);
    assert_eq!(
        found[0],
        ("Iraqi parliament", "Council of Representatives of Iraq")
    );
    assert!(found.contains(&("Iran", "Iran")));
    assert_eq!(
        found.iter().filter(|(w, _)| *w == "PMU").count(),
        2,
        "{found:?}"
    );
}

#[test]
fn demonyms_and_capitals_name_their_country() {
    let kb = KnowledgeBase::builtin();
    let found = names(
        kb,
        "Iranian officials in Tehran and Iraqi ones in Baghdad met Americans in Washington.",
    );
    for (w, n) in [
        ("Iranian", "Iran"),
        ("Tehran", "Iran"),
        ("Iraqi", "Iraq"),
        ("Baghdad", "Iraq"),
        ("Americans", "United States"),
        ("Washington", "United States"),
    ] {
        assert!(found.contains(&(w, n)), "{w}: {found:?}");
    }
}

#[test]
fn lower_case_words_are_not_names() {
    let kb = KnowledgeBase::builtin();
    let found = names(
        kb,
        "we ate turkey in china cups, then chad and jordan went to the energy summit",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn word_boundaries_hold() {
    let kb = KnowledgeBase::builtin();
    let found = names(kb, "Iranians Irangate ISISx xIS USA");
    assert!(
        !found
            .iter()
            .any(|(w, _)| *w == "Iran" || *w == "ISIS" || *w == "IS"),
        "{found:?}"
    );
}

#[test]
fn user_layer_adds_and_overrides() {
    let user = parse(
        "actors.toml",
        "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\nsurname = \"Roe\"\nsurname_alone = true\ndescription = \"Mayor.\"\n\n[[actor]]\nid = \"country/iq\"\nkind = \"country\"\nname = \"Iraq\"\naliases = [\"Mesopotamia\"]\ndescription = \"Overridden.\"\n",
    )
    .unwrap();
    let kb = KnowledgeBase::builtin_with(user);
    assert_eq!(kb.get("country/iq").unwrap().description, "Overridden.");
    let found = names(&kb, "Roe visited Mesopotamia and Iraq.");
    assert_eq!(
        found,
        vec![
            ("Roe", "Jane Roe"),
            ("Mesopotamia", "Iraq"),
            ("Iraq", "Iraq")
        ]
    );
    assert_eq!(
        kb.find("Iraq")[0].candidates.len(),
        1,
        "the built-in Iraq is hidden"
    );
}

#[test]
fn malformed_user_file_names_the_line() {
    let e = parse("ws/.copydesk/actors.toml", "[[actor]]\nkind = \"person\"\nname = \"A B\"\n\n[[actor]]\nkind = \"martian\"\nname = \"X\"\n").unwrap_err();
    assert_eq!(e.line, 5);
    assert!(e.message.contains("martian"), "{e}");
    let e = parse("a.toml", "[[actor]]\nkind = \"person\"\nname = \"A\nB\"\n").unwrap_err();
    assert_eq!(e.file, "a.toml");
    // the string runs on; TOML notices on the next line
    assert_eq!(e.line, 4, "{e}");
    let e = parse("a.toml", "[[actor]]\nkind = \"person\"\nnmae = \"A\"\n").unwrap_err();
    assert!(e.message.contains("nmae"), "{e}");
}

#[test]
fn a_bad_actor_deep_in_a_long_file_is_named_by_its_line() {
    // Lines are counted on from actor to actor: the 301st of 400 (six
    // lines each, the first on line 1) starts on line 1801.
    let mut text = String::new();
    for i in 0..400 {
        let kind = if i == 300 { "martian" } else { "person" };
        text.push_str(&format!(
            "[[actor]]\nkind = \"{kind}\"\nname = \"Anna Person{i}\"\n# a comment\n\n\n"
        ));
    }
    let e = parse("a.toml", &text).unwrap_err();
    assert_eq!(e.line, 1801, "{e}");
    assert!(e.message.contains("Anna Person300"), "{e}");
}

// ---------------------------------------------------------------------------
// The image-based base against the former one (src/kb/oracle.rs): the same
// actors, indexes and matches.

mod against_the_former_base {
    use std::sync::{Arc, OnceLock};

    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::{Config as RunnerConfig, TestRunner};

    use super::super::oracle::{self, OldKb, OldLayer, OldMatch};
    use super::*;

    fn old_builtin_layer() -> Arc<OldLayer> {
        static OLD: OnceLock<Arc<OldLayer>> = OnceLock::new();
        OLD.get_or_init(|| Arc::new(OldLayer::new(oracle::builtin_actors())))
            .clone()
    }

    fn old_builtin() -> &'static OldKb {
        static OLD: OnceLock<OldKb> = OnceLock::new();
        OLD.get_or_init(|| OldKb::from_layers(vec![old_builtin_layer()]))
    }

    fn user_actors() -> Vec<Actor> {
        parse(
            "actors.toml",
            r#"
[[actor]]
kind = "person"
name = "Jane Roe"
surname = "Roe"
surname_alone = true
description = "Mayor."

[[actor]]
id = "country/iq"
kind = "country"
name = "Iraq"
aliases = ["Mesopotamia", "IQ"]
description = "Overridden by id."

[[actor]]
kind = "organization"
name = "Islamic State"
aliases = ["IS", "Daesh", "\"Blue\" Party"]
description = "Overridden by name."

[[actor]]
kind = "person"
name = "Fawaz Smith"
surname = "Smith"
description = "A surname shared with many."
"#,
        )
        .unwrap()
    }

    /// The user layer over the built-in one, both ways.
    fn layered() -> &'static (KnowledgeBase, OldKb) {
        static BOTH: OnceLock<(KnowledgeBase, OldKb)> = OnceLock::new();
        BOTH.get_or_init(|| {
            (
                KnowledgeBase::builtin_with(user_actors()),
                OldKb::from_layers(vec![
                    Arc::new(OldLayer::new(user_actors())),
                    old_builtin_layer(),
                ]),
            )
        })
    }

    type Plain = Vec<(ByteRange, Vec<(String, String, AliasKind)>)>;

    fn plain_new(found: &[KbMatch]) -> Plain {
        found
            .iter()
            .map(|m| {
                let c = m.candidates.iter();
                let c = c.map(|(a, k)| (a.id.clone(), a.source.clone(), *k));
                (m.range.clone(), c.collect())
            })
            .collect()
    }

    fn plain_old(found: &[OldMatch]) -> Plain {
        found
            .iter()
            .map(|(r, c)| {
                let c = c.iter().map(|(a, k)| (a.id.clone(), a.source.clone(), *k));
                (r.clone(), c.collect())
            })
            .collect()
    }

    /// The first difference between the two bases' matches in `text`.
    fn compare(new: &KnowledgeBase, old: &OldKb, text: &str) -> Result<usize, String> {
        let (n, o) = (plain_new(&new.find(text)), plain_old(&old.find(text)));
        if n == o {
            return Ok(n.len());
        }
        let i = n.iter().zip(&o).take_while(|(a, b)| a == b).count();
        Err(format!(
            "{} matches against {}; first difference at #{i}: new {:?}, old {:?} in {:?}",
            n.len(),
            o.len(),
            n.get(i),
            o.get(i),
            n.get(i).or(o.get(i)).map(|m| text
                .get(m.0.start.saturating_sub(20)..(m.0.end + 20).min(text.len()))
                .unwrap_or(&text[m.0.clone()]))
        ))
    }

    #[test]
    fn the_image_holds_the_former_actors() {
        let old = oracle::builtin_actors();
        let layer = &KnowledgeBase::builtin().layers[0];
        assert_eq!(layer.len(), old.len());
        for (i, a) in old.iter().enumerate() {
            assert_eq!(layer.actor(i), a, "actor {i}");
        }
        assert_eq!(KnowledgeBase::builtin().len(), old.len());
    }

    #[test]
    fn the_image_holds_the_former_indexes() {
        let (new, old) = (KnowledgeBase::builtin(), old_builtin());
        let ol = &old.layers[0];
        for id in ol.by_id.keys() {
            assert_eq!(new.get(id), old.get(id), "{id}");
        }
        assert!(new.get("person/nobody-at-all").is_none());
        let ids = |v: Vec<&Actor>| v.into_iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        for token in ol.by_token.keys() {
            assert_eq!(
                ids(new.people_with_token(token)),
                ids(old.people_with_token(token)),
                "{token}"
            );
            let upper = token.to_uppercase();
            assert_eq!(
                ids(new.people_with_token(&upper)),
                ids(old.people_with_token(&upper)),
                "{upper}"
            );
        }
        assert!(!ol.given_names.is_empty());
        for a in &ol.actors {
            for w in a.name.split_whitespace() {
                assert_eq!(new.is_given_name(w), old.is_given_name(w), "{w}");
            }
        }
    }

    #[test]
    fn a_user_layer_hides_as_before() {
        let (new, old) = layered();
        assert_eq!(new.len(), old.len());
        for id in [
            "country/iq",
            "group/islamic-state",
            "person/jane-roe",
            "country/ir",
        ] {
            assert_eq!(new.get(id), old.get(id), "{id}");
        }
        for token in ["smith", "Fawaz", "roe", "trump"] {
            let ids = |v: Vec<&Actor>| v.into_iter().map(|a| a.id.clone()).collect::<Vec<_>>();
            assert_eq!(
                ids(new.people_with_token(token)),
                ids(old.people_with_token(token))
            );
        }
        // Nothing is above the built-in layer alone: no hidden set is built.
        let builtin = KnowledgeBase::builtin();
        assert!(builtin
            .hidden
            .iter()
            .all(|h| h.ids.is_empty() && h.names.is_empty()));
        assert!(new.hidden[0].ids.is_empty());
        assert_eq!(new.hidden[1].ids.len(), 4);
    }

    #[test]
    fn names_span_lines_as_a_walk_over_the_actors_says() {
        let walk = |kb: &KnowledgeBase| {
            kb.actors().any(|a| {
                let breaks = |s: &str| s.contains(['\n', '\r']);
                breaks(&a.name)
                    || a.aliases.iter().any(|s| breaks(s))
                    || a.surname.as_deref().is_some_and(breaks)
            })
        };
        let builtin = KnowledgeBase::builtin();
        assert_eq!(builtin.names_span_lines(), walk(builtin));
        assert!(!builtin.names_span_lines());
        let mut user = user_actors();
        user[0].aliases.push("Jane\nRoe".into());
        let kb = KnowledgeBase::builtin_with(user.clone());
        assert!(kb.names_span_lines());
        assert_eq!(kb.names_span_lines(), walk(&kb));
        // A lower actor with a line break, hidden by a higher one of its id.
        let mut lower = user_actors();
        lower[1].aliases.push("Meso\r\npotamia".into());
        let kb = KnowledgeBase::from_layers(vec![
            Arc::new(Layer::new(user_actors())),
            Arc::new(Layer::new(lower.clone())),
        ]);
        assert!(!kb.names_span_lines());
        assert_eq!(kb.names_span_lines(), walk(&kb));
        let kb = KnowledgeBase::from_actors(lower);
        assert!(kb.names_span_lines());
    }

    #[test]
    fn a_user_layer_image_holds_its_actors() {
        let actors = user_actors();
        let layer = Layer::new(actors.clone());
        for (i, a) in actors.iter().enumerate() {
            assert_eq!(to_actor(layer.image().record(i)), *a);
        }
    }

    fn fixtures() -> Vec<(String, Markup, String)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut out = Vec::new();
        let reference = format!("{root}/reference/iran-iraq-influence.txt");
        out.push((
            reference.clone(),
            Markup::PlainText,
            std::fs::read_to_string(&reference).unwrap(),
        ));
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/wikinews"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p.display().to_string(), Markup::Markdown, text));
        }
        out
    }

    use crate::Markup;

    #[test]
    fn the_same_matches_as_the_automaton_on_every_fixture() {
        let (layered_new, layered_old) = layered();
        let mut total = 0;
        let files = fixtures();
        assert!(files.len() >= 170, "{} fixtures", files.len());
        for (path, markup, text) in &files {
            let masked = crate::markup::parse(text, *markup).masked;
            for t in [text.as_str(), masked.as_str()] {
                total += compare(KnowledgeBase::builtin(), old_builtin(), t)
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
                compare(layered_new, layered_old, t)
                    .unwrap_or_else(|e| panic!("{path} (user layer): {e}"));
            }
        }
        assert!(total > 5_000, "{total} matches");
    }

    /// Alias forms as written: a sample of the base, every form that starts
    /// with a character that is not alphanumeric, and a few chosen ones.
    fn forms() -> Vec<String> {
        let actors = &old_builtin_layer().actors;
        let mut out: Vec<String> = [
            "Iran",
            "IS",
            "US",
            "U.S.",
            "al-Qaeda",
            "Iraqi parliament",
            "Donald Trump",
            "Trump",
            "PMU",
            "Tehran",
            "the",
            "is",
            "us",
            "said",
            "Jane Roe",
            "Roe",
            "Mesopotamia",
            "Daesh",
            "Smith",
            "Fawaz Smith",
            "Islamic State",
            "Washington, D.C.",
        ]
        .map(String::from)
        .to_vec();
        for (i, a) in actors.iter().enumerate() {
            for f in std::iter::once(&a.name).chain(&a.aliases) {
                let odd = f
                    .trim()
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_alphanumeric());
                if odd || i % 211 == 0 {
                    out.push(f.clone());
                }
            }
        }
        out
    }

    const GLUE: &[&str] = &[
        "", " ", " ", " ", "  ", ", ", ". ", "’s ", "'s ", "\"", "“", "”", "‘", "’", "'", "-",
        "\n", "\n\n", "(", ")", "é", "ß", "İ", "日本", "\u{307}", "x", "1", "—", "\t", "ǅ", "Σ",
    ];

    fn recase(s: &str, how: u8) -> String {
        match how {
            0 => s.to_uppercase(),
            1 => s.to_lowercase(),
            2 => s.to_ascii_uppercase(),
            3 => {
                let mut c = s.chars();
                c.next()
                    .map(|f| {
                        f.to_uppercase()
                            .chain(c.flat_map(char::to_lowercase))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            _ => s.to_string(),
        }
    }

    #[test]
    fn the_same_matches_as_the_automaton_on_random_texts() {
        let forms = forms();
        assert!(forms.len() > 200, "{} forms", forms.len());
        let (layered_new, layered_old) = layered();
        let strategy = prop::collection::vec(
            (any::<Index>(), 0u8..8, any::<Index>(), any::<Index>()),
            1..14,
        );
        let mut runner = TestRunner::new(RunnerConfig {
            cases: 600,
            failure_persistence: None,
            ..RunnerConfig::default()
        });
        let matched = std::cell::Cell::new(0);
        runner
            .run(&strategy, |pieces| {
                let mut text = String::new();
                for (form, case, glue, glue2) in pieces {
                    text.push_str(glue.get::<&str>(GLUE));
                    text.push_str(&recase(form.get::<String>(&forms), case));
                    text.push_str(glue2.get::<&str>(GLUE));
                }
                let r = compare(KnowledgeBase::builtin(), old_builtin(), &text);
                prop_assert!(r.is_ok(), "{}", r.as_ref().unwrap_err());
                matched.set(matched.get() + r.unwrap_or(0));
                let r = compare(layered_new, layered_old, &text);
                prop_assert!(r.is_ok(), "user layer: {}", r.unwrap_err());
                Ok(())
            })
            .unwrap();
        // The texts do name actors (about two matches a text).
        assert!(matched.get() > 600, "{} matches", matched.get());
    }
}
