// roots_go: prints what Go's crypto/x509 trusts on this machine, for tests/runtime_views.rs.
//
// Usage: roots_go [EXPECTED.pem]
// Output: one "subject <sha256 hex of the DER subject>" line per certificate in
// x509.SystemCertPool(), then "count <n>", then, when EXPECTED is given, "equal <true|false>":
// whether the system pool holds exactly the certificates of EXPECTED (CertPool.Equal).
package main

import (
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"os"
	"sort"
)

func main() {
	pool, err := x509.SystemCertPool()
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	//lint:ignore SA1019 Subjects is the only public listing of a pool; fine for system pools on Linux.
	subjects := pool.Subjects()
	lines := make([]string, 0, len(subjects))
	for _, s := range subjects {
		lines = append(lines, fmt.Sprintf("subject %x", sha256.Sum256(s)))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	fmt.Println("count", len(subjects))
	if len(os.Args) > 1 {
		data, err := os.ReadFile(os.Args[1])
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		want := x509.NewCertPool()
		want.AppendCertsFromPEM(data)
		fmt.Println("equal", pool.Equal(want))
	}
}
