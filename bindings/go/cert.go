package trustaudit

// #include "trustaudit.h"
import "C"

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"runtime"
	"unsafe"
)

// Certificate is one parsed X.509 certificate held by the C library. It is immutable and safe
// for concurrent use; release it with Close.
type Certificate struct {
	p *C.trustaudit_cert
}

func newCertificate(p *C.trustaudit_cert) *Certificate {
	c := &Certificate{p: p}
	runtime.SetFinalizer(c, (*Certificate).Close) // safety net only; Close is the contract
	return c
}

// ptr returns the C handle; it panics after Close because the handle is gone.
func (c *Certificate) ptr() *C.trustaudit_cert {
	if c == nil || c.p == nil {
		panic("trustaudit: Certificate used after Close")
	}
	return c.p
}

// Close releases the certificate. Calling it again is a no-op; other methods panic after it.
func (c *Certificate) Close() error {
	if c != nil && c.p != nil {
		runtime.SetFinalizer(c, nil)
		C.trustaudit_cert_free(c.p)
		c.p = nil
	}
	return nil
}

// ParseCertificate parses one certificate from PEM (the first CERTIFICATE block; text around
// it is ignored) or DER bytes. The bytes are copied.
//
// It returns an error matching ErrParse when data holds no certificate or a damaged one.
func ParseCertificate(data []byte) (*Certificate, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var out *C.trustaudit_cert
	p, n := bytesArg(data)
	if err := call(func() C.trustaudit_result { return C.trustaudit_cert_from_pem(p, n, &out) }); err != nil {
		return nil, err
	}
	runtime.KeepAlive(data)
	return newCertificate(out), nil
}

// ParseCertificateDER parses exactly one DER certificate (no trailing bytes). The bytes are
// copied.
//
// It returns an error matching ErrParse when der is empty, truncated or not a certificate.
func ParseCertificateDER(der []byte) (*Certificate, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var out *C.trustaudit_cert
	p, n := bytesArg(der)
	if err := call(func() C.trustaudit_result { return C.trustaudit_cert_from_der(p, n, &out) }); err != nil {
		return nil, err
	}
	runtime.KeepAlive(der)
	return newCertificate(out), nil
}

// FromX509 converts a crypto/x509 certificate (its Raw DER) into a Certificate.
//
// It returns an error matching ErrNullArgument when cert is nil.
func FromX509(cert *x509.Certificate) (*Certificate, error) {
	if cert == nil {
		return nil, &Error{Code: CodeNullArgument, Message: "certificate is nil"}
	}
	return ParseCertificateDER(cert.Raw)
}

// ParseChain parses every certificate in data, leaf first: a PEM bundle (every CERTIFICATE
// block, text around them ignored) or one DER certificate. Use it for a chain a server
// presented; use LoadPEM for a root bundle, which keeps going past bad entries.
//
// It returns an error matching ErrParse when data holds no certificate or any block is bad;
// already parsed certificates are then released.
func ParseChain(data []byte) ([]*Certificate, error) {
	ders, err := splitPEMOrDER(data)
	if err != nil {
		return nil, err
	}
	chain := make([]*Certificate, 0, len(ders))
	for _, der := range ders {
		c, err := ParseCertificateDER(der)
		if err != nil {
			closeAll(chain)
			return nil, err
		}
		chain = append(chain, c)
	}
	return chain, nil
}

// FromX509Chain converts a crypto/x509 chain (leaf first) into Certificates.
//
// It returns an error matching ErrNullArgument when the chain is empty or holds nil.
func FromX509Chain(certs []*x509.Certificate) ([]*Certificate, error) {
	if len(certs) == 0 {
		return nil, &Error{Code: CodeNullArgument, Message: "chain is empty"}
	}
	chain := make([]*Certificate, 0, len(certs))
	for _, xc := range certs {
		c, err := FromX509(xc)
		if err != nil {
			closeAll(chain)
			return nil, err
		}
		chain = append(chain, c)
	}
	return chain, nil
}

// closeAll releases every certificate in certs.
func closeAll(certs []*Certificate) {
	for _, c := range certs {
		c.Close()
	}
}

// splitPEMOrDER returns the DER of every CERTIFICATE block in data, or data itself when it
// holds no PEM at all (one DER certificate).
func splitPEMOrDER(data []byte) ([][]byte, error) {
	if len(data) == 0 {
		return nil, &Error{Code: CodeParse, Message: "no certificate: the input is empty"}
	}
	var ders [][]byte
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type == "CERTIFICATE" {
			ders = append(ders, block.Bytes)
		}
	}
	if len(ders) == 0 {
		if data[0] == 0x30 { // a DER SEQUENCE: one certificate
			return [][]byte{data}, nil
		}
		return nil, &Error{Code: CodeParse, Message: "no certificate: the input has no CERTIFICATE PEM block and is not DER"}
	}
	return ders, nil
}

// Subject is the subject as an RFC 4514 string, such as "C=US, O=Let's Encrypt, CN=R11".
func (c *Certificate) Subject() string {
	s, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_cert_subject(c.ptr(), out, n)
	})
	runtime.KeepAlive(c)
	if err != nil {
		panic(err) // only on a NULL handle, which ptr() already rules out
	}
	return s
}

// Issuer is the issuer as an RFC 4514 string.
func (c *Certificate) Issuer() string {
	s, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_cert_issuer(c.ptr(), out, n)
	})
	runtime.KeepAlive(c)
	if err != nil {
		panic(err)
	}
	return s
}

// DER is a copy of the certificate's DER encoding.
func (c *Certificate) DER() []byte {
	var p *C.uint8_t
	var n C.size_t
	if err := call(func() C.trustaudit_result { return C.trustaudit_cert_der(c.ptr(), &p, &n) }); err != nil {
		panic(err)
	}
	der := C.GoBytes(unsafe.Pointer(p), C.int(n))
	runtime.KeepAlive(c)
	return der
}

// X509 parses the certificate with crypto/x509, for use with the rest of Go's TLS stack.
func (c *Certificate) X509() (*x509.Certificate, error) {
	return x509.ParseCertificate(c.DER())
}

// SHA256 is the SHA-256 fingerprint of the whole certificate (what `openssl x509
// -fingerprint -sha256` prints).
func (c *Certificate) SHA256() [32]byte {
	var d C.trustaudit_sha256
	if err := call(func() C.trustaudit_result { return C.trustaudit_cert_sha256(c.ptr(), &d) }); err != nil {
		panic(err)
	}
	runtime.KeepAlive(c)
	return *(*[32]byte)(unsafe.Pointer(&d.bytes))
}

// SPKISHA256 is the SHA-256 of the SubjectPublicKeyInfo: the key's identity, as HPKP pins
// and curl's --pinnedpubkey use it.
func (c *Certificate) SPKISHA256() [32]byte {
	var d C.trustaudit_sha256
	if err := call(func() C.trustaudit_result { return C.trustaudit_cert_spki_sha256(c.ptr(), &d) }); err != nil {
		panic(err)
	}
	runtime.KeepAlive(c)
	return *(*[32]byte)(unsafe.Pointer(&d.bytes))
}

// CertificateInfo describes a certificate the way trustaudit's reports do.
type CertificateInfo struct {
	// Subject is the subject, RFC 4514.
	Subject string `json:"subject"`
	// Issuer is the issuer, RFC 4514.
	Issuer string `json:"issuer"`
	// Serial is the serial number in colon-separated hex.
	Serial string `json:"serial"`
	// NotBefore is the start of validity, RFC 3339.
	NotBefore string `json:"not_before"`
	// NotAfter is the end of validity, RFC 3339.
	NotAfter string `json:"not_after"`
	// SHA256 is the certificate's fingerprint in colon-separated hex.
	SHA256 string `json:"sha256"`
	// SPKISHA256 is the SHA-256 of the SubjectPublicKeyInfo, base64.
	SPKISHA256 string `json:"spki_sha256"`
	// Key names the key algorithm and size, such as "RSA 2048" or "ECDSA P-256".
	Key string `json:"key"`
}

// Info describes the certificate: names, serial, validity, fingerprints and key.
func (c *Certificate) Info() CertificateInfo {
	s, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_cert_json(c.ptr(), out, n)
	})
	runtime.KeepAlive(c)
	if err != nil {
		panic(err)
	}
	var info CertificateInfo
	if err := json.Unmarshal([]byte(s), &info); err != nil {
		panic("trustaudit: the library returned malformed certificate JSON: " + err.Error())
	}
	return info
}
