//! Command-line front end. Raw flags (clap) live here; each subcommand has a
//! file of its own and calls the same core as the language server.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "copydesk", version, about = "A copy desk inside the editor: quotes, sources, actors and sections of news copy.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that append it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
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
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
            rt.block_on(copydesk_lsp());
            0
        }
    }
}

async fn copydesk_lsp() {
    copydesk::lsp_run_stdio().await
}
