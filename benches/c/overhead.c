/* The C side of the ABI overhead comparison: times trustaudit_name_check and trustaudit_verify
 * in a loop on the fixtures in argv[1] and prints nanoseconds per call: the fastest of many
 * rounds, each the mean over many calls (the minimum is what a shared, busy machine distorts
 * least; benches/c/run.sh takes the same statistic from criterion's samples)
 * as "name_check <ns>" and "verify <ns>" lines for benches/c/run.sh. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <trustaudit.h>

#define NAME "www.example.test"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static unsigned char *slurp(const char *dir, const char *file, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static unsigned char buf[1 << 16];
  *len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  return buf;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int fail(const char *what) {
  fprintf(stderr, "%s: %s\n", what, trustaudit_last_error());
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
    return 2;
  }
  size_t len = 0;
  const trustaudit_chain *chain = NULL;
  const trustaudit_store *store = NULL;
  const trustaudit_verifier *verifier = NULL;
  const trustaudit_cert *leaf = NULL;
  unsigned char *pem = slurp(argv[1], "leaf-chain.pem", &len);
  if (!pem || trustaudit_chain_from_pem(pem, len, &chain)) return fail("leaf-chain.pem");
  if (trustaudit_chain_cert(chain, 0, &leaf)) return fail("leaf");
  char root[4096];
  snprintf(root, sizeof root, "%s/root.pem", argv[1]);
  if (trustaudit_store_from_path((const uint8_t *)root, strlen(root), &store)) return fail(root);
  if (trustaudit_verifier_new(store, &verifier)) return fail("verifier");

  enum { rounds = 40 };
  double name_ns[rounds], verify_ns[rounds];
  for (int r = 0; r < rounds; r++) {
    const long n = 20000;
    trustaudit_name_result res;
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
      if (trustaudit_name_check(leaf, (const uint8_t *)NAME, sizeof NAME - 1, TRUSTAUDIT_RUNTIME_GO, &res) ||
          !res.matched)
        return fail("name check");
    }
    name_ns[r] = (now_ns() - t0) / (double)n;

    const long m = 300;
    trustaudit_verification v;
    t0 = now_ns();
    for (long i = 0; i < m; i++) {
      if (trustaudit_verify(verifier, chain, (const uint8_t *)NAME, sizeof NAME - 1, NULL, &v) || !v.trusted)
        return fail("verify");
    }
    verify_ns[r] = (now_ns() - t0) / (double)m;
  }
  qsort(name_ns, rounds, sizeof name_ns[0], by_value);
  qsort(verify_ns, rounds, sizeof verify_ns[0], by_value);
  printf("name_check %.1f\nverify %.1f\n", name_ns[0], verify_ns[0]);
  trustaudit_cert_free(leaf);
  trustaudit_chain_free(chain);
  trustaudit_verifier_free(verifier);
  trustaudit_store_free(store);
  return 0;
}
