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
