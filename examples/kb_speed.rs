//! The built-in knowledge base's costs, measured in one process:
//!
//! 1. first use: `KnowledgeBase::builtin()` (whatever it does at start-up);
//! 2. the first `find` over the reference article (what the server's first
//!    diagnostics wait for, beside the rest of the analysis), and a second;
//! 3. `find` throughput over the Wikinews corpus repeated to 1 MiB (as in
//!    benches/analysis.rs), best and median of `-n` runs;
//! 4. resident memory (VmRSS, VmHWM from /proc/self/status) after all that.
//!
//! cargo run --release --example kb_speed [-- N]

use std::path::Path;
use std::time::Instant;

use copydesk::KnowledgeBase;

#[path = "../benches/support/inputs.rs"]
mod inputs;
use inputs::{corpus, read, repeat_to, FIXTURES};

fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l[field.len()..].trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let reference = read(&Path::new(FIXTURES).join("reference/iran-iraq-influence.txt"));
    let mb1 = repeat_to(&corpus(), 1 << 20);
    println!("before the base: VmRSS {}", status("VmRSS:"));

    let t = Instant::now();
    let kb = KnowledgeBase::builtin();
    println!("KnowledgeBase::builtin() first use: {:.3} ms", ms(t));
    let t = Instant::now();
    let found = kb.find(&reference).len();
    println!(
        "first find, reference article ({} bytes): {:.3} ms, {found} matches",
        reference.len(),
        ms(t)
    );
    let t = Instant::now();
    let found = kb.find(&reference).len();
    println!(
        "second find, reference article: {:.3} ms, {found} matches",
        ms(t)
    );

    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..n {
        let t = Instant::now();
        found = std::hint::black_box(kb.find(&mb1)).len();
        times.push(ms(t));
    }
    times.sort_by(f64::total_cmp);
    let mib = mb1.len() as f64 / (1 << 20) as f64;
    println!(
        "find, 1 MiB ({} bytes, {found} matches), {n} runs: best {:.2} ms ({:.1} MiB/s), median {:.2} ms ({:.1} MiB/s)",
        mb1.len(),
        times[0],
        mib / times[0] * 1000.0,
        times[n / 2],
        mib / times[n / 2] * 1000.0
    );
    println!(
        "after: VmRSS {}, VmHWM {}",
        status("VmRSS:"),
        status("VmHWM:")
    );
}
