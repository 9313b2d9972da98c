//! `copydesk actors`: the table, the JSON shape the README documents, and a
//! malformed `.copydesk/actors.toml` found next to the file.

use std::process::Command;

use serde_json::Value;

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const REFERENCE: &str = "tests/fixtures/reference/iran-iraq-influence.txt";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn json_shape() {
    let (status, out, _) = run(&["actors", "--format", "json", REFERENCE]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let actors = v["files"][0]["actors"].as_array().unwrap();
    let gerges = actors.iter().find(|a| a["name"] == "Fawaz Gerges").unwrap();
    assert_eq!(gerges["id"], "person/fawaz-gerges");
    assert_eq!(gerges["kind"], "person");
    assert_eq!(gerges["source"], "curated");
    assert_eq!(gerges["mention_count"], 4);
    assert_eq!(gerges["mentions"].as_array().unwrap().len(), 4);
    assert_eq!(gerges["mentions"][1]["text"], "Gerges");
    assert_eq!(gerges["introduction"]["paragraph"], 8);
    assert_eq!(
        gerges["introduction"]["role"],
        "professor of international relations at the London School of Economics and Political Science"
    );
    assert_eq!(gerges["introduction"]["range"]["start"]["line"], 14);
    let m = &gerges["mentions"][0];
    let (s, e) = (
        m["byte_range"][0].as_u64().unwrap() as usize,
        m["byte_range"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &std::fs::read_to_string(REFERENCE).unwrap()[s..e],
        "Fawaz Gerges"
    );
}

#[test]
fn table_lists_kind_count_and_introduction() {
    let (status, out, _) = run(&["actors", REFERENCE]);
    assert_eq!(status, 0);
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("Jack Watling"))
        .unwrap();
    assert!(line.contains("person"), "{line}");
    assert!(line.contains("4×"), "{line}");
    assert!(
        line.contains("¶16: land war specialist at the Royal United Services Institute in London"),
        "{line}"
    );
}

#[test]
fn user_actors_file_next_to_the_story() {
    let dir = TempDir::new("user-actors");
    std::fs::create_dir_all(dir.join(".copydesk").join("..").join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".copydesk")).unwrap();
    let story = dir.join("sub").join("story.txt");
    std::fs::write(
        &story,
        "Jane Roe opened the bridge with Iraqi officials. Roe said it was late.",
    )
    .unwrap();
    let toml = dir.join(".copydesk").join("actors.toml");
    std::fs::write(&toml, "[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\ndescription = \"Mayor.\"\nsurname = \"Roe\"\n").unwrap();
    let (status, out, _) = run(&["actors", "--format", "json", story.to_str().unwrap()]);
    assert_eq!(status, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let roe = &v["files"][0]["actors"][0];
    assert_eq!(roe["name"], "Jane Roe");
    assert_eq!(roe["description"], "Mayor.");
    assert_eq!(roe["mention_count"], 2);

    std::fs::write(&toml, "[[actor]]\nkind = \"mayor\"\nname = \"Jane Roe\"\n").unwrap();
    let (status, out, err) = run(&["actors", story.to_str().unwrap()]);
    assert_eq!(status, 2);
    assert!(
        err.contains(&format!("{}:1:", toml.display())) && err.contains("mayor"),
        "{err}"
    );
    assert!(
        out.contains("Iraq"),
        "the story is still analysed with the built-in actors: {out}"
    );
}
