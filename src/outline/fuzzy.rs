//! Fuzzy matching for workspace symbols: a query matches a name when its
//! letters appear in the name in order (a subsequence, ignoring case and
//! spaces in the query); matches are ranked so that whole words and
//! prefixes come first.
//!
//! ```
//! use copydesk::outline::fuzzy::{rank, score};
//! assert!(score("hisi", "How Iran Seized Iraq").is_some());
//! assert!(score("xyz", "How Iran Seized Iraq").is_none());
//! let names = ["Win hearts and minds", "Watling", "Jack Watling"];
//! assert_eq!(rank("watl", names.iter().map(|n| (*n, *n))), ["Watling", "Jack Watling"]);
//! ```

/// The score of `name` for `query`, higher is better; `None` when the
/// query is not a subsequence of the name. An empty query matches anything
/// with score 0.
pub fn score(query: &str, name: &str) -> Option<i64> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    let chars: Vec<char> = name.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut score: i64 = 0;
    let mut qi = 0;
    let mut last: Option<usize> = None;
    for (i, &c) in lower.iter().enumerate() {
        if qi == query.len() {
            break;
        }
        if c != query[qi] {
            continue;
        }
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        score += 1;
        if word_start {
            score += 8;
        }
        match last {
            Some(l) if l + 1 == i => score += 5,
            Some(l) => score -= ((i - l - 1) as i64).min(5),
            None => score -= (i as i64).min(10),
        }
        last = Some(i);
        qi += 1;
    }
    if qi < query.len() {
        return None;
    }
    // Whole-name and substring matches first, then shorter names.
    let flat: String = lower.iter().filter(|c| !c.is_whitespace()).collect();
    let q: String = query.iter().collect();
    if flat == q {
        score += 100;
    } else if flat.starts_with(&q) {
        score += 30;
    } else if flat.contains(&q) {
        score += 15;
    }
    Some(score * 1000 - chars.len() as i64)
}

/// The items whose name matches `query`, best first (stable for equal
/// scores).
pub fn rank<'a, T>(query: &str, items: impl IntoIterator<Item = (T, &'a str)>) -> Vec<T> {
    let mut scored: Vec<(i64, usize, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, (item, name))| score(query, name).map(|s| (s, i, item)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, item)| item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_ignoring_case_and_spaces() {
        assert!(score("HOW IRAN", "How Iran Seized Iraq").is_some());
        assert!(score("trmp", "Trump sends mixed messages").is_some());
        assert!(score("pmt", "Trump").is_none());
        assert_eq!(score("", "anything"), Some(0));
    }

    #[test]
    fn ranking_prefers_exact_prefix_and_word_starts() {
        let names = [
            "Hiltermann",
            "Joost Hiltermann",
            "How Iran Seized Iraq",
            "history",
        ];
        assert_eq!(
            rank("hiltermann", names.iter().map(|n| (*n, *n))),
            ["Hiltermann", "Joost Hiltermann"]
        );
        assert_eq!(rank("his", names.iter().map(|n| (*n, *n)))[0], "history");
        // Word starts beat letters scattered inside words.
        assert_eq!(
            rank(
                "wm",
                ["swimming", "Win hearts and minds"]
                    .iter()
                    .map(|n| (*n, *n))
            )[0],
            "Win hearts and minds"
        );
    }
}
