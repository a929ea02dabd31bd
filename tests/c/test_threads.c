/* Handles shared between threads and the per-thread last error, through the C ABI: several
 * threads verify and name-check with one verifier, one chain and one certificate at once, and
 * each sees only its own error message. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"

#define THREADS 4
#define ROUNDS 25

struct shared {
  const trustaudit_verifier *verifier;
  const trustaudit_chain *chain;
  const trustaudit_cert *leaf;
};

struct job {
  const struct shared *shared;
  int index;
  int ok;
};

static void *worker(void *arg) {
  struct job *job = arg;
  const struct shared *s = job->shared;
  char name[64], expected[96];
  /* A name of this thread's own, invalid in a way that puts it in the message. */
  snprintf(name, sizeof name, "bad name %d!", job->index);
  snprintf(expected, sizeof expected, "\"bad name %d!\" is not a valid DNS name", job->index);
  for (int i = 0; i < ROUNDS; i++) {
    trustaudit_verification v;
    trustaudit_name_result n;
    if (trustaudit_verify(s->verifier, s->chain, (const uint8_t *)"www.example.test", 16, NULL, &v) ||
        !v.trusted)
      return NULL;
    if (trustaudit_name_check(s->leaf, (const uint8_t *)"a.wild.example.test", 19, TRUSTAUDIT_RUNTIME_GO, &n) ||
        !n.matched)
      return NULL;
    if (trustaudit_verify(s->verifier, s->chain, (const uint8_t *)name, strlen(name), NULL, &v) !=
        TRUSTAUDIT_RESULT_INVALID_ARGUMENT)
      return NULL;
    const char *msg = trustaudit_last_error();
    if (msg == NULL || strstr(msg, expected) == NULL) {
      fprintf(stderr, "  thread %d saw \"%s\"\n", job->index, msg ? msg : "(null)");
      return NULL;
    }
  }
  job->ok = 1;
  return NULL;
}

static int test_threads_share_handles_and_keep_their_own_last_error(void) {
  int ok = 0;
  struct shared s = {NULL, NULL, NULL};
  const trustaudit_store *root = NULL;
  size_t len = 0;
  unsigned char *pem = read_fixture("leaf-chain.pem", &len);
  const char *p = fixture_path("root.pem");
  CHECK(pem != NULL);
  CHECK_RC(trustaudit_chain_from_pem(pem, len, &s.chain), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_chain_cert(s.chain, 0, &s.leaf), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_store_from_path((const uint8_t *)p, strlen(p), &root), TRUSTAUDIT_RESULT_OK);
  CHECK_RC(trustaudit_verifier_new(root, &s.verifier), TRUSTAUDIT_RESULT_OK);
  /* A message of the main thread's own, which the workers' failures must not replace. */
  CHECK(trustaudit_chain_len(NULL) == 0);
  CHECK_ERROR_HAS("chain is NULL");
  pthread_t threads[THREADS];
  struct job jobs[THREADS];
  int started = 0;
  for (int i = 0; i < THREADS; i++) {
    jobs[i] = (struct job){&s, i, 0};
    if (pthread_create(&threads[i], NULL, worker, &jobs[i]) != 0) break;
    started++;
  }
  int all = started == THREADS;
  for (int i = 0; i < started; i++) {
    pthread_join(threads[i], NULL);
    all = all && jobs[i].ok;
  }
  CHECK(all);
  CHECK_ERROR_HAS("chain is NULL");
  ok = 1;
done:
  free(pem);
  trustaudit_cert_free(s.leaf);
  trustaudit_chain_free(s.chain);
  trustaudit_verifier_free(s.verifier);
  trustaudit_store_free(root);
  return ok;
}

int main(int argc, char **argv) {
  static const struct test_case cases[] = {
      TEST(test_threads_share_handles_and_keep_their_own_last_error),
  };
  return run_tests(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
