//! File globs for the `markup` setting.
//!
//! `*` matches within one path segment, `**` across segments, `?` one
//! character, `{a,b}` either alternative. A glob without `/` is matched
//! against the file name alone (`*.txt`); a glob with `/` against the end of
//! the path at a folder boundary (`wire/*.txt` matches `/news/wire/a.txt`).
//! Paths use `/`; backslashes are treated as `/`.
//!
//! ```
//! use copydesk::config::glob::matches;
//! assert!(matches("*.txt", "/news/story.txt"));
//! assert!(matches("drafts/**/*.{md,txt}", "/news/drafts/2026/a.txt"));
//! assert!(!matches("drafts/*.txt", "/news/drafts/2026/a.txt"));
//! ```

/// Why `glob` cannot be used, if it cannot.
pub fn validate(glob: &str) -> Result<(), &'static str> {
    if glob.trim().is_empty() {
        return Err("it is empty");
    }
    let mut depth = 0i32;
    for c in glob.chars() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return Err("a } closes nothing");
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        return Err("a { is never closed");
    }
    Ok(())
}

/// True when `path` matches `glob` (see the module docs).
pub fn matches(glob: &str, path: &str) -> bool {
    if validate(glob).is_err() {
        return false;
    }
    let path = path.replace('\\', "/");
    let glob = glob.replace('\\', "/");
    let glob = glob.trim_start_matches("./");
    let pattern: Vec<char> = glob.chars().collect();
    if !glob.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(&path);
        return match_here(&pattern, &name.chars().collect::<Vec<_>>());
    }
    let anchored = glob.starts_with('/');
    let chars: Vec<char> = path.chars().collect();
    if anchored {
        return match_here(&pattern, &chars);
    }
    // Try the glob at the start and after every `/`.
    (0..chars.len())
        .filter(|&i| i == 0 || chars[i - 1] == '/')
        .any(|i| match_here(&pattern, &chars[i..]))
}

fn match_here(p: &[char], s: &[char]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some('*') if p.get(1) == Some(&'*') => {
            // `**/` may match nothing at all.
            let rest = if p.get(2) == Some(&'/') {
                &p[3..]
            } else {
                &p[2..]
            };
            (0..=s.len()).any(|i| match_here(rest, &s[i..]))
                || (p.get(2) == Some(&'/') && match_here(&p[2..], s))
        }
        Some('*') => {
            let rest = &p[1..];
            for i in 0..=s.len() {
                if match_here(rest, &s[i..]) {
                    return true;
                }
                if i < s.len() && s[i] == '/' {
                    break;
                }
            }
            false
        }
        Some('?') => !s.is_empty() && s[0] != '/' && match_here(&p[1..], &s[1..]),
        Some('{') => {
            let Some(close) = closing_brace(p) else {
                return false;
            };
            let tail = &p[close + 1..];
            split_alternatives(&p[1..close]).into_iter().any(|alt| {
                let mut candidate: Vec<char> = alt.to_vec();
                candidate.extend_from_slice(tail);
                match_here(&candidate, s)
            })
        }
        Some(&c) => !s.is_empty() && s[0] == c && match_here(&p[1..], &s[1..]),
    }
}

fn closing_brace(p: &[char]) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in p.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn split_alternatives(inner: &[char]) -> Vec<&[char]> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(matches("*.txt", "story.txt"));
        assert!(matches("*.txt", "/a/b/story.txt"));
        assert!(!matches("*.txt", "/a/b/story.md"));
        assert!(matches("story.?xt", "/a/story.txt"));
        assert!(matches("wire/*.txt", "/news/wire/a.txt"));
        assert!(!matches("wire/*.txt", "/news/wire/ap/a.txt"));
        assert!(matches("wire/**/*.txt", "/news/wire/ap/a.txt"));
        assert!(matches("wire/**/*.txt", "/news/wire/a.txt"));
        assert!(matches("**/*.txt", "a.txt"));
        assert!(matches("*.{md,txt}", "a.md"));
        assert!(!matches("*.{md,txt}", "a.rst"));
        assert!(!matches("ire/*.txt", "/news/wire/a.txt"));
        assert!(matches("/news/**", "/news/x/y.md"));
        assert!(matches("wire\\*.txt", "C:\\news\\wire\\a.txt"));
        assert!(!matches("{a", "a"));
    }

    #[test]
    fn validation() {
        assert_eq!(validate(""), Err("it is empty"));
        assert_eq!(validate("a}"), Err("a } closes nothing"));
        assert_eq!(validate("{a,b}"), Ok(()));
    }
}
