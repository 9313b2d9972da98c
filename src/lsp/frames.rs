//! The client's input, re-framed before tower-lsp reads it (issue 9).
//!
//! tower-lsp 0.20 reads stdin through a tokio-util `FramedRead`, which ends
//! the stream after the first frame it cannot decode: one malformed header
//! or JSON body from the editor and the server stopped reading for good.
//! Here every frame is checked first: a header block without a usable
//! `Content-Length` is skipped, and a body that is not a JSON-RPC message
//! is replaced by a notification tower-lsp ignores (`$/copydesk/malformed`),
//! each with a line on standard error. Everything else passes unchanged.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

const REPLACEMENT: &[u8] = br#"{"jsonrpc":"2.0","method":"$/copydesk/malformed"}"#;

/// Spawn the checker on `input`; tower-lsp reads the returned stream.
pub fn sanitize<R: AsyncRead + Unpin + Send + 'static>(input: R) -> DuplexStream {
    let (mut tx, rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            let body = match read_frame(&mut input).await {
                Ok(Some(body)) => body,
                Ok(None) => break,
                Err(why) => {
                    eprintln!("copydesk: skipped malformed input from the editor: {why}");
                    continue;
                }
            };
            let body = if is_message(&body) {
                body
            } else {
                eprintln!(
                    "copydesk: skipped a message from the editor that is not JSON-RPC ({} bytes)",
                    body.len()
                );
                REPLACEMENT.to_vec()
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if tx.write_all(header.as_bytes()).await.is_err() || tx.write_all(&body).await.is_err()
            {
                break;
            }
        }
        let _ = tx.shutdown().await;
    });
    rx
}

/// One frame's body; `Ok(None)` at end of input; `Err` for a header block
/// without a valid `Content-Length` (the block is consumed).
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> Result<Option<Vec<u8>>, String> {
    let mut length: Option<Result<usize, String>> = None;
    let mut seen = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .read_until(b'\n', &mut line)
            .await
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if seen {
                break;
            }
            continue;
        }
        seen = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("Content-Length {:?} is not a number", value.trim())),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Err(e),
        None => return Err("a header without Content-Length".into()),
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body).await {
        Ok(_) => Ok(Some(body)),
        Err(_) => Ok(None),
    }
}

/// A body tower-lsp can decode as a request, notification or response.
fn is_message(body: &[u8]) -> bool {
    let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    if m.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    let id_ok = |id: Option<&Value>| {
        matches!(
            id,
            None | Some(Value::Null) | Some(Value::Number(_)) | Some(Value::String(_))
        )
    };
    match m.get("method") {
        Some(Value::String(_)) => id_ok(m.get("id")),
        Some(_) => false,
        None => {
            m.contains_key("id")
                && id_ok(m.get("id"))
                && (m.contains_key("result")
                    || m.get("error").is_some_and(|e| {
                        e.get("code").is_some_and(Value::is_i64)
                            && e.get("message").is_some_and(Value::is_string)
                    }))
        }
    }
}
