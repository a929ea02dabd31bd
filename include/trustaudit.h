/*
 * trustaudit: audit TLS trust from C.
 *
 * Conventions (every function follows them):
 *  - Fallible functions return a trustaudit_result; 0 (TRUSTAUDIT_RESULT_OK) is success. After
 *    any other value, trustaudit_last_error() says why, per thread.
 *  - Out-parameters are written only on success.
 *  - NULL is an error code, never undefined behaviour; (NULL, 0) is the empty buffer; every
 *    _free(NULL) is a no-op.
 *  - Bytes and text come as (pointer, length), never NUL-terminated; text must be UTF-8.
 *  - Handles (trustaudit_store, trustaudit_cert, ...) are immutable and may be shared between
 *    threads; each constructor's result is released with the matching _free. Strings returned
 *    through char ** are released with trustaudit_string_free.
 *  - Check trustaudit_abi_version() == TRUSTAUDIT_ABI_VERSION at start-up.
 */


#ifndef TRUSTAUDIT_H
#define TRUSTAUDIT_H

/* Generated from src/ffi by cbindgen. Do not edit; run `make header`. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/** The ABI this header describes; compare with trustaudit_abi_version() at start-up. */
#define TRUSTAUDIT_ABI_VERSION 1
/** The library version this header was generated from; trustaudit_version() returns it. */
#define TRUSTAUDIT_VERSION "0.1.0"
#if defined(__GNUC__) || defined(__clang__)
#  define TRUSTAUDIT_DEPRECATED(why) __attribute__((deprecated(why)))
#else
#  define TRUSTAUDIT_DEPRECATED(why)
#endif


/**
 * Outcome of a trustaudit call. 0 is success; other values are grouped by hundreds by what the
 * caller can do about them. Values are fixed forever: a retired code is never reused.
 *
 * Functions return it as a `uint32_t`-sized value; after any value other than
 * `TRUSTAUDIT_RESULT_OK`, `trustaudit_last_error()` says why in words.
 */
enum trustaudit_result
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Success: out-parameters have been written.
   */
  TRUSTAUDIT_RESULT_OK = 0,
  /**
   * A required pointer argument was NULL (or a buffer pointer was NULL with a nonzero length).
   */
  TRUSTAUDIT_RESULT_NULL_ARGUMENT = 100,
  /**
   * An argument's value is out of range or not accepted (index, selector, option).
   */
  TRUSTAUDIT_RESULT_INVALID_ARGUMENT = 101,
  /**
   * A text argument is not valid UTF-8; the message names the argument.
   */
  TRUSTAUDIT_RESULT_INVALID_UTF8 = 102,
  /**
   * A caller-supplied buffer is too small.
   */
  TRUSTAUDIT_RESULT_BUFFER_TOO_SMALL = 103,
  /**
   * Input bytes are not what they claim to be (bad DER, bad PEM, no certificate, too large).
   */
  TRUSTAUDIT_RESULT_PARSE_ERROR = 200,
  /**
   * A file or directory could not be read.
   */
  TRUSTAUDIT_RESULT_IO = 300,
  /**
   * A file, directory or requested item does not exist.
   */
  TRUSTAUDIT_RESULT_NOT_FOUND = 301,
  /**
   * A network operation failed (DNS, connect, TLS handshake).
   */
  TRUSTAUDIT_RESULT_NETWORK = 302,
  /**
   * A blocking operation ran out of time.
   */
  TRUSTAUDIT_RESULT_TIMEOUT = 303,
  /**
   * The library panicked; this is a bug, please report it with the message.
   */
  TRUSTAUDIT_RESULT_PANIC = 900,
  /**
   * An internal invariant did not hold; this is a bug, please report it with the message.
   */
  TRUSTAUDIT_RESULT_INTERNAL = 901,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_result trustaudit_result;
#else
typedef uint32_t trustaudit_result;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * A TLS client whose trust and verification rules trustaudit models. Functions take it as a
 * `uint32_t`; a value not listed here gives `TRUSTAUDIT_RESULT_INVALID_ARGUMENT`. Values are
 * fixed forever; new runtimes get new numbers.
 */
enum trustaudit_runtime
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Go's crypto/x509 (`go mod download`, most Go programs).
   */
  TRUSTAUDIT_RUNTIME_GO = 0,
  /**
   * OpenSSL's default verify paths and `X509_check_host`.
   */
  TRUSTAUDIT_RUNTIME_OPENSSL = 1,
  /**
   * curl (its compiled-in CA path, `CURL_CA_BUNDLE`).
   */
  TRUSTAUDIT_RUNTIME_CURL = 2,
  /**
   * Python's `ssl` module default context.
   */
  TRUSTAUDIT_RUNTIME_PYTHON = 3,
  /**
   * certifi's bundle as `requests` uses it (`REQUESTS_CA_BUNDLE`).
   */
  TRUSTAUDIT_RUNTIME_CERTIFI = 4,
  /**
   * pip (its vendored certifi, or the system store through truststore).
   */
  TRUSTAUDIT_RUNTIME_PIP = 5,
  /**
   * Node.js (compiled-in Mozilla set plus `NODE_EXTRA_CA_CERTS`).
   */
  TRUSTAUDIT_RUNTIME_NODE = 6,
  /**
   * git over HTTPS (`http.sslCAInfo`, `GIT_SSL_CAINFO`).
   */
  TRUSTAUDIT_RUNTIME_GIT = 7,
  /**
   * cargo (`http.cainfo`, `CARGO_HTTP_CAINFO`).
   */
  TRUSTAUDIT_RUNTIME_CARGO = 8,
  /**
   * rustls with rustls-webpki (the strict profile, no CN fallback).
   */
  TRUSTAUDIT_RUNTIME_RUSTLS = 9,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_runtime trustaudit_runtime;
#else
typedef uint32_t trustaudit_runtime;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * Why a chain did not verify; the `failure` field of `trustaudit_verification`. Values are
 * fixed forever; a cause added to the library later than this header reads as
 * `TRUSTAUDIT_VERIFY_FAILURE_OTHER` (the JSON result names it).
 */
enum trustaudit_verify_failure
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * The chain verified.
   */
  TRUSTAUDIT_VERIFY_FAILURE_NONE = 0,
  /**
   * No root in the store issued the chain's top certificate (Go: "certificate signed by
   * unknown authority"; OpenSSL: "unable to get local issuer certificate").
   */
  TRUSTAUDIT_VERIFY_FAILURE_UNKNOWN_ISSUER = 1,
  /**
   * The server's certificate is self-signed and not in the store.
   */
  TRUSTAUDIT_VERIFY_FAILURE_SELF_SIGNED_LEAF = 2,
  /**
   * The chain ends in a root the store does not hold.
   */
  TRUSTAUDIT_VERIFY_FAILURE_UNTRUSTED_ROOT = 3,
  /**
   * A certificate on the path expired before the verification time.
   */
  TRUSTAUDIT_VERIFY_FAILURE_EXPIRED = 4,
  /**
   * A certificate on the path is not valid yet at the verification time.
   */
  TRUSTAUDIT_VERIFY_FAILURE_NOT_YET_VALID = 5,
  /**
   * The path verified but the name is not one the certificate presents.
   */
  TRUSTAUDIT_VERIFY_FAILURE_NAME_MISMATCH = 6,
  /**
   * A signature on the path does not verify.
   */
  TRUSTAUDIT_VERIFY_FAILURE_BAD_SIGNATURE = 7,
  /**
   * A CA certificate was presented as the server's certificate.
   */
  TRUSTAUDIT_VERIFY_FAILURE_CA_USED_AS_END_ENTITY = 8,
  /**
   * An issuer on the path is not a CA.
   */
  TRUSTAUDIT_VERIFY_FAILURE_NOT_A_CA = 9,
  /**
   * A CA's path length constraint is exceeded.
   */
  TRUSTAUDIT_VERIFY_FAILURE_PATH_LEN_EXCEEDED = 10,
  /**
   * A name constraint on the path forbids the server's names.
   */
  TRUSTAUDIT_VERIFY_FAILURE_NAME_CONSTRAINT_VIOLATION = 11,
  /**
   * A signature or key algorithm is not supported.
   */
  TRUSTAUDIT_VERIFY_FAILURE_UNSUPPORTED_ALGORITHM = 12,
  /**
   * The server's certificate does not allow the requested usage.
   */
  TRUSTAUDIT_VERIFY_FAILURE_WRONG_USAGE = 13,
  /**
   * A certificate carries a critical extension the verifier does not understand.
   */
  TRUSTAUDIT_VERIFY_FAILURE_UNSUPPORTED_CRITICAL_EXTENSION = 14,
  /**
   * A certificate on the path is explicitly distrusted.
   */
  TRUSTAUDIT_VERIFY_FAILURE_DISTRUSTED = 15,
  /**
   * A certificate is malformed or violates the profile.
   */
  TRUSTAUDIT_VERIFY_FAILURE_INVALID = 16,
  /**
   * The chain holds more certificates than path building considers.
   */
  TRUSTAUDIT_VERIFY_FAILURE_TOO_MANY_CERTIFICATES = 17,
  /**
   * Path building gave up after exhausting its budget.
   */
  TRUSTAUDIT_VERIFY_FAILURE_BUDGET_EXCEEDED = 18,
  /**
   * A cause this header does not list; see the JSON result.
   */
  TRUSTAUDIT_VERIFY_FAILURE_OTHER = 999,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_verify_failure trustaudit_verify_failure;
#else
typedef uint32_t trustaudit_verify_failure;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * What the leaf is verified for; the `usage` field of `trustaudit_verify_options`.
 */
enum trustaudit_usage
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * A TLS server certificate (the default).
   */
  TRUSTAUDIT_USAGE_SERVER_AUTH = 0,
  /**
   * A TLS client certificate.
   */
  TRUSTAUDIT_USAGE_CLIENT_AUTH = 1,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_usage trustaudit_usage;
#else
typedef uint32_t trustaudit_usage;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * Which rules apply; the `profile` field of `trustaudit_verify_options`.
 */
enum trustaudit_profile
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Browser / CA/Browser Forum rules: rustls-webpki plus the checks it leaves out (the
   * default).
   */
  TRUSTAUDIT_PROFILE_STRICT = 0,
  /**
   * rustls-webpki exactly as rustls uses it.
   */
  TRUSTAUDIT_PROFILE_WEBPKI = 1,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_profile trustaudit_profile;
#else
typedef uint32_t trustaudit_profile;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * Why a runtime refuses a certificate for a name; the `reason` field of
 * `trustaudit_name_result`. Values are fixed forever; a reason added to the library later than
 * this header reads as `TRUSTAUDIT_NAME_MISMATCH_OTHER` (the JSON result names it).
 */
enum trustaudit_name_mismatch
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * The name matched.
   */
  TRUSTAUDIT_NAME_MISMATCH_NONE = 0,
  /**
   * The certificate presents no DNS name, IP address or CN this runtime looks at.
   */
  TRUSTAUDIT_NAME_MISMATCH_NO_NAMES = 1,
  /**
   * No presented name is related to the reference name.
   */
  TRUSTAUDIT_NAME_MISMATCH_NOT_PRESENTED = 2,
  /**
   * The name is only in the subject CN, which this runtime never reads.
   */
  TRUSTAUDIT_NAME_MISMATCH_CN_ONLY_IGNORED = 3,
  /**
   * The CN matches but this runtime ignores it because the SAN holds DNS names.
   */
  TRUSTAUDIT_NAME_MISMATCH_CN_IGNORED_BECAUSE_SAN_PRESENT = 4,
  /**
   * An IP address only matches an iPAddress SAN here, not a DNS name or the CN.
   */
  TRUSTAUDIT_NAME_MISMATCH_IP_NEVER_MATCHES_DNS = 5,
  /**
   * The IP SAN is the IPv4-mapped IPv6 form of the address (or the reverse).
   */
  TRUSTAUDIT_NAME_MISMATCH_IP_FAMILY_DIFFERS = 6,
  /**
   * A wildcard outside the left-most label.
   */
  TRUSTAUDIT_NAME_MISMATCH_WILDCARD_NOT_LEFTMOST = 7,
  /**
   * A partial-label wildcard (`f*.example.com`), refused here.
   */
  TRUSTAUDIT_NAME_MISMATCH_PARTIAL_WILDCARD = 8,
  /**
   * A wildcard directly over a public suffix (`*.co.uk`).
   */
  TRUSTAUDIT_NAME_MISMATCH_WILDCARD_OVER_PUBLIC_SUFFIX = 9,
  /**
   * A bare `*` as the whole name.
   */
  TRUSTAUDIT_NAME_MISMATCH_BARE_WILDCARD = 10,
  /**
   * A wildcard stands for exactly one label.
   */
  TRUSTAUDIT_NAME_MISMATCH_WILDCARD_LABEL_COUNT = 11,
  /**
   * A wildcard inside or against an IDNA A-label.
   */
  TRUSTAUDIT_NAME_MISMATCH_WILDCARD_AND_IDNA = 12,
  /**
   * The wildcard would have to match characters this runtime does not let it match.
   */
  TRUSTAUDIT_NAME_MISMATCH_WILDCARD_CHARACTERS = 13,
  /**
   * More than one `*` in the left-most label.
   */
  TRUSTAUDIT_NAME_MISMATCH_TOO_MANY_WILDCARDS = 14,
  /**
   * The names differ by a trailing dot this runtime does not strip.
   */
  TRUSTAUDIT_NAME_MISMATCH_TRAILING_DOT = 15,
  /**
   * The presented name holds bytes no hostname holds (NUL, space, …).
   */
  TRUSTAUDIT_NAME_MISMATCH_MALFORMED_PRESENTED_NAME = 16,
  /**
   * The presented name is a Unicode U-label, not an A-label.
   */
  TRUSTAUDIT_NAME_MISMATCH_UNICODE_PRESENTED_NAME = 17,
  /**
   * A reason this header does not list; see the JSON result.
   */
  TRUSTAUDIT_NAME_MISMATCH_OTHER = 999,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_name_mismatch trustaudit_name_mismatch;
#else
typedef uint32_t trustaudit_name_mismatch;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * Which presented identity matched; the `matched_by` field of `trustaudit_name_result`.
 */
enum trustaudit_presented
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Nothing matched.
   */
  TRUSTAUDIT_PRESENTED_NONE = 0,
  /**
   * A subjectAltName dNSName.
   */
  TRUSTAUDIT_PRESENTED_DNS_SAN = 1,
  /**
   * A subjectAltName iPAddress.
   */
  TRUSTAUDIT_PRESENTED_IP_SAN = 2,
  /**
   * The subject's commonName (the legacy fallback some runtimes still apply).
   */
  TRUSTAUDIT_PRESENTED_COMMON_NAME = 3,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_presented trustaudit_presented;
#else
typedef uint32_t trustaudit_presented;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * An X.509 certificate (opaque). Immutable: one handle may be used from several threads at
 * once. Every function that gives one out hands the caller a reference that must be released
 * with `trustaudit_cert_free`; a certificate taken from a store stays valid after the store is
 * freed.
 */
typedef struct trustaudit_cert trustaudit_cert;

/**
 * A presented chain (opaque): the server's certificate first, then intermediates in any
 * order. Immutable: one handle may be used from several threads at once. Release it with
 * `trustaudit_chain_free`.
 */
typedef struct trustaudit_chain trustaudit_chain;

/**
 * A trust store (opaque): a named, de-duplicated, immutable set of root certificates plus the
 * problems met while loading it. One handle may be used from several threads at once. Every
 * constructor hands the caller a reference that must be released with
 * `trustaudit_store_free`.
 */
typedef struct trustaudit_store trustaudit_store;

/**
 * A trust store prepared for verification (opaque): its roots parsed into trust anchors once,
 * so verifying many chains costs no re-parsing. Immutable: one verifier may be used from
 * several threads at once. Release it with `trustaudit_verifier_free`.
 */
typedef struct trustaudit_verifier trustaudit_verifier;

/**
 * A SHA-256 digest (32 bytes), returned by value through an out-parameter.
 */
typedef struct trustaudit_sha256 {
  /**
   * The digest bytes, most significant first, as `sha256sum` prints them.
   */
  uint8_t bytes[32];
} trustaudit_sha256;

/**
 * The outcome of one name check, written by `trustaudit_name_check`.
 */
typedef struct trustaudit_name_result {
  /**
   * Whether the runtime accepts the certificate for the name.
   */
  bool matched;
  /**
   * A `trustaudit_name_mismatch` value; 0 when matched.
   */
  uint32_t reason;
  /**
   * A `trustaudit_presented` value: which identity matched; 0 when none did.
   */
  uint32_t matched_by;
} trustaudit_name_result;

/**
 * Options for verification. Pass NULL for the defaults (now, server use, strict profile), or
 * zero the struct and set what you need: all-zero means the defaults too.
 */
typedef struct trustaudit_verify_options {
  /**
   * Verification time in seconds since the Unix epoch; used only when `use_time` is nonzero,
   * else the current time.
   */
  int64_t time;
  /**
   * Nonzero to verify at `time` instead of now.
   */
  uint32_t use_time;
  /**
   * A `trustaudit_usage` value.
   */
  uint32_t usage;
  /**
   * A `trustaudit_profile` value.
   */
  uint32_t profile;
} trustaudit_verify_options;

/**
 * The outcome of one verification, written by `trustaudit_verify`.
 */
typedef struct trustaudit_verification {
  /**
   * Whether the chain verified: path, validity, usage and (when one was given) the name.
   */
  bool trusted;
  /**
   * Whether a path to a root of the store verified, whatever the name check said.
   */
  bool path_verified;
  /**
   * The main reason for rejection: a `trustaudit_verify_failure` value, 0 when trusted.
   */
  uint32_t failure;
  /**
   * Certificates on the verified path including the store's root; 0 when no path verified.
   */
  size_t path_len;
} trustaudit_verification;

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * Parses one DER-encoded certificate. `der` is copied: it may be freed as soon as this
 * returns. On success `*cert_out` receives a new certificate the caller owns and must release
 * with `trustaudit_cert_free`; on failure `*cert_out` is left untouched.
 *
 * Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` when the bytes are not exactly one certificate
 * (empty, truncated, trailing bytes, over 256 KiB), `TRUSTAUDIT_RESULT_NULL_ARGUMENT` when
 * `cert_out` is NULL or `der` is NULL with a nonzero length. Thread-safe.
 *
 * # Safety
 * `der` must be readable for `der_len` bytes (or NULL with `der_len == 0`); `cert_out` must
 * be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_cert_from_der(const uint8_t *der,
                                           size_t der_len,
                                           const struct trustaudit_cert **cert_out);

/**
 * Parses the first certificate in PEM text (text around the block is ignored), or one DER
 * certificate. `pem` is copied. On success `*cert_out` receives a new certificate the caller
 * must release with `trustaudit_cert_free`; on failure it is left untouched.
 *
 * Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` for input with no certificate, a damaged or
 * truncated PEM block, or bad DER inside it. Thread-safe.
 *
 * # Safety
 * `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `cert_out` must
 * be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_cert_from_pem(const uint8_t *pem,
                                           size_t pem_len,
                                           const struct trustaudit_cert **cert_out);

/**
 * Releases a certificate reference. NULL is a no-op. Calling this twice with the same pointer
 * is undefined behaviour. Thread-safe with respect to other references to the same
 * certificate.
 *
 * # Safety
 * `cert` must be NULL or a certificate returned by this library and not yet released.
 */
void trustaudit_cert_free(const struct trustaudit_cert *cert);

/**
 * Writes the subject as an RFC 4514 string (for example `"C=US, O=Let's Encrypt, CN=R11"`)
 * to `*subject_out`, and its length in bytes without the terminating NUL to `*len_out` unless
 * `len_out` is NULL. The caller releases the string with `trustaudit_string_free`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `subject_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_cert_subject(const struct trustaudit_cert *cert,
                                          char **subject_out,
                                          size_t *len_out);

/**
 * Writes the issuer as an RFC 4514 string to `*issuer_out` (length to `*len_out` unless
 * NULL). Release the string with `trustaudit_string_free`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `issuer_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_cert_issuer(const struct trustaudit_cert *cert,
                                         char **issuer_out,
                                         size_t *len_out);

/**
 * Points `*der_out` at the certificate's DER bytes and writes their length to `*len_out`.
 * The bytes belong to the certificate: do not free them; they stay valid until `cert` is
 * released.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `der_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_cert_der(const struct trustaudit_cert *cert,
                                      const uint8_t **der_out,
                                      size_t *len_out);

/**
 * Writes the SHA-256 of the certificate's SubjectPublicKeyInfo (the key identity that HPKP
 * pins and `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` use) to
 * `*digest_out`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `digest_out` NULL or writable for one
 * `trustaudit_sha256`.
 */
trustaudit_result trustaudit_cert_spki_sha256(const struct trustaudit_cert *cert,
                                              struct trustaudit_sha256 *digest_out);

/**
 * Writes the SHA-256 fingerprint of the whole certificate (its DER) to `*digest_out`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `digest_out` NULL or writable for one
 * `trustaudit_sha256`.
 */
trustaudit_result trustaudit_cert_sha256(const struct trustaudit_cert *cert,
                                         struct trustaudit_sha256 *digest_out);

/**
 * Writes a JSON document (`{"schema":"trustaudit/1","kind":"certificate",...}` with
 * `subject`, `issuer`, `serial`, `not_before`, `not_after`, `sha256`, `spki_sha256`, `key`)
 * to `*json_out` (length to `*len_out` unless NULL). Release it with `trustaudit_string_free`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `json_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_cert_json(const struct trustaudit_cert *cert,
                                       char **json_out,
                                       size_t *len_out);

/**
 * Parses every certificate in PEM text (as a server's chain file or `openssl s_client
 * -showcerts` prints it; text around blocks is ignored) or one DER certificate, in order.
 * `pem` is copied. On success `*chain_out` receives a new chain the caller must release with
 * `trustaudit_chain_free`; on failure it is left untouched.
 *
 * Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` when the input holds no certificate or a block is
 * damaged (the message names it). Thread-safe.
 *
 * # Safety
 * `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `chain_out` must
 * be NULL or writable for one pointer.
 */
trustaudit_result trustaudit_chain_from_pem(const uint8_t *pem,
                                            size_t pem_len,
                                            const struct trustaudit_chain **chain_out);

/**
 * Builds a chain from `count` certificates (`certs[0]` the server's). The chain takes its own
 * references: the caller may free the certificates and the array right after this returns.
 * `(NULL, 0)` gives an empty chain (which verification refuses). Returns
 * `TRUSTAUDIT_RESULT_NULL_ARGUMENT` naming the element when one of them is NULL. On success
 * `*chain_out` receives a new chain the caller must release with `trustaudit_chain_free`.
 * Thread-safe.
 *
 * # Safety
 * `certs` must be NULL (with `count == 0`) or readable for `count` pointers, each NULL or a
 * live certificate; `chain_out` must be NULL or writable for one pointer.
 */
trustaudit_result trustaudit_chain_from_certs(const struct trustaudit_cert *const *certs,
                                              size_t count,
                                              const struct trustaudit_chain **chain_out);

/**
 * Releases a chain. NULL is a no-op; calling it twice with the same pointer is undefined
 * behaviour.
 *
 * # Safety
 * `chain` must be NULL or a chain returned by this library and not yet released.
 */
void trustaudit_chain_free(const struct trustaudit_chain *chain);

/**
 * The number of certificates in the chain; 0 when `chain` is NULL (the last error then says
 * so). Thread-safe.
 *
 * # Safety
 * `chain` must be NULL or a live chain.
 */
size_t trustaudit_chain_len(const struct trustaudit_chain *chain);

/**
 * Gives the certificate at `index` (0 is the server's). On success `*cert_out` receives a new
 * reference the caller must release with `trustaudit_cert_free`. Returns
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when `index` is out of range.
 *
 * # Safety
 * `chain` must be NULL or a live chain; `cert_out` NULL or writable for one pointer.
 */
trustaudit_result trustaudit_chain_cert(const struct trustaudit_chain *chain,
                                        size_t index,
                                        const struct trustaudit_cert **cert_out);

/**
 * Checks whether `cert` is valid for `name` (a DNS name, a Unicode name, or an IPv4/IPv6
 * address; UTF-8 bytes, not NUL-terminated) by `runtime`'s rules (a `trustaudit_runtime`
 * value) and writes the outcome to `*result_out`. Only the name is checked: see
 * `trustaudit_verify` for the chain.
 *
 * A mismatch is not an error: the call returns `TRUSTAUDIT_RESULT_OK` with `matched = false`.
 * Errors: `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for a name no client could connect to (empty,
 * a NUL, bad characters, too long) or an unknown runtime, `TRUSTAUDIT_RESULT_INVALID_UTF8`,
 * `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed to the caller. Thread-safe.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `name` readable for `name_len` bytes (or NULL
 * with 0); `result_out` NULL or writable for one `trustaudit_name_result`.
 */
trustaudit_result trustaudit_name_check(const struct trustaudit_cert *cert,
                                        const uint8_t *name,
                                        size_t name_len,
                                        uint32_t runtime,
                                        struct trustaudit_name_result *result_out);

/**
 * As `trustaudit_name_check`, by the strict RFC 9525 profile browsers apply (SAN only, one
 * left-most whole-label wildcard, never over a public suffix).
 *
 * # Safety
 * As `trustaudit_name_check`.
 */
trustaudit_result trustaudit_name_check_strict(const struct trustaudit_cert *cert,
                                               const uint8_t *name,
                                               size_t name_len,
                                               struct trustaudit_name_result *result_out);

/**
 * Checks `name` against `cert` for every runtime and the strict profile and writes JSON to
 * `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
 * "name_check","name":…,"strict":{…},"runtimes":[{"runtime":"go","matched":…,"matched_by":
 * {"type":"dns_san","value":…}|null,"presented":[…],"reason":…,"reason_name":…,"message":
 * <the runtime's own error text>|null},…]}`. Release it with `trustaudit_string_free`.
 *
 * # Safety
 * `cert` must be NULL or a live certificate; `name` readable for `name_len` bytes (or NULL
 * with 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one
 * `size_t`.
 */
trustaudit_result trustaudit_name_check_json(const struct trustaudit_cert *cert,
                                             const uint8_t *name,
                                             size_t name_len,
                                             char **json_out,
                                             size_t *len_out);

/**
 * The message of the last failed trustaudit call on this thread, as a NUL-terminated UTF-8
 * string, or NULL if no call on this thread has failed yet.
 *
 * The string belongs to the library: do not free it. It stays valid until the next trustaudit
 * call on this thread (a successful call leaves the message in place, but do not rely on that:
 * read it right after the call that returned a code other than `TRUSTAUDIT_RESULT_OK`).
 * Each thread has its own message, so this is thread-safe.
 */
const char *trustaudit_last_error(void);

/**
 * Releases a string this library returned through a `char **` out-parameter (a JSON report,
 * a subject name, …). NULL is a no-op. Passing the same pointer twice, a pointer the library
 * did not return, or a string returned by `trustaudit_last_error`, `trustaudit_version` or
 * `trustaudit_result_name` (which are not owned by the caller) is undefined behaviour.
 * Thread-safe: a string may be freed on any thread.
 *
 * # Safety
 * `string` must be NULL or a pointer received from a trustaudit `char **` out-parameter that
 * has not been freed yet, with its bytes unmodified up to and including the terminating NUL.
 */
void trustaudit_string_free(char *string);

/**
 * The library's version as a NUL-terminated string such as `"0.1.0"`; equal to the header's
 * `TRUSTAUDIT_VERSION` when header and library match. Static: do not free. Thread-safe.
 */
const char *trustaudit_version(void);

/**
 * The ABI version compiled into the library. Programs compare it with the header's
 * `TRUSTAUDIT_ABI_VERSION` at start-up and refuse to run on a mismatch: the value changes only
 * when a function is removed or a signature or struct layout changes. Thread-safe.
 */
uint32_t trustaudit_abi_version(void);

/**
 * The name of a result code as written in the header (`"TRUSTAUDIT_RESULT_PARSE_ERROR"`), or
 * `"TRUSTAUDIT_RESULT_UNKNOWN"` for a value that is not a code. Never NULL. The string is
 * static: do not free it. Thread-safe.
 */
const char *trustaudit_result_name(uint32_t code);

/**
 * The selector's lowercase name as the command line and JSON reports spell it (`"go"`,
 * `"openssl"`, …), or NULL for a value that names no runtime. Static: do not free.
 * Thread-safe.
 */
const char *trustaudit_runtime_name(uint32_t runtime);

/**
 * Loads Mozilla's root set as compiled into the library (no file or network access). On
 * success `*store_out` receives a new store the caller must release with
 * `trustaudit_store_free`. Thread-safe.
 *
 * # Safety
 * `store_out` must be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_store_mozilla(const struct trustaudit_store **store_out);

/**
 * Loads the operating system's store the way OpenSSL-based tools find it: `SSL_CERT_FILE`
 * and `SSL_CERT_DIR` exclusively when either is set in this process's environment, else the
 * distribution's bundle and certificate directory (which applied is in the diagnostics JSON's
 * `notes`). Unreadable entries become diagnostics, never a failure. On success `*store_out`
 * receives a new store the caller must release with `trustaudit_store_free`. Reads the
 * environment: do not call it while another thread modifies the environment.
 *
 * # Safety
 * `store_out` must be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_store_system(const struct trustaudit_store **store_out);

/**
 * Loads a PEM bundle, a DER file, or a directory of them (including OpenSSL hashed
 * directories) from `path` (UTF-8 bytes, not NUL-terminated). The store is named after the
 * path. Bad entries do not fail the call: read them with `trustaudit_store_diagnostics_json`.
 *
 * Returns `TRUSTAUDIT_RESULT_NOT_FOUND` when the path does not exist,
 * `TRUSTAUDIT_RESULT_IO` when it cannot be read at all, `TRUSTAUDIT_RESULT_INVALID_UTF8` when
 * `path` is not UTF-8, `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when it is empty. On success
 * `*store_out` receives a new store the caller must release with `trustaudit_store_free`.
 * Thread-safe.
 *
 * # Safety
 * `path` must be readable for `path_len` bytes (or NULL with `path_len == 0`); `store_out`
 * must be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_store_from_path(const uint8_t *path,
                                             size_t path_len,
                                             const struct trustaudit_store **store_out);

/**
 * Builds a store named `"memory"` from a PEM bundle (any number of blocks, text around them
 * ignored) or one DER certificate. Bad entries do not fail the call (read them with
 * `trustaudit_store_diagnostics_json`); `(NULL, 0)` gives an empty store. `pem` is copied:
 * free it any time after this returns. Returns `TRUSTAUDIT_RESULT_PARSE_ERROR` only when the
 * input is over the 64 MiB limit. On success `*store_out` receives a new store the caller
 * owns and must release with `trustaudit_store_free`. Thread-safe.
 *
 * # Safety
 * `pem` must be readable for `pem_len` bytes (or NULL with `pem_len == 0`); `store_out`
 * must be NULL or point to writable storage for one pointer.
 */
trustaudit_result trustaudit_store_from_pem(const uint8_t *pem,
                                            size_t pem_len,
                                            const struct trustaudit_store **store_out);

/**
 * As `trustaudit_store_from_pem`, with the store named `name` (UTF-8 bytes, not
 * NUL-terminated; it appears in reports and verification messages). Returns
 * `TRUSTAUDIT_RESULT_INVALID_UTF8` naming `name` when it is not UTF-8.
 *
 * # Safety
 * `name` must be readable for `name_len` bytes and `bytes` for `bytes_len` bytes (each may be
 * NULL with a zero length); `store_out` must be NULL or writable for one pointer.
 */
trustaudit_result trustaudit_store_from_bytes(const uint8_t *name,
                                              size_t name_len,
                                              const uint8_t *bytes,
                                              size_t bytes_len,
                                              const struct trustaudit_store **store_out);

/**
 * Releases a store reference. Certificates and results obtained from it keep their own
 * references and stay valid. NULL is a no-op. Calling this twice with the same pointer is
 * undefined behaviour.
 *
 * # Safety
 * `store` must be NULL or a store returned by this library and not yet released.
 */
void trustaudit_store_free(const struct trustaudit_store *store);

/**
 * The number of distinct roots in the store; 0 when `store` is NULL (and the last error then
 * says so). Thread-safe.
 *
 * # Safety
 * `store` must be NULL or a live store.
 */
size_t trustaudit_store_len(const struct trustaudit_store *store);

/**
 * Gives the root at `index` (0-based, in load order, below `trustaudit_store_len`). On
 * success `*cert_out` receives a new certificate reference the caller must release with
 * `trustaudit_cert_free`; it stays valid after the store is freed. Returns
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` when `index` is out of range. Thread-safe.
 *
 * # Safety
 * `store` must be NULL or a live store; `cert_out` NULL or writable for one pointer.
 */
trustaudit_result trustaudit_store_root(const struct trustaudit_store *store,
                                        size_t index,
                                        const struct trustaudit_cert **cert_out);

/**
 * Writes whether a root with exactly the same DER as `cert` is in the store to `*found_out`.
 *
 * # Safety
 * `store` and `cert` must each be NULL or live handles; `found_out` NULL or writable for one
 * `bool`.
 */
trustaudit_result trustaudit_store_contains(const struct trustaudit_store *store,
                                            const struct trustaudit_cert *cert,
                                            bool *found_out);

/**
 * Writes the store's name (`"mozilla"`, `"system"`, a path, the name given) to `*name_out`
 * and its length to `*len_out` unless `len_out` is NULL. Release it with
 * `trustaudit_string_free`.
 *
 * # Safety
 * `store` must be NULL or a live store; `name_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_store_name(const struct trustaudit_store *store,
                                        char **name_out,
                                        size_t *len_out);

/**
 * Writes a JSON document describing how the store was loaded to `*json_out` (length to
 * `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"store_diagnostics","store":…,
 * "store_kind":…,"roots":N,"duplicates":N,"sources":[…],"notes":[…],"diagnostics":[{"source":…,
 * "location":{"line":N}|{"offset":N}|null,"reason":…}],"diagnostics_dropped":N}`. Release it
 * with `trustaudit_string_free`.
 *
 * # Safety
 * `store` must be NULL or a live store; `json_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_store_diagnostics_json(const struct trustaudit_store *store,
                                                    char **json_out,
                                                    size_t *len_out);

/**
 * Writes every root as JSON to `*json_out` (length to `*len_out` unless NULL):
 * `{"schema":"trustaudit/1","kind":"store_roots","store":…,"roots":[{"subject":…,"issuer":…,
 * "serial":…,"not_before":…,"not_after":…,"sha256":…,"spki_sha256":…,"key":…}, …]}` in load
 * order. Release it with `trustaudit_string_free`.
 *
 * # Safety
 * `store` must be NULL or a live store; `json_out` NULL or writable for one pointer;
 * `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_store_roots_json(const struct trustaudit_store *store,
                                              char **json_out,
                                              size_t *len_out);

/**
 * Prepares `store` for verification. The verifier keeps what it needs: the store may be
 * freed right after. On success `*verifier_out` receives a new verifier the caller must
 * release with `trustaudit_verifier_free`. Thread-safe.
 *
 * # Safety
 * `store` must be NULL or a live store; `verifier_out` NULL or writable for one pointer.
 */
trustaudit_result trustaudit_verifier_new(const struct trustaudit_store *store,
                                          const struct trustaudit_verifier **verifier_out);

/**
 * Releases a verifier. NULL is a no-op; calling it twice with the same pointer is undefined
 * behaviour.
 *
 * # Safety
 * `verifier` must be NULL or a verifier returned by this library and not yet released.
 */
void trustaudit_verifier_free(const struct trustaudit_verifier *verifier);

/**
 * Verifies `chain` against the verifier's store: path building, validity at the chosen time,
 * usage, and, when `name` is not empty, the name (a DNS name or an IP address, UTF-8 bytes,
 * not NUL-terminated; `(NULL, 0)` skips the name check). `options` may be NULL.
 *
 * A chain that does not verify is not an error: the call returns `TRUSTAUDIT_RESULT_OK` and
 * writes `trusted = false` and the reason to `*result_out`. Errors are
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (empty chain, a name that is neither a DNS name nor an
 * IP address, an unknown usage or profile), `TRUSTAUDIT_RESULT_INVALID_UTF8` (name) and
 * `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed to the caller. Thread-safe.
 *
 * # Safety
 * `verifier` and `chain` must each be NULL or live handles; `name` readable for `name_len`
 * bytes (or NULL with 0); `options` NULL or a live struct; `result_out` NULL or writable for
 * one `trustaudit_verification`.
 */
trustaudit_result trustaudit_verify(const struct trustaudit_verifier *verifier,
                                    const struct trustaudit_chain *chain,
                                    const uint8_t *name,
                                    size_t name_len,
                                    const struct trustaudit_verify_options *options,
                                    struct trustaudit_verification *result_out);

/**
 * As `trustaudit_verify`, writing the whole result as JSON to `*json_out` (length to
 * `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"verification","store":…,
 * "trusted":…,"path":{"path":[…],"anchor_source":…}|null,"failures":[{"kind":…,…}],
 * "findings":[…],"runtime_messages":[{"runtime":"go","accepts":…,"code":…,"text":…},…]}`.
 * Release it with `trustaudit_string_free`.
 *
 * # Safety
 * As `trustaudit_verify`; `json_out` NULL or writable for one pointer; `len_out` NULL or
 * writable for one `size_t`.
 */
trustaudit_result trustaudit_verify_json(const struct trustaudit_verifier *verifier,
                                         const struct trustaudit_chain *chain,
                                         const uint8_t *name,
                                         size_t name_len,
                                         const struct trustaudit_verify_options *options,
                                         char **json_out,
                                         size_t *len_out);

/**
 * Verifies `chain` against each of `stores[0..count]` and writes the matrix as JSON to
 * `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
 * "verify_matrix","rows":[{"store":…,"trusted":…,"failures":[…],"why":…}, …]}`, one row per
 * store in the order given. Release it with `trustaudit_string_free`. Name and options as for
 * `trustaudit_verify`. Returns `TRUSTAUDIT_RESULT_NULL_ARGUMENT` naming `stores[i]` when an
 * element is NULL. Thread-safe.
 *
 * # Safety
 * `stores` must be NULL (with `count == 0`) or readable for `count` pointers, each NULL or a
 * live store; the other arguments as for `trustaudit_verify_json`.
 */
trustaudit_result trustaudit_verify_matrix_json(const struct trustaudit_store *const *stores,
                                                size_t count,
                                                const struct trustaudit_chain *chain,
                                                const uint8_t *name,
                                                size_t name_len,
                                                const struct trustaudit_verify_options *options,
                                                char **json_out,
                                                size_t *len_out);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* TRUSTAUDIT_H */
