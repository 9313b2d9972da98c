//! Quote-mark scanning and pairing.
//!
//! Every candidate character (“ ” " ‘ ’ ' « » „ ‚) is judged by what stands
//! on each side of it (a letter, a space, punctuation, the paragraph's edge),
//! not by its glyph alone, and marks are paired paragraph by paragraph with a
//! small state machine:
//!
//! - Double marks: while no quotation is open, a mark opens one, unless it
//!   can only be a closing mark (`”` or `»` or a straight `"` standing
//!   against the word before it); while one is open, the next double mark
//!   closes it, whatever its glyph (nested quotes use the other kind), so
//!   `go home “said Gerges.` closes with a misdirected mark.
//! - A paragraph that ends inside a quotation continues it when the next
//!   paragraph opens with a mark (the news convention for quotes that run
//!   over paragraphs); otherwise the last opening mark was unbalanced.
//! - Single marks pair inside the double quotation they were opened in (or
//!   at top level, British style). Apostrophes are told apart by context:
//!   between letters (`it’s`), before digits (`’90s`), `’n’`, a plural
//!   possessive before a lower-case word (`taxpayers’ money`), and a closing
//!   single mark with nothing open (`States’`) are apostrophes.
//!
//! ```
//! use copydesk::quotes::marks::pair;
//! let text = "“Go home “said Gerges.";
//! let p = pair(text, &[0..text.len()], &[false]);
//! assert_eq!(p.quotations.len(), 1);
//! assert_eq!(p.report.misdirected.len(), 1);
//! ```

use serde::Serialize;

use crate::analysis::ByteRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Opens a quotation.
    Open,
    /// Reopens a quotation continuing from the previous paragraph.
    Reopen,
    Close,
    /// Opens or closes nothing.
    Lone,
}

/// One quote mark (apostrophes are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub range: ByteRange,
    pub glyph: char,
    pub family: Family,
    pub role: Role,
}

/// A mark that opens or closes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unbalanced {
    pub range: ByteRange,
    pub family: Family,
    /// True for a lone opening mark, false for a lone closing mark.
    pub opening: bool,
}

/// An opening glyph used to close, or a closing glyph used to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Misdirected {
    pub range: ByteRange,
    pub found: char,
    pub expected: char,
    /// True when the mark closes a quotation.
    pub closing: bool,
}

/// A mark that stands against the wrong word: `openly, ”said`, `said“We`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spacing {
    /// The mark and the misplaced space, if any.
    pub range: ByteRange,
    /// What `range` should read.
    pub replacement: String,
    pub closing: bool,
}

/// Quote-mark findings the rules report on.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MarkReport {
    pub marks: Vec<Mark>,
    pub unbalanced: Vec<Unbalanced>,
    pub misdirected: Vec<Misdirected>,
    pub spacing: Vec<Spacing>,
}

/// One paragraph's share of a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub paragraph: usize,
    pub open: ByteRange,
    /// `None` when the quotation runs on into the next paragraph.
    pub close: Option<ByteRange>,
    /// Inside the marks.
    pub inner: ByteRange,
}

/// A paired quotation, one part per paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub family: Family,
    pub parts: Vec<Part>,
    /// True for single marks inside a double quotation.
    pub nested: bool,
}

impl Quotation {
    pub fn range(&self) -> ByteRange {
        let first = &self.parts[0];
        let last = self.parts.last().expect("a quotation has a part");
        first.open.start..last.close.clone().map_or(last.inner.end, |c| c.end)
    }
}

pub struct Pairing {
    pub quotations: Vec<Quotation>,
    pub report: MarkReport,
}

/// What stands next to a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Edge,
    Space,
    Word,
    /// `( [ {` and dashes: a quotation may open after them.
    Opener,
    /// `. , ; : ! ? ) ] } …`
    Closer,
}

fn side_of(c: Option<char>) -> Side {
    match c {
        None => Side::Edge,
        Some(c) if c.is_whitespace() => Side::Space,
        Some(c) if c.is_alphanumeric() => Side::Word,
        Some('(' | '[' | '{' | '—' | '–' | '-' | '/') => Side::Opener,
        Some(_) => Side::Closer,
    }
}

fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‚' | '‹' | '›'
    )
}

fn family_of(c: char) -> Family {
    match c {
        '“' | '”' | '"' | '«' | '»' | '„' => Family::Double,
        _ => Family::Single,
    }
}

/// Left-flanking: could open (nothing word-like before, something after).
fn opens(before: Side, after: Side) -> bool {
    matches!(before, Side::Edge | Side::Space | Side::Opener)
        && !matches!(after, Side::Edge | Side::Space)
}

/// Right-flanking: could close (something before, nothing word-like after).
fn closes(before: Side, after: Side) -> bool {
    !matches!(before, Side::Edge | Side::Space | Side::Opener)
        && matches!(
            after,
            Side::Edge | Side::Space | Side::Closer | Side::Opener
        )
}

/// The glyph that should close a quotation opened with `open`.
fn closer_for(open: char, close: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '„' => (close != '“' && close != '”').then_some('“'),
        '«' => Some('»'),
        '»' => Some('«'),
        '‘' => Some('’'),
        '‚' => (close != '‘' && close != '’').then_some('‘'),
        _ => None,
    }
}

/// Is `close` a wrong glyph for closing a quotation opened with `open`?
fn misdirected_close(open: char, close: char) -> Option<char> {
    let bad = match close {
        '“' => open != '„',
        '‘' => open != '‚',
        '«' => open != '»',
        '„' | '‚' => true,
        _ => false,
    };
    if !bad {
        return None;
    }
    Some(closer_for(open, close).unwrap_or(match family_of(close) {
        Family::Double => '”',
        Family::Single => '’',
    }))
}

/// Is `open` a closing glyph used to open?
fn misdirected_open(open: char) -> Option<char> {
    match open {
        '”' => Some('“'),
        '’' => Some('‘'),
        _ => None,
    }
}

#[derive(Debug, Clone)]
struct Cand {
    range: ByteRange,
    glyph: char,
    before: Side,
    after: Side,
    /// The characters before and after, skipping neighbouring marks.
    prev: Option<char>,
    next: Option<char>,
    /// Byte offset just past the word after the mark (for `’n’`).
    word_after: String,
    /// Whether a space separates the mark from the paragraph text on each side.
    at_para_start: bool,
}

/// Words that an apostrophe at their start shortens: `'em`, `'til`.
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "bout", "n", "round", "til", "nuff", "s",
];

fn candidates(text: &str, para: &ByteRange) -> Vec<Cand> {
    let s = &text[para.clone()];
    let mut out = Vec::new();
    // In a run of marks every mark has the same neighbours on each side:
    // the end of the last mark with the character before its run, and
    // where the character after the run stands (the paragraph's end if
    // none) with that character. (Looked for anew at each mark, a run of
    // thousands of marks took seconds.)
    let mut run_prev: Option<(usize, Option<char>)> = None;
    let mut run_next: Option<(usize, Option<char>)> = None;
    // Every mark's first byte is `"`, `'`, 0xC2 (« ») or 0xE2 (the
    // others), each the first byte of its character: memchr finds them
    // without decoding the rest of the paragraph (the first three in one
    // pass, 0xC2 in another, merged in order).
    let bytes = s.as_bytes();
    let mut most = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
    let mut guillemets = memchr::memchr_iter(0xC2, bytes).peekable();
    let firsts = std::iter::from_fn(|| match (most.peek(), guillemets.peek()) {
        (Some(&a), Some(&b)) if b < a => guillemets.next(),
        (Some(_), _) => most.next(),
        (None, _) => guillemets.next(),
    });
    for at in firsts {
        let c = s[at..].chars().next().expect("a character starts here");
        if !is_mark_char(c) {
            continue;
        }
        // Skip neighbouring marks to see what really stands on each side.
        let prev = match run_prev {
            Some((end, prev)) if end == at => prev,
            _ => s[..at].chars().rev().find(|&c| !is_mark_char(c)),
        };
        run_prev = Some((at + c.len_utf8(), prev));
        let rest = &s[at + c.len_utf8()..];
        let next = match run_next {
            Some((pos, next)) if at < pos => next,
            _ => {
                let found = rest.char_indices().find(|&(_, c)| !is_mark_char(c));
                let pos = found.map_or(s.len(), |(i, _)| at + c.len_utf8() + i);
                let next = found.map(|(_, c)| c);
                run_next = Some((pos, next));
                next
            }
        };
        let word_after: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        let start = para.start + at;
        out.push(Cand {
            range: start..start + c.len_utf8(),
            glyph: c,
            before: side_of(prev),
            after: side_of(next),
            prev,
            next,
            word_after,
            at_para_start: s[..at].trim().is_empty(),
        });
    }
    out
}

/// What a single mark candidate can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SingleUse {
    Apostrophe,
    MayOpen,
    MayClose,
    /// Spaces on both sides.
    Floating,
}

fn single_use(c: &Cand, text: &str) -> SingleUse {
    let (before, after) = (c.before, c.after);
    if before == Side::Word && after == Side::Word {
        return SingleUse::Apostrophe;
    }
    if opens(before, after) {
        if c.next.is_some_and(|n| n.is_ascii_digit()) {
            return SingleUse::Apostrophe;
        }
        let w = c.word_after.to_lowercase();
        // `’n’` in rock ’n’ roll, `'em`, `'til`.
        let after_word = &text[c.range.end + c.word_after.len()..];
        if ELISIONS.contains(&w.as_str()) && (w != "n" || after_word.starts_with(['’', '\''])) {
            return SingleUse::Apostrophe;
        }
        if c.glyph == '’' {
            // A closing glyph before a word is an elision (`’tis`), not a quote.
            return SingleUse::Apostrophe;
        }
        return SingleUse::MayOpen;
    }
    if closes(before, after) {
        if c.glyph == '‘' || c.glyph == '‚' {
            return SingleUse::Apostrophe;
        }
        // `’n’`: the second mark.
        let before_text = &text[..c.range.start];
        if before_text.ends_with(" ’n")
            || before_text.ends_with(" 'n")
            || before_text.ends_with(" ‘n")
        {
            return SingleUse::Apostrophe;
        }
        // A plural possessive: `taxpayers’ money`.
        if c.prev == Some('s') && after == Side::Space {
            let rest = text[c.range.end..].trim_start();
            if rest
                .chars()
                .next()
                .is_some_and(|n| n.is_lowercase() || n.is_ascii_digit())
            {
                return SingleUse::Apostrophe;
            }
        }
        return SingleUse::MayClose;
    }
    if matches!(before, Side::Space | Side::Edge) && matches!(after, Side::Space | Side::Edge) {
        return SingleUse::Floating;
    }
    SingleUse::Apostrophe
}

struct OpenDouble {
    quotation: usize,
    glyph: char,
}

struct OpenSingle {
    cand: Cand,
    /// The double quotation it was opened in, if any.
    scope: Option<usize>,
    start_part: Part,
    parts: Vec<Part>,
}

/// Pair the marks of `masked`, paragraph by paragraph. `breaks[i]` is true
/// when paragraph `i` may not continue a quotation from the one before (a
/// heading, a block-quote boundary).
pub fn pair(masked: &str, paragraphs: &[ByteRange], breaks: &[bool]) -> Pairing {
    let mut quotations: Vec<Quotation> = Vec::new();
    let mut report = MarkReport::default();
    let mut open_double: Option<OpenDouble> = None;
    let mut open_singles: Vec<OpenSingle> = Vec::new();

    for (pi, para) in paragraphs.iter().enumerate() {
        let cands = candidates(masked, para);
        let first_double = cands
            .iter()
            .position(|c| family_of(c.glyph) == Family::Double);
        let mut reopen_at: Option<usize> = None;
        // Does a quotation run on from the previous paragraph?
        if let Some(od) = open_double.take() {
            let continues = !breaks.get(pi).copied().unwrap_or(false)
                && first_double.is_some_and(|i| {
                    cands[i].at_para_start && !closes(cands[i].before, cands[i].after)
                });
            if continues {
                reopen_at = first_double;
                open_double = Some(od);
            } else {
                let q = quotations.remove(od.quotation);
                let last = q.parts.last().expect("part").open.clone();
                report.unbalanced.push(Unbalanced {
                    range: last.clone(),
                    family: Family::Double,
                    opening: true,
                });
                set_role(&mut report.marks, &last, Role::Lone);
                // Singles opened inside it are dropped with it.
                open_singles.retain(|s| s.scope != Some(od.quotation));
                for s in &mut open_singles {
                    if let Some(sc) = s.scope {
                        if sc > od.quotation {
                            s.scope = Some(sc - 1);
                        }
                    }
                }
            }
        }
        // Top-level singles carried over continue only if this paragraph opens with a single mark.
        let first_single = cands.iter().position(|c| {
            family_of(c.glyph) == Family::Single && single_use(c, masked) == SingleUse::MayOpen
        });
        let mut single_reopen: Option<usize> = None;
        let mut nested_close: Option<usize> = None;
        if !open_singles.is_empty() {
            let continues = open_double.is_none()
                && !breaks.get(pi).copied().unwrap_or(false)
                && open_singles.len() == 1
                && open_singles[0].scope.is_none()
                && first_single.is_some_and(|i| cands[i].at_para_start);
            if continues {
                single_reopen = first_single;
            } else {
                for s in open_singles.drain(..) {
                    lone_single(&mut report, &s.cand, true);
                }
            }
        }

        for (ci, c) in cands.iter().enumerate() {
            let fam = family_of(c.glyph);
            if fam == Family::Double {
                if Some(ci) == reopen_at {
                    let od = open_double.as_ref().expect("open quotation");
                    let q = &mut quotations[od.quotation];
                    q.parts.push(Part {
                        paragraph: pi,
                        open: c.range.clone(),
                        close: None,
                        inner: c.range.end..para.end,
                    });
                    push_mark(&mut report, c, Role::Reopen);
                    if let Some(exp) = misdirected_open(c.glyph) {
                        report.misdirected.push(Misdirected {
                            range: c.range.clone(),
                            found: c.glyph,
                            expected: exp,
                            closing: false,
                        });
                    }
                    continue;
                }
                if Some(ci) == nested_close {
                    nested_close = None;
                    push_mark(&mut report, c, Role::Close);
                    continue;
                }
                if open_double.is_some()
                    && nested_close.is_none()
                    && opens(c.before, c.after)
                    && c.before != Side::Edge
                {
                    // `"... The "United States" is not ... Turkey."`: double
                    // marks nested in a double quotation, when the next two
                    // double marks can both close.
                    let next: Vec<usize> = (ci + 1..cands.len())
                        .filter(|&k| family_of(cands[k].glyph) == Family::Double)
                        .take(2)
                        .collect();
                    if next.len() == 2
                        && next
                            .iter()
                            .all(|&k| closes(cands[k].before, cands[k].after))
                    {
                        nested_close = Some(next[0]);
                        push_mark(&mut report, c, Role::Open);
                        continue;
                    }
                }
                match open_double.take() {
                    Some(od) => {
                        // Any double mark closes an open double quotation.
                        let q = &mut quotations[od.quotation];
                        let part = q.parts.last_mut().expect("part");
                        part.close = Some(c.range.clone());
                        part.inner = part.inner.start..c.range.start;
                        push_mark(&mut report, c, Role::Close);
                        if let Some(exp) = misdirected_close(od.glyph, c.glyph) {
                            report.misdirected.push(Misdirected {
                                range: c.range.clone(),
                                found: c.glyph,
                                expected: exp,
                                closing: true,
                            });
                        }
                        if let Some(sp) = spacing(masked, c, true) {
                            report.spacing.push(sp);
                        }
                        // Singles opened inside it and still open are unbalanced.
                        let qi = od.quotation;
                        let (inside, rest): (Vec<_>, Vec<_>) =
                            open_singles.drain(..).partition(|s| s.scope == Some(qi));
                        open_singles = rest;
                        for s in inside {
                            lone_single(&mut report, &s.cand, true);
                        }
                    }
                    None => {
                        let only_closes = match c.glyph {
                            '”' | '»' => {
                                !(opens(c.before, c.after)
                                    || (c.before == Side::Space && c.after == Side::Word))
                            }
                            '"' => closes(c.before, c.after),
                            _ => false,
                        };
                        // A closing mark floating between spaces with nothing open.
                        let floating_close = matches!(c.glyph, '”' | '»')
                            && c.before == Side::Space
                            && matches!(c.after, Side::Space | Side::Edge | Side::Closer);
                        if only_closes || floating_close {
                            report.unbalanced.push(Unbalanced {
                                range: c.range.clone(),
                                family: Family::Double,
                                opening: false,
                            });
                            push_mark(&mut report, c, Role::Lone);
                            continue;
                        }
                        let qi = quotations.len();
                        quotations.push(Quotation {
                            family: Family::Double,
                            parts: vec![Part {
                                paragraph: pi,
                                open: c.range.clone(),
                                close: None,
                                inner: c.range.end..para.end,
                            }],
                            nested: false,
                        });
                        open_double = Some(OpenDouble {
                            quotation: qi,
                            glyph: c.glyph,
                        });
                        push_mark(&mut report, c, Role::Open);
                        if let Some(exp) = misdirected_open(c.glyph) {
                            report.misdirected.push(Misdirected {
                                range: c.range.clone(),
                                found: c.glyph,
                                expected: exp,
                                closing: false,
                            });
                        }
                        if let Some(sp) = spacing(masked, c, false) {
                            report.spacing.push(sp);
                        }
                    }
                }
                continue;
            }
            // Single marks.
            let scope = open_double.as_ref().map(|od| od.quotation);
            if Some(ci) == single_reopen {
                let s = &mut open_singles[0];
                s.parts.push(Part {
                    paragraph: pi,
                    open: c.range.clone(),
                    close: None,
                    inner: c.range.end..para.end,
                });
                push_mark(&mut report, c, Role::Reopen);
                continue;
            }
            let open_here = open_singles.iter().rposition(|s| s.scope == scope);
            match single_use(c, masked) {
                SingleUse::Apostrophe => {}
                SingleUse::MayOpen => {
                    let part = Part {
                        paragraph: pi,
                        open: c.range.clone(),
                        close: None,
                        inner: c.range.end..para.end,
                    };
                    open_singles.push(OpenSingle {
                        cand: c.clone(),
                        scope,
                        start_part: part.clone(),
                        parts: vec![part],
                    });
                }
                SingleUse::MayClose | SingleUse::Floating => {
                    let Some(i) = open_here else {
                        // Nothing open: an apostrophe (`States’`), or a stray
                        // floating mark.
                        continue;
                    };
                    // A single mark opened in running text does not close
                    // across a sentence's end: that `’` is an apostrophe.
                    if !strong_single_open(masked, &open_singles[i].cand)
                        && crosses_sentence(&masked[open_singles[i].cand.range.end..c.range.start])
                    {
                        continue;
                    }
                    let mut s = open_singles.remove(i);
                    // Anything opened after it in the same scope was not a mark.
                    open_singles
                        .retain(|o| !(o.scope == scope && o.cand.range.start > s.cand.range.start));
                    let last = s.parts.last_mut().expect("part");
                    last.close = Some(c.range.clone());
                    last.inner = last.inner.start..c.range.start;
                    let _ = &s.start_part;
                    push_mark(&mut report, &s.cand, Role::Open);
                    push_mark(&mut report, c, Role::Close);
                    if let Some(exp) = misdirected_close(s.cand.glyph, c.glyph) {
                        report.misdirected.push(Misdirected {
                            range: c.range.clone(),
                            found: c.glyph,
                            expected: exp,
                            closing: true,
                        });
                    }
                    if let Some(sp) = spacing(masked, &s.cand, false) {
                        report.spacing.push(sp);
                    }
                    if let Some(sp) = spacing(masked, c, true) {
                        report.spacing.push(sp);
                    }
                    quotations.push(Quotation {
                        family: Family::Single,
                        parts: std::mem::take(&mut s.parts),
                        nested: scope.is_some(),
                    });
                }
            }
        }
        // Singles opened inside a double that is still open stay open; others
        // wait for the next paragraph's check.
    }
    if let Some(od) = open_double.take() {
        let q = quotations.remove(od.quotation);
        let last = q.parts.last().expect("part").open.clone();
        report.unbalanced.push(Unbalanced {
            range: last.clone(),
            family: Family::Double,
            opening: true,
        });
        set_role(&mut report.marks, &last, Role::Lone);
    }
    for s in open_singles.drain(..) {
        lone_single(&mut report, &s.cand, true);
    }
    report.marks.sort_by_key(|m| m.range.start);
    report.unbalanced.sort_by_key(|m| m.range.start);
    report.misdirected.sort_by_key(|m| m.range.start);
    report.spacing.sort_by_key(|m| m.range.start);
    quotations.sort_by_key(|q| q.parts[0].open.start);
    Pairing { quotations, report }
}

/// A single mark that opens a paragraph or follows `:` `,` `(` or a dash
/// may open a quotation of several sentences (British style).
fn strong_single_open(text: &str, c: &Cand) -> bool {
    c.at_para_start
        || matches!(
            text[..c.range.start].trim_end().chars().next_back(),
            Some(':' | ',' | '(' | '—' | '–' | '"' | '“')
        )
}

/// Whether `s` contains a sentence end: `. ` followed by a capital letter.
fn crosses_sentence(s: &str) -> bool {
    let b: Vec<char> = s.chars().collect();
    (0..b.len()).any(|i| {
        matches!(b[i], '.' | '!' | '?')
            && b.get(i + 1) == Some(&' ')
            && b.get(i + 2).is_some_and(|c| c.is_uppercase())
    })
}

fn push_mark(report: &mut MarkReport, c: &Cand, role: Role) {
    report.marks.push(Mark {
        range: c.range.clone(),
        glyph: c.glyph,
        family: family_of(c.glyph),
        role,
    });
}

fn set_role(marks: &mut [Mark], range: &ByteRange, role: Role) {
    for m in marks.iter_mut().filter(|m| &m.range == range) {
        m.role = role;
    }
}

/// An unpaired single opening mark. Straight `'` at a word's start is too
/// often an elision we do not know (`'Cause`) to report.
fn lone_single(report: &mut MarkReport, c: &Cand, opening: bool) {
    if c.glyph == '\'' {
        return;
    }
    report.unbalanced.push(Unbalanced {
        range: c.range.clone(),
        family: Family::Single,
        opening,
    });
    push_mark(report, c, Role::Lone);
}

/// A paired mark standing against the wrong word.
fn spacing(text: &str, c: &Cand, closing: bool) -> Option<Spacing> {
    let before = text[..c.range.start].chars().next_back();
    let after = text[c.range.end..].chars().next();
    let g = c.glyph.to_string();
    if matches!(c.glyph, '«' | '»' | '‹' | '›') {
        // French typography puts spaces inside guillemets.
        return None;
    }
    if closing {
        // `openly, ”said`: space before, glued to the next word.
        if before.is_some_and(|b| b == ' ') && after.is_some_and(char::is_alphanumeric) {
            let start = c.range.start - 1;
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace())
            {
                return Some(Spacing {
                    range: start..c.range.end,
                    replacement: format!("{g} "),
                    closing,
                });
            }
        }
        // `ground.”Iraqi`: no space after.
        if before.is_some_and(|b| !b.is_whitespace())
            && after.is_some_and(|a| a.is_alphabetic())
            && c.glyph != '\''
            && c.glyph != '’'
        {
            return Some(Spacing {
                range: c.range.clone(),
                replacement: format!("{g} "),
                closing,
            });
        }
    } else {
        // `“ Hello`: space after, glued to the word before or not.
        if after.is_some_and(|a| a == ' ')
            && text[c.range.end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            if before.is_none_or(char::is_whitespace) {
                return Some(Spacing {
                    range: c.range.start..c.range.end + 1,
                    replacement: g,
                    closing,
                });
            }
            if before.is_some_and(char::is_alphanumeric) {
                return Some(Spacing {
                    range: c.range.start..c.range.end + 1,
                    replacement: format!(" {g}"),
                    closing,
                });
            }
        }
        // `said“We`: no space before.
        if before.is_some_and(char::is_alphabetic)
            && after.is_some_and(char::is_alphanumeric)
            && c.glyph != '\''
        {
            return Some(Spacing {
                range: c.range.clone(),
                replacement: format!(" {g}"),
                closing,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// What `candidates` finds, as first written: every character of the
    /// paragraph decoded and kept, neighbours found by index. Each mark's
    /// offset, glyph, neighbours (over other marks) and the word after it.
    #[allow(clippy::type_complexity)]
    fn marks_by_char(s: &str) -> Vec<(usize, char, Option<char>, Option<char>, String)> {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut out = Vec::new();
        for (i, &(at, c)) in chars.iter().enumerate() {
            if !is_mark_char(c) {
                continue;
            }
            let mut j = i;
            while j > 0 && is_mark_char(chars[j - 1].1) {
                j -= 1;
            }
            let prev = if j > 0 { Some(chars[j - 1].1) } else { None };
            let mut k = i + 1;
            while k < chars.len() && is_mark_char(chars[k].1) {
                k += 1;
            }
            let next = chars.get(k).map(|x| x.1);
            let word_after: String = chars[(i + 1).min(chars.len())..]
                .iter()
                .map(|x| x.1)
                .take_while(|c| c.is_alphanumeric())
                .collect();
            out.push((at, c, prev, next, word_after));
        }
        out
    }

    proptest! {
        /// The byte scan finds the same marks, with the same neighbours,
        /// as decoding every character.
        #[test]
        fn candidates_by_bytes_equal_candidates_by_chars(
            pieces in prop::collection::vec(prop::sample::select(&[
                "“", "”", "\"", "‘", "’", "'", "«", "»", "„", "‚", "‹", "›",
                "a", "Zé", "1", " ", "\n", "—", "…", "€", "é", "\u{a0}", "¢", ".", "said", "’s",
            ][..]), 0..40),
            lo in 0usize..8,
            hi in 0usize..8,
        ) {
            let text: String = pieces.concat();
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = starts[lo.min(starts.len() - 1)];
            let b = starts[starts.len() - 1 - hi.min(starts.len() - 1)].max(a);
            let para = a..b;
            let found: Vec<_> = candidates(&text, &para)
                .into_iter()
                .map(|c| (c.range.start - para.start, c.glyph, c.prev, c.next, c.word_after))
                .collect();
            prop_assert_eq!(found, marks_by_char(&text[para.clone()]));
        }
    }

    use super::*;

    /// Pair a text whose paragraphs are separated by blank lines; return the
    /// quotations' inner texts.
    fn paired(text: &str) -> (Vec<String>, MarkReport) {
        let mut paras = Vec::new();
        let mut pos = 0;
        for chunk in text.split("\n\n") {
            paras.push(pos..pos + chunk.len());
            pos += chunk.len() + 2;
        }
        let breaks = vec![false; paras.len()];
        let p = pair(text, &paras, &breaks);
        let inner = p
            .quotations
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|part| text[part.inner.clone()].to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        (inner, p.report)
    }

    #[test]
    fn curly_pairs_and_apostrophes() {
        let (q, r) = paired(
            "“Iran’s power will grow,” said Gerges. It’s the States’ ’90s rock ’n’ roll, don't.",
        );
        assert_eq!(q, vec!["Iran’s power will grow,"]);
        assert!(
            r.unbalanced.is_empty() && r.misdirected.is_empty() && r.spacing.is_empty(),
            "{r:?}"
        );
    }

    #[test]
    fn closing_mark_typed_as_opening() {
        let text = "“If the United States leaves, it will go home “said Gerges.";
        let (q, r) = paired(text);
        assert_eq!(q, vec!["If the United States leaves, it will go home "]);
        assert_eq!(r.misdirected.len(), 1);
        assert_eq!(r.misdirected[0].expected, '”');
        assert_eq!(r.spacing.len(), 1);
        assert_eq!(&text[r.spacing[0].range.clone()], " “");
        assert_eq!(r.spacing[0].replacement, "“ ");
    }

    #[test]
    fn space_on_the_wrong_side() {
        let text = "“They operate more openly, ”said Jack Watling.";
        let (q, r) = paired(text);
        assert_eq!(q.len(), 1);
        assert!(r.misdirected.is_empty());
        assert_eq!(&text[r.spacing[0].range.clone()], " ”");
    }

    #[test]
    fn lone_marks() {
        let text = "to “protect everyone.” Iraqi soil “, although he declared it.\n\nNext paragraph.\n\naccording to the Center. ” strategic";
        let (q, r) = paired(text);
        assert_eq!(q, vec!["protect everyone."]);
        assert_eq!(r.unbalanced.len(), 2);
        assert!(r.unbalanced[0].opening);
        assert_eq!(&text[r.unbalanced[0].range.clone()], "“");
        assert!(!r.unbalanced[1].opening);
        assert_eq!(&text[r.unbalanced[1].range.clone()], "”");
    }

    #[test]
    fn stray_single_before_possessive() {
        let text = "the United States ‘long mission in Iraq, which cost taxpayers’ money.";
        let (q, r) = paired(text);
        assert!(q.is_empty());
        assert_eq!(r.unbalanced.len(), 1);
        assert_eq!(r.unbalanced[0].family, Family::Single);
        assert_eq!(&text[r.unbalanced[0].range.clone()], "‘");
    }

    #[test]
    fn multi_paragraph_quote() {
        let text = "“The first part runs on.\n\n“And ends here,” he said.";
        let (q, r) = paired(text);
        assert_eq!(q, vec!["The first part runs on. | And ends here,"]);
        assert!(r.unbalanced.is_empty(), "{r:?}");
    }

    #[test]
    fn unclosed_without_continuation_is_unbalanced() {
        let (q, r) = paired("“The first part runs on.\n\nAnd a paragraph of prose.");
        assert!(q.is_empty());
        assert_eq!(r.unbalanced.len(), 1);
    }

    #[test]
    fn nested_single_quotes_and_straight_marks() {
        let text = "He said, \"Many people would ask me, 'Is Rock Hudson really gay?' and I said, 'It's something I won't discuss.'\"";
        let (q, r) = paired(text);
        assert_eq!(q.len(), 3, "{q:?}");
        assert!(r.unbalanced.is_empty(), "{r:?}");
    }

    #[test]
    fn misdirected_final_mark_at_paragraph_end() {
        let text = "“The Shia Iraqis want neither. “";
        let (q, r) = paired(text);
        assert_eq!(q.len(), 1);
        assert_eq!(r.misdirected.len(), 1);
        assert!(
            r.spacing.is_empty(),
            "a mark at the paragraph's end leans on no word: {r:?}"
        );
    }

    #[test]
    fn german_and_french_marks() {
        let (q, r) = paired("Er sagte: „Wir gehen.“ Il dit : « Nous partons. »");
        assert_eq!(q.len(), 2);
        assert!(r.misdirected.is_empty() && r.unbalanced.is_empty(), "{r:?}");
    }

    #[test]
    fn double_marks_nested_in_double_quotes() {
        let (q, r) = paired(
            "He wrote, \"The \"United States\" is not holding them.\" Later he wrote, \"Not one.\"",
        );
        assert_eq!(
            q,
            vec!["The \"United States\" is not holding them.", "Not one."]
        );
        assert!(r.unbalanced.is_empty() && r.spacing.is_empty(), "{r:?}");
    }

    #[test]
    fn straight_closer_with_nothing_open() {
        let (q, r) = paired("The \"plan\" was good\" and more.");
        assert_eq!(q, vec!["plan"]);
        assert_eq!(r.unbalanced.len(), 1);
        assert!(!r.unbalanced[0].opening);
    }
}
