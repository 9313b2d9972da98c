//! Bad input for the CLI (issue 9): a directory with one file that is not
//! UTF-8 among good ones, a truncated `.copydesk.toml`, and a user
//! knowledge base with the wrong types. Each problem is named with its file
//! (and line where there is one) and the good files are still checked.

use std::process::{Command, Output};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("run copydesk")
}

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const UNSOURCED: &[u8] = b"\"Unsourced words in this quote,\" it went.\n";

fn checked_files(out: &Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn one_bad_file_in_a_directory_does_not_stop_the_others() {
    let dir = TempDir::new("bad-among-good");
    dir.file("a.txt", UNSOURCED);
    dir.file("b.txt", b"Good text \xff\xfe then bad\n");
    dir.file("c.md", b"# Title\n\nFine text.\n");
    dir.file(
        "d.txt",
        b"\0\0\x01 binary but valid UTF-8 \"quoted words here now\"\n",
    );
    let out = copydesk(&["check", "--format", "json", &dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.txt") && err.contains("not UTF-8") && err.contains("line 1"),
        "{err}"
    );
    let files = checked_files(&out);
    for good in ["a.txt", "c.md", "d.txt"] {
        assert!(
            files.iter().any(|f| f.ends_with(good)),
            "{good} not in {files:?}"
        );
    }
    assert!(!files.iter().any(|f| f.ends_with("b.txt")), "{files:?}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file could not be read: {err}"
    );
}

#[test]
fn a_truncated_config_is_named_with_its_line_and_the_files_still_checked() {
    let dir = TempDir::new("truncated-config");
    dir.file(
        ".copydesk.toml",
        b"version = 1\n[rules]\nunattributed-quote = \"err",
    );
    dir.file("a.txt", UNSOURCED);
    let out = copydesk(&["check", "--format", "json", &dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".copydesk.toml:3:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let files = checked_files(&out);
    assert!(files.iter().any(|f| f.ends_with("a.txt")), "{files:?}");
}

#[test]
fn a_config_with_wrong_types_is_named_and_the_defaults_apply() {
    let dir = TempDir::new("wrong-types-config");
    dir.file(
        ".copydesk.toml",
        b"version = \"one\"\nquoteMinWords = \"six\"\nspeechVerbs = 3\n[rules]\nunattributed-quote = 7\n",
    );
    dir.file("a.txt", UNSOURCED);
    let out = copydesk(&["check", "--format", "json", &dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".copydesk.toml:2:"),
        "quoteMinWords named: {err}"
    );
    assert!(err.contains(".copydesk.toml:5:"), "the rule named: {err}");
    // The rule keeps its default level: the quote is still a finding.
    assert!(String::from_utf8_lossy(&out.stdout).contains("unattributed-quote"));
}

#[test]
fn a_knowledge_base_with_wrong_types_is_named_and_the_built_in_one_used() {
    let dir = TempDir::new("wrong-types-kb");
    dir.file(
        ".copydesk/actors.toml",
        b"[[actor]]\nkind = \"person\"\nname = 5\n",
    );
    dir.file("a.txt", b"\"We will not leave,\" said Fawaz Gerges.\n");
    let out = copydesk(&["check", "--format", "json", &dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("actors.toml") && err.contains("3"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let files = checked_files(&out);
    assert!(files.iter().any(|f| f.ends_with("a.txt")), "{files:?}");
}

#[test]
fn a_truncated_knowledge_base_is_named_with_its_line() {
    let dir = TempDir::new("truncated-kb");
    dir.file(
        ".copydesk/actors.toml",
        b"[[actor]]\nkind = \"person\"\nname = \"Jane Roe\"\n\n[[actor]]\nkind = \"pers",
    );
    dir.file("a.txt", UNSOURCED);
    let out = copydesk(&["check", "--format", "json", &dir.path()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("actors.toml:6")
            || err.contains("actors.toml: line 6")
            || (err.contains("actors.toml") && err.contains("6")),
        "{err}"
    );
    let files = checked_files(&out);
    assert!(files.iter().any(|f| f.ends_with("a.txt")), "{files:?}");
}
