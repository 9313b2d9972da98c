//! `copydesk sources` end to end: the JSON shape the README documents (issue 3).

use std::process::Command;

use serde_json::Value;

fn run(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("run copydesk");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

const REFERENCE: &str = "tests/fixtures/reference/iran-iraq-influence.txt";

#[test]
fn sources_json_shape() {
    let (out, status) = run(&["sources", "--format", "json", REFERENCE]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let file = &v["files"][0];
    assert_eq!(file["path"], REFERENCE);
    let quotes = file["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 12);
    let text = std::fs::read_to_string(REFERENCE).unwrap();
    for q in quotes {
        let keys: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["byte_range", "kind", "range", "speaker", "text"]);
        let (s, e) = (
            q["byte_range"][0].as_u64().unwrap() as usize,
            q["byte_range"][1].as_u64().unwrap() as usize,
        );
        assert!(text[s..e].contains(q["text"].as_str().unwrap().split(' ').next().unwrap()));
        assert!(q["range"]["start"]["line"].is_u64() && q["range"]["end"]["character"].is_u64());
        match &q["speaker"] {
            Value::Null => {}
            sp => {
                let keys: Vec<&str> = sp.as_object().unwrap().keys().map(String::as_str).collect();
                assert_eq!(
                    keys,
                    ["actor", "mention", "mention_byte_range", "name", "via"]
                );
                let (ms, me) = (
                    sp["mention_byte_range"][0].as_u64().unwrap() as usize,
                    sp["mention_byte_range"][1].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[ms..me], sp["mention"].as_str().unwrap());
            }
        }
    }
    let gerges = &quotes[3];
    assert_eq!(gerges["kind"], "quote");
    assert_eq!(gerges["speaker"]["mention"], "Gerges");
    assert_eq!(gerges["speaker"]["name"], "Fawaz Gerges");
    assert_eq!(gerges["speaker"]["via"], "verb");
    assert_eq!(gerges["range"]["start"]["line"], 18);
    assert_eq!(quotes[7]["kind"], "term");
    assert_eq!(quotes[7]["speaker"], Value::Null);
    assert_eq!(quotes[11]["speaker"], Value::Null);
}

#[test]
fn sources_table() {
    let (out, status) = run(&["sources", REFERENCE]);
    assert_eq!(status, 0);
    assert!(out.starts_with(REFERENCE));
    assert!(out.contains("he → Jack Watling (pronoun)"), "{out}");
    assert!(out.contains("Gerges → Fawaz Gerges (verb)"), "{out}");
    assert!(out.contains("NO SOURCE"), "{out}");
    assert_eq!(out.lines().count(), 13);
}
