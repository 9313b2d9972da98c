//! A check-style helper for the quote rules' tests: small text in, one line
//! per diagnostic of one rule out.

use crate::analysis::analyze;
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::markup::Markup;

/// `¶n «covered text» message [related «…»] [fix «text after the first fix's edit»]`.
pub fn render(code: &str, text: &str) -> Vec<String> {
    let a = analyze(
        text,
        Markup::PlainText,
        KnowledgeBase::empty(),
        &Config::default(),
    );
    a.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let para = a.paragraph_at(d.range.start).map_or(0, |p| p.index + 1);
            let mut line = format!("¶{para} «{}» {}", &text[d.range.clone()], d.message);
            for r in &d.related {
                line.push_str(&format!(" [related «{}»]", &text[r.range.clone()]));
            }
            if let Some(f) = d.fixes.first() {
                // Show the edited words around the first edit.
                let e = &f.edits[0];
                let mut s = e.range.start;
                while s > 0 && !text[..s].ends_with(' ') {
                    s = text[..s].char_indices().next_back().map_or(0, |(i, _)| i);
                }
                let mut end = e.range.end;
                while end < text.len() && !text[end..].starts_with([' ', '\n']) {
                    end += text[end..].chars().next().map_or(1, char::len_utf8);
                }
                line.push_str(&format!(
                    " [fix «{}{}{}»]",
                    &text[s..e.range.start],
                    e.new_text,
                    &text[e.range.end..end]
                ));
            }
            line
        })
        .collect()
}

pub fn check(code: &str, text: &str, expect: &[&str]) {
    assert_eq!(render(code, text), expect, "\n{text}");
}
