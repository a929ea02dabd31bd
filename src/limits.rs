//! Resource limits applied to hostile input. Every limit here is enforced where the input
//! enters, produces a clear error naming the limit, and is listed in the README.

/// Largest certificate accepted, in DER bytes. Real certificates are a few KiB; the largest
/// public ones (with thousands of SANs) stay under 100 KiB.
pub const MAX_CERT_BYTES: usize = 256 * 1024;

/// Largest bundle file or in-memory bundle read by a store loader, in bytes.
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024 * 1024;

/// Most certificates accepted from one bundle, file or directory.
pub const MAX_CERTS_PER_BUNDLE: usize = 200_000;

/// Most diagnostics kept per store; later ones are counted, not stored, so memory stays bounded.
pub const MAX_DIAGNOSTICS: usize = 1_000;

/// Most files read from one directory.
pub const MAX_DIR_ENTRIES: usize = 100_000;

/// Largest TLS-encoded SCT list accepted (certificate extension, TLS extension or OCSP), in
/// bytes. Real lists carry two to five SCTs of about 120 bytes each.
pub const MAX_SCT_LIST_BYTES: usize = 16 * 1024;

/// Most SCTs accepted in one list. Browser policies ask for two or three; a list of thousands
/// is hostile input, not a certificate.
pub const MAX_SCTS_PER_LIST: usize = 64;

/// Largest OCSP response searched for stapled SCTs, in DER bytes.
pub const MAX_OCSP_RESPONSE_BYTES: usize = 256 * 1024;

/// Largest CT log list accepted by [`crate::ct::LogList::from_json`], in bytes.
pub const MAX_LOG_LIST_BYTES: usize = 4 * 1024 * 1024;

/// Most certificates in one chain handed to the interception verdict.
pub const MAX_VERDICT_CHAIN_CERTS: usize = 32;

/// Largest interception-product catalogue accepted, in bytes.
pub const MAX_CATALOGUE_BYTES: usize = 1024 * 1024;

/// Most bytes a probe reads from a server during the TLS handshake. A real handshake with a
/// long chain is well under 64 KiB; a hostile server sending more is cut off with an error.
pub const MAX_PROBE_HANDSHAKE_BYTES: usize = 1024 * 1024;

/// Most bytes a probe reads of a proxy's answer to CONNECT (status line and headers).
pub const MAX_PROXY_RESPONSE_BYTES: usize = 16 * 1024;

/// Most bytes of an HTTP response head (status line and headers) a probe reads.
pub const MAX_HTTP_RESPONSE_HEAD_BYTES: usize = 64 * 1024;

/// Most bytes of an HTTP response body a probe or `doctor` reads (a Go `@v/list` or a simple
/// index page); the rest is discarded unread.
pub const MAX_HTTP_RESPONSE_BODY_BYTES: usize = 1024 * 1024;

/// Most certificates a probe records from one presented chain.
pub const MAX_PROBE_CHAIN_CERTS: usize = 64;

/// Most lines read from a `scan` input file.
pub const MAX_SCAN_TARGETS: usize = 1_000_000;

/// Most probes `scan` runs at once.
pub const MAX_SCAN_CONCURRENCY: usize = 1024;

/// Longest reference name accepted as input to a name check, in bytes, before IDNA processing.
/// Far above any DNS name; it only keeps hostile input from reaching IDNA.
pub const MAX_NAME_INPUT_BYTES: usize = 1024;

/// Longest DNS name in A-label form without the trailing dot (RFC 1035: 255 octets on the
/// wire, so 253 characters in text).
pub const MAX_DNS_NAME_BYTES: usize = 253;

/// Most distinct certificates considered when verifying one presented chain. Real chains have
/// two to five; more is rejected with [`crate::verify::VerifyFailure::TooManyCertificates`]
/// before any signature check, so a 1,000-certificate "chain" costs microseconds.
pub const MAX_VERIFY_CHAIN_CERTS: usize = 64;

/// Deepest path walked when locating the certificate a verification failure is about.
pub const MAX_VERIFY_PATH_DEPTH: usize = 16;

/// Longest name accepted for a verification name check, in bytes (a DNS name is at most 253).
pub const MAX_VERIFY_NAME_BYTES: usize = 1024;

/// Most bytes of error text `trustaudit explain -` reads from stdin.
pub const MAX_EXPLAIN_TEXT_BYTES: usize = 1024 * 1024;
