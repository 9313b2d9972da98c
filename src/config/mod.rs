//! Settings for one analysis: rule severities, the quote word threshold,
//! extra speech verbs, user knowledge-base files, markup by glob, language,
//! the largest document checked.
//!
//! Settings come in *layers*, each a [`Layer`] with every key optional:
//! the built-in defaults, a `.copydesk.toml` file (found by walking up from
//! the document, see [`candidate_paths`]) and the editor's settings. Later
//! layers win: default < file < editor. [`resolve`] merges them into a
//! [`Config`] and remembers where each value came from ([`Origin`]).
//!
//! One description of the settings, [`SETTINGS`], drives the parser (which
//! keys exist and what they hold) and the JSON Schema ([`schema::json_schema`]).
//! Keys are camelCase everywhere, in the file and in editor settings
//! (`copydesk.quoteMinWords` in VS Code); rule codes are the kebab-case codes
//! of [`crate::rules::RULES`].
//!
//! Parsing never fails: it returns what it could read and the problems found.
//!
//! ```
//! use copydesk::config::{parse, RuleLevel};
//! let (config, errors) = parse(".copydesk.toml", "version = 1\nquoteMinWords = 6\nshout = true\n[rules]\nunattributed-quote = \"error\"\n");
//! assert_eq!(config.quote_min_words, 6);
//! assert_eq!(config.rules["unattributed-quote"], RuleLevel::Error);
//! assert_eq!(errors.len(), 1);
//! assert_eq!(errors[0].to_string(), ".copydesk.toml:3:1: unknown setting `shout` (settings are version, rules, quoteMinWords, speechVerbs, knowledgeBases, markup, language, maxDocumentSize, maxProblems)");
//! ```
//!
//! This module is pure: the file system is read by `lsp/` and `cli/`.

pub mod glob;
mod parse;
pub mod schema;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::{ByteRange, Severity};
use crate::markup::Markup;

pub use parse::{from_json, parse_layer};

/// The name of the project config file.
pub const FILE_NAME: &str = ".copydesk.toml";

/// The config file version this copydesk reads.
pub const VERSION: i64 = 1;

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Information,
    Hint,
    Off,
}

impl RuleLevel {
    pub const ALL: [RuleLevel; 5] = [
        RuleLevel::Error,
        RuleLevel::Warning,
        RuleLevel::Information,
        RuleLevel::Hint,
        RuleLevel::Off,
    ];

    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Off => None,
        }
    }

    pub fn from_severity(s: Severity) -> RuleLevel {
        match s {
            Severity::Error => RuleLevel::Error,
            Severity::Warning => RuleLevel::Warning,
            Severity::Information => RuleLevel::Information,
            Severity::Hint => RuleLevel::Hint,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Error => "error",
            RuleLevel::Warning => "warning",
            RuleLevel::Information => "information",
            RuleLevel::Hint => "hint",
            RuleLevel::Off => "off",
        }
    }

    pub fn from_name(s: &str) -> Option<RuleLevel> {
        RuleLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Markup for the files whose path matches `glob` (see [`glob::matches`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkupGlob {
    pub glob: String,
    pub markup: Markup,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Rule code -> level; rules not named keep their default severity.
    pub rules: BTreeMap<String, RuleLevel>,
    /// A quotation of at least this many words is a quote even without a speaker.
    pub quote_min_words: usize,
    /// Speech verbs added to the built-in list (base forms: "quip").
    pub speech_verbs: Vec<String>,
    /// User knowledge-base files (TOML). The loaders make relative paths
    /// absolute against the config file's directory (or the workspace root
    /// for editor settings).
    pub knowledge_bases: Vec<String>,
    /// Markup by glob, overriding the file extension; the longest matching
    /// glob wins.
    pub markup: Vec<MarkupGlob>,
    pub language: String,
    /// Documents longer than this many bytes are not checked: their
    /// analysis is one `document-too-large` finding. 0: no limit.
    pub max_document_size: usize,
    /// The most findings an editor is sent for one document, the most
    /// serious first (see [`crate::analysis::shown`]); a note says how many
    /// more there are. 0: no limit. The command line reports every finding.
    pub max_problems: usize,
}

/// The default [`Config::max_document_size`]: 8 MB (a long book is about 1 MB).
pub const DEFAULT_MAX_DOCUMENT_SIZE: usize = 8_000_000;

/// The default [`Config::max_problems`]. A real article has a few dozen
/// findings at most; a document with thousands is not copy (a run of quote
/// marks gives one per mark), and sending them all would stall the editor.
pub const DEFAULT_MAX_PROBLEMS: usize = 1000;

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: BTreeMap::new(),
            quote_min_words: 4,
            speech_verbs: Vec::new(),
            knowledge_bases: Vec::new(),
            markup: Vec::new(),
            language: "en".to_string(),
            max_document_size: DEFAULT_MAX_DOCUMENT_SIZE,
            max_problems: DEFAULT_MAX_PROBLEMS,
        }
    }
}

impl Config {
    /// The severity of `code` under this config, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }

    /// True when `len` bytes are over [`Config::max_document_size`] (0
    /// means no limit): such a document is not analysed.
    pub fn is_too_large(&self, len: usize) -> bool {
        self.max_document_size != 0 && len > self.max_document_size
    }

    /// The markup a `markup` glob assigns to `path`, if any: the longest
    /// matching glob wins.
    pub fn markup_for(&self, path: &str) -> Option<Markup> {
        self.markup
            .iter()
            .filter(|g| glob::matches(&g.glob, path))
            .max_by_key(|g| g.glob.len())
            .map(|g| g.markup)
    }

    /// The markup of `path`: a `markup` glob when one matches, else by
    /// extension (Markdown for `.md`, `.markdown`, `.mdx`).
    pub fn markup_of_path(&self, path: &str) -> Markup {
        self.markup_for(path)
            .unwrap_or_else(|| Markup::from_path_or_language(path))
    }
}

/// What a setting holds; drives both the parser and the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The config file version (an integer, [`VERSION`]).
    Version,
    /// Table: rule code -> level.
    Rules,
    /// A whole number of at least `min`.
    Count { min: i64 },
    /// A list of non-empty strings.
    Strings,
    /// Table: glob -> markup.
    MarkupGlobs,
    /// A language code out of `supported`.
    Language { supported: &'static [&'static str] },
}

/// One setting: its key (the same in `.copydesk.toml` and in editor
/// settings under `copydesk.`), what it holds and what it is for.
#[derive(Debug, Clone, Copy)]
pub struct SettingInfo {
    pub key: &'static str,
    pub kind: Kind,
    pub description: &'static str,
}

/// Every setting, in the order the docs show them.
pub static SETTINGS: &[SettingInfo] = &[
    SettingInfo {
        key: "version",
        kind: Kind::Version,
        description: "Version of the config format. Only 1 exists; a file without it is read as version 1.",
    },
    SettingInfo {
        key: "rules",
        kind: Kind::Rules,
        description: "Level of each rule by code: error, warning, information, hint, or off. Rules not named keep their default.",
    },
    SettingInfo {
        key: "quoteMinWords",
        kind: Kind::Count { min: 1 },
        description: "A quotation of at least this many words is a quote that needs a source even when no speaker stands by it; shorter ones without a speaker are terms.",
    },
    SettingInfo {
        key: "speechVerbs",
        kind: Kind::Strings,
        description: "Speech verbs to add to the built-in list, in their base form (\"quip\", \"concede\").",
    },
    SettingInfo {
        key: "knowledgeBases",
        kind: Kind::Strings,
        description: "Knowledge-base files (TOML) with your own actors. Relative paths start at the config file's folder (or the workspace root for editor settings).",
    },
    SettingInfo {
        key: "markup",
        kind: Kind::MarkupGlobs,
        description: "Markup by file glob, overriding the extension: \"markdown\" or \"plaintext\". A glob without / matches the file name; the longest matching glob wins.",
    },
    SettingInfo {
        key: "language",
        kind: Kind::Language { supported: &["en"] },
        description: "Language of the copy. Only English (\"en\") for now.",
    },
    SettingInfo {
        key: "maxDocumentSize",
        kind: Kind::Count { min: 0 },
        description: "Largest document checked, in bytes (default 8000000, 8 MB; a long book is about 1 MB). A longer one gets a single document-too-large finding instead of a slow check. 0: no limit.",
    },
    SettingInfo {
        key: "maxProblems",
        kind: Kind::Count { min: 0 },
        description: "Most findings shown in the editor for one document (default 1000): errors first, then warnings, information and hints, and a note says how many more there are. 0: no limit. copydesk check always reports every finding.",
    },
];

/// The setting with this key.
pub fn setting(key: &str) -> Option<&'static SettingInfo> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// What kind of problem a [`ConfigError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The text is not valid TOML (or the settings not a JSON object).
    Syntax,
    UnknownKey,
    UnknownRule,
    /// The value has the wrong type (a string where a number belongs).
    BadType,
    /// The value has the right type but is not allowed.
    BadValue,
}

/// A problem in a config file or in editor settings. `line` and `column`
/// are 1-based (column in characters); both are 0 for editor settings,
/// which have no lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The dotted key the problem is about (`rules.unattributed-quote`), or
    /// empty for a syntax error outside any key.
    pub key: String,
    pub message: String,
    pub kind: ErrorKind,
    /// Byte range in the file's text, when known.
    pub range: Option<ByteRange>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// True when the errors mean the file could not be read as a config at
/// all (a syntax error): a reload should then keep the last good config.
pub fn is_fatal(errors: &[ConfigError]) -> bool {
    errors.iter().any(|e| e.kind == ErrorKind::Syntax)
}

/// One source of settings, every key optional. `lines` holds the 1-based
/// line of each key set (`quoteMinWords`, `rules.unattributed-quote`) when
/// the layer came from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    pub version: Option<i64>,
    pub rules: BTreeMap<String, RuleLevel>,
    pub quote_min_words: Option<usize>,
    pub speech_verbs: Option<Vec<String>>,
    pub knowledge_bases: Option<Vec<String>>,
    pub markup: Option<Vec<MarkupGlob>>,
    pub language: Option<String>,
    pub max_document_size: Option<usize>,
    pub max_problems: Option<usize>,
    pub lines: BTreeMap<String, usize>,
}

impl Layer {
    /// Make relative knowledge-base paths absolute against `base` (the
    /// config file's folder or the workspace root). Pure path arithmetic.
    pub fn resolve_paths(&mut self, base: &Path) {
        if let Some(kbs) = &mut self.knowledge_bases {
            for p in kbs.iter_mut() {
                if Path::new(p.as_str()).is_relative() {
                    *p = base.join(p.as_str()).to_string_lossy().into_owned();
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Layer::default()
    }
}

/// Where a value of the effective config came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum Origin {
    Default,
    /// A config file, and the line of the key (0 when unknown).
    File {
        path: String,
        line: usize,
    },
    /// Editor settings (initializationOptions or workspace configuration).
    Editor,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File { path, line: 0 } => write!(f, "{path}"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Editor => write!(f, "editor settings"),
        }
    }
}

/// Which source a layer is, for [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(String),
    Editor,
}

/// The merged config and the origin of each value, keyed by setting key
/// and by `rules.<code>` for every rule in the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub config: Config,
    pub origins: BTreeMap<String, Origin>,
}

/// Merge layers over the defaults; later layers win. Lists and the markup
/// table are replaced whole; `rules` is merged rule by rule.
pub fn resolve(layers: &[(Source, &Layer)]) -> Effective {
    let mut config = Config::default();
    let mut origins = BTreeMap::new();
    for s in SETTINGS {
        if s.kind != Kind::Rules {
            origins.insert(s.key.to_string(), Origin::Default);
        }
    }
    for r in crate::rules::RULES {
        origins.insert(format!("rules.{}", r.info.code), Origin::Default);
    }
    for (source, layer) in layers {
        let origin = |key: &str| match source {
            Source::File(path) => Origin::File {
                path: path.clone(),
                line: layer.lines.get(key).copied().unwrap_or(0),
            },
            Source::Editor => Origin::Editor,
        };
        if layer.version.is_some() {
            origins.insert("version".into(), origin("version"));
        }
        for (code, level) in &layer.rules {
            config.rules.insert(code.clone(), *level);
            let key = format!("rules.{code}");
            origins.insert(key.clone(), origin(&key));
        }
        if let Some(n) = layer.quote_min_words {
            config.quote_min_words = n;
            origins.insert("quoteMinWords".into(), origin("quoteMinWords"));
        }
        if let Some(v) = &layer.speech_verbs {
            config.speech_verbs = v.clone();
            origins.insert("speechVerbs".into(), origin("speechVerbs"));
        }
        if let Some(v) = &layer.knowledge_bases {
            config.knowledge_bases = v.clone();
            origins.insert("knowledgeBases".into(), origin("knowledgeBases"));
        }
        if let Some(v) = &layer.markup {
            config.markup = v.clone();
            origins.insert("markup".into(), origin("markup"));
        }
        if let Some(v) = &layer.language {
            config.language = v.clone();
            origins.insert("language".into(), origin("language"));
        }
        if let Some(n) = layer.max_document_size {
            config.max_document_size = n;
            origins.insert("maxDocumentSize".into(), origin("maxDocumentSize"));
        }
        if let Some(n) = layer.max_problems {
            config.max_problems = n;
            origins.insert("maxProblems".into(), origin("maxProblems"));
        }
    }
    Effective { config, origins }
}

/// Parse the text of a config file named `file_name` into a config (over
/// the defaults) and the problems found; what could be read still applies.
pub fn parse(file_name: &str, text: &str) -> (Config, Vec<ConfigError>) {
    let (layer, errors) = parse_layer(file_name, text);
    let effective = resolve(&[(Source::File(file_name.to_string()), &layer)]);
    (effective.config, errors)
}

/// The settings of `config` under their keys, every rule listed with its
/// level (defaults filled in): what `copydesk config --print` shows.
pub fn settings_json(config: &Config) -> serde_json::Value {
    let rules: serde_json::Map<String, serde_json::Value> = crate::rules::RULES
        .iter()
        .map(|r| {
            let level = config
                .rules
                .get(r.info.code)
                .copied()
                .unwrap_or(RuleLevel::from_severity(r.info.default_severity));
            (r.info.code.to_string(), serde_json::json!(level.as_str()))
        })
        .collect();
    let markup: serde_json::Map<String, serde_json::Value> = config
        .markup
        .iter()
        .map(|g| {
            (
                g.glob.clone(),
                serde_json::json!(if g.markup == Markup::Markdown {
                    "markdown"
                } else {
                    "plaintext"
                }),
            )
        })
        .collect();
    serde_json::json!({
        "version": VERSION,
        "rules": rules,
        "quoteMinWords": config.quote_min_words,
        "speechVerbs": config.speech_verbs,
        "knowledgeBases": config.knowledge_bases,
        "markup": markup,
        "language": config.language,
        "maxDocumentSize": config.max_document_size,
        "maxProblems": config.max_problems,
    })
}

/// Where to look for the config of the document at `path`, nearest first:
/// `.copydesk.toml` in its folder, then in each folder above it.
pub fn candidate_paths(path: &Path) -> Vec<PathBuf> {
    path.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .map(|dir| dir.join(FILE_NAME))
        .collect()
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = crate::text::floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_win_and_origins_say_so() {
        let (file, errors) = parse_layer("/news/.copydesk.toml", "quoteMinWords = 6\nspeechVerbs = [\"quip\"]\n[rules]\nunattributed-quote = \"error\"\nname-misspelling = \"off\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        let (editor, errors) = from_json(
            "editor settings",
            &serde_json::json!({"quoteMinWords": 8, "rules": {"name-misspelling": "hint"}}),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let e = resolve(&[
            (Source::File("/news/.copydesk.toml".into()), &file),
            (Source::Editor, &editor),
        ]);
        assert_eq!(e.config.quote_min_words, 8);
        assert_eq!(e.config.speech_verbs, vec!["quip"]);
        assert_eq!(e.config.rules["unattributed-quote"], RuleLevel::Error);
        assert_eq!(e.config.rules["name-misspelling"], RuleLevel::Hint);
        assert_eq!(e.origins["quoteMinWords"], Origin::Editor);
        assert_eq!(
            e.origins["speechVerbs"],
            Origin::File {
                path: "/news/.copydesk.toml".into(),
                line: 2
            }
        );
        assert_eq!(
            e.origins["rules.unattributed-quote"],
            Origin::File {
                path: "/news/.copydesk.toml".into(),
                line: 4
            }
        );
        assert_eq!(e.origins["rules.name-misspelling"], Origin::Editor);
        assert_eq!(e.origins["language"], Origin::Default);
        assert_eq!(e.origins["rules.inconsistent-name"], Origin::Default);
    }

    #[test]
    fn candidates_walk_up_from_the_document() {
        let c = candidate_paths(Path::new("/a/b/story.md"));
        assert_eq!(
            c,
            vec![
                PathBuf::from("/a/b/.copydesk.toml"),
                PathBuf::from("/a/.copydesk.toml"),
                PathBuf::from("/.copydesk.toml")
            ]
        );
    }

    #[test]
    fn markup_globs_longest_wins() {
        let c = Config {
            markup: vec![
                MarkupGlob {
                    glob: "*.txt".into(),
                    markup: Markup::Markdown,
                },
                MarkupGlob {
                    glob: "wire/**/*.txt".into(),
                    markup: Markup::PlainText,
                },
            ],
            ..Config::default()
        };
        assert_eq!(c.markup_of_path("/x/story.txt"), Markup::Markdown);
        assert_eq!(c.markup_of_path("/x/wire/ap/story.txt"), Markup::PlainText);
        assert_eq!(c.markup_of_path("/x/story.md"), Markup::Markdown);
        assert_eq!(c.markup_of_path("/x/story.rst"), Markup::PlainText);
    }

    #[test]
    fn line_columns_count_characters() {
        let t = "ab\n“é” x";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        assert_eq!(line_column(t, t.find('x').unwrap()), (2, 5));
        assert_eq!(line_column(t, 999), (2, 6));
    }

    #[test]
    fn relative_knowledge_bases_start_at_the_config_folder() {
        let (mut layer, _) = from_json(
            "e",
            &serde_json::json!({"knowledgeBases": ["kb/local.toml", "/abs.toml"]}),
        );
        layer.resolve_paths(Path::new("/news"));
        assert_eq!(
            layer.knowledge_bases.unwrap(),
            vec!["/news/kb/local.toml", "/abs.toml"]
        );
    }
}
