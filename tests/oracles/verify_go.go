// verify_go: the Go crypto/x509 oracle for tests/verify_differential.rs.
//
// Usage: go run verify_go.go DIR CASE...; each DIR/CASE holds chain.pem (leaf first, then what the
// server sends), roots.pem and name. Prints "CASE\tOK" or "CASE\t<err.Error()>" per case.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func certs(path string) []*x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return out
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err == nil {
			out = append(out, c)
		}
	}
}

func main() {
	dir := os.Args[1]
	for _, name := range os.Args[2:] {
		d := filepath.Join(dir, name)
		chain := certs(filepath.Join(d, "chain.pem"))
		roots := x509.NewCertPool()
		for _, r := range certs(filepath.Join(d, "roots.pem")) {
			roots.AddCert(r)
		}
		inter := x509.NewCertPool()
		for _, c := range chain[1:] {
			inter.AddCert(c)
		}
		host, _ := os.ReadFile(filepath.Join(d, "name"))
		_, err := chain[0].Verify(x509.VerifyOptions{
			DNSName:       strings.TrimSpace(string(host)),
			Roots:         roots,
			Intermediates: inter,
		})
		if err != nil {
			fmt.Printf("%s\t%s\n", name, err.Error())
		} else {
			fmt.Printf("%s\tOK\n", name)
		}
	}
}
