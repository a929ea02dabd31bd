// verify_go: Go's crypto/x509 Verify on the chains benches/verify.rs wrote, for
// benches/peers/verify.sh. Usage: go run verify_go.go DIR LABEL...; prints "LABEL ns_per_op".
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func certs(path string) []*x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return out
		}
		if c, err := x509.ParseCertificate(b.Bytes); err == nil {
			out = append(out, c)
		}
	}
}

func main() {
	dir := os.Args[1]
	name, _ := os.ReadFile(filepath.Join(dir, "name"))
	ts, _ := os.ReadFile(filepath.Join(dir, "time"))
	secs, _ := strconv.ParseInt(strings.TrimSpace(string(ts)), 10, 64)
	for _, label := range os.Args[2:] {
		chain := certs(filepath.Join(dir, label, "chain.pem"))
		roots := x509.NewCertPool()
		for _, r := range certs(filepath.Join(dir, label, "roots.pem")) {
			roots.AddCert(r)
		}
		inter := x509.NewCertPool()
		for _, c := range chain[1:] {
			inter.AddCert(c)
		}
		opts := x509.VerifyOptions{
			DNSName:       strings.TrimSpace(string(name)),
			Roots:         roots,
			Intermediates: inter,
			CurrentTime:   time.Unix(secs, 0),
		}
		if _, err := chain[0].Verify(opts); err != nil {
			panic(err)
		}
		r := testing.Benchmark(func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := chain[0].Verify(opts); err != nil {
					b.Fatal(err)
				}
			}
		})
		fmt.Printf("%s %d\n", label, r.NsPerOp())
	}
}
