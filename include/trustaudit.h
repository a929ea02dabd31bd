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
/** Defined when the library was built with live network probes (feature `probe`, on by default). */
#define TRUSTAUDIT_FEATURE_PROBE 1
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
 * The verdict's level; the `level` field of `trustaudit_verdict`. Values are fixed forever.
 */
enum trustaudit_level
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Nothing points at interception.
   */
  TRUSTAUDIT_LEVEL_CLEAN = 0,
  /**
   * Some signals point at interception, not enough to be sure.
   */
  TRUSTAUDIT_LEVEL_SUSPECTED = 1,
  /**
   * Someone is re-signing this connection.
   */
  TRUSTAUDIT_LEVEL_INTERCEPTED = 2,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_level trustaudit_level;
#else
typedef uint32_t trustaudit_level;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * How a probe picks its proxy; the `proxy` field of `trustaudit_probe_options`.
 */
enum trustaudit_proxy_mode
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * From this process's environment by curl's rules (`https_proxy`, `HTTPS_PROXY`,
   * `all_proxy`, `NO_PROXY`); the default.
   */
  TRUSTAUDIT_PROXY_MODE_ENVIRONMENT_CURL = 0,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * From this process's environment by Go's rules (`HTTPS_PROXY`, `https_proxy`,
   * `NO_PROXY`), as `go mod download` decides.
   */
  TRUSTAUDIT_PROXY_MODE_ENVIRONMENT_GO = 1,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * Connect directly, whatever the environment says.
   */
  TRUSTAUDIT_PROXY_MODE_DIRECT = 2,
#endif
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_proxy_mode trustaudit_proxy_mode;
#else
typedef uint32_t trustaudit_proxy_mode;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus
#endif

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * The tool to diagnose; the `tool` argument of `trustaudit_doctor_json`. Values are fixed
 * forever.
 */
enum trustaudit_tool
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : uint32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * `go mod download` (target: a module path, default `golang.org/x/mod`).
   */
  TRUSTAUDIT_TOOL_GO = 0,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * `pip install` / `pip download` (target: a project, default `pip`).
   */
  TRUSTAUDIT_TOOL_PIP = 1,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * `npm install` (target: a package, default `npm`).
   */
  TRUSTAUDIT_TOOL_NPM = 2,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * `git clone` / `git fetch` over HTTPS (target: the remote URL, required).
   */
  TRUSTAUDIT_TOOL_GIT = 3,
#endif
#if defined(TRUSTAUDIT_FEATURE_PROBE)
  /**
   * `cargo fetch` (target: the registry index URL, default crates.io's sparse index).
   */
  TRUSTAUDIT_TOOL_CARGO = 4,
#endif
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum trustaudit_tool trustaudit_tool;
#else
typedef uint32_t trustaudit_tool;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus
#endif

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
 * What a verdict is judged against (opaque): the public root set and any local stores.
 * Immutable: one inspector may be used from several threads at once. Release it with
 * `trustaudit_inspector_free`.
 */
typedef struct trustaudit_inspector trustaudit_inspector;

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

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * Options for `trustaudit_doctor_json`. Pass NULL for the defaults; an all-zero struct means
 * the defaults too. Strings are UTF-8, not NUL-terminated, borrowed for the call only;
 * `(NULL, 0)` leaves each at its default.
 */
typedef struct trustaudit_doctor_options {
  /**
   * Time budget in milliseconds for each network phase; 0 means 10 seconds.
   */
  uint32_t timeout_ms;
  /**
   * What to fetch: see `trustaudit_tool` for each tool's meaning and default.
   */
  const uint8_t *target;
  /**
   * Length of `target` in bytes.
   */
  size_t target_len;
  /**
   * Where to write the CA bundle the fix points the tool at; default
   * `$XDG_CONFIG_HOME/trustaudit/<tool>-ca-bundle.pem` (or under `~/.config`).
   */
  const uint8_t *bundle_path;
  /**
   * Length of `bundle_path` in bytes.
   */
  size_t bundle_path_len;
  /**
   * A PEM file holding the interception root, when the proxy does not present it.
   */
  const uint8_t *root_path;
  /**
   * Length of `root_path` in bytes.
   */
  size_t root_path_len;
} trustaudit_doctor_options;
#endif

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
 * The outcome of one interception check, written by `trustaudit_inspect`.
 */
typedef struct trustaudit_verdict {
  /**
   * A `trustaudit_level` value.
   */
  uint32_t level;
  /**
   * How sure the verdict is, from 0.0 to 1.0.
   */
  float confidence;
  /**
   * How many evidence items the verdict rests on (read them with `trustaudit_inspect_json`).
   */
  uint32_t evidence_count;
  /**
   * The interception product's catalogue id (`"zscaler"`, `"mitmproxy"`, …) as a
   * NUL-terminated string, or `""` when no product was recognised.
   */
  char product[64];
} trustaudit_verdict;

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * Options for `trustaudit_probe_json`. Pass NULL for the defaults; an all-zero struct means
 * the defaults too. The strings are borrowed for the duration of the call only.
 */
typedef struct trustaudit_probe_options {
  /**
   * Time budget in milliseconds for each phase (DNS, TCP connect, proxy CONNECT, TLS
   * handshake); 0 keeps the defaults (5 s for DNS and TCP, 10 s for the proxy and TLS).
   */
  uint32_t timeout_ms;
  /**
   * A `trustaudit_proxy_mode` value.
   */
  uint32_t proxy;
  /**
   * The name to send in SNI (UTF-8, not NUL-terminated); `(NULL, 0)` sends the target host
   * (no SNI for an IP address, as clients do).
   */
  const uint8_t *sni;
  /**
   * Length of `sni` in bytes.
   */
  size_t sni_len;
  /**
   * Connect to this `address:port` instead of resolving the host, like curl's
   * `--connect-to` (`"127.0.0.1:8443"`, `"[::1]:443"`); `(NULL, 0)` resolves normally.
   */
  const uint8_t *connect_to;
  /**
   * Length of `connect_to` in bytes.
   */
  size_t connect_to_len;
} trustaudit_probe_options;
#endif

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
 * Lists the SCTs of the chain's leaf — embedded in the certificate, plus any in a stapled
 * OCSP response given as DER in `ocsp` (`(NULL, 0)` when there is none) — and checks each
 * signature against the CT log list compiled into the library. The issuer needed for
 * embedded SCTs is taken from the chain. Writes JSON to `*json_out` (length to `*len_out`
 * unless NULL): `{"schema":"trustaudit/1","kind":"sct_list","leaf":…,"issuer_found":…,
 * "log_list_version":…,"scts":[{"sct":{…},"log_description":…,"log_operator":…,"log_state":…,
 * "counts":…,"status":"verified"|"unknown_log"|"invalid_signature"|"unverifiable",
 * "detail":…},…]}`; a leaf without SCTs gives an empty list. Returns
 * `TRUSTAUDIT_RESULT_PARSE_ERROR` when the SCT list or the OCSP response is malformed and
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an empty chain. Release the string with
 * `trustaudit_string_free`. Thread-safe.
 *
 * # Safety
 * `chain` must be NULL or a live chain; `ocsp` readable for `ocsp_len` bytes (or NULL with
 * 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one
 * `size_t`.
 */
trustaudit_result trustaudit_sct_list_json(const struct trustaudit_chain *chain,
                                           const uint8_t *ocsp,
                                           size_t ocsp_len,
                                           char **json_out,
                                           size_t *len_out);

/**
 * Compares the roots of `a` and `b` (keyed by subject and key) and writes the result as JSON
 * to `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"diff",
 * "a":{…},"b":{…},"at":…,"reference":…,"counts":{"only_in_a":N,"only_in_b":N,"in_both":N,
 * "rekeyed":N,"locally_added":N,…},"only_in_a":[…],"only_in_b":[…],"rekeyed":[…],
 * "in_both":[…]}`. Each root carries flags (`locally_added`, `expired`, `weak_key`, …).
 *
 * `reference` is the set "locally added" is judged against (usually Mozilla's, from
 * `trustaudit_store_mozilla`); NULL flags nothing as locally added (the one pointer argument
 * here that may be NULL). Expiry is judged at `at` (seconds since the Unix epoch) when
 * `use_at` is nonzero, else now. Release the string with `trustaudit_string_free`.
 * Thread-safe.
 *
 * # Safety
 * `a`, `b` and `reference` must each be NULL or live stores; `json_out` NULL or writable for
 * one pointer; `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_diff_json(const struct trustaudit_store *a,
                                       const struct trustaudit_store *b,
                                       const struct trustaudit_store *reference,
                                       int64_t at,
                                       uint32_t use_at,
                                       char **json_out,
                                       size_t *len_out);

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * Diagnoses why `tool` (a `trustaudit_tool` value) cannot fetch over TLS on this machine,
 * the way the tool itself would connect (its configuration, proxy rules, trust store and
 * name rules), and writes the diagnosis as JSON to `*json_out` (length to `*len_out` unless
 * NULL): `{"schema":"trustaudit/1","kind":"doctor","tool":…,"command":…,"settings":[…],
 * "links":[{…},…],"broken":{…}|null,"fix":["…",…],"files_written":[…],"notes":[…]}` — the
 * same document as `trustaudit doctor <tool> --json`.
 *
 * Blocks while it runs the tool (to read its configuration) and probes each endpoint, each
 * network phase bounded by `options->timeout_ms`. It writes one file, the CA bundle the fix
 * points at, and only when a fix needs it; it never changes the tool's configuration or the
 * system trust store. A broken connection is a finding in the JSON, not an error. Errors:
 * `TRUSTAUDIT_RESULT_NOT_FOUND` (the tool is not on PATH), `TRUSTAUDIT_RESULT_IO` (running
 * the tool or writing the bundle failed), `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (unknown tool,
 * git without a remote URL), `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`.
 * Release the string with `trustaudit_string_free`. Reads the environment.
 *
 * # Safety
 * `options` must be NULL or a live struct whose strings are readable for their lengths (or
 * NULL with 0); `json_out` NULL or writable for one pointer; `len_out` NULL or writable for
 * one `size_t`.
 */
trustaudit_result trustaudit_doctor_json(uint32_t tool,
                                         const struct trustaudit_doctor_options *options,
                                         char **json_out,
                                         size_t *len_out);
#endif

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
 * {"type":"dns_san","value":…}|null,"presented":[…],"reason":<snake_case reason, as
 * `trustaudit_name_mismatch` names it>|null,"reason_name":<the presented name the reason is
 * about, {"type":…,"value":…}>|null,"message":<the runtime's own error text>|null},…]}`.
 * Release it with `trustaudit_string_free`.
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
 * Prepares interception checks against `public` (the public root set, normally from
 * `trustaudit_store_mozilla`) and `local[0..local_count]` (stores on this machine that may
 * hold a corporate or proxy root: the system store, a runtime's store). The inspector keeps
 * its own references: the stores may be freed right after. `(NULL, 0)` means no local store.
 * On success `*inspector_out` receives a new inspector the caller must release with
 * `trustaudit_inspector_free`. Thread-safe.
 *
 * # Safety
 * `public` must be NULL or a live store; `local` NULL (with `local_count == 0`) or readable
 * for `local_count` pointers, each NULL or a live store; `inspector_out` NULL or writable
 * for one pointer.
 */
trustaudit_result trustaudit_inspector_new(const struct trustaudit_store *public_,
                                           const struct trustaudit_store *const *local,
                                           size_t local_count,
                                           const struct trustaudit_inspector **inspector_out);

/**
 * Releases an inspector. NULL is a no-op; calling it twice with the same pointer is undefined
 * behaviour.
 *
 * # Safety
 * `inspector` must be NULL or an inspector returned by this library and not yet released.
 */
void trustaudit_inspector_free(const struct trustaudit_inspector *inspector);

/**
 * Judges whether the presented `chain` (as the server sent it, leaf first) for `name` (the
 * host the client asked for, UTF-8 bytes; `(NULL, 0)` when unknown) shows TLS interception,
 * and writes the level, confidence and recognised product to `*verdict_out`. A clean or
 * intercepted connection is a value, not an error: the call returns `TRUSTAUDIT_RESULT_OK`.
 * Errors: `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an empty or over-long chain,
 * `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. No allocation is handed
 * to the caller. Judged at the current time against the embedded CT log list and product
 * catalogue. Thread-safe.
 *
 * # Safety
 * `inspector` and `chain` must each be NULL or live handles; `name` readable for `name_len`
 * bytes (or NULL with 0); `verdict_out` NULL or writable for one `trustaudit_verdict`.
 */
trustaudit_result trustaudit_inspect(const struct trustaudit_inspector *inspector,
                                     const struct trustaudit_chain *chain,
                                     const uint8_t *name,
                                     size_t name_len,
                                     struct trustaudit_verdict *verdict_out);

/**
 * As `trustaudit_inspect`, writing the whole verdict with its evidence as JSON to
 * `*json_out` (length to `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":
 * "verdict","verdict":"clean"|"suspected"|"intercepted","confidence":…,"product":{"id":…,
 * "product":…,"vendor":…,…}|null,"name":…,"anchor":{…},"leaf_subject":…,"sct_summary":…,
 * "scts":[…],"evidence":[{"signal":…,"weight":…,"sentence":…},…]}`. Release it with
 * `trustaudit_string_free`.
 *
 * # Safety
 * As `trustaudit_inspect`; `json_out` NULL or writable for one pointer; `len_out` NULL or
 * writable for one `size_t`.
 */
trustaudit_result trustaudit_inspect_json(const struct trustaudit_inspector *inspector,
                                          const struct trustaudit_chain *chain,
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

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * Probes `target` (`"host"`, `"host:port"`, `"[v6]:port"` or an `https://` URL; UTF-8, not
 * NUL-terminated; port 443 by default): resolves it, connects (through a proxy when the
 * options say so), runs a TLS handshake that accepts any certificate, and records what the
 * server presented. Blocks for at most about four times the per-phase timeout. Writes the
 * report as JSON to `*json_out` (length to `*len_out` unless NULL): `{"schema":
 * "trustaudit/1","kind":"probe","target":{"host":…,"port":…},"sni":…,"proxy":…,
 * "resolution":…,"connect":[…],"tls":{"version":…,"cipher_suite":…,"alpn":…}|null,
 * "chain":[{subject,issuer,…},…],"scts":{…},"failure":{"kind":…,"phase":…,"message":…}|null,
 * "elapsed_ms":…}`.
 *
 * A server that cannot be reached or refuses the handshake is not an error: the call returns
 * `TRUSTAUDIT_RESULT_OK` and `"failure"` says which phase failed and why. Errors:
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` (unusable target, `connect_to` or option values),
 * `TRUSTAUDIT_RESULT_INVALID_UTF8`, `TRUSTAUDIT_RESULT_NULL_ARGUMENT`. Release the string with
 * `trustaudit_string_free`. Thread-safe; reads the environment for proxy settings.
 *
 * # Safety
 * `target` must be readable for `target_len` bytes (or NULL with 0); `options` NULL or a live
 * struct whose `sni` and `connect_to` are readable for their lengths (or NULL with 0);
 * `json_out` NULL or writable for one pointer; `len_out` NULL or writable for one `size_t`.
 */
trustaudit_result trustaudit_probe_json(const uint8_t *target,
                                        size_t target_len,
                                        const struct trustaudit_probe_options *options,
                                        char **json_out,
                                        size_t *len_out);
#endif

#if defined(TRUSTAUDIT_FEATURE_PROBE)
/**
 * As `trustaudit_probe_json`, also handing back the certificates the server presented (in the
 * order it sent them; an empty chain when the handshake did not get that far) so they can go
 * straight to `trustaudit_verify` or `trustaudit_inspect`. On success `*chain_out` receives a
 * new chain the caller must release with `trustaudit_chain_free`, and `*json_out` the report
 * to release with `trustaudit_string_free`; on failure neither is written.
 *
 * # Safety
 * As `trustaudit_probe_json`; `chain_out` NULL or writable for one pointer.
 */
trustaudit_result trustaudit_probe(const uint8_t *target,
                                   size_t target_len,
                                   const struct trustaudit_probe_options *options,
                                   const struct trustaudit_chain **chain_out,
                                   char **json_out,
                                   size_t *len_out);
#endif

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
 * Loads the roots `runtime` (a `trustaudit_runtime` value) really trusts on this machine,
 * reading this process's environment the way that runtime does (`SSL_CERT_FILE` for Go and
 * OpenSSL, `REQUESTS_CA_BUNDLE` for certifi, `NODE_EXTRA_CA_CERTS` for Node.js, …); no process
 * is started. The store is named after the runtime. Returns `TRUSTAUDIT_RESULT_NOT_FOUND`
 * when the runtime is not installed (the message says what was looked for) and
 * `TRUSTAUDIT_RESULT_INVALID_ARGUMENT` for an unknown selector. On success `*store_out`
 * receives a new store the caller must release with `trustaudit_store_free`. Reads files and
 * the environment: do not call it while another thread modifies the environment.
 *
 * # Safety
 * `store_out` must be NULL or writable for one pointer.
 */
trustaudit_result trustaudit_store_runtime(uint32_t runtime,
                                           const struct trustaudit_store **store_out);

/**
 * Writes how `runtime` finds its roots on this machine as JSON to `*json_out` (length to
 * `*len_out` unless NULL): `{"schema":"trustaudit/1","kind":"runtime_view","runtime":"go",
 * "installed":…,"program":…,"version":…,"roots":N,"duplicates":N,"decision":…,"sources":[…],
 * "variables":[…],"notes":[…],"diagnostics":[…]}`. A runtime that is not installed is not an
 * error (`"installed": false`). Release the string with `trustaudit_string_free`. Reads files
 * and the environment.
 *
 * # Safety
 * `json_out` must be NULL or writable for one pointer; `len_out` NULL or writable for one
 * `size_t`.
 */
trustaudit_result trustaudit_runtime_view_json(uint32_t runtime,
                                               char **json_out,
                                               size_t *len_out);

/**
 * As `trustaudit_runtime_view_json` for every runtime, in `trustaudit_runtime` order, reading
 * files shared by several runtimes once: `{"schema":"trustaudit/1","kind":"runtime_views",
 * "runtimes":[{…},…]}`. Release the string with `trustaudit_string_free`.
 *
 * # Safety
 * `json_out` must be NULL or writable for one pointer; `len_out` NULL or writable for one
 * `size_t`.
 */
trustaudit_result trustaudit_runtime_views_json(char **json_out, size_t *len_out);

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
 * The snake_case name of a `trustaudit_verify_failure` value as the JSON reports spell it
 * (`"unknown_issuer"`, `"expired"`, `"none"` for 0, `"other"`), or NULL for a value that names
 * no failure. Static: do not free. Thread-safe.
 */
const char *trustaudit_verify_failure_name(uint32_t failure);

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
