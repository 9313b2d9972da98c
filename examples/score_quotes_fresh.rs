//! Scores the quote analysis on the fresh set, tests/fixtures/quotes-fresh/:
//! 50 Wikinews articles annotated blind on 2026-11-28 from the article text
//! alone. It was scored blind once: speaker accuracy 82.5% at 46be5ff, then
//! 84.7% after a first tuning round on the development set. Since then it has
//! been used for development too (its single errors were read and fixed with
//! general rules: `cargo run --example score_quotes -- --verbose --dir
//! quotes-fresh`), so its figures are no longer blind. This example prints
//! totals only.
//!
//! ```text
//! cargo run --example score_quotes_fresh
//! ```
//!
//! The scoring is tests/quote_scoring/mod.rs, shared with `score_quotes`,
//! `score_quotes_split` and tests/quote_scores.rs.

#[path = "../tests/quote_scoring/mod.rs"]
mod quote_scoring;

use quote_scoring::score_all_in;

fn main() {
    match score_all_in("quotes-fresh") {
        Ok(report) => {
            println!(
                "== fresh set ({} articles; blind once, since tuned on)",
                report.articles.len()
            );
            println!("{}", report.total.summary());
        }
        Err(e) => {
            eprintln!("score_quotes_fresh: fixture error: {e}");
            std::process::exit(2);
        }
    }
}
