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
    let config = Config::default();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut kbs = KbCache::default();
    for p in paths {
        if p == "-" {
            let mut text = String::new();
            match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                Ok(_) => {
                    let kb = kbs.knowledge_base(std::path::Path::new("."), &mut errors);
                    files.push(Analyzed::new("-".into(), text, Markup::PlainText, &kb, &config))
                }
                Err(e) => errors.push(format!("-: could not read standard input: {e}")),
            }
            continue;
        }
        match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let kb = kbs.knowledge_base(std::path::Path::new(p), &mut errors);
                    files.push(Analyzed::new(p.clone(), text, Markup::from_path_or_language(p), &kb, &config))
                }
                Err(e) => errors.push(format!("{p}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())),
            },
            Err(e) => errors.push(format!("{p}: {e}")),
        }
    }
    (files, errors)
}

/// The built-in knowledge base plus the nearest `.copydesk/actors.toml`
/// found walking up from each file, read once per actors file. A malformed
/// file is reported (file, line, what is wrong) and the built-in base is used.
#[derive(Default)]
struct KbCache {
    by_file: std::collections::HashMap<std::path::PathBuf, std::sync::Arc<KnowledgeBase>>,
}

impl KbCache {
    fn knowledge_base(
        &mut self,
        path: &std::path::Path,
        errors: &mut Vec<String>,
    ) -> std::sync::Arc<KnowledgeBase> {
        let start = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let found = start
            .ancestors()
            .map(|d| d.join(".copydesk").join("actors.toml"))
            .find(|f| f.is_file());
        let key = found.clone().unwrap_or_default();
        if let Some(kb) = self.by_file.get(&key) {
            return kb.clone();
        }
        let kb = match &found {
            None => KnowledgeBase::builtin().clone(),
            Some(f) => match std::fs::read_to_string(f) {
                Ok(text) => match copydesk::kb::parse(&f.display().to_string(), &text) {
                    Ok(actors) => KnowledgeBase::builtin_with(actors),
                    Err(e) => {
                        errors.push(format!("{e} (the built-in actors are used instead)"));
                        KnowledgeBase::builtin().clone()
                    }
                },
                Err(e) => {
                    errors.push(format!("{}: {e}", f.display()));
                    KnowledgeBase::builtin().clone()
                }
            },
        };
        let kb = std::sync::Arc::new(kb);
        self.by_file.insert(key, kb.clone());
        kb
    }
}
