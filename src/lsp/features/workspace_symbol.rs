//! `workspace/symbol`: the headings and actors (the actor report's actors,
//! and speakers it does not know) of every article in the
//! workspace, fuzzy-matched against the query (a subsequence match, ranked
//! by [`crate::outline::fuzzy`]).
//!
//! Articles are the open documents (their current text) and the `.md`,
//! `.markdown` and `.txt` files under the workspace folders that are not
//! open. Files are read here, in the LSP layer; the core only sees their
//! text. Symbols of files on disk are cached by path, size and
//! modification time, so repeated queries do not re-analyse the workspace.
//! Hidden folders, `node_modules` and `target` are skipped, and so are files
//! over [`MAX_FILE_BYTES`]; at most [`MAX_FILES`] files are read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use ropey::Rope;
use tower_lsp::lsp_types::*;

use crate::analysis::Analysis;
use crate::config::Config;
use crate::kb::ActorKind;
use crate::kb::KnowledgeBase;
use crate::lsp::snapshot::Snapshot;
use crate::markup::Markup;
use crate::outline::fuzzy;
use crate::text::{Encoding, LineIndex};

/// Files larger than this are not articles (and are not read).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// At most this many files are read from the workspace folders.
pub const MAX_FILES: usize = 5000;
/// At most this many symbols are returned.
pub const MAX_RESULTS: usize = 500;

/// A symbol before ranking: its name, kind, where, and its article.
#[derive(Debug, Clone)]
struct Sym {
    name: String,
    kind: SymbolKind,
    range: Range,
    container: String,
}

/// `open` holds a snapshot of every open document; `roots` the workspace
/// folders to walk for articles that are not open.
pub fn handle(
    open: &[Snapshot],
    roots: &[PathBuf],
    params: &WorkspaceSymbolParams,
) -> Option<Vec<SymbolInformation>> {
    let encoding = open.first().map_or(Encoding::Utf16, |s| s.encoding);
    let kb: Arc<KnowledgeBase> = open
        .first()
        .map_or_else(|| Arc::new(KnowledgeBase::default()), |s| s.kb.clone());
    let config: Arc<Config> = open
        .first()
        .map_or_else(|| Arc::new(Config::default()), |s| s.config.clone());

    let mut all: Vec<(Url, Sym)> = Vec::new();
    let mut open_paths: HashSet<PathBuf> = HashSet::new();
    for snap in open {
        if let Ok(p) = snap.uri.to_file_path() {
            open_paths.insert(p);
        }
        let container = file_name(snap.uri.path());
        let rope = &snap.rope;
        for sym in symbols(&snap.analysis, rope, encoding, &container) {
            all.push((snap.uri.clone(), sym));
        }
    }
    for path in articles(roots) {
        if open_paths.contains(&path) {
            continue;
        }
        let Ok(uri) = Url::from_file_path(&path) else {
            continue;
        };
        if let Some(syms) = cached_symbols(&path, encoding, &kb, &config) {
            all.extend(syms.iter().map(|s| (uri.clone(), s.clone())));
        }
    }

    let ranked = fuzzy::rank(
        &params.query,
        all.iter().map(|(u, s)| ((u, s), s.name.as_str())),
    );
    #[allow(deprecated)]
    let out = ranked
        .into_iter()
        .take(MAX_RESULTS)
        .map(|(uri, s)| SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: None,
            deprecated: None,
            location: Location {
                uri: uri.clone(),
                range: s.range,
            },
            container_name: Some(s.container.clone()),
        })
        .collect();
    Some(out)
}

/// Headings (every section, nested ones too) and actors of one article.
fn symbols(a: &Analysis, rope: &Rope, encoding: Encoding, container: &str) -> Vec<Sym> {
    let index = LineIndex::new(rope);
    let range = |r: &std::ops::Range<usize>| {
        let (s, e) = index.range(r.clone(), encoding);
        Range {
            start: Position {
                line: s.line,
                character: s.character,
            },
            end: Position {
                line: e.line,
                character: e.character,
            },
        }
    };
    let mut out = Vec::new();
    for (_, s) in a.outline.walk() {
        out.push(Sym {
            name: s.title.clone(),
            kind: SymbolKind::NAMESPACE,
            range: range(&s.heading),
            container: container.to_string(),
        });
    }
    // Actors: every actor the article mentions, at its first mention.
    for actor in &a.actors.actors {
        out.push(Sym {
            name: actor.name.clone(),
            kind: actor_kind(actor.kind),
            range: range(&actor.first_mention),
            container: container.to_string(),
        });
    }
    // Speakers the actor report does not know (a role, an unknown name).
    let mut seen: HashSet<String> = a.actors.actors.iter().map(|x| x.name.clone()).collect();
    for q in &a.quotes {
        if let Some(sp) = &q.speaker {
            let proper = sp
                .name
                .split_whitespace()
                .all(crate::text::words::is_capitalized);
            if proper && sp.actor.is_none() && seen.insert(sp.name.clone()) {
                out.push(Sym {
                    name: sp.name.clone(),
                    kind: SymbolKind::OBJECT,
                    range: range(&sp.mention_range),
                    container: container.to_string(),
                });
            }
        }
    }
    out
}

/// The symbol kind shown for an actor: people as objects, organizations,
/// groups and bodies as structs, countries and places as namespaces' kin
/// (modules), so an editor's icons tell them apart.
fn actor_kind(kind: ActorKind) -> SymbolKind {
    match kind {
        ActorKind::Person => SymbolKind::OBJECT,
        ActorKind::Organization | ActorKind::Group | ActorKind::Body => SymbolKind::STRUCT,
        ActorKind::Country | ActorKind::Place => SymbolKind::MODULE,
    }
}

type Cache = Mutex<HashMap<(PathBuf, Encoding), (SystemTime, u64, Arc<Vec<Sym>>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The symbols of a file on disk, from the cache when the file has not
/// changed. `None` when it cannot be read or is not UTF-8 text.
fn cached_symbols(
    path: &Path,
    encoding: Encoding,
    kb: &KnowledgeBase,
    config: &Config,
) -> Option<Arc<Vec<Sym>>> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    let key = (path.to_path_buf(), encoding);
    if let Some((t, len, syms)) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        if *t == mtime && *len == meta.len() {
            return Some(syms.clone());
        }
    }
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    let name = path.to_string_lossy();
    let analysis = crate::analyze(&text, Markup::from_path_or_language(&name), kb, config);
    let rope = Rope::from_str(&text);
    let syms = Arc::new(symbols(&analysis, &rope, encoding, &file_name(&name)));
    cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, (mtime, meta.len(), syms.clone()));
    Some(syms)
}

/// Every article under `roots`, in path order.
fn articles(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = roots.iter().rev().cloned().collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                if !name.starts_with('.') && name != "node_modules" && name != "target" {
                    subdirs.push(e.path());
                }
            } else if kind.is_file() && is_article(&name) {
                out.push(e.path());
                if out.len() >= MAX_FILES {
                    return out;
                }
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    out
}

fn is_article(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt")
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::features::document_symbol::{story_quotes, test_snapshot, STORY};

    fn query(open: &[Snapshot], roots: &[PathBuf], q: &str) -> Vec<(String, String)> {
        let params = WorkspaceSymbolParams {
            query: q.into(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        handle(open, roots, &params)
            .unwrap()
            .into_iter()
            .map(|s| {
                (
                    s.name,
                    s.location
                        .uri
                        .path()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn headings_and_people_of_open_and_workspace_articles() {
        let dir = std::env::temp_dir().join(format!("copydesk-wsym-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("desk/.hidden")).unwrap();
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        let body =
            "A long first paragraph of body text.\n\nHow Iran Seized Iraq\n\nMore body text.";
        std::fs::write(dir.join("desk/iran.txt"), body).unwrap();
        std::fs::write(dir.join("desk/notes.md"), "# Budget meeting\n\nText.").unwrap();
        std::fs::write(
            dir.join("desk/.hidden/secret.md"),
            "# Hidden heading\n\nText.",
        )
        .unwrap();
        std::fs::write(dir.join("node_modules/pkg.md"), "# Package readme\n\nText.").unwrap();
        std::fs::write(dir.join("desk/image.png"), [0u8, 159, 146, 150]).unwrap();

        let open = vec![test_snapshot(
            STORY,
            crate::markup::Markup::Markdown,
            Some(story_quotes()),
            true,
        )];
        let roots = vec![dir.clone()];
        let all = query(&open, &roots, "");
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "Background",
            "Detail",
            "Reaction",
            "Ann Able",
            "Bob Baker",
            "How Iran Seized Iraq",
            "Budget meeting",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        assert!(
            !names.contains(&"Hidden heading") && !names.contains(&"Package readme"),
            "{names:?}"
        );

        // Fuzzy: letters in order, best first.
        let got = query(&open, &roots, "hisi");
        assert_eq!(
            got[0],
            ("How Iran Seized Iraq".to_string(), "iran.txt".to_string())
        );
        let got = query(&open, &roots, "baker");
        assert_eq!(got[0].0, "Bob Baker");
        assert!(query(&open, &roots, "zzz").is_empty());

        // A changed file is read again.
        std::fs::write(
            dir.join("desk/notes.md"),
            "# Budget vote, longer title\n\nText.",
        )
        .unwrap();
        let names: Vec<String> = query(&open, &roots, "budget")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["Budget vote, longer title"]);
        std::fs::remove_dir_all(&dir).ok();
    }
}
