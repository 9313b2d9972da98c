//! The speech-verb list (`data/speech_verbs.txt`) and its inflections.

use crate::text::hash::FastSet as HashSet;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/speech_verbs.txt");

/// Every built-in speech verb form, lower case.
pub fn builtin() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::default();
        for line in DATA.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            if let Some(base) = words.next() {
                set.extend(inflect(base));
            }
            set.extend(words.map(str::to_string));
        }
        set
    })
}

/// The base form and its regular inflections: `argue` -> argues, argued, arguing.
pub fn inflect(base: &str) -> Vec<String> {
    let base = base.to_lowercase();
    let mut out = vec![base.clone()];
    let consonant_y = base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
        && !base.ends_with("uy");
    let stem_y = base.strip_suffix('y').unwrap_or(&base);
    // Third person.
    if consonant_y {
        out.push(format!("{stem_y}ies"));
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        out.push(format!("{base}es"));
    } else {
        out.push(format!("{base}s"));
    }
    // Past.
    if base.ends_with('e') {
        out.push(format!("{base}d"));
    } else if consonant_y {
        out.push(format!("{stem_y}ied"));
    } else {
        out.push(format!("{base}ed"));
    }
    // Present participle.
    if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        out.push(format!("{}ing", &base[..base.len() - 1]));
    } else {
        out.push(format!("{base}ing"));
    }
    out
}

/// A lookup of speech verbs: the built-in list plus the config's extras.
pub struct Verbs<'a> {
    extra: HashSet<String>,
    builtin: &'a HashSet<String>,
}

impl Verbs<'static> {
    pub fn new(extra: &[String]) -> Self {
        Verbs {
            extra: extra.iter().flat_map(|v| inflect(v.trim())).collect(),
            builtin: builtin(),
        }
    }
}

impl Verbs<'_> {
    /// Whether `word` (as written) is a speech verb form. Capitalised words
    /// are not (`States`), except at a sentence's start, which callers handle.
    pub fn contains(&self, word: &str) -> bool {
        if word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        self.builtin.contains(word) || self.extra.contains(word)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn inflecting_a_verb_ending_in_a_multibyte_character_does_not_panic() {
        // Found by the config fuzz target (issue 9): speechVerbs = ["eޛ"].
        assert_eq!(
            super::inflect("eޛ")[..2],
            ["eޛ".to_string(), "eޛs".to_string()]
        );
        assert_eq!(super::inflect("épié")[1], "épiés");
    }

    use super::*;

    #[test]
    fn list_is_large_and_inflected() {
        let set = builtin();
        let bases = DATA
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert!(bases >= 100, "{bases} verbs");
        for w in [
            "say",
            "says",
            "said",
            "saying",
            "told",
            "added",
            "admitted",
            "insisted",
            "warns",
            "wrote",
            "noted",
            "argued",
            "explaining",
            "replied",
            "cries",
            "asked",
        ] {
            assert!(set.contains(w), "{w}");
        }
    }

    #[test]
    fn config_verbs_are_inflected() {
        let v = Verbs::new(&["quip".to_string(), "harrumph".to_string()]);
        assert!(v.contains("harrumphed"));
        assert!(v.contains("quipped"));
        assert!(!v.contains("States"));
    }
}
