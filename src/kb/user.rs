//! User knowledge bases: `.copydesk/actors.toml` (and any file in the same
//! format), parsed purely from text. The format is the one of
//! `data/curated.toml`:
//!
//! ```toml
//! [[actor]]
//! id = "person/jane-doe"          # optional: made from kind and name
//! kind = "person"                 # person, organization, country, place, group, body
//! name = "Jane Doe"
//! aliases = ["Doe"]               # optional
//! description = "Mayor of Springfield."
//! country = "us"                  # optional
//! surname = "Doe"                 # optional, people only
//! surname_alone = true            # optional: "Doe" alone names her
//! ```

use serde::Deserialize;

use super::{Actor, ActorKind};

/// A problem in a user file: which file, which line (1-based), what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for KbError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    actor: Vec<toml::Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: Option<String>,
    kind: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    description: String,
    country: Option<String>,
    surname: Option<String>,
    #[serde(default)]
    surname_alone: bool,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parse a user actors file. `source_name` names the file in errors and in
/// each actor's `source`.
pub fn parse(source_name: &str, text: &str) -> Result<Vec<Actor>, KbError> {
    let err = |line: usize, message: String| KbError {
        file: source_name.to_string(),
        line,
        message,
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        err(line, e.message().trim().to_string())
    })?;
    let mut out = Vec::with_capacity(file.actor.len());
    // The actors come in the order of the file: each one's line is counted
    // on from the one before (from the start each time, a file of
    // thousands of actors took seconds to read).
    let (mut at, mut lines) = (0usize, 1usize);
    for spanned in file.actor {
        let start = spanned.span().start.min(text.len());
        let line = if start >= at {
            lines += text[at..start].matches('\n').count();
            at = start;
            lines
        } else {
            line_of(text, start)
        };
        let e = spanned.into_inner();
        let Some(kind) = ActorKind::parse(e.kind.trim()) else {
            return Err(err(
                line,
                format!(
                    "unknown kind \"{}\" for \"{}\": use person, organization, country, place, group or body",
                    e.kind, e.name
                ),
            ));
        };
        let name = e.name.trim().to_string();
        if name.is_empty() {
            return Err(err(line, "an actor has an empty name".to_string()));
        }
        let id =
            e.id.unwrap_or_else(|| format!("{}/{}", kind.as_str(), slug(&name)));
        let mut aliases: Vec<String> = e
            .aliases
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let surname = e
            .surname
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(s) = &surname {
            if !aliases.contains(s) {
                aliases.push(s.clone());
            }
        }
        out.push(Actor {
            id,
            kind,
            name,
            aliases,
            description: e.description.trim().to_string(),
            source: source_name.to_string(),
            country: e.country.map(|c| c.to_lowercase()),
            surname,
            surname_alone: e.surname_alone,
        });
    }
    Ok(out)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
