//! Reading the files the CLI is given: directories are walked for `.md`,
//! `.markdown` and `.txt`; `-` is standard input; a file that cannot be read
//! or is not UTF-8 is reported by name and the others are still checked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::config;
use copydesk::lsp::settings;
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
    pub fn new(
        path: String,
        text: String,
        markup: Markup,
        kb: &KnowledgeBase,
        config: &Config,
    ) -> Self {
        let analysis = analyze(&text, markup, kb, config);
        let rope = Rope::from_str(&text);
        Analyzed {
            path,
            text,
            rope,
            analysis,
        }
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

/// Read every path (walking directories) and analyse each file with the
/// config found for it (the nearest `.copydesk.toml`). Returns the analysed
/// files in path order and one message per file that failed.
pub fn load(paths: &[String]) -> (Vec<Analyzed>, Vec<String>) {
    load_with(paths, None)
}

/// [`load`], with `config` (`--config PATH`) used for every file instead
/// of the nearest one. Problems in a config file are printed to standard
/// error once, as warnings; an unreadable `--config` file is an error.
pub fn load_with(paths: &[String], config: Option<&Path>) -> (Vec<Analyzed>, Vec<String>) {
    let mut kbs = KbCache::default();
    let mut configs = Configs::new(config);
    let mut files = Vec::new();
    let mut errors = configs.errors.clone();
    for p in paths {
        if p == "-" {
            let mut text = String::new();
            let config = configs.for_path(Path::new("-"));
            match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                Ok(_) => {
                    let markup = config.markup_for("-").unwrap_or(Markup::PlainText);
                    let kb = kbs.knowledge_base(Path::new("."), &mut errors);
                    files.push(Analyzed::new("-".into(), text, markup, &kb, &config))
                }
                Err(e) => errors.push(format!("-: could not read standard input: {e}")),
            }
            continue;
        }
        let config = configs.for_path(Path::new(p));
        match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let kb = kbs.knowledge_base(Path::new(p), &mut errors);
                    files.push(Analyzed::new(p.clone(), text, config.markup_of_path(p), &kb, &config))
                }
                Err(e) => errors.push(format!(
                    "{p}: not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )),
            },
            Err(e) => errors.push(format!("{p}: {e}")),
        }
    }
    (files, errors)
}

/// The config of each input file: the `--config` file, or the nearest
/// `.copydesk.toml` above the file (looked up from its absolute path), read
/// once per config file.
pub struct Configs {
    explicit: Option<Arc<Config>>,
    by_file: HashMap<PathBuf, Arc<Config>>,
    pub errors: Vec<String>,
}

impl Configs {
    pub fn new(explicit: Option<&Path>) -> Configs {
        let mut c = Configs {
            explicit: None,
            by_file: HashMap::new(),
            errors: Vec::new(),
        };
        if let Some(path) = explicit {
            match settings::read_file(path) {
                Ok(f) => c.explicit = Some(Arc::new(Self::report(f))),
                Err(e) => c.errors.push(e),
            }
        }
        c
    }

    /// The config file that applies to `path`, if any.
    pub fn file_for(path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        settings::discover(&absolute)
    }

    pub fn for_path(&mut self, path: &Path) -> Arc<Config> {
        if let Some(c) = &self.explicit {
            return c.clone();
        }
        let Some(file) = Self::file_for(path) else {
            return Arc::new(Config::default());
        };
        if let Some(c) = self.by_file.get(&file) {
            return c.clone();
        }
        let config = match settings::read_file(&file) {
            Ok(f) => Arc::new(Self::report(f)),
            Err(e) => {
                eprintln!("copydesk: warning: {e}");
                Arc::new(Config::default())
            }
        };
        self.by_file.insert(file, config.clone());
        config
    }

    fn report(f: settings::FileConfig) -> Config {
        for e in &f.errors {
            eprintln!("copydesk: warning: {e}");
        }
        config::resolve(&[(config::Source::File(f.path.display().to_string()), &f.layer)]).config
    }
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
