//! Reading the files the CLI is given: directories are walked for `.md`,
//! `.markdown` and `.txt`; `-` is standard input; a file that cannot be read
//! or is not UTF-8 is reported by name and the others are still checked.

use copydesk::text::{Encoding, LineIndex};
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};
use ropey::Rope;
use serde_json::{json, Value};

/// One file read and analysed.
pub struct Analyzed {
    pub path: String,
    pub text: String,
    pub rope: Rope,
    pub analysis: Analysis,
}

impl Analyzed {
    pub fn new(path: String, text: String, markup: Markup, kb: &KnowledgeBase, config: &Config) -> Self {
        let analysis = analyze(&text, markup, kb, config);
        let rope = Rope::from_str(&text);
        Analyzed { path, text, rope, analysis }
    }

    /// 0-based line and UTF-16 character of a byte offset (as LSP counts).
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let p = LineIndex::new(&self.rope).position(offset, Encoding::Utf16);
        (p.line, p.character)
    }

    /// `{"start":{"line","character"},"end":{...}}`, 0-based, UTF-16 characters.
    pub fn range_json(&self, range: &std::ops::Range<usize>) -> Value {
        let (sl, sc) = self.line_col(range.start);
        let (el, ec) = self.line_col(range.end);
        json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
    }
}

/// Read every path (walking directories) and analyse each file. Returns the
/// analysed files in path order and one message per file that failed.
pub fn load(paths: &[String]) -> (Vec<Analyzed>, Vec<String>) {
    let kb = KnowledgeBase::empty();
    let config = Config::default();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            let mut text = String::new();
            match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                Ok(_) => files.push(Analyzed::new("-".into(), text, Markup::PlainText, kb, &config)),
                Err(e) => errors.push(format!("-: could not read standard input: {e}")),
            }
            continue;
        }
        match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(Analyzed::new(p.clone(), text, Markup::from_path_or_language(p), kb, &config)),
                Err(e) => errors.push(format!("{p}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())),
            },
            Err(e) => errors.push(format!("{p}: {e}")),
        }
    }
    (files, errors)
}
