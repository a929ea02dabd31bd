package trustaudit

// #include "trustaudit.h"
import "C"

import (
	"crypto/x509"
	"encoding/json"
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

// closeAll releases every certificate in certs.
func closeAll(certs []*Certificate) {
	for _, c := range certs {
		c.Close()
	}
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
