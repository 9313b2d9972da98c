//! Scoring copydesk's quote analysis against the hand-annotated fixtures in
//! `tests/fixtures/quotes/` (see the README there for the annotation rules).
//!
//! Shared by `examples/score_quotes.rs` (prints the figures) and
//! `tests/quote_scores.rs` (asserts floors), so both measure the same thing.
//!
//! Matching: every predicted quotation (quote or term) is paired with at most
//! one gold quotation (quote or term, nested ones included) and the other way
//! round. A pair needs the predicted span to cover at least 30% of the gold
//! span ("strict" overlap); pairs are taken greedily by Jaccard overlap, best
//! first, so an outer predicted quote pairs with the outer gold quote, not
//! with a quote nested inside it. From that pairing:
//!
//! - detection (kind quote only): a gold quote (not nested) is found when its
//!   partner is a predicted `Quote`; a predicted `Quote` is a false alarm when
//!   it has no partner or its partner is a gold term. Predicted quotes paired
//!   with nested gold quotations are left out of precision (nested quotes are
//!   scored separately, as whether to report them is the analyser's choice).
//! - exact: as detection, but the predicted span must equal the gold span
//!   (marks included; a multi-paragraph quote to the end of its last paragraph).
//! - kind accuracy: over every paired gold quotation that is not nested.
//! - speaker accuracy: over found gold quotes; see [`same_speaker`].
#![allow(dead_code)]

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup, QuoteKind};
use serde::Deserialize;

/// Where the fixtures live.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The knowledge base the scorer runs with.
pub fn knowledge_base() -> &'static KnowledgeBase {
    // The built-in base, as the CLI and the server use by default.
    KnowledgeBase::builtin()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Path of the article relative to tests/fixtures/.
    pub article: String,
    pub source: String,
    pub license: String,
    pub quotes: Vec<GoldQuote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoldKind {
    Quote,
    Term,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    /// The quotation as it appears in the article, marks included.
    pub text: String,
    pub kind: GoldKind,
    pub speaker: Option<String>,
    #[serde(default)]
    pub via: Option<String>,
    /// Which occurrence of `text` in the article (1-based), when it appears more than once.
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// Number of paragraphs the quotation runs over (default 1).
    #[serde(default)]
    pub paragraphs: Option<usize>,
    /// A quotation inside another quotation.
    #[serde(default)]
    pub nested: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// A fixture whose gold quotes have been located in the article text.
pub struct Loaded {
    /// File name of the fixture.
    pub name: String,
    pub fixture: Fixture,
    pub text: String,
    pub markup: Markup,
    /// One span per gold quote, in the same order.
    pub spans: Vec<Range<usize>>,
}

/// Every fixture file in `tests/fixtures/quotes/`, sorted by name.
pub fn fixture_paths() -> Vec<PathBuf> {
    fixture_paths_in("quotes")
}

/// Every fixture file in `tests/fixtures/<dir>/`, sorted by name
/// (`quotes-fresh` is the second set: scored blind once, then tuned on).
pub fn fixture_paths_in(dir: &str) -> Vec<PathBuf> {
    let dir = fixtures_dir().join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

/// Read a fixture and locate each of its gold quotes; an error says which
/// fixture and which quote is wrong.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let fixture: Fixture =
        serde_json::from_str(&raw).map_err(|e| format!("{name}: not a valid fixture: {e}"))?;
    let article = fixtures_dir().join(&fixture.article);
    let text = std::fs::read_to_string(&article)
        .map_err(|e| format!("{name}: cannot read article {}: {e}", article.display()))?;
    let markup = if fixture.article.ends_with(".md") {
        Markup::Markdown
    } else {
        Markup::PlainText
    };
    let mut spans = Vec::new();
    for (i, q) in fixture.quotes.iter().enumerate() {
        let span = locate(&text, q)
            .map_err(|e| format!("{name}: quote #{} {:?}: {e}", i + 1, snippet(&q.text)))?;
        spans.push(span);
    }
    Ok(Loaded {
        name,
        fixture,
        text,
        markup,
        spans,
    })
}

/// The byte span of a gold quote: the `occurrence`-th match of its text,
/// extended to the end of its last paragraph for a multi-paragraph quote.
pub fn locate(text: &str, q: &GoldQuote) -> Result<Range<usize>, String> {
    if q.text.is_empty() {
        return Err("empty text".into());
    }
    let n = q.occurrence.unwrap_or(1);
    if n == 0 {
        return Err("occurrence counts from 1".into());
    }
    let matches: Vec<usize> = text
        .match_indices(q.text.as_str())
        .map(|(i, _)| i)
        .collect();
    if matches.len() > 1 && q.occurrence.is_none() {
        return Err(format!(
            "appears {} times in the article: give an occurrence",
            matches.len()
        ));
    }
    let start = *matches.get(n - 1).ok_or_else(|| {
        format!(
            "occurrence {n} not found ({} in the article)",
            matches.len()
        )
    })?;
    let mut end = start + q.text.len();
    let paragraphs = q.paragraphs.unwrap_or(1);
    if paragraphs == 0 {
        return Err("paragraphs counts from 1".into());
    }
    if paragraphs > 1 {
        // The first part must end its paragraph; then skip whole paragraphs.
        let mut pos = paragraph_end(text, start);
        if end < pos && !text[end..pos].trim().is_empty() {
            return Err(
                "a multi-paragraph quote's text must run to the end of its first paragraph".into(),
            );
        }
        for _ in 1..paragraphs {
            let next = text[pos..]
                .find(|c: char| !c.is_whitespace())
                .map(|i| pos + i);
            let Some(next) = next else {
                return Err(format!(
                    "the article ends before paragraph {paragraphs} of the quote"
                ));
            };
            pos = paragraph_end(text, next);
        }
        end = pos;
    }
    Ok(start..end)
}

/// End (before trailing whitespace) of the paragraph containing `offset`:
/// paragraphs are separated by blank lines.
fn paragraph_end(text: &str, offset: usize) -> usize {
    let rest = &text[offset..];
    let mut end = text.len();
    let mut line_start = 0;
    for line in rest.split_inclusive('\n') {
        if line_start > 0 && line.trim().is_empty() {
            end = offset + line_start;
            break;
        }
        line_start += line.len();
    }
    offset + text[offset..end].trim_end().len()
}

/// Analyse a loaded fixture the way an editor would.
pub fn run(loaded: &Loaded) -> Analysis {
    analyze(
        &loaded.text,
        loaded.markup,
        knowledge_base(),
        &Config::default(),
    )
}

/// Figures for one article (or, summed, for all of them).
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Gold quotes of kind quote, not nested.
    pub gold_quotes: usize,
    /// Predicted quotes of kind quote, minus those paired with nested gold quotations.
    pub predicted_quotes: usize,
    /// Gold quotes paired with a predicted quote (>= 30% overlap).
    pub found: usize,
    /// ... of which the predicted span is exactly the gold span.
    pub exact: usize,
    /// Gold quotations (either kind, not nested) paired with any prediction.
    pub kind_total: usize,
    pub kind_correct: usize,
    /// Found gold quotes whose speaker was compared.
    pub speaker_total: usize,
    pub speaker_correct: usize,
    /// Nested gold quotations, and how many were paired with a prediction.
    pub nested_total: usize,
    pub nested_found: usize,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
    pub wrong_speakers: Vec<String>,
    pub kind_errors: Vec<String>,
    /// Found gold quotes whose predicted span differs from the gold span.
    pub inexact: Vec<String>,
    /// Speaker accuracy by the gold `via`: via -> (correct, total).
    pub speaker_by_via: std::collections::BTreeMap<String, (usize, usize)>,
    /// unattributed-quote diagnostics on gold quotes whose source is in their own sentence.
    pub unattributed_in_sentence: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.predicted_quotes)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold_quotes)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    pub fn exact_precision(&self) -> f64 {
        ratio(self.exact, self.predicted_quotes)
    }
    pub fn exact_recall(&self) -> f64 {
        ratio(self.exact, self.gold_quotes)
    }
    pub fn exact_f1(&self) -> f64 {
        f1(self.exact_precision(), self.exact_recall())
    }
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_correct, self.kind_total)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_correct, self.speaker_total)
    }

    pub fn add(&mut self, o: &Score) {
        self.gold_quotes += o.gold_quotes;
        self.predicted_quotes += o.predicted_quotes;
        self.found += o.found;
        self.exact += o.exact;
        self.kind_total += o.kind_total;
        self.kind_correct += o.kind_correct;
        self.speaker_total += o.speaker_total;
        self.speaker_correct += o.speaker_correct;
        self.nested_total += o.nested_total;
        self.nested_found += o.nested_found;
        self.misses.extend(o.misses.iter().cloned());
        self.false_alarms.extend(o.false_alarms.iter().cloned());
        self.wrong_speakers.extend(o.wrong_speakers.iter().cloned());
        self.kind_errors.extend(o.kind_errors.iter().cloned());
        self.inexact.extend(o.inexact.iter().cloned());
        for (via, (c, n)) in &o.speaker_by_via {
            let e = self.speaker_by_via.entry(via.clone()).or_default();
            e.0 += c;
            e.1 += n;
        }
        self.unattributed_in_sentence
            .extend(o.unattributed_in_sentence.iter().cloned());
    }

    /// One line of figures.
    pub fn summary(&self) -> String {
        format!(
            "P {:5.1}  R {:5.1}  F1 {:5.1} | exact P {:5.1} R {:5.1} F1 {:5.1} | kind {:5.1} ({}/{}) | speaker {:5.1} ({}/{}) | nested {}/{}",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            100.0 * self.exact_precision(),
            100.0 * self.exact_recall(),
            100.0 * self.exact_f1(),
            100.0 * self.kind_accuracy(),
            self.kind_correct,
            self.kind_total,
            100.0 * self.speaker_accuracy(),
            self.speaker_correct,
            self.speaker_total,
            self.nested_found,
            self.nested_total,
        )
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// `via` values for which the speaker (or the pronoun or role naming it)
/// stands in the quote's own sentence.
pub const IN_SENTENCE: &[&str] = &["verb", "according-to", "colon", "pronoun", "role"];

/// Score one loaded fixture against an analysis of its article.
pub fn score(loaded: &Loaded, analysis: &Analysis) -> Score {
    let gold = &loaded.fixture.quotes;
    let spans = &loaded.spans;
    let preds = &analysis.quotes;
    let text = &loaded.text;

    // Candidate pairs with >= 30% of the gold span covered, best Jaccard first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, gs) in spans.iter().enumerate() {
        for (p, pq) in preds.iter().enumerate() {
            let o = overlap(gs, &pq.range);
            if o == 0 || (o as f64) < 0.3 * gs.len() as f64 {
                continue;
            }
            let union = gs.end.max(pq.range.end) - gs.start.min(pq.range.start);
            pairs.push((o as f64 / union as f64, g, p));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_pair: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_pair: Vec<Option<usize>> = vec![None; preds.len()];
    for (_, g, p) in pairs {
        if gold_pair[g].is_none() && pred_pair[p].is_none() {
            gold_pair[g] = Some(p);
            pred_pair[p] = Some(g);
        }
    }

    let para = |offset: usize| {
        analysis
            .paragraph_at(offset)
            .map(|p| p.index + 1)
            .unwrap_or(0)
    };
    let mut s = Score::default();
    for (g, q) in gold.iter().enumerate() {
        let here = format!(
            "{} ¶{} {}",
            loaded.name,
            para(spans[g].start),
            snippet(&q.text)
        );
        if q.nested {
            s.nested_total += 1;
            if gold_pair[g].is_some() {
                s.nested_found += 1;
            }
            continue;
        }
        if let Some(p) = gold_pair[g] {
            let pk = preds[p].kind;
            s.kind_total += 1;
            let same = matches!(
                (q.kind, pk),
                (GoldKind::Quote, QuoteKind::Quote) | (GoldKind::Term, QuoteKind::Term)
            );
            if same {
                s.kind_correct += 1;
            } else {
                s.kind_errors
                    .push(format!("{here}: gold {:?}, predicted {:?}", q.kind, pk));
            }
        }
        if q.kind != GoldKind::Quote {
            continue;
        }
        s.gold_quotes += 1;
        let Some(p) = gold_pair[g].filter(|&p| preds[p].kind == QuoteKind::Quote) else {
            s.misses.push(match gold_pair[g] {
                Some(_) => format!("{here}: predicted as a term"),
                None => format!("{here}: not found"),
            });
            continue;
        };
        s.found += 1;
        let full = spans[g].clone();
        if trim_range(text, &preds[p].range) == trim_range(text, &full) {
            s.exact += 1;
        } else {
            s.inexact.push(format!(
                "{here}: predicted {}",
                snippet(&text[preds[p].range.clone()])
            ));
        }
        s.speaker_total += 1;
        let predicted = preds[p].speaker.as_ref();
        let ok = match (&q.speaker, predicted) {
            (None, None) => true,
            (Some(g), Some(sp)) => same_speaker(g, &sp.name) || same_speaker(g, &sp.mention),
            _ => false,
        };
        let by_via = s
            .speaker_by_via
            .entry(q.via.clone().unwrap_or_else(|| "(none)".into()))
            .or_default();
        by_via.1 += 1;
        if ok {
            by_via.0 += 1;
            s.speaker_correct += 1;
        } else {
            let want = q.speaker.as_deref().unwrap_or("none");
            let got = predicted
                .map(|sp| format!("{} (mention {:?}, via {:?})", sp.name, sp.mention, sp.via))
                .unwrap_or_else(|| "none".into());
            s.wrong_speakers
                .push(format!("{here}: gold {want}, predicted {got}"));
        }
    }
    for (p, pq) in preds.iter().enumerate() {
        if pq.kind != QuoteKind::Quote {
            continue;
        }
        match pred_pair[p] {
            Some(g) if gold[g].nested => {}
            Some(g) if gold[g].kind == GoldKind::Quote => s.predicted_quotes += 1,
            other => {
                s.predicted_quotes += 1;
                let why = if other.is_some() {
                    "a term in the annotation"
                } else {
                    "no gold quotation"
                };
                s.false_alarms.push(format!(
                    "{} ¶{} {}: {why}",
                    loaded.name,
                    pq.paragraph + 1,
                    snippet(&text[pq.range.clone()])
                ));
            }
        }
    }
    for d in analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "unattributed-quote")
    {
        for (g, q) in gold.iter().enumerate() {
            let in_sentence = q.kind == GoldKind::Quote
                && q.speaker.is_some()
                && q.via.as_deref().is_some_and(|v| IN_SENTENCE.contains(&v));
            if in_sentence
                && overlap(&spans[g], &d.range) > 0
                && !strictly_inside_other(g, spans, &d.range)
            {
                s.unattributed_in_sentence.push(format!(
                    "{} ¶{} {}: source {} ({})",
                    loaded.name,
                    para(spans[g].start),
                    snippet(&q.text),
                    q.speaker.as_deref().unwrap_or(""),
                    q.via.as_deref().unwrap_or("")
                ));
            }
        }
    }
    s
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// True when `range` lies inside another gold span that is itself inside
/// span `g` (a diagnostic on a nested quote is not about the outer one).
fn strictly_inside_other(g: usize, spans: &[Range<usize>], range: &Range<usize>) -> bool {
    spans
        .iter()
        .enumerate()
        .any(|(h, s)| h != g && contains(&spans[g], s) && s != &spans[g] && contains(s, range))
}

fn trim_range(text: &str, r: &Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

/// Do two speaker names denote the same person? Case-insensitive; a leading
/// article and titles before a name are ignored; one name may be the other's
/// surname or a shorter form ending in the same word ("Gerges" / "Fawaz
/// Gerges", "Trump" / "President Trump", "Robert Mugabe" / "Robert Gabriel
/// Mugabe"); a predicted full name may carry an affiliation ("Lucy Fischer of
/// The Times"). Punctuation around words is ignored, and so are the accents
/// of Latin letters ("Erdogan" / "Erdoğan": articles spell one name both ways).
pub fn same_speaker(gold: &str, predicted: &str) -> bool {
    let g = words(gold);
    let p = words(predicted);
    if g.is_empty() || p.is_empty() {
        return false;
    }
    if g == p {
        return true;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    // A surname or shorter form: the short name's words in order within the
    // long one, ending on the same word ("Robert Mugabe" in "Robert Gabriel Mugabe").
    let mut rest = long.iter();
    let in_order = short.iter().all(|w| rest.any(|l| l == w));
    if short.last() == long.last() && in_order {
        return true;
    }
    // A full name followed by an affiliation: "Lucy Fischer of The Times".
    g.len() >= 2 && p.len() > g.len() && p[..g.len()] == g[..] && p[g.len()] == "of"
}

/// Titles dropped before a name when comparing speakers.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "senator",
    "sen",
    "judge",
    "justice",
    "sheriff",
    "captain",
    "capt",
    "chancellor",
    "governor",
    "mayor",
    "representative",
    "rep",
    "secretary",
    "general",
    "gen",
    "speaker",
    "professor",
    "prof",
    "chief",
    "executive",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "u",
    "s",
    "us",
    "attorney",
    "former",
    "vice",
    "foreign",
    "interior",
    "health",
    "actor",
    "actress",
];

fn words(name: &str) -> Vec<String> {
    let lowered: String = name
        .to_lowercase()
        .replace('’', "'")
        .chars()
        .map(unaccent)
        .collect();
    let mut out: Vec<String> = lowered
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    while out
        .first()
        .is_some_and(|w| w == "the" || w == "a" || w == "an")
    {
        out.remove(0);
    }
    // A title before a name ("President Trump", "Dr. Tristan Smith") is not part of it.
    while out.len() > 1 && TITLES.contains(&out[0].as_str()) {
        out.remove(0);
    }
    out
}

/// A Latin letter without its accent (`ğ` -> `g`); other characters as they are.
fn unaccent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīıįłľĺñńňòóôõöøōőřŕśšşșťţțùúûüūůűýÿźżž";
    const TO: &str = "aaaaaaaaacccddeeeeeeeegiiiiiiilllnnnoooooooorrsssstttuuuuuuuyyzzz";
    match FROM.chars().position(|f| f == c) {
        Some(i) => TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

/// A short form of a quotation for reports.
pub fn snippet(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// Per-article results and the total.
pub struct Report {
    pub articles: Vec<(String, Score)>,
    pub total: Score,
}

/// Load, analyse and score every fixture; the first fixture error is returned.
pub fn score_all() -> Result<Report, String> {
    score_all_in("quotes")
}

/// Like [`score_all`], over the fixtures in `tests/fixtures/<dir>/`.
pub fn score_all_in(dir: &str) -> Result<Report, String> {
    let mut articles = Vec::new();
    let mut total = Score::default();
    for path in fixture_paths_in(dir) {
        let loaded = load(&path)?;
        let analysis = run(&loaded);
        let s = score(&loaded, &analysis);
        total.add(&s);
        articles.push((loaded.name.clone(), s));
    }
    Ok(Report { articles, total })
}

impl Report {
    /// The printed report; `verbose` lists every miss, false alarm, kind
    /// error and wrong speaker.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        for (name, s) in &self.articles {
            let _ = writeln!(
                out,
                "{:<64} gold {:>3} pred {:>3} | {}",
                truncate(name, 64),
                s.gold_quotes,
                s.predicted_quotes,
                s.summary()
            );
        }
        let t = &self.total;
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "TOTAL over {} articles: {} gold quotes, {} predicted quotes, {} found ({} exact span)",
            self.articles.len(),
            t.gold_quotes,
            t.predicted_quotes,
            t.found,
            t.exact
        );
        let _ = writeln!(
            out,
            "  quote detection (>=30% overlap): precision {:.1}  recall {:.1}  F1 {:.1}",
            100.0 * t.precision(),
            100.0 * t.recall(),
            100.0 * t.f1()
        );
        let _ = writeln!(
            out,
            "  quote detection (exact span):    precision {:.1}  recall {:.1}  F1 {:.1}",
            100.0 * t.exact_precision(),
            100.0 * t.exact_recall(),
            100.0 * t.exact_f1()
        );
        let _ = writeln!(
            out,
            "  kind accuracy (quote/term):      {:.1} ({}/{})",
            100.0 * t.kind_accuracy(),
            t.kind_correct,
            t.kind_total
        );
        let _ = writeln!(
            out,
            "  speaker accuracy:                {:.1} ({}/{})",
            100.0 * t.speaker_accuracy(),
            t.speaker_correct,
            t.speaker_total
        );
        let by_via: Vec<String> = t
            .speaker_by_via
            .iter()
            .map(|(via, (c, n))| format!("{via} {c}/{n}"))
            .collect();
        let _ = writeln!(
            out,
            "  speaker accuracy by gold via:    {}",
            by_via.join(", ")
        );
        let _ = writeln!(
            out,
            "  nested quotations paired:        {}/{}",
            t.nested_found, t.nested_total
        );
        let _ = writeln!(
            out,
            "  unattributed-quote on a quote whose source is in its sentence: {}",
            t.unattributed_in_sentence.len()
        );
        if verbose {
            for (title, list) in [
                ("Misses", &t.misses),
                ("False alarms", &t.false_alarms),
                ("Kind errors", &t.kind_errors),
                ("Found with a different span", &t.inexact),
                ("Wrong speakers", &t.wrong_speakers),
                (
                    "unattributed-quote with the source in the sentence",
                    &t.unattributed_in_sentence,
                ),
            ] {
                let _ = writeln!(out, "\n{title} ({}):", list.len());
                for line in list {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
        out
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
