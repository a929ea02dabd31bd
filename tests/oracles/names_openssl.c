/* names_openssl: asks OpenSSL's X509_check_host / X509_check_ip_asc about each (cert, name),
 * with the flags each caller uses: 0 (openssl x509 -checkhost, s_client -verify_hostname),
 * NO_PARTIAL_WILDCARDS (Python's default context) and NO_PARTIAL_WILDCARDS|NEVER_CHECK_SUBJECT
 * (Python with hostname_checks_common_name = False, as urllib3 2 sets it).
 *
 * Build: cc -O1 -o names_openssl names_openssl.c -lcrypto
 * Usage: names_openssl MANIFEST   (lines: id<TAB>leaf.pem<TAB>name)
 * Output: id<TAB>plain<TAB>partial-off<TAB>cn-off, each "ok", "fail" or "error". */
#include <stdio.h>
#include <string.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

static const char *verdict(int rc) { return rc == 1 ? "ok" : rc == 0 ? "fail" : "error"; }

static int looks_like_ip(const char *name) {
    ASN1_OCTET_STRING *ip = a2i_IPADDRESS(name);
    if (ip == NULL) return 0;
    ASN1_OCTET_STRING_free(ip);
    return 1;
}

static int check(X509 *cert, const char *name, unsigned int flags) {
    if (looks_like_ip(name)) return X509_check_ip_asc(cert, name, flags);
    return X509_check_host(cert, name, strlen(name), flags, NULL);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: names_openssl MANIFEST\n"); return 2; }
    FILE *manifest = fopen(argv[1], "r");
    if (manifest == NULL) { perror(argv[1]); return 3; }
    char line[8192], last_path[4096] = "";
    X509 *cert = NULL;
    while (fgets(line, sizeof line, manifest) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *id = line, *path = strchr(id, '\t');
        if (path == NULL) continue;
        *path++ = '\0';
        char *name = strchr(path, '\t');
        if (name == NULL) continue;
        *name++ = '\0';
        name[strcspn(name, "\t")] = '\0'; /* a 4th column (the name as typed) is not used */
        if (strcmp(path, last_path) != 0) {
            X509_free(cert);
            cert = NULL;
            FILE *f = fopen(path, "r");
            if (f != NULL) { cert = PEM_read_X509(f, NULL, NULL, NULL); fclose(f); }
            snprintf(last_path, sizeof last_path, "%s", path);
        }
        if (cert == NULL) { printf("%s\tunparsable\tunparsable\tunparsable\n", id); continue; }
        unsigned int np = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS;
        printf("%s\t%s\t%s\t%s\n", id, verdict(check(cert, name, 0)), verdict(check(cert, name, np)),
               verdict(check(cert, name, np | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT)));
    }
    X509_free(cert);
    fclose(manifest);
    return 0;
}
