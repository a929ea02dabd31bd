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
