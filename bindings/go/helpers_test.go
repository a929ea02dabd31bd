package trustaudit

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"testing"
	"time"
)

// issued is a generated certificate and its key.
type issued struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// spec says what to put in a generated certificate.
type spec struct {
	cn        string
	org       string // "trustaudit tests" when empty
	dns       []string
	ips       []net.IP
	ca        bool
	notBefore time.Time
	notAfter  time.Time
	eku       []x509.ExtKeyUsage
	pathLen   int // -1: unlimited
}

var serial int64 = 1000

// issue makes a certificate from s signed by parent (self-signed when parent is nil).
func issue(t testing.TB, s spec, parent *issued) *issued {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial++
	if s.org == "" {
		s.org = "trustaudit tests"
	}
	if s.notBefore.IsZero() {
		s.notBefore = time.Now().Add(-time.Hour)
	}
	if s.notAfter.IsZero() {
		s.notAfter = time.Now().Add(24 * time.Hour)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: s.cn, Organization: []string{s.org}},
		NotBefore:    s.notBefore,
		NotAfter:     s.notAfter,
		DNSNames:     s.dns,
		IPAddresses:  s.ips,
		ExtKeyUsage:  s.eku,
	}
	if s.ca {
		tmpl.IsCA = true
		tmpl.BasicConstraintsValid = true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		if s.pathLen >= 0 {
			tmpl.MaxPathLen = s.pathLen
			tmpl.MaxPathLenZero = s.pathLen == 0
		} else {
			tmpl.MaxPathLen = -1
		}
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		if s.eku == nil {
			tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		}
	}
	signerCert, signerKey := tmpl, crypto.Signer(key)
	if parent != nil {
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, key.Public(), signerKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &issued{cert: cert, key: key}
}

// pemOf encodes certificates as one PEM bundle.
func pemOf(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}

// pki is a root, an intermediate and a leaf for "www.example.test".
type pki struct {
	root, inter, leaf *issued
}

func newPKI(t testing.TB) pki {
	t.Helper()
	root := issue(t, spec{cn: "Test Root CA", ca: true, pathLen: -1}, nil)
	inter := issue(t, spec{cn: "Test Intermediate CA", ca: true, pathLen: 0}, root)
	leaf := issue(t, spec{cn: "www.example.test", dns: []string{"www.example.test"}}, inter)
	return pki{root, inter, leaf}
}
