//go:build ignore

// gen writes the fixtures the examples use: a root (root.pem), and the chain a server for
// www.example.test and 127.0.0.1 presents (chain.pem: leaf, intermediate). ECDSA P-256, valid
// 2025-01-01 to 2125-01-01. Run `go run gen.go` in this directory to regenerate.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"time"
)

func main() {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2125, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(serial int64, cn string, ca bool, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey) {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{CommonName: cn, Organization: []string{"Example Corp"}},
			NotBefore:    from, NotAfter: to,
			BasicConstraintsValid: true,
		}
		if ca {
			tmpl.IsCA = true
			tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		} else {
			tmpl.KeyUsage = x509.KeyUsageDigitalSignature
			tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
			tmpl.DNSNames = []string{"www.example.test"}
			tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
		}
		if parent == nil {
			parent, parentKey = tmpl, key
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
		if err != nil {
			panic(err)
		}
		cert, _ := x509.ParseCertificate(der)
		return cert, key
	}
	root, rootKey := mk(1, "Example Corp Root CA", true, nil, nil)
	inter, interKey := mk(2, "Example Corp Issuing CA", true, root, rootKey)
	leaf, _ := mk(3, "www.example.test", false, inter, interKey)
	write := func(name string, certs ...*x509.Certificate) {
		var out []byte
		for _, c := range certs {
			out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			panic(err)
		}
	}
	write("root.pem", root)
	write("chain.pem", leaf, inter)
}
