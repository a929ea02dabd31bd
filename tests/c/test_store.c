/* Certificates, stores, versions, result codes, the last error and string ownership through
 * the C ABI, with every error path: NULL in each position, bad UTF-8, garbage DER, truncated
 * PEM, zero and huge lengths. */
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"

static const uint8_t garbage[] = {0x30, 0x82, 0xff, 0xff, 0x01, 0x02, 0x03};
static const uint8_t bad_utf8[] = {'/', 't', 'm', 'p', '/', 0xc3, 0x28};
#define HUGE_LEN (SIZE_MAX / 2 + 1) /* over isize::MAX: rejected before any read */

static int test_versions_match_the_header(void) {
  int ok = 0;
  CHECK(trustaudit_abi_version() == TRUSTAUDIT_ABI_VERSION);
  CHECK(strcmp(trustaudit_version(), TRUSTAUDIT_VERSION) == 0);
  ok = 1;
done:
  return ok;
}

static int test_result_names_cover_every_code_and_unknown_values(void) {
  int ok = 0;
  CHECK(strcmp(trustaudit_result_name(TRUSTAUDIT_RESULT_OK), "TRUSTAUDIT_RESULT_OK") == 0);
  CHECK(strcmp(trustaudit_result_name(TRUSTAUDIT_RESULT_NULL_ARGUMENT),
               "TRUSTAUDIT_RESULT_NULL_ARGUMENT") == 0);
  CHECK(strcmp(trustaudit_result_name(TRUSTAUDIT_RESULT_PARSE_ERROR),
               "TRUSTAUDIT_RESULT_PARSE_ERROR") == 0);
  CHECK(strcmp(trustaudit_result_name(TRUSTAUDIT_RESULT_PANIC), "TRUSTAUDIT_RESULT_PANIC") == 0);
  CHECK(strcmp(trustaudit_result_name(TRUSTAUDIT_RESULT_INTERNAL),
               "TRUSTAUDIT_RESULT_INTERNAL") == 0);
  CHECK(strcmp(trustaudit_result_name(7), "TRUSTAUDIT_RESULT_UNKNOWN") == 0);
  CHECK(strcmp(trustaudit_result_name(UINT32_MAX), "TRUSTAUDIT_RESULT_UNKNOWN") == 0);
  /* The numeric values are part of the ABI. */
  CHECK(TRUSTAUDIT_RESULT_OK == 0 && TRUSTAUDIT_RESULT_NULL_ARGUMENT == 100 &&
        TRUSTAUDIT_RESULT_INVALID_ARGUMENT == 101 && TRUSTAUDIT_RESULT_INVALID_UTF8 == 102 &&
        TRUSTAUDIT_RESULT_BUFFER_TOO_SMALL == 103 && TRUSTAUDIT_RESULT_PARSE_ERROR == 200 &&
        TRUSTAUDIT_RESULT_IO == 300 && TRUSTAUDIT_RESULT_NOT_FOUND == 301 &&
        TRUSTAUDIT_RESULT_NETWORK == 302 && TRUSTAUDIT_RESULT_TIMEOUT == 303 &&
        TRUSTAUDIT_RESULT_PANIC == 900 && TRUSTAUDIT_RESULT_INTERNAL == 901);
  ok = 1;
done:
  return ok;
}

static int test_free_functions_accept_null(void) {
  trustaudit_store_free(NULL);
  trustaudit_cert_free(NULL);
  trustaudit_string_free(NULL);
  return 1;
}

static int test_mozilla_store_iterates_roots_with_subject_hash_and_der(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  const trustaudit_cert *root = NULL, *again = NULL;
  char *name = NULL, *subject = NULL, *json = NULL;
  size_t len = 0;
  CHECK_RC(trustaudit_store_mozilla(&store), TRUSTAUDIT_RESULT_OK);
  size_t n = trustaudit_store_len(store);
  CHECK(n > 100);
  CHECK_RC(trustaudit_store_name(store, &name, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(name, "mozilla") == 0 && len == 7);
  for (size_t i = 0; i < n; i++) {
    CHECK_RC(trustaudit_store_root(store, i, &root), TRUSTAUDIT_RESULT_OK);
    CHECK_RC(trustaudit_cert_subject(root, &subject, &len), TRUSTAUDIT_RESULT_OK);
    CHECK(len == strlen(subject) && len > 0);
    trustaudit_string_free(subject);
    subject = NULL;
    const uint8_t *der = NULL;
    size_t der_len = 0;
    CHECK_RC(trustaudit_cert_der(root, &der, &der_len), TRUSTAUDIT_RESULT_OK);
    CHECK(der_len > 100 && der[0] == 0x30);
    trustaudit_sha256 spki, fp;
    CHECK_RC(trustaudit_cert_spki_sha256(root, &spki), TRUSTAUDIT_RESULT_OK);
    CHECK_RC(trustaudit_cert_sha256(root, &fp), TRUSTAUDIT_RESULT_OK);
    CHECK(memcmp(spki.bytes, fp.bytes, 32) != 0);
    /* The DER round-trips into an equal certificate that the store contains. */
    CHECK_RC(trustaudit_cert_from_der(der, der_len, &again), TRUSTAUDIT_RESULT_OK);
    bool found = false;
    CHECK_RC(trustaudit_store_contains(store, again, &found), TRUSTAUDIT_RESULT_OK);
    CHECK(found);
    trustaudit_cert_free(again);
    again = NULL;
    trustaudit_cert_free(root);
    root = NULL;
  }
  CHECK_RC(trustaudit_store_roots_json(store, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"store_roots\"") != NULL);
  CHECK(strstr(json, "\"schema\": \"trustaudit/1\"") != NULL);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_string_free(subject);
  trustaudit_string_free(name);
  trustaudit_cert_free(again);
  trustaudit_cert_free(root);
  trustaudit_store_free(store);
  return ok;
}

static int test_a_root_outlives_its_store(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  const trustaudit_cert *root = NULL;
  char *subject = NULL;
  CHECK_RC(trustaudit_store_mozilla(&store), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_root(store, 0, &root), TRUSTAUDIT_RESULT_OK);
  trustaudit_store_free(store);
  store = NULL;
  CHECK_RC(trustaudit_cert_subject(root, &subject, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(subject) > 0);
  ok = 1;
done:
  trustaudit_string_free(subject);
  trustaudit_cert_free(root);
  trustaudit_store_free(store);
  return ok;
}

static int test_root_index_out_of_range_is_an_invalid_argument(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  const trustaudit_cert *root = (const trustaudit_cert *)&ok; /* must stay untouched */
  CHECK_RC(trustaudit_store_from_pem(NULL, 0, &store), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(store) == 0);
  CHECK_RC(trustaudit_store_root(store, 0, &root), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("index: 0 is out of range: the store holds 0 roots");
  CHECK(root == (const trustaudit_cert *)&ok);
  CHECK_RC(trustaudit_store_root(store, SIZE_MAX, &root), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  ok = 1;
done:
  trustaudit_store_free(store);
  return ok;
}

static int test_system_store_honours_ssl_cert_file(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  char *json = NULL;
  /* The tests run with SSL_CERT_FILE naming the fixture bundle and SSL_CERT_DIR an empty
   * directory (see run.sh). */
  CHECK_RC(trustaudit_store_system(&store), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(store) == 2);
  CHECK_RC(trustaudit_store_diagnostics_json(store, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"store_kind\": \"system\"") != NULL);
  CHECK(strstr(json, "SSL_CERT_FILE") != NULL);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_store_free(store);
  return ok;
}

static int test_store_from_file_and_directory(void) {
  int ok = 0;
  const trustaudit_store *file = NULL, *dir = NULL;
  char *name = NULL;
  size_t len = 0;
  const char *p = fixture_path("bundle.pem");
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)p, strlen(p), &file), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(file) == 2);
  CHECK_RC(trustaudit_store_name(file, &name, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(name, p) == 0 && len == strlen(p));
  /* The hashed directory holds the two PEM files plus two hash links to them: still 2 roots. */
  p = fixture_path("hashed");
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)p, strlen(p), &dir), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(dir) == 2);
  ok = 1;
done:
  trustaudit_string_free(name);
  trustaudit_store_free(file);
  trustaudit_store_free(dir);
  return ok;
}

static int test_store_from_path_errors(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  const char *missing = "/nonexistent/trustaudit/bundle.pem";
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)missing, strlen(missing), &store),
           TRUSTAUDIT_RESULT_NOT_FOUND);
  CHECK_ERROR_HAS("/nonexistent/trustaudit/bundle.pem: no such file or directory");
  CHECK_RC(trustaudit_store_from_path(bad_utf8, sizeof bad_utf8, &store),
           TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_ERROR_HAS("path is not valid UTF-8: invalid byte at offset 5");
  CHECK_RC(trustaudit_store_from_path(NULL, 0, &store), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("path: is empty");
  CHECK_RC(trustaudit_store_from_path(NULL, 5, &store), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("path (with length 5) is NULL");
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)missing, HUGE_LEN, &store),
           TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("exceeds the largest object size");
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)missing, strlen(missing), NULL),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("store_out is NULL");
  CHECK(store == NULL);
  ok = 1;
done:
  trustaudit_store_free(store);
  return ok;
}

static int test_store_from_pem_keeps_going_past_a_truncated_block(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  char *json = NULL;
  size_t len = 0;
  unsigned char *pem = read_fixture("truncated.pem", &len);
  CHECK(pem != NULL);
  CHECK_RC(trustaudit_store_from_pem(pem, len, &store), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(store) == 1);
  CHECK_RC(trustaudit_store_diagnostics_json(store, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"kind\": \"store_diagnostics\"") != NULL);
  CHECK(strstr(json, "\"store\": \"memory\"") != NULL);
  CHECK(strstr(json, "\"diagnostics\": []") == NULL);
  ok = 1;
done:
  free(pem);
  trustaudit_string_free(json);
  trustaudit_store_free(store);
  return ok;
}

static int test_store_from_bytes_names_the_store_and_checks_utf8(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  char *name = NULL;
  size_t len = 0;
  unsigned char *der = read_fixture("root.der", &len);
  CHECK(der != NULL);
  CHECK_RC(trustaudit_store_from_bytes((const uint8_t *)"corp", 4, der, len, &store),
           TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(store) == 1);
  CHECK_RC(trustaudit_store_name(store, &name, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(name, "corp") == 0);
  trustaudit_store_free(store);
  store = NULL;
  CHECK_RC(trustaudit_store_from_bytes(bad_utf8, sizeof bad_utf8, der, len, &store),
           TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_ERROR_HAS("name is not valid UTF-8");
  CHECK_RC(trustaudit_store_from_bytes(NULL, 3, der, len, &store),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("name (with length 3) is NULL");
  CHECK_RC(trustaudit_store_from_bytes(NULL, 0, NULL, 9, &store),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("bytes (with length 9) is NULL");
  CHECK_RC(trustaudit_store_from_bytes(NULL, 0, der, len, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("store_out is NULL");
  /* Garbage gives an empty store with a diagnostic, not a failure. */
  CHECK_RC(trustaudit_store_from_bytes(NULL, 0, garbage, sizeof garbage, &store),
           TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(store) == 0);
  ok = 1;
done:
  free(der);
  trustaudit_string_free(name);
  trustaudit_store_free(store);
  return ok;
}

static int test_store_constructors_reject_null_out_params(void) {
  int ok = 0;
  CHECK_RC(trustaudit_store_mozilla(NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("store_out is NULL");
  CHECK_RC(trustaudit_store_system(NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_from_pem(NULL, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_from_pem(NULL, 1, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("pem (with length 1) is NULL");
  CHECK_RC(trustaudit_store_from_pem(garbage, HUGE_LEN, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  ok = 1;
done:
  return ok;
}

static int test_store_getters_reject_null(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  const trustaudit_cert *cert = NULL;
  char *text = NULL;
  size_t len = 0;
  bool found = false;
  CHECK(trustaudit_store_len(NULL) == 0);
  CHECK_ERROR_HAS("store is NULL");
  CHECK_RC(trustaudit_store_name(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_diagnostics_json(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_roots_json(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_root(NULL, 0, &cert), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_contains(NULL, NULL, &found), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_mozilla(&store), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_name(store, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("name_out is NULL");
  CHECK_RC(trustaudit_store_diagnostics_json(store, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  CHECK_RC(trustaudit_store_roots_json(store, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_root(store, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("cert_out is NULL");
  CHECK_RC(trustaudit_store_contains(store, NULL, &found), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("cert is NULL");
  CHECK_RC(trustaudit_store_root(store, 0, &cert), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_contains(store, cert, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("found_out is NULL");
  CHECK(text == NULL && len == 0);
  ok = 1;
done:
  trustaudit_cert_free(cert);
  trustaudit_store_free(store);
  return ok;
}

static int test_cert_from_pem_and_der_agree(void) {
  int ok = 0;
  const trustaudit_cert *a = NULL, *b = NULL;
  char *subject = NULL, *issuer = NULL, *json = NULL;
  size_t pem_len = 0, der_len = 0, len = 0;
  unsigned char *pem = read_fixture("leaf-chain.pem", &pem_len);
  unsigned char *der = read_fixture("root.der", &der_len);
  CHECK(pem != NULL && der != NULL);
  /* The first certificate of a chain file. */
  CHECK_RC(trustaudit_cert_from_pem(pem, pem_len, &a), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_cert_subject(a, &subject, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(subject, "CN=www.example.test") == 0 && len == 19);
  CHECK_RC(trustaudit_cert_issuer(a, &issuer, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(issuer, "O=trustaudit tests, CN=Test Intermediate CA") == 0);
  CHECK_RC(trustaudit_cert_json(a, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"kind\": \"certificate\"") && strstr(json, "\"key\": \"ECDSA P-256\""));
  /* DER in, same DER out. */
  CHECK_RC(trustaudit_cert_from_der(der, der_len, &b), TRUSTAUDIT_RESULT_OK);
  const uint8_t *out = NULL;
  size_t out_len = 0;
  CHECK_RC(trustaudit_cert_der(b, &out, &out_len), TRUSTAUDIT_RESULT_OK);
  CHECK(out_len == der_len && memcmp(out, der, der_len) == 0);
  ok = 1;
done:
  free(pem);
  free(der);
  trustaudit_string_free(subject);
  trustaudit_string_free(issuer);
  trustaudit_string_free(json);
  trustaudit_cert_free(a);
  trustaudit_cert_free(b);
  return ok;
}

static int test_cert_parse_errors(void) {
  int ok = 0;
  const trustaudit_cert *cert = NULL;
  size_t len = 0, der_len = 0;
  unsigned char *truncated = read_fixture("truncated.pem", &len);
  unsigned char *der = read_fixture("root.der", &der_len);
  CHECK(truncated != NULL && der != NULL);
  CHECK_RC(trustaudit_cert_from_der(garbage, sizeof garbage, &cert), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_ERROR_HAS("not a DER X.509 certificate");
  CHECK_RC(trustaudit_cert_from_der(NULL, 0, &cert), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_ERROR_HAS("no certificate data: the input is empty");
  CHECK_RC(trustaudit_cert_from_der(der, der_len - 1, &cert), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_cert_from_der(NULL, 10, &cert), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("der (with length 10) is NULL");
  CHECK_RC(trustaudit_cert_from_der(der, HUGE_LEN, &cert), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_cert_from_der(der, der_len, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("cert_out is NULL");
  /* Only the cut-off block of truncated.pem: a PEM block with no end line. */
  const char *cut = strstr((const char *)truncated + 10, "-----BEGIN");
  CHECK(cut != NULL);
  CHECK_RC(trustaudit_cert_from_pem((const uint8_t *)cut, len - (size_t)((const unsigned char *)cut - truncated), &cert),
           TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_cert_from_pem((const uint8_t *)"hello", 5, &cert), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_cert_from_pem(NULL, 0, &cert), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_cert_from_pem(NULL, 1, &cert), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_from_pem(truncated, len, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_from_pem(truncated, HUGE_LEN, &cert), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK(cert == NULL);
  ok = 1;
done:
  free(truncated);
  free(der);
  trustaudit_cert_free(cert);
  return ok;
}

static int test_cert_getters_reject_null(void) {
  int ok = 0;
  const trustaudit_cert *cert = NULL;
  char *text = NULL;
  size_t len = 0;
  const uint8_t *der = NULL;
  trustaudit_sha256 digest;
  size_t der_len = 0;
  unsigned char *bytes = read_fixture("root.der", &der_len);
  CHECK(bytes != NULL);
  CHECK_RC(trustaudit_cert_subject(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("cert is NULL");
  CHECK_RC(trustaudit_cert_issuer(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_json(NULL, &text, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_der(NULL, &der, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_sha256(NULL, &digest), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_spki_sha256(NULL, &digest), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_from_der(bytes, der_len, &cert), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_cert_subject(cert, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("subject_out is NULL");
  CHECK_RC(trustaudit_cert_issuer(cert, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("issuer_out is NULL");
  CHECK_RC(trustaudit_cert_json(cert, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_cert_der(cert, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("der_out is NULL");
  CHECK_RC(trustaudit_cert_der(cert, &der, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("len_out is NULL");
  CHECK(der == NULL);
  CHECK_RC(trustaudit_cert_sha256(cert, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("digest_out is NULL");
  CHECK_RC(trustaudit_cert_spki_sha256(cert, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK(text == NULL && len == 0);
  ok = 1;
done:
  free(bytes);
  trustaudit_cert_free(cert);
  return ok;
}

static int test_last_error_is_per_thread_and_kept_across_successes(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  CHECK_RC(trustaudit_store_mozilla(NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_store_from_pem(NULL, 0, &store), TRUSTAUDIT_RESULT_OK);
  CHECK_ERROR_HAS("store_out is NULL");
  ok = 1;
done:
  trustaudit_store_free(store);
  return ok;
}

int main(int argc, char **argv) {
  static const struct test_case cases[] = {
      TEST(test_versions_match_the_header),
      TEST(test_result_names_cover_every_code_and_unknown_values),
      TEST(test_free_functions_accept_null),
      TEST(test_mozilla_store_iterates_roots_with_subject_hash_and_der),
      TEST(test_a_root_outlives_its_store),
      TEST(test_root_index_out_of_range_is_an_invalid_argument),
      TEST(test_system_store_honours_ssl_cert_file),
      TEST(test_store_from_file_and_directory),
      TEST(test_store_from_path_errors),
      TEST(test_store_from_pem_keeps_going_past_a_truncated_block),
      TEST(test_store_from_bytes_names_the_store_and_checks_utf8),
      TEST(test_store_constructors_reject_null_out_params),
      TEST(test_store_getters_reject_null),
      TEST(test_cert_from_pem_and_der_agree),
      TEST(test_cert_parse_errors),
      TEST(test_cert_getters_reject_null),
      TEST(test_last_error_is_per_thread_and_kept_across_successes),
  };
  return run_tests(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
