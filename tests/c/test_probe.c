/* Live probes through the C ABI against servers on 127.0.0.1 only: an openssl s_server that
 * run.sh starts (port in TRUSTAUDIT_TEST_TLS_PORT), a closed port and a listener that never
 * answers; the doctor's errors, found before any network I/O; plus every argument error.
 * Nothing here touches the internet. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

#define HUGE_LEN (SIZE_MAX / 2 + 1)
#define TEXT(s) (const uint8_t *)(s), strlen(s)

/* A TCP listener on 127.0.0.1 with a kernel-chosen port that never accepts: connections
 * complete the TCP handshake in the backlog and then hear nothing. Returns the socket. */
static int silent_listener(unsigned *port_out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 4) != 0 ||
      getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
    close(fd);
    return -1;
  }
  *port_out = ntohs(addr.sin_port);
  return fd;
}

static int test_probe_records_the_chain_a_local_server_presents(void) {
  int ok = 0;
  char *json = NULL;
  size_t len = 0;
  const char *port = getenv("TRUSTAUDIT_TEST_TLS_PORT");
  if (port == NULL) {
    printf("  skipped: TRUSTAUDIT_TEST_TLS_PORT is not set (run.sh starts openssl s_server)\n");
    return 1;
  }
  char target[64], connect_to[64];
  snprintf(target, sizeof target, "www.example.test:%s", port);
  snprintf(connect_to, sizeof connect_to, "127.0.0.1:%s", port);
  /* Generous: under valgrind on a busy machine the handshake alone can take seconds. */
  trustaudit_probe_options o = {.timeout_ms = 30000, .proxy = TRUSTAUDIT_PROXY_MODE_DIRECT};
  o.connect_to = (const uint8_t *)connect_to;
  o.connect_to_len = strlen(connect_to);
  CHECK_RC(trustaudit_probe_json(TEXT(target), &o, &json, &len), TRUSTAUDIT_RESULT_OK);
  CHECK(strlen(json) == len);
  CHECK(strstr(json, "\"kind\": \"probe\""));
  CHECK(strstr(json, "\"failure\": null"));
  CHECK(strstr(json, "\"subject\": \"CN=www.example.test\""));
  CHECK(strstr(json, "\"subject\": \"O=trustaudit tests, CN=Test Intermediate CA\""));
  ok = 1;
done:
  if (!ok && json) fprintf(stderr, "%s\n", json);
  trustaudit_string_free(json);
  return ok;
}

static int test_probe_of_a_closed_port_reports_the_failed_phase(void) {
  int ok = 0;
  char *json = NULL;
  unsigned port = 0;
  int fd = silent_listener(&port);
  CHECK(fd >= 0);
  close(fd); /* now nothing listens there */
  char target[64];
  snprintf(target, sizeof target, "127.0.0.1:%u", port);
  trustaudit_probe_options o = {.timeout_ms = 2000, .proxy = TRUSTAUDIT_PROXY_MODE_DIRECT};
  CHECK_RC(trustaudit_probe_json(TEXT(target), &o, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"failure\": {"));
  CHECK(strstr(json, "\"phase\": \"tcp\""));
  ok = 1;
done:
  if (!ok && json) fprintf(stderr, "%s\n", json);
  trustaudit_string_free(json);
  return ok;
}

static int test_probe_gives_up_on_a_silent_server_after_its_timeout(void) {
  int ok = 0;
  char *json = NULL;
  unsigned port = 0;
  int fd = silent_listener(&port);
  CHECK(fd >= 0);
  char target[64];
  snprintf(target, sizeof target, "127.0.0.1:%u", port);
  trustaudit_probe_options o = {.timeout_ms = 300, .proxy = TRUSTAUDIT_PROXY_MODE_DIRECT};
  CHECK_RC(trustaudit_probe_json(TEXT(target), &o, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(strstr(json, "\"phase\": \"tls\""));
  CHECK(strstr(json, "timed out") || strstr(json, "timeout"));
  ok = 1;
done:
  if (!ok && json) fprintf(stderr, "%s\n", json);
  if (fd >= 0) close(fd);
  trustaudit_string_free(json);
  return ok;
}

static int test_probe_argument_errors(void) {
  int ok = 0;
  char *json = NULL;
  size_t len = 0;
  static const uint8_t bad_utf8[] = {'h', 0xfe};
  CHECK_RC(trustaudit_probe_json(NULL, 0, NULL, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("target: \"\": no host");
  CHECK_RC(trustaudit_probe_json(TEXT("ftp://example.test"), NULL, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("only https:// URLs can be probed");
  CHECK_RC(trustaudit_probe_json(TEXT("example.test:0"), NULL, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("bad port");
  CHECK_RC(trustaudit_probe_json(bad_utf8, sizeof bad_utf8, NULL, &json, &len), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_ERROR_HAS("target is not valid UTF-8");
  CHECK_RC(trustaudit_probe_json(NULL, 4, NULL, &json, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_RC(trustaudit_probe_json(bad_utf8, HUGE_LEN, NULL, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_RC(trustaudit_probe_json(TEXT("example.test"), NULL, NULL, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  trustaudit_probe_options o = {.proxy = 9};
  CHECK_RC(trustaudit_probe_json(TEXT("example.test"), &o, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("options.proxy: 9 is not a trustaudit_proxy_mode");
  trustaudit_probe_options c = {.connect_to = (const uint8_t *)"nowhere", .connect_to_len = 7};
  CHECK_RC(trustaudit_probe_json(TEXT("example.test"), &c, &json, &len), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("options.connect_to: \"nowhere\" is not an address:port");
  trustaudit_probe_options n = {.sni = NULL, .sni_len = 3};
  CHECK_RC(trustaudit_probe_json(TEXT("example.test"), &n, &json, &len), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("options.sni (with length 3) is NULL");
  trustaudit_probe_options u = {.sni = bad_utf8, .sni_len = sizeof bad_utf8};
  CHECK_RC(trustaudit_probe_json(TEXT("example.test"), &u, &json, &len), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK(json == NULL && len == 0);
  ok = 1;
done:
  return ok;
}

static int test_probed_chain_goes_straight_to_verify(void) {
  int ok = 0;
  char *json = NULL;
  const trustaudit_chain *chain = NULL;
  const trustaudit_store *root = NULL;
  const trustaudit_verifier *verifier = NULL;
  const char *port = getenv("TRUSTAUDIT_TEST_TLS_PORT");
  if (port == NULL) {
    printf("  skipped: TRUSTAUDIT_TEST_TLS_PORT is not set (run.sh starts openssl s_server)\n");
    return 1;
  }
  char target[64], connect_to[64];
  snprintf(target, sizeof target, "https://www.example.test:%s/", port);
  snprintf(connect_to, sizeof connect_to, "127.0.0.1:%s", port);
  /* Generous: under valgrind on a busy machine the handshake alone can take seconds. */
  trustaudit_probe_options o = {.timeout_ms = 30000, .proxy = TRUSTAUDIT_PROXY_MODE_DIRECT};
  o.connect_to = (const uint8_t *)connect_to;
  o.connect_to_len = strlen(connect_to);
  CHECK_RC(trustaudit_probe(TEXT(target), &o, &chain, &json, NULL), TRUSTAUDIT_RESULT_OK);
  CHECK(trustaudit_chain_len(chain) == 2);
  CHECK(strstr(json, "\"kind\": \"probe\""));
  const char *p = fixture_path("root.pem");
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)p, strlen(p), &root), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verifier_new(root, &verifier), TRUSTAUDIT_RESULT_OK);
  trustaudit_verification v;
  CHECK_RC(trustaudit_verify(verifier, chain, TEXT("www.example.test"), NULL, &v), TRUSTAUDIT_RESULT_OK);
  CHECK(v.trusted && v.path_len == 3);
  ok = 1;
done:
  trustaudit_string_free(json);
  trustaudit_chain_free(chain);
  trustaudit_verifier_free(verifier);
  trustaudit_store_free(root);
  return ok;
}

static int test_probe_with_chain_out_errors(void) {
  int ok = 0;
  char *json = NULL;
  const trustaudit_chain *chain = NULL;
  CHECK_RC(trustaudit_probe(TEXT("example.test"), NULL, NULL, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("chain_out is NULL");
  CHECK_RC(trustaudit_probe(TEXT("example.test"), NULL, &chain, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  CHECK_RC(trustaudit_probe(TEXT("ftp://x"), NULL, &chain, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK(chain == NULL && json == NULL);
  ok = 1;
done:
  return ok;
}

/* Offline: every doctor error is found before any network I/O. */
static int test_doctor_argument_errors_and_a_missing_tool(void) {
  int ok = 0;
  char *json = NULL;
  static const uint8_t bad_utf8[] = {0xe2, 0x82};
  CHECK_RC(trustaudit_doctor_json(5, NULL, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("tool: 5 is not a tool");
  CHECK_RC(trustaudit_doctor_json(TRUSTAUDIT_TOOL_GIT, NULL, &json, NULL), TRUSTAUDIT_RESULT_INVALID_ARGUMENT);
  CHECK_ERROR_HAS("git needs the remote URL");
  CHECK_RC(trustaudit_doctor_json(TRUSTAUDIT_TOOL_GO, NULL, NULL, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  CHECK_ERROR_HAS("json_out is NULL");
  trustaudit_doctor_options bad = {.target = bad_utf8, .target_len = sizeof bad_utf8};
  CHECK_RC(trustaudit_doctor_json(TRUSTAUDIT_TOOL_GO, &bad, &json, NULL), TRUSTAUDIT_RESULT_INVALID_UTF8);
  CHECK_ERROR_HAS("options.target is not valid UTF-8");
  trustaudit_doctor_options null_root = {.root_path = NULL, .root_path_len = 4};
  CHECK_RC(trustaudit_doctor_json(TRUSTAUDIT_TOOL_PIP, &null_root, &json, NULL), TRUSTAUDIT_RESULT_NULL_ARGUMENT);
  /* With PATH emptied the tool cannot be found: nothing runs, nothing is probed. */
  const char *saved = getenv("PATH");
  char *path = saved ? strdup(saved) : NULL;
  setenv("PATH", "/nonexistent-trustaudit-test", 1);
  trustaudit_result rc = trustaudit_doctor_json(TRUSTAUDIT_TOOL_GO, NULL, &json, NULL);
  const char *msg = trustaudit_last_error();
  int missing = rc == TRUSTAUDIT_RESULT_NOT_FOUND && msg && strstr(msg, "go is not on PATH");
  if (path) {
    setenv("PATH", path, 1);
    free(path);
  }
  CHECK(missing);
  CHECK(json == NULL);
  ok = 1;
done:
  trustaudit_string_free(json);
  return ok;
}

int main(int argc, char **argv) {
  static const struct test_case cases[] = {
      TEST(test_probe_records_the_chain_a_local_server_presents),
      TEST(test_probe_of_a_closed_port_reports_the_failed_phase),
      TEST(test_probe_gives_up_on_a_silent_server_after_its_timeout),
      TEST(test_probe_argument_errors),
      TEST(test_probed_chain_goes_straight_to_verify),
      TEST(test_probe_with_chain_out_errors),
      TEST(test_doctor_argument_errors_and_a_missing_tool),
  };
  return run_tests(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
