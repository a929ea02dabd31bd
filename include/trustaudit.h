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
 * An X.509 certificate (opaque). Immutable: one handle may be used from several threads at
 * once. Every function that gives one out hands the caller a reference that must be released
 * with `trustaudit_cert_free`; a certificate taken from a store stays valid after the store is
 * freed.
 */
typedef struct trustaudit_cert trustaudit_cert;

/**
 * A trust store (opaque): a named, de-duplicated, immutable set of root certificates plus the
 * problems met while loading it. One handle may be used from several threads at once. Every
 * constructor hands the caller a reference that must be released with
 * `trustaudit_store_free`.
 */
typedef struct trustaudit_store trustaudit_store;

/**
 * A SHA-256 digest (32 bytes), returned by value through an out-parameter.
 */
typedef struct trustaudit_sha256 {
  /**
   * The digest bytes, most significant first, as `sha256sum` prints them.
   */
  uint8_t bytes[32];
} trustaudit_sha256;

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

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* TRUSTAUDIT_H */
