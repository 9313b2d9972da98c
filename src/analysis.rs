//! The analysis value and the pipeline that builds it.
//!
//! [`analyze`] is a pure function of the text, its markup kind, a knowledge
//! base and a config. It runs the stages in order: markup (what is prose),
//! sentences, quotes, actors (and linking speakers to actors), outline, rules.
//! Every range in the result is a UTF-8 byte range into the text passed in.

use std::ops::Range;

use serde::Serialize;

use crate::{actors, config::Config, kb::KnowledgeBase, markup, outline, quotes, rules, text};

pub use crate::markup::Markup;

/// A byte range into the analysed text.
pub type ByteRange = Range<usize>;

/// Everything copydesk knows about one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub markup: Markup,
    /// Prose blocks in order: paragraphs, headings, list items, block quotes.
    /// `paragraphs[i].index == i`; messages show `¶(i + 1)`.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order; each lies inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Quotations in text order, both quotes and terms.
    pub quotes: Vec<Quote>,
    /// Quote-mark level findings (pairing, direction, spacing) for the rules.
    pub marks: quotes::MarkReport,
    /// Actors mentioned in this article and every mention of them.
    pub actors: actors::ActorReport,
    /// Headings and sections.
    pub outline: outline::Outline,
    /// Ignore directives found in the text (`<!-- copydesk-ignore rule -->`).
    pub directives: Vec<markup::Directive>,
    /// Diagnostics after severities from the config and ignore directives.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// The paragraph that contains `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let i = self.paragraphs.partition_point(|p| p.range.end < offset);
        self.paragraphs
            .get(i)
            .filter(|p| p.range.start <= offset && offset <= p.range.end)
    }
}

/// One prose block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub index: usize,
    pub range: ByteRange,
    pub kind: markup::BlockKind,
}

/// One sentence, inside paragraph `paragraph`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub paragraph: usize,
    pub range: ByteRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A quoted clause or sentence, or a partial quote with a speaker: needs a source.
    Quote,
    /// A scare quote, title or coined phrase: needs no source.
    Term,
}

/// A quotation: its span includes the marks; a multi-paragraph quote runs to
/// the end of its last paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub range: ByteRange,
    /// The words inside the marks (joined across paragraphs with a space).
    pub text: String,
    pub kind: QuoteKind,
    /// Paragraph of the opening mark.
    pub paragraph: usize,
    pub speaker: Option<Speaker>,
    /// True when this is a Markdown `>` block quote rather than marks.
    pub block: bool,
}

/// Who said a quote and how copydesk found out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The words in the text that name the speaker ("he", "Gerges", "the minister").
    pub mention: String,
    pub mention_range: ByteRange,
    /// The resolved name ("Jack Watling").
    pub name: String,
    /// Knowledge-base or article actor id, once actors are linked.
    pub actor: Option<String>,
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// A speech verb with a named speaker in the same sentence.
    Verb,
    AccordingTo,
    Colon,
    Pronoun,
    Role,
    /// The speaker of an earlier quote in the same paragraph.
    Paragraph,
    /// A quote continuing from the previous paragraph.
    Continuation,
    /// Only inferred from a neighbouring paragraph.
    Context,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

/// A finding, with a stable rule code and a message for journalists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: ByteRange,
    /// Evidence elsewhere in the text: the candidate speaker, the other spelling.
    pub related: Vec<Related>,
    /// Quick fixes, best first.
    pub fixes: Vec<Fix>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub range: ByteRange,
    pub message: String,
}

/// A quick fix: a titled set of edits to the analysed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: ByteRange,
    pub new_text: String,
}

/// The findings an editor is shown when at most `max` of them are (0: no
/// limit), and how many are left out: the most serious first (every error,
/// then warnings, information and hints), and of the severity where the
/// limit falls, the first in the order given. The shown ones keep that
/// order. A writer sees every warning of a document that also has
/// thousands of hints.
///
/// ```
/// use copydesk::{analysis::shown, analyze, Config, KnowledgeBase, Markup};
/// let text = "“".repeat(50) + "\n";
/// let a = analyze(&text, Markup::PlainText, KnowledgeBase::empty(), &Config::default());
/// let (shown, left_out) = shown(&a.diagnostics, 10);
/// assert_eq!((shown.len(), left_out), (10, a.diagnostics.len() - 10));
/// ```
pub fn shown(diagnostics: &[Diagnostic], max: usize) -> (Vec<&Diagnostic>, usize) {
    if max == 0 || diagnostics.len() <= max {
        return (diagnostics.iter().collect(), 0);
    }
    let rank = |s: Severity| s as usize;
    let mut count = [0usize; 4];
    for d in diagnostics {
        count[rank(d.severity)] += 1;
    }
    // The severity the limit falls in, and how many of it fit: there are
    // more findings than `max`, so the limit falls in one.
    let mut room = max;
    let mut cut = count.len();
    for (s, &n) in count.iter().enumerate() {
        if n >= room {
            cut = s;
            break;
        }
        room -= n;
    }
    let mut shown = Vec::with_capacity(max);
    for d in diagnostics {
        let s = rank(d.severity);
        if s < cut {
            shown.push(d);
        } else if s == cut && room > 0 {
            shown.push(d);
            room -= 1;
        }
    }
    (shown, diagnostics.len() - max)
}

/// For ranges in order of their starts, given by their ends in that
/// order: the furthest end among the first `i + 1`, for each `i`. Whether
/// a range starting before a point still reaches it is then a look at one
/// entry, and a walk back from the point stops where the entry falls
/// short (quotes inside quotes, ignore directives' paragraphs).
pub(crate) fn furthest_ends(ends: impl IntoIterator<Item = usize>) -> Vec<usize> {
    ends.into_iter()
        .scan(0, |m, end| {
            *m = (*m).max(end);
            Some(*m)
        })
        .collect()
}

/// Analyse `text` as `markup`, with the actors of `kb` and the settings of `config`.
pub fn analyze(text: &str, markup: Markup, kb: &KnowledgeBase, config: &Config) -> Analysis {
    // Over `maxDocumentSize`: no stage runs, one finding says so.
    if let Some(too_large) = rules::document_too_large::analysis(text, markup, kb, config) {
        return too_large;
    }
    let parallel = is_long(text);
    analyze_local(
        text,
        markup,
        kb,
        config,
        from_scratch(text, markup, parallel),
        None,
        parallel,
    )
}

/// The paragraph-local results of `text` from scratch, sentences split on
/// every thread when `parallel`. The knowledge base is left to the actor
/// stage, which matches it beside the quote stage.
fn from_scratch(text: &str, markup: Markup, parallel: bool) -> Local {
    let prose = markup::parse(text, markup);
    let paragraphs = prose.paragraphs();
    let sentences = if parallel {
        text::sentences::split_parallel(&prose.masked, &paragraphs)
    } else {
        text::sentences::split(&prose.masked, &paragraphs)
    };
    Local {
        prose,
        paragraphs,
        sentences,
        names: None,
    }
}

/// What [`analyze`] computes paragraph by paragraph (or line by line) before
/// the stages that look across paragraphs: the incremental analysis
/// (`crate::incremental`) reuses these for the paragraphs an edit did not
/// touch and hands them to [`analyze_local`].
pub(crate) struct Local {
    pub prose: markup::Prose,
    pub paragraphs: Vec<Paragraph>,
    /// `text::sentences::split(&prose.masked, &paragraphs)`.
    pub sentences: Vec<Sentence>,
    /// `quotes::paragraph_names` of every paragraph, concatenated (None:
    /// quotes computes them).
    pub names: Option<Vec<quotes::FullName>>,
}

/// What the stages after [`Local`] keep between versions of one document
/// (the incremental analysis): quotes' per-sentence results and surname
/// look-ups, actors' name spans, and the knowledge base's matches chunk
/// by chunk (None: the base is matched over the whole text; see
/// `crate::incremental`).
#[derive(Default)]
pub(crate) struct Caches {
    pub quotes: quotes::QuoteCache,
    pub actor_spans: actors::SpanCache,
    pub kb_chunks: Option<crate::incremental::ChunkMatches>,
}

/// Documents at least this long (in bytes) run the quote and actor stages
/// on two threads. Below it, an article's stages take about a millisecond
/// and stay on the caller's thread: no thread pool to start for the first
/// article a server opens.
pub(crate) const PARALLEL_MIN: usize = 64 << 10;

/// A document long enough to share its analysis out over threads.
pub(crate) fn is_long(text: &str) -> bool {
    text.len() >= PARALLEL_MIN
}

/// The rest of the pipeline, from the paragraph-local results on: quotes,
/// actors, linking, outline, rules; on two threads when `parallel` (for a
/// document of [`PARALLEL_MIN`] bytes or more: [`is_long`]).
pub(crate) fn analyze_local(
    text: &str,
    markup: Markup,
    kb: &KnowledgeBase,
    config: &Config,
    local: Local,
    caches: Option<&mut Caches>,
    parallel: bool,
) -> Analysis {
    let (sentence_cache, span_cache, chunk_cache) = match caches {
        Some(c) => (
            Some(&mut c.quotes),
            Some(&mut c.actor_spans),
            c.kb_chunks.as_mut(),
        ),
        None => (None, None, None),
    };
    let Local {
        prose,
        paragraphs,
        sentences,
        names,
    } = local;
    // Quotes and actors read none of each other's results (speakers are
    // linked to actors after both): on a long document they run on two
    // threads.
    let quotes_stage = || {
        quotes::analyze_with(
            text,
            &prose,
            &paragraphs,
            &sentences,
            config,
            names,
            sentence_cache,
            parallel,
        )
    };
    let actors_stage = || {
        // The knowledge base matched here, on the actors' thread: chunk
        // by chunk from what the last version kept, when the incremental
        // analysis keeps it.
        let found = match chunk_cache {
            Some(chunks) => chunks.find(&prose.masked, kb),
            None => kb.find(&prose.masked),
        };
        actors::analyze_found_with(text, &prose, &paragraphs, &sentences, kb, found, span_cache)
    };
    let (mut quote_report, actor_report) = if parallel {
        rayon::join(quotes_stage, actors_stage)
    } else {
        (quotes_stage(), actors_stage())
    };
    actors::link_speakers(&mut quote_report.quotes, &actor_report, kb);
    let outline = outline::build(text, &prose, &paragraphs, &quote_report.quotes);
    let mut analysis = Analysis {
        markup,
        paragraphs,
        sentences,
        quotes: quote_report.quotes,
        marks: quote_report.marks,
        actors: actor_report,
        outline,
        directives: prose.directives.clone(),
        diagnostics: Vec::new(),
    };
    let ctx = rules::Context {
        text,
        prose: &prose,
        analysis: &analysis,
        kb,
        config,
    };
    let diagnostics = rules::run(&ctx);
    analysis.diagnostics = diagnostics;
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn finding(severity: Severity, at: usize) -> Diagnostic {
        Diagnostic {
            code: "test",
            severity,
            message: String::new(),
            range: at..at + 1,
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    fn at(shown: &[&Diagnostic]) -> Vec<usize> {
        shown.iter().map(|d| d.range.start).collect()
    }

    #[test]
    fn the_most_serious_are_shown_first_in_their_order() {
        use Severity::*;
        let all: Vec<Diagnostic> = [Hint, Hint, Warning, Hint, Error, Information, Warning]
            .into_iter()
            .enumerate()
            .map(|(i, s)| finding(s, i))
            .collect();
        let (shown, left_out) = super::shown(&all, 3);
        assert_eq!((at(&shown), left_out), (vec![2, 4, 6], 4));
        let (shown, left_out) = super::shown(&all, 2);
        assert_eq!((at(&shown), left_out), (vec![2, 4], 5));
        // The limit falls among the hints: the first of them.
        let (shown, left_out) = super::shown(&all, 5);
        assert_eq!((at(&shown), left_out), (vec![0, 2, 4, 5, 6], 2));
        // At or under the limit, and with no limit: all of them.
        assert_eq!(at(&super::shown(&all, 7).0), (0..7).collect::<Vec<_>>());
        assert_eq!(super::shown(&all, 0), (all.iter().collect(), 0));
        assert_eq!(super::shown(&[], 1), (Vec::new(), 0));
    }

    /// The quote and actor stages give the same analysis on two threads
    /// as on one: the Wikinews corpus as one document, well over
    /// [`PARALLEL_MIN`], in both markups.
    #[test]
    fn two_threads_give_what_one_gives() {
        let text = crate::test_support::wikinews_as_one_document();
        assert!(text.len() > 4 * PARALLEL_MIN, "{}", text.len());
        let kb = KnowledgeBase::builtin();
        let config = Config::default();
        for markup in [Markup::Markdown, Markup::PlainText] {
            let run = |parallel| {
                let local = from_scratch(&text, markup, parallel);
                let a = analyze_local(&text, markup, kb, &config, local, None, parallel);
                serde_json::to_string(&a).unwrap()
            };
            let (two, one) = (run(true), run(false));
            assert!(two == one, "{markup:?}: the analyses differ");
            assert!(one.contains("\"quotes\""));
        }
    }

    proptest! {
        /// Against the plain reading: sort by severity, then by place in
        /// the list; keep the first `max`; put them back in list order.
        #[test]
        fn shown_is_the_first_max_by_severity_then_order(
            severities in proptest::collection::vec(0usize..4, 0..60),
            max in 0usize..70,
        ) {
            const ALL: [Severity; 4] =
                [Severity::Error, Severity::Warning, Severity::Information, Severity::Hint];
            let all: Vec<Diagnostic> = severities
                .iter()
                .enumerate()
                .map(|(i, &s)| finding(ALL[s], i))
                .collect();
            let mut oracle: Vec<usize> = (0..all.len()).collect();
            if max != 0 {
                oracle.sort_by_key(|&i| (all[i].severity, i));
                oracle.truncate(max);
                oracle.sort_unstable();
            }
            let (shown, left_out) = super::shown(&all, max);
            prop_assert_eq!(at(&shown), oracle.clone());
            prop_assert_eq!(left_out, all.len() - oracle.len());
        }
    }
}
