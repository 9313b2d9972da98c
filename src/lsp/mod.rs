//! The language server: stores documents, calls the core, speaks the protocol.
//!
//! `server.rs` holds the handler table (every request and notification in
//! one `impl LanguageServer`); `state.rs` the documents and settings;
//! `snapshot.rs` what a feature handler sees; `publisher.rs` the workers that
//! publish diagnostics; `features/` one module per feature. Nothing here
//! analyses text: that is [`crate::analyze`].

pub mod capabilities;
pub mod features;
pub mod frames;
pub mod publisher;
pub mod server;
pub mod settings;
pub mod snapshot;
pub mod state;
pub mod user_kb;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::sync::Notify;
use tower::Service;
use tower_lsp::jsonrpc::{Request, Response};

pub use server::Backend;

/// Serve LSP over standard input and output until the client sends `exit`
/// or closes its end. Returns the process exit status: 0 when the client
/// asked for `shutdown` first, 1 otherwise (LSP 3.17, `exit`).
pub async fn run_stdio() -> i32 {
    let stdin = frames::sanitize(tokio::io::stdin());
    let stdout = tokio::io::stdout();
    let (service, socket) = server::build_service();
    let state = service.inner().state.clone();
    let exited = Arc::new(Notify::new());
    let service = WatchExit {
        inner: service,
        exited: exited.clone(),
    };
    // tower-lsp 0.20 stops reading after `exit` but keeps its output loop
    // alive until the client closes the pipe; the spec wants the server to
    // exit on `exit` itself.
    tokio::select! {
        _ = tower_lsp::Server::new(stdin, stdout, socket).serve(service) => {}
        _ = exited.notified() => {}
    }
    if state.shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Passes every message to the service and signals `exited` once the
/// service has handled an `exit` notification.
struct WatchExit<S> {
    inner: S,
    exited: Arc<Notify>,
}

impl<S> Service<Request> for WatchExit<S>
where
    S: Service<Request, Response = Option<Response>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let exit = req.method() == "exit";
        let fut = self.inner.call(req);
        if exit {
            self.exited.notify_one();
        }
        fut
    }
}
