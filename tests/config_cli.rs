//! The command line with settings (issue 7): `copydesk check` honours the
//! nearest `.copydesk.toml` or `--config`, its exit status follows
//! `--severity-threshold`, `--quiet`, SARIF and GitHub output on real
//! rules, and `copydesk config --schema` / `--print`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

const UNSOURCED: &str = "“The Shia Iraqis may be vaguely aligned with Iran.”\n";
const SPACING: &str = "“If they leave, they will go home “said Gerges.\n";

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run copydesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A desk with two stories (and `config` as its `.copydesk.toml`), removed
/// when the returned guard is dropped.
fn desk(name: &str, config: Option<&str>) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    if let Some(c) = config {
        std::fs::write(dir.join(".copydesk.toml"), c).unwrap();
    }
    std::fs::write(dir.join("stories/unsourced.txt"), UNSOURCED).unwrap();
    std::fs::write(dir.join("stories/spacing.txt"), SPACING).unwrap();
    dir
}

#[test]
fn exit_status_follows_the_threshold() {
    let dir = desk("threshold", None);
    // unattributed-quote is a warning by default.
    assert_eq!(
        copydesk(&dir, &["check", "stories/unsourced.txt"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        copydesk(
            &dir,
            &[
                "check",
                "--severity-threshold",
                "error",
                "stories/unsourced.txt"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    // Spacing and misdirected marks are hints.
    assert_eq!(
        copydesk(&dir, &["check", "stories/spacing.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(
            &dir,
            &[
                "check",
                "--severity-threshold",
                "information",
                "stories/spacing.txt"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(
            &dir,
            &[
                "check",
                "--severity-threshold",
                "hint",
                "stories/spacing.txt"
            ]
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        copydesk(&dir, &["check", "stories/missing.txt"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        copydesk(
            &dir,
            &[
                "check",
                "--severity-threshold",
                "loud",
                "stories/spacing.txt"
            ]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn check_honours_the_nearest_config_file() {
    let dir = desk(
        "nearest",
        Some("[rules]\nunattributed-quote = \"error\"\nquote-mark-spacing = \"warning\"\n"),
    );
    let o = copydesk(
        &dir.join("stories"),
        &[
            "check",
            "--severity-threshold",
            "error",
            "unsourced.txt",
            "spacing.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("unsourced.txt:1:1: error[unattributed-quote]: This quote has no source in its paragraph."), "{out}");
    assert!(
        out.contains("spacing.txt:1:34: warning[quote-mark-spacing]"),
        "{out}"
    );
    // --config replaces the nearest file.
    std::fs::write(
        dir.join("quiet.toml"),
        "[rules]\nunattributed-quote = \"off\"\n",
    )
    .unwrap();
    let o = copydesk(
        &dir,
        &["check", "--config", "quiet.toml", "stories/unsourced.txt"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        copydesk(
            &dir,
            &["check", "--config", "nope.toml", "stories/unsourced.txt"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn config_problems_are_warnings_and_the_rest_applies() {
    let dir = desk(
        "problems",
        Some("quote_min_words = 3\n[rules]\nunattributed-quote = \"error\"\n"),
    );
    let o = copydesk(
        &dir,
        &[
            "check",
            "--severity-threshold",
            "error",
            "stories/unsourced.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let config = dir.join(".copydesk.toml");
    assert!(
        err.contains(&format!("copydesk: warning: {}:1:1: unknown setting `quote_min_words`; did you mean `quoteMinWords`?", config.display())),
        "{err}"
    );
}

#[test]
fn quiet_prints_only_what_fails() {
    let dir = desk("quiet", None);
    let o = copydesk(
        &dir,
        &["check", "stories/unsourced.txt", "stories/spacing.txt"],
    );
    assert_eq!(stdout(&o).lines().count(), 3);
    assert!(stderr(&o).contains("copydesk: 3 problems (1 warning, 2 hints) in 2 of 2 files; 1 problem at warning or worse"), "{}", stderr(&o));
    let o = copydesk(
        &dir,
        &[
            "check",
            "--quiet",
            "stories/unsourced.txt",
            "stories/spacing.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "stories/unsourced.txt:1:1: warning[unattributed-quote]: This quote has no source in its paragraph.\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn sarif_and_github_on_real_rules() {
    let dir = desk("formats", None);
    let o = copydesk(
        &dir,
        &[
            "check",
            "--format",
            "sarif",
            "stories/unsourced.txt",
            "stories/spacing.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["ruleId"], "unattributed-quote");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "stories/unsourced.txt"
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 52})
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), copydesk::rules::RULES.len());

    let o = copydesk(
        &dir,
        &["check", "--format", "github", "stories/unsourced.txt"],
    );
    assert_eq!(
        stdout(&o),
        "::warning file=stories/unsourced.txt,line=1,col=1,endLine=1,endColumn=52,title=copydesk unattributed-quote::This quote has no source in its paragraph.\n"
    );
}

#[test]
fn schema_is_json_and_lists_every_rule() {
    let dir = desk("schema", None);
    let o = copydesk(&dir, &["config", "--schema"]);
    assert_eq!(o.status.code(), Some(0));
    let schema: Value = serde_json::from_str(&stdout(&o)).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["type"], "object");
    let rules = schema["properties"]["rules"]["properties"]
        .as_object()
        .unwrap();
    for r in copydesk::rules::RULES {
        let p = &rules[r.info.code];
        assert_eq!(p["default"], r.info.default_severity.as_str());
        assert_eq!(
            p["enum"],
            serde_json::json!(["error", "warning", "information", "hint", "off"])
        );
        assert!(!p["description"].as_str().unwrap().is_empty());
    }
    assert_eq!(rules.len(), copydesk::rules::RULES.len());
    for key in [
        "version",
        "quoteMinWords",
        "speechVerbs",
        "knowledgeBases",
        "markup",
        "language",
    ] {
        assert!(
            schema["properties"][key]["description"].is_string(),
            "{key}"
        );
    }
    // The default it states is the one copydesk uses.
    assert_eq!(
        schema["properties"]["quoteMinWords"]["default"],
        copydesk::Config::default().quote_min_words
    );
}

#[test]
fn print_shows_values_and_where_they_come_from() {
    let dir = desk("print", Some("version = 1\nquoteMinWords = 6\n\n[rules]\nunattributed-quote = \"error\"\n\n[markup]\n\"*.txt\" = \"markdown\"\n"));
    let config = dir.join(".copydesk.toml").display().to_string();
    let o = copydesk(&dir, &["config", "--print", "stories/unsourced.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {out}"))
            .to_string()
    };
    assert!(
        line("quoteMinWords = 6 ").ends_with(&format!("# {config}:2")),
        "{out}"
    );
    assert!(
        line("unattributed-quote = \"error\"").ends_with(&format!("# {config}:5")),
        "{out}"
    );
    assert!(
        line("inconsistent-name = \"warning\"").ends_with("# default"),
        "{out}"
    );
    assert!(line("language = \"en\"").ends_with("# default"), "{out}");
    assert!(out.contains("\"*.txt\" = \"markdown\""), "{out}");
    // The printout is itself a config file that reads back cleanly.
    let (_, errors) = copydesk::config::parse("printed", &out);
    assert!(errors.is_empty(), "{errors:?}");

    let o = copydesk(&dir, &["config", "--print", "stories", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["configFile"], config.as_str());
    assert_eq!(v["settings"]["quoteMinWords"], 6);
    assert_eq!(
        v["origins"]["quoteMinWords"],
        serde_json::json!({"from": "file", "path": config, "line": 2})
    );
    assert_eq!(
        v["origins"]["speechVerbs"],
        serde_json::json!({"from": "default"})
    );
}

#[test]
fn markup_globs_decide_how_a_file_is_read() {
    // In Markdown the code span hides the quote; in plain text it is prose.
    let dir = desk("markup", None);
    std::fs::write(
        dir.join("stories/code.txt"),
        format!("`{}`\n", UNSOURCED.trim()),
    )
    .unwrap();
    assert_eq!(
        copydesk(&dir, &["check", "stories/code.txt"]).status.code(),
        Some(1)
    );
    std::fs::write(
        dir.join(".copydesk.toml"),
        "[markup]\n\"stories/*.txt\" = \"markdown\"\n",
    )
    .unwrap();
    assert_eq!(
        copydesk(&dir, &["check", "stories/code.txt"]).status.code(),
        Some(0)
    );
}

#[test]
fn the_readme_lists_every_rule_with_its_default() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme
        .find("## Configuration")
        .expect("a Configuration section")..];
    for r in copydesk::rules::RULES {
        let row = format!("| {} | {} |", r.info.code, r.info.default_severity.as_str());
        assert!(section.contains(&row), "README lacks {row}");
    }
    for s in copydesk::config::SETTINGS {
        assert!(
            section.contains(s.key),
            "README lacks the setting {}",
            s.key
        );
    }
}

#[test]
fn knowledge_bases_named_in_the_config_are_read() {
    let dir = desk("kb", None);
    std::fs::create_dir_all(dir.join("kb")).unwrap();
    std::fs::write(
        dir.join("kb/desk.toml"),
        "[[actor]]\nkind = \"person\"\nname = \"Tavish Brennagh\"\naliases = [\"Brennagh\"]\ndescription = \"A fictional harbour commander.\"\nsurname = \"Brennagh\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("stories/kb.txt"),
        "The council questioned harbour commander Tavish Brenagh.\n",
    )
    .unwrap();
    // Without the file the name is unknown.
    let o = copydesk(&dir, &["check", "stories/kb.txt"]);
    assert_eq!(stdout(&o), "");
    // Paths are relative to the config file, wherever copydesk runs.
    std::fs::write(
        dir.join(".copydesk.toml"),
        "knowledgeBases = [\"kb/desk.toml\", \"kb/missing.toml\"]\n",
    )
    .unwrap();
    let o = copydesk(&dir.join("stories"), &["check", "kb.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("warning[name-misspelling]: \"Tavish Brenagh\" looks like a misspelling of Tavish Brennagh"), "{}", stdout(&o));
    let missing = dir.join("kb/missing.toml");
    assert!(
        stderr(&o).contains(&format!(
            "copydesk: warning: {}: could not read the knowledge base",
            missing.display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn standard_input_takes_the_config_of_the_current_folder() {
    use std::io::Write;
    let dir = desk("stdin", Some("[rules]\nunattributed-quote = \"error\"\n"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&dir)
        .args(["check", "--severity-threshold", "error", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(UNSOURCED.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("-:1:1: error[unattributed-quote]"),
        "{}",
        stdout(&o)
    );
}
