use super::*;
use crate::analysis::{Quote, QuoteKind, Speaker, Via};
use crate::markup::{parse, Markup};

fn outline(text: &str, markup: Markup, quotes: &[Quote]) -> Outline {
    let prose = parse(text, markup);
    build(text, &prose, &prose.paragraphs(), quotes)
}

/// `title@level[children]` for each section, to compare trees at a glance.
fn shape(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| {
            if s.children.is_empty() {
                format!("{}@{}", s.title, s.level)
            } else {
                format!("{}@{}[{}]", s.title, s.level, shape(&s.children))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn quote(text: &str, whole: &str, speaker: Option<&str>, kind: QuoteKind) -> Quote {
    let start = text.find(whole).expect("quote in text");
    Quote {
        range: start..start + whole.len(),
        text: whole.trim_matches(['“', '”']).to_string(),
        kind,
        paragraph: 0,
        speaker: speaker.map(|n| Speaker {
            mention: n.into(),
            mention_range: 0..0,
            name: n.into(),
            actor: None,
            via: Via::Verb,
        }),
        block: false,
    }
}

#[test]
fn atx_and_setext_headings_nest_by_level() {
    let text = "# Story\n\nLead.\n\nBackground\n----------\n\nBody.\n\n### Detail ###\n\nMore.\n\n## Reaction\n\nEnd.\n";
    let o = outline(text, Markup::Markdown, &[]);
    assert_eq!(
        shape(&o.sections),
        "Story@1[Background@2[Detail@3], Reaction@2]"
    );
    let story = &o.sections[0];
    assert_eq!(&text[story.heading.clone()], "# Story");
    assert_eq!(story.range, 0..text.trim_end().len());
    let background = &story.children[0];
    assert_eq!(&text[background.heading.clone()], "Background");
    assert_eq!(
        &text[background.range.clone()],
        "Background\n----------\n\nBody.\n\n### Detail ###\n\nMore."
    );
    let detail = &background.children[0];
    assert_eq!(&text[detail.heading.clone()], "### Detail ###");
    assert_eq!(detail.title, "Detail");
    assert_eq!(o.lead, None, "nothing before the first heading");
}

#[test]
fn no_headings_in_code_blocks_or_front_matter() {
    let text = "---\nauthor: someone\n# not: a heading\n---\n\nText.\n\n```\n# Not a heading\n```\n\n    # indented code\n\n## Real\n\nBody.";
    let o = outline(text, Markup::Markdown, &[]);
    assert_eq!(shape(&o.sections), "Real@2");
}

#[test]
fn front_matter_title_is_the_top_heading() {
    let text =
        "---\ntitle: \"Iran’s reach\"\n---\n\nLead paragraph.\n\n## How Iran Seized Iraq\n\nBody.";
    let o = outline(text, Markup::Markdown, &[]);
    assert_eq!(shape(&o.sections), "Iran’s reach@1[How Iran Seized Iraq@2]");
    let title = &o.sections[0];
    assert_eq!(title.source, HeadingSource::FrontMatter);
    assert_eq!(&text[title.heading.clone()], "Iran’s reach");
    assert_eq!(title.range.end, text.len());
    assert_eq!(title.paragraph, None);
}

#[test]
fn plain_text_crossheads() {
    let text = "First paragraph of the story, which is long enough.\n\nSecond paragraph.\n\nHow Iran Seized Iraq\n\nBody text here.\n\nWin hearts and minds\n\nLast paragraph.\n";
    let o = outline(text, Markup::PlainText, &[]);
    assert_eq!(
        shape(&o.sections),
        "How Iran Seized Iraq@2, Win hearts and minds@2"
    );
    assert_eq!(
        &text[o.sections[0].range.clone()],
        "How Iran Seized Iraq\n\nBody text here."
    );
    assert_eq!(
        &text[o.sections[1].range.clone()],
        "Win hearts and minds\n\nLast paragraph."
    );
    assert_eq!(o.sections[0].source, HeadingSource::PlainText);
    assert_eq!(o.sections[0].paragraph, Some(2));
    let lead = o.lead.expect("a lead");
    assert_eq!(
        &text[lead.range],
        "First paragraph of the story, which is long enough.\n\nSecond paragraph."
    );
}

#[test]
fn plain_text_hash_lines_and_datelines() {
    let text = "# Actor Doris Day dies at 97\n\nThursday, May 16, 2019\n\nUS singer Doris Day died on Monday.\n\nCareer\n\nShe made 29 studio albums.";
    let o = outline(text, Markup::PlainText, &[]);
    assert_eq!(shape(&o.sections), "Actor Doris Day dies at 97@1[Career@2]");
    assert_eq!(
        &text[o.sections[0].heading.clone()],
        "# Actor Doris Day dies at 97"
    );
}

#[test]
fn markdown_without_marks_uses_the_heuristic() {
    let text = "A long first paragraph of body text.\n\n**What comes next**\n\nMore body text.";
    let o = outline(text, Markup::Markdown, &[]);
    assert_eq!(shape(&o.sections), "What comes next@2");
    // ...but not once the text has a single real heading.
    let text =
        "## Marked\n\nA long first paragraph of body text.\n\nWhat comes next\n\nMore body text.";
    assert_eq!(
        shape(&outline(text, Markup::Markdown, &[]).sections),
        "Marked@2"
    );
}

#[test]
fn quotes_go_to_the_innermost_section_and_terms_are_left_out() {
    let text = "Lead “one two three four” said A.\n\n## Top\n\n“Five six seven eight,” said B.\n\n### Sub\n\nA “term” and “nine ten eleven twelve” with no source.\n\n## Next\n\nEnd.";
    let quotes = vec![
        quote(
            text,
            "“one two three four”",
            Some("Ann Able"),
            QuoteKind::Quote,
        ),
        quote(
            text,
            "“Five six seven eight,”",
            Some("Bob Baker"),
            QuoteKind::Quote,
        ),
        quote(text, "“term”", None, QuoteKind::Term),
        quote(text, "“nine ten eleven twelve”", None, QuoteKind::Quote),
    ];
    let o = outline(text, Markup::Markdown, &quotes);
    assert_eq!(o.lead.as_ref().unwrap().quotes, vec![0]);
    assert_eq!(o.sections[0].quotes, vec![1]);
    assert_eq!(o.sections[0].children[0].quotes, vec![3]);
    assert_eq!(o.sections[0].all_quotes(), vec![1, 3]);
    assert!(o.sections[1].quotes.is_empty());
    assert_eq!(
        quote_label(&quotes[1], &ActorReport::default()),
        "Baker: “Five six seven…”"
    );
    assert_eq!(
        quote_label(&quotes[3], &ActorReport::default()),
        "(no source): “nine ten eleven…”"
    );
    let all: Vec<&Quote> = o.sections[0]
        .all_quotes()
        .iter()
        .map(|&i| &quotes[i])
        .collect();
    assert_eq!(
        sources(&all, &ActorReport::default()),
        (vec!["Baker".to_string()], 1)
    );
}

#[test]
fn names_and_first_words() {
    assert_eq!(short_name("Fawaz Gerges"), "Gerges");
    assert_eq!(short_name("Jack Watling"), "Watling");
    assert_eq!(short_name("Gerges"), "Gerges");
    assert_eq!(
        short_name("the Iraqi interim prime minister"),
        "the Iraqi interim prime minister"
    );
    assert_eq!(
        first_words("Iran is currently the most influential state", 3),
        "Iran is currently…"
    );
    assert_eq!(
        first_words("If the United States leaves,", 3),
        "If the United…"
    );
    assert_eq!(first_words("just not true.", 3), "just not true.");
    assert_eq!(first_words("Yes, no, maybe, so", 3), "Yes, no, maybe…");
}

#[test]
fn empty_and_headless_texts() {
    let o = outline("", Markup::PlainText, &[]);
    assert!(o.sections.is_empty() && o.lead.is_none());
    let o = outline("Just one paragraph of body text.", Markup::PlainText, &[]);
    assert!(o.sections.is_empty());
    assert_eq!(o.lead.unwrap().range, 0..32);
}

#[test]
fn markdown_titles_are_the_words_without_marks() {
    let text = "## How **Iran** seized [Iraq](http://example.org/x)\n\nBody.\n\nA setext heading\nover two lines\n===\n\nBody.";
    let o = outline(text, Markup::Markdown, &[]);
    let titles: Vec<&str> = o.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["How Iran seized Iraq", "A setext heading over two lines"]
    );
    assert_eq!(
        &text[o.sections[1].heading.clone()],
        "A setext heading\nover two lines"
    );
    // Emphasis around words of an unmarked crosshead is not in the way either.
    let text = "A long first paragraph of body text.\n\n**What** comes _next_\n\nMore body text.";
    let o = outline(text, Markup::Markdown, &[]);
    assert_eq!(o.sections[0].title, "What comes next");
}

#[test]
fn speakers_known_to_the_actor_report() {
    use crate::actors::ArticleActor;
    use crate::kb::ActorKind;
    let actor = |id: &str, kind, name: &str, surname: Option<&str>| ArticleActor {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        description: String::new(),
        source: "article".into(),
        surname: surname.map(str::to_string),
        introduction: None,
        mention_count: 1,
        first_mention: 0..0,
    };
    let report = ActorReport {
        actors: vec![
            actor(
                "p",
                ActorKind::Person,
                "Joost Hiltermann",
                Some("Hiltermann"),
            ),
            actor("o", ActorKind::Organization, "Islamic State", None),
        ],
        ..Default::default()
    };
    let speaker = |name: &str, id: Option<&str>| Speaker {
        mention: name.into(),
        mention_range: 0..0,
        name: name.into(),
        actor: id.map(str::to_string),
        via: Via::Verb,
    };
    assert_eq!(
        speaker_name(&speaker("Joost Hiltermann", Some("p")), &report),
        "Hiltermann"
    );
    assert_eq!(
        speaker_name(&speaker("Islamic State", Some("o")), &report),
        "Islamic State"
    );
    assert_eq!(
        speaker_name(&speaker("Fawaz Gerges", None), &report),
        "Gerges"
    );
    // A role that mentions a body is named by the role.
    let mut role = speaker("Islamic State", Some("o"));
    role.mention = "the group's spokesman".into();
    assert_eq!(speaker_name(&role, &report), "the group's spokesman");
}

#[test]
fn crlf_line_breaks() {
    let text = "A long first paragraph of body text.\r\n\r\nHow Iran Seized Iraq\r\n\r\nMore body text.\r\n";
    let o = outline(text, Markup::PlainText, &[]);
    assert_eq!(shape(&o.sections), "How Iran Seized Iraq@2");
    assert_eq!(&text[o.sections[0].heading.clone()], "How Iran Seized Iraq");
    assert_eq!(
        &text[o.sections[0].range.clone()],
        "How Iran Seized Iraq\r\n\r\nMore body text."
    );
}
