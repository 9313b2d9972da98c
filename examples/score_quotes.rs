//! Scores copydesk's quote analysis against the hand-annotated Wikinews
//! fixtures in tests/fixtures/quotes/.
//!
//! ```text
//! cargo run --example score_quotes [-- --verbose] [--dir quotes-fresh]
//! ```
//!
//! `--dir NAME` scores the fixtures in tests/fixtures/NAME/ instead
//! (default `quotes`; `quotes-fresh` is the second set, see its README).
//!
//! Prints quote-detection precision / recall / F1 (>= 30% overlap of the gold
//! span, and exact span), kind accuracy and speaker accuracy, per article and
//! overall; `--verbose` lists every miss, false alarm, kind error and wrong
//! speaker. The scoring itself is in tests/quote_scoring/mod.rs, shared with
//! tests/quote_scores.rs.

#[path = "../tests/quote_scoring/mod.rs"]
mod quote_scoring;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let dir = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map_or("quotes", String::as_str);
    match quote_scoring::score_all_in(dir) {
        Ok(report) => print!("{}", report.render(verbose)),
        Err(e) => {
            eprintln!("score_quotes: fixture error: {e}");
            std::process::exit(2);
        }
    }
}
