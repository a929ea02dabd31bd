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
    /// Whether a runtime would see a damaged block here or only text.
    pub kind: PemErrorKind,
}

/// What a [`PemError`] is to the runtimes that read the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemErrorKind {
    /// A block that starts properly but cannot be decoded. OpenSSL fails on it (for a
    /// bundle, the whole file); Go skips the block.
    DamagedBlock,
    /// A block that a second BEGIN line interrupts before its END. Go skips it (and reads the
    /// block that BEGIN starts, as this scanner does); OpenSSL decodes it up to that line and
    /// swallows the inner block up to the next END.
    Interrupted {
        /// The block's label.
        label: String,
        /// What OpenSSL decodes: the base64 up to the inner BEGIN, when that decodes.
        openssl_der: Option<Vec<u8>>,
    },
    /// A line that looks like a BEGIN marker but is not one (indented, text around the
    /// dashes): OpenSSL and Go read it as text between blocks and move on silently.
    MarkerLikeText,
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

impl Open {
    /// This block, damaged for `reason`.
    fn damaged(&self, reason: String) -> PemError {
        PemError { line: self.line, offset: self.offset, reason, kind: PemErrorKind::DamagedBlock }
    }
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

/// Trailing whitespace only: OpenSSL and Go's encoding/pem take a marker only where it starts
/// the line, so leading whitespace must stay visible to the marker checks.
fn trim(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\r' | b' ' | b'\t'] = line {
        line = rest;
    }
    line
}

fn trim_start(mut line: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = line {
        line = rest;
    }
    line
}

/// Whether `line` holds `needle` (dashes and a marker word) anywhere. Called on every base64
/// line, which never holds a '-': one memchr answers those, and only lines with a dash pay for
/// the substring search.
fn holds(line: &[u8], needle: &[u8]) -> bool {
    memchr::memchr(b'-', line).is_some_and(|i| memchr::memmem::find(&line[i..], needle).is_some())
}

fn marker<'l>(line: &'l [u8], kind: &[u8]) -> Option<&'l [u8]> {
    // Called on every line of a bundle: plain byte comparisons, no allocation.
    let label = line.strip_prefix(b"-----")?.strip_prefix(kind)?.strip_prefix(b" ")?.strip_suffix(b"-----")?;
    // RFC 7468 labels are printable ASCII; anything else means two markers ran into one line
    // (a file with bare-CR line ends, say), which no runtime reads as a marker either.
    let printable = label.iter().all(|b| (0x20..=0x7e).contains(b));
    (printable && memchr::memmem::find(label, b"-----").is_none()).then_some(label)
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
                        kind: PemErrorKind::DamagedBlock,
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
                    let (prev_label, prev_line, prev_offset) = (prev.label.clone(), prev.line, prev.offset);
                    // Go's encoding/pem skips such a block, as we do. OpenSSL keeps
                    // reading it: its base64 decoder stops at the '-' of the inner BEGIN
                    // and the block ends at the next END line, swallowing the inner one.
                    let openssl_der = decode(prev).ok().map(|b| b.der);
                    return Some(Err(PemError {
                        line: prev_line,
                        offset: prev_offset,
                        reason: format!(
                            "-----BEGIN {prev_label}----- is not closed before line {line_no} \
                             (Go skips this block; OpenSSL reads it up to that line and drops the block that starts there)"
                        ),
                        kind: PemErrorKind::Interrupted { label: prev_label, openssl_der },
                    }));
                }
                open = Some(Open { label, line: line_no, offset, body: Vec::new(), too_large: false });
                continue;
            }
            let Some(o) = open.as_mut() else {
                // Text between blocks is skipped, except what looks like a BEGIN marker that
                // OpenSSL and Go would not read as one: the block it starts is lost to them.
                let reason = if let Some(label) = marker(trim_start(line), b"BEGIN") {
                    format!(
                        "-----BEGIN {}----- is indented; OpenSSL and Go only read a marker at the start of \
                         its line, so they skip this block",
                        String::from_utf8_lossy(label)
                    )
                } else if holds(line, b"-----BEGIN") {
                    // Also catches a marker after other text, e.g. in a file whose lines end in a
                    // bare CR: OpenSSL and Go split lines at LF only, as this scanner does.
                    "malformed BEGIN marker, or one that does not start its line; OpenSSL and Go \
                     skip the block it starts"
                        .to_owned()
                } else {
                    continue;
                };
                return Some(Err(PemError { line: line_no, offset, kind: PemErrorKind::MarkerLikeText, reason }));
            };
            if let Some(label) = marker(line, b"END") {
                let Some(o) = open.take() else { continue };
                if label != o.label.as_bytes() {
                    return Some(Err(o.damaged(format!(
                        "-----BEGIN {}----- ends with -----END {}----- on line {line_no}",
                        o.label,
                        String::from_utf8_lossy(label)
                    ))));
                }
                return Some(decode(o));
            }
            if holds(line, b"-----BEGIN") {
                return Some(Err(o.damaged(format!(
                    "-----BEGIN {}----- is not closed before line {line_no}, which holds a malformed BEGIN \
                     marker; OpenSSL and Go refuse this block",
                    o.label
                ))));
            }
            if holds(line, b"-----END") {
                return Some(Err(o.damaged(format!(
                    "-----BEGIN {}----- ends with a malformed END marker on line {line_no} (text around \
                     its dashes, or bare-CR line ends?); OpenSSL and Go refuse this block",
                    o.label
                ))));
            }
            // RFC 1421 encapsulated headers ("Proc-Type: ...") carry no base64.
            if line.contains(&b':') {
                continue;
            }
            if o.body.len() + line.len() > MAX_BLOCK_TEXT {
                o.too_large = true;
            } else {
                // Spaces, tabs and stray carriage returns inside the base64 are ignored by
                // OpenSSL and by Go's encoding/pem alike; other control characters are
                // refused by both, and here.
                if memchr::memchr3(b' ', b'\t', b'\r', line).is_none() {
                    o.body.extend_from_slice(line); // the usual line, copied in one go
                } else {
                    o.body.extend(line.iter().filter(|&&b| !matches!(b, b' ' | b'\t' | b'\r')));
                }
            }
        }
    }
}

/// Standard base64 as OpenSSL and Go read it in PEM: '=' padding required, but set bits past
/// the last whole byte ignored (neither checks them).
const PEM_BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

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
    let err = |reason: String| o.damaged(reason);
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
        PEM_BASE64
            .decode(&o.body)
            .map_err(|e| err(format!("bad base64 in {} block: {}", o.label, describe_base64(&e, &o.body))))?
    };
    let der = if o.label == "TRUSTED CERTIFICATE" {
        let len = der_sequence_len(&raw)
            .ok_or_else(|| err("TRUSTED CERTIFICATE block does not start with a certificate".to_owned()))?;
        raw[..len].to_vec()
    } else {
        raw
    };
    Ok(PemBlock { label: o.label, line: o.line, offset: o.offset, der })
}

/// Length of the leading DER SEQUENCE (header included), if it fits in `raw`.
pub(crate) fn der_sequence_len(raw: &[u8]) -> Option<usize> {
    let (0x30, _, rest) = super::der::tlv(raw)? else { return None };
    Some(raw.len() - rest.len())
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
    fn spaces_tabs_and_crs_inside_base64_are_skipped_like_openssl_and_go_but_form_feeds_are_not() {
        let input = b"-----BEGIN CERTIFICATE-----\nA\rA E\tC\n-----END CERTIFICATE-----\n";
        assert_eq!(blocks(input).next().unwrap().unwrap().der, [0u8, 1, 2]);
        let input = b"-----BEGIN CERTIFICATE-----\nAA\x0cEC\n-----END CERTIFICATE-----\n";
        assert!(blocks(input).next().unwrap().is_err());
    }

    /// The one thing `input` yields, which must be an error.
    fn only_error(input: &[u8]) -> PemError {
        let mut got: Vec<_> = blocks(input).collect();
        assert_eq!(got.len(), 1, "{got:?}");
        got.remove(0).unwrap_err()
    }

    #[test]
    fn an_indented_begin_is_reported_and_not_read_like_openssl_and_go() {
        let e = only_error(b"  -----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n");
        assert!(e.reason.contains("is indented"), "{e:?}");
        assert_eq!(e.kind, PemErrorKind::MarkerLikeText);
    }

    #[test]
    fn text_after_the_end_marker_is_refused_like_openssl_and_go() {
        let e = only_error(b"-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----xyz\n");
        assert!(e.reason.contains("malformed END marker on line 3"), "{}", e.reason);
        assert_eq!(e.kind, PemErrorKind::DamagedBlock);
    }

    #[test]
    fn set_bits_after_the_last_byte_are_ignored_like_openssl_and_go() {
        // "AAE=" is 00 01; "AAF=" sets one of the two bits past the second byte, "AB==" one
        // of the four past the first.
        let input = b"-----BEGIN CERTIFICATE-----\nAAF=\n-----END CERTIFICATE-----\n";
        assert_eq!(blocks(input).next().unwrap().unwrap().der, [0u8, 1]);
        let input = b"-----BEGIN CERTIFICATE-----\nAB==\n-----END CERTIFICATE-----\n";
        assert_eq!(blocks(input).next().unwrap().unwrap().der, [0u8]);
    }

    #[test]
    fn a_malformed_begin_marker_is_reported_instead_of_silently_skipped() {
        let e = only_error(b"-----BEGIN CERTIFICATE---  --\nAAEC\n-----END CERTIFICATE-----\n");
        assert!(e.reason.contains("malformed BEGIN marker"), "{e:?}");
        let e = only_error(b"-----BEGIN CERTIFICATE-----\rAAEC\r-----END CERTIFICATE-----\r");
        assert!(e.reason.contains("does not start its line"), "{e:?}");
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
        // What OpenSSL reads instead: the first block up to the second BEGIN ("AAAA").
        let kind = &got[0].as_ref().unwrap_err().kind;
        assert_eq!(*kind, PemErrorKind::Interrupted { label: "A".into(), openssl_der: Some(vec![0, 0, 0]) });
        assert_eq!(got[1].as_ref().unwrap().label, "B");
    }

    #[test]
    fn der_sequence_length_is_bounded_by_input() {
        assert_eq!(der_sequence_len(&[0x30, 0x01, 0x00]), Some(3));
        assert_eq!(der_sequence_len(&[0x30, 0x82, 0xff, 0xff]), None);
        assert_eq!(der_sequence_len(&[0x31, 0x00]), None);
    }
}
