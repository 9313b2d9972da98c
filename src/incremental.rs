//! Incremental analysis: the analysis of a new version of a document,
//! reusing what the previous versions computed for the parts an edit did not
//! touch.
//!
//! An [`Analyzer`] is kept by the caller between versions of one document.
//! [`Analyzer::analyze`] returns exactly what [`crate::analyze`] returns for
//! the same text (tests/incremental_prop.rs checks it after every edit of
//! random edit sequences), and memoizes the paragraph-local stages by
//! content:
//!
//! - sentence splitting, per prose block, keyed by the block's masked text
//!   (`text::sentences::split_range` reads nothing outside the block);
//! - the full names quotes gathers per block
//!   (`quotes::paragraph_names`, a function of the block's text and the
//!   speech verbs), with what the words around each give inside the block
//!   (role words, a birth name), with the sentences;
//! - knowledge-base matching, per *chunk* of the masked text (lines up to and
//!   including a blank line), keyed by the chunk's text. No alias of the
//!   knowledge base holds a line break (checked once per base; without that
//!   guarantee the whole text is matched every time), so no match crosses a
//!   chunk boundary, and the word-boundary checks at a chunk's edges see a
//!   line break or the end of the text either way: the matches of the whole
//!   text are the matches of its chunks, shifted to where the chunks start;
//! - quotes' tokens, speech-verb subjects and the places that may name
//!   a person (with the names written in more than one word, which resolve
//!   to themselves), per *sentence*, keyed by the sentence's text and the ranges
//!   of it that lie inside quotations (pairing decides those over
//!   paragraphs, so a mark typed elsewhere can change them):
//!   `quotes::SentenceCache`;
//! - actors' name spans, per sentence, keyed by its text
//!   (`actors::SpanCache`).
//!
//! Results are stored relative to the start of their block, chunk or
//! sentence, so a paragraph that moved (an edit above it) is reused at its
//! new offset. Only the entries used by the latest version are kept.
//! Markup parsing stays whole (about 3 ms for 1 MiB), and the stages that look across paragraphs
//! (quote pairing over paragraphs, quotes' document indexes of surnames,
//! roles, people and places, attribution by pronoun, role and continuation,
//! actors and name consistency, linking, sections, rules) run over the
//! whole document from the reused local results.
//!
//! A different knowledge base or config (not the same `Arc`, or an unequal
//! config) empties the cache first.
//!
//! ```
//! use std::sync::Arc;
//! use copydesk::incremental::Analyzer;
//! use copydesk::{analyze, Config, KnowledgeBase, Markup};
//! let kb = Arc::new(KnowledgeBase::empty().clone());
//! let config = Arc::new(Config::default());
//! let mut analyzer = Analyzer::new();
//! let one = "“It will grow,” said Fawaz Gerges.\n\nMore text.";
//! let two = "“It will grow,” said Fawaz Gerges.\n\nMore text here.";
//! analyzer.analyze(one, Markup::PlainText, &kb, &config);
//! let a = analyzer.analyze(two, Markup::PlainText, &kb, &config);
//! assert_eq!(a.quotes.len(), analyze(two, Markup::PlainText, &kb, &config).quotes.len());
//! assert_eq!(analyzer.stats().chunks_reused, 1);
//! ```

use std::sync::Arc;

use crate::analysis::{analyze_local, Analysis, ByteRange, Local, Paragraph, Sentence};
use crate::config::Config;
use crate::kb::{KbMatch, KnowledgeBase, PlacedMatch};
use crate::markup::{self, Markup};
use crate::text;
use crate::text::hash::FastMap as HashMap;

/// What is cached per prose block, relative to the block's start.
#[derive(Debug)]
struct Block {
    sentences: Box<[ByteRange]>,
    /// `quotes::paragraph_names` of the block (with the speech verbs of
    /// the config: a new config empties the cache).
    names: Box<[crate::quotes::FullName]>,
}

/// Values computed from one sentence alone, kept between versions of one
/// document by the sentence's text and an extra key of byte ranges
/// relative to it (quotes: the bytes inside quotations; empty for a value
/// of the text alone). Each version calls [`SentenceMemo::begin`], then
/// [`SentenceMemo::get_or_make`] per sentence, then
/// [`SentenceMemo::finish`], which drops what that version did not use.
pub(crate) struct SentenceMemo<V> {
    map: HashMap<Box<str>, Vec<Kept<V>>>,
    generation: u64,
    /// Sentences of the last version whose value was reused / made.
    pub(crate) reused: usize,
    pub(crate) computed: usize,
}

struct Kept<V> {
    extra: Box<[ByteRange]>,
    value: Arc<V>,
    used: u64,
}

impl<V> Default for SentenceMemo<V> {
    fn default() -> Self {
        SentenceMemo {
            map: HashMap::default(),
            generation: 0,
            reused: 0,
            computed: 0,
        }
    }
}

impl<V> SentenceMemo<V> {
    /// Start a version.
    pub(crate) fn begin(&mut self) {
        self.generation += 1;
        self.reused = 0;
        self.computed = 0;
    }

    /// The value kept for `sentence` and `extra`, if any (counted as
    /// reused, and kept for this version).
    pub(crate) fn get(&mut self, sentence: &str, extra: &[ByteRange]) -> Option<Arc<V>> {
        let generation = self.generation;
        let kept = self.map.get_mut(sentence).and_then(|vs| {
            vs.iter_mut().find(|v| *v.extra == *extra).map(|v| {
                v.used = generation;
                v.value.clone()
            })
        });
        if kept.is_some() {
            self.reused += 1;
        }
        kept
    }

    /// Keep `value`, computed for `sentence` and `extra` in this version.
    pub(crate) fn insert(&mut self, sentence: &str, extra: &[ByteRange], value: Arc<V>) {
        self.computed += 1;
        self.map.entry(sentence.into()).or_default().push(Kept {
            extra: extra.into(),
            value,
            used: self.generation,
        });
    }

    /// The value kept for `sentence` and `extra`, else `make()`, kept.
    pub(crate) fn get_or_make(
        &mut self,
        sentence: &str,
        extra: &[ByteRange],
        make: impl FnOnce() -> V,
    ) -> Arc<V> {
        if let Some(value) = self.get(sentence, extra) {
            return value;
        }
        let value = Arc::new(make());
        self.insert(sentence, extra, value.clone());
        value
    }

    /// End a version: forget what it did not use.
    pub(crate) fn finish(&mut self) {
        let generation = self.generation;
        self.map.retain(|_, vs| {
            vs.retain(|v| v.used == generation);
            !vs.is_empty()
        });
    }
}

/// How much of the last analysis was reused (for tests and benchmarks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Blocks whose sentences and full names were reused / computed.
    pub paragraphs_reused: usize,
    pub paragraphs_computed: usize,
    pub chunks_reused: usize,
    pub chunks_computed: usize,
    /// Sentences whose tokens, speech-verb subjects and person places (for
    /// quotes) were reused / computed.
    pub sentences_reused: usize,
    pub sentences_computed: usize,
    /// Sentences whose name spans (for actors) were reused / computed.
    pub spans_reused: usize,
    pub spans_computed: usize,
    /// The knowledge base could not be matched chunk by chunk (an alias
    /// holds a line break): it was matched over the whole text.
    pub whole_text_matching: bool,
}

/// The incremental analysis of one document: see the module documentation.
#[derive(Default)]
pub struct Analyzer {
    kb: Option<Arc<KnowledgeBase>>,
    config: Option<Arc<Config>>,
    /// Masked block text -> its sentences and full names, relative to the
    /// block's start.
    sentences: HashMap<Box<str>, Arc<Block>>,
    /// What the stages keep: quotes' and actors' per-sentence results,
    /// quotes' surname look-ups, the knowledge base's matches per chunk.
    caches: crate::analysis::Caches,
    stats: Stats,
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// What the last [`Analyzer::analyze`] reused and computed.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Forget everything cached.
    pub fn clear(&mut self) {
        *self = Analyzer::default();
    }

    /// The analysis of `text`: equal to `crate::analyze(text, markup, kb,
    /// config)`, computed from what earlier calls cached where they can be.
    pub fn analyze(
        &mut self,
        text: &str,
        markup: Markup,
        kb: &Arc<KnowledgeBase>,
        config: &Arc<Config>,
    ) -> Analysis {
        // Over `maxDocumentSize`: what `analyze` returns, nothing cached.
        if let Some(too_large) =
            crate::rules::document_too_large::analysis(text, markup, kb, config)
        {
            self.stats = Stats::default();
            return too_large;
        }
        self.key(kb, config);
        self.stats = Stats::default();
        let kb: &KnowledgeBase = kb;
        let prose = markup::parse(text, markup);
        let paragraphs = prose.paragraphs();
        let verbs = crate::quotes::verbs::Verbs::new(&config.speech_verbs);
        let (sentences, names) = self.sentences(&prose.masked, &paragraphs, &verbs);
        // (The knowledge base is matched by the actor stage, chunk by chunk
        // from `self.caches.kb_chunks`, beside the quote stage.)
        let local = Local {
            prose,
            paragraphs,
            sentences,
            names: Some(names),
        };
        let parallel = crate::analysis::is_long(text);
        let analysis = analyze_local(
            text,
            markup,
            kb,
            config,
            local,
            Some(&mut self.caches),
            parallel,
        );
        self.stats.sentences_reused = self.caches.quotes.sentences.reused;
        self.stats.sentences_computed = self.caches.quotes.sentences.computed;
        self.stats.spans_reused = self.caches.actor_spans.reused;
        self.stats.spans_computed = self.caches.actor_spans.computed;
        match &self.caches.kb_chunks {
            Some(c) => {
                self.stats.chunks_reused = c.reused;
                self.stats.chunks_computed = c.computed;
            }
            None => self.stats.whole_text_matching = true,
        }
        analysis
    }

    /// Empty the cache when the knowledge base or the config is another one.
    fn key(&mut self, kb: &Arc<KnowledgeBase>, config: &Arc<Config>) {
        let same_kb = self.kb.as_ref().is_some_and(|k| Arc::ptr_eq(k, kb));
        let same_config = self
            .config
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, config) || **c == **config);
        if same_kb && same_config {
            return;
        }
        self.clear();
        // No name, alias or surname with a line break (read from the
        // knowledge base's image: walking `kb.actors()` would materialize
        // all 28k built-in actors).
        self.caches.kb_chunks = (!kb.names_span_lines()).then(ChunkMatches::default);
        self.kb = Some(kb.clone());
        self.config = Some(config.clone());
    }

    /// `text::sentences::split(masked, paragraphs)` and the full names of
    /// every paragraph (`quotes::paragraph_names`), block by block.
    #[allow(clippy::type_complexity)]
    fn sentences(
        &mut self,
        masked: &str,
        paragraphs: &[Paragraph],
        verbs: &crate::quotes::verbs::Verbs,
    ) -> (Vec<Sentence>, Vec<crate::quotes::FullName>) {
        let mut old = std::mem::take(&mut self.sentences);
        let mut new: HashMap<Box<str>, Arc<Block>> =
            HashMap::with_capacity_and_hasher(old.len(), Default::default());
        let mut out = Vec::new();
        let mut names = Vec::new();
        for p in paragraphs {
            let key = &masked[p.range.clone()];
            let rel = if let Some(v) = new.get(key) {
                self.stats.paragraphs_reused += 1;
                v.clone()
            } else {
                let (k, v) = match old.remove_entry(key) {
                    Some(kv) => {
                        self.stats.paragraphs_reused += 1;
                        kv
                    }
                    None => {
                        self.stats.paragraphs_computed += 1;
                        let start = p.range.start;
                        let rel = |r: ByteRange| (r.start - start)..(r.end - start);
                        let v = Block {
                            sentences: text::sentences::split_range(masked, p.range.clone())
                                .into_iter()
                                .map(rel)
                                .collect(),
                            names: crate::quotes::paragraph_names(masked, p.range.clone(), verbs)
                                .into_iter()
                                .map(|(r, words)| (rel(r), words))
                                .collect(),
                        };
                        (key.into(), Arc::new(v))
                    }
                };
                new.insert(k, v.clone());
                v
            };
            let at = |r: &ByteRange| (p.range.start + r.start)..(p.range.start + r.end);
            out.extend(rel.sentences.iter().map(|r| Sentence {
                paragraph: p.index,
                range: at(r),
            }));
            names.extend(rel.names.iter().map(|(r, words)| (at(r), words.clone())));
        }
        self.sentences = new;
        (out, names)
    }
}

/// Knowledge-base matches kept between versions of one document, per
/// chunk of the masked text (see the module documentation). Used by the
/// actor stage, which matches the base beside the quote stage.
#[derive(Default)]
pub(crate) struct ChunkMatches {
    /// Masked chunk text -> its knowledge-base matches, relative to the
    /// chunk's start, each actor by its place in the base (the cache is
    /// emptied when the base is another one, so places stay true).
    map: HashMap<Box<str>, Arc<[PlacedMatch]>>,
    /// Chunks of the last version whose matches were reused / computed.
    pub(crate) reused: usize,
    pub(crate) computed: usize,
}

impl ChunkMatches {
    /// `kb.find(masked)`, chunk by chunk, from what the last version
    /// kept where a chunk is unchanged; keeps what this one used.
    pub(crate) fn find<'k>(&mut self, masked: &str, kb: &'k KnowledgeBase) -> Vec<KbMatch<'k>> {
        self.reused = 0;
        self.computed = 0;
        let mut old = std::mem::take(&mut self.map);
        let mut new: HashMap<Box<str>, Arc<[PlacedMatch]>> =
            HashMap::with_capacity_and_hasher(old.len(), Default::default());
        let mut out = Vec::new();
        for chunk in chunks(masked) {
            let key = &masked[chunk.clone()];
            let at = |m: &PlacedMatch| (chunk.start + m.range.start)..(chunk.start + m.range.end);
            // The cached matches, kept under the previous version's key
            // when they come from its map.
            let cached = match new.get(key) {
                Some(v) => Some(v.clone()),
                None => old.remove_entry(key).map(|(k, v)| {
                    new.insert(k, v.clone());
                    v
                }),
            };
            let v = match cached {
                Some(v) => {
                    self.reused += 1;
                    v
                }
                None => {
                    self.computed += 1;
                    let v: Arc<[PlacedMatch]> = kb.find_placed(key).into();
                    new.insert(key.into(), v.clone());
                    v
                }
            };
            out.extend(v.iter().map(|m| kb.materialize(&m.candidates, at(m))));
        }
        self.map = new;
        out
    }
}

/// The text cut into chunks: runs of lines, each ending after a blank
/// (white-space only) line or at the end of the text. Every cut is just
/// after a line break.
fn chunks(masked: &str) -> impl Iterator<Item = ByteRange> + '_ {
    let mut start = 0;
    let mut at = 0;
    let bytes = masked.as_bytes();
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        while let Some(nl) = memchr::memchr(b'\n', &bytes[at..]) {
            let line_end = at + nl + 1;
            let blank = bytes[at..line_end].iter().all(u8::is_ascii_whitespace)
                || masked[at..line_end].trim().is_empty();
            at = line_end;
            if blank && at > start {
                let r = start..at;
                start = at;
                return Some(r);
            }
        }
        at = bytes.len();
        let r = start..bytes.len();
        start = bytes.len();
        Some(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk_texts(s: &str) -> Vec<&str> {
        chunks(s).map(|r| &s[r]).collect()
    }

    #[test]
    fn chunks_end_after_blank_lines_and_cover_the_text() {
        assert_eq!(
            chunk_texts("a\nb\n\nc\n  \n\nd"),
            vec!["a\nb\n\n", "c\n  \n", "\n", "d"]
        );
        assert_eq!(chunk_texts(""), Vec::<&str>::new());
        assert_eq!(chunk_texts("\n\n"), vec!["\n", "\n"]);
        assert_eq!(chunk_texts("x\r\n\r\ny"), vec!["x\r\n\r\n", "y"]);
        assert_eq!(chunk_texts("end\n"), vec!["end\n"]);
    }

    #[test]
    fn cached_full_names_equal_fresh_ones_after_a_move() {
        let mut an = Analyzer::new();
        let names_of = |an: &mut Analyzer, text: &str| {
            let prose = markup::parse(text, Markup::PlainText);
            let paragraphs = prose.paragraphs();
            an.stats = Stats::default();
            let verbs = crate::quotes::verbs::Verbs::new(&[]);
            let (_, cached) = an.sentences(&prose.masked, &paragraphs, &verbs);
            let fresh: Vec<_> = paragraphs
                .iter()
                .flat_map(|p| {
                    crate::quotes::paragraph_names(&prose.masked, p.range.clone(), &verbs)
                })
                .collect();
            assert_eq!(cached, fresh);
            cached.len()
        };
        let one = "Fawaz Gerges said so.\n\nJack Watling of RUSI agreed with Anna Smith.";
        // A paragraph inserted above: both old ones move, and are reused.
        let two = "New text by Mary Jones.\n\nFawaz Gerges said so.\n\nJack Watling of RUSI agreed with Anna Smith.";
        assert_eq!(names_of(&mut an, one), 3);
        assert_eq!(names_of(&mut an, two), 4);
        let s = an.stats();
        assert_eq!((s.paragraphs_reused, s.paragraphs_computed), (2, 1));
    }

    /// A document long enough for the stages to run on two threads: the
    /// sentences missing from the cache are computed on both, and the
    /// analysis of a version one word away is the analysis from scratch,
    /// with all but the edited sentence reused.
    #[test]
    fn a_long_document_on_two_threads() {
        let one = crate::test_support::wikinews_as_one_document();
        assert!(one.len() > 4 * crate::analysis::PARALLEL_MIN);
        let at = one.find(" said ").expect("a speech verb") + 1;
        let two = format!("{}told{}", &one[..at], &one[at + 4..]);
        let kb = Arc::new(KnowledgeBase::builtin().clone());
        let config = Arc::new(Config::default());
        let json = |a: &Analysis| serde_json::to_string(a).unwrap();
        let mut an = Analyzer::new();
        let a = an.analyze(&one, Markup::Markdown, &kb, &config);
        assert_eq!(
            json(&a),
            json(&crate::analyze(&one, Markup::Markdown, &kb, &config))
        );
        let first = an.stats();
        assert!(first.sentences_computed > 3000, "{first:?}");
        let b = an.analyze(&two, Markup::Markdown, &kb, &config);
        assert_eq!(
            json(&b),
            json(&crate::analyze(&two, Markup::Markdown, &kb, &config))
        );
        let s = an.stats();
        assert_eq!(s.sentences_computed, 1, "{s:?}");
        // Sentences that repeat in the corpus are computed once.
        assert_eq!(
            s.sentences_reused + s.sentences_computed,
            first.sentences_reused + first.sentences_computed,
            "{s:?}"
        );
    }

    #[test]
    fn same_result_and_reuse_after_an_edit() {
        let kb = Arc::new(KnowledgeBase::builtin().clone());
        let config = Arc::new(Config::default());
        let mut an = Analyzer::new();
        let one = "Iran is growing, said Fawaz Gerges of the LSE.\n\n“It will grow,” he said.\n\nThe end of Iraq.";
        let two = "Iran is growing, said Fawaz Gerges of the LSE.\n\n“It will grow,” he added.\n\nThe end of Iraq.";
        an.analyze(one, Markup::PlainText, &kb, &config);
        let first = an.stats();
        assert_eq!(first.chunks_computed, 3);
        let a = an.analyze(two, Markup::PlainText, &kb, &config);
        let s = an.stats();
        assert_eq!((s.chunks_reused, s.chunks_computed), (2, 1));
        assert_eq!((s.paragraphs_reused, s.paragraphs_computed), (2, 1));
        let b = crate::analyze(two, Markup::PlainText, &kb, &config);
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
        // Another config empties the cache.
        let other = Arc::new(Config {
            quote_min_words: 9,
            ..Config::default()
        });
        an.analyze(two, Markup::PlainText, &kb, &other);
        assert_eq!(an.stats().chunks_reused, 0);
    }
}
