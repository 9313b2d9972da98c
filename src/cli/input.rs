//! Reading the files the CLI is given, and analysing them.
//!
//! Each argument is a file (read whatever its extension), a directory
//! (walked for `.md`, `.markdown` and `.txt`, in sorted order, skipping
//! hidden entries and `target`/`node_modules`, not following symbolic links
//! to directories), or `-` for standard input (plain text). Files keep the
//! order of the arguments. A file that cannot be read or is not UTF-8 gets
//! one message naming it; the others are still analysed, in parallel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::config;
use copydesk::lsp::settings;
use copydesk::text::{Encoding, LineIndex};
use copydesk::{analyze, Analysis, Config, KnowledgeBase, Markup};
use rayon::prelude::*;
use ropey::Rope;
use serde_json::{json, Value};

/// The knowledge base every subcommand analyses with: the one place that
/// chooses it.
/// The built-in actors; files get the nearest `.copydesk/actors.toml` on
/// top of it (see `KbCache`).
pub fn knowledge_base() -> &'static KnowledgeBase {
    KnowledgeBase::builtin()
}

/// One file read and analysed.
pub struct Analyzed {
    /// As given on the command line, or the directory joined with the
    /// file's path under it; `-` for standard input.
    pub path: String,
    // Read by the subcommands that quote the text (sources, actors).
    #[allow(dead_code)]
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
/// files in argument order and one message per path that failed, each
/// naming the file.
pub fn load(paths: &[String]) -> (Vec<Analyzed>, Vec<String>) {
    load_with(paths, None)
}

/// [`load`], with `config` (`--config PATH`) used for every file instead
/// of the nearest one. Problems in a config file are printed to standard
/// error once, as warnings; an unreadable `--config` file is an error.
pub fn load_with(paths: &[String], config: Option<&Path>) -> (Vec<Analyzed>, Vec<String>) {
    let (jobs, errors) = prepare(paths, config);
    // An indexed parallel iterator keeps the input order when collected.
    let files = jobs.into_par_iter().map(Job::analyze).collect();
    (files, errors)
}

/// [`load_with`], handing each file to `each` in argument order as soon as
/// it and every file before it are analysed, so output starts before the
/// last file is done. `errors` gets the messages of the paths that failed
/// before any file is analysed. Returns the number of those messages.
pub fn stream_with(
    paths: &[String],
    config: Option<&Path>,
    errors: impl FnOnce(&[String]),
    mut each: impl FnMut(Analyzed),
) -> usize {
    let (jobs, failed) = prepare(paths, config);
    errors(&failed);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Analyzed)>();
    std::thread::scope(|scope| {
        // par_bridge takes the jobs in order, so the first files finish first.
        scope.spawn(move || {
            jobs.into_iter()
                .enumerate()
                .par_bridge()
                .for_each_with(tx, |tx, (i, job)| {
                    let _ = tx.send((i, job.analyze()));
                });
        });
        let mut waiting: std::collections::BTreeMap<usize, Analyzed> = Default::default();
        let mut next = 0;
        for (i, file) in rx {
            waiting.insert(i, file);
            while let Some(file) = waiting.remove(&next) {
                each(file);
                next += 1;
            }
        }
    });
    failed.len()
}

/// One input read, with the config and knowledge base that apply to it.
struct Job {
    path: String,
    text: String,
    markup: Markup,
    config: Arc<Config>,
    kb: Arc<KnowledgeBase>,
}

impl Job {
    fn analyze(self) -> Analyzed {
        Analyzed::new(self.path, self.text, self.markup, &self.kb, &self.config)
    }
}

/// Read every input in argument order and find its config and knowledge
/// base; one message per path that failed.
fn prepare(paths: &[String], config: Option<&Path>) -> (Vec<Job>, Vec<String>) {
    let mut kbs = KbCache::default();
    let mut configs = Configs::new(config);
    let mut errors = configs.errors.clone();
    let mut jobs = Vec::new();
    let mut stdin: Option<String> = None;
    for source in collect(paths, &mut errors) {
        match source {
            Source::Stdin => {
                if stdin.is_none() {
                    let mut text = String::new();
                    match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                        Ok(_) => stdin = Some(text),
                        Err(e) => {
                            errors.push(format!(
                                "-: could not read standard input as UTF-8 text: {e}"
                            ));
                            stdin = Some(String::new());
                            continue;
                        }
                    }
                }
                let config = configs.for_path(Path::new("-"));
                let markup = config.markup_for("-").unwrap_or(Markup::PlainText);
                let kb = kbs.knowledge_base(Path::new("."), &config, &mut errors);
                jobs.push(Job {
                    path: "-".to_string(),
                    text: stdin.clone().unwrap_or_default(),
                    markup,
                    config,
                    kb,
                });
            }
            Source::File(path) => match read(&path) {
                Ok(text) => {
                    let name = path.display().to_string();
                    let config = configs.for_path(&path);
                    let markup = config.markup_of_path(&name);
                    let kb = kbs.knowledge_base(&path, &config, &mut errors);
                    jobs.push(Job {
                        path: name,
                        text,
                        markup,
                        config,
                        kb,
                    });
                }
                Err(e) => errors.push(e),
            },
        }
    }
    (jobs, errors)
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

    /// The knowledge base for `config`: [`knowledge_base`], with the actors
    /// of the config's `knowledgeBases` files over it when it names any (a
    /// file that cannot be read or parsed is a warning naming file and line).
    fn report(f: settings::FileConfig) -> Config {
        for e in &f.errors {
            eprintln!("copydesk: warning: {e}");
        }
        config::resolve(&[(config::Source::File(f.path.display().to_string()), &f.layer)]).config
    }
}

/// Something to read: standard input or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// The files named by `paths`, directories expanded; problems (a path that
/// does not exist, a directory that cannot be listed) go to `errors`.
pub fn collect(paths: &[String], errors: &mut Vec<String>) -> Vec<Source> {
    let mut sources = Vec::new();
    for p in paths {
        if p == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let before = sources.len();
                walk(&path, &mut sources, errors);
                if sources.len() == before {
                    eprintln!("copydesk: note: no .md, .markdown or .txt files in {p}");
                }
            }
            Ok(_) => sources.push(Source::File(path)),
            Err(e) => errors.push(format!("{p}: {}", describe(&e))),
        }
    }
    sources
}

/// Whether the directory walk reads a file with this name.
pub fn is_article(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "txt"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

fn walk(dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!(
                "{}: could not list the directory: {}",
                dir.display(),
                describe(&e)
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries
        .filter_map(|e| match e {
            Ok(e) => Some(e),
            Err(err) => {
                errors.push(format!(
                    "{}: could not list the directory: {}",
                    dir.display(),
                    describe(&err)
                ));
                None
            }
        })
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name != "target" && name != "node_modules" {
                walk(&path, out, errors);
            }
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && is_article(&path) {
            out.push(Source::File(path));
        }
    }
}

/// Read a file as UTF-8, or say what is wrong with it, naming it.
fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "{}: could not read the file: {}",
            path.display(),
            describe(&e)
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{}: not UTF-8 text (line {line}, byte {valid} is not valid UTF-8); save the file as UTF-8 and check it again",
            path.display()
        )
    })
}

/// An I/O error in words, without Rust's "(os error 2)".
fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_md_markdown_and_txt_in_any_case() {
        for yes in ["a.md", "b.MARKDOWN", "dir/c.txt", "d.Md"] {
            assert!(is_article(Path::new(yes)), "{yes}");
        }
        for no in ["a.rs", "md", "a.mdx", "notes", "a.txt.bak"] {
            assert!(!is_article(Path::new(no)), "{no}");
        }
    }
}

/// The knowledge base of each input file: the built-in one, plus the
/// nearest `.copydesk/actors.toml` above the file and the config's
/// `knowledgeBases` files, built once per distinct combination.
#[derive(Default)]
struct KbCache {
    by_files: HashMap<(Option<PathBuf>, Vec<String>), Arc<KnowledgeBase>>,
}

impl KbCache {
    fn knowledge_base(
        &mut self,
        path: &Path,
        config: &Config,
        errors: &mut Vec<String>,
    ) -> Arc<KnowledgeBase> {
        let start = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let found = start
            .ancestors()
            .map(|d| d.join(".copydesk").join("actors.toml"))
            .find(|f| f.is_file());
        let key = (found.clone(), config.knowledge_bases.clone());
        if let Some(kb) = self.by_files.get(&key) {
            return kb.clone();
        }
        let mut actors = Vec::new();
        if !config.knowledge_bases.is_empty() {
            let (more, problems) = settings::read_knowledge_bases(&config.knowledge_bases);
            for p in problems {
                eprintln!("copydesk: warning: {p}");
            }
            actors.extend(more);
        }
        if let Some(f) = &found {
            match std::fs::read_to_string(f) {
                Ok(text) => match copydesk::kb::parse(&f.display().to_string(), &text) {
                    Ok(more) => actors.extend(more),
                    Err(e) => errors.push(format!("{e} (the built-in actors are used instead)")),
                },
                Err(e) => errors.push(format!("{}: {e}", f.display())),
            }
        }
        let kb = if actors.is_empty() {
            knowledge_base().clone()
        } else {
            KnowledgeBase::builtin_with(actors)
        };
        let kb = Arc::new(kb);
        self.by_files.insert(key, kb.clone());
        kb
    }
}
