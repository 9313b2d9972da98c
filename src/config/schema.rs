//! The JSON Schema (draft 2020-12) of the settings, generated from
//! [`SETTINGS`] and the rule registry, so the docs, `copydesk config
//! --schema` and the VS Code extension's settings never drift apart.
//!
//! Every property of the top-level object is one setting key; an editor
//! prefixes it with `copydesk.` (`copydesk.quoteMinWords`,
//! `copydesk.rules`). Each rule is a property of `rules` with its default
//! severity and description.

use serde_json::{json, Map, Value};

use super::{Config, Kind, RuleLevel, SETTINGS, VERSION};
use crate::rules::RULES;

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of a `.copydesk.toml` file and of the `copydesk` editor section.
pub fn json_schema() -> Value {
    let defaults = Config::default();
    let mut properties = Map::new();
    for s in SETTINGS {
        let mut p = match s.kind {
            Kind::Version => json!({"type": "integer", "enum": [VERSION], "default": VERSION}),
            Kind::Rules => rules_schema(),
            Kind::Count { min } => {
                let default = match s.key {
                    "quoteMinWords" => json!(defaults.quote_min_words),
                    "maxDocumentSize" => json!(defaults.max_document_size),
                    "maxProblems" => json!(defaults.max_problems),
                    _ => Value::Null,
                };
                json!({"type": "integer", "minimum": min, "default": default})
            }
            Kind::Strings => {
                json!({"type": "array", "items": {"type": "string", "minLength": 1}, "default": []})
            }
            Kind::MarkupGlobs => json!({
                "type": "object",
                "additionalProperties": {"type": "string", "enum": ["markdown", "plaintext"]},
                "default": {}
            }),
            Kind::Language { supported } => {
                json!({"type": "string", "enum": supported, "default": defaults.language})
            }
        };
        p["description"] = json!(s.description);
        properties.insert(s.key.to_string(), p);
    }
    json!({
        "$schema": DIALECT,
        "$id": "https://copydesk.dev/schema/config-v1.json",
        "title": "copydesk settings",
        "description": "Settings of copydesk, in a .copydesk.toml file or in the editor under copydesk.<key>. Editor settings override the file.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    })
}

fn rules_schema() -> Value {
    let levels: Vec<_> = RuleLevel::ALL.iter().map(|l| l.as_str()).collect();
    let mut rules = Map::new();
    for r in RULES {
        rules.insert(
            r.info.code.to_string(),
            json!({
                "type": "string",
                "enum": levels,
                "default": r.info.default_severity.as_str(),
                "description": r.info.description,
            }),
        );
    }
    json!({"type": "object", "additionalProperties": false, "properties": rules, "default": {}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_and_rule_is_in_the_schema() {
        let s = json_schema();
        assert_eq!(s["$schema"], DIALECT);
        for setting in SETTINGS {
            assert!(
                s["properties"][setting.key]["description"].is_string(),
                "{}",
                setting.key
            );
        }
        for r in RULES {
            let p = &s["properties"]["rules"]["properties"][r.info.code];
            assert_eq!(p["default"], r.info.default_severity.as_str());
            assert_eq!(p["description"], r.info.description);
        }
        assert_eq!(s["properties"]["quoteMinWords"]["default"], 4);
        assert_eq!(s["properties"]["maxDocumentSize"]["default"], 8_000_000);
        assert_eq!(s["properties"]["maxDocumentSize"]["minimum"], 0);
        assert_eq!(s["properties"]["maxProblems"]["default"], 1000);
        assert_eq!(s["properties"]["maxProblems"]["minimum"], 0);
    }
}
