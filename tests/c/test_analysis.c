/* Runtime views, root-set diff, SCT lists and the interception verdict through the C ABI,
 * with their error paths. The tests run with SSL_CERT_FILE naming the fixture bundle and
 * SSL_CERT_DIR naming an empty directory (see run.sh). */
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"

#define HUGE_LEN (SIZE_MAX / 2 + 1)
#define NAME(s) (const uint8_t *)(s), strlen(s)

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

static const trustaudit_store *load_store(const char *file) {
  const trustaudit_store *store = NULL;
  const char *p = fixture_path(file);
  if (trustaudit_store_from_path((const uint8_t *)p, strlen(p), &store) != TRUSTAUDIT_RESULT_OK) {
    fprintf(stderr, "  %s: %s\n", file, trustaudit_last_error());
  }
  return store;
}

static int test_go_reads_exactly_ssl_cert_file_and_ssl_cert_dir_when_set(void) {
  int ok = 0;
  const trustaudit_store *go = NULL;
  char *name = NULL, *json = NULL;
  CHECK_RC(trustaudit_store_runtime(TRUSTAUDIT_RUNTIME_GO, &go), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_store_len(go) == 2);
  CHECK_RC(trustaudit_store_name(go, &name, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strcmp(name, "go") == 0);
  CHECK_RC(trustaudit_runtime_view_json(TRUSTAUDIT_RUNTIME_GO, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"kind\": \"runtime_view\"") && strstr(json, "\"runtime\": \"go\""));
  CHECK(strstr(json, "\"roots\": 2"));
  CHECK(strstr(json, "SSL_CERT_FILE"));
  ok = 1;
done:
  trustaudit_string_free(name);
  trustaudit_string_free(json);
  trustaudit_store_free(go);
  return ok;
}

static int test_every_runtime_has_a_view_or_says_it_is_not_installed(void) {
  int ok = 0;
  char *json = NULL;
  const trustaudit_store *store = NULL;
  for (uint32_t rt = TRUSTAUDIT_RUNTIME_GO; rt <= TRUSTAUDIT_RUNTIME_RUSTLS; rt++) {
    trustaudit_result rc = trustaudit_store_runtime(rt, &store);
    if (rc == TRUSTAUDIT_RESULT_NOT_FOUND) {
      CHECK_ERROR_HAS("is not installed");
      CHECK(strstr(trustaudit_last_error(), trustaudit_runtime_name(rt)) == trustaudit_last_error());
    } else {
      CHECK_RC(rc, TRUSTAUDIT_RESULT_OK);
      trustaudit_store_free(store);
      store = NULL;
    }
  }
  CHECK_RC(trustaudit_runtime_views_json(&json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"kind\": \"runtime_views\""));
  CHECK(strstr(json, "\"runtime\": \"go\"") && strstr(json, "\"runtime\": \"rustls\""));
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_store_free(store);
  return ok;
}

static int test_runtime_view_errors(void) {
  int ok = 0;
  const trustaudit_store *store = NULL;
  char *json = NULL;
  size_t len = 0;
  CHECK_RC(trustaudit_store_runtime(10, &store), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("runtime: 10 is not a runtime");
  CHECK_RC(trustaudit_store_runtime(TRUSTAUDIT_RUNTIME_GO, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("store_out is NULL");
  CHECK_RC(trustaudit_runtime_view_json(UINT32_MAX, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_runtime_view_json(TRUSTAUDIT_RUNTIME_GO, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_runtime_views_json(NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK(store == NULL && json == NULL && len == 0);
  ok = 1;
done:
  return ok;
}

static int test_diff_flags_roots_missing_from_the_reference(void) {
  int ok = 0;
  const trustaudit_store *mozilla = NULL, *bundle = load_store("bundle.pem");
  char *json = NULL;
  size_t len = 0;
  CHECK(bundle != NULL);
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_diff_json(mozilla, bundle, mozilla, 0, 0, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"diff\""));
  CHECK(strstr(json, "\"only_in_b\": 2,"));
  CHECK(strstr(json, "\"locally_added\": 2,"));
  CHECK(strstr(json, "Test Root CA"));
  trustaudit_string_free(json);
  json = NULL;
  /* Without a reference nothing is "locally added"; in 2100 everything has expired. */
  CHECK_RC(trustaudit_diff_json(bundle, bundle, NULL, 4102444800, 1, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"in_both\": 2,") && strstr(json, "\"locally_added\": 0,"));
  CHECK(strstr(json, "\"expired\": 2,"));
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_store_free(mozilla);
  trustaudit_store_free(bundle);
  return ok;
}

static int test_diff_errors(void) {
  int ok = 0;
  const trustaudit_store *bundle = load_store("bundle.pem");
  char *json = NULL;
  CHECK(bundle != NULL);
  CHECK_RC(trustaudit_diff_json(NULL, bundle, NULL, 0, 0, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("a is NULL");
  CHECK_RC(trustaudit_diff_json(bundle, NULL, NULL, 0, 0, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("b is NULL");
  CHECK_RC(trustaudit_diff_json(bundle, bundle, NULL, 0, 0, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  CHECK(json == NULL);
  ok = 1;
done:
  trustaudit_store_free(bundle);
  return ok;
}

static int test_sct_list_of_a_leaf_without_scts_is_empty(void) {
  int ok = 0;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem");
  char *json = NULL;
  size_t len = 0;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_sct_list_json(chain, NULL, 0, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"sct_list\""));
  CHECK(strstr(json, "\"leaf\": \"CN=www.example.test\""));
  CHECK(strstr(json, "\"issuer_found\": true"));
  CHECK(strstr(json, "\"scts\": []"));
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_chain_free(chain);
  return ok;
}

static int test_sct_list_errors(void) {
  int ok = 0;
  const trustaudit_chain *chain = load_chain("leaf-chain.pem"), *empty = NULL;
  static const uint8_t garbage[] = {0x30, 0x03, 0x0a, 0x01, 0x00, 0xff};
  char *json = NULL;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_sct_list_json(chain, garbage, sizeof garbage, &json, NULL), TRUSTAUDIT_RESULT_PARSE_ERROR);
  CHECK_RC(trustaudit_sct_list_json(chain, NULL, 5, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("ocsp (with length 5) is NULL");
  CHECK_RC(trustaudit_sct_list_json(chain, garbage, HUGE_LEN, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_sct_list_json(NULL, NULL, 0, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_sct_list_json(chain, NULL, 0, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_chain_from_certs(NULL, 0, &empty), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_sct_list_json(empty, NULL, 0, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("chain: is empty");
  CHECK(json == NULL);
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_chain_free(empty);
  return ok;
}

static int test_verdict_names_the_interception_product(void) {
  int ok = 0;
  const trustaudit_store *mozilla = NULL, *local = load_store("mitm-root.pem");
  const trustaudit_inspector *inspector = NULL;
  const trustaudit_chain *chain = load_chain("mitm-leaf.pem");
  trustaudit_verdict v;
  char *json = NULL;
  size_t len = 0;
  CHECK(local != NULL && chain != NULL);
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_inspector_new(mozilla, &local, 1, &inspector), TRUSTAUDIT_RESULT_OK);
  trustaudit_store_free(local); /* the inspector keeps its own reference */
  local = NULL;
  CHECK_RC(trustaudit_inspect(inspector, chain, NAME("www.google.com"), &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.level == TRUSTAUDIT_LEVEL_INTERCEPTED);
  CHECK(strcmp(v.product, "mitmproxy") == 0);
  CHECK(v.confidence > 0.5f && v.confidence <= 1.0f);
  CHECK(v.evidence_count > 0);
  CHECK_RC(trustaudit_inspect_json(inspector, chain, NAME("www.google.com"), &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"verdict\"") && strstr(json, "\"verdict\": \"intercepted\""));
  CHECK(strstr(json, "\"evidence\": ["));
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_chain_free(chain);
  trustaudit_inspector_free(inspector);
  trustaudit_store_free(mozilla);
  trustaudit_store_free(local);
  return ok;
}

static int test_a_chain_to_a_public_root_is_not_intercepted(void) {
  int ok = 0;
  const trustaudit_store *mozilla = NULL;
  const trustaudit_inspector *inspector = NULL;
  const trustaudit_cert *root = NULL;
  const trustaudit_chain *chain = NULL;
  trustaudit_verdict v;
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_inspector_new(mozilla, NULL, 0, &inspector), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_root(mozilla, 0, &root), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_chain_from_certs(&root, 1, &chain), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_inspect(inspector, chain, NULL, 0, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.level != TRUSTAUDIT_LEVEL_INTERCEPTED);
  CHECK(v.product[0] == '\0');
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_cert_free(root);
  trustaudit_inspector_free(inspector);
  trustaudit_store_free(mozilla);
  return ok;
}

static int test_verdict_errors_leave_the_result_untouched(void) {
  int ok = 0;
  const trustaudit_store *mozilla = NULL;
  const trustaudit_store *holes[1] = {NULL};
  const trustaudit_inspector *inspector = NULL, *none = NULL;
  const trustaudit_chain *chain = load_chain("mitm-leaf.pem"), *empty = NULL;
  static const uint8_t bad_utf8[] = {0xc0, 0x80};
  trustaudit_verdict v, before;
  char *json = NULL;
  memset(&v, 0x33, sizeof v);
  before = v;
  CHECK(chain != NULL);
  CHECK_RC(trustaudit_store_mozilla(&mozilla), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_inspector_new(NULL, NULL, 0, &none), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("public is NULL");
  CHECK_RC(trustaudit_inspector_new(mozilla, holes, 1, &none), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("local[0] is NULL");
  CHECK_RC(trustaudit_inspector_new(mozilla, NULL, 1, &none), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_inspector_new(mozilla, holes, SIZE_MAX, &none), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_inspector_new(mozilla, NULL, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK(none == NULL);
  CHECK_RC(trustaudit_inspector_new(mozilla, NULL, 0, &inspector), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_chain_from_certs(NULL, 0, &empty), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_inspect(inspector, empty, NULL, 0, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("the chain is empty");
  CHECK_RC(trustaudit_inspect(inspector, chain, bad_utf8, sizeof bad_utf8, &v), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_RC(trustaudit_inspect(inspector, chain, NULL, 2, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_inspect(inspector, chain, bad_utf8, HUGE_LEN, &v), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_inspect(NULL, chain, NULL, 0, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("inspector is NULL");
  CHECK_RC(trustaudit_inspect(inspector, NULL, NULL, 0, &v), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_inspect(inspector, chain, NULL, 0, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("verdict_out is NULL");
  CHECK(memcmp(&v, &before, sizeof v) == 0);
  CHECK_RC(trustaudit_inspect_json(inspector, chain, NULL, 0, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_inspect_json(inspector, empty, NULL, 0, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK(json == NULL);
  trustaudit_inspector_free(NULL);
  ok = 1;
done:
  trustaudit_chain_free(chain);
  trustaudit_chain_free(empty);
  trustaudit_inspector_free(inspector);
  trustaudit_store_free(mozilla);
  return ok;
}

int main(int argc, char **argv) {
  static const struct test_case cases[] = {
      TEST(test_go_reads_exactly_ssl_cert_file_and_ssl_cert_dir_when_set),
      TEST(test_every_runtime_has_a_view_or_says_it_is_not_installed),
      TEST(test_runtime_view_errors),
      TEST(test_diff_flags_roots_missing_from_the_reference),
      TEST(test_diff_errors),
      TEST(test_sct_list_of_a_leaf_without_scts_is_empty),
      TEST(test_sct_list_errors),
      TEST(test_verdict_names_the_interception_product),
      TEST(test_a_chain_to_a_public_root_is_not_intercepted),
      TEST(test_verdict_errors_leave_the_result_untouched),
  };
  return run_tests(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
