//! Markdown through pulldown-cmark: leaf blocks (paragraphs, headings, list
//! items, table cells, paragraphs inside `>` block quotes) are prose; code
//! blocks and spans, HTML, front matter, link destinations and block markers
//! are masked. HTML comments holding `copydesk-ignore` become directives.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{blank, parse_directive, trim_range, Block, BlockKind, Directive, FrontMatter, Prose};

struct Leaf {
    kind: BlockKind,
    /// Byte span of the prose copied into this leaf so far.
    span: Option<(usize, usize)>,
    is_item: bool,
}

pub(super) fn parse(text: &str) -> Prose {
    let mut masked: Vec<u8> = text.as_bytes().to_vec();
    blank(&mut masked, 0..text.len());
    let mut blocks = Vec::new();
    let mut directives = Vec::new();
    let mut front_matter = None;
    let mut leaves: Vec<Leaf> = Vec::new();
    let mut quote_groups: Vec<usize> = Vec::new();
    let mut next_group = 0;
    let mut skip_depth = 0usize; // inside code blocks and metadata
    let mut html_block: Option<std::ops::Range<usize>> = None;

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let flush = |leaf: Leaf, blocks: &mut Vec<Block>| {
        if let Some((s, e)) = leaf.span {
            let range = trim_range(text, s..e);
            if !range.is_empty() {
                blocks.push(Block {
                    range,
                    kind: leaf.kind,
                });
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) => skip_depth += 1,
                Tag::HtmlBlock => html_block = Some(range.start..range.start),
                Tag::MetadataBlock(kind) => {
                    skip_depth += 1;
                    front_matter = Some(FrontMatter {
                        range: range.clone(),
                        title: front_matter_title(text, range.clone(), kind),
                    });
                }
                Tag::BlockQuote(_) => {
                    quote_groups.push(next_group);
                    next_group += 1;
                }
                Tag::Paragraph => {
                    let in_item = leaves.last().is_some_and(|l| l.is_item);
                    let kind = match quote_groups.last() {
                        Some(&group) => BlockKind::BlockQuote { group },
                        None if in_item => BlockKind::ListItem,
                        None => BlockKind::Paragraph,
                    };
                    leaves.push(Leaf {
                        kind,
                        span: None,
                        is_item: false,
                    });
                }
                Tag::Heading { level, .. } => leaves.push(Leaf {
                    kind: BlockKind::Heading { level: level as u8 },
                    span: None,
                    is_item: false,
                }),
                Tag::Item => leaves.push(Leaf {
                    kind: BlockKind::ListItem,
                    span: None,
                    is_item: true,
                }),
                Tag::TableCell => leaves.push(Leaf {
                    kind: BlockKind::TableCell,
                    span: None,
                    is_item: false,
                }),
                Tag::List(_) => {
                    // Text of an item before its nested list is a block of its own.
                    if let Some(top) = leaves.last_mut() {
                        if top.is_item && top.span.is_some() {
                            let done = Leaf {
                                kind: top.kind,
                                span: top.span.take(),
                                is_item: true,
                            };
                            flush(done, &mut blocks);
                        }
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                TagEnd::HtmlBlock => {
                    if let Some(block) = html_block.take() {
                        scan_directives(text, block, &mut directives);
                    }
                }
                TagEnd::BlockQuote(_) => {
                    quote_groups.pop();
                }
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if let Some(leaf) = leaves.pop() {
                        flush(leaf, &mut blocks);
                    }
                }
                _ => {}
            },
            Event::Text(_) if skip_depth == 0 => {
                if let Some(leaf) = leaves.last_mut() {
                    masked[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                    leaf.span = Some(match leaf.span {
                        Some((s, e)) => (s.min(range.start), e.max(range.end)),
                        None => (range.start, range.end),
                    });
                }
            }
            // An HTML block arrives one line per event: scan it whole, so
            // a comment over several lines is still a directive.
            Event::Html(_) if html_block.is_some() => {
                if let Some(block) = &mut html_block {
                    block.end = block.end.max(range.end);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                scan_directives(text, range.clone(), &mut directives)
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.range.start);
    Prose {
        masked: String::from_utf8(masked).expect("blanking whole events keeps UTF-8"),
        blocks,
        directives,
        front_matter,
    }
}

/// Every `<!-- copydesk-ignore ... -->` comment in `range` of `text`.
fn scan_directives(text: &str, range: std::ops::Range<usize>, directives: &mut Vec<Directive>) {
    let html = &text[range.clone()];
    let mut offset = 0;
    while let Some(open) = html[offset..].find("<!--") {
        let body_start = offset + open + 4;
        let Some(close) = html[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        if let Some((file_wide, rules)) = parse_directive(&html[body_start..body_end]) {
            let r = range.start + offset + open..range.start + body_end + 3;
            directives.push(Directive {
                range: r,
                rules,
                file_wide,
                target: None,
            });
        }
        offset = body_end + 3;
    }
}

fn front_matter_title(
    text: &str,
    range: std::ops::Range<usize>,
    kind: MetadataBlockKind,
) -> Option<(String, std::ops::Range<usize>)> {
    let sep = match kind {
        MetadataBlockKind::YamlStyle => ':',
        MetadataBlockKind::PlusesStyle => '=',
    };
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let Some(rest) = line.strip_prefix("title") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix(sep) else {
            continue;
        };
        let value_trim = value.trim();
        let unquoted = value_trim
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| {
                value_trim
                    .strip_prefix('\'')
                    .and_then(|v| v.strip_suffix('\''))
            })
            .unwrap_or(value_trim);
        if unquoted.is_empty() {
            return None;
        }
        let at = start + line.find(unquoted).unwrap_or(0);
        return Some((unquoted.to_string(), at..at + unquoted.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(&str, BlockKind)> {
        parse(text)
            .blocks
            .iter()
            .map(|b| (&text[b.range.clone()], b.kind))
            .collect()
    }

    #[test]
    fn a_comment_over_several_lines_is_one_directive() {
        let text = "<!--\n  copydesk-ignore unattributed-quote\n-->\nThe paragraph.\n";
        let p = parse(text);
        assert_eq!(p.directives.len(), 1);
        assert_eq!(
            &text[p.directives[0].range.clone()],
            "<!--\n  copydesk-ignore unattributed-quote\n-->"
        );
        assert_eq!(p.directives[0].rules, vec!["unattributed-quote"]);
        assert!(!p.directives[0].file_wide);
    }

    #[test]
    fn headings_paragraphs_and_code() {
        let text = "# Title\n\nA paragraph with `code “x”` and [a link](http://x.org/“y”).\n\n```\n“not prose”\n```\n\nSetext\n------\n";
        let p = parse(text);
        let b = blocks(text);
        assert_eq!(b[0], ("Title", BlockKind::Heading { level: 1 }));
        assert_eq!(b[1].1, BlockKind::Paragraph);
        assert_eq!(b[2], ("Setext", BlockKind::Heading { level: 2 }));
        assert_eq!(b.len(), 3);
        assert!(!p.masked.contains('“'), "{}", p.masked);
        assert!(p.masked.contains("a link"));
        assert!(!p.masked.contains("http"));
    }

    #[test]
    fn front_matter_and_comments() {
        let text = "---\ntitle: \"Iran’s reach\"\n---\n\n<!-- copydesk-ignore unattributed-quote -->\n“A quote with no source at all.”\n";
        let p = parse(text);
        let fm = p.front_matter.clone().unwrap();
        assert_eq!(fm.title.as_ref().unwrap().0, "Iran’s reach");
        assert_eq!(&text[fm.title.unwrap().1], "Iran’s reach");
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].rules, vec!["unattributed-quote"]);
        assert!(!p.masked.contains("title"));
    }

    #[test]
    fn block_quotes_and_lists() {
        let text = "> First para.\n>\n> Second para.\n\n- item one\n- item two\n  - nested\n";
        let b = blocks(text);
        assert_eq!(b[0], ("First para.", BlockKind::BlockQuote { group: 0 }));
        assert_eq!(b[1], ("Second para.", BlockKind::BlockQuote { group: 0 }));
        assert_eq!(b[2], ("item one", BlockKind::ListItem));
        assert_eq!(b[3], ("item two", BlockKind::ListItem));
        assert_eq!(b[4], ("nested", BlockKind::ListItem));
    }
}
