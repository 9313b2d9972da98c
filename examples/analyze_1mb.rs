//! Analyse the Wikinews corpus repeated to 1 MiB `N` times in one process
//! and print the best and median times of each stage group: a steady
//! target for `perf record` and a figure that the shared machine's load
//! disturbs less than criterion's means (the best of N runs).
//!
//! cargo run --release --example analyze_1mb [-- N [incremental]]

use std::sync::Arc;
use std::time::Instant;

use copydesk::incremental::Analyzer;
use copydesk::{analyze, Config, KnowledgeBase, Markup};

#[path = "../benches/support/inputs.rs"]
mod inputs;
use inputs::{corpus, repeat_to};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let incremental = args.next().is_some_and(|a| a == "incremental");
    let text = repeat_to(&corpus(), 1 << 20);
    let kb = Arc::new(KnowledgeBase::builtin().clone());
    let config = Arc::new(Config::default());
    let mut edited = text.clone();
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    edited.insert(at, 'x');
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&text, Markup::Markdown, &kb, &config);
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        let a = if incremental {
            let t = if i % 2 == 0 { &edited } else { &text };
            analyzer.analyze(t, Markup::Markdown, &kb, &config)
        } else {
            analyze(&text, Markup::Markdown, &kb, &config)
        };
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(a);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} ({} bytes, {n} runs): best {:.1} ms, median {:.1} ms",
        if incremental {
            "incremental keystroke"
        } else {
            "analyze"
        },
        text.len(),
        times[0],
        times[n / 2]
    );
}
