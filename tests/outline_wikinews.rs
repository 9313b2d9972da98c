//! The plain-text heading heuristic over the whole Wikinews corpus (issue 5).
//!
//! Every article in tests/fixtures/wikinews is read AS PLAIN TEXT and every
//! line the heuristic calls a heading is listed. The list was reviewed by
//! hand and committed as tests/fixtures/outline/wikinews-plaintext-headings.txt;
//! this test fails when the heuristic's answer drifts from it. To write a
//! new list after a deliberate change, run with `UPDATE_EXPECT=1` and review
//! the diff line by line before committing it.

use std::path::Path;

use copydesk::{analyze, Config, KnowledgeBase, Markup};

const LIST: &str = "tests/fixtures/outline/wikinews-plaintext-headings.txt";

fn articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikinews");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("wikinews fixtures")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".md") && n != "LICENSE.md")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                std::fs::read_to_string(dir.join(&n)).expect("article"),
            )
        })
        .collect()
}

/// One line per heading: `file<TAB>¶N<TAB>level<TAB>heading line`.
fn headings_as_plain_text() -> String {
    let mut out = String::new();
    for (name, text) in articles() {
        let a = analyze(
            &text,
            Markup::PlainText,
            KnowledgeBase::empty(),
            &Config::default(),
        );
        for (_, s) in a.outline.walk() {
            let p = s.paragraph.expect("plain-text headings are paragraphs");
            out.push_str(&format!(
                "{name}\t¶{}\t{}\t{}\n",
                p + 1,
                s.level,
                &text[s.heading.clone()]
            ));
        }
    }
    out
}

#[test]
fn heuristic_yields_the_reviewed_list() {
    let got = headings_as_plain_text();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).expect("write the list");
    }
    let want = std::fs::read_to_string(&path).expect("the reviewed list");
    if got != want {
        let missing: Vec<&str> = want
            .lines()
            .filter(|l| !got.lines().any(|g| g == *l))
            .collect();
        let extra: Vec<&str> = got
            .lines()
            .filter(|l| !want.lines().any(|w| w == *l))
            .collect();
        panic!(
            "the heuristic drifted from the reviewed list\nno longer found:\n{}\nnewly found:\n{}",
            missing.join("\n"),
            extra.join("\n")
        );
    }
}

#[test]
fn no_dateline_is_a_heading() {
    // The second paragraph of every article is its dateline.
    let mut checked = 0;
    for (name, text) in articles() {
        let a = analyze(
            &text,
            Markup::PlainText,
            KnowledgeBase::empty(),
            &Config::default(),
        );
        let dateline = &a.paragraphs[1];
        assert!(
            copydesk::outline::heuristic::judge_line(&text[dateline.range.clone()]).is_err(),
            "{name}: dateline {:?} taken for a heading",
            &text[dateline.range.clone()]
        );
        assert!(
            a.outline.walk().iter().all(|(_, s)| s.paragraph != Some(1)),
            "{name}"
        );
        checked += 1;
    }
    assert_eq!(checked, 171);
}

#[test]
fn no_listed_heading_is_a_sentence() {
    let want = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST))
        .expect("the reviewed list");
    for line in want.lines() {
        let heading = line.rsplit('\t').next().unwrap();
        assert!(!heading.ends_with(['.', '!', '?', ':', ';']), "{line}");
        assert!(
            heading.split_whitespace().count() <= copydesk::outline::heuristic::MAX_WORDS + 1,
            "{line}"
        );
    }
}

#[test]
fn as_markdown_each_article_opens_with_its_title() {
    for (name, text) in articles() {
        let a = analyze(
            &text,
            Markup::Markdown,
            KnowledgeBase::empty(),
            &Config::default(),
        );
        let first_line = text.lines().next().unwrap();
        let titles: Vec<String> = a
            .outline
            .walk()
            .iter()
            .map(|(_, s)| s.title.clone())
            .collect();
        assert_eq!(
            titles.first().map(String::as_str),
            first_line.strip_prefix("# "),
            "{name}"
        );
        assert_eq!(a.outline.sections[0].level, 1, "{name}");
    }
}
