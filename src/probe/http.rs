//! The optional HTTP/1.1 request a probe sends after the handshake: one `GET` (or `HEAD`) with
//! no credentials, no cookies and no body, because the connection was not verified. The answer's
//! status, headers and (bounded) body are recorded.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use rustls::ClientConnection;
use serde::Serialize;

use super::error::{escape_prefix, Phase, ProbeError};
use super::net::{millis, parse_head, Bounded, Transport};
use crate::limits;

/// The request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `HEAD`.
    pub method: &'static str,
    /// Path and query, starting with `/`.
    pub path: String,
    /// Whether to read the body (up to `limits::MAX_HTTP_RESPONSE_BODY_BYTES`).
    pub read_body: bool,
}

impl HttpRequest {
    /// `GET path`, body read.
    pub fn get(path: &str) -> Self {
        Self { method: "GET", path: path.to_owned(), read_body: true }
    }
}

/// What the server answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResponse {
    /// Method and path sent.
    pub request: String,
    /// Status code.
    pub status: u16,
    /// Status line as sent.
    pub status_line: String,
    /// Headers (name, value) in order.
    pub headers: Vec<(String, String)>,
    /// Body bytes kept (after de-chunking).
    pub body_bytes: usize,
    /// Whether the body was longer than the limit and cut.
    pub body_truncated: bool,
    /// The body itself (not serialized; see `body_bytes`).
    #[serde(skip)]
    pub body: Vec<u8>,
    /// Milliseconds from request to the end of the body.
    pub elapsed_ms: u64,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub(crate) fn exchange(
    conn: &mut ClientConnection,
    stream: &mut dyn Transport,
    authority: &str,
    request: &HttpRequest,
    budget: Duration,
) -> Result<HttpResponse, ProbeError> {
    let started = Instant::now();
    let limit = limits::MAX_HTTP_RESPONSE_HEAD_BYTES + limits::MAX_HTTP_RESPONSE_BODY_BYTES + 64 * 1024;
    let mut io = Bounded::new(stream, Phase::Http, budget, limit);
    let text = format!(
        "{} {} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: trustaudit\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        request.method, request.path
    );
    let mut tls = rustls::Stream::new(conn, &mut io);
    let map = |e: &std::io::Error, io: &Bounded<'_>| -> ProbeError {
        match e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
            Some(tls) => ProbeError::Http { reason: tls.to_string() },
            None => io.error(e, "server"),
        }
    };
    if let Err(e) = tls.write_all(text.as_bytes()).and_then(|()| tls.flush()) {
        return Err(map(&e, &io));
    }
    let mut head = Vec::with_capacity(512);
    let mut byte = [0u8; 1];
    let outcome = loop {
        match tls.read(&mut byte) {
            Ok(0) => break Err(None),
            Ok(_) => head.push(byte[0]),
            Err(e) => break Err(Some(e)),
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            break Ok(());
        }
        if head.len() >= limits::MAX_HTTP_RESPONSE_HEAD_BYTES {
            return Err(ProbeError::TooLarge { phase: Phase::Http, limit: limits::MAX_HTTP_RESPONSE_HEAD_BYTES });
        }
    };
    if let Err(e) = outcome {
        return Err(match e {
            Some(e) => map(&e, &io),
            None if head.is_empty() => ProbeError::Closed { phase: Phase::Http },
            None => ProbeError::Http { reason: format!("answer ended inside its head: \"{}\"", escape_prefix(&head)) },
        });
    }
    let Some(parsed) = parse_head(&head) else {
        return Err(ProbeError::Http { reason: format!("not HTTP: \"{}\"", escape_prefix(&head)) });
    };
    let mut response = HttpResponse {
        request: format!("{} {}", request.method, request.path),
        status: parsed.status,
        status_line: parsed.status_line.clone(),
        headers: parsed.headers.clone(),
        body_bytes: 0,
        body_truncated: false,
        body: Vec::new(),
        elapsed_ms: 0,
    };
    if request.read_body && request.method != "HEAD" && !matches!(parsed.status, 100..=199 | 204 | 304) {
        let length = parsed.header("content-length").and_then(|v| v.parse::<usize>().ok());
        let cap = limits::MAX_HTTP_RESPONSE_BODY_BYTES;
        let want = length.map_or(cap + 1, |l| l.min(cap + 1));
        let mut body = Vec::new();
        let mut chunk = [0u8; 8192];
        while body.len() < want {
            match tls.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => body.extend_from_slice(&chunk[..n.min(want - body.len())]),
                // A server closing without close_notify after a complete body is common.
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => {
                    return Err(map(&e, &io));
                }
            }
        }
        if parsed.header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
            body = dechunk(&body);
        }
        response.body_truncated = body.len() > cap;
        body.truncate(cap);
        response.body_bytes = body.len();
        response.body = body;
    }
    response.elapsed_ms = millis(started.elapsed());
    Ok(response)
}

/// Decodes a chunked body; a malformed tail is dropped (the body is evidence, not data).
fn dechunk(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16) else { break };
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let Some(data) = rest.get(start..start.saturating_add(size)) else {
            out.extend_from_slice(&rest[start.min(rest.len())..]);
            break;
        };
        out.extend_from_slice(data);
        rest = rest.get(start + size + 2..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(super::dechunk(b"4\r\nv1.0\r\n7\r\n.0\nv1.1\r\n0\r\n\r\n"), b"v1.0.0\nv1.1");
    }
}
