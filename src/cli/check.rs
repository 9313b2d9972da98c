//! `copydesk check`: diagnostics like a compiler's, JSON, SARIF 2.1.0 (for
//! code-scanning UIs) or GitHub workflow annotations.
//!
//! The exit status is 1 when a diagnostic at or above the severity
//! threshold (default: warning) is found, 2 when a file or the `--config`
//! file could not be read, else 0. `--quiet` prints only the diagnostics at
//! or above the threshold, in every format, and no summary; without it the
//! human format ends with a summary line on standard error.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use copydesk::rules::RULES;
use copydesk::{Diagnostic, Severity};
use serde_json::{json, Value};

use super::{input, Analyzed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people: `path:line:column: severity[code]: message`.
    Human,
    /// For tools: the JSON shape documented in the README.
    Json,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=...::message`).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    Error,
    Warning,
    Information,
    Hint,
}

impl Threshold {
    pub fn severity(self) -> Severity {
        match self {
            Threshold::Error => Severity::Error,
            Threshold::Warning => Severity::Warning,
            Threshold::Information => Severity::Information,
            Threshold::Hint => Severity::Hint,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories (walked for .md, .markdown and .txt); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// The exit status is 1 when a diagnostic of this severity or worse is found.
    #[arg(long, value_enum, default_value = "warning")]
    pub severity_threshold: Threshold,
    /// Print only the diagnostics at or above the threshold, and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Use this config file for every file instead of the nearest .copydesk.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// Options of one rendering.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: CheckFormat,
    pub threshold: Severity,
    pub quiet: bool,
}

/// Run `copydesk check`; returns the exit status.
pub fn main(args: &CheckArgs) -> i32 {
    let options = Options {
        format: args.format,
        threshold: args.severity_threshold.severity(),
        quiet: args.quiet,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let print_errors = |errors: &[String]| {
        for e in errors {
            eprintln!("copydesk: {e}");
        }
    };
    let (result, tally, errors) = match options.format {
        // One line per diagnostic: each file is printed as soon as it and
        // the files before it are analysed.
        CheckFormat::Human | CheckFormat::Github => {
            let mut tally = Tally::default();
            let mut result = Ok(0);
            let errors =
                input::stream_with(&args.paths, args.config.as_deref(), print_errors, |f| {
                    tally.add(&f, options.threshold);
                    if result.is_ok() {
                        result = write_file(&f, options, &mut out).map(|()| 0);
                    }
                });
            let failed = tally.failing > 0;
            (result.map(|_| i32::from(failed)), tally, errors)
        }
        // One JSON document for all files.
        CheckFormat::Json | CheckFormat::Sarif => {
            let (files, errors) = input::load_with(&args.paths, args.config.as_deref());
            print_errors(&errors);
            // No summary line in these formats: nothing to tally.
            let status = render_with(&files, options, &mut out);
            (status, Tally::default(), errors.len())
        }
    };
    let status = match result {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("copydesk: {e}");
            2
        }
    };
    let _ = out.flush();
    if options.format == CheckFormat::Human && !options.quiet {
        eprintln!("{}", tally.summary(options.threshold));
    }
    if errors == 0 {
        status
    } else {
        2
    }
}

/// The diagnostics of one file, in the human or GitHub format.
fn write_file(f: &Analyzed, options: Options, out: &mut dyn Write) -> std::io::Result<()> {
    let shown = |d: &Diagnostic| !options.quiet || d.severity <= options.threshold;
    for d in f.analysis.diagnostics.iter().filter(|d| shown(d)) {
        match options.format {
            CheckFormat::Github => writeln!(out, "{}", github_line(f, d))?,
            _ => {
                let (line, col) = f.line_col(d.range.start);
                writeln!(
                    out,
                    "{}:{}:{}: {}[{}]: {}",
                    f.path,
                    line + 1,
                    col + 1,
                    d.severity.as_str(),
                    d.code,
                    d.message
                )?
            }
        }
    }
    Ok(())
}

/// Write the diagnostics of `files` and return the exit status: 1 when any
/// is at or above the threshold.
pub fn render_with(
    files: &[Analyzed],
    options: Options,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let shown = |d: &Diagnostic| !options.quiet || d.severity <= options.threshold;
    match options.format {
        CheckFormat::Human | CheckFormat::Github => {
            for f in files {
                write_file(f, options, out)?;
            }
        }
        CheckFormat::Json => {
            let files_json: Vec<_> = files
                .iter()
                .map(|f| {
                    let diags: Vec<_> = f
                        .analysis
                        .diagnostics
                        .iter()
                        .filter(|d| shown(d))
                        .map(|d| json!({"code": d.code, "severity": d.severity.as_str(), "message": d.message, "range": f.range_json(&d.range), "byte_range": [d.range.start, d.range.end]}))
                        .collect();
                    json!({"path": f.path, "diagnostics": diags})
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({"files": files_json}))?
            )?;
        }
        CheckFormat::Sarif => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&sarif(files, &shown))?
            )?;
        }
    }
    let failed = files
        .iter()
        .flat_map(|f| &f.analysis.diagnostics)
        .any(|d| d.severity <= options.threshold);
    Ok(i32::from(failed))
}

/// What the summary line counts, file by file.
#[derive(Debug, Default)]
pub struct Tally {
    /// Per severity (error, warning, information, hint).
    counts: [usize; 4],
    files: usize,
    with_findings: usize,
    failing: usize,
}

impl Tally {
    pub fn add(&mut self, f: &Analyzed, threshold: Severity) {
        self.files += 1;
        if !f.analysis.diagnostics.is_empty() {
            self.with_findings += 1;
        }
        for d in &f.analysis.diagnostics {
            self.counts[d.severity as usize] += 1;
            if d.severity <= threshold {
                self.failing += 1;
            }
        }
    }
    /// "3 problems (1 error, 2 warnings) in 2 of 4 files; failing at warning or worse."
    pub fn summary(&self, threshold: Severity) -> String {
        let counts = self.counts;
        let total: usize = counts.iter().sum();
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let verdict = if self.failing == 0 {
            format!("none at {} or worse", threshold.as_str())
        } else {
            format!(
                "{} at {} or worse",
                plural(self.failing, "problem"),
                threshold.as_str()
            )
        };
        if total == 0 {
            return format!("copydesk: no problems in {}", plural(self.files, "file"));
        }
        let parts: Vec<String> = [
            ("error", 0),
            ("warning", 1),
            ("information", 2),
            ("hint", 3),
        ]
        .iter()
        .filter(|(_, i)| counts[*i] > 0)
        .map(|(w, i)| {
            if *w == "information" {
                format!("{} information", counts[*i])
            } else {
                plural(counts[*i], w)
            }
        })
        .collect();
        format!(
            "copydesk: {} ({}) in {} of {}; {verdict}",
            plural(total, "problem"),
            parts.join(", "),
            self.with_findings,
            plural(self.files, "file")
        )
    }
}

/// SARIF level of a severity: information and hint are notes.
fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A relative URI reference for a path: `/` separators, and the characters
/// a URI does not allow percent-encoded.
fn uri_of(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF 2.1.0 log of one run. Columns are 1-based UTF-16 code units
/// (SARIF's default column kind); end columns are exclusive.
pub fn sarif(files: &[Analyzed], shown: &dyn Fn(&Diagnostic) -> bool) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.info.code,
                "shortDescription": {"text": r.info.description},
                "fullDescription": {"text": r.info.description},
                "defaultConfiguration": {"level": sarif_level(r.info.default_severity)},
                "helpUri": "https://example.invalid/copydesk#rules",
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for d in f.analysis.diagnostics.iter().filter(|d| shown(d)) {
            let (sl, sc) = f.line_col(d.range.start);
            let (el, ec) = f.line_col(d.range.end);
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_of(&f.path)},
                        "region": {"startLine": sl + 1, "startColumn": sc + 1, "endLine": el + 1, "endColumn": ec + 1}
                    }
                }],
                "properties": {"severity": d.severity.as_str()},
            });
            if let Some(i) = RULES.iter().position(|r| r.info.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let (sl, sc) = f.line_col(r.range.start);
                        let (el, ec) = f.line_col(r.range.end);
                        json!({
                            "id": i,
                            "message": {"text": r.message},
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri_of(&f.path)},
                                "region": {"startLine": sl + 1, "startColumn": sc + 1, "endLine": el + 1, "endColumn": ec + 1}
                            }
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/copydesk",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

/// Escape the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`
/// (error, warning; information and hint are notices).
pub fn github_line(f: &Analyzed, d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    };
    let (sl, sc) = f.line_col(d.range.start);
    let (el, ec) = f.line_col(d.range.end);
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&f.path),
        sl + 1,
        sc + 1,
        el + 1,
        ec + 1,
        escape_property(&format!("copydesk {}", d.code)),
        escape_data(&d.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::{Config, KnowledgeBase, Markup};

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(uri_of("news/my story #1.md"), "news/my%20story%20%231.md");
        assert_eq!(uri_of("-"), "stdin");
    }

    /// A file with one fake diagnostic per (severity, text) pair, on `target`.
    fn file(path: &str, text: &str, found: &[(Severity, &'static str, &str)]) -> Analyzed {
        let mut f = Analyzed::new(
            path.into(),
            text.into(),
            Markup::PlainText,
            KnowledgeBase::empty(),
            &Config::default(),
        );
        for (severity, code, target) in found {
            let start = text.find(target).expect("target in text");
            f.analysis.diagnostics.push(Diagnostic {
                code,
                severity: *severity,
                message: format!("Problem with {target}, 100%\nreally"),
                range: start..start + target.len(),
                related: Vec::new(),
                fixes: Vec::new(),
            });
        }
        f
    }

    fn run(
        files: &[Analyzed],
        format: CheckFormat,
        threshold: Severity,
        quiet: bool,
    ) -> (i32, String) {
        let mut out = Vec::new();
        let status = render_with(
            files,
            Options {
                format,
                threshold,
                quiet,
            },
            &mut out,
        )
        .unwrap();
        (status, String::from_utf8(out).unwrap())
    }

    #[test]
    fn exit_status_follows_the_threshold() {
        let hint = [file(
            "a.txt",
            "One “two” three.",
            &[(Severity::Hint, "quote-mark-spacing", "two")],
        )];
        assert_eq!(
            run(&hint, CheckFormat::Human, Severity::Warning, false).0,
            0
        );
        assert_eq!(
            run(&hint, CheckFormat::Human, Severity::Information, false).0,
            0
        );
        assert_eq!(run(&hint, CheckFormat::Human, Severity::Hint, false).0, 1);
        let warning = [file(
            "a.txt",
            "One two.",
            &[(Severity::Warning, "unattributed-quote", "two")],
        )];
        assert_eq!(
            run(&warning, CheckFormat::Human, Severity::Error, false).0,
            0
        );
        assert_eq!(
            run(&warning, CheckFormat::Human, Severity::Warning, false).0,
            1
        );
        assert_eq!(
            run(&warning, CheckFormat::Sarif, Severity::Warning, false).0,
            1
        );
        let error = [file(
            "a.txt",
            "One two.",
            &[(Severity::Error, "unattributed-quote", "two")],
        )];
        assert_eq!(
            run(&error, CheckFormat::Github, Severity::Error, false).0,
            1
        );
        assert_eq!(
            run(
                &[file("a.txt", "Clean.", &[])],
                CheckFormat::Json,
                Severity::Hint,
                false
            )
            .0,
            0
        );
    }

    #[test]
    fn quiet_shows_only_what_fails() {
        let f = [file(
            "a.txt",
            "One two three.",
            &[
                (Severity::Hint, "quote-mark-spacing", "One"),
                (Severity::Error, "unattributed-quote", "three"),
            ],
        )];
        let (_, loud) = run(&f, CheckFormat::Human, Severity::Warning, false);
        assert_eq!(loud.matches("a.txt:").count(), 2);
        let (status, quiet) = run(&f, CheckFormat::Human, Severity::Warning, true);
        assert_eq!(status, 1);
        assert_eq!(
            quiet,
            "a.txt:1:9: error[unattributed-quote]: Problem with three, 100%\nreally\n"
        );
        assert_eq!(
            summary(&f, Severity::Warning),
            "copydesk: 2 problems (1 error, 1 hint) in 1 of 1 file; 1 problem at warning or worse"
        );
        assert_eq!(
            summary(&[file("a.txt", "x", &[])], Severity::Warning),
            "copydesk: no problems in 1 file"
        );
    }

    fn summary(files: &[Analyzed], threshold: Severity) -> String {
        let mut tally = Tally::default();
        for f in files {
            tally.add(f, threshold);
        }
        tally.summary(threshold)
    }

    #[test]
    fn github_annotations() {
        let f = file(
            "news/a,b.txt",
            "Line one.\nIt’s “two” here.",
            &[
                (Severity::Warning, "unattributed-quote", "“two”"),
                (Severity::Hint, "quote-mark-spacing", "here"),
            ],
        );
        let (_, out) = run(
            std::slice::from_ref(&f),
            CheckFormat::Github,
            Severity::Warning,
            false,
        );
        let lines: Vec<_> = out.lines().collect();
        assert_eq!(
            lines,
            vec![
                "::warning file=news/a%2Cb.txt,line=2,col=6,endLine=2,endColumn=11,title=copydesk unattributed-quote::Problem with “two”, 100%25%0Areally",
                "::notice file=news/a%2Cb.txt,line=2,col=12,endLine=2,endColumn=16,title=copydesk quote-mark-spacing::Problem with here, 100%25%0Areally",
            ]
        );
    }

    /// The `required` lists of the SARIF 2.1.0 schema
    /// (sarif-schema-2.1.0.json) for the objects copydesk writes.
    fn assert_sarif_required(log: &Value) {
        let has = |v: &Value, keys: &[&str], what: &str| {
            for k in keys {
                assert!(v.get(k).is_some(), "{what} lacks required `{k}`: {v}");
            }
        };
        has(log, &["version", "runs"], "sarifLog");
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(
            log["$schema"],
            "https://json.schemastore.org/sarif-2.1.0.json"
        );
        for run in log["runs"].as_array().unwrap() {
            has(run, &["tool"], "run");
            has(&run["tool"], &["driver"], "tool");
            has(&run["tool"]["driver"], &["name"], "toolComponent");
            for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
                has(rule, &["id"], "reportingDescriptor");
                has(
                    &rule["shortDescription"],
                    &["text"],
                    "multiformatMessageString",
                );
                assert!(["none", "note", "warning", "error"]
                    .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
            }
            for result in run["results"].as_array().unwrap() {
                has(result, &["message"], "result");
                assert!(
                    result["message"]["text"].is_string(),
                    "message needs text or id"
                );
                assert!(["none", "note", "warning", "error"]
                    .contains(&result["level"].as_str().unwrap()));
                for loc in result["locations"].as_array().unwrap() {
                    let region = &loc["physicalLocation"]["region"];
                    assert!(loc["physicalLocation"]["artifactLocation"]["uri"].is_string());
                    for k in ["startLine", "startColumn", "endLine", "endColumn"] {
                        assert!(region[k].as_u64().unwrap() >= 1, "{k} must be at least 1");
                    }
                }
            }
        }
    }

    #[test]
    fn sarif_log() {
        let f = file(
            "news/story one.md",
            "Line one.\nIt’s “two” here.",
            &[
                (Severity::Warning, "unattributed-quote", "“two”"),
                (Severity::Hint, "quote-mark-spacing", "here"),
            ],
        );
        let (_, out) = run(
            std::slice::from_ref(&f),
            CheckFormat::Sarif,
            Severity::Warning,
            false,
        );
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_sarif_required(&log);
        let run0 = &log["runs"][0];
        let driver = &run0["tool"]["driver"];
        assert_eq!(driver["name"], "copydesk");
        assert!(driver["informationUri"].is_string());
        let ids: Vec<_> = driver["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        let codes: Vec<_> = RULES.iter().map(|r| r.info.code.to_string()).collect();
        assert_eq!(ids, codes);
        let results = run0["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        let r = &results[0];
        assert_eq!(r["ruleId"], "unattributed-quote");
        assert_eq!(
            driver["rules"][r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "unattributed-quote"
        );
        assert_eq!(r["level"], "warning");
        assert_eq!(results[1]["level"], "note");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "news/story%20one.md");
        assert_eq!(
            loc["region"],
            serde_json::json!({"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 11})
        );
        // Quiet keeps only the failing result.
        let (_, quiet) = run(
            std::slice::from_ref(&f),
            CheckFormat::Sarif,
            Severity::Warning,
            true,
        );
        let quiet: Value = serde_json::from_str(&quiet).unwrap();
        assert_eq!(quiet["runs"][0]["results"].as_array().unwrap().len(), 1);
    }
}
