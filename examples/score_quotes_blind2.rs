//! Scores the quote analysis on the second blind set,
//! tests/fixtures/quotes-blind2/: 66 Wikinews articles annotated blind on
//! 2026-11-28 (from the article text alone) while the rules were being tuned
//! on the other two sets, and scored once at the end. Only totals are
//! printed, never the single errors, so that reading this output does not
//! turn the set into a development set.
//!
//! ```text
//! cargo run --example score_quotes_blind2
//! ```
//!
//! The scoring is tests/quote_scoring/mod.rs, shared with `score_quotes`,
//! `score_quotes_split`, `score_quotes_fresh` and tests/quote_scores.rs.

#[path = "../tests/quote_scoring/mod.rs"]
mod quote_scoring;

use quote_scoring::score_all_in;

fn main() {
    match score_all_in("quotes-blind2") {
        Ok(report) => {
            println!("== second blind set ({} articles)", report.articles.len());
            println!("{}", report.total.summary());
        }
        Err(e) => {
            eprintln!("score_quotes_blind2: fixture error: {e}");
            std::process::exit(2);
        }
    }
}
