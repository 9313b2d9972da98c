//! The benchmark inputs, shared by benches/analysis.rs and
//! examples/kb_speed.rs: the fixtures read, the Wikinews corpus concatenated,
//! and a text repeated to a size.

use std::path::Path;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Wikinews articles concatenated in name order, separated by a blank line.
pub fn corpus() -> String {
    let dir = Path::new(FIXTURES).join("wikinews");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "LICENSE.md")
        })
        .collect();
    paths.sort();
    let mut out = String::new();
    for p in paths {
        out.push_str(&read(&p));
        out.push_str("\n\n");
    }
    out
}

/// `unit` repeated to `size` bytes: whole copies, blank-line separated, then
/// a part of it cut at a paragraph boundary.
pub fn repeat_to(unit: &str, size: usize) -> String {
    let mut out = String::with_capacity(size);
    while out.len() + unit.len() + 2 <= size {
        out.push_str(unit);
        out.push_str("\n\n");
    }
    let mut rest = (size - out.len()).min(unit.len());
    while !unit.is_char_boundary(rest) {
        rest -= 1;
    }
    let cut = unit[..rest].rfind("\n\n").unwrap_or(0);
    out.push_str(&unit[..cut]);
    out
}
