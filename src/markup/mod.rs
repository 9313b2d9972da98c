//! Markup front ends: what in a text is prose.
//!
//! Both front ends produce a [`Prose`]: a *masked* copy of the text with the
//! same length in bytes, in which everything that is not prose (code, HTML,
//! front matter, link destinations, Markdown block markers, ignore
//! directives) is replaced by ASCII spaces, newlines kept. Later stages scan
//! `masked` and so never see a quote mark inside a code span, while every byte
//! offset they produce is valid in the original text.
//!
//! ```
//! use copydesk::markup::{parse, Markup};
//! let prose = parse("Say `“x”` here.\n\nNext.", Markup::Markdown);
//! assert_eq!(prose.blocks.len(), 2);
//! assert!(!prose.masked.contains('“'));
//! ```

mod markdown;
mod plain;

use serde::Serialize;

use crate::analysis::{ByteRange, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    #[default]
    #[serde(alias = "text", alias = "plain", alias = "plaintext")]
    PlainText,
    Markdown,
}

impl Markup {
    /// The markup for a file name or LSP language id: Markdown for `.md`,
    /// `.markdown` and `markdown`, plain text otherwise.
    pub fn from_path_or_language(name: &str) -> Markup {
        let lower = name.to_ascii_lowercase();
        if lower == "markdown"
            || lower.ends_with(".md")
            || lower.ends_with(".markdown")
            || lower.ends_with(".mdx")
        {
            Markup::Markdown
        } else {
            Markup::PlainText
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum BlockKind {
    Paragraph,
    /// A Markdown ATX or setext heading. Plain-text headings are found by
    /// `outline`, and stay `Paragraph` here.
    Heading {
        level: u8,
    },
    ListItem,
    /// A paragraph inside a `>` block quote; paragraphs of one block quote
    /// share `group`.
    BlockQuote {
        group: usize,
    },
    TableCell,
}

/// One prose block: its trimmed byte range and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub range: ByteRange,
    pub kind: BlockKind,
}

/// `<!-- copydesk-ignore rule -->` (Markdown) or a line `[copydesk-ignore rule]`
/// (plain text). An empty `rules` list means every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    pub range: ByteRange,
    pub rules: Vec<String>,
    /// `copydesk-ignore-file`: the whole text.
    pub file_wide: bool,
    /// The paragraph the directive silences (the next block after it), if any.
    pub target: Option<ByteRange>,
}

/// YAML (`---`) or TOML (`+++`) front matter at the top of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    pub range: ByteRange,
    /// The `title:` value and its byte range, quotes stripped.
    pub title: Option<(String, ByteRange)>,
}

#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// Same byte length as the text; non-prose bytes are spaces.
    pub masked: String,
    pub blocks: Vec<Block>,
    pub directives: Vec<Directive>,
    pub front_matter: Option<FrontMatter>,
}

impl Prose {
    pub fn paragraphs(&self) -> Vec<Paragraph> {
        self.blocks
            .iter()
            .enumerate()
            .map(|(index, b)| Paragraph {
                index,
                range: b.range.clone(),
                kind: b.kind,
            })
            .collect()
    }
}

/// Split `text` into prose blocks for its markup.
pub fn parse(text: &str, markup: Markup) -> Prose {
    let mut prose = match markup {
        Markup::PlainText => plain::parse(text),
        Markup::Markdown => markdown::parse(text),
    };
    debug_assert_eq!(prose.masked.len(), text.len());
    for d in &mut prose.directives {
        if !d.file_wide {
            d.target = prose
                .blocks
                .iter()
                .find(|b| b.range.start >= d.range.end)
                .map(|b| b.range.clone());
        }
    }
    prose
}

/// Parse the words after `copydesk-ignore` / `copydesk-ignore-file`.
/// Returns `None` when `body` is not a directive.
pub(crate) fn parse_directive(body: &str) -> Option<(bool, Vec<String>)> {
    let body = body.trim();
    let (file_wide, rest) = if let Some(rest) = body.strip_prefix("copydesk-ignore-file") {
        (true, rest)
    } else if let Some(rest) = body.strip_prefix("copydesk-ignore") {
        (false, rest)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':')) {
        return None;
    }
    let rules = rest
        .trim_start_matches(':')
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((file_wide, rules))
}

/// Replace `range` of `masked` with spaces, keeping newlines.
pub(crate) fn blank(masked: &mut [u8], range: ByteRange) {
    for b in &mut masked[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Trim ASCII and Unicode whitespace from both ends of `range` in `text`.
pub(crate) fn trim_range(text: &str, range: ByteRange) -> ByteRange {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_words() {
        assert_eq!(
            parse_directive(" copydesk-ignore unattributed-quote "),
            Some((false, vec!["unattributed-quote".into()]))
        );
        assert_eq!(
            parse_directive("copydesk-ignore-file a, b"),
            Some((true, vec!["a".into(), "b".into()]))
        );
        assert_eq!(parse_directive("copydesk-ignore"), Some((false, vec![])));
        assert_eq!(parse_directive("copydesk-ignorex"), None);
        assert_eq!(parse_directive("something else"), None);
    }

    #[test]
    fn markup_from_names() {
        assert_eq!(Markup::from_path_or_language("a/b.md"), Markup::Markdown);
        assert_eq!(Markup::from_path_or_language("markdown"), Markup::Markdown);
        assert_eq!(
            Markup::from_path_or_language("story.txt"),
            Markup::PlainText
        );
        assert_eq!(
            Markup::from_path_or_language("plaintext"),
            Markup::PlainText
        );
    }
}
