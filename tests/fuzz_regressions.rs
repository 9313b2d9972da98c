//! Every input a fuzzer ever crashed copydesk with, kept as a regression
//! test (issue 9), plus hand-written hostile inputs. Each file in
//! tests/fixtures/fuzz/ is analysed as plain text and as Markdown with the
//! same checks the fuzz targets make (ranges on character boundaries, no
//! panic). Binary inputs are read lossily, as the fuzzers' `&str` would be.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use copydesk::Markup;

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|f| f == "README.md")
        {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        common::check(&text, Markup::PlainText);
        common::check(&text, Markup::Markdown);
        n += 1;
    }
    assert!(n > 0, "no regression inputs found in {dir}");
}
