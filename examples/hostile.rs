//! Write the hostile shapes of benches/support/hostile.rs to files, to time
//! any build of `copydesk check` on them (BENCHMARKS.md):
//!
//! cargo run --release --example hostile -- DIR SIZE_IN_BYTES

#[path = "../benches/support/hostile.rs"]
mod hostile;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(size)) = (args.next(), args.next().and_then(|s| s.parse().ok())) else {
        eprintln!("usage: hostile DIR SIZE_IN_BYTES");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    for (name, text) in hostile::shapes(size) {
        let path = format!("{dir}/{name}-{size}.txt");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}");
    }
}
