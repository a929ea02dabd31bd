/* A tiny test harness for the C ABI tests: one test_* function per case, each releasing every
 * handle on one `done:` path, and a main that prints PASSED/FAILED per case. */
#ifndef TRUSTAUDIT_TEST_HARNESS_H
#define TRUSTAUDIT_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustaudit.h"

/* Directory holding the certificates tests/c/fixtures.sh wrote; set from argv[1]. */
static const char *fixture_dir = ".";

#define CHECK(cond)                                                                        \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);          \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

/* Checks a call's result code; on a mismatch prints both names and the last error. */
#define CHECK_RC(call, want)                                                               \
  do {                                                                                     \
    trustaudit_result rc_ = (call);                                                        \
    if (rc_ != (trustaudit_result)(want)) {                                                \
      const char *msg_ = trustaudit_last_error();                                          \
      fprintf(stderr, "  %s:%d: %s returned %s, want %s (last error: %s)\n", __FILE__,     \
              __LINE__, #call, trustaudit_result_name(rc_), trustaudit_result_name(want),   \
              msg_ ? msg_ : "(none)");                                                     \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

/* Checks that the last error on this thread contains `needle`. */
#define CHECK_ERROR_HAS(needle)                                                            \
  do {                                                                                     \
    const char *msg_ = trustaudit_last_error();                                            \
    if (msg_ == NULL || strstr(msg_, (needle)) == NULL) {                                  \
      fprintf(stderr, "  %s:%d: last error \"%s\" does not contain \"%s\"\n", __FILE__,   \
              __LINE__, msg_ ? msg_ : "(null)", (needle));                                 \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

/* Reads a fixture file into a malloc'd buffer; returns NULL (and says why) on failure. */
static inline unsigned char *read_fixture(const char *name, size_t *len_out) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "  cannot open fixture %s\n", path);
    return NULL;
  }
  unsigned char *buf = NULL;
  size_t cap = 0, len = 0;
  for (;;) {
    if (len == cap) {
      cap = cap ? cap * 2 : 4096;
      unsigned char *grown = realloc(buf, cap);
      if (grown == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
    }
    size_t n = fread(buf + len, 1, cap - len, f);
    if (n == 0) break;
    len += n;
  }
  fclose(f);
  *len_out = len;
  return buf;
}

/* The full path of a fixture, in a static buffer (one at a time). */
static inline const char *fixture_path(const char *name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
  return path;
}

struct test_case {
  const char *name;
  int (*run)(void); /* returns 1 on success */
};

static inline int run_tests(int argc, char **argv, const struct test_case *cases, size_t n) {
  if (argc > 1) fixture_dir = argv[1];
  if (trustaudit_abi_version() != TRUSTAUDIT_ABI_VERSION) {
    fprintf(stderr, "ABI mismatch: header %d, library %u\n", TRUSTAUDIT_ABI_VERSION,
            trustaudit_abi_version());
    return 1;
  }
  size_t failed = 0;
  for (size_t i = 0; i < n; i++) {
    int ok = cases[i].run();
    printf("%s %s\n", ok ? "PASSED" : "FAILED", cases[i].name);
    if (!ok) failed++;
  }
  printf("%zu passed, %zu failed\n", n - failed, failed);
  return failed ? 1 : 0;
}

#define TEST(fn) {#fn, fn}

#endif
