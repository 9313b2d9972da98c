//! The `copydesk` command: `lsp`, `check`, `sources`, `actors`, `outline`, `config`.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
