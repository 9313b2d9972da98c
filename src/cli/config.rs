//! `copydesk config`: `--schema` prints the JSON Schema of the settings;
//! `--print [PATH]` shows the effective settings for a file or folder and
//! where each value came from (default or a config file and its line).
//!
//! The human form of `--print` is itself a valid `.copydesk.toml`, each
//! value followed by a comment naming its origin.

use std::io::Write;
use std::path::{Path, PathBuf};

use copydesk::config::{self, schema, Effective, Source};
use copydesk::lsp::settings;
use serde_json::{json, Value};

use super::Format;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["schema", "print"])))]
pub struct ConfigArgs {
    /// Print the JSON Schema (draft 2020-12) of the settings.
    #[arg(long)]
    pub schema: bool,
    /// Print the effective settings for PATH (default: the current folder) and where each comes from.
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = ".")]
    pub print: Option<PathBuf>,
    /// Use this config file instead of the nearest .copydesk.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// Run `copydesk config`; returns the exit status.
pub fn main(args: &ConfigArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if args.schema {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&schema::json_schema()).unwrap_or_default()
        )
        .map(|_| 0)
    } else if let Some(path) = &args.print {
        print(path, args.config.as_deref(), args.format, &mut out)
    } else {
        Ok(2)
    };
    let _ = out.flush();
    match result {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("copydesk: {e}");
            2
        }
    }
}

/// Effective settings for `path`: the `--config` file or the nearest one.
/// Status 2 when the config file cannot be read.
fn print(
    path: &Path,
    explicit: Option<&Path>,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // A folder stands for a file inside it.
    let probe = if absolute.is_dir() {
        absolute.join("_")
    } else {
        absolute.clone()
    };
    let file = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => settings::discover(&probe),
    };
    let mut status = 0;
    let loaded = match &file {
        Some(f) => match settings::read_file(f) {
            Ok(fc) => {
                for e in &fc.errors {
                    eprintln!("copydesk: warning: {e}");
                }
                Some(fc)
            }
            Err(e) => {
                eprintln!("copydesk: {e}");
                status = 2;
                None
            }
        },
        None => None,
    };
    let effective = match &loaded {
        Some(fc) => config::resolve(&[(Source::File(fc.path.display().to_string()), &fc.layer)]),
        None => config::resolve(&[]),
    };
    match format {
        Format::Json => {
            let origins: serde_json::Map<String, Value> = effective
                .origins
                .iter()
                .map(|(k, o)| (k.clone(), json!(o)))
                .collect();
            let doc = json!({
                "path": absolute.display().to_string(),
                "configFile": loaded.as_ref().map(|f| f.path.display().to_string()),
                "settings": config::settings_json(&effective.config),
                "origins": origins,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        Format::Human => write_toml(
            &absolute,
            loaded.as_ref().map(|f| f.path.as_path()),
            &effective,
            out,
        )?,
    }
    Ok(status)
}

fn write_toml(
    path: &Path,
    file: Option<&Path>,
    e: &Effective,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let settings = config::settings_json(&e.config);
    writeln!(out, "# copydesk settings for {}", path.display())?;
    match file {
        Some(f) => writeln!(out, "# config file: {}", f.display())?,
        None => writeln!(out, "# config file: none found (defaults)")?,
    }
    let origin = |key: &str| {
        e.origins
            .get(key)
            .map(ToString::to_string)
            .unwrap_or_else(|| "default".into())
    };
    let line =
        |out: &mut dyn Write, key: &str, value: &Value, origin: String| -> std::io::Result<()> {
            let assignment = format!("{} = {}", toml_key(key), value);
            writeln!(out, "{assignment:<44} # {origin}")
        };
    for s in config::SETTINGS {
        match s.key {
            "rules" | "markup" => {}
            key => line(out, key, &settings[key], origin(key))?,
        }
    }
    writeln!(out)?;
    writeln!(out, "[markup]{:<36} # {}", "", origin("markup"))?;
    if let Some(globs) = settings["markup"].as_object() {
        for (glob, markup) in globs {
            writeln!(out, "{} = {}", toml_key(glob), markup)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "[rules]")?;
    if let Some(rules) = settings["rules"].as_object() {
        for (code, level) in rules {
            line(out, code, level, origin(&format!("rules.{code}")))?;
        }
    }
    Ok(())
}

/// A bare TOML key when it can be one, else a quoted one.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        Value::String(key.to_string()).to_string()
    }
}
