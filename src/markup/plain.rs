//! Plain text: paragraphs are separated by blank lines. A line that reads
//! `[copydesk-ignore rule-code]` (or `[copydesk-ignore-file ...]`) is an
//! ignore directive and is kept out of the prose.

use super::{blank, parse_directive, trim_range, Block, BlockKind, Directive, Prose};

pub(super) fn parse(text: &str) -> Prose {
    let mut masked = text.as_bytes().to_vec();
    let mut directives = Vec::new();
    let mut blocks = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if let Some(inner) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            if let Some((file_wide, rules)) = parse_directive(inner) {
                let lead = content.len() - content.trim_start().len();
                let range = start + lead..start + lead + trimmed.len();
                blank(&mut masked, range.clone());
                directives.push(Directive {
                    range,
                    rules,
                    file_wide,
                    target: None,
                });
                // A directive line ends the paragraph before it.
                if let Some(s) = para_start.take() {
                    push_block(text, &mut blocks, s..para_end);
                }
                continue;
            }
        }
        if trimmed.is_empty() {
            if let Some(s) = para_start.take() {
                push_block(text, &mut blocks, s..para_end);
            }
        } else {
            if para_start.is_none() {
                para_start = Some(start);
            }
            para_end = start + content.len();
        }
    }
    if let Some(s) = para_start {
        push_block(text, &mut blocks, s..para_end);
    }
    Prose {
        masked: String::from_utf8(masked).expect("blanking keeps UTF-8"),
        blocks,
        directives,
        front_matter: None,
    }
}

fn push_block(text: &str, blocks: &mut Vec<Block>, range: std::ops::Range<usize>) {
    let range = trim_range(text, range);
    if !range.is_empty() {
        blocks.push(Block {
            range,
            kind: BlockKind::Paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<&str> {
        parse(text)
            .blocks
            .iter()
            .map(|b| &text[b.range.clone()])
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            ranges("One.\nStill one.\n\n  \nTwo.  \n"),
            vec!["One.\nStill one.", "Two."]
        );
        assert_eq!(ranges("\r\nA\r\n\r\nB"), vec!["A", "B"]);
        assert_eq!(ranges(""), Vec::<&str>::new());
    }

    #[test]
    fn directive_lines_are_masked() {
        let text = "[copydesk-ignore unattributed-quote]\n“Quote here,” it went.";
        let p = parse(text);
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].rules, vec!["unattributed-quote"]);
        assert_eq!(p.blocks.len(), 1);
        assert!(p.masked.starts_with("     "));
        assert_eq!(p.masked.len(), text.len());
    }
}
