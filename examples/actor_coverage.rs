//! How many capitalized multi-word names in a corpus get a hover (a
//! knowledge-base actor or an in-article one), and what the name rules say.
//!
//! cargo run --example actor_coverage -- tests/fixtures/wikinews
//!
//! A "capitalized multi-word name" is two or more capitalized words in a row
//! inside a sentence ("Royal United Services Institute", "Jack Watling"),
//! not counting sentence-opening function words ("The", "But"). It is
//! covered when a mention of an actor overlaps it.

use std::time::Instant;

use copydesk::actors::names::{is_name_word, tokens};
use copydesk::{analyze, Config, KnowledgeBase, Markup};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/wikinews".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
        .filter(|p| p.file_name().is_none_or(|n| n != "LICENSE.md"))
        .collect();
    paths.sort();
    let t = Instant::now();
    let kb = KnowledgeBase::builtin();
    let build = t.elapsed();
    let config = Config::default();
    let (mut names, mut covered, mut kb_cov, mut art_cov) = (0usize, 0usize, 0usize, 0usize);
    let (mut misspellings, mut variants, mut files) = (0usize, 0usize, 0usize);
    let mut uncovered: std::collections::HashMap<String, usize> = Default::default();
    let mut analysis_time = std::time::Duration::ZERO;
    let mut scan_time = std::time::Duration::ZERO;
    let mut actors_time = std::time::Duration::ZERO;
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        files += 1;
        let t = Instant::now();
        let markup = Markup::from_path_or_language(&p.to_string_lossy());
        let a = analyze(&text, markup, kb, &config);
        analysis_time += t.elapsed();
        // The actors stage alone, and the automaton scan inside it.
        let prose = copydesk::markup::parse(&text, markup);
        let t = Instant::now();
        let found = kb.find(&prose.masked).len();
        scan_time += t.elapsed();
        std::hint::black_box(found);
        let t = Instant::now();
        let r = copydesk::actors::analyze(&text, &prose, &a.paragraphs, &a.sentences, kb);
        actors_time += t.elapsed();
        std::hint::black_box(r.mentions.len());
        for d in &a.diagnostics {
            match d.code {
                "name-misspelling" => {
                    misspellings += 1;
                    println!("name-misspelling {}: {}", p.display(), d.message);
                }
                "inconsistent-name" => {
                    variants += 1;
                    println!("inconsistent-name {}: {}", p.display(), d.message);
                }
                _ => {}
            }
        }
        for s in &a.sentences {
            let toks = tokens(&text, s.range.clone());
            let mut i = 0;
            while i < toks.len() {
                let mut j = i;
                while j < toks.len()
                    && is_name_word(&text[toks[j].range.clone()])
                    && (j == i || &text[toks[j - 1].range.end..toks[j].range.start] == " ")
                {
                    j += 1;
                }
                if j - i >= 2 {
                    let span = toks[i].range.start..toks[j - 1].range.end;
                    names += 1;
                    let hit = a
                        .actors
                        .mentions
                        .iter()
                        .find(|m| m.range.start < span.end && span.start < m.range.end);
                    match hit {
                        Some(m) => {
                            covered += 1;
                            if a.actors.actors[m.actor].source == "article" {
                                art_cov += 1;
                            } else {
                                kb_cov += 1;
                            }
                        }
                        None => *uncovered.entry(text[span].to_string()).or_default() += 1,
                    }
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / names.max(1) as f64;
    println!("files: {files}");
    println!(
        "knowledge base: {} actors, built in {:.2?}",
        kb.len(),
        build
    );
    println!(
        "capitalized multi-word names: {names}; with a hover: {covered} ({:.1}%): knowledge base {kb_cov} ({:.1}%), in-article {art_cov} ({:.1}%)",
        pct(covered),
        pct(kb_cov),
        pct(art_cov)
    );
    println!("name-misspelling: {misspellings}; inconsistent-name: {variants}");
    let n = files.max(1) as u32;
    println!(
        "mean per file: whole pipeline {:.2?}; actors stage {:.2?}, of which the automaton scan {:.2?}",
        analysis_time / n,
        actors_time / n,
        scan_time / n
    );
    let mut top: Vec<_> = uncovered.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("most frequent names without a hover:");
    for (n, c) in top.iter().take(25) {
        println!("  {c:>3}  {n}");
    }
}
