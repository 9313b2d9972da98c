//! `copydesk outline` end to end (issue 5): the JSON shape documented in the
//! README and the tree for people, from the built binary.

use std::process::Command;

use serde_json::Value;

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const REFERENCE: &str = "tests/fixtures/reference/iran-iraq-influence.txt";

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run copydesk");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn json_has_the_documented_shape() {
    let (status, out) = run(&["outline", "--format", "json", REFERENCE]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], REFERENCE);
    let sections = files[0]["sections"].as_array().expect("sections");
    let titles: Vec<&str> = sections
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "How Iran Seized Iraq",
            "Trump sends mixed messages",
            "Win hearts and minds"
        ]
    );
    let first = &sections[0];
    assert_eq!(first["level"], 2);
    assert_eq!(first["byte_range"], serde_json::json!([3306, 5555]));
    // Line 25 of the file (0-based 24) to the end of ¶20 on line 39.
    assert_eq!(
        first["range"]["start"],
        serde_json::json!({"line": 24, "character": 0})
    );
    assert_eq!(first["range"]["end"]["line"], 38);
    assert!(first["children"].is_array());
    assert_eq!(sections[2]["byte_range"], serde_json::json!([7165, 8791]));
    // The quote under ¶13–¶20: ¶16, Jack Watling's.
    let quote = &first["children"][0];
    assert_eq!(quote["title"], "Watling: “Because of the…”");
    assert_eq!(quote["kind"], "quote");
    assert_eq!(quote["speaker"], "Jack Watling");
    assert_eq!(
        quote["range"]["start"],
        serde_json::json!({"line": 30, "character": 0})
    );
    let b = quote["byte_range"].as_array().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference/iran-iraq-influence.txt"
    ))
    .unwrap();
    assert!(text[b[0].as_u64().unwrap() as usize..].starts_with("“Because of the institutional"));
    // The unattributed quote of ¶36 has a null speaker.
    let last = sections[2]["children"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["title"], "(no source): “The Shia Iraqis…”");
    assert!(last["speaker"].is_null());
    let lead = &files[0]["lead"];
    assert_eq!(lead["byte_range"], serde_json::json!([0, 3304]));
    for s in sections {
        for c in s["children"].as_array().unwrap() {
            // Children are subsections (with a level) or quotes (kind quote).
            assert!(c.get("level").is_some() || c["kind"] == "quote", "{c}");
        }
    }
}

#[test]
fn tree_for_people() {
    let (status, out) = run(&["outline", REFERENCE]);
    assert_eq!(status, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], REFERENCE);
    assert!(lines[1].starts_with("├─ top of the story  ¶1–¶12"), "{out}");
    let sections: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("  line ") && (l.starts_with("├─") || l.starts_with("└─")))
        .collect();
    assert_eq!(sections.len(), 3, "{out}");
    assert!(
        sections[0].starts_with("├─ How Iran Seized Iraq  line 25, ¶13–¶20"),
        "{out}"
    );
    assert!(
        sections[1].starts_with("├─ Trump sends mixed messages  line 41, ¶21–¶28"),
        "{out}"
    );
    assert!(
        sections[2].starts_with("└─ Win hearts and minds  line 57, ¶29–¶36"),
        "{out}"
    );
}

#[test]
fn markdown_nesting_in_json() {
    let dir = TempDir::new("markdown-nesting");
    let path = dir.join("story.md");
    std::fs::write(
        &path,
        "---\ntitle: Iran’s reach\n---\n\nLead.\n\n## Background\n\nBody.\n\n### Detail\n\nMore.\n",
    )
    .unwrap();
    let (status, out) = run(&["outline", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let top = &v["files"][0]["sections"][0];
    assert_eq!(top["title"], "Iran’s reach");
    assert_eq!(top["level"], 1);
    assert_eq!(top["children"][0]["title"], "Background");
    assert_eq!(top["children"][0]["children"][0]["title"], "Detail");
    assert_eq!(top["children"][0]["children"][0]["level"], 3);
}
