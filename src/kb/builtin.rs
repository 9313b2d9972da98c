//! The built-in layer: `data/kb/generated.tsv.z` (zlib-compressed TSV written
//! by `data/build_kb.py` from the open data in kb-sources and
//! `data/curated.toml`) plus `data/kb/countries-odbl.tsv` (demonyms, capitals
//! and other names from mledoze/countries, ODbL 1.0, kept as a separate data
//! file). Decoded once, on first use.

use std::sync::Arc;

use super::{Actor, ActorKind, Layer};

static GENERATED: &[u8] = include_bytes!("../../data/kb/generated.tsv.z");
static COUNTRIES_ODBL: &str = include_str!("../../data/kb/countries-odbl.tsv");

pub(super) fn layer() -> Arc<Layer> {
    Arc::new(Layer::new(decode(GENERATED, COUNTRIES_ODBL)))
}

/// Decode the embedded files. A line that does not parse is skipped (the
/// build script is the only writer; its tests keep the format right).
pub(super) fn decode(compressed: &[u8], odbl: &str) -> Vec<Actor> {
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(compressed).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let mut actors: Vec<Actor> = text.lines().filter_map(parse_line).collect();
    let by_id: std::collections::HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut extra: Vec<(usize, Vec<String>)> = Vec::new();
    for line in odbl.lines().filter(|l| !l.starts_with('#')) {
        let Some((id, aliases)) = line.split_once('\t') else {
            continue;
        };
        if let Some(&i) = by_id.get(id) {
            extra.push((
                i,
                aliases
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            ));
        }
    }
    for (i, aliases) in extra {
        let a = &mut actors[i];
        for al in aliases {
            if al != a.name && !a.aliases.contains(&al) {
                a.aliases.push(al);
            }
        }
        a.source.push_str(" + mledoze");
    }
    actors
}

fn parse_line(line: &str) -> Option<Actor> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 9 {
        return None;
    }
    let kind = ActorKind::parse(f[1])?;
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let surname = non_empty(f[7]);
    let mut aliases: Vec<String> = f[3]
        .split('|')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(s) = &surname {
        if !aliases.contains(s) {
            aliases.push(s.clone());
        }
    }
    Some(Actor {
        id: f[0].to_string(),
        kind,
        name: f[2].to_string(),
        aliases,
        description: f[4].to_string(),
        source: f[5].to_string(),
        country: non_empty(f[6]),
        surname,
        surname_alone: f[8].contains('s'),
    })
}
