//! Headings and sections.
//!
//! [`build`] finds an article's headings and turns them into a tree of
//! sections, each with the quotes it holds:
//!
//! - Markdown: ATX (`## Title`) and setext (underlined) headings, as the
//!   Markdown front end marks them (`BlockKind::Heading`), so never inside
//!   code blocks or front matter; and a `title:` in the front matter, which
//!   is a level-1 heading.
//! - Plain text: the heading heuristic of [`heuristic`]: a short line that
//!   stands alone as a paragraph and reads like a title. Unmarked plain-text
//!   headings are level [`heuristic::PLAIN_LEVEL`] (2); a line typed as
//!   `# Title` gets the level of its marks. The heuristic also runs on a
//!   Markdown text that has no heading and no front matter at all
//!   (copy pasted in from a word processor, `**bold**` crossheads).
//!
//! A section runs from its heading to the last non-blank byte before the
//! next heading of the same or a higher level (a smaller number), or to the
//! end of the text; deeper headings inside it are its children.
//!
//! Text before the first heading is not a section: it is the [`Lead`] (the
//! top of the story), kept apart so that the outline lists exactly the
//! article's headings, while the lead's quotes are still at hand for the
//! sidebar.
//!
//! ```
//! use copydesk::{analyze, Config, KnowledgeBase, Markup};
//! let text = "Top of the story.\n\n## Background\n\nBody.\n\n### Detail\n\nMore.\n\n## Reaction\n\nEnd.";
//! let a = analyze(text, Markup::Markdown, KnowledgeBase::empty(), &Config::default());
//! let titles: Vec<_> = a.outline.sections.iter().map(|s| s.title.as_str()).collect();
//! assert_eq!(titles, ["Background", "Reaction"]);
//! assert_eq!(a.outline.sections[0].children[0].title, "Detail");
//! assert_eq!(&text[a.outline.sections[0].range.clone()], "## Background\n\nBody.\n\n### Detail\n\nMore.");
//! ```

pub mod fuzzy;
pub mod heuristic;

use serde::Serialize;

use crate::actors::ActorReport;
use crate::analysis::{ByteRange, Paragraph, Quote, QuoteKind, Speaker};
use crate::kb::ActorKind;
use crate::markup::{BlockKind, Prose};

/// The headings and sections of one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    /// Top-level sections in text order; deeper ones are their children.
    pub sections: Vec<Section>,
    /// The text before the first heading, when there is any.
    pub lead: Option<Lead>,
}

/// Where a heading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingSource {
    /// A Markdown ATX or setext heading.
    Markdown,
    /// The `title:` of Markdown front matter.
    FrontMatter,
    /// A line the plain-text heuristic took for a heading.
    PlainText,
}

/// A heading and everything up to the next heading of its level or higher.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading's words, without Markdown marks.
    pub title: String,
    /// 1 for `#` and front-matter titles, up to 6.
    pub level: u8,
    pub source: HeadingSource,
    /// The heading's line (the selection range in an editor).
    pub heading: ByteRange,
    /// The whole section, from the heading to its last non-blank byte.
    pub range: ByteRange,
    /// Index of the heading's paragraph (None for a front-matter title).
    pub paragraph: Option<usize>,
    /// Subsections, in text order.
    pub children: Vec<Section>,
    /// Indices into the analysis' quotes (kind quote, not terms) that open in
    /// this section and not in one of its subsections.
    pub quotes: Vec<usize>,
}

/// The top of the story, before the first heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    pub range: ByteRange,
    /// Indices into the analysis' quotes (kind quote) that open in the lead.
    pub quotes: Vec<usize>,
}

impl Outline {
    /// Every section, depth first, with its depth (0 for top level).
    pub fn walk(&self) -> Vec<(usize, &Section)> {
        fn go<'a>(sections: &'a [Section], depth: usize, out: &mut Vec<(usize, &'a Section)>) {
            for s in sections {
                out.push((depth, s));
                go(&s.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        go(&self.sections, 0, &mut out);
        out
    }
}

impl Section {
    /// The quotes of this section and all its subsections, in text order.
    pub fn all_quotes(&self) -> Vec<usize> {
        let mut out = self.quotes.clone();
        for c in &self.children {
            out.extend(c.all_quotes());
        }
        out.sort_unstable();
        out
    }
}

/// One heading before sections are built.
struct Heading {
    title: String,
    level: u8,
    source: HeadingSource,
    line: ByteRange,
    paragraph: Option<usize>,
}

/// Find the headings of `text` and build its sections. `quotes` are the
/// analysis' quotes; sections refer to them by index.
pub fn build(text: &str, prose: &Prose, paragraphs: &[Paragraph], quotes: &[Quote]) -> Outline {
    let headings = headings(text, prose, paragraphs);
    let first = headings.first().map(|h| h.line.start);
    let mut sections = nest(text, &headings);
    let real: Vec<usize> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Quote)
        .map(|(i, _)| i)
        .collect();
    // Quotes in order of start (as the analysis keeps them): each section
    // finds its own by binary search instead of testing every quote.
    let sorted = real
        .windows(2)
        .all(|w| quotes[w[0]].range.start <= quotes[w[1]].range.start);
    for s in &mut sections {
        assign_quotes(s, quotes, &real, sorted);
    }
    let lead_end = first.unwrap_or(text.len());
    let lead_start = paragraphs
        .first()
        .map(|p| p.range.start)
        .unwrap_or(lead_end);
    let lead = if lead_start < lead_end {
        let range = crate::text::words::trim(text, lead_start..lead_end);
        let quotes = real
            .iter()
            .copied()
            .filter(|&i| quotes[i].range.start < lead_end)
            .collect();
        (!range.is_empty()).then_some(Lead { range, quotes })
    } else {
        None
    };
    Outline { sections, lead }
}

fn headings(text: &str, prose: &Prose, paragraphs: &[Paragraph]) -> Vec<Heading> {
    let mut out = Vec::new();
    let markdown_headings = paragraphs
        .iter()
        .any(|p| matches!(p.kind, BlockKind::Heading { .. }));
    if let Some((title, range)) = prose.front_matter.as_ref().and_then(|fm| fm.title.clone()) {
        out.push(Heading {
            title,
            level: 1,
            source: HeadingSource::FrontMatter,
            line: range,
            paragraph: None,
        });
    }
    if markdown_headings || prose.front_matter.is_some() {
        for p in paragraphs {
            if let BlockKind::Heading { level } = p.kind {
                out.push(Heading {
                    title: words_of(&prose.masked[p.range.clone()]),
                    level: level.clamp(1, 6),
                    source: HeadingSource::Markdown,
                    line: line_of(text, p.range.clone()),
                    paragraph: Some(p.index),
                });
            }
        }
        return out;
    }
    // No heading marks at all: plain text, or Markdown typed like plain
    // text. Paragraphs (not list items, quotes or cells) may be headings by
    // the plain-text heuristic.
    for (i, p) in paragraphs.iter().enumerate() {
        // Judge the prose (the masked copy): Markdown emphasis marks and
        // link destinations are blanks there, plain text is as typed.
        let prose_of = |r: &ByteRange| &prose.masked[r.clone()];
        let before = i.checked_sub(1).map(|j| prose_of(&paragraphs[j].range));
        let after = paragraphs.get(i + 1).map(|n| prose_of(&n.range));
        if p.kind != BlockKind::Paragraph {
            continue;
        }
        if let Ok(found) = heuristic::judge(prose_of(&p.range), before, after) {
            let title = (p.range.start + found.title.start)..(p.range.start + found.title.end);
            out.push(Heading {
                title: words_of(&prose.masked[title]),
                level: found.level,
                source: HeadingSource::PlainText,
                line: p.range.clone(),
                paragraph: Some(p.index),
            });
        }
    }
    out
}

/// The words of a heading, one space between them.
fn words_of(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole line (or lines) a heading block sits on, without the line break.
fn line_of(text: &str, range: ByteRange) -> ByteRange {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    crate::text::words::trim(text, start..end)
}

/// Build the section tree: each heading's section ends before the next
/// heading of the same or a higher level.
fn nest(text: &str, headings: &[Heading]) -> Vec<Section> {
    let mut flat: Vec<Section> = Vec::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        let next = headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(text.len(), |n| n.line.start);
        let end = h.line.end.max(text[..next].trim_end().len());
        flat.push(Section {
            title: h.title.clone(),
            level: h.level,
            source: h.source,
            heading: h.line.clone(),
            range: h.line.start..end,
            paragraph: h.paragraph,
            children: Vec::new(),
            quotes: Vec::new(),
        });
    }
    // Fold the flat list into a tree with a stack of open sections.
    let mut roots: Vec<Section> = Vec::new();
    let mut stack: Vec<Section> = Vec::new();
    for s in flat {
        while stack.last().is_some_and(|top| top.level >= s.level) {
            let done = stack.pop().expect("checked");
            attach(&mut stack, &mut roots, done);
        }
        stack.push(s);
    }
    while let Some(done) = stack.pop() {
        attach(&mut stack, &mut roots, done);
    }
    roots
}

fn attach(stack: &mut [Section], roots: &mut Vec<Section>, done: Section) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(done),
        None => roots.push(done),
    }
}

fn assign_quotes(section: &mut Section, quotes: &[Quote], real: &[usize], sorted: bool) {
    for c in &mut section.children {
        assign_quotes(c, quotes, real, sorted);
    }
    let range = section.range.clone();
    let children: Vec<ByteRange> = section.children.iter().map(|c| c.range.clone()).collect();
    // With `real` in order of start, the quotes starting in `range` are a run of it.
    let real = if sorted {
        let lo = real.partition_point(|&i| quotes[i].range.start < range.start);
        let hi = real.partition_point(|&i| quotes[i].range.start < range.end);
        &real[lo..hi.max(lo)]
    } else {
        real
    };
    section.quotes = real
        .iter()
        .copied()
        .filter(|&i| {
            let at = quotes[i].range.start;
            range.contains(&at) && !children.iter().any(|c| c.contains(&at))
        })
        .collect();
}

/// How a quote is named in an outline: `Gerges: “Iran is currently…”`, or
/// `(no source): “The Shia Iraqis…”` when nobody is found to have said it.
pub fn quote_label(quote: &Quote, actors: &ActorReport) -> String {
    let who = quote
        .speaker
        .as_ref()
        .map_or_else(|| "(no source)".to_string(), |s| speaker_name(s, actors));
    format!("{who}: “{}”", first_words(&quote.text, 3))
}

/// The name an editor uses for a speaker on second reference: a person's
/// surname ("Fawaz Gerges" → "Gerges"), an organization's whole name. The
/// actor report says who is a person; a speaker it does not know is named
/// by [`short_name`].
pub fn speaker_name(speaker: &Speaker, actors: &ActorReport) -> String {
    let actor = speaker.actor.as_deref().and_then(|id| actors.actor(id));
    match actor {
        Some(a) if a.kind == ActorKind::Person => a
            .surname
            .clone()
            .unwrap_or_else(|| short_name(&speaker.name)),
        // A role ("the Iraqi interim prime minister") names the speaker
        // better than the country or body mentioned inside it.
        Some(_) if starts_lowercase(&speaker.mention) => speaker.mention.trim().to_string(),
        Some(a) => a.name.clone(),
        None => short_name(&speaker.name),
    }
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A name on second reference when nothing else is known: the last word
/// when the name is two or three capitalised words (a person's name, most
/// likely), otherwise the name as it is ("the Iraqi interim prime
/// minister").
pub fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let personal = (2..=3).contains(&words.len())
        && words.iter().all(|w| crate::text::words::is_capitalized(w));
    if personal {
        words[words.len() - 1].to_string()
    } else {
        name.trim().to_string()
    }
}

/// The first `n` words of `text`, with `…` when there are more.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        let mut s = words[..n].join(" ");
        while s.ends_with([',', ';', ':', '.', '—', '–', '-']) {
            s.pop();
        }
        s.push('…');
        s
    }
}

/// The distinct sources quoted in `quotes` (by [`speaker_name`], in order
/// of first appearance) and how many have no source.
pub fn sources(quotes: &[&Quote], actors: &ActorReport) -> (Vec<String>, usize) {
    let mut names: Vec<String> = Vec::new();
    let mut seen: crate::text::hash::FastSet<String> = Default::default();
    let mut unsourced = 0;
    for q in quotes {
        match &q.speaker {
            Some(s) => {
                let n = speaker_name(s, actors);
                if seen.insert(n.clone()) {
                    names.push(n);
                }
            }
            None => unsourced += 1,
        }
    }
    (names, unsourced)
}

#[cfg(test)]
mod tests;
