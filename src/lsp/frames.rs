//! The client's input, re-framed before tower-lsp reads it (issue 9).
//!
//! tower-lsp 0.20 reads stdin through a tokio-util `FramedRead`, which ends
//! the stream after the first frame it cannot decode: one malformed header
//! or JSON body from the editor and the server stopped reading for good.
//! Here every frame is checked first: a header block without a usable
//! `Content-Length` is skipped, and a body that is not a JSON-RPC message
//! is replaced by a notification tower-lsp ignores (`$/copydesk/malformed`),
//! each with a line on standard error. Everything else passes unchanged.
//!
//! A `Content-Length` is a claim, not a promise: the body is read as it
//! arrives, never allocated in advance (a header claiming 10^17 bytes
//! aborted the server on a failed allocation; the `frames` fuzz target
//! keeps that from coming back), and a claim over [`MAX_FRAME`] is skipped
//! like any other malformed header. The input is then read line by line
//! until the next `Content-Length` header, also one that runs on from the
//! end of a skipped body (`...}Content-Length: 52`), so the server finds
//! the next message instead of reading everything after the bad one as
//! its body. A read error on the input ends it, as the end of input does.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

const REPLACEMENT: &[u8] = br#"{"jsonrpc":"2.0","method":"$/copydesk/malformed"}"#;

/// The largest message read (256 MiB): a 50 MB document opened whole is
/// about 50 MB of JSON, and `maxDocumentSize` stops analysis at 8 MB by
/// default.
pub const MAX_FRAME: usize = 256 << 20;

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
        match input.read_until(b'\n', &mut line).await {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) => {
                eprintln!("copydesk: stopped reading from the editor: {e}");
                return Ok(None);
            }
        }
        // A header run on from the end of a body skipped before it.
        if let Some(at) = header_inside(&line) {
            line.drain(..at);
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
        Some(Ok(n)) if n > MAX_FRAME => {
            return Err(format!(
                "Content-Length {n} is over the largest message copydesk reads ({MAX_FRAME} bytes)"
            ))
        }
        Some(Ok(n)) => n,
        Some(Err(e)) => return Err(e),
        None => return Err("a header without Content-Length".into()),
    };
    // Read as it comes: the length is the client's word.
    let mut body = Vec::with_capacity(length.min(1 << 20));
    match (&mut *input)
        .take(length as u64)
        .read_to_end(&mut body)
        .await
    {
        Ok(n) if n == length => Ok(Some(body)),
        Ok(_) => Ok(None),
        Err(e) => {
            eprintln!("copydesk: stopped reading from the editor: {e}");
            Ok(None)
        }
    }
}

/// Where a `Content-Length` header starts inside `line`, when it does not
/// start the line: the rest of a line that holds a skipped body's end.
fn header_inside(line: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    if line.len() < NAME.len() || line[..NAME.len()].eq_ignore_ascii_case(NAME) {
        return None;
    }
    (1..=line.len() - NAME.len()).find(|&i| line[i..i + NAME.len()].eq_ignore_ascii_case(NAME))
}

/// A body tower-lsp can decode as a request, notification or response.
pub fn is_message(body: &[u8]) -> bool {
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

/// What [`sanitize`] makes of `input`, read to its end on a runtime of its
/// own: for the tests and the `frames` fuzz target.
pub fn sanitized(input: &[u8]) -> Vec<u8> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let input = input.to_vec();
    rt.block_on(async move {
        let mut out = Vec::new();
        sanitize(std::io::Cursor::new(input))
            .read_to_end(&mut out)
            .await
            .expect("the re-framed stream reads to its end");
        out
    })
}

/// The bodies of `out` when it is what [`sanitize`] must give: whole
/// frames, each a `Content-Length` header of at most [`MAX_FRAME`] and a
/// body that [`is_message`]; else what is wrong with it.
pub fn frame_bodies(mut out: &[u8]) -> Result<Vec<&[u8]>, String> {
    let mut bodies = Vec::new();
    while !out.is_empty() {
        let at = bodies.len();
        let rest = out
            .strip_prefix(b"Content-Length: ")
            .ok_or(format!("frame {at} does not open with its length"))?;
        let end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or(format!("frame {at}: no end of header"))?;
        let n: usize = std::str::from_utf8(&rest[..end])
            .ok()
            .and_then(|n| n.parse().ok())
            .filter(|&n| n <= MAX_FRAME)
            .ok_or(format!("frame {at}: a bad length"))?;
        let body = rest
            .get(end + 4..end + 4 + n)
            .ok_or(format!("frame {at}: cut short"))?;
        if !is_message(body) {
            return Err(format!(
                "frame {at} is not a JSON-RPC message: {}",
                String::from_utf8_lossy(body)
            ));
        }
        bodies.push(body);
        out = &rest[end + 4 + n..];
    }
    Ok(bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

    #[test]
    fn a_length_no_memory_can_hold_is_skipped() {
        // (This aborted the server on a failed allocation.)
        let mut input = b"Content-Length: 99999999999999999\r\n\r\n".to_vec();
        input.extend(frame(PING));
        assert_eq!(sanitized(&input), frame(PING));
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_FRAME + 1).into_bytes();
        input.extend(frame(PING));
        input.extend(frame(EXIT));
        assert_eq!(sanitized(&input), [frame(PING), frame(EXIT)].concat());
    }

    #[test]
    fn the_next_message_after_a_skipped_body_is_found() {
        // A body after a header that is skipped is read as header lines:
        // the next frame's header runs on from its last line.
        let mut input = b"Content-Length: twelve\r\n\r\n{\"a\":\n1}".to_vec();
        input.extend(frame(PING));
        input.extend(frame(EXIT));
        assert_eq!(sanitized(&input), [frame(PING), frame(EXIT)].concat());
    }

    #[test]
    fn a_body_cut_short_by_the_end_of_input_is_dropped() {
        let mut input = frame(PING);
        input.extend(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"");
        assert_eq!(sanitized(&input), frame(PING));
    }

    /// An input that fails every read.
    struct Broken;
    impl AsyncRead for Broken {
        fn poll_read(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            _: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Err(std::io::Error::other("broken pipe")))
        }
    }

    #[test]
    fn a_read_error_ends_the_input_instead_of_looping() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let out = rt.block_on(async {
            let mut out = Vec::new();
            sanitize(Broken).read_to_end(&mut out).await.expect("read");
            out
        });
        assert!(out.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever the editor sends, what tower-lsp reads is whole frames
        /// of JSON-RPC messages.
        #[test]
        fn only_whole_messages_come_out(pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just(frame(PING)),
                proptest::strategy::Just(frame(EXIT)),
                proptest::strategy::Just(b"Content-Length: ".to_vec()),
                proptest::strategy::Just(b"content-length:3\r\n".to_vec()),
                proptest::strategy::Just(b"\r\n".to_vec()),
                proptest::strategy::Just(b"\n\n".to_vec()),
                proptest::strategy::Just(b"{}".to_vec()),
                proptest::strategy::Just(b"99999999999999999".to_vec()),
                proptest::collection::vec(proptest::num::u8::ANY, 0..8),
            ],
            0..12,
        )) {
            let input = pieces.concat();
            let out = sanitized(&input);
            let bodies = frame_bodies(&out);
            proptest::prop_assert!(bodies.is_ok(), "{:?} -> {:?}: {:?}",
                String::from_utf8_lossy(&input), String::from_utf8_lossy(&out), bodies);
        }

        /// Well-formed input passes unchanged.
        #[test]
        fn well_formed_frames_pass_unchanged(which in proptest::collection::vec(proptest::bool::ANY, 0..8)) {
            let input: Vec<u8> = which.iter().flat_map(|&p| frame(if p { PING } else { EXIT })).collect();
            proptest::prop_assert_eq!(sanitized(&input), input);
        }
    }
}
