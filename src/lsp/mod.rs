//! The language server: stores documents, calls the core, speaks the protocol.
//!
//! `server.rs` holds the handler table (every request and notification in
//! one `impl LanguageServer`); `state.rs` the documents and settings;
//! `snapshot.rs` what a feature handler sees; `features/` one module per
//! feature. Nothing here analyses text: that is [`crate::analyze`].

pub mod capabilities;
pub mod features;
pub mod server;
pub mod settings;
pub mod snapshot;
pub mod state;
pub mod user_kb;

pub use server::Backend;

/// Serve LSP over standard input and output until the client exits.
pub async fn run_stdio() {
    let stdin = tokio::io::stdin();
    let stdout = tokio::io::stdout();
    let (service, socket) = server::build_service();
    tower_lsp::Server::new(stdin, stdout, socket)
        .serve(service)
        .await;
}
