//! Actors in an article: knowledge-base mentions (one automaton over every
//! alias), in-article introductions, near misses of known names, and linking
//! quote speakers to actors. Also the pure cores of the editor features:
//! hover text, the actor at an offset, its mentions, rename edits.

pub mod names;

use std::sync::Arc;

use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};

use serde::Serialize;

use crate::analysis::{Analysis, ByteRange, Edit, Paragraph, Quote, Sentence};
use crate::kb::{Actor, ActorKind, AliasKind, KnowledgeBase};
use crate::markup::Prose;
use names::{
    is_name_word, is_particle, is_role_noun, is_speech, is_title, near_miss, tokens, NearMisses,
};

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorReport {
    /// The article's actors, in order of first mention.
    pub actors: Vec<ArticleActor>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Names that are near misses of a known name (for `name-misspelling`).
    pub misspellings: Vec<NameIssue>,
    /// One actor spelled two ways (for `inconsistent-name`).
    pub variants: Vec<NameIssue>,
    /// Actor id -> its index in `actors` (the first with it), made when
    /// first asked: see [`ActorReport::actor`].
    #[serde(skip)]
    pub by_id: std::sync::OnceLock<HashMap<String, usize>>,
}

impl ActorReport {
    /// The actor with id `id`: a look-up, where a scan of every actor for
    /// each quote's speaker made an outline of thousands of people
    /// quadratic.
    pub fn actor(&self, id: &str) -> Option<&ArticleActor> {
        let by_id = self.by_id.get_or_init(|| {
            let mut m: HashMap<String, usize> = HashMap::default();
            for (i, a) in self.actors.iter().enumerate() {
                m.entry(a.id.clone()).or_insert(i);
            }
            m
        });
        by_id.get(id).map(|&i| &self.actors[i])
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleActor {
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: String,
    /// "curated", a data source, a user file, or "article" when only the
    /// article introduces it.
    pub source: String,
    pub surname: Option<String>,
    pub introduction: Option<Introduction>,
    pub mention_count: usize,
    /// Range of the first mention.
    pub first_mention: ByteRange,
}

/// How the article introduced an actor: `Jack Watling, land war specialist
/// at ...` gives the role "land war specialist at ...".
#[derive(Debug, Clone, Serialize)]
pub struct Introduction {
    /// The name where it is introduced.
    pub range: ByteRange,
    pub role: String,
    pub role_range: ByteRange,
    pub paragraph: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub range: ByteRange,
    /// Index into `ActorReport::actors`.
    pub actor: usize,
}

/// A written name and the spelling it should have (misspellings), or the
/// other spelling of the same actor (variants).
#[derive(Debug, Clone, Serialize)]
pub struct NameIssue {
    pub range: ByteRange,
    pub written: String,
    pub expected: String,
    pub actor: usize,
    /// Variants: where the other spelling is.
    pub other: Option<ByteRange>,
}

/// A name-like span before linking: a person named in the text.
pub(crate) struct Span {
    range: ByteRange,
    /// (Inline up to two words: most spans are one capitalised word.)
    words: smallvec::SmallVec<[ByteRange; 2]>,
}

struct Builder {
    actors: Vec<ArticleActor>,
    by_id: HashMap<String, usize>,
    /// By (start, end, then the order added): see [`Builder::add_mention`].
    /// (A map, not a sorted `Vec`: the spans of new people and misspelled
    /// names go in all through the text, and an insertion into a `Vec`
    /// moved every mention after it.)
    mentions: std::collections::BTreeMap<(usize, usize, u64), Mention>,
    /// The order of the next mention added.
    added: u64,
    /// The length of the longest mention so far.
    longest: usize,
    misspellings: Vec<NameIssue>,
    variants: Vec<NameIssue>,
}

impl Builder {
    fn actor_for(&mut self, a: &Actor, at: ByteRange) -> usize {
        if let Some(&i) = self.by_id.get(&a.id) {
            return i;
        }
        self.actors.push(ArticleActor {
            id: a.id.clone(),
            kind: a.kind,
            name: a.name.clone(),
            aliases: a.aliases.clone(),
            description: a.description.clone(),
            source: a.source.clone(),
            surname: a.surname.clone().or_else(|| surname_of(&a.name, a.kind)),
            introduction: None,
            mention_count: 0,
            first_mention: at,
        });
        self.by_id.insert(a.id.clone(), self.actors.len() - 1);
        self.actors.len() - 1
    }

    /// Add a mention: after the mentions of the same range already there.
    fn add_mention(&mut self, m: Mention) {
        self.longest = self.longest.max(m.range.len());
        let key = (m.range.start, m.range.end, self.added);
        self.added += 1;
        self.mentions.insert(key, m);
    }

    /// The mentions overlapping `r`, in text order: a range of the map,
    /// since no mention is longer than `longest`.
    fn overlapping<'a>(&'a self, r: &ByteRange) -> impl Iterator<Item = &'a Mention> + 'a {
        let (start, end) = (r.start, r.end);
        self.mentions
            .range((start.saturating_sub(self.longest), 0, 0)..(end, 0, 0))
            .map(|(_, m)| m)
            .filter(move |m| start < m.range.end)
    }

    fn covered(&self, r: &ByteRange) -> bool {
        self.overlapping(r).next().is_some()
    }
}

fn surname_of(name: &str, kind: ActorKind) -> Option<String> {
    if kind != ActorKind::Person {
        return None;
    }
    let toks: Vec<&str> = name.split_whitespace().collect();
    (toks.len() >= 2).then(|| toks[toks.len() - 1].to_string())
}

/// The name spans of one sentence of `masked`: capitalized words in a row
/// (over particles), a function of the sentence's text alone, pushed onto
/// `spans`.
fn sentence_spans(masked: &str, range: ByteRange, spans: &mut Vec<Span>) {
    let toks = tokens(masked, range);
    let mut i = 0;
    while i < toks.len() {
        let w = &masked[toks[i].range.clone()];
        if !is_name_word(w) || is_title(w) {
            i += 1;
            continue;
        }
        let mut words: smallvec::SmallVec<[ByteRange; 2]> =
            smallvec::smallvec![toks[i].range.clone()];
        let mut j = i + 1;
        while j < toks.len() {
            let gap = &masked[toks[j - 1].range.end..toks[j].range.start];
            if gap != " " {
                break;
            }
            let w = &masked[toks[j].range.clone()];
            if is_name_word(w) && !is_title(w) || is_particle(w) && j + 1 < toks.len() {
                words.push(toks[j].range.clone());
                j += 1;
            } else {
                break;
            }
        }
        while words.len() > 1 && is_particle(&masked[words.last().unwrap().clone()]) {
            words.pop();
        }
        spans.push(Span {
            range: words[0].start..words.last().unwrap().end,
            words,
        });
        i = j;
    }
}

/// The name spans of one sentence, relative to its start, and the role
/// read around each, found when first asked ([`introduction_in`], a
/// function of the sentence's text and the span alone): kept between
/// versions of one document by the sentence's text.
pub(crate) struct SentenceSpans {
    spans: Vec<Span>,
    intros: Vec<std::sync::OnceLock<Option<RoleAt>>>,
    /// What [`person_position`] reads of each span inside the sentence,
    /// found when first asked ([`Position::within`]).
    positions: Vec<std::sync::OnceLock<Position>>,
    /// The known person each span's words are a near miss of
    /// ([`near_known_person`], a function of the words and the knowledge
    /// base, whose change empties the cache), found when first asked.
    near_known: Vec<std::sync::OnceLock<Option<(u32, u32)>>>,
}

/// The name spans of each sentence kept between versions of one document,
/// by the sentence's text, relative to its start (for the incremental
/// analysis).
pub(crate) type SpanCache = crate::incremental::SentenceMemo<SentenceSpans>;

/// Where the kept values of a span are: its sentence's entry (by its
/// index among the version's sentences, see [`KeptSpans`]), its index
/// there, and the sentence's start.
struct KeptSpan {
    sentence: usize,
    index: usize,
    at: usize,
}

/// The kept entry of each sentence of a version, and where each span's
/// values are among them.
struct KeptSpans {
    sentences: Vec<Arc<SentenceSpans>>,
    spans: Vec<KeptSpan>,
}

/// `sentence_spans` of every sentence, in order, from `cache` where the
/// sentence's text is unchanged; drops what this version does not use.
fn kept_spans(
    cache: &mut SpanCache,
    masked: &str,
    sentences: &[Sentence],
) -> (Vec<Span>, KeptSpans) {
    cache.begin();
    let mut out = Vec::new();
    let mut kept = KeptSpans {
        sentences: Vec::with_capacity(sentences.len()),
        spans: Vec::new(),
    };
    for (si, s) in sentences.iter().enumerate() {
        let at = s.range.start;
        let rel = cache.get_or_make(&masked[s.range.clone()], &[], || {
            let mut spans = Vec::new();
            sentence_spans(masked, s.range.clone(), &mut spans);
            let shift = |r: &ByteRange| (r.start - at)..(r.end - at);
            let spans: Vec<Span> = spans
                .iter()
                .map(|sp| Span {
                    range: shift(&sp.range),
                    words: sp.words.iter().map(shift).collect(),
                })
                .collect();
            SentenceSpans {
                intros: spans.iter().map(|_| Default::default()).collect(),
                positions: spans.iter().map(|_| Default::default()).collect(),
                near_known: spans.iter().map(|_| Default::default()).collect(),
                spans,
            }
        });
        let shift = |r: &ByteRange| (at + r.start)..(at + r.end);
        out.extend(rel.spans.iter().map(|sp| Span {
            range: shift(&sp.range),
            words: sp.words.iter().map(shift).collect(),
        }));
        kept.spans
            .extend((0..rel.spans.len()).map(|index| KeptSpan {
                sentence: si,
                index,
                at,
            }));
        kept.sentences.push(rel);
    }
    cache.finish();
    (out, kept)
}

/// Find the actors of an article. `text` is the original text; prose is
/// scanned through `prose.masked`, so code and markup never name anyone.
/// It reads nothing of the quotes stage (speakers are linked to actors
/// afterwards, by [`link_speakers`]), so the two can run side by side.
pub fn analyze(
    text: &str,
    prose: &Prose,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    kb: &KnowledgeBase,
) -> ActorReport {
    analyze_found(
        text,
        prose,
        paragraphs,
        sentences,
        kb,
        kb.find(&prose.masked),
    )
}

/// [`analyze`], given `kb.find(&prose.masked)` (the incremental analysis
/// computes it line by line and reuses the lines an edit did not touch).
pub fn analyze_found<'k>(
    text: &str,
    prose: &Prose,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    kb: &'k KnowledgeBase,
    found: Vec<crate::kb::KbMatch<'k>>,
) -> ActorReport {
    analyze_found_with(text, prose, paragraphs, sentences, kb, found, None)
}

/// [`analyze_found`], with the name spans of sentences an edit did not
/// touch kept in `span_cache` (the incremental analysis).
#[allow(clippy::too_many_arguments)]
pub(crate) fn analyze_found_with<'k>(
    text: &str,
    prose: &Prose,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    kb: &'k KnowledgeBase,
    found: Vec<crate::kb::KbMatch<'k>>,
    span_cache: Option<&mut SpanCache>,
) -> ActorReport {
    let masked = prose.masked.as_str();
    let mut b = Builder {
        actors: Vec::new(),
        by_id: HashMap::default(),
        mentions: Default::default(),
        added: 0,
        longest: 0,
        misspellings: Vec::new(),
        variants: Vec::new(),
    };

    // 1. Knowledge-base mentions, with surname-only and ambiguous aliases
    //    resolved from the rest of the article.
    let mut named: HashSet<&str> = HashSet::default();
    let mut countries: HashMap<&str, usize> = HashMap::default();
    for m in &found {
        for (a, kind) in &m.candidates {
            if *kind != AliasKind::Surname {
                named.insert(a.id.as_str());
            }
        }
        if let [(a, _)] = m.candidates.as_slice() {
            if a.kind == ActorKind::Country {
                if let Some(c) = &a.country {
                    *countries.entry(c.as_str()).or_default() += 1;
                }
            }
        }
    }
    for m in &found {
        let usable: Vec<&(&Actor, AliasKind)> = m
            .candidates
            .iter()
            .filter(|(a, kind)| *kind != AliasKind::Surname || named.contains(a.id.as_str()))
            .collect();
        let Some(best) = usable
            .iter()
            .max_by_key(|(a, kind)| {
                let country = a
                    .country
                    .as_deref()
                    .and_then(|c| countries.get(c))
                    .copied()
                    .unwrap_or(0);
                // first candidate wins ties: max_by_key keeps the last max, so rank by position too
                (
                    *kind == AliasKind::Name,
                    country,
                    std::cmp::Reverse(usable.iter().position(|x| x.0.id == a.id)),
                )
            })
            .map(|(a, _)| *a)
        else {
            continue;
        };
        let i = b.actor_for(best, m.range.clone());
        b.add_mention(Mention {
            range: m.range.clone(),
            actor: i,
        });
    }

    // 2. Name spans: capitalized words in a row, within a sentence.
    let (spans, kept): (Vec<Span>, Option<KeptSpans>) = match span_cache {
        Some(cache) => {
            let (spans, kept) = kept_spans(cache, masked, sentences);
            (spans, Some(kept))
        }
        None => {
            let mut spans = Vec::new();
            for s in sentences {
                sentence_spans(masked, s.range.clone(), &mut spans);
            }
            (spans, None)
        }
    };

    // Every word of every span, by its text, in text order (for surnames).
    let mut words_index: HashMap<&str, Vec<ByteRange>> = HashMap::default();
    for span in &spans {
        for w in &span.words {
            words_index
                .entry(&masked[w.clone()])
                .or_default()
                .push(w.clone());
        }
    }

    // 3. People introduced with a role, and near misses of known names.
    let ordered = in_order(sentences);
    let mut misspelled_done: HashSet<(String, usize, String)> = HashSet::default();
    // The mentions a span replaced (see below).
    let mut replaced: HashSet<(usize, usize)> = HashSet::default();
    // The introduction of span `k`: kept with its sentence by the
    // incremental analysis (the sentence that holds a span is its own when
    // the sentences are in order), else read now.
    let intro_of = |k: usize, span: &Span| match &kept {
        Some(kept) if ordered => {
            let KeptSpan {
                sentence,
                index,
                at,
            } = &kept.spans[k];
            let role = kept.sentences[*sentence].intros[*index].get_or_init(|| {
                let s = sentence_of(sentences, ordered, &span.range)?;
                let r = introduction_in(masked, s, span)?;
                Some(RoleAt {
                    range: (r.range.start - at)..(r.range.end - at),
                    after: r.after,
                })
            });
            role.as_ref().map(|r| {
                let s = sentence_of(sentences, ordered, &span.range).expect("its sentence");
                let role = RoleAt {
                    range: (at + r.range.start)..(at + r.range.end),
                    after: r.after,
                };
                finish_introduction(masked, text, span, s, paragraphs, role)
            })
        }
        _ => introduction(masked, text, span, sentences, ordered, paragraphs),
    };
    // Whether span `k` stands in a person-like position: read off what its
    // sentence kept where the words beside it lie inside the sentence.
    let position_of = |k: usize, span: &Span| match &kept {
        Some(kept) => {
            let KeptSpan {
                sentence, index, ..
            } = &kept.spans[k];
            kept.sentences[*sentence].positions[*index]
                .get_or_init(|| Position::within(masked, &sentences[*sentence].range, &span.range))
                .finish(masked, &span.range)
        }
        None => person_position(masked, &span.range),
    };
    // The known person span `k` (its `words`) is a near miss of, if any.
    let near_known_of = |k: usize, words: &[&str]| {
        let placed = match &kept {
            Some(kept) => {
                let KeptSpan {
                    sentence, index, ..
                } = &kept.spans[k];
                *kept.sentences[*sentence].near_known[*index]
                    .get_or_init(|| near_known_person(kb, words))
            }
            None => near_known_person(kb, words),
        };
        placed.map(|(layer, i)| kb.placed_actor(layer, i))
    };
    for (k, span) in spans.iter().enumerate() {
        if span.words.len() < 2 || span.words.len() > 4 {
            continue;
        }
        // A span that is a knowledge-base name already (or a place, a body) is not new.
        let kb_cover: Vec<&Mention> = b.overlapping(&span.range).collect();
        if kb_cover
            .iter()
            .any(|m| b.actors[m.actor].kind != ActorKind::Person || m.range == span.range)
        {
            // the introduction of a known person is still worth keeping
            if let Some(m) = kb_cover
                .iter()
                .find(|m| m.range == span.range && b.actors[m.actor].kind == ActorKind::Person)
            {
                let ai = m.actor;
                if b.actors[ai].introduction.is_none() {
                    if let Some(intro) = intro_of(k, span) {
                        b.actors[ai].introduction = Some(intro);
                    }
                }
            }
            continue;
        }
        let intro = intro_of(k, span);
        let covers_known_surname = kb_cover
            .iter()
            .any(|m| b.actors[m.actor].kind == ActorKind::Person);
        let words: Vec<&str> = span.words.iter().map(|r| &masked[r.clone()]).collect();
        // Without a role, a name that starts with a common given name is
        // still a person ("Paul Budd"); a near miss counts only in a
        // person-like position (a role, a title, a speech verb).
        let plain_name = intro.is_none()
            && !covers_known_surname
            && words.len() <= 3
            && kb.is_given_name(words[0])
            && !words.iter().any(|w| names::is_place_word(w));
        if intro.is_none() && !covers_known_surname && !plain_name {
            continue;
        }
        let person_like = !plain_name || position_of(k, span);
        let written = masked[span.range.clone()].to_string();
        // Near miss of a known person: one word the same, the other a near miss.
        let known = if person_like {
            near_known_of(k, &words)
        } else {
            None
        };
        let ai = if let Some(k) = known {
            let ai = b.actor_for(k, span.range.clone());
            b.misspellings.push(NameIssue {
                range: span.range.clone(),
                written: written.clone(),
                expected: k.name.clone(),
                actor: ai,
                other: None,
            });
            ai
        } else {
            if covers_known_surname {
                continue;
            }
            let id = format!("article/{}", written.to_lowercase().replace(' ', "-"));
            let a = Actor {
                id,
                kind: ActorKind::Person,
                name: written.clone(),
                aliases: vec![],
                description: String::new(),
                source: "article".into(),
                country: None,
                surname: Some(words[words.len() - 1].to_string()),
                surname_alone: false,
            };
            b.actor_for(&a, span.range.clone())
        };
        // The span replaces any surname mention inside it (mentions are
        // by start: only those starting in the span can be inside).
        let inside: Vec<(usize, usize, u64)> = b
            .mentions
            .range((span.range.start, 0, 0)..=(span.range.end, usize::MAX, u64::MAX))
            .map(|(k, _)| *k)
            .filter(|&(_, end, _)| end <= span.range.end)
            .collect();
        for k in inside {
            b.mentions.remove(&k);
            // A misspelled surname flagged with this mention goes with it
            // (`Watlin` inside `Jack Watlin`, flagged on its own).
            replaced.insert((k.0, k.1));
        }
        b.add_mention(Mention {
            range: span.range.clone(),
            actor: ai,
        });
        if b.actors[ai].introduction.is_none() {
            b.actors[ai].introduction = intro;
        }
        // Remember the written surname for later mentions ("Hitermann").
        let written_surname = words[words.len() - 1].to_string();
        if known.is_some() {
            let expected = b.actors[ai].surname.clone().unwrap_or_default();
            // Once for each written surname, person and expected surname:
            // every mention it adds stays covered (a span that replaces
            // one covers it), so a second time would add nothing, and the
            // same misspelled name all through a long text made it
            // quadratic.
            if !expected.is_empty()
                && expected != written_surname
                && misspelled_done.insert((written_surname.clone(), ai, expected.clone()))
            {
                surname_mentions(&mut b, &words_index, &written_surname, ai, Some(&expected));
            }
        }
    }

    if !replaced.is_empty() {
        b.misspellings
            .retain(|m| !replaced.contains(&(m.range.start, m.range.end)));
    }

    // 4. Surname-only mentions of the article's people ("Watling"), as
    //    `surname_mentions` adds them.
    for ai in 0..b.actors.len() {
        if b.actors[ai].kind != ActorKind::Person || b.actors[ai].source != "article" {
            continue;
        }
        if let Some(s) = b.actors[ai].surname.as_deref() {
            for w in words_index.get(s).into_iter().flatten() {
                if b.covered(w) {
                    continue;
                }
                b.add_mention(Mention {
                    range: w.clone(),
                    actor: ai,
                });
            }
        }
    }

    // 5. One person spelled two ways: a lone capitalized word in a person-like
    //    position that is a near miss of an article person's surname.
    let people: Vec<(usize, String)> = b
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Person)
        .filter_map(|(i, a)| a.surname.clone().map(|s| (i, s)))
        .collect();
    let surnames = NearMisses::new(people.iter().map(|(_, s)| s.as_str()));
    // Each actor's first mention (its key), kept as mentions are added: a
    // search from the start for each variant made thousands of people
    // quadratic.
    let mut first_of: HashMap<usize, (usize, usize, u64)> = HashMap::default();
    // The mentions so far by start, each with the furthest end up to it:
    // whether one covers a span is a binary search of an array, not a
    // walk down the map. (The mentions this step adds are at spans of
    // their own, and spans do not overlap: none covers another span.)
    let mut reach: Vec<(usize, usize)> = Vec::with_capacity(b.mentions.len());
    for (k, m) in &b.mentions {
        first_of.entry(m.actor).or_insert(*k);
        let end = reach.last().map_or(k.1, |&(_, end)| end.max(k.1));
        reach.push((k.0, end));
    }
    let covered = |r: &ByteRange| {
        let j = reach.partition_point(|&(start, _)| start < r.end);
        j > 0 && reach[j - 1].1 > r.start
    };
    for (k, span) in spans.iter().enumerate() {
        if span.words.len() != 1 || covered(&span.range) || !position_of(k, span) {
            continue;
        }
        let w = &masked[span.range.clone()];
        let Some((ai, s)) = surnames.find(w).map(|i| &people[i]) else {
            continue;
        };
        if !kb.find(w).is_empty() {
            continue;
        }
        {
            let other = first_of.get(ai).map(|k| k.0..k.1);
            let known_person = b.actors[*ai].source != "article";
            let issue = NameIssue {
                range: span.range.clone(),
                written: w.to_string(),
                expected: s.clone(),
                actor: *ai,
                other,
            };
            if known_person {
                b.misspellings.push(issue);
            } else {
                b.variants.push(issue);
            }
            let key = (span.range.start, span.range.end, b.added);
            b.add_mention(Mention {
                range: span.range.clone(),
                actor: *ai,
            });
            let first = first_of.entry(*ai).or_insert(key);
            *first = (*first).min(key);
        }
    }

    // Counts, order, first mentions.
    let mut mentions: Vec<Mention> = std::mem::take(&mut b.mentions).into_values().collect();
    mentions.dedup_by(|x, y| x.range.start < y.range.end);
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; b.actors.len()];
    for m in &mentions {
        if !seen[m.actor] {
            seen[m.actor] = true;
            order.push(m.actor);
        }
    }
    let mut remap = vec![usize::MAX; b.actors.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut actors: Vec<ArticleActor> = order.iter().map(|&i| b.actors[i].clone()).collect();
    for m in &mut mentions {
        m.actor = remap[m.actor];
        let a = &mut actors[m.actor];
        if a.mention_count == 0 {
            a.first_mention = m.range.clone();
        }
        a.mention_count += 1;
    }
    let fix = |v: &mut Vec<NameIssue>| {
        v.retain(|n| remap[n.actor] != usize::MAX);
        for n in v.iter_mut() {
            n.actor = remap[n.actor];
        }
        v.sort_by_key(|n| n.range.start);
    };
    fix(&mut b.misspellings);
    fix(&mut b.variants);
    ActorReport {
        actors,
        mentions,
        misspellings: b.misspellings,
        variants: b.variants,
        by_id: Default::default(),
    }
}

/// A known person whose name differs from `words` by a near miss in one
/// word, the others equal, by its place in the base (layer, index).
/// Looked up by last and first word, never by comparing with every name;
/// no actor is materialized to read its name.
fn near_known_person(kb: &KnowledgeBase, words: &[&str]) -> Option<(u32, u32)> {
    let mut found = None;
    for token in [words[words.len() - 1], words[0]] {
        kb.each_person_with_token(token, |layer, i, name| {
            let near = is_near_name(name, words);
            if near {
                found = Some((layer, i));
            }
            near
        });
        if found.is_some() {
            break;
        }
    }
    found
}

/// `known` has as many words as `words`, all the same (ASCII case apart)
/// but one, which is a near miss.
fn is_near_name(known: &str, words: &[&str]) -> bool {
    let known = || known.split_whitespace();
    known().count() == words.len()
        && known()
            .zip(words)
            .filter(|(k, w)| k.eq_ignore_ascii_case(w))
            .count()
            == words.len() - 1
        && known()
            .zip(words)
            .all(|(k, w)| k.eq_ignore_ascii_case(w) || near_miss(w, k))
}

/// Mentions of `surname` alone (capitalized, on word boundaries) as mentions
/// of actor `ai`; with `expected`, each is also a misspelling.
fn surname_mentions(
    b: &mut Builder,
    words: &HashMap<&str, Vec<ByteRange>>,
    surname: &str,
    ai: usize,
    expected: Option<&str>,
) {
    for w in words.get(surname).into_iter().flatten() {
        if b.covered(w) {
            continue;
        }
        b.add_mention(Mention {
            range: w.clone(),
            actor: ai,
        });
        if let Some(e) = expected {
            b.misspellings.push(NameIssue {
                range: w.clone(),
                written: surname.to_string(),
                expected: e.to_string(),
                actor: ai,
                other: None,
            });
        }
    }
}

/// Next to a speech verb, after a title, or before ", who"/", a ...".
fn person_position(masked: &str, r: &ByteRange) -> bool {
    person_like_before(masked, r.start) || person_like_after(masked, r.end)
}

/// The word before `at` (the text's last word up to it) is a speech verb
/// or a title.
fn person_like_before(masked: &str, at: usize) -> bool {
    masked[..at]
        .split_whitespace()
        .next_back()
        .is_some_and(is_speech_or_title)
}

/// The word after `at` is a speech verb.
fn person_like_after(masked: &str, at: usize) -> bool {
    masked[at..]
        .split_whitespace()
        .next()
        .is_some_and(is_speech_word)
}

fn is_speech_word(w: &str) -> bool {
    is_speech(w.trim_matches(|c: char| !c.is_alphanumeric()))
}

fn is_speech_or_title(w: &str) -> bool {
    is_speech_word(w) || is_title(w)
}

/// What [`person_position`] reads beside a span, read inside its sentence
/// alone (a function of the sentence's text, so kept with it): for the
/// word before it and the word after it, whether it makes the position
/// person-like, or `None` where that word may run past the sentence's
/// edge (or lie outside it), to be read in the text.
#[derive(Debug, Clone, Copy)]
struct Position {
    before: Option<bool>,
    after: Option<bool>,
}

impl Position {
    fn within(masked: &str, sentence: &ByteRange, r: &ByteRange) -> Position {
        // A word with white space between it and the sentence's edge is
        // the word the whole text gives there.
        let head = masked[sentence.start..r.start].trim_end();
        let before = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| is_speech_or_title(&head[i + c.len_utf8()..]));
        let tail = masked[r.end..sentence.end].trim_start();
        let after = tail
            .find(char::is_whitespace)
            .map(|i| is_speech_word(&tail[..i]));
        Position { before, after }
    }

    /// [`person_position`] of the span at `r`.
    fn finish(&self, masked: &str, r: &ByteRange) -> bool {
        self.before
            .unwrap_or_else(|| person_like_before(masked, r.start))
            || self
                .after
                .unwrap_or_else(|| person_like_after(masked, r.end))
    }
}

/// How many spaces back from a name its introduction is read (`Iraqi
/// Prime Minister Mohammed Shia al-Sudani`). The longest one in the
/// Wikinews corpus, the reference article and a 1 MiB document of them
/// is 7 words.
const INTRODUCTION_WINDOW: usize = 32;

/// The role phrase introducing a name: after it (`Jack Watling, land war
/// specialist at ...`, `Joost Hitermann, who heads ...`) or before it (`US
/// Secretary of State Mike Pompeo`, `Iranian commander Qasm Soleimani`).
fn introduction(
    masked: &str,
    text: &str,
    span: &Span,
    sentences: &[Sentence],
    ordered: bool,
    paragraphs: &[Paragraph],
) -> Option<Introduction> {
    let sentence = sentence_of(sentences, ordered, &span.range)?;
    let role = introduction_in(masked, sentence, span)?;
    Some(finish_introduction(
        masked, text, span, sentence, paragraphs, role,
    ))
}

/// Where an introduction's role words are, before they are widened to
/// the original text's character boundaries: a function of the sentence's
/// masked text and the span alone (so kept with the sentence).
#[derive(Debug, Clone)]
struct RoleAt {
    range: ByteRange,
    /// Read after the name (`Jack Watling, land war specialist`).
    after: bool,
}

/// The introduction from its role words' place.
fn finish_introduction(
    masked: &str,
    text: &str,
    span: &Span,
    sentence: &Sentence,
    paragraphs: &[Paragraph],
    role: RoleAt,
) -> Introduction {
    let paragraph = sentence.paragraph;
    let mut role_range = role.range;
    Introduction {
        range: span.range.clone(),
        role: role_text(masked, text, &mut role_range),
        role_range,
        paragraph: if role.after {
            paragraphs.get(paragraph).map_or(paragraph, |p| p.index)
        } else {
            paragraph
        },
    }
}

/// The role words of [`introduction`] in `sentence`, the one holding
/// `span`: it reads nothing of the text outside the sentence.
fn introduction_in(masked: &str, sentence: &Sentence, span: &Span) -> Option<RoleAt> {
    // After: ", " then a role phrase up to the end of the clause.
    let rest = &masked[span.range.end..sentence.range.end];
    if let Some(after) = rest.strip_prefix(", ") {
        let start = span.range.end + 2;
        let end_rel = after
            .find(['.', ';', ',', '“', '”', '"', '(', ')', ':', '—', '–'])
            .map(|e| {
                // an abbreviation's dot ("U.S.") does not end the role
                let mut e = e;
                while after[e..].starts_with('.')
                    && after[e + 1..].starts_with(|c: char| c.is_alphanumeric())
                {
                    match after[e + 1..]
                        .find(['.', ';', ',', '“', '”', '"', '(', ')', ':', '—', '–'])
                    {
                        Some(n) => e = e + 1 + n,
                        None => return after.len(),
                    }
                }
                e
            })
            .unwrap_or(after.len());
        let role = after[..end_rel].trim();
        let words: Vec<&str> = role.split_whitespace().collect();
        let first = words.first().copied().unwrap_or("");
        let ok = !words.is_empty()
            && words.len() <= 25
            && !is_speech(first)
            && !matches!(
                first,
                "and" | "or" | "but" | "then" | "as" | "in" | "on" | "at"
            )
            && (first == "who"
                || words
                    .iter()
                    .take(6)
                    .any(|w| is_role_noun(w.trim_matches(|c: char| !c.is_alphanumeric()))));
        if ok {
            let lead = after[..end_rel].len() - after[..end_rel].trim_start().len();
            return Some(RoleAt {
                range: start + lead..start + lead + role.len(),
                after: true,
            });
        }
    }
    // Before: titles, role nouns, demonyms and "of" right before the name,
    // read back over at most the last `INTRODUCTION_WINDOW` spaces of the
    // sentence. (A token never holds a space, so the tokens after a space
    // are the sentence's own; cut from the sentence's start for every name,
    // a sentence of thousands of names took time growing with the square
    // of its length.)
    let from = masked[sentence.range.start..span.range.start]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(INTRODUCTION_WINDOW)
        .map_or(sentence.range.start, |(i, c)| {
            sentence.range.start + i + c.len_utf8()
        });
    let toks = tokens(masked, from..span.range.start);
    // the word right before the name must be a title or a role ("commander")
    if !toks.last().is_some_and(|t| {
        let w = &masked[t.range.clone()];
        t.range.end + 1 == span.range.start && (is_title(w) || is_role_noun(w))
    }) {
        return None;
    }
    let mut k = toks.len();
    let mut has_role = false;
    while k > 0 {
        let t = &toks[k - 1];
        let gap = &masked[t.range.end..if k == toks.len() {
            span.range.start
        } else {
            toks[k].range.start
        }];
        if gap != " " {
            break;
        }
        let w = &masked[t.range.clone()];
        if is_title(w) || is_role_noun(w) {
            has_role = true;
        } else if !(w == "of"
            || w.chars().next().is_some_and(char::is_uppercase) && !names::is_stop(w))
        {
            break;
        }
        k -= 1;
    }
    while k < toks.len() && &masked[toks[k].range.clone()] == "of" {
        k += 1;
    }
    if has_role && k < toks.len() {
        return Some(RoleAt {
            range: toks[k].range.start..toks[toks.len() - 1].range.end,
            after: false,
        });
    }
    None
}

/// Whether `sentences` are in text order and disjoint (as
/// `text::sentences::split` makes them), so that a binary search finds the
/// one holding a range.
fn in_order(sentences: &[Sentence]) -> bool {
    sentences.iter().all(|s| s.range.start <= s.range.end)
        && sentences
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start)
}

/// The first sentence holding `r` (a binary search when `ordered`).
fn sentence_of<'s>(
    sentences: &'s [Sentence],
    ordered: bool,
    r: &ByteRange,
) -> Option<&'s Sentence> {
    let holds = |s: &&Sentence| s.range.start <= r.start && r.end <= s.range.end;
    if ordered {
        // Before `i`, every sentence ends before `r` does; after it, every
        // one starts after `r` does.
        let i = sentences.partition_point(|s| s.range.end < r.end);
        sentences.get(i).filter(holds)
    } else {
        sentences.iter().find(holds)
    }
}

/// The role words as written; the range is widened to character boundaries
/// of the original text (masked markup may hide multi-byte characters).
fn role_text(masked: &str, text: &str, range: &mut ByteRange) -> String {
    while range.start > 0 && !text.is_char_boundary(range.start) {
        range.start -= 1;
    }
    while range.end < text.len() && !text.is_char_boundary(range.end) {
        range.end += 1;
    }
    masked[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Set each speaker's actor id and canonical name from the actors found:
/// the mention at the speaker's words, else a name or surname of an article
/// actor (a near miss counts: `Hitermann` resolves to Joost Hiltermann).
pub fn link_speakers(quotes: &mut [Quote], actors: &ActorReport, _kb: &KnowledgeBase) {
    // Mentions in text order (as `analyze` leaves them) allow a binary
    // search for the ones overlapping a speaker; otherwise, a scan.
    let sorted = actors
        .mentions
        .windows(2)
        .all(|w| w[0].range.start <= w[1].range.start);
    let longest = actors
        .mentions
        .iter()
        .map(|m| m.range.len())
        .max()
        .unwrap_or(0);
    let mut by_name_index: Option<PersonNames> = None;
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        // The actor must cover the mention's head (its last word): the
        // demonym in "the Iraqi interim prime minister" is not the speaker.
        let covers = |m: &&Mention| {
            m.range.start < sp.mention_range.end
                && sp.mention_range.start < m.range.end
                && m.range.end >= sp.mention_range.end
        };
        let by_range = if sorted {
            // Mentions before `lo` end before the speaker starts.
            let (start, end) = (sp.mention_range.start, sp.mention_range.end);
            let lo = actors
                .mentions
                .partition_point(|m| m.range.start + longest <= start);
            actors.mentions[lo..]
                .iter()
                .take_while(|m| m.range.start < end)
                .find(covers)
        } else {
            actors.mentions.iter().find(covers)
        }
        .map(|m| m.actor);
        let resolved = sp.name.trim();
        let by_name = || {
            by_name_index
                .get_or_insert_with(|| PersonNames::new(&actors.actors))
                .find(resolved)
        };
        if let Some(i) = by_range.or_else(by_name) {
            let a = &actors.actors[i];
            if a.kind == ActorKind::Person || by_range.is_some() {
                sp.actor = Some(a.id.clone());
                sp.name = a.name.clone();
            }
        }
    }
}

/// The article's people by name, surname and near miss of a surname: `find`
/// is the first person (in `actors` order) whose name or surname is the
/// given name ignoring ASCII case, or whose surname it is a near miss of.
struct PersonNames<'a> {
    /// ASCII-lower-cased name -> first person with it.
    names: HashMap<String, usize>,
    /// ASCII-lower-cased surname -> first person with it.
    surnames: HashMap<String, usize>,
    /// The people's surnames, and the actor of each.
    near: NearMisses<'a>,
    near_actor: Vec<usize>,
}

impl<'a> PersonNames<'a> {
    fn new(actors: &'a [ArticleActor]) -> Self {
        let mut names = HashMap::default();
        let mut surnames = HashMap::default();
        let mut near_actor = Vec::new();
        let mut near_words = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            if a.kind != ActorKind::Person {
                continue;
            }
            names.entry(a.name.to_ascii_lowercase()).or_insert(i);
            if let Some(s) = a.surname.as_deref() {
                surnames.entry(s.to_ascii_lowercase()).or_insert(i);
                near_words.push(s);
                near_actor.push(i);
            }
        }
        PersonNames {
            names,
            surnames,
            near: NearMisses::new(near_words),
            near_actor,
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        let lower = name.to_ascii_lowercase();
        [
            self.names.get(&lower).copied(),
            self.surnames.get(&lower).copied(),
            self.near.find(name).map(|k| self.near_actor[k]),
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

/// The mention at `offset` (inclusive at both ends, as a cursor after a word
/// still touches it).
pub fn mention_at(report: &ActorReport, offset: usize) -> Option<&Mention> {
    report
        .mentions
        .iter()
        .find(|m| m.range.start <= offset && offset <= m.range.end)
}

/// Every mention of actor `actor`.
pub fn mentions_of(report: &ActorReport, actor: usize) -> Vec<ByteRange> {
    report
        .mentions
        .iter()
        .filter(|m| m.actor == actor)
        .map(|m| m.range.clone())
        .collect()
}

/// Where an actor is defined in the article: its introduction, else its first mention.
pub fn definition(report: &ActorReport, actor: usize) -> ByteRange {
    let a = &report.actors[actor];
    a.introduction
        .as_ref()
        .map_or(a.first_mention.clone(), |i| i.range.clone())
}

/// Edits renaming every mention of the actor at `offset` to `new_name`: a
/// full-name mention gets the new name, a one-word mention the new name's
/// last word.
pub fn rename_edits(
    analysis: &Analysis,
    text: &str,
    offset: usize,
    new_name: &str,
) -> Option<Vec<Edit>> {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return None;
    }
    let m = mention_at(&analysis.actors, offset)?;
    let last = new_name.split_whitespace().last().unwrap_or(new_name);
    Some(
        mentions_of(&analysis.actors, m.actor)
            .into_iter()
            .map(|r| {
                let one_word = !text[r.clone()].contains(char::is_whitespace);
                let multi = new_name.contains(char::is_whitespace);
                let new_text = if one_word
                    && multi
                    && analysis.actors.actors[m.actor].kind == ActorKind::Person
                {
                    last.to_string()
                } else {
                    new_name.to_string()
                };
                Edit { range: r, new_text }
            })
            .collect(),
    )
}

/// How many of an actor's quotes its hover lists.
const HOVER_QUOTES: usize = 10;

/// Markdown hover text for the actor mentioned at `offset`.
pub fn hover_markdown(
    analysis: &Analysis,
    text: &str,
    offset: usize,
) -> Option<(ByteRange, String)> {
    let m = mention_at(&analysis.actors, offset)?;
    let a = &analysis.actors.actors[m.actor];
    let mut s = format!("**{}** · {}", a.name, a.kind.as_str());
    if !a.description.is_empty() {
        s.push_str(&format!("\n\n{}", a.description));
    }
    let aliases: Vec<&str> = a.aliases.iter().map(String::as_str).take(8).collect();
    if !aliases.is_empty() {
        s.push_str(&format!("\n\nAlso: {}", aliases.join(", ")));
    }
    s.push_str("\n\n---\n\n**In this article**\n");
    if let Some(i) = &a.introduction {
        s.push_str(&format!(
            "\n- Introduced in ¶{}: {}",
            i.paragraph + 1,
            i.role
        ));
    }
    let n = a.mention_count;
    s.push_str(&format!(
        "\n- {} mention{}",
        n,
        if n == 1 { "" } else { "s" }
    ));
    let theirs = analysis
        .quotes
        .iter()
        .filter(|q| q.speaker.as_ref().and_then(|sp| sp.actor.as_deref()) == Some(a.id.as_str()));
    let quoted = theirs.clone().count();
    // The first few, in text order: a long interview or a book quotes one
    // person hundreds of times, more than a hover can show.
    let quotes: Vec<String> = theirs
        .take(HOVER_QUOTES)
        .map(|q| {
            let words: Vec<&str> = q.text.split_whitespace().collect();
            let head = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
            format!(
                "¶{} “{}{}”",
                q.paragraph + 1,
                head,
                if words.len() > 8 { "…" } else { "" }
            )
        })
        .collect();
    if !quotes.is_empty() {
        s.push_str(&format!(
            "\n- Quoted {} time{}:",
            quoted,
            if quoted == 1 { "" } else { "s" }
        ));
        for q in quotes {
            s.push_str(&format!("\n  - {q}"));
        }
        if quoted > HOVER_QUOTES {
            s.push_str(&format!(
                "\n  - and {} more (`copydesk sources` lists every quote)",
                quoted - HOVER_QUOTES
            ));
        }
    }
    if a.source != "article" {
        s.push_str(&format!("\n\n_Source: {}_", a.source));
    } else {
        s.push_str("\n\n_Known from this article only._");
    }
    let _ = text;
    Some((m.range.clone(), s))
}

#[cfg(test)]
mod tests;
