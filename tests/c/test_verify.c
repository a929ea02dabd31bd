/* Chains, verification (hot call, JSON, matrix), name checks per runtime and runtime
 * selectors through the C ABI, with every error path. */
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"

#define HUGE_LEN (SIZE_MAX / 2 + 1)
#define NAME(s) (const uint8_t *)(s), strlen(s)

static const uint8_t bad_utf8[] = {'w', 'w', 'w', 0xff};

/* Loads a fixture as a chain; NULL on failure. */
static const trustaudit_chain *load_chain(const char *file) {
  size_t len = 0;
  unsigned char *pem = read_fixture(file, &len);
  const trustaudit_chain *chain = NULL;
  if (pem != NULL && trustaudit_chain_from_pem(pem, len, &chain) != TRUSTAUDIT_RESULT_OK) {
    fprintf(stderr, "  %s: %s\n", file, trustaudit_last_error());
  }
  free(pem);
  return chain;
}

/* A verifier over the test root alone; NULL on failure. */
static const trustaudit_verifier *fixture_verifier(void) {
  const trustaudit_store *store = NULL;
  const trustaudit_verifier *verifier = NULL;
  const char *p = fixture_path("root.pem");
  if (trustaudit_store_from_path((const uint8_t *)p, strlen(p), &store) == TRUSTAUDIT_RESULT_OK) {
    trustaudit_verifier_new(store, &verifier);
  }
  trustaudit_store_free(store); /* the verifier keeps what it needs */
  return verifier;
}

static int test_chain_from_pem_keeps_order_and_hands_out_references(void) {
  int ok = 0;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  const trustaudit_cert *leaf = NULL, *inter = NULL;
  const trustaudit_chain *rebuilt = NULL;
  char *subject = NULL;
  CHECK(chain != NULL);
  CHECK(trustaudit_chain_len(chain) == 2);
  CHECK_RC(trustaudit_chain_cert(chain, 0, &leaf), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_chain_cert(chain, 1, &inter), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_cert_subject(leaf, &subject, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(subject, "CN=www.example.test") == 0);
  CHECK_RC(trustaudit_chain_cert(chain, 2, &leaf), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("index: 2 is out of range: the chain holds 2 certificates");
  /* From handles: the chain keeps its own references. */
  const trustaudit_cert *list[2] = {leaf, inter};
  CHECK_RC(trustaudit_chain_from_certs(list, 2, &rebuilt), TRUSTAUDIT_RESULT_OK);
  trustaudit_cert_free(leaf);
  trustaudit_cert_free(inter);
  leaf = inter = NULL;
  CHECK(trustaudit_chain_len(rebuilt) == 2);
  ok = 1;
done:
  trustaudit_string_free(subject);
  trustaudit_cert_free(leaf);
  trustaudit_cert_free(inter);
  trustaudit_chain_free(rebuilt);
  trustaudit_chain_free(chain);
  return ok;
}

static int test_chain_errors(void) {
  int ok = 0;
  const trustaudit_chain *chain = NULL;
  const trustaudit_cert *cert = NULL;
  const trustaudit_cert *with_null[2] = {NULL, NULL};
  size_t len = 0;
  unsigned char *truncated = read_fixture("truncated.pem", &len);
  CHECK(truncated != NULL);
  CHECK_RC(trustaudit_chain_from_pem(truncated, len, &chain), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_chain_from_pem((const uint8_t *)"junk", 4, &chain), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_chain_from_pem(NULL, 0, &chain), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_chain_from_pem(NULL, 4, &chain), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_chain_from_pem(truncated, HUGE_LEN, &chain), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_chain_from_pem(truncated, len, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("chain_out is NULL");
  CHECK_RC(trustaudit_chain_from_certs(with_null, 2, &chain), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("certs[0] is NULL");
  CHECK_RC(trustaudit_chain_from_certs(NULL, 2, &chain), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_chain_from_certs(with_null, SIZE_MAX, &chain), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_chain_from_certs(NULL, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK(chain == NULL);
  CHECK_RC(trustaudit_chain_from_certs(NULL, 0, &chain), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_chain_len(chain) == 0);
  CHECK(trustaudit_chain_len(NULL) == 0);
  CHECK_ERROR_HAS("chain is NULL");
  CHECK_RC(trustaudit_chain_cert(NULL, 0, &cert), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_chain_cert(chain, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  trustaudit_chain_free(NULL);
  trustaudit_verifier_free(NULL);
  ok = 1;
done:
  free(truncated);
  trustaudit_chain_free(chain);
  return ok;
}

static int test_verify_trusted_chain_with_its_name(void) {
  int ok = 0;
  const trustaudit_verifier *verifier = fixture_verifier();
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  trustaudit_verification v;
  memset(&v, 0xAB, sizeof v);
  CHECK(verifier != NULL && chain != NULL);
  CHECK_RC(trustaudit_verify(verifier, chain, NAME("www.example.test"), NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.trusted && v.path_verified);
  CHECK(v.failure == TRUSTAUDIT_VERIFY_FAILURE_NONE);
  CHECK(v.path_len == 3);
  /* No name: path only. IP addresses are names too. */
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.trusted);
  CHECK_RC(trustaudit_verify(verifier, chain, NAME("127.0.0.1"), NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.trusted);
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_verifier_free(verifier);
  return ok;
}

static int test_verify_failures_are_values_not_errors(void) {
  int ok = 0;
  const trustaudit_verifier *verifier = fixture_verifier(), *mozilla_v = NULL;
  const trustaudit_store *mozilla = NULL;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  trustaudit_verification v;
  CHECK(verifier != NULL && chain != NULL);
  CHECK_RC(trustaudit_verify(verifier, chain, NAME("other.example.test"), NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(!v.trusted && v.path_verified && v.path_len == 3);
  CHECK(v.failure == TRUSTAUDIT_VERIFY_FAILURE_NAME_MISMATCH);
  /* In 2100 the leaf has expired. */
  trustaudit_verify_options later = {.time = 4102444800, .use_time = 1};
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, &later, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(!v.trusted && !v.path_verified && v.path_len == 0);
  CHECK(v.failure == TRUSTAUDIT_VERIFY_FAILURE_EXPIRED);
  /* In 2000 it was not valid yet. */
  trustaudit_verify_options earlier = {.time = 946684800, .use_time = 1};
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, &earlier, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.failure == TRUSTAUDIT_VERIFY_FAILURE_NOT_YET_VALID);
  /* Mozilla's roots do not include the test root. */
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verifier_new(mozilla, &mozilla_v), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verify(mozilla_v, chain, NAME("www.example.test"), NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(!v.trusted && v.failure == TRUSTAUDIT_VERIFY_FAILURE_UNKNOWN_ISSUER);
  /* Client use: the leaf allows serverAuth only. */
  trustaudit_verify_options client = {.usage = TRUSTAUDIT_USAGE_CLIENT_AUTH};
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, &client, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(!v.trusted && v.failure == TRUSTAUDIT_VERIFY_FAILURE_WRONG_USAGE);
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_verifier_free(verifier);
  trustaudit_verifier_free(mozilla_v);
  trustaudit_store_free(mozilla);
  return ok;
}

static int test_verify_errors_leave_the_result_untouched(void) {
  int ok = 0;
  const trustaudit_verifier *verifier = fixture_verifier();
  const trustaudit_chain *chain = load_chain("leaf-chain.pem"), *empty = NULL;
  trustaudit_verification v, before;
  memset(&v, 0x5A, sizeof v);
  before = v;
  CHECK(verifier != NULL && chain != NULL);
  CHECK_RC(trustaudit_chain_from_certs(NULL, 0, &empty), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verify(verifier, empty, NULL, 0, NULL, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("the chain is empty");
  CHECK_RC(trustaudit_verify(verifier, chain, NAME("bad name!"), NULL, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("is not a valid DNS name or IP address");
  CHECK_RC(trustaudit_verify(verifier, chain, bad_utf8, sizeof bad_utf8, NULL, &v), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_ERROR_HAS("name is not valid UTF-8: invalid byte at offset 3");
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 3, NULL, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_verify(verifier, chain, bad_utf8, HUGE_LEN, NULL, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  trustaudit_verify_options bad_usage = {.usage = 7};
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, &bad_usage, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("options.usage: 7 is not a trustaudit_usage");
  trustaudit_verify_options bad_profile = {.profile = UINT32_MAX};
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, &bad_profile, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("options.profile: 4294967295 is not a trustaudit_profile");
  CHECK_RC(trustaudit_verify(NULL, chain, NULL, 0, NULL, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("verifier is NULL");
  CHECK_RC(trustaudit_verify(verifier, NULL, NULL, 0, NULL, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("chain is NULL");
  CHECK_RC(trustaudit_verify(verifier, chain, NULL, 0, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("result_out is NULL");
  CHECK(memcmp(&v, &before, sizeof v) == 0);
  const trustaudit_verifier *none = NULL;
  CHECK_RC(trustaudit_verifier_new(NULL, &none), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_verifier_new((const trustaudit_store *)NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK(none == NULL);
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_chain_free(empty);
  trustaudit_verifier_free(verifier);
  return ok;
}

static int test_verify_json_carries_each_runtimes_words(void) {
  int ok = 0;
  const trustaudit_store *mozilla = NULL;
  const trustaudit_verifier *verifier = NULL;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  char *json = NULL;
  size_t len = 0;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verifier_new(mozilla, &verifier), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verify_json(verifier, chain, NAME("www.example.test"), NULL, &json, &len),
           TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"verification\""));
  CHECK(strstr(json, "\"trusted\": false"));
  CHECK(strstr(json, "\"kind\": \"unknown_issuer\""));
  CHECK(strstr(json, "x509: certificate signed by unknown authority"));
  CHECK(strstr(json, "\"runtime_messages\""));
  CHECK_RC(trustaudit_verify_json(verifier, chain, NULL, 0, NULL, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  CHECK_RC(trustaudit_verify_json(NULL, chain, NULL, 0, NULL, &json, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_chain_free(chain);
  trustaudit_verifier_free(verifier);
  trustaudit_store_free(mozilla);
  return ok;
}

static int test_verify_matrix_has_one_row_per_store_in_order(void) {
  int ok = 0;
  const trustaudit_store *stores[2] = {NULL, NULL};
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  char *json = NULL;
  size_t len = 0;
  const char *p = fixture_path("bundle.pem");
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_store_mozilla(&stores[0]), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)p, strlen(p), &stores[1]), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verify_matrix_json(stores, 2, chain, NAME("www.example.test"), NULL, &json, &len),
           TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"kind\": \"verify_matrix\""));
  const char *moz = strstr(json, "\"store\": \"mozilla\"");
  const char *fix = strstr(json, "bundle.pem\"");
  CHECK(moz != NULL && fix != NULL && moz < fix);
  trustaudit_string_free(json);
  json = NULL;
  CHECK_RC(trustaudit_verify_matrix_json(NULL, 0, chain, NULL, 0, NULL, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"rows\": []"));
  const trustaudit_store *holes[2] = {stores[0], NULL};
  CHECK_RC(trustaudit_verify_matrix_json(holes, 2, chain, NULL, 0, NULL, &json, &len),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("stores[1] is NULL");
  CHECK_RC(trustaudit_verify_matrix_json(NULL, 2, chain, NULL, 0, NULL, &json, &len),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_verify_matrix_json(stores, SIZE_MAX, chain, NULL, 0, NULL, &json, &len),
           TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_verify_matrix_json(stores, 2, NULL, NULL, 0, NULL, &json, &len),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_verify_matrix_json(stores, 2, chain, NULL, 0, NULL, NULL, &len),
           TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_chain_free(chain);
  trustaudit_store_free(stores[0]);
  trustaudit_store_free(stores[1]);
  return ok;
}

static int test_name_checks_follow_each_runtimes_rules(void) {
  int ok = 0;
  const trustaudit_chain *leaf_chain = load_chain("leaf-chain.pem");
  const trustaudit_chain *cn_chain = load_chain("cnonly-chain.pem");
  const trustaudit_cert *leaf = NULL, *cnonly = NULL;
  trustaudit_name_result c;
  CHECK(leaf_chain != NULL && cn_chain != NULL);
  CHECK_RC(trustaudit_chain_cert(leaf_chain, 0, &leaf), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_chain_cert(cn_chain, 0, &cnonly), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_name_check(leaf, NAME("www.example.test"), TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(c.matched && c.reason == TRUSTAUDIT_NAME_MISMATCH_NONE && c.matched_by == TRUSTAUDIT_PRESENTED_DNS_SAN);
  CHECK_RC(trustaudit_name_check(leaf, NAME("a.wild.example.test"), TRUSTAUDIT_RUNTIME_NODE, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(c.matched && c.matched_by == TRUSTAUDIT_PRESENTED_DNS_SAN);
  CHECK_RC(trustaudit_name_check(leaf, NAME("a.b.wild.example.test"), TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(!c.matched && c.reason == TRUSTAUDIT_NAME_MISMATCH_WILDCARD_LABEL_COUNT && c.matched_by == 0);
  CHECK_RC(trustaudit_name_check(leaf, NAME("127.0.0.1"), TRUSTAUDIT_RUNTIME_PYTHON, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(c.matched && c.matched_by == TRUSTAUDIT_PRESENTED_IP_SAN);
  /* The CN-only certificate: Go ignores the CN, OpenSSL's X509_check_host falls back to it. */
  CHECK_RC(trustaudit_name_check(cnonly, NAME("cn-only.example.test"), TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(!c.matched && c.reason == TRUSTAUDIT_NAME_MISMATCH_CN_ONLY_IGNORED);
  CHECK_RC(trustaudit_name_check(cnonly, NAME("cn-only.example.test"), TRUSTAUDIT_RUNTIME_OPENSSL, &c), TRUSTAUDIT_RESULT_OK);
  CHECK(c.matched && c.matched_by == TRUSTAUDIT_PRESENTED_COMMON_NAME);
  CHECK_RC(trustaudit_name_check_strict(cnonly, NAME("cn-only.example.test"), &c), TRUSTAUDIT_RESULT_OK);
  CHECK(!c.matched);
  CHECK_RC(trustaudit_name_check_strict(leaf, NAME("WWW.Example.Test."), &c), TRUSTAUDIT_RESULT_OK);
  ok = 1;
done:
  trustaudit_cert_free(leaf);
  trustaudit_cert_free(cnonly);
  trustaudit_chain_free(leaf_chain);
  trustaudit_chain_free(cn_chain);
  return ok;
}

static int test_name_check_json_lists_every_runtime_with_its_words(void) {
  int ok = 0;
  const trustaudit_chain *chain = load_chain("cnonly-chain.pem");
  const trustaudit_cert *cert = NULL;
  char *json = NULL;
  size_t len = 0;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_chain_cert(chain, 0, &cert), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_name_check_json(cert, NAME("cn-only.example.test"), &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"name_check\""));
  CHECK(strstr(json, "\"runtime\": \"go\"") && strstr(json, "\"runtime\": \"rustls\""));
  CHECK(strstr(json, "x509: certificate relies on legacy Common Name field, use SANs instead"));
  CHECK_RC(trustaudit_name_check_json(cert, NAME("cn-only.example.test"), NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  CHECK_RC(trustaudit_name_check_json(NULL, NAME("x.test"), &json, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_cert_free(cert);
  trustaudit_chain_free(chain);
  return ok;
}

static int test_name_check_errors(void) {
  int ok = 0;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  const trustaudit_cert *cert = NULL;
  trustaudit_name_result c, before;
  memset(&c, 0x77, sizeof c);
  before = c;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_chain_cert(chain, 0, &cert), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_name_check(cert, NAME("www.example.test"), 10, &c), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("runtime: 10 is not a runtime");
  CHECK_RC(trustaudit_name_check(cert, NULL, 0, TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("name: the name is empty");
  CHECK_RC(trustaudit_name_check(cert, (const uint8_t *)"a\0b", 3, TRUSTAUDIT_RUNTIME_GO, &c),
           TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("NUL");
  CHECK_RC(trustaudit_name_check(cert, bad_utf8, sizeof bad_utf8, TRUSTAUDIT_RUNTIME_GO, &c),
           TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_RC(trustaudit_name_check(cert, NULL, 5, TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_name_check(cert, bad_utf8, HUGE_LEN, TRUSTAUDIT_RUNTIME_GO, &c),
           TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_name_check(NULL, NAME("x.test"), TRUSTAUDIT_RUNTIME_GO, &c), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_name_check(cert, NAME("x.test"), TRUSTAUDIT_RUNTIME_GO, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("result_out is NULL");
  CHECK_RC(trustaudit_name_check_strict(NULL, NAME("x.test"), &c), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_name_check_strict(cert, NAME("x.test"), NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_name_check_strict(cert, bad_utf8, sizeof bad_utf8, &c), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK(memcmp(&c, &before, sizeof c) == 0);
  ok = 1;
done:
  trustaudit_cert_free(cert);
  trustaudit_chain_free(chain);
  return ok;
}

static int test_runtime_names(void) {
  int ok = 0;
  CHECK(strcmp(trustaudit_runtime_name(TRUSTAUDIT_RUNTIME_GO), "go") == 0);
  CHECK(strcmp(trustaudit_runtime_name(TRUSTAUDIT_RUNTIME_OPENSSL), "openssl") == 0);
  CHECK(strcmp(trustaudit_runtime_name(TRUSTAUDIT_RUNTIME_CERTIFI), "certifi") == 0);
  CHECK(strcmp(trustaudit_runtime_name(TRUSTAUDIT_RUNTIME_RUSTLS), "rustls") == 0);
  CHECK(trustaudit_runtime_name(10) == NULL);
  CHECK(trustaudit_runtime_name(UINT32_MAX) == NULL);
  ok = 1;
done:
  return ok;
}

int main(int argc, char **argv) {
  static const struct test_case cases[] = {
      TEST(test_chain_from_pem_keeps_order_and_hands_out_references),
      TEST(test_chain_errors),
      TEST(test_verify_trusted_chain_with_its_name),
      TEST(test_verify_failures_are_values_not_errors),
      TEST(test_verify_errors_leave_the_result_untouched),
      TEST(test_verify_json_carries_each_runtimes_words),
      TEST(test_verify_matrix_has_one_row_per_store_in_order),
      TEST(test_name_checks_follow_each_runtimes_rules),
      TEST(test_name_check_json_lists_every_runtime_with_its_words),
      TEST(test_name_check_errors),
      TEST(test_runtime_names),
  };
  return run_tests(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
