//! The `copydesk check` command line, run as the built binary (issue 2):
//! exit statuses, the JSON shape documented in the README, files that are
//! not UTF-8, directory walks and standard input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/reference/iran-iraq-influence.txt"
);
const WIKINEWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wikinews");

fn copydesk(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh directory under the system's temporary directory, removed on drop.
#[path = "support/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

/// The UTF-16 LSP position of a byte offset, computed naively.
fn position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, before[start..].encode_utf16().count() as u64)
}

/// Every field of the documented shape, and nothing else; ranges agree with
/// byte ranges in the file's text.
fn assert_documented_shape(json: &Value, texts: &dyn Fn(&str) -> String) {
    let top = json.as_object().expect("an object");
    assert_eq!(top.keys().collect::<Vec<_>>(), ["files"]);
    for file in json["files"].as_array().expect("files is an array") {
        let mut keys: Vec<_> = file.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["diagnostics", "path"]);
        let path = file["path"].as_str().expect("path is a string");
        let text = texts(path);
        for d in file["diagnostics"]
            .as_array()
            .expect("diagnostics is an array")
        {
            let mut keys: Vec<_> = d.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            assert_eq!(
                keys,
                ["byte_range", "code", "message", "range", "severity"],
                "{d}"
            );
            assert!(d["code"].is_string() && d["message"].is_string());
            assert!(
                ["error", "warning", "information", "hint"]
                    .contains(&d["severity"].as_str().unwrap()),
                "{d}"
            );
            let start = d["byte_range"][0].as_u64().unwrap() as usize;
            let end = d["byte_range"][1].as_u64().unwrap() as usize;
            assert!(start <= end && end <= text.len(), "{d}");
            assert_eq!(
                position(&text, start),
                (
                    d["range"]["start"]["line"].as_u64().unwrap(),
                    d["range"]["start"]["character"].as_u64().unwrap()
                ),
                "{d}"
            );
            assert_eq!(
                position(&text, end),
                (
                    d["range"]["end"]["line"].as_u64().unwrap(),
                    d["range"]["end"]["character"].as_u64().unwrap()
                ),
                "{d}"
            );
        }
    }
}

fn has_findings(json: &Value) -> bool {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .any(|d| d["severity"] == "warning" || d["severity"] == "error")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_clean_file_exits_0_and_prints_nothing() {
    let dir = TempDir::new("clean");
    let file = dir.file(
        "clean.txt",
        "The council met on Tuesday. It adjourned at noon.\n".as_bytes(),
    );
    let out = copydesk(&["check", &file], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_reference_article_in_json_has_the_documented_shape() {
    let out = copydesk(&["check", "--format", "json", REFERENCE], None);
    let json = json_of(&out);
    assert_documented_shape(&json, &|p| read(p));
    assert_eq!(json["files"][0]["path"], REFERENCE);
    // The exit status follows the findings: 1 when any warning or error.
    assert_eq!(
        out.status.code(),
        Some(if has_findings(&json) { 1 } else { 0 }),
        "{}",
        stderr(&out)
    );
    // The reference article has findings (iran-iraq-influence.expected.md),
    // among them the unattributed quote that is its whole last line.
    assert_eq!(out.status.code(), Some(1));
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let unattributed = diags
        .iter()
        .find(|d| d["code"] == "unattributed-quote")
        .expect("an unattributed quote");
    assert_eq!(unattributed["severity"], "warning");
    assert_eq!(
        unattributed["range"]["start"],
        serde_json::json!({"line": 70, "character": 0})
    );
    let text = read(REFERENCE);
    assert_eq!(
        unattributed["byte_range"][1].as_u64(),
        Some(text.len() as u64)
    );
}

#[test]
fn an_unattributed_quote_is_a_finding() {
    let text = "“We will never accept foreign troops on our soil, whatever happens next,” the statement read in part.\n\n“This is a long quotation that nobody said out loud anywhere.”\n";
    let out = copydesk(&["check", "--format", "json", "-"], Some(text.as_bytes()));
    let json = json_of(&out);
    assert_documented_shape(&json, &|_| text.to_string());
    assert_eq!(
        out.status.code(),
        Some(if has_findings(&json) { 1 } else { 0 })
    );
    assert_eq!(out.status.code(), Some(1));
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let flagged: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "unattributed-quote")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    // "the statement read in part" is a source a copy editor accepts (a
    // document speaks); only the quote with no source at all is flagged.
    assert_eq!(flagged, vec![2], "{diags:?}");
}

#[test]
fn the_human_format_is_one_line_per_finding() {
    let out = copydesk(&["check", REFERENCE], None);
    let json = json_of(&copydesk(&["check", "--format", "json", REFERENCE], None));
    let count = json["files"][0]["diagnostics"].as_array().unwrap().len();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), count);
    for line in text.lines() {
        // path:line:col: severity[code]: message
        let rest = line
            .strip_prefix(&format!("{REFERENCE}:"))
            .unwrap_or_else(|| panic!("{line}"));
        let mut parts = rest.splitn(3, ':');
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<u32>().is_ok(), "{line}");
        assert!(parts.next().unwrap().contains('['), "{line}");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_named_and_the_others_still_checked() {
    let dir = TempDir::new("latin1");
    let good = dir.file("good.txt", "A plain sentence.\n".as_bytes());
    let bad = dir.file("bad.txt", b"First line.\nCaf\xe9 au lait.\n");
    let out = copydesk(&["check", "--format", "json", &bad, &good], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&bad) && err.contains("not UTF-8") && err.contains("line 2"),
        "{err}"
    );
    let json = json_of(&out);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [good.as_str()]);
}

#[test]
fn a_missing_file_is_named_and_exits_2() {
    let out = copydesk(&["check", "no/such/article.md", REFERENCE], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/article.md: no such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(copydesk(&["check"], None).status.code(), Some(2));
    assert_eq!(
        copydesk(&["check", "--format", "yaml", REFERENCE], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(copydesk(&["no-such-command"], None).status.code(), Some(2));
    assert_eq!(copydesk(&["--help"], None).status.code(), Some(0));
}

#[test]
fn a_directory_is_walked_in_order_for_articles_only() {
    let dir = TempDir::new("walk");
    for rel in [
        "b.txt",
        "a.md",
        "C.MD",
        "c.markdown",
        "notes.rs",
        "README",
        ".hidden.md",
        ".git/x.md",
        "node_modules/pkg/y.md",
        "target/z.md",
        "sub/d.md",
        "sub/deeper/e.txt",
    ] {
        dir.file(rel, b"Some text.\n");
    }
    let out = copydesk(&["check", "--format", "json", &dir.path()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = json_of(&out);
    let paths: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            Path::new(f["path"].as_str().unwrap())
                .strip_prefix(&dir.0)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths,
        [
            "C.MD",
            "a.md",
            "b.txt",
            "c.markdown",
            "sub/d.md",
            "sub/deeper/e.txt"
        ]
    );
}

#[test]
fn files_keep_the_order_of_the_arguments() {
    let dir = TempDir::new("order");
    let names = ["z.txt", "a.txt", "m.md", "b.md"];
    let paths: Vec<String> = names
        .iter()
        .map(|n| dir.file(n, format!("Text of {n}.\n").as_bytes()))
        .collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let json = json_of(&copydesk(&args, None));
    let got: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(got, paths);
}

/// Human and GitHub output is streamed file by file as the parallel
/// analysis finishes; a slow first file must still come out first.
#[test]
fn streamed_output_keeps_the_order_of_the_arguments() {
    let dir = TempDir::new("stream-order");
    let slow = "“We leave,” he said.\n\nAn “unclosed quote here.\n\n".repeat(2_000);
    let mut paths = vec![dir.file("slow.txt", slow.as_bytes())];
    for n in ["b.txt", "c.txt", "d.txt", "e.txt"] {
        paths.push(dir.file(n, "Another “unclosed quote.\n".as_bytes()));
    }
    for format in ["human", "github"] {
        let mut args = vec!["check", "--format", format];
        args.extend(paths.iter().map(String::as_str));
        let out = copydesk(&args, None);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let mut order: Vec<&str> = Vec::new();
        for line in stdout.lines() {
            let file = paths
                .iter()
                .find(|p| line.contains(p.as_str()))
                .unwrap_or_else(|| panic!("{format}: a line names no input: {line}"));
            if order.last() != Some(&file.as_str()) {
                order.push(file);
            }
        }
        let expected: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(order, expected, "{format} output:\n{stdout}");
    }
}

#[test]
fn the_wikinews_corpus_is_checked_in_sorted_order() {
    let out = copydesk(&["check", "--format", "json", WIKINEWS], None);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let json = json_of(&out);
    assert_documented_shape(&json, &|p| read(p));
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let expected = std::fs::read_dir(WIKINEWS)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(paths.len(), expected);
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert_eq!(
        out.status.code(),
        Some(if has_findings(&json) { 1 } else { 0 })
    );
}

/// Every finding on the 171 Wikinews articles, each read by a person and
/// found real: a stray closing mark, and a quote given only as `their
/// "..."` with no speech verb. A new finding here is a false alarm until
/// someone reads it and adds it (the corpus is real, edited copy).
#[test]
fn the_wikinews_corpus_has_only_its_reviewed_findings() {
    let out = copydesk(&["check", "--format", "json", WIKINEWS], None);
    let json = json_of(&out);
    let mut found: Vec<String> = Vec::new();
    for f in json["files"].as_array().unwrap() {
        let name = f["path"].as_str().unwrap().rsplit('/').next().unwrap();
        for d in f["diagnostics"].as_array().unwrap() {
            found.push(format!(
                "{name}:{} {} {}",
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            ));
        }
    }
    assert_eq!(
        found,
        [
            "dozens-dead-in-california-boat-fire.md:13 unbalanced-quote-mark warning",
            "fan-expo-canada-2019-offers-celebrities-cosplay-panels.md:21 unattributed-quote warning",
        ]
    );
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let text = "Baghdad, Iraq — Lawmakers voted on Sunday.\n";
    let out = copydesk(&["check", "--format", "json", "-"], Some(text.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = json_of(&out);
    assert_eq!(json["files"][0]["path"], "-");
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn standard_input_that_is_not_utf8_is_an_error() {
    let out = copydesk(&["check", "-"], Some(b"Caf\xe9\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input"), "{}", stderr(&out));
}

/// `maxProblems` limits what an editor is sent; `check` reports every
/// finding whatever it says.
#[test]
fn check_reports_every_finding_whatever_max_problems_says() {
    let dir = TempDir::new("max-problems");
    dir.file(".copydesk.toml", b"maxProblems = 2\n");
    let text = format!("{}\n", "\u{201c}".repeat(20));
    let marks = dir.file("marks.txt", text.as_bytes());
    let json = json_of(&copydesk(&["check", "--format", "json", &marks], None));
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 10, "{diags:?}");
    assert!(diags.iter().all(|d| d["code"] == "misdirected-quote-mark"));
}

/// A small `maxDocumentSize` in the nearest `.copydesk.toml` makes a small
/// file too large: `check` prints its one finding, on its first line,
/// and checks nothing else in it; a file within the limit is checked.
#[test]
fn a_file_over_max_document_size_gets_one_finding() {
    let dir = TempDir::new("too-large");
    dir.file(".copydesk.toml", b"maxDocumentSize = 100\n");
    let long = "# Talks\n\n\u{201c}This is a long quotation that nobody said out loud anywhere,\u{201d} it ran.\n\nMore text follows here, enough to pass one hundred bytes.\n";
    assert!(long.len() > 100);
    let big = dir.file("big.md", long.as_bytes());
    let small = dir.file("small.txt", b"Some text.\n");
    let out = copydesk(&["check", "--format", "json", &big, &small], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = json_of(&out);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "document-too-large");
    assert_eq!(diags[0]["severity"], "information");
    assert_eq!(
        diags[0]["message"],
        format!(
            "This document is {} bytes, over copydesk's limit of 100 bytes, so it is not checked. Split it, or raise maxDocumentSize in .copydesk.toml.",
            long.len()
        )
    );
    assert_eq!(diags[0]["range"]["start"]["line"], 0);
    assert_eq!(diags[0]["range"]["end"]["line"], 0);
    assert_eq!(json["files"][1]["diagnostics"], serde_json::json!([]));

    let human = copydesk(&["check", &big], None);
    let text = String::from_utf8(human.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with(&format!(
            "{big}:1:1: information[document-too-large]: This document is "
        )),
        "{text}"
    );

    // 0 means no limit: the unattributed quote is found again.
    dir.file(".copydesk.toml", b"maxDocumentSize = 0\n");
    let json = json_of(&copydesk(&["check", "--format", "json", &big], None));
    let codes: Vec<_> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        codes.contains(&"unattributed-quote".to_string()),
        "{codes:?}"
    );
}
