//! The `copydesk` command: `lsp`, `check`, `sources`, `actors`, `outline`, `config`.

mod cli;

/// The analysis makes and frees many small strings and vectors: mimalloc
/// takes a quarter off a 1 MiB keystroke (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
