//! Criterion benchmarks of the analysis core, each beside its floor.
//!
//! Inputs: the reference article (8.8 KB, plain text), the Wikinews corpus
//! concatenated (about 420 KB, Markdown), and synthetic 1 MB and 10 MB
//! documents made by repeating the corpus. For each input:
//!
//! - `analyze/<input>`: `copydesk::analyze` with the built-in knowledge base
//!   and the default config;
//! - `floor/<input>`: the least work this job can do on those bytes: one pass
//!   of an aho-corasick automaton over the built-in knowledge base's aliases
//!   (lower-case keys over an ASCII-lower-cased copy, all matches reported) plus one memchr
//!   pass for the bytes that start a quote mark.
//!
//! - `incremental-keystroke/<input>`: `copydesk::incremental::Analyzer`
//!   on a version one character away from the version it analysed before
//!   (a character typed in the middle of the text, then deleted, in turn).
//!
//! Throughput is reported in bytes; BENCHMARKS.md has the ratios.
//! Run: `cargo bench --bench analysis` (add `COPYDESK_BENCH_10MB=1` for 10 MB).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{
    black_box, criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

use copydesk::incremental::Analyzer;
use copydesk::{analyze, Config, KnowledgeBase, Markup};

#[path = "support/inputs.rs"]
mod inputs;
use inputs::{corpus, read, repeat_to, FIXTURES};

/// The knowledge base the analysis runs with: the built-in one. Its first
/// use (the embedded image, read in place) and the first `find` over the
/// reference article (the actors it names are materialized then) are timed
/// once and printed.
fn kb() -> &'static KnowledgeBase {
    static TIMED: std::sync::Once = std::sync::Once::new();
    TIMED.call_once(|| {
        let t = Instant::now();
        let kb = KnowledgeBase::builtin();
        let first_use = t.elapsed();
        let reference = read(&Path::new(FIXTURES).join("reference/iran-iraq-influence.txt"));
        let t = Instant::now();
        let found = kb.find(&reference).len();
        let first_find = t.elapsed();
        eprintln!(
            "built-in knowledge base: first use {:.3} ms, then first find over the reference \
             article {:.3} ms ({found} matches); {} actors, {} aliases",
            first_use.as_secs_f64() * 1000.0,
            first_find.as_secs_f64() * 1000.0,
            kb.len(),
            aliases().len()
        );
    });
    KnowledgeBase::builtin()
}

/// Every name and alias of the built-in base, lower-cased and deduplicated,
/// as the knowledge base keys them.
fn aliases() -> Vec<String> {
    let mut all: Vec<String> = KnowledgeBase::builtin()
        .actors()
        .flat_map(|a| std::iter::once(&a.name).chain(a.aliases.iter()))
        .map(|s| s.trim().to_lowercase())
        .filter(|s| s.chars().count() >= 2)
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The alias automaton built as the knowledge base built its own before its
/// word-unit matcher (src/kb/oracle.rs keeps it): lower-case keys, contiguous
/// NFA, all matches, run over an ASCII-lower-cased copy of the text.
fn automaton() -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(aliases())
        .expect("alias automaton")
}

/// The floor: one automaton pass over every alias, one memchr pass over the
/// lead bytes of quote marks (`"`, `'`, 0xE2 for “ ” ‘ ’ „ ‚, 0xC2 for « »).
fn floor(ac: &AhoCorasick, text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let mentions = ac.find_overlapping_iter(&lower).count();
    let bytes = text.as_bytes();
    let mut marks = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).count();
    marks += memchr::memchr_iter(0xC2, bytes).count();
    mentions + marks
}

fn inputs() -> Vec<(&'static str, Markup, String)> {
    let reference = read(&Path::new(FIXTURES).join("reference/iran-iraq-influence.txt"));
    let corpus = corpus();
    let mb1 = repeat_to(&corpus, 1 << 20);
    let mut inputs = vec![
        ("reference", Markup::PlainText, reference),
        ("wikinews", Markup::Markdown, corpus.clone()),
        ("1mb", Markup::Markdown, mb1),
    ];
    // 10 MB takes over a second per iteration (linear: about ten times
    // 1 MB, see BENCHMARKS.md): on demand, to keep the default run short.
    if std::env::var_os("COPYDESK_BENCH_10MB").is_some() {
        inputs.push(("10mb", Markup::Markdown, repeat_to(&corpus, 10 << 20)));
    }
    inputs
}

fn benches(c: &mut Criterion) {
    // No maxDocumentSize limit: the 10 MB input is over the 8 MB default
    // and would otherwise measure only the document-too-large guard.
    let config = Config {
        max_document_size: 0,
        ..Config::default()
    };
    let kb = kb();
    let ac = automaton();
    for (name, markup, text) in inputs() {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() >= 100 << 10 {
            group.sampling_mode(SamplingMode::Flat);
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(if text.len() >= 10 << 20 {
                8
            } else {
                4
            }));
        } else {
            group.sample_size(30);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(3));
        }
        group.bench_with_input(BenchmarkId::new("analyze", text.len()), &text, |b, t| {
            b.iter(|| analyze(black_box(t), markup, kb, &config))
        });
        // The incremental analysis of a version one character away from
        // the one analysed before (versions alternate: a character typed
        // in the middle of the text, then deleted).
        let edited = {
            let mut at = text.len() / 2;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut t = text.clone();
            t.insert(at, 'x');
            t
        };
        let (kb_arc, config_arc) = (Arc::new(kb.clone()), Arc::new(config.clone()));
        let mut analyzer = Analyzer::new();
        analyzer.analyze(&text, markup, &kb_arc, &config_arc);
        let mut flip = false;
        group.bench_function(BenchmarkId::new("incremental-keystroke", text.len()), |b| {
            b.iter(|| {
                flip = !flip;
                let t = if flip { &edited } else { &text };
                analyzer.analyze(black_box(t), markup, &kb_arc, &config_arc)
            })
        });
        group.bench_with_input(BenchmarkId::new("floor", text.len()), &text, |b, t| {
            b.iter(|| floor(&ac, black_box(t)))
        });
        group.finish();
    }
}

/// Each stage of the pipeline (as `copydesk::analyze` runs them) on the
/// 1 MB input, with the earlier stages' results computed once: where the
/// analysis spends its time. Run: `cargo bench --bench analysis -- stages`.
fn stages(c: &mut Criterion) {
    use copydesk::{actors, markup, outline, quotes, rules, text};
    let config = Config::default();
    let kb = kb();
    let corpus = corpus();
    let t = repeat_to(&corpus, 1 << 20);
    let t = t.as_str();
    let markup = Markup::Markdown;
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(t.len() as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));

    let prose = markup::parse(t, markup);
    let paragraphs = prose.paragraphs();
    let sentences = text::sentences::split(&prose.masked, &paragraphs);
    let report = quotes::analyze(t, &prose, &paragraphs, &sentences, &config);
    let actor_report = actors::analyze(t, &prose, &paragraphs, &sentences, kb);
    let analysis = analyze(t, markup, kb, &config);

    group.bench_function("markup", |b| {
        b.iter(|| {
            let p = markup::parse(black_box(t), markup);
            p.paragraphs()
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| text::sentences::split(black_box(&prose.masked), &paragraphs))
    });
    group.bench_function("quotes", |b| {
        b.iter(|| quotes::analyze(black_box(t), &prose, &paragraphs, &sentences, &config))
    });
    group.bench_function("actors", |b| {
        b.iter(|| actors::analyze(black_box(t), &prose, &paragraphs, &sentences, kb))
    });
    group.bench_function("kb_find", |b| b.iter(|| kb.find(black_box(&prose.masked))));
    group.bench_function("link_speakers", |b| {
        b.iter_batched_ref(
            || report.quotes.clone(),
            |q| actors::link_speakers(q, &actor_report, kb),
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("outline", |b| {
        b.iter(|| outline::build(black_box(t), &prose, &paragraphs, &analysis.quotes))
    });
    group.bench_function("rules", |b| {
        b.iter(|| {
            rules::run(&rules::Context {
                text: black_box(t),
                prose: &prose,
                analysis: &analysis,
                kb,
                config: &config,
            })
        })
    });
    group.finish();
}

#[path = "support/hostile.rs"]
mod hostile;

/// The hostile shapes (benches/support/hostile.rs) at 64 KiB and 256 KiB,
/// from scratch: linear work takes about four times as long at the larger
/// size. Run: `cargo bench --bench analysis -- hostile`.
fn hostile(c: &mut Criterion) {
    let kb = kb();
    let config = Config::default();
    let mut group = c.benchmark_group("hostile");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for size in [64 << 10, 256 << 10] {
        for (name, text) in hostile::shapes(size) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, t| {
                b.iter(|| analyze(black_box(t), Markup::PlainText, kb, &config))
            });
        }
    }
    group.finish();
}

criterion_group!(analysis, benches, stages, hostile);
criterion_main!(analysis);
