//! Quote analysis on small texts: one line per quotation,
//! `kind «text» <- mention (name) via`.

use crate::analysis::{analyze, QuoteKind};
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::markup::Markup;

fn render(text: &str, markup: Markup, config: &Config) -> Vec<String> {
    let a = analyze(text, markup, KnowledgeBase::empty(), config);
    a.quotes
        .iter()
        .map(|q| {
            let kind = match q.kind {
                QuoteKind::Quote => "quote",
                QuoteKind::Term => "term",
            };
            let words: Vec<&str> = q.text.split_whitespace().take(4).collect();
            let block = if q.block { " (block)" } else { "" };
            match &q.speaker {
                Some(s) => format!(
                    "{kind}{block} «{}» <- {} ({}) {:?}",
                    words.join(" "),
                    s.mention,
                    s.name,
                    s.via
                ),
                None => format!("{kind}{block} «{}»", words.join(" ")),
            }
        })
        .collect()
}

fn check(text: &str, expect: &[&str]) {
    assert_eq!(
        render(text, Markup::PlainText, &Config::default()),
        expect,
        "\n{text}"
    );
}

#[test]
fn verb_after_and_before() {
    check(
        "Fawaz Gerges teaches in London.\n\n“Iran is currently the most influential state,” said Fawaz Gerges. “This power will only grow.”\n\n“If the United States leaves, they will go home “said Gerges.",
        &[
            "quote «Iran is currently the» <- Fawaz Gerges (Fawaz Gerges) Verb",
            "quote «This power will only» <- Fawaz Gerges (Fawaz Gerges) Paragraph",
            "quote «If the United States» <- Gerges (Fawaz Gerges) Verb",
        ],
    );
}

#[test]
fn pronoun_resolves_to_nearest_named_speaker() {
    check(
        "Watling said that the United States had shifted its interests to the fight against Iran.\n\n“There are contradictions in American policy in the region,” he said.",
        &["quote «There are contradictions in» <- he (Watling) Pronoun"],
    );
    check(
        "Jack Watling works in London. Watling said that the United States had shifted.\n\n“There are contradictions in American policy,” he said.",
        &["quote «There are contradictions in» <- he (Jack Watling) Pronoun"],
    );
}

#[test]
fn terms_and_partial_quotes() {
    check(
        "Watling asked what Trump’s “maximum pressure” campaign was aimed at.",
        &["term «maximum pressure»"],
    );
    check(
        "Protesters rallied against cronyism, which they attribute to “confessionalism,” a system of government.",
        &["term «confessionalism,»"],
    );
    check(
        "Obama called the report “just not true.”",
        &["quote «just not true.» <- Obama (Obama) Verb"],
    );
    check(
        "The deal was “a disaster,” Trump said.",
        &["quote «a disaster,» <- Trump (Trump) Verb"],
    );
    check(
        "She starred in “The Man Who Knew Too Much” and a song called “Day after Day, Again and Again.”",
        &["term «The Man Who Knew»", "term «Day after Day, Again»"],
    );
}

#[test]
fn according_to_colon_and_role() {
    check(
        "According to the ministry, “the border will stay closed for now.”",
        &["quote «the border will stay» <- the ministry (the ministry) AccordingTo"],
    );
    check(
        "Watling said: “It is a real problem for them.”",
        &["quote «It is a real» <- Watling (Watling) Colon"],
    );
    check(
        "Jane Doe, a spokeswoman for the ministry, spoke on Monday.\n\n“We will not comment on it,” the spokeswoman said.",
        &["quote «We will not comment» <- the spokeswoman (Jane Doe) Role"],
    );
    check(
        "The Iraqi interim prime minister said that withdrawal was the only way to “protect everyone on the ground.”",
        &["quote «protect everyone on the» <- The Iraqi interim prime minister (The Iraqi interim prime minister) Verb"],
    );
}

#[test]
fn multi_paragraph_and_unattributed() {
    check(
        "“The first part runs on and on,” he said. “And there is more to say.\n\n“It ends here, in the second paragraph.”",
        &["quote «The first part runs» <- he (he) Pronoun", "quote «And there is more» <- he (he) Continuation"],
    );
    check(
        "“The Iraqis want to get rid of both,” said Hitermann.\n\n“The Shia Iraqis may be vaguely aligned with Iran.”",
        &["quote «The Iraqis want to» <- Hitermann (Hitermann) Verb", "quote «The Shia Iraqis may»"],
    );
}

#[test]
fn context_from_reported_speech() {
    check(
        "Smith said the talks would continue next week.\n\n“We are close to a deal on this.”",
        &["quote «We are close to» <- Smith (Smith) Context"],
    );
}

#[test]
fn markdown_block_quote() {
    let text = "Watling said:\n\n> The PMUs are now part of the army and answer to no one.\n\nLater text.\n\n> Another long block quote with no source at all.\n";
    assert_eq!(
        render(text, Markup::Markdown, &Config::default()),
        vec![
            "quote (block) «The PMUs are now» <- Watling (Watling) Colon",
            "quote (block) «Another long block quote»"
        ]
    );
}

#[test]
fn config_words_and_verbs() {
    let config = Config {
        quote_min_words: 2,
        speech_verbs: vec!["harrumph".into()],
        ..Config::default()
    };
    assert_eq!(
        render(
            "It was “a disaster.” “We lost everything today,” Smith harrumphed.",
            Markup::PlainText,
            &config
        ),
        vec![
            "quote «a disaster.» <- Smith (Smith) Paragraph",
            "quote «We lost everything today,» <- Smith (Smith) Verb"
        ]
    );
}

#[test]
fn straight_quotes_with_nested_singles() {
    check(
        "When interviewed by the BBC, Day said of Hudson, \"Many people would ask me, 'Is Rock Hudson really gay?' and I said, 'It's something that I will not discuss.'\"",
        &[
            "quote «Many people would ask» <- Day (Day) Verb",
            "quote «Is Rock Hudson really» <- Many people (Many people) Verb",
            "quote «It's something that I» <- I (Day) Pronoun",
        ],
    );
}

#[test]
fn she_goes_to_the_woman_the_text_says_she_is() {
    check(
        "Tom Smith, a director, arrived first. Actress Jane Roe came later with Tom Smith's son. He said, \"I will never forget those long days on the set.\"",
        &["quote «I will never forget» <- He (Tom Smith) Pronoun"],
    );
}

#[test]
fn a_document_speaks_for_whoever_issued_it() {
    check(
        "On Friday, the Combined Joint Task Force released a statement about the attack.\n\n\"No Coalition troops were injured in the attack,\" read the statement.",
        &["quote «No Coalition troops were» <- the statement (Combined Joint Task Force) Role"],
    );
}

#[test]
fn according_to_a_tweet_by_a_person() {
    check(
        "\"The airline transports weapons and fighters across the region,\" according to a tweet on Monday by Secretary of State Mike Pompeo.",
        &["quote «The airline transports weapons» <- Mike Pompeo (Mike Pompeo) AccordingTo"],
    );
}
