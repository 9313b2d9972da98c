//! `document-too-large`: A document over the `maxDocumentSize` limit is not checked; this one finding on its first line says so.
//!
//! [`analysis`] is the guard at the top of `crate::analyze` (and of the
//! incremental analyzer): over the limit, no stage runs and the analysis is
//! empty but for this finding. It reads only the text's length and its
//! first line (at most [`HEAD`] bytes), so a 50 MB document is answered at
//! once. Severities from the config apply as to any rule; of the ignore
//! directives, only those on that first line are read (a
//! `copydesk-ignore-file document-too-large` there silences it).

use super::{Context, Rule, RuleInfo};
use crate::analysis::{Analysis, Diagnostic, Severity};
use crate::config::Config;
use crate::kb::KnowledgeBase;
use crate::markup::{self, Markup};

pub const INFO: RuleInfo = RuleInfo {
    code: "document-too-large",
    default_severity: Severity::Information,
    description: "A document over the maxDocumentSize limit is not checked; this one finding on its first line says so.",
};

/// How far into the text the first line end is looked for: the finding's
/// range and the directives read stay within these bytes.
pub const HEAD: usize = 1024;

/// The rule alone, for [`analysis`].
static ONLY: &[Rule] = &[Rule { info: INFO, check }];

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let len = ctx.text.len();
    if !ctx.config.is_too_large(len) {
        return;
    }
    out.push(Diagnostic {
        code: INFO.code,
        severity: INFO.default_severity,
        message: message(len, ctx.config.max_document_size),
        range: 0..first_line_end(ctx.text),
        related: Vec::new(),
        fixes: Vec::new(),
    });
}

/// The analysis of a text over the config's limit: no paragraphs, quotes,
/// actors or outline, and the `document-too-large` finding (unless the
/// config or a first-line directive turns it off). `None` when the text is
/// within the limit and must be analysed.
pub fn analysis(
    text: &str,
    markup: Markup,
    kb: &KnowledgeBase,
    config: &Config,
) -> Option<Analysis> {
    if !config.is_too_large(text.len()) {
        return None;
    }
    let head = &text[..first_line_end(text)];
    let prose = markup::parse(head, markup);
    let mut analysis = Analysis {
        markup,
        directives: prose.directives.clone(),
        ..Analysis::default()
    };
    let ctx = Context {
        text,
        prose: &prose,
        analysis: &analysis,
        kb,
        config,
    };
    analysis.diagnostics = super::run_rules(&ctx, ONLY);
    Some(analysis)
}

/// The end of the first line (before `\n` or `\r\n`), looked for within
/// the first [`HEAD`] bytes; at a character boundary.
fn first_line_end(text: &str) -> usize {
    let head = &text.as_bytes()[..text.len().min(HEAD)];
    let end = head
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(head.len());
    crate::text::floor_char_boundary(text, end)
}

/// "This document is 52.4 MB, over copydesk's limit of 8 MB, ..."
fn message(len: usize, limit: usize) -> String {
    let (mut size, mut max) = (human(len), human(limit));
    if size == max {
        // 8,000,001 bytes over 8,000,000: say it in bytes.
        (size, max) = (bytes(len), bytes(limit));
    }
    format!(
        "This document is {size}, over copydesk's limit of {max}, so it is not checked. Split it, or raise maxDocumentSize in .copydesk.toml."
    )
}

/// Decimal units, one decimal place where it is not zero: "52.4 MB", "8 MB",
/// "120 KB", "500 bytes".
fn human(n: usize) -> String {
    let (value, unit) = match n {
        0..=999 => return bytes(n),
        1_000..=999_999 => (n as f64 / 1e3, "KB"),
        1_000_000..=999_999_999 => (n as f64 / 1e6, "MB"),
        _ => (n as f64 / 1e9, "GB"),
    };
    let s = format!("{value:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    format!("{s} {unit}")
}

/// "8,000,001 bytes"
fn bytes(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n == 1 {
        format!("{out} byte")
    } else {
        format!("{out} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleLevel;

    fn with_limit(n: usize) -> Config {
        Config {
            max_document_size: n,
            ..Config::default()
        }
    }

    fn analyze(text: &str, markup: Markup, config: &Config) -> Analysis {
        crate::analyze(text, markup, KnowledgeBase::empty(), config)
    }

    #[test]
    fn at_the_limit_analysed_one_byte_over_not() {
        let text = "“We will not leave,” said Fawaz Gerges.\n\n“Nobody said this at all today,” it went.\n";
        let at = analyze(text, Markup::PlainText, &with_limit(text.len()));
        assert_eq!(at.quotes.len(), 2);
        assert!(!at.paragraphs.is_empty());
        assert!(at.diagnostics.iter().all(|d| d.code != INFO.code));

        let over = analyze(text, Markup::PlainText, &with_limit(text.len() - 1));
        assert!(over.quotes.is_empty());
        assert!(over.paragraphs.is_empty());
        assert!(over.sentences.is_empty());
        assert!(over.actors.actors.is_empty());
        assert_eq!(over.diagnostics.len(), 1, "{:?}", over.diagnostics);
        let d = &over.diagnostics[0];
        assert_eq!(d.code, "document-too-large");
        assert_eq!(d.severity, Severity::Information);
        assert_eq!(d.range, 0..text.find('\n').unwrap());
        assert_eq!(
            d.message,
            format!(
                "This document is {} bytes, over copydesk's limit of {} bytes, so it is not checked. Split it, or raise maxDocumentSize in .copydesk.toml.",
                text.len(),
                text.len() - 1
            )
        );
    }

    #[test]
    fn zero_means_no_limit() {
        let a = analyze(
            "“Words enough to be a quote,” he said.",
            Markup::PlainText,
            &with_limit(0),
        );
        assert_eq!(a.quotes.len(), 1);
    }

    #[test]
    fn severity_and_off_apply() {
        let mut config = with_limit(10);
        config.rules.insert(INFO.code.into(), RuleLevel::Error);
        let a = analyze("A line long enough.\nMore.", Markup::PlainText, &config);
        assert_eq!(a.diagnostics[0].severity, Severity::Error);
        config.rules.insert(INFO.code.into(), RuleLevel::Off);
        let a = analyze("A line long enough.\nMore.", Markup::PlainText, &config);
        assert!(a.diagnostics.is_empty());
        assert!(a.paragraphs.is_empty());
    }

    #[test]
    fn a_first_line_directive_silences_it() {
        let md = "<!-- copydesk-ignore-file document-too-large -->\n\n“A quote with no source at all here.”\n";
        let a = analyze(md, Markup::Markdown, &with_limit(20));
        assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
        assert!(a.quotes.is_empty());
        let plain = "[copydesk-ignore-file document-too-large]\nText.\n";
        assert!(analyze(plain, Markup::PlainText, &with_limit(20))
            .diagnostics
            .is_empty());
        let other = "[copydesk-ignore-file unattributed-quote]\nText.\n";
        assert_eq!(
            analyze(other, Markup::PlainText, &with_limit(20))
                .diagnostics
                .len(),
            1
        );
    }

    #[test]
    fn the_range_stays_on_the_first_line_and_small() {
        let long = "é".repeat(5000);
        let a = analyze(&long, Markup::PlainText, &with_limit(10));
        let r = &a.diagnostics[0].range;
        assert_eq!(r.start, 0);
        assert!(r.end <= HEAD && long.is_char_boundary(r.end) && r.end > 0);
        let crlf = "Title\r\nBody text here.";
        let a = analyze(crlf, Markup::PlainText, &with_limit(10));
        assert_eq!(a.diagnostics[0].range, 0..5);
        let a = analyze("\nBody text here.", Markup::PlainText, &with_limit(10));
        assert_eq!(a.diagnostics[0].range, 0..0);
    }

    #[test]
    fn sizes_read_as_a_journalist_would() {
        assert_eq!(human(52_428_800), "52.4 MB");
        assert_eq!(human(8_000_000), "8 MB");
        assert_eq!(human(120_000), "120 KB");
        assert_eq!(human(999), "999 bytes");
        assert_eq!(bytes(8_000_001), "8,000,001 bytes");
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(
            message(52_428_800, 8_000_000),
            "This document is 52.4 MB, over copydesk's limit of 8 MB, so it is not checked. Split it, or raise maxDocumentSize in .copydesk.toml."
        );
        assert!(message(8_000_001, 8_000_000)
            .contains("8,000,001 bytes, over copydesk's limit of 8,000,000 bytes"));
    }
}
