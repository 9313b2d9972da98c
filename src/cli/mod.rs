//! Command-line front end. Raw flags (clap) live here; each subcommand has a
//! file of its own that renders [`Analyzed`] files, so every subcommand
//! calls the same core as the language server.

pub mod actors;
pub mod check;
pub mod config;
pub mod input;
pub mod outline;
pub mod sources;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};

pub use input::Analyzed;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk inside the editor: quotes, sources, actors and sections of news copy."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: compiler-style lines, tables and trees.
    Human,
    /// For tools: the JSON shapes documented in the README.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct FileArgs {
    /// Files or directories (walked for .md, .markdown and .txt); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that append it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Report problems: unattributed quotes, broken quote marks, misspelled names.
    Check(check::CheckArgs),
    /// List every quotation and who said it.
    Sources(FileArgs),
    /// List the actors of each file: who or what, how introduced, how often mentioned.
    Actors(FileArgs),
    /// Show each file's sections and the quotes under them.
    Outline(FileArgs),
    /// Print the settings' JSON Schema, or the effective settings for a path.
    Config(config::ConfigArgs),
}

/// Run the CLI; returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Lsp { stdio: _ } => {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("copydesk: could not start the language server: {e}");
                    return 2;
                }
            };
            let status = rt.block_on(copydesk::lsp::run_stdio());
            // Analyses still running on blocking threads are abandoned.
            rt.shutdown_background();
            status
        }
        Command::Check(args) => check::main(&args),
        Command::Sources(args) => run_files(&args, sources::render),
        Command::Actors(args) => run_files(&args, actors::render),
        Command::Outline(args) => run_files(&args, outline::render),
        Command::Config(args) => config::main(&args),
    }
}

/// Read and analyse the files, render them, and return the exit status:
/// 2 when a file could not be read (after rendering the others), else what
/// the renderer says.
fn run_files(
    args: &FileArgs,
    render: fn(&[Analyzed], Format, &mut dyn Write) -> std::io::Result<i32>,
) -> i32 {
    let (files, errors) = input::load(&args.paths);
    for e in &errors {
        eprintln!("copydesk: {e}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let status = match render(&files, args.format, &mut out) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("copydesk: {e}");
            2
        }
    };
    let _ = out.flush();
    if errors.is_empty() {
        status
    } else {
        2
    }
}
