//! Settings for one analysis: rule severities, the quote word threshold,
//! extra speech verbs, user knowledge-base files, markup by glob, language.
//! (The config issue adds `.copydesk.toml` loading, the schema and sources.)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Severity;

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
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Hint => Some(Severity::Hint),
            RuleLevel::Off => None,
        }
    }
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
    /// User knowledge-base files (TOML), relative to the workspace root.
    pub knowledge_bases: Vec<String>,
    pub language: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: BTreeMap::new(),
            quote_min_words: 4,
            speech_verbs: Vec::new(),
            knowledge_bases: Vec::new(),
            language: "en".to_string(),
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
}
