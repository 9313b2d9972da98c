//! Reading settings from TOML text (a `.copydesk.toml`) or from JSON (editor
//! settings) into a [`Layer`]. Both are first turned into one small tree of
//! [`Node`]s with optional byte spans, so the checks and the messages are
//! the same for both.

use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{
    glob, line_column, setting, ConfigError, ErrorKind, Kind, Layer, MarkupGlob, RuleLevel,
    SETTINGS, VERSION,
};
use crate::analysis::ByteRange;
use crate::markup::Markup;

enum Value_ {
    Str(String),
    Int(i64),
    Float,
    Bool,
    Datetime,
    Null,
    Array(Vec<Node>),
    Table(Vec<(String, Option<ByteRange>, Node)>),
}

struct Node {
    value: Value_,
    span: Option<ByteRange>,
}

impl Node {
    fn type_name(&self) -> &'static str {
        match self.value {
            Value_::Str(_) => "a string",
            Value_::Int(_) => "a number",
            Value_::Float => "a decimal number",
            Value_::Bool => "true or false",
            Value_::Datetime => "a date",
            Value_::Null => "null",
            Value_::Array(_) => "a list",
            Value_::Table(_) => "a table",
        }
    }
}

fn from_toml(v: &Spanned<DeValue<'_>>) -> Node {
    let span = Some(v.span());
    let value = match v.get_ref() {
        DeValue::String(s) => Value_::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value_::Int(n),
            Err(_) => Value_::Float,
        },
        DeValue::Float(_) => Value_::Float,
        DeValue::Boolean(_) => Value_::Bool,
        DeValue::Datetime(_) => Value_::Datetime,
        DeValue::Array(a) => Value_::Array(a.iter().map(from_toml).collect()),
        DeValue::Table(t) => Value_::Table(table_from_toml(t)),
    };
    Node { value, span }
}

fn table_from_toml(t: &DeTable<'_>) -> Vec<(String, Option<ByteRange>, Node)> {
    let mut entries: Vec<_> = t
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), Some(k.span()), from_toml(v)))
        .collect();
    entries.sort_by_key(|(_, span, _)| span.as_ref().map_or(0, |s| s.start));
    entries
}

fn from_json_value(v: &Value) -> Node {
    let value = match v {
        Value::String(s) => Value_::Str(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Value_::Int(i),
            None => Value_::Float,
        },
        Value::Bool(_) => Value_::Bool,
        Value::Null => Value_::Null,
        Value::Array(a) => Value_::Array(a.iter().map(from_json_value).collect()),
        Value::Object(o) => Value_::Table(
            o.iter()
                .map(|(k, v)| (k.clone(), None, from_json_value(v)))
                .collect(),
        ),
    };
    Node { value, span: None }
}

/// Parse the text of a config file into a layer and the problems found.
/// A syntax error (a truncated file) is reported with its line; whatever
/// TOML could still be read is applied.
pub fn parse_layer(file_name: &str, text: &str) -> (Layer, Vec<ConfigError>) {
    let mut reader = Reader {
        file: file_name,
        text: Some(text),
        layer: Layer::default(),
        errors: Vec::new(),
    };
    let (table, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let range = e.span();
        let message = e.message().trim().trim_end_matches('.');
        let message = if message.is_empty() {
            "unexpected text"
        } else {
            message
        };
        reader.error(
            ErrorKind::Syntax,
            "",
            range,
            format!("this is not valid TOML: {message}"),
        );
    }
    reader.top(&table_from_toml(table.get_ref()));
    let mut errors = reader.errors;
    errors.sort_by_key(|e| (e.line, e.column));
    (reader.layer, errors)
}

/// Read editor settings (the `copydesk` section of initializationOptions
/// or of the workspace configuration) into a layer. `null` means no
/// settings. Errors name `source` and the key, without lines.
pub fn from_json(source: &str, settings: &Value) -> (Layer, Vec<ConfigError>) {
    let mut reader = Reader {
        file: source,
        text: None,
        layer: Layer::default(),
        errors: Vec::new(),
    };
    match from_json_value(settings) {
        Node {
            value: Value_::Null,
            ..
        } => {}
        Node {
            value: Value_::Table(t),
            ..
        } => reader.top(&t),
        other => {
            let found = other.type_name();
            reader.error(
                ErrorKind::Syntax,
                "",
                None,
                format!("copydesk settings must be an object of settings; found {found}"),
            )
        }
    }
    (reader.layer, reader.errors)
}

struct Reader<'a> {
    file: &'a str,
    text: Option<&'a str>,
    layer: Layer,
    errors: Vec<ConfigError>,
}

impl Reader<'_> {
    fn error(&mut self, kind: ErrorKind, key: &str, range: Option<ByteRange>, message: String) {
        let (line, column) = match (self.text, &range) {
            (Some(text), Some(r)) => line_column(text, r.start),
            (Some(_), None) => (1, 1),
            (None, _) => (0, 0),
        };
        self.errors.push(ConfigError {
            file: self.file.to_string(),
            line,
            column,
            key: key.to_string(),
            message,
            kind,
            range,
        });
    }

    fn note_line(&mut self, key: &str, span: &Option<ByteRange>) {
        if let (Some(text), Some(r)) = (self.text, span) {
            self.layer
                .lines
                .insert(key.to_string(), line_column(text, r.start).0);
        }
    }

    fn top(&mut self, table: &[(String, Option<ByteRange>, Node)]) {
        for (key, key_span, node) in table {
            let Some(info) = setting(key) else {
                let known: Vec<_> = SETTINGS.iter().map(|s| s.key).collect();
                let hint = suggest(key, &known)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                let list = known.join(", ");
                let message = if hint.is_empty() {
                    format!("unknown setting `{key}` (settings are {list})")
                } else {
                    format!("unknown setting `{key}`{hint}")
                };
                self.error(ErrorKind::UnknownKey, key, key_span.clone(), message);
                continue;
            };
            self.note_line(key, key_span);
            self.setting(info.key, info.kind, node);
        }
    }

    fn bad_type(&mut self, key: &str, node: &Node, want: &str) {
        let found = node.type_name();
        self.error(
            ErrorKind::BadType,
            key,
            node.span.clone(),
            format!("`{key}` must be {want}; found {found}"),
        );
    }

    fn setting(&mut self, key: &str, kind: Kind, node: &Node) {
        match kind {
            Kind::Version => match node.value {
                Value_::Int(VERSION) => self.layer.version = Some(VERSION),
                Value_::Int(n) => self.error(
                    ErrorKind::BadValue,
                    key,
                    node.span.clone(),
                    format!("`version` must be {VERSION}: this copydesk reads version {VERSION} config files; found {n}"),
                ),
                _ => self.bad_type(key, node, "a number"),
            },
            Kind::Count { min } => match node.value {
                Value_::Int(n) if n >= min => {
                    let n = usize::try_from(n).unwrap_or(usize::MAX);
                    match key {
                        "quoteMinWords" => self.layer.quote_min_words = Some(n),
                        "maxDocumentSize" => self.layer.max_document_size = Some(n),
                        "maxProblems" => self.layer.max_problems = Some(n),
                        _ => {}
                    }
                }
                Value_::Int(n) => self.error(ErrorKind::BadValue, key, node.span.clone(), format!("`{key}` must be at least {min}; found {n}")),
                _ => self.bad_type(key, node, "a whole number"),
            },
            Kind::Strings => {
                let Value_::Array(items) = &node.value else {
                    return self.bad_type(key, node, "a list of strings");
                };
                let mut list = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match &item.value {
                        Value_::Str(s) if !s.trim().is_empty() => list.push(s.trim().to_string()),
                        Value_::Str(_) => self.error(ErrorKind::BadValue, &format!("{key}[{i}]"), item.span.clone(), format!("`{key}` item {} is empty", i + 1)),
                        _ => self.bad_type(&format!("{key}[{i}]"), item, "a string"),
                    }
                }
                match key {
                    "speechVerbs" => self.layer.speech_verbs = Some(list),
                    "knowledgeBases" => self.layer.knowledge_bases = Some(list),
                    _ => {}
                }
            }
            Kind::Language { supported } => match &node.value {
                Value_::Str(s) if supported.contains(&s.as_str()) => self.layer.language = Some(s.clone()),
                Value_::Str(s) => self.error(
                    ErrorKind::BadValue,
                    key,
                    node.span.clone(),
                    format!("`language` \"{s}\" is not supported yet; copydesk reads {}", supported.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")),
                ),
                _ => self.bad_type(key, node, "a string"),
            },
            Kind::Rules => {
                let Value_::Table(entries) = &node.value else {
                    return self.bad_type(key, node, "a table of rule = \"level\"");
                };
                let codes: Vec<_> = crate::rules::RULES.iter().map(|r| r.info.code).collect();
                for (code, code_span, level) in entries {
                    let full = format!("rules.{code}");
                    if !codes.contains(&code.as_str()) {
                        let hint = suggest(code, &codes).map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
                        let message = format!("unknown rule `{code}` in `rules` ({hint}rules are {})", codes.join(", "));
                        self.error(ErrorKind::UnknownRule, &full, code_span.clone(), message);
                        continue;
                    }
                    let levels = RuleLevel::ALL.map(RuleLevel::as_str).join(", ");
                    match &level.value {
                        Value_::Str(s) => match RuleLevel::from_name(s) {
                            Some(l) => {
                                self.note_line(&full, code_span);
                                self.layer.rules.insert(code.clone(), l);
                            }
                            None => self.error(ErrorKind::BadValue, &full, level.span.clone(), format!("`{full}` must be one of {levels}; found \"{s}\"")),
                        },
                        _ => self.bad_type(&full, level, &format!("one of {levels}")),
                    }
                }
            }
            Kind::MarkupGlobs => {
                let Value_::Table(entries) = &node.value else {
                    return self.bad_type(key, node, "a table of \"glob\" = \"markdown\" or \"plaintext\"");
                };
                let mut globs = Vec::new();
                for (pattern, pattern_span, value) in entries {
                    let full = format!("markup.\"{pattern}\"");
                    if let Err(why) = glob::validate(pattern) {
                        self.error(ErrorKind::BadValue, &full, pattern_span.clone(), format!("`{pattern}` in `markup` is not a usable glob: {why}"));
                        continue;
                    }
                    match &value.value {
                        Value_::Str(s) => match s.as_str() {
                            "markdown" => globs.push(MarkupGlob { glob: pattern.clone(), markup: Markup::Markdown }),
                            "plaintext" => globs.push(MarkupGlob { glob: pattern.clone(), markup: Markup::PlainText }),
                            other => self.error(ErrorKind::BadValue, &full, value.span.clone(), format!("`{full}` must be \"markdown\" or \"plaintext\"; found \"{other}\"")),
                        },
                        _ => self.bad_type(&full, value, "\"markdown\" or \"plaintext\""),
                    }
                }
                self.layer.markup = Some(globs);
            }
        }
    }
}

/// The known name closest to `word`: the same letters ignoring case, `_`
/// and `-` (`quote_min_words` -> `quoteMinWords`), or within two edits.
fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let w = squash(word);
    if let Some(k) = known.iter().find(|k| squash(k) == w) {
        return Some(k);
    }
    known
        .iter()
        .map(|k| (edit_distance(&w, &squash(k)), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse_layer(".copydesk.toml", text)
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_full_file_reads_cleanly() {
        let text = r#"
version = 1
quoteMinWords = 5
speechVerbs = ["quip", "concede"]
knowledgeBases = ["kb.toml"]
language = "en"

[rules]
unattributed-quote = "error"
quote-mark-spacing = "off"

[markup]
"*.txt" = "markdown"
"#;
        let (layer, errors) = parse_layer(".copydesk.toml", text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(layer.version, Some(1));
        assert_eq!(layer.quote_min_words, Some(5));
        assert_eq!(
            layer.speech_verbs.as_deref(),
            Some(&["quip".to_string(), "concede".to_string()][..])
        );
        assert_eq!(layer.rules["quote-mark-spacing"], RuleLevel::Off);
        assert_eq!(
            layer.markup.as_ref().unwrap()[0],
            MarkupGlob {
                glob: "*.txt".into(),
                markup: Markup::Markdown
            }
        );
        assert_eq!(layer.lines["rules.unattributed-quote"], 9);
    }

    #[test]
    fn unknown_key_names_file_line_and_key_and_the_rest_applies() {
        let (config, errors) = parse(".copydesk.toml", "quoteMinWords = 7\nquote_min_word = 3\n");
        assert_eq!(config.quote_min_words, 7);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, ErrorKind::UnknownKey);
        assert_eq!(errors[0].key, "quote_min_word");
        assert_eq!(
            errors[0].to_string(),
            ".copydesk.toml:2:1: unknown setting `quote_min_word`; did you mean `quoteMinWords`?"
        );
    }

    #[test]
    fn bad_values() {
        assert_eq!(
            messages("[rules]\nunattributed-quote = \"loud\"\n"),
            vec![".copydesk.toml:2:22: `rules.unattributed-quote` must be one of error, warning, information, hint, off; found \"loud\""]
        );
        assert_eq!(
            messages("quoteMinWords = 0"),
            vec![".copydesk.toml:1:17: `quoteMinWords` must be at least 1; found 0"]
        );
        assert_eq!(messages("version = 2"), vec![".copydesk.toml:1:11: `version` must be 1: this copydesk reads version 1 config files; found 2"]);
        assert_eq!(messages("language = \"fr\""), vec![".copydesk.toml:1:12: `language` \"fr\" is not supported yet; copydesk reads \"en\""]);
        assert_eq!(
            messages("[markup]\n\"*.txt\" = \"html\""),
            vec![".copydesk.toml:2:11: `markup.\"*.txt\"` must be \"markdown\" or \"plaintext\"; found \"html\""]
        );
        assert_eq!(
            messages("[markup]\n\"{a\" = \"markdown\""),
            vec![".copydesk.toml:2:1: `{a` in `markup` is not a usable glob: a { is never closed"]
        );
    }

    #[test]
    fn bad_types() {
        assert_eq!(
            messages("quoteMinWords = \"five\""),
            vec![".copydesk.toml:1:17: `quoteMinWords` must be a whole number; found a string"]
        );
        assert_eq!(
            messages("speechVerbs = \"quip\""),
            vec![".copydesk.toml:1:15: `speechVerbs` must be a list of strings; found a string"]
        );
        assert_eq!(
            messages("speechVerbs = [\"quip\", 3]"),
            vec![".copydesk.toml:1:24: `speechVerbs[1]` must be a string; found a number"]
        );
        assert_eq!(
            messages("rules = 3"),
            vec![".copydesk.toml:1:9: `rules` must be a table of rule = \"level\"; found a number"]
        );
        assert_eq!(
            messages("[rules]\nunattributed-quote = 1"),
            vec![".copydesk.toml:2:22: `rules.unattributed-quote` must be one of error, warning, information, hint, off; found a number"]
        );
    }

    #[test]
    fn unknown_rule_code_is_named() {
        let (config, errors) = parse(
            ".copydesk.toml",
            "[rules]\nunatributed-quote = \"off\"\nname-misspelling = \"error\"\n",
        );
        assert_eq!(config.rules.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, ErrorKind::UnknownRule);
        assert_eq!(errors[0].key, "rules.unatributed-quote");
        assert_eq!((errors[0].line, errors[0].column), (2, 1));
        assert!(errors[0].message.starts_with("unknown rule `unatributed-quote` in `rules` (did you mean `unattributed-quote`? rules are context-attributed-quote, "));
    }

    #[test]
    fn truncated_file_is_a_syntax_error_with_a_line() {
        let (layer, errors) = parse_layer(
            ".copydesk.toml",
            "quoteMinWords = 5\n[rules]\nunattributed-quote = \"err",
        );
        let syntax = errors
            .iter()
            .find(|e| e.kind == ErrorKind::Syntax)
            .expect("a syntax error");
        assert_eq!(syntax.line, 3);
        assert_eq!(
            syntax.to_string(),
            ".copydesk.toml:3:26: this is not valid TOML: invalid basic string, expected `\"`"
        );
        assert!(super::super::is_fatal(&errors));
        // What was read before the break still applies.
        assert_eq!(layer.quote_min_words, Some(5));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for text in [
            "",
            "=",
            "[",
            "[[rules]]",
            "rules = []",
            "x.y.z = 1",
            "quoteMinWords = 99999999999999999999",
            "\u{feff}version = 1",
            "[rules]\n\"\" = \"off\"",
            "markup = { \"**\" = \"markdown\" }",
        ] {
            let _ = parse(".copydesk.toml", text);
        }
    }

    #[test]
    fn editor_settings_use_the_same_keys_and_messages() {
        let (layer, errors) = from_json(
            "editor settings",
            &serde_json::json!({"quoteMinWords": "5", "rules": {"unattributed-quote": "off"}, "foo": 1}),
        );
        assert_eq!(layer.rules["unattributed-quote"], RuleLevel::Off);
        let msgs: Vec<_> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            vec![
                "editor settings: unknown setting `foo` (settings are version, rules, quoteMinWords, speechVerbs, knowledgeBases, markup, language, maxDocumentSize, maxProblems)",
                "editor settings: `quoteMinWords` must be a whole number; found a string"
            ]
        );
        assert!(from_json("e", &Value::Null).0.is_empty());
        assert_eq!(
            from_json("e", &serde_json::json!([1])).1[0].kind,
            ErrorKind::Syntax
        );
    }

    #[test]
    fn max_document_size_is_bytes_zero_for_no_limit() {
        let (config, errors) = parse(".copydesk.toml", "maxDocumentSize = 20000000\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.max_document_size, 20_000_000);
        let (config, errors) = parse(".copydesk.toml", "maxDocumentSize = 0\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.max_document_size, 0);
        assert!(!config.is_too_large(usize::MAX));
        let (config, _) = parse(".copydesk.toml", "");
        assert_eq!(config.max_document_size, 8_000_000);
        let (layer, errors) = from_json("e", &serde_json::json!({"maxDocumentSize": 1000}));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(layer.max_document_size, Some(1000));
    }

    #[test]
    fn max_document_size_wrong_type_or_negative() {
        assert_eq!(
            messages("maxDocumentSize = \"8 MB\""),
            vec![".copydesk.toml:1:19: `maxDocumentSize` must be a whole number; found a string"]
        );
        assert_eq!(
            messages("maxDocumentSize = 1.5"),
            vec![".copydesk.toml:1:19: `maxDocumentSize` must be a whole number; found a decimal number"]
        );
        assert_eq!(
            messages("maxDocumentSize = -1"),
            vec![".copydesk.toml:1:19: `maxDocumentSize` must be at least 0; found -1"]
        );
        // A bad value leaves the default in place.
        let (config, _) = parse(".copydesk.toml", "maxDocumentSize = -1");
        assert_eq!(config.max_document_size, 8_000_000);
        let (layer, errors) = from_json(
            "editor settings",
            &serde_json::json!({"maxDocumentSize": -5}),
        );
        assert_eq!(layer.max_document_size, None);
        assert_eq!(
            errors[0].to_string(),
            "editor settings: `maxDocumentSize` must be at least 0; found -5"
        );
    }

    #[test]
    fn max_problems_is_a_count_zero_for_no_limit() {
        let (config, errors) = parse(".copydesk.toml", "");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.max_problems, 1000);
        let (config, errors) = parse(".copydesk.toml", "maxProblems = 0\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.max_problems, 0);
        let (layer, errors) = from_json("e", &serde_json::json!({"maxProblems": 50}));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(layer.max_problems, Some(50));
        assert_eq!(
            messages("maxProblems = \"all\""),
            vec![".copydesk.toml:1:15: `maxProblems` must be a whole number; found a string"]
        );
        assert_eq!(
            messages("maxProblems = -3"),
            vec![".copydesk.toml:1:15: `maxProblems` must be at least 0; found -3"]
        );
        let (config, _) = parse(".copydesk.toml", "maxProblems = -3");
        assert_eq!(config.max_problems, 1000);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("speech_verbs", &["speechVerbs", "rules"]),
            Some("speechVerbs")
        );
        assert_eq!(suggest("rule", &["speechVerbs", "rules"]), Some("rules"));
        assert_eq!(suggest("zzzzzz", &["speechVerbs", "rules"]), None);
    }
}
