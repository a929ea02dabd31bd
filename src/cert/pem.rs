//! PEM block scanning with positions.
//!
//! rustls-pki-types decodes PEM but does not say *where* a block sits, and trust-store reports
//! must point at the line of a bad entry, and say which character is wrong. So this module finds
//! the blocks and their line numbers itself and decodes the base64 with the `base64` crate.
//! OpenSSL's `TRUSTED CERTIFICATE` blocks (a certificate followed by trust settings) are
//! decoded here, keeping only the certificate.


use crate::limits;

/// One decoded PEM block and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock {
    /// The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`.
    pub label: String,
    /// 1-based line of the BEGIN marker.
    pub line: usize,
    /// Byte offset of the BEGIN marker.
    pub offset: usize,
    /// Decoded contents. For `TRUSTED CERTIFICATE`, only the certificate part.
    pub der: Vec<u8>,
}

impl PemBlock {
    /// Whether this block holds a certificate (`CERTIFICATE`, `X509 CERTIFICATE` or
    /// `TRUSTED CERTIFICATE`).
    pub fn is_certificate(&self) -> bool {
        matches!(self.label.as_str(), "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE")
    }
}

/// A block that could not be decoded; scanning continues after it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct PemError {
    /// 1-based line where the bad block starts.
    pub line: usize,
    /// Byte offset of that line.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

/// Whether `input` starts like a DER SEQUENCE rather than text.
pub fn looks_like_der(input: &[u8]) -> bool {
    input.len() >= 2 && input[0] == 0x30 && (input[1] & 0x80 == 0 || (0x81..=0x84).contains(&input[1]))
}

/// Iterates over the PEM blocks in `input`, skipping text between them. Never panics;
/// bad blocks come out as `Err` and the scan goes on with the next line.
pub fn blocks(input: &[u8]) -> Blocks<'_> {
    Blocks { input, pos: 0, line: 0 }
}

/// Iterator returned by [`blocks`].
#[derive(Debug)]
pub struct Blocks<'a> {
    input: &'a [u8],
    pos: usize,
    line: usize,
}

struct Open {
    label: String,
    line: usize,
    offset: usize,
    body: Vec<u8>,
    too_large: bool,
}

// Base64 text for the largest certificate we accept, with slack for line breaks.
const MAX_BLOCK_TEXT: usize = limits::MAX_CERT_BYTES / 3 * 4 + 16 * 1024;

impl Blocks<'_> {
    fn next_line(&mut self) -> Option<(usize, usize, &[u8])> {
        if self.pos >= self.input.len() {
            return None;
        }
        let rest = &self.input[self.pos..];
        let (line, advance) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let offset = self.pos;
        self.pos += advance;
        self.line += 1;
        Some((self.line, offset, trim(line)))
    }
}

fn trim(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\r' | b' ' | b'\t'] = line {
        line = rest;
    }
    while let [b' ' | b'\t', rest @ ..] = line {
        line = rest;
    }
    line
}

fn marker<'l>(line: &'l [u8], kind: &[u8]) -> Option<&'l [u8]> {
    // Called on every line of a bundle: plain byte comparisons, no allocation.
    line.strip_prefix(b"-----")?.strip_prefix(kind)?.strip_prefix(b" ")?.strip_suffix(b"-----")
}

impl Iterator for Blocks<'_> {
    type Item = Result<PemBlock, PemError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut open: Option<Open> = None;
        loop {
            let Some((line_no, offset, line)) = self.next_line() else {
                return open.map(|o| {
                    Err(PemError {
                        line: o.line,
                        offset: o.offset,
                        reason: format!("-----BEGIN {}----- has no END line (truncated?)", o.label),
                    })
                });
            };
            if let Some(label) = marker(line, b"BEGIN") {
                let label = String::from_utf8_lossy(label).into_owned();
                if let Some(prev) = open.take() {
                    // Rewind so the new BEGIN is seen again on the next call.
                    self.pos = offset;
                    self.line = line_no - 1;
                    return Some(Err(PemError {
                        line: prev.line,
                        offset: prev.offset,
                        reason: format!(
                            "-----BEGIN {}----- is not closed before line {line_no}",
                            prev.label
                        ),
                    }));
                }
                open = Some(Open { label, line: line_no, offset, body: Vec::new(), too_large: false });
                continue;
            }
            let Some(o) = open.as_mut() else { continue };
            if let Some(label) = marker(line, b"END") {
                let Some(o) = open.take() else { continue };
                if label != o.label.as_bytes() {
                    return Some(Err(PemError {
                        line: o.line,
                        offset: o.offset,
                        reason: format!(
                            "-----BEGIN {}----- ends with -----END {}----- on line {line_no}",
                            o.label,
                            String::from_utf8_lossy(label)
                        ),
                    }));
                }
                return Some(decode(o));
            }
            // RFC 1421 encapsulated headers ("Proc-Type: ...") carry no base64.
            if line.contains(&b':') {
                continue;
            }
            if o.body.len() + line.len() > MAX_BLOCK_TEXT {
                o.too_large = true;
            } else {
                o.body.extend_from_slice(line);
            }
        }
    }
}

/// A base64 error in words; positions count base64 characters after line breaks are removed.
fn describe_base64(e: &base64::DecodeError, body: &[u8]) -> String {
    match e {
        base64::DecodeError::InvalidByte(at, byte) => {
            format!("character {:?} at position {at} is not base64", char::from(*byte))
        }
        base64::DecodeError::InvalidLength(n) => format!("{n} base64 characters cannot be a whole number of bytes"),
        base64::DecodeError::InvalidLastSymbol(at, byte) => {
            format!("the last character {:?} at position {at} has bits that are not zero", char::from(*byte))
        }
        // rustls-pki-types would accept this; OpenSSL (so curl, Python, git) and Go's
        // encoding/pem do not, and they are the readers a bundle is audited for.
        base64::DecodeError::InvalidPadding if body.len() % 4 != 0 && !body.ends_with(b"=") => {
            "the base64 text ends without its '=' padding (OpenSSL and Go skip such a block)".to_owned()
        }
        base64::DecodeError::InvalidPadding => "wrong '=' padding".to_owned(),
    }
}

fn decode(o: Open) -> Result<PemBlock, PemError> {
    let err = |reason: String| PemError { line: o.line, offset: o.offset, reason };
    if o.too_large {
        return Err(err(format!(
            "{} block is larger than the {}-byte certificate limit",
            o.label,
            limits::MAX_CERT_BYTES
        )));
    }
    if o.body.is_empty() {
        return Err(err(format!("{} block is empty", o.label)));
    }
    let raw = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(&o.body)
            .map_err(|e| err(format!("bad base64 in {} block: {}", o.label, describe_base64(&e, &o.body))))?
    };
    let der = if o.label == "TRUSTED CERTIFICATE" {
        let len = der_sequence_len(&raw).ok_or_else(|| {
            err("TRUSTED CERTIFICATE block does not start with a certificate".to_owned())
        })?;
        raw[..len].to_vec()
    } else {
        raw
    };
    Ok(PemBlock { label: o.label, line: o.line, offset: o.offset, der })
}

/// Length of the leading DER SEQUENCE (header included), if it fits in `raw`.
pub(crate) fn der_sequence_len(raw: &[u8]) -> Option<usize> {
    if raw.len() < 2 || raw[0] != 0x30 {
        return None;
    }
    let first = raw[1];
    let (len, header) = if first & 0x80 == 0 {
        (usize::from(first), 2usize)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || raw.len() < 2 + n {
            return None;
        }
        let mut len = 0usize;
        for &b in &raw[2..2 + n] {
            len = (len << 8) | usize::from(b);
        }
        (len, 2 + n)
    };
    let total = header.checked_add(len)?;
    (total <= raw.len()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_between_blocks_and_crlf_are_ignored() {
        let input = b"junk\r\n-----BEGIN FOO-----\r\nAAEC\r\n-----END FOO-----\r\nmore junk\n";
        let got: Vec<_> = blocks(input).collect();
        assert_eq!(got.len(), 1);
        let b = got[0].as_ref().unwrap();
        assert_eq!((b.label.as_str(), b.line, b.der.as_slice()), ("FOO", 2, &[0u8, 1, 2][..]));
    }

    #[test]
    fn missing_padding_is_refused_like_openssl_and_go_and_says_so() {
        // "AAEC" is three bytes; "AAE" is the same text with its padding dropped ("AAE=").
        let input = b"-----BEGIN CERTIFICATE-----\nAAE\n-----END CERTIFICATE-----\n";
        let got: Vec<_> = blocks(input).collect();
        let e = got[0].as_ref().unwrap_err();
        assert!(e.reason.contains("without its '=' padding"), "{}", e.reason);
        let input = b"-----BEGIN CERTIFICATE-----\nAA==AA==\n-----END CERTIFICATE-----\n";
        let e = blocks(input).next().unwrap().unwrap_err();
        assert!(!e.reason.contains("without its"), "{}", e.reason);
    }

    #[test]
    fn unterminated_block_reports_its_begin_line() {
        let input = b"\n\n-----BEGIN CERTIFICATE-----\nAAAA\n";
        let got: Vec<_> = blocks(input).collect();
        assert_eq!(got.len(), 1);
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("no END line"), "{}", e.reason);
    }

    #[test]
    fn a_second_begin_closes_the_first_block_with_an_error_and_is_still_read() {
        let input = b"-----BEGIN A-----\nAAAA\n-----BEGIN B-----\nAAEC\n-----END B-----\n";
        let got: Vec<_> = blocks(input).collect();
        assert_eq!(got.len(), 2);
        assert!(got[0].is_err());
        assert_eq!(got[1].as_ref().unwrap().label, "B");
    }

    #[test]
    fn der_sequence_length_is_bounded_by_input() {
        assert_eq!(der_sequence_len(&[0x30, 0x01, 0x00]), Some(3));
        assert_eq!(der_sequence_len(&[0x30, 0x82, 0xff, 0xff]), None);
        assert_eq!(der_sequence_len(&[0x31, 0x00]), None);
    }
}
