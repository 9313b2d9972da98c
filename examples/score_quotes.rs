//! Scores copydesk's quote analysis against the hand-annotated Wikinews
//! fixtures in tests/fixtures/quotes/.
//!
//! ```text
//! cargo run --example score_quotes [-- --verbose]
//! ```
//!
//! Prints quote-detection precision / recall / F1 (>= 30% overlap of the gold
//! span, and exact span), kind accuracy and speaker accuracy, per article and
//! overall; `--verbose` lists every miss, false alarm, kind error and wrong
//! speaker. The scoring itself is in tests/quote_scoring/mod.rs, shared with
//! tests/quote_scores.rs.

#[path = "../tests/quote_scoring/mod.rs"]
mod quote_scoring;

fn main() {
    let verbose = std::env::args()
        .skip(1)
        .any(|a| a == "--verbose" || a == "-v");
    match quote_scoring::score_all() {
        Ok(report) => print!("{}", report.render(verbose)),
        Err(e) => {
            eprintln!("score_quotes: fixture error: {e}");
            std::process::exit(2);
        }
    }
}
