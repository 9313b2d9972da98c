//! Scores the quote analysis on a dev / held-out split of the fixtures in
//! tests/fixtures/quotes/: the dev half is the first half of the file names
//! in sorted order (19 of 38), the former held-out half the rest. Both halves
//! have now been read and tuned on (a fresh blind held-out set is annotated
//! separately), so the split only shows how the figures moved per half.
//!
//! ```text
//! cargo run --example score_quotes_split [-- --verbose]
//! ```
//!
//! `--verbose` lists the misses, false alarms and wrong speakers of each
//! half. The scoring is tests/quote_scoring/mod.rs, shared with
//! `score_quotes` and tests/quote_scores.rs.

#[path = "../tests/quote_scoring/mod.rs"]
mod quote_scoring;

use quote_scoring::{fixture_paths, load, run, score, Report, Score};

fn half(paths: &[std::path::PathBuf]) -> Result<Report, String> {
    let mut articles = Vec::new();
    let mut total = Score::default();
    for path in paths {
        let loaded = load(path)?;
        let s = score(&loaded, &run(&loaded));
        total.add(&s);
        articles.push((loaded.name.clone(), s));
    }
    Ok(Report { articles, total })
}

fn main() {
    let verbose = std::env::args()
        .skip(1)
        .any(|a| a == "--verbose" || a == "-v");
    let paths = fixture_paths();
    let cut = paths.len().div_ceil(2);
    let (dev, held) = paths.split_at(cut);
    let result = (|| -> Result<(), String> {
        let dev = half(dev)?;
        println!("== dev half ({} articles)", dev.articles.len());
        print!("{}", dev.render(verbose));
        let held = half(held)?;
        println!(
            "\n== former held-out half ({} articles)",
            held.articles.len()
        );
        if verbose {
            print!("{}", held.render(true));
        } else {
            println!("{}", held.total.summary());
        }
        let mut all = Score::default();
        all.add(&dev.total);
        all.add(&held.total);
        println!("\n== overall ({} articles)", paths.len());
        println!("{}", all.summary());
        Ok(())
    })();
    if let Err(e) = result {
        eprintln!("score_quotes_split: fixture error: {e}");
        std::process::exit(2);
    }
}
